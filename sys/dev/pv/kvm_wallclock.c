/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * KVM's wall clock: writing the guest-physical address of a 12-byte
 * record (version, sec, nsec; Linux Documentation/virt/kvm/x86/msr.rst)
 * to MSR_KVM_WALL_CLOCK_NEW makes KVM fill it, once, with the time of
 * day at kvmclock's system time 0.  The time now is that plus kvmclock.
 * The MSR write is an exit, so it is made on the first read (the report,
 * after the end of boot), never during boot.  The legacy MSR 0x11 only
 * where KVM has no CLOCKSOURCE2, as for kvmclock.
 */
#include <sys/clock.h>
#include <sys/systm.h>

#include <dev/pv/kvmreg.h>
#include <dev/pv/kvmvar.h>
#include <dev/pv/pvclock.h>
#include <machine/cpufunc.h>

struct kvm_wall_clock {
	uint32_t	version;	/* odd while KVM writes */
	uint32_t	sec;
	uint32_t	nsec;
};

/* In the image (identity-mapped): its address is its physical address. */
static volatile struct kvm_wall_clock kvm_wc __aligned(16);
static uint32_t kvm_wc_msr;

static bool
kvm_wallclock_read(uint64_t *sec, uint32_t *nsec)
{
	uint32_t v, s, ns;
	uint64_t sys, tsc;
	unsigned tries;

	if (kvm_wc.version == 0)	/* 0 in .bss: not filled yet */
		wrmsr(kvm_wc_msr, (uint64_t)(uintptr_t)&kvm_wc);
	for (tries = 0; tries < PVCLOCK_MAX_RETRIES; tries++) {
		v = kvm_wc.version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s = kvm_wc.sec;
		ns = kvm_wc.nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (v != 0 && (v & 1) == 0 && v == kvm_wc.version)
			break;
	}
	if (tries == PVCLOCK_MAX_RETRIES || ns >= NSEC_PER_SEC ||
	    !kvmclock_read_raw(&sys, &tsc))
		return false;
	wallclock_add_ns(s, ns, sys, sec, nsec);
	return true;
}

static const struct wallclock kvm_wallclock = {
	.name = "kvm",
	.rank = WALLCLOCK_RANK_HV,
	.read = kvm_wallclock_read,
};

/* Called once kvmclock is in use: the wall clock is relative to it. */
void
kvm_wallclock_attach(uint32_t clock_msr)
{
	kvm_wc_msr = clock_msr == MSR_KVM_SYSTEM_TIME_NEW ?
	    MSR_KVM_WALL_CLOCK_NEW : MSR_KVM_WALL_CLOCK;
	wallclock_register(&kvm_wallclock);
}
