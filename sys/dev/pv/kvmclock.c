/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kvmclock: KVM keeps a pvclock record in guest memory up to date once
 * the guest has told it where, through one MSR write.  From then on a
 * reading costs no exit at all (about 130 ns nested, 20 ns bare metal),
 * and the record's mul/shift give the TSC rate without calibration.
 */
#include <sys/clock.h>
#include <sys/report.h>
#include <sys/systm.h>

#include <dev/pv/kvmreg.h>
#include <dev/pv/kvmvar.h>
#include <dev/pv/pvclock.h>
#include <machine/cpufunc.h>

/*
 * In the kernel image, so its physical address is its address (the map
 * is 1:1) and no loader or firmware data can sit there.  KVM wants it
 * 4-byte aligned; 64 keeps it in one cache line and one page.
 */
static volatile struct pvclock_vcpu_time_info kvmclock_ti __aligned(64);
static struct pvclock_state kvmclock_state;
static uint64_t kvmclock_last_tsc;	/* the TSC the last reading used */

/* Sane TSC rates: 1 MHz to 100 GHz.  Anything else is a broken record. */
#define KVMCLOCK_KHZ_MIN	1000ULL
#define KVMCLOCK_KHZ_MAX	100000000ULL

static uint64_t
kvmclock_tsc(void)
{
	kvmclock_last_tsc = rdtsc_ordered();
	return kvmclock_last_tsc;
}

static bool
kvmclock_read_ns(uint64_t *ns)
{
	return pvclock_read(&kvmclock_ti, kvmclock_tsc, &kvmclock_state, ns);
}

static const struct clocksource kvmclock_cs = {
	.name = "kvmclock",
	.rank = CLOCK_RANK_HV_RECORD,
	.read_ns = kvmclock_read_ns,
};

bool
kvmclock_read_raw(uint64_t *ns, uint64_t *tsc)
{
	if (kvmclock_msr() == 0 || !kvmclock_read_ns(ns))
		return false;
	*tsc = kvmclock_last_tsc;
	return true;
}

/* Index 0 is the boot CPU's kvmclock_ti: this array holds the others. */
static volatile struct pvclock_vcpu_time_info
    kvmclock_ti_cpu[KVMCLOCK_MAXCPUS] __aligned(64);

void
kvmclock_cpu_init(unsigned index)
{
	if (index > 0 && index < KVMCLOCK_MAXCPUS && kvmclock_msr() != 0)
		wrmsr(kvmclock_msr(), (uint64_t)(uintptr_t)
		    &kvmclock_ti_cpu[index] | KVM_MSR_ENABLED);
}

bool
kvmclock_cpu_read(unsigned index, uint64_t *ns)
{
	struct pvclock_state st = { kvmclock_state.valid_flags, 0, 0 };

	if (kvmclock_msr() == 0 || index >= KVMCLOCK_MAXCPUS)
		return false;
	return pvclock_read(index == 0 ? &kvmclock_ti :
	    &kvmclock_ti_cpu[index], rdtsc_ordered, &st, ns);
}

bool
kvmclock_tsc_stable(void)
{
	return kvmclock_msr() != 0 &&
	    pvclock_tsc_stable(&kvmclock_ti, &kvmclock_state);
}

void
kvmclock_read_stats(uint64_t *retries, uint64_t *gave_up)
{
	*retries = kvmclock_state.retries;
	*gave_up = kvmclock_state.gave_up;
}

volatile const struct pvclock_vcpu_time_info *
kvmclock_record(void)
{
	return &kvmclock_ti;
}

int
kvmclock_attach(struct kvm_softc *sc)
{
	uint64_t pa = (uint64_t)(uintptr_t)&kvmclock_ti, khz;
	uint32_t msr, version, mul;
	int8_t shift;

	/* The legacy MSR only for a KVM too old to have the new one. */
	if (kvm_has_feature(sc, KVM_FEATURE_CLOCKSOURCE2))
		msr = MSR_KVM_SYSTEM_TIME_NEW;
	else if (kvm_has_feature(sc, KVM_FEATURE_CLOCKSOURCE))
		msr = MSR_KVM_SYSTEM_TIME;
	else {
		aprint_normal("kvmclock: not offered by KVM\n");
		return -1;
	}

	/*
	 * KVM fills the record before the guest runs again.  A record
	 * still at version 0 (it was zero in .bss), with mul 0 or an
	 * absurd shift, was not written by a working kvmclock: turn it off
	 * again rather than divide by it.
	 */
	wrmsr(msr, pa | KVM_MSR_ENABLED);
	version = kvmclock_ti.version;
	mul = kvmclock_ti.tsc_to_system_mul;
	shift = kvmclock_ti.tsc_shift;
	khz = pvclock_tsc_khz(&kvmclock_ti);
	if (version == 0 || mul == 0 || khz < KVMCLOCK_KHZ_MIN ||
	    khz > KVMCLOCK_KHZ_MAX) {
		wrmsr(msr, 0);
		printf("kvmclock: MSR %#x: KVM did not fill the record at %#llx "
		    "(version %u, mul %#x, shift %d); not used\n", msr,
		    (unsigned long long)pa, version, mul, shift);
		return -1;
	}
	sc->clock_msr = msr;
	if (kvm_has_feature(sc, KVM_FEATURE_CLOCKSOURCE_STABLE_BIT))
		kvmclock_state.valid_flags = PVCLOCK_TSC_STABLE_BIT;

	tsc_freq_offer(khz, "pvclock", TSC_RANK_PVCLOCK);
	clock_register(&kvmclock_cs);
	kvm_wallclock_attach(msr);
	aprint_normal("kvmclock: MSR %#x, record at %#llx, TSC %llu kHz "
	    "(mul %#x, shift %d), %s\n", msr, (unsigned long long)pa,
	    (unsigned long long)khz, mul, shift,
	    pvclock_tsc_stable(&kvmclock_ti, &kvmclock_state) ? "TSC stable" :
	    "TSC not stable: readings clamped to monotonic");
	/*
	 * Whether readings on every vCPU agree: where the platform gives
	 * it (one vCPU, a stable host TSC) the harness requires it.
	 */
	report_add("tsc_stable", "%d",
	    pvclock_tsc_stable(&kvmclock_ti, &kvmclock_state) ? 1 : 0);
	return 0;
}
