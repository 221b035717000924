/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pvclock reader shared by the KVM and Xen backends (after FreeBSD's
 * sys/x86/x86/pvclock.c).  Two classic bugs are avoided on purpose:
 *  - 64-bit overflow in the scale: delta * mul needs 96 bits once delta
 *    passes 2^32 (about 1.5 s of TSC at 3 GHz without an update), so the
 *    product is 128-bit;
 *  - a torn record taken for a time: after PVCLOCK_MAX_RETRIES the read
 *    fails instead of returning what it computed.
 * Readings are raw.  Without PVCLOCK_TSC_STABLE_BIT each vCPU's record is
 * only consistent with itself, so time can step back between records;
 * clock_ns() (sys/kern/kern_clock.c) is the one place that keeps it
 * monotonic.
 */
#include <dev/pv/pvclock.h>

uint64_t
pvclock_scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift <= -64 || shift >= 64)
		return 0;
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

bool
pvclock_read(volatile const struct pvclock_vcpu_time_info *ti,
    uint64_t (*tsc)(void), struct pvclock_state *st, uint64_t *ns)
{
	uint64_t v, now;
	uint32_t version;
	unsigned tries;

	for (tries = 1;; tries++) {
		version = ti->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		now = tsc();
		v = ti->system_time + pvclock_scale_delta(now -
		    ti->tsc_timestamp, ti->tsc_to_system_mul, ti->tsc_shift);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if ((version & 1) == 0 && ti->version == version)
			break;
		/*
		 * v was computed from a record the hypervisor was writing:
		 * it may be anything, hours ahead included.  Returning it
		 * would make the monotonic clamp hold time at it.
		 */
		if (tries >= PVCLOCK_MAX_RETRIES) {
			st->gave_up++;
			return false;
		}
		st->retries++;
	}
	*ns = v;
	return true;
}

bool
pvclock_tsc_stable(volatile const struct pvclock_vcpu_time_info *ti,
    const struct pvclock_state *st)
{
	return (ti->flags & st->valid_flags & PVCLOCK_TSC_STABLE_BIT) != 0;
}

/*
 * ns per tick = mul / 2^32 after the shift, so
 * kHz = 10^6 * 2^32 / mul, shifted the other way.
 */
uint64_t
pvclock_tsc_khz(volatile const struct pvclock_vcpu_time_info *ti)
{
	uint64_t khz;
	uint32_t mul = ti->tsc_to_system_mul;
	int8_t shift = ti->tsc_shift;

	if (mul == 0 || shift < PVCLOCK_SHIFT_MIN || shift > PVCLOCK_SHIFT_MAX)
		return 0;
	khz = (1000000ULL << 32) / mul;
	if (shift < 0)
		khz <<= -shift;
	else
		khz >>= shift;
	return khz;
}
