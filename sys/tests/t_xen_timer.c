/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen's one-shot timer delivers an interrupt: armed 10 ms ahead, VIRQ_TIMER
 * must arrive through the event channel upcall, and no earlier than Xen's
 * timer slop allows.  How late it comes is printed, not judged (timings
 * are for make bench); the wait is bounded (time and polls) so that a lost
 * interrupt fails the test instead of hanging it.
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>
#include <machine/trap.h>

#define TIMER_DELAY_NS		(10ULL * 1000 * 1000)
#define TIMER_GIVE_UP_NS	(2ULL * 1000 * 1000 * 1000)
/* ...or after this many polls, should the time read stop moving. */
#define TIMER_MAX_POLLS		100000000U
/*
 * Xen fires a timer at most timer_slop early: 50 us by default (the
 * timer_slop boot option, xen/common/timer.c).  Both sides read the same
 * Xen system time, so earlier than that is a bug, ours or Xen's.
 */
#define TIMER_EARLY_OK_NS	(50ULL * 1000)

static enum test_status
test_xen_timer(struct test_ctx *ctx)
{
	uint64_t before, upcalls, armed, deadline, now, fired_ns;
	unsigned polls = 0;

	if (!xen_ready())
		return test_error(ctx, "on Xen, but its backend did not attach");
	before = xen_timer_count(&fired_ns);
	upcalls = xen_evtchn_upcalls();
	armed = clock_ns();
	deadline = armed + TIMER_DELAY_NS;
	if (xen_timer_arm(deadline) != 0)
		return test_fail(ctx, "VCPUOP_set_singleshot_timer refused");
	intr_enable();
	do {
		cpu_pause();
		now = clock_ns();
	} while (xen_timer_count(&fired_ns) == before &&
	    now - armed < TIMER_GIVE_UP_NS &&
	    ++polls < TIMER_MAX_POLLS);
	disable_intr();
	if (xen_timer_count(&fired_ns) == before)
		return test_fail(ctx, "no timer interrupt %llu ms after arming "
		    "(%llu upcalls, method %s)",
		    (unsigned long long)(TIMER_GIVE_UP_NS / 1000000),
		    (unsigned long long)(xen_evtchn_upcalls() - upcalls),
		    xen_evtchn_method());
	if (fired_ns + TIMER_EARLY_OK_NS < deadline)
		return test_fail(ctx, "timer fired %llu us before its deadline",
		    (unsigned long long)(deadline - fired_ns) / 1000);
	test_diag("xen_timer: armed for +10 ms, fired %lld us after the "
	    "deadline (upcall: %s)",
	    (long long)(fired_ns - deadline) / 1000,
	    xen_evtchn_method());
	return TEST_PASS;
}
KTEST(test_xen_timer, .name = "xen_timer", .hv = KTEST_HV_XEN);
