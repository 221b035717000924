/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * KVM backend: the paravirtual features KVM offers (CPUID base + 1),
 * listed at boot and in the report, the TSC rate KVM may state in CPUID
 * 0x40000010, and kvmclock when it is offered.  pvbus already read
 * base + 1, so the features cost no cpuid exit of their own.
 */
#include <sys/clock.h>
#include <sys/report.h>
#include <sys/systm.h>

#include <dev/pv/kvmreg.h>
#include <dev/pv/kvmvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>

static struct kvm_softc kvm_sc;

static const char *const kvm_feature_names[32] = {
	[KVM_FEATURE_CLOCKSOURCE] = "clocksource",
	[KVM_FEATURE_NOP_IO_DELAY] = "nopiodelay",
	[KVM_FEATURE_MMU_OP] = "mmu_op",
	[KVM_FEATURE_CLOCKSOURCE2] = "clocksource2",
	[KVM_FEATURE_ASYNC_PF] = "async_pf",
	[KVM_FEATURE_STEAL_TIME] = "steal_time",
	[KVM_FEATURE_PV_EOI] = "pv_eoi",
	[KVM_FEATURE_PV_UNHALT] = "pv_unhalt",
	[KVM_FEATURE_PV_TLB_FLUSH] = "pv_tlb_flush",
	[KVM_FEATURE_ASYNC_PF_VMEXIT] = "async_pf_vmexit",
	[KVM_FEATURE_PV_SEND_IPI] = "pv_send_ipi",
	[KVM_FEATURE_POLL_CONTROL] = "poll_control",
	[KVM_FEATURE_PV_SCHED_YIELD] = "pv_sched_yield",
	[KVM_FEATURE_ASYNC_PF_INT] = "async_pf_int",
	[KVM_FEATURE_MSI_EXT_DEST_ID] = "msi_ext_dest_id",
	[KVM_FEATURE_HC_MAP_GPA_RANGE] = "hc_map_gpa_range",
	[KVM_FEATURE_MIGRATION_CONTROL] = "migration_control",
	[KVM_FEATURE_CLOCKSOURCE_STABLE_BIT] = "clocksource_stable",
};

/* "clocksource,nopiodelay,..."; bits without a name as "bitN". */
size_t
kvm_feature_string(uint32_t features, char *buf, size_t size)
{
	size_t len = 0;
	unsigned bit;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	for (bit = 0; bit < 32 && len < size; bit++) {
		if (!((features >> bit) & 1))
			continue;
		if (kvm_feature_names[bit] != NULL)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len > 0 ? "," : "", kvm_feature_names[bit]);
		else
			len += (size_t)snprintf(buf + len, size - len,
			    "%sbit%u", len > 0 ? "," : "", bit);
	}
	return len;
}

/*
 * CPUID 0x40000010, the "VMware" timing leaf, which KVM also offers (QEMU
 * vmware-cpuid-freq): EAX is the TSC rate in kHz.  Only at the first base
 * and only if KVM's max leaf reaches it: no cpuid exit is spent on a leaf
 * that does not exist.
 */
static void
kvm_tsc_leaf(const struct pvbus_hv *hv)
{
	uint32_t r[4];

	if (hv->base != PVBUS_LEAF_FIRST || hv->max_leaf < KVM_CPUID_TSC_LEAF)
		return;
	cpuid(KVM_CPUID_TSC_LEAF, r);
	tsc_freq_offer(r[0], "cpuid-40000010", TSC_RANK_HV_SHARED_LEAF);
}

static int
kvm_attach(struct pvbus_hv *hv)
{
	char names[320];

	kvm_sc.hv = hv;
	/* pvbus read base + 1 only if the max leaf reaches it. */
	if (hv->max_leaf >= hv->base + KVM_CPUID_FEATURES_OFF) {
		kvm_sc.features = hv->leaf1[0];
		kvm_sc.hints = hv->leaf1[3];
	}
	kvm_feature_string(kvm_sc.features, names, sizeof(names));
	aprint_normal("kvm: features %#x <%s>, hints %#x\n", kvm_sc.features,
	    names, kvm_sc.hints);
	report_add("kvm_features", "0x%08x", kvm_sc.features);
	kvm_tsc_leaf(hv);
	/* Without kvmclock the TSC and CPUID leaves are all there is. */
	(void)kvmclock_attach(&kvm_sc);
	return 0;
}

uint32_t
kvm_features(void)
{
	return kvm_sc.features;
}

uint32_t
kvm_hints(void)
{
	return kvm_sc.hints;
}

uint32_t
kvm_cpuid_base(void)
{
	return kvm_sc.hv != NULL ? kvm_sc.hv->base : 0;
}

uint32_t
kvmclock_msr(void)
{
	return kvm_sc.clock_msr;
}

static const struct pvbus_driver kvm_driver = {
	.name = "kvm",
	.type = PVBUS_KVM,
	.attach = kvm_attach,
};
PVBUS_DRIVER(kvm_driver);
