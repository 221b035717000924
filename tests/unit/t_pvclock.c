/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The shared pvclock reader: the 128-bit scale, both shift directions,
 * torn and odd versions (a fake TSC callback plays the hypervisor
 * updating the record mid-read), the retry bound and what a read that
 * gives up returns, clock_ns()'s monotonic step, the TSC rate a record
 * implies, and the scale against an independent 128-bit reference on a
 * million random inputs.
 */
/* sources: sys/dev/pv/pvclock.c */
#include <stdint.h>
#include <stdlib.h>

#include <dev/pv/pvclock.h>
#include <sys/clock.h>

#include "tap.h"
#include "xorshift.h"

#define NS_PER_S	1000000000ULL

/*
 * Reference: (delta * mul) >> 32 by 32-bit halves, no __int128.
 * delta * mul < 2^96, so the shifted product always fits in 64 bits.
 */
static uint64_t
ref_scale(uint64_t delta, uint32_t mul, int shift)
{
	uint64_t lo, hi;

	if (shift <= -64 || shift >= 64)
		return 0;
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	lo = (delta & 0xffffffffULL) * mul;
	hi = (delta >> 32) * mul;
	return hi + (lo >> 32);
}

/* What KVM does (kvm_get_time_scale in Linux's arch/x86/kvm/x86.c). */
static void
kvm_time_scale(uint64_t scaled_hz, uint64_t base_hz, int8_t *pshift,
    uint32_t *pmul)
{
	uint64_t scaled64 = scaled_hz, tps64 = base_hz;
	uint32_t tps32;
	int32_t shift = 0;

	while (tps64 > scaled64 * 2 || (tps64 & 0xffffffff00000000ULL)) {
		tps64 >>= 1;
		shift--;
	}
	tps32 = (uint32_t)tps64;
	while (tps32 <= scaled64 || (scaled64 & 0xffffffff00000000ULL)) {
		if ((scaled64 & 0xffffffff00000000ULL) || (tps32 & 0x80000000))
			scaled64 >>= 1;
		else
			tps32 <<= 1;
		shift++;
	}
	*pshift = (int8_t)shift;
	*pmul = (uint32_t)((scaled64 << 32) / tps32);
}

/* The fake TSC, and the hypervisor's updates it plays on each call. */
static volatile struct pvclock_vcpu_time_info rec;
static uint64_t fake_tsc;
static unsigned tsc_calls;
static enum {
	UPD_NONE,
	UPD_TORN,	/* call 1: odd version, half-written; call 2: done */
	UPD_BETWEEN,	/* call 1: a whole update between the two checks */
	UPD_FINISH,	/* call 1: an update that was in progress ends */
	UPD_ALWAYS,	/* every call: another update (never consistent) */
} upd;

static uint64_t
tsc_cb(void)
{
	tsc_calls++;
	switch (upd) {
	case UPD_TORN:
		if (tsc_calls == 1) {
			rec.version++;			/* odd */
			rec.system_time = 12345;	/* half-written */
		} else if (tsc_calls == 2) {
			rec.tsc_timestamp = 2000;
			rec.system_time = 2 * NS_PER_S;
			rec.version++;			/* even */
		}
		break;
	case UPD_BETWEEN:
		if (tsc_calls == 1) {
			rec.tsc_timestamp = 2000;
			rec.system_time = 2 * NS_PER_S;
			rec.version += 2;
		}
		break;
	case UPD_FINISH:
		if (tsc_calls == 1) {
			rec.tsc_timestamp = 2000;
			rec.system_time = 2 * NS_PER_S;
			rec.version++;
		}
		break;
	case UPD_ALWAYS:
		rec.version += 2;
		break;
	case UPD_NONE:
		break;
	}
	return fake_tsc;
}

/* 1 ns per tick (mul 2^31, shift +1), system_time 1 s at TSC 1000. */
static void
rec_init(uint32_t version, uint8_t flags)
{
	rec.version = version;
	rec.tsc_timestamp = 1000;
	rec.system_time = NS_PER_S;
	rec.tsc_to_system_mul = 0x80000000U;
	rec.tsc_shift = 1;
	rec.flags = flags;
	tsc_calls = 0;
	upd = UPD_NONE;
}

/* A read that must succeed: its value, or a failed check and 0. */
static uint64_t
rd(struct pvclock_state *st)
{
	uint64_t ns = 0;

	if (!pvclock_read(&rec, tsc_cb, st, &ns))
		ok(0, "pvclock_read gave up on a consistent record");
	return ns;
}

