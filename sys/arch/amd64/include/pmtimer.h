/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Measuring an interval of the ACPI PM timer (ACPI 6.4, 4.8.3.3: a
 * free-running 3.579545 MHz counter, 24 bits, or 32 with the FADT flag
 * TMR_VAL_EXT) against another clock: the TSC for calibration, kvmclock
 * in its test.  Pure (the timer and the other clock are callbacks), so
 * host tests drive it with a fake timer.
 */
#ifndef _MACHINE_PMTIMER_H_
#define _MACHINE_PMTIMER_H_

#include <stdint.h>

#include <machine/acpi.h>

#define PMTIMER_MASK_24	0xffffffULL
#define PMTIMER_MASK_32	0xffffffffULL

struct pmtimer_span {
	uint64_t	ticks;		/* PM ticks counted, >= asked */
	uint64_t	start, end;	/* the other clock at both edges */
	uint64_t	width;		/* widest edge window, other clock */
	uint64_t	jump;		/* widest edge window, PM ticks */
};

/*
 * Count PM timer ticks from one edge to the edge that completes at least
 * `ticks` of them, and sample() the other clock around every timer read.
 * An edge lies between the sample before the read that still showed the
 * old value and a sample after the read that shows the new one; its time
 * is taken as the middle of that window, so the error is at most half a
 * window at each end (and a read that was slow widens the window, and
 * the error bound, instead of moving the estimate).  The first
 * edges only warm up (pmtimer.c).  The wrap at `mask` (24 or 32 bits) is
 * handled; ticks must be below mask / 2.
 * Bounded: gives up (-1) after max_reads timer reads or a read < 0.
 */
int	pmtimer_span(int64_t (*rd)(void), uint64_t mask,
	    uint64_t (*sample)(void), uint64_t ticks, unsigned max_reads, struct pmtimer_span *sp);

/*
 * The worst-case error of a span in ppm: half an edge window at each end.
 * A window is wide when a read was slow (the host preempted the vCPU).
 * UINT64_MAX if the timer moved further inside a window than the other
 * clock did (the clocks stopped agreeing: TCG's TSC stalls while the
 * timer runs on when QEMU's vCPU thread is descheduled).
 */
uint64_t pmtimer_span_err_ppm(const struct pmtimer_span *sp);

/* The other clock's rate over a span, kHz: delta * PM Hz / ticks / 1000. */
uint64_t pmtimer_span_khz(const struct pmtimer_span *sp);

#endif /* !_MACHINE_PMTIMER_H_ */
