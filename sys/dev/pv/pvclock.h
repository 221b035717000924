/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pvclock: the time record KVM (kvmclock) and Xen (vcpu_info.time) share.
 * The hypervisor fills it and the guest computes
 *	ns = system_time + ((tsc - tsc_timestamp) << or >> shift) * mul >> 32
 * The version is odd while the hypervisor writes; a reader retries until
 * it sees the same even version before and after.
 *
 * Layout: Xen's struct vcpu_time_info (xen/xen.h) and Linux's
 * struct pvclock_vcpu_time_info, 32 bytes.
 */
#ifndef _DEV_PV_PVCLOCK_H_
#define _DEV_PV_PVCLOCK_H_

#include <stdbool.h>
#include <stdint.h>

struct pvclock_vcpu_time_info {
	uint32_t	version;
	uint32_t	pad0;
	uint64_t	tsc_timestamp;
	uint64_t	system_time;
	uint32_t	tsc_to_system_mul;
	int8_t		tsc_shift;
	uint8_t		flags;
	uint8_t		pad[2];
};
_Static_assert(sizeof(struct pvclock_vcpu_time_info) == 32,
    "pvclock record is 32 bytes");

#define PVCLOCK_TSC_STABLE_BIT	0x01	/* readings on all vCPUs agree */
#define PVCLOCK_GUEST_STOPPED	0x02

/*
 * The shifts a sane hypervisor uses: KVM and Xen pick one that brings the
 * TSC rate within a factor of 2 of 1 GHz, so |shift| is a handful.  A
 * backend refuses a record outside this range.
 */
#define PVCLOCK_SHIFT_MIN	(-32)
#define PVCLOCK_SHIFT_MAX	32

/* Give up after this many torn reads: a hypervisor that never finishes. */
#define PVCLOCK_MAX_RETRIES	10000

struct pvclock_state {
	/*
	 * Flags the hypervisor has declared meaningful.  KVM sets
	 * PVCLOCK_TSC_STABLE_BIT in the record only as a hint unless it
	 * offers KVM_FEATURE_CLOCKSOURCE_STABLE_BIT; 0 (the safe default)
	 * means the bit is ignored.
	 */
	uint8_t		valid_flags;
	uint64_t	retries;	/* torn reads retried */
	uint64_t	gave_up;	/* reads that hit PVCLOCK_MAX_RETRIES */
};

/*
 * delta * mul >> 32 after the shift, with a 128-bit product.  A shift of
 * 64 or more either way (no hypervisor sends one) gives 0, not undefined
 * behaviour.
 */
uint64_t pvclock_scale_delta(uint64_t delta, uint32_t mul, int8_t shift);

/*
 * One consistent reading of the record, raw (not clamped: keeping time
 * monotonic is clock_ns()'s job, sys/kern/kern_clock.c): retry while the
 * version is odd or changes.  Returns true with *ns set.  After
 * PVCLOCK_MAX_RETRIES torn reads it returns false and leaves *ns alone: a
 * half-written record is never a time.  tsc() reads the TSC; host tests
 * pass their own.
 */
bool	pvclock_read(volatile const struct pvclock_vcpu_time_info *ti,
	    uint64_t (*tsc)(void), struct pvclock_state *st, uint64_t *ns);

/* The record says TSC_STABLE and the hypervisor declared that it means it. */
bool	pvclock_tsc_stable(volatile const struct pvclock_vcpu_time_info *ti,
	    const struct pvclock_state *st);

/*
 * The TSC frequency the record implies, in kHz: 0 if mul is 0 or the
 * shift is outside PVCLOCK_SHIFT_MIN..MAX.
 */
uint64_t pvclock_tsc_khz(volatile const struct pvclock_vcpu_time_info *ti);

#endif /* !_DEV_PV_PVCLOCK_H_ */