static void
test_scale(void)
{
	uint64_t d;
	int s;

	is_int(pvclock_scale_delta(1000, 0x80000000U, 0), 500,
	    "1000 ticks at 0.5 ns");
	is_int(pvclock_scale_delta(1000, 0x80000000U, 1), 1000,
	    "shift +1 doubles before the multiply");
	is_int(pvclock_scale_delta(1000, 0x80000000U, -1), 250,
	    "shift -1 halves before the multiply");
	is_int(pvclock_scale_delta(0, 0xffffffffU, 0), 0, "zero delta");
	is_int(pvclock_scale_delta(UINT64_MAX, 0, 0), 0, "zero mul");

	/*
	 * The 64-bit overflow.  KVM's record for 2.6 GHz is mul 0xc4ec4ec4,
	 * shift -1.  2^33 ticks (3.3 s) still fit: 2^32 * mul < 2^64.
	 * 2^34 ticks (6.6 s) do not: 2^33 * mul needs 65 bits, and a 64-bit
	 * product loses its top bit.
	 */
	is_int(pvclock_scale_delta(1ULL << 33, 0xc4ec4ec4U, -1), 0xc4ec4ec4ULL,
	    "2^33 ticks at 2.6 GHz: 3.30 s");
	is_int(pvclock_scale_delta(1ULL << 34, 0xc4ec4ec4U, -1),
	    0xc4ec4ec4ULL << 1, "2^34 ticks at 2.6 GHz: 6.61 s, past the "
	    "64-bit overflow");
	is_int(pvclock_scale_delta(1ULL << 40, 0xc4ec4ec4U, -1),
	    0xc4ec4ec4ULL << 7, "2^40 ticks (7 minutes at 2.6 GHz)");
	is_int(pvclock_scale_delta(UINT64_MAX, 0xffffffffU, 0),
	    0xfffffffeffffffffULL, "the largest delta and mul");
	d = 3ULL * 3600 * 2600000000ULL;	/* 3 h at 2.6 GHz */
	is_int(pvclock_scale_delta(d, 0xc4ec4ec4U, -1),
	    ref_scale(d, 0xc4ec4ec4U, -1), "3 hours at 2.6 GHz");
	ok(pvclock_scale_delta(d, 0xc4ec4ec4U, -1) / NS_PER_S == 3 * 3600 - 1,
	    "3 hours at 2.6 GHz reads as 3 h (less the rounding of mul)");

	/* Every shift, both ways: 2^40 ticks at 0.5 ns per shifted tick. */
	for (s = -31; s <= 23; s++)
		is_int(pvclock_scale_delta(1ULL << 40, 0x80000000U, (int8_t)s),
		    1ULL << (40 + s - 1), "2^40 ticks, shift %d", s);
	is_int(pvclock_scale_delta(1ULL << 40, 0x80000000U, 64), 0,
	    "shift 64: 0, not undefined behaviour");
	is_int(pvclock_scale_delta(1ULL << 40, 0x80000000U, -64), 0,
	    "shift -64: 0");
	is_int(pvclock_scale_delta(1ULL << 40, 0x80000000U, -128), 0,
	    "shift -128: 0");
	is_int(pvclock_scale_delta(1ULL << 40, 0x80000000U, 127), 0,
	    "shift 127: 0");
}

