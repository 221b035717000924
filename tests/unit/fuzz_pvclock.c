/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the pvclock reader (sys/dev/pv/pvclock.c) on records
 * a hypervisor could write.  The input gives a record, the valid flags,
 * and then per read a TSC value and whether the "hypervisor" rewrites the
 * record (version, times, mul, shift, flags) while the reader is inside
 * it, the way a torn read happens.  Invariants: the scale equals a
 * 128-bit reference for every shift in range and is 0 beyond; every read
 * returns; a read the record did not change under is exact, one that
 * gives up leaves the time alone; through clock_mono_step() (what
 * clock_ns() does with each reading) time never goes backwards and a
 * failed read gives the last time; the TSC rate of an impossible record
 * is 0.
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this).
 */
/* sources: sys/dev/pv/pvclock.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dev/pv/pvclock.h>
#include <sys/clock.h>

#include "fuzz.h"

#define READS_MAX	64

static struct pvclock_vcpu_time_info rec;
static const uint8_t *in;
static size_t inlen, inpos;
static unsigned rewrites;		/* records rewritten mid-read */
static uint64_t last_tsc;

static uint64_t
take(size_t n)
{
	uint64_t v = 0;

	if (inlen - inpos < n)
		n = inlen - inpos;
	memcpy(&v, in + inpos, n);
	inpos += n;
	return v;
}

/*
 * The TSC, read by the reader between its two looks at the version: the
 * input may rewrite the record here (a torn read) or leave it.
 */
static uint64_t
fake_tsc(void)
{
	uint64_t t = take(8);

	if ((take(1) & 1) && inlen - inpos >= sizeof(rec)) {
		memcpy(&rec, in + inpos, sizeof(rec));
		inpos += sizeof(rec);
		rewrites++;
	}
	last_tsc = t;
	return t;
}

static uint64_t
ref_scale(uint64_t delta, uint32_t mul, int shift)
{
	if (shift <= -64 || shift >= 64)
		return 0;
	delta = shift < 0 ? delta >> -shift : delta << shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pvclock_state st;
	uint64_t ns, t, last = 0, prev = 0, clamped = 0, failed = 0, delta, khz;
	uint64_t gave_up;
	unsigned i;
	int8_t shift;
	bool ok;

	in = data;
	inlen = size;
	inpos = 0;
	memset(&rec, 0, sizeof(rec));
	memset(&st, 0, sizeof(st));
	if (size < sizeof(rec) + 1)
		return 0;
	memcpy(&rec, data, sizeof(rec));
	inpos = sizeof(rec);
	st.valid_flags = (uint8_t)take(1);

	delta = rec.tsc_timestamp ^ rec.system_time;
	for (shift = -70; shift <= 70; shift += 7)
		check(pvclock_scale_delta(delta, rec.tsc_to_system_mul, shift) ==
		    ref_scale(delta, rec.tsc_to_system_mul, shift),
		    "scale differs from the 128-bit reference");
	khz = pvclock_tsc_khz(&rec);
	if (rec.tsc_to_system_mul == 0 || rec.tsc_shift < PVCLOCK_SHIFT_MIN ||
	    rec.tsc_shift > PVCLOCK_SHIFT_MAX)
		check(khz == 0, "a rate from an impossible record");

	for (i = 0; i < READS_MAX && inpos < inlen; i++) {
		rewrites = 0;
		gave_up = st.gave_up;
		ns = 0x5a5a5a5a5a5a5a5aULL;
		ok = pvclock_read(&rec, fake_tsc, &st, &ns);
		if (!ok) {
			check(ns == 0x5a5a5a5a5a5a5a5aULL,
			    "a read that gave up set the time");
			check(st.gave_up == gave_up + 1, "give-up not counted");
		} else if (st.gave_up != gave_up) {
			check(0, "a read that gave up returned a time");
		} else if (rewrites == 0 && (rec.version & 1) == 0) {
			check(ns == rec.system_time + ref_scale(last_tsc -
			    rec.tsc_timestamp, rec.tsc_to_system_mul,
			    rec.tsc_shift), "an untorn read is not exact");
		}
		t = clock_mono_step(&last, ok, ns, &clamped, &failed);
		check(t >= prev, "time went backwards");
		check(ok || t == prev, "a failed read did not give the last");
		prev = t;
	}
	check(st.gave_up <= READS_MAX, "give-ups counted");
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_SEED_DIR");
	struct pvclock_vcpu_time_info r = {
		.version = 2, .tsc_timestamp = 1000000, .system_time = 5000000,
		.tsc_to_system_mul = 0xcccccccc, .tsc_shift = -1, .flags = 1,
	};
	uint8_t b[sizeof(r) + 1 + 4 * 9];
	unsigned i;

	(void)argc, (void)argv;
	if (dir == NULL)
		return 0;
	memcpy(b, &r, sizeof(r));
	b[sizeof(r)] = 0;			/* nothing trusted */
	for (i = 0; i < 4; i++) {
		uint64_t t = 1000000 + 1000 * (4 - i);	/* going backwards */

		memcpy(b + sizeof(r) + 1 + 9 * i, &t, 8);
		b[sizeof(r) + 1 + 9 * i + 8] = 0;
	}
	fuzz_write_seed(dir, "seed-backwards", b, sizeof(b));
	return 0;
}
