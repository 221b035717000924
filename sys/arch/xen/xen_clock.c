/*
 * Xen time: vcpu_info.time in shared_info is a pvclock record, read with
 * the shared reader (dev/pv/pvclock.c).  We run on vCPU 0 only, so its
 * record is the one.
 *
 * The TSC rate comes without calibration from Xen's time leaf, CPUID
 * base+3 sub-leaf 0, ECX (kHz); failing that, from the record's mul/shift.
 */
#include <sys/clock.h>
#include <sys/systm.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <dev/pv/pvclock.h>
#include <machine/cpufunc.h>

_Static_assert(sizeof(struct vcpu_time_info) ==
    sizeof(struct pvclock_vcpu_time_info), "Xen's time record is a pvclock");

#define XEN_CPUID_TIME_LEAF	3	/* base + 3: time */

static struct pvclock_state xen_pvclock_state;

static volatile const struct pvclock_vcpu_time_info *
xen_time_record(void)
{
	return (volatile const struct pvclock_vcpu_time_info *)
	    &xen_shared_info->vcpu_info[0].time;
}

static uint64_t
xen_rdtsc(void)
{
	return rdtsc_ordered();
}

uint64_t
xen_time_ns(void)
{
	return pvclock_read(xen_time_record(), xen_rdtsc, &xen_pvclock_state);
}

static const struct clocksource xen_clocksource = {
	.name = "xen",
	.read_ns = xen_time_ns,
};

void
xen_clock_init(const struct pvbus_hv *hv)
{
	uint32_t r[4];

	if (hv->max_leaf >= hv->base + XEN_CPUID_TIME_LEAF) {
		cpuid_count(hv->base + XEN_CPUID_TIME_LEAF, 0, r);
		tsc_freq_offer(r[2], "xen-cpuid", TSC_RANK_XEN_LEAF);
	}
	tsc_freq_offer(pvclock_tsc_khz(xen_time_record()), "xen-pvclock",
	    TSC_RANK_PVCLOCK);
	clock_register(&xen_clocksource);
}
