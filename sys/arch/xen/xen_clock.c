/* SPDX-License-Identifier: BSD-2-Clause */
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

/*
 * CPUID base + 3, Xen's time leaf (xen/arch-x86/cpuid.h): sub-leaf 0 ECX
 * is the guest's TSC rate in kHz, fixed by Xen for the domain's life.
 */
#define XEN_CPUID_TIME_LEAF	3

static struct pvclock_state xen_pvclock_state;
static uint64_t xen_leaf_khz;		/* 0: the leaf gave none */

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

bool
xen_time_read_raw(uint64_t *ns)
{
	return pvclock_read(xen_time_record(), xen_rdtsc, &xen_pvclock_state,
	    ns);
}

uint64_t
xen_tsc_leaf_khz(void)
{
	return xen_leaf_khz;
}

static const struct clocksource xen_clocksource = {
	.name = "xen",
	.rank = CLOCK_RANK_HV_RECORD,
	.read_ns = xen_time_read_raw,
};

/* Also after a resume: a migration may have changed the rate. */
void
xen_clock_offer_tsc(const struct pvbus_hv *hv)
{
	uint32_t r[4];

	if (hv->max_leaf >= hv->base + XEN_CPUID_TIME_LEAF) {
		cpuid_count(hv->base + XEN_CPUID_TIME_LEAF, 0, r);
		xen_leaf_khz = r[2];
		tsc_freq_offer(r[2], "xen-cpuid", TSC_RANK_HV_OWN_LEAF);
	}
	tsc_freq_offer(pvclock_tsc_khz(xen_time_record()), "xen-pvclock",
	    TSC_RANK_PVCLOCK);
}

void
xen_clock_init(const struct pvbus_hv *hv)
{
	xen_clock_offer_tsc(hv);
	clock_register(&xen_clocksource);
}
