/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kvm_features: the KVM backend recorded the feature words CPUID really
 * returns, listed them, and used kvmclock through the right MSR.
 * Registered for KVM: elsewhere (TCG, Xen) the runner skips it.
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <dev/pv/kvmreg.h>
#include <dev/pv/kvmvar.h>
#include <machine/cpufunc.h>

static enum test_status
t_kvm_features(struct test_ctx *ctx)
{
	const struct pvbus_hv *p = pvbus_primary();
	uint32_t r[4], want_msr = 0, features = kvm_features();
	uint64_t pa, v;
	char names[320];

	if (kvm_cpuid_base() != p->base)
		return test_fail(ctx, "KVM backend at cpuid %#x, pvbus found "
		    "KVM at %#x", kvm_cpuid_base(), p->base);

	/* One more cpuid exit, for the test only. */
	cpuid(p->base + KVM_CPUID_FEATURES_OFF, r);
	if (r[0] != features || r[3] != kvm_hints())
		return test_fail(ctx, "recorded features %#x hints %#x, CPUID "
		    "says %#x %#x", features, kvm_hints(), r[0], r[3]);
	kvm_feature_string(features, names, sizeof(names));
	test_diag("kvm at %#x: features %#x <%s>, hints %#x", p->base,
	    features, names, kvm_hints());

	if ((features >> KVM_FEATURE_CLOCKSOURCE2) & 1)
		want_msr = MSR_KVM_SYSTEM_TIME_NEW;
	else if ((features >> KVM_FEATURE_CLOCKSOURCE) & 1)
		want_msr = MSR_KVM_SYSTEM_TIME;
	if (kvmclock_msr() != want_msr)
		return test_fail(ctx, "kvmclock on MSR %#x, want %#x",
		    kvmclock_msr(), want_msr);
	if (want_msr == 0)
		return TEST_PASS;

	/* KVM reads back what the guest wrote: the record's address. */
	pa = (uint64_t)(uintptr_t)kvmclock_record();
	v = rdmsr(want_msr);
	if (v != (pa | KVM_MSR_ENABLED))
		return test_fail(ctx, "MSR %#x reads %#llx, want %#llx",
		    want_msr, (unsigned long long)v,
		    (unsigned long long)(pa | KVM_MSR_ENABLED));
	if (strcmp(clock_name(), "kvmclock") != 0)
		return test_fail(ctx, "clock=%s, want kvmclock", clock_name());
	return TEST_PASS;
}
KTEST(t_kvm_features, .name = "kvm_features", .hv = KTEST_HV_KVM);
