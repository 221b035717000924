/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hooks of the bounded waits (xen_wait.h) on real Xen: clock_ns()
 * (Xen system time, kept monotonic), SCHEDOP_yield so that the backend's
 * domain can run, and EVTCHNOP_send to kick it.
 */
#include <sys/clock.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <machine/cpufunc.h>
#include <machine/specialreg.h>

#include <xen/sched.h>

static uint64_t
xw_now_ns(void)
{
	return clock_ns();
}

/*
 * Besides yielding, let the upcall in: a wait runs with interrupts off,
 * and an event that arrives meanwhile (a timer, a watch) stays pending
 * in the local APIC for as long as the wait lasts (30 s for a backend
 * that never connects), with Xen asking at every VM entry for an
 * interrupt window that never opens.  The upcall's handlers only record
 * what came, so taking it here is safe.  (The triple faults once blamed
 * on such waits were QEMU's, with Xen on two CPUs: docs/design.md.)
 */
static void
xw_yield(void)
{
	if (xen_ready() && (read_rflags() & RFLAGS_IF) == 0)
		cpu_intr_window();
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
