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
 * Count TSC cycles over 1/100 s of PM timer (35795 ticks).  Every timer
 * read is an exit, so this only runs when nothing else knows the rate,
 * and after the end of boot has been timestamped.  Bounded: a timer that
 * does not move ends the loop.
 */
#define CAL_PM_TICKS	35795
#define CAL_MAX_READS	10000000

uint64_t
tsc_calibrate_pmtimer(void)
{
	const struct acpi_info *ai = acpi_probe();
	uint64_t mask = ai->pm_tmr_32bit ? 0xffffffffULL : 0xffffffULL;
	int64_t t0, t;
	uint64_t tsc0, tsc1, ticks = 0;
	unsigned reads;

	if ((t0 = acpi_pm_timer_read()) < 0)
		return 0;
	tsc0 = rdtsc_ordered();
	for (reads = 0; reads < CAL_MAX_READS; reads++) {
		t = acpi_pm_timer_read();
		ticks = ((uint64_t)t - (uint64_t)t0) & mask;
		if (ticks >= CAL_PM_TICKS)
			break;
	}
	tsc1 = rdtsc_ordered();
	if (ticks < CAL_PM_TICKS)
		return 0;
	return (tsc1 - tsc0) * ACPI_PM_TIMER_HZ / (ticks * 1000);
}
