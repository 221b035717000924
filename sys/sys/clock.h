/*
 * Clocks.  Backends offer what they know: a clock source (kvmclock, Xen's
 * pvclock) and the TSC frequency with where it came from.  The best offer
 * wins; the report names both (clock=, tsc_khz=, tsc_src=).
 */
#ifndef _SYS_CLOCK_H_
#define _SYS_CLOCK_H_

#include <stdint.h>

/* How much a TSC frequency is trusted; lower is better (docs/design.md). */
#define TSC_RANK_XEN_LEAF	1	/* Xen CPUID base+3 ECX */
#define TSC_RANK_HV_LEAF	2	/* CPUID 0x40000010 EAX */
#define TSC_RANK_PVCLOCK	3	/* derived from pvclock mul/shift */
#define TSC_RANK_CPUID		4	/* CPUID 0x15 / 0x16 */
#define TSC_RANK_CALIBRATED	5	/* measured against the PM timer */
#define TSC_RANK_NONE		99

struct clocksource {
	const char	*name;		/* clock= in the report */
	uint64_t	(*read_ns)(void);
};

void	tsc_freq_offer(uint64_t khz, const char *src, int rank);
void	clock_register(const struct clocksource *);
/* After the backends: take the best TSC frequency that costs no waiting. */
void	clock_select(void);
/* After the end of boot: measure the TSC if nothing else knew its rate. */
void	clock_calibrate_late(void);

uint64_t tsc_khz(void);		/* 0: unknown */
const char *tsc_source(void);	/* "none" if unknown */
const char *clock_name(void);
/* Nanoseconds from the selected clock (TSC-based if none registered). */
uint64_t clock_ns(void);
/* TSC ticks to microseconds; UINT64_MAX if the rate is unknown. */
uint64_t tsc_to_us(uint64_t ticks);

#endif /* !_SYS_CLOCK_H_ */
