/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * early_quiet: nothing was printed before kernel_main() knew the command
 * line.  Backends' early() code, trap and CPU setup run before `quiet` is
 * known (and on Xen before the PV console exists): what they have to say
 * goes through pvbus_early_note(), printed later (pvbus.h).
 */
#include <sys/counter.h>
#include <sys/test.h>

static enum test_status
t_early_quiet(struct test_ctx *ctx)
{
	uint64_t n;

	if (counter_read("prints_before_main", &n) != 0)
		return test_error(ctx, "no counter");
	if (n != 0)
		return test_fail(ctx, "%llu lines before the command line",
		    (unsigned long long)n);
	return TEST_PASS;
}
KTEST_DEFINE("early_quiet", t_early_quiet, 0);
