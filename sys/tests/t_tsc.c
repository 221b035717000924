/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tsc: the TSC never goes backwards on this CPU, and it moves.
 */
#include <sys/test.h>

#include <machine/cpufunc.h>

#define T_TSC_READS	100000

static enum test_status
t_tsc(struct test_ctx *ctx)
{
	uint64_t first, prev, now;
	unsigned i;

	first = prev = rdtsc_ordered();
	for (i = 0; i < T_TSC_READS; i++) {
		now = rdtsc_ordered();
		if (now < prev)
			return test_fail(ctx, "TSC went back by %llu after %u "
			    "reads", (unsigned long long)(prev - now), i);
		prev = now;
	}
	if (prev == first)
		return test_fail(ctx, "TSC did not move in %u reads",
		    T_TSC_READS);
	return TEST_PASS;
}
KTEST_DEFINE("tsc", t_tsc, 0);
