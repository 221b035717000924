/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * wallclock: the time of day the boot report gave (wallclock=, read
 * right after the end of boot) is within WALLCLOCK_SLACK of the host's
 * time on the command line (hosttime=, `date +%s` when the host started
 * the guest).  Compared at boot, not now, so that the tests before this
 * one (memfill can take seconds) do not count.  Skips without hosttime=
 * or without a wall-clock source (TCG microvm has no RTC).
 */
#include <sys/bootopt.h>
#include <sys/clock.h>
#include <sys/test.h>

#define WALLCLOCK_SLACK	5	/* seconds: issue 17's bound */

static enum test_status
t_wallclock(struct test_ctx *ctx)
{
	char got[32], want[32];
	uint64_t sec, host = boot_options.hosttime, d;

	if (host == 0)
		return test_skip(ctx, "no hosttime= on the command line");
	if (!wallclock_at_boot(&sec))
		return test_skip(ctx, "no wall clock (source: %s)",
		    wallclock_name());
	(void)fmt_iso8601(got, sizeof(got), (int64_t)sec);
	(void)fmt_iso8601(want, sizeof(want), (int64_t)host);
	d = sec > host ? sec - host : host - sec;
	if (d > WALLCLOCK_SLACK)
		return test_fail(ctx, "wallclock %s (%s) is %llu s %s the "
		    "host's %s, more than %d s", got, wallclock_name(),
		    (unsigned long long)d, sec > host ? "after" : "before",
		    want, WALLCLOCK_SLACK);
	test_diag("wallclock: %s from %s, host %s: %llu s apart", got,
	    wallclock_name(), want, (unsigned long long)d);
	return TEST_PASS;
}
KTEST_DEFINE("wallclock", t_wallclock, 0);
