/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CPUID leaves the kernel keeps, and the TSC frequency from CPUID or, as
 * a last resort, from the ACPI PM timer.  Never from the PIT: Firecracker
 * and Cloud Hypervisor have none, and PVH under Xen neither.
 */
#include <sys/systm.h>

#include <kern/kern_md.h>
#include <machine/acpi.h>
#include <machine/cpu.h>
#include <machine/cpufunc.h>
#include <machine/pmtimer.h>

uint32_t cpu_id1[4];

void
cpu_identify(void)
{
	cpuid(1, cpu_id1);
}

uint64_t
cpu_tsc_khz_cpuid(const char **src)
{
	uint32_t r[4], max;

	cpuid(0, r);
	max = r[0];
	if (max >= 0x15) {
		/* TSC = crystal (ECX, Hz) * EBX / EAX */
		cpuid(0x15, r);
		if (r[0] != 0 && r[1] != 0 && r[2] != 0) {
			*src = "cpuid-15h";
			return (uint64_t)r[2] * r[1] / r[0] / 1000;
		}
	}
	if (max >= 0x16) {
		/* EAX: base frequency in MHz, which is the TSC rate. */
		cpuid(0x16, r);
		if ((r[0] & 0xffff) != 0) {
			*src = "cpuid-16h";
			return (uint64_t)(r[0] & 0xffff) * 1000;
		}
	}
	return 0;
}

/*
 * Count TSC cycles over exactly CAL_PM_TICKS ticks of the PM timer, edge
 * to edge (pmtimer.c): 1 ms, each end placed in the middle of a window of
 * about two timer reads.  The window bounds the error from above (both
 * ends at the far side of their windows); in practice it is a fraction
 * of that: under TCG ~2 us windows, < 300 ppm measured against the host's
 * TSC.  A span whose windows exceed CAL_MAX_ERR_PPM (a read the host
 * preempted) is measured again, up to CAL_TRIES times; the best is kept.  Every timer read is an exit, so this only runs when
 * nothing else knows the rate, and after the end of boot has been
 * timestamped.  Bounded: a timer that does not move ends it after
 * CAL_MAX_READS reads.
 */
#define CAL_PM_TICKS	(ACPI_PM_TIMER_HZ / 1000)	/* 1 ms, round down */
#define CAL_MAX_ERR_PPM	2000				/* 2 us in 1 ms */
#define CAL_TRIES	5
#define CAL_MAX_READS	10000000

static uint64_t
cal_tsc(void)
{
	return rdtsc_ordered();
}

uint64_t
tsc_calibrate_pmtimer(void)
{
	const struct acpi_info *ai = acpi_probe();
	struct pmtimer_span sp;
	uint64_t err, best_err = UINT64_MAX, khz = 0;
	unsigned i;

	for (i = 0; i < CAL_TRIES && best_err > CAL_MAX_ERR_PPM; i++) {
		if (pmtimer_span(acpi_pm_timer_read, ai->pm_tmr_32bit ?
		    PMTIMER_MASK_32 : PMTIMER_MASK_24, cal_tsc, CAL_PM_TICKS,
		    CAL_MAX_READS, &sp) != 0)
			break;
		if ((err = pmtimer_span_err_ppm(&sp)) < best_err) {
			best_err = err;
			khz = pmtimer_span_khz(&sp);
		}
	}
	return khz;
}
