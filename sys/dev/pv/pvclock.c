/*
 * The pvclock reader shared by the KVM and Xen backends (after FreeBSD's
 * sys/x86/x86/pvclock.c).  Two classic bugs are avoided on purpose:
 *  - 64-bit overflow in the scale: delta * mul needs 96 bits once delta
 *    passes 2^32 (about 1.5 s of TSC at 3 GHz without an update), so the
 *    product is 128-bit;
 *  - time going backwards across vCPUs: without PVCLOCK_TSC_STABLE_BIT
 *    each vCPU's record is only consistent with itself, so readings are
 *    clamped to the largest value returned so far.
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

uint64_t
pvclock_read(volatile const struct pvclock_vcpu_time_info *ti,
    uint64_t (*tsc)(void), struct pvclock_state *st)
{
	uint64_t ns, last, now;
	uint32_t version;
	unsigned tries = 0;
	uint8_t flags;

	for (;;) {
		version = ti->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		now = tsc();
		ns = ti->system_time + pvclock_scale_delta(now -
		    ti->tsc_timestamp, ti->tsc_to_system_mul, ti->tsc_shift);
		flags = ti->flags;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if ((version & 1) == 0 && ti->version == version)
			break;
		if (++tries >= PVCLOCK_MAX_RETRIES) {
			st->gave_up++;
			break;
		}
		st->retries++;
	}
	if (flags & st->valid_flags & PVCLOCK_TSC_STABLE_BIT)
		return ns;

	last = __atomic_load_n(&st->last_ns, __ATOMIC_RELAXED);
	do {
		if (ns < last) {
			st->clamped++;
			return last;
		}
	} while (!__atomic_compare_exchange_n(&st->last_ns, &last, ns, false,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
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
