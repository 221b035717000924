/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * clock_resume() (sys/kern/kern_clock.c) with a fake clock source: after
 * a restore the source may start lower than the last time clock_ns()
 * gave out (another host's Xen system time) or higher (time spent
 * saved).  Either way clock_ns() must never go back, the jump must be
 * reported with its sign, and after a backward jump the clock must move
 * on again at once instead of standing still until the source catches
 * up.
 */
/* sources: sys/kern/kern_clock.c */
#include <stdbool.h>
#include <stdint.h>

#include <sys/clock.h>

#include "tap.h"

/* What kern_clock.c asks of the machine (kern_md.h): nothing here. */
uint64_t
cpu_tsc_khz_cpuid(const char **src)
{
	*src = "none";
	return 0;
}

uint64_t
tsc_calibrate_pmtimer(void)
{
	return 0;
}

static uint64_t src_ns;

static bool
fake_read(uint64_t *ns)
{
	*ns = src_ns;
	return true;
}

static const struct clocksource fake_cs = {
	.name = "fake",
	.rank = CLOCK_RANK_HV_RECORD,
	.read_ns = fake_read,
};

int
main(void)
{
	uint64_t before, t;
	int64_t jump;

	clock_register(&fake_cs);
	src_ns = 5000000000ULL;			/* 5 s */
	before = clock_ns();
	is_int(before, 5000000000LL, "clock_ns() reads the source");

	/* Restored on a host whose time is lower: 2 s. */
	src_ns = 2000000000ULL;
	jump = clock_resume();
	is_int(jump, -3000000000LL, "backward jump reported, negative");
	t = clock_ns();
	ok(t >= before, "clock_ns() not back after it (%llu >= %llu)",
	    (unsigned long long)t, (unsigned long long)before);
	src_ns += 1000000;			/* 1 ms later */
	is_int(clock_ns() - before, 1000000, "and moves on at once: +1 ms");
	is_int(clock_clamped(), 0, "no reading clamped on the way");

	/* Saved for 7 s on the same host: a forward jump, kept. */
	before = clock_ns();
	src_ns += 7000000000ULL;
	jump = clock_resume();
	is_int(jump, 7000000000LL, "forward jump reported, positive");
	is_int(clock_ns() - before, 7000000000LL, "time saved is kept");

	/* tsc_freq_reset(): a new rate can be offered at the old rank. */
	tsc_freq_offer(1000000, "first", TSC_RANK_HV_OWN_LEAF);
	tsc_freq_offer(2000000, "second", TSC_RANK_HV_OWN_LEAF);
	is_int(tsc_khz(), 1000000, "an equal rank does not replace a rate");
	tsc_freq_reset();
	tsc_freq_offer(2000000, "second", TSC_RANK_HV_OWN_LEAF);
	is_int(tsc_khz(), 2000000, "after tsc_freq_reset() it does");
	return done_testing();
}