static void
test_read(void)
{
	struct pvclock_state st;
	uint64_t ns;

	memset(&st, 0, sizeof(st));
	rec_init(2, 0);
	fake_tsc = 3000;
	is_int(rd(&st), NS_PER_S + 2000,
	    "read: system_time + scaled delta");
	is_int(tsc_calls, 1, "one TSC read when the record is consistent");
	is_int(st.retries, 0, "no retry");

	/* Odd version, then an update completes mid-read. */
	memset(&st, 0, sizeof(st));
	rec_init(2, 0);
	upd = UPD_TORN;
	fake_tsc = 3000;
	is_int(rd(&st), 2 * NS_PER_S + 1000,
	    "torn record (odd version mid-read): the finished one is used");
	/* The update spans two attempts: begun in the 1st, ended in the 2nd. */
	is_int(st.retries, 2, "torn: two retries");
	is_int(tsc_calls, 3, "torn: three TSC reads");

	memset(&st, 0, sizeof(st));
	rec_init(2, 0);
	upd = UPD_BETWEEN;
	fake_tsc = 3000;
	is_int(rd(&st), 2 * NS_PER_S + 1000,
	    "version changed (even to even) during the read: retried");
	is_int(st.retries, 1, "changed version: one retry");

	memset(&st, 0, sizeof(st));
	rec_init(5, 0);
	upd = UPD_FINISH;
	fake_tsc = 3000;
	is_int(rd(&st), 2 * NS_PER_S + 1000,
	    "odd version at the start: waits for the update to finish");
	is_int(st.retries, 1, "odd at start: one retry");
	is_int(st.gave_up, 0, "odd at start: did not give up");

	/* A hypervisor that never finishes: bounded, and counted. */
	memset(&st, 0, sizeof(st));
	rec_init(7, 0);
	fake_tsc = 3000;
	ns = 42;
	ok(!pvclock_read(&rec, tsc_cb, &st, &ns), "version stuck odd: the "
	    "read fails");
	is_int(ns, 42, "stuck odd: the torn value is not returned");
	is_int(tsc_calls, PVCLOCK_MAX_RETRIES,
	    "version stuck odd: gives up after %d tries", PVCLOCK_MAX_RETRIES);
	is_int(st.gave_up, 1, "stuck odd: gave_up counted");
	is_int(st.retries, PVCLOCK_MAX_RETRIES - 1, "stuck odd: retries");

	memset(&st, 0, sizeof(st));
	rec_init(2, 0);
	upd = UPD_ALWAYS;
	ns = 42;
	ok(!pvclock_read(&rec, tsc_cb, &st, &ns) && ns == 42 &&
	    tsc_calls == PVCLOCK_MAX_RETRIES && st.gave_up == 1,
	    "version changing on every read: gives up after %d tries, value "
	    "untouched", PVCLOCK_MAX_RETRIES);
}

/*
 * A read that gives up does not poison the time (issue: the torn value
 * was returned and became the floor of the monotonic clamp, so time
 * stopped there).  Played through clock_ns()'s step as the kernel does.
 */
static void
test_give_up(void)
{
	struct pvclock_state st;
	uint64_t last = 0, clamped = 0, failed = 0, ns = 0, t0, t;
	bool got;

	memset(&st, 0, sizeof(st));
	rec_init(2, 0);
	fake_tsc = 3000;
	got = pvclock_read(&rec, tsc_cb, &st, &ns);
	t0 = clock_mono_step(&last, got, ns, &clamped, &failed);
	is_int(t0, NS_PER_S + 2000, "give-up: a good reading first");

	/* Stuck mid-update with an absurd half-written time. */
	rec.version = 3;
	rec.system_time = 1ULL << 62;
	got = pvclock_read(&rec, tsc_cb, &st, &ns);
	t = clock_mono_step(&last, got, ns, &clamped, &failed);
	is_int(t, t0, "give-up: the last time is returned unchanged");
	is_int(last, t0, "give-up: the floor did not move");
	is_int(failed, 1, "give-up: counted as failed");

	/* The update finishes: time goes on from the real value. */
	rec.version = 4;
	rec.system_time = NS_PER_S;
	fake_tsc = 5000;
	got = pvclock_read(&rec, tsc_cb, &st, &ns);
	t = clock_mono_step(&last, got, ns, &clamped, &failed);
	is_int(t, NS_PER_S + 4000, "give-up: time goes on afterwards");
	is_int(clamped, 0, "give-up: nothing clamped");
}

/* clock_ns()'s step: readings below the last one are raised to it. */
static void
test_clamp(void)
{
	uint64_t last = 0, clamped = 0, failed = 0;

	is_int(clock_mono_step(&last, true, 5000, &clamped, &failed), 5000,
	    "clamp: first reading");
	is_int(clock_mono_step(&last, true, 4000, &clamped, &failed), 5000,
	    "clamp: an earlier reading (another vCPU's record) is raised");
	is_int(clamped, 1, "clamp counted");
	is_int(clock_mono_step(&last, true, 6000, &clamped, &failed), 6000,
	    "clamp: a later reading passes");
	is_int(last, 6000, "clamp: last follows");
	is_int(clock_mono_step(&last, false, 1, &clamped, &failed), 6000,
	    "clamp: a failed reading gives the last time");
	is_int(failed, 1, "clamp: failure counted");
	is_int(last, 6000, "clamp: a failed reading leaves last alone");
}

