/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hooks of the bounded waits (xen_wait.h) on real Xen: clock_ns()
 * (Xen system time, kept monotonic), SCHEDOP_yield so that the backend's
 * domain can run, and EVTCHNOP_send to kick it.
 */
#include <sys/clock.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>

#include <xen/sched.h>

static uint64_t
xw_now_ns(void)
{
	return clock_ns();
}

static void
xw_yield(void)
{
	(void)HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

static void
xw_notify(uint32_t port)
{
	(void)xen_evtchn_send(port);
}

const struct xen_waitops xen_waitops = {
	.now_ns = xw_now_ns,
	.yield = xw_yield,
	.notify = xw_notify,
};
