/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test=lifecycle (named only, never in test=all): a domU that lives
 * until the toolstack ends it.  Every LIFECYCLE_TICK_NS it prints
 *	lifecycle: tick <n> clock_ns <ns>
 * and between ticks it sleeps (timer or xenstore event) and takes the
 * toolstack's requests (xen_control_poll()): a suspend happens inside
 * the poll and the loop carries on where it was, so the harness sees
 * the counter continue across `xl save` / `xl restore` and the clock
 * never go back (checked here too); poweroff or reboot end the test,
 * which passes, and the run ends with that reason.  Without a request
 * within LIFECYCLE_MAX_TICKS the test fails: nobody asked.
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>
#include <machine/trap.h>

#define LIFECYCLE_TICK_NS	(100ULL * 1000 * 1000)
#define LIFECYCLE_MAX_TICKS	6000U		/* 10 minutes */

static enum test_status
test_lifecycle(struct test_ctx *ctx)
{
	uint64_t prev, now, next;
	enum xen_ctl req = XEN_CTL_NONE;
	unsigned n;

	if (pvbus_primary() == NULL || pvbus_primary()->type != PVBUS_XEN ||
	    !xen_ready())
		return test_skip(ctx, "not on Xen");
	if (!xen_control_present())
		return test_skip(ctx, "no toolstack control (%s)",
		    xen_dom0() ? "dom0" : "no xenstore");
	/* Once, for the 8259 masks; the waits enable them as they sleep. */
	intr_enable();
	disable_intr();
	prev = clock_ns();
	for (n = 0; n < LIFECYCLE_MAX_TICKS && req == XEN_CTL_NONE; n++) {
		now = clock_ns();
		if (now < prev)
			return test_fail(ctx, "clock_ns() went back %llu ns at "
			    "tick %u", (unsigned long long)(prev - now), n);
		prev = now;
		printf("lifecycle: tick %u clock_ns %llu\n", n,
		    (unsigned long long)now);
		next = now + LIFECYCLE_TICK_NS;
		while ((req = xen_control_poll()) == XEN_CTL_NONE &&
		    clock_ns() < next)
			xen_control_idle(next);
	}
	if (req == XEN_CTL_NONE)
		return test_fail(ctx, "no poweroff or reboot request in %u "
		    "ticks", LIFECYCLE_MAX_TICKS);
	printf("lifecycle: %s after %u ticks\n", req == XEN_CTL_REBOOT ?
	    "reboot" : "poweroff", n);
	return TEST_PASS;
}
KTEST_DEFINE("lifecycle", test_lifecycle, KTEST_F_EXPLICIT);