/* TSC_STABLE counts only if the hypervisor declared it meaningful. */
static void
test_stable(void)
{
	struct pvclock_state st;

	memset(&st, 0, sizeof(st));
	rec_init(2, PVCLOCK_TSC_STABLE_BIT);
	ok(!pvclock_tsc_stable(&rec, &st), "TSC_STABLE not declared valid: "
	    "not stable");
	st.valid_flags = PVCLOCK_TSC_STABLE_BIT;
	ok(pvclock_tsc_stable(&rec, &st), "TSC_STABLE declared and set");
	rec_init(2, 0);
	ok(!pvclock_tsc_stable(&rec, &st), "declared but not set");
}

static void
test_khz(void)
{
	static const uint64_t khz[] = {
		1000, 33333, 1000000, 1193182, 2599998, 2600000, 3000000,
		3999999, 4200000, 10000000, 99999999,
	};
	uint64_t got, tol;
	uint32_t mul;
	int8_t shift;
	unsigned i;

	for (i = 0; i < sizeof(khz) / sizeof(khz[0]); i++) {
		kvm_time_scale(NS_PER_S, khz[i] * 1000, &shift, &mul);
		rec.tsc_to_system_mul = mul;
		rec.tsc_shift = shift;
		got = pvclock_tsc_khz(&rec);
		/* mul keeps 31-32 bits: 1 ppm, and the kHz rounding. */
		tol = khz[i] / 1000000 + 1;
		ok(got + tol >= khz[i] && got <= khz[i] + tol,
		    "%llu kHz -> mul %#x shift %d -> %llu kHz",
		    (unsigned long long)khz[i], mul, shift,
		    (unsigned long long)got);
	}
	rec.tsc_to_system_mul = 0;
	is_int(pvclock_tsc_khz(&rec), 0, "mul 0: unknown, not a division by 0");
	rec.tsc_to_system_mul = 0x80000000U;
	rec.tsc_shift = 100;
	is_int(pvclock_tsc_khz(&rec), 0, "shift 100: refused");
	rec.tsc_shift = -100;
	is_int(pvclock_tsc_khz(&rec), 0, "shift -100: refused");
}

/* The scale and the whole read against the reference, random inputs. */
static void
test_property(void)
{
	struct pvclock_state st;
	uint64_t delta, got, want;
	unsigned i, bad = 0, bad_read = 0, n = 1000000;
	uint32_t mul;
	int8_t shift8;
	int shift;

	for (i = 0; i < n; i++) {
		delta = rnd();
		/* every magnitude, not only huge ones */
		if (i & 1)
			delta >>= rnd() % 64;
		mul = (uint32_t)rnd();
		shift = (int)(rnd() % 65) - 32;
		got = pvclock_scale_delta(delta, mul, (int8_t)shift);
		want = ref_scale(delta, mul, shift);
		if (got != want && bad++ < 5)
			diag("delta %#llx mul %#x shift %d: got %#llx, want "
			    "%#llx", (unsigned long long)delta, mul, shift,
			    (unsigned long long)got, (unsigned long long)want);
	}
	is_int(bad, 0, "scale = 128-bit reference on %u random inputs", n);

	/* Realistic records: any rate, deltas up to 2^50 ticks. */
	memset(&st, 0, sizeof(st));
	st.valid_flags = PVCLOCK_TSC_STABLE_BIT;
	for (i = 0; i < n / 10; i++) {
		kvm_time_scale(NS_PER_S, 1000000 + rnd() % 9000000000ULL,
		    &shift8, &mul);
		rec.tsc_to_system_mul = mul;
		rec.tsc_shift = shift8;
		rec.version = 2;
		rec.flags = PVCLOCK_TSC_STABLE_BIT;
		rec.tsc_timestamp = rnd() >> 2;
		rec.system_time = rnd() >> 2;
		fake_tsc = rec.tsc_timestamp + (rnd() >> (14 + rnd() % 50));
		upd = UPD_NONE;
		got = rd(&st);
		want = rec.system_time + ref_scale(fake_tsc -
		    rec.tsc_timestamp, mul, rec.tsc_shift);
		if (got != want && bad_read++ < 5)
			diag("read: got %#llx, want %#llx",
			    (unsigned long long)got, (unsigned long long)want);
	}
	is_int(bad_read, 0, "read = reference on %u random records", n / 10);
}

int
main(void)
{
	test_scale();
	test_read();
	test_give_up();
	test_clamp();
	test_stable();
	test_khz();
	test_property();
	return done_testing();
}
