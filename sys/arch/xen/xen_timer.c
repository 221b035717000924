/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one-shot timer: VCPUOP_set_singleshot_timer raises VIRQ_TIMER on
 * vCPU 0 at an absolute Xen system time (the pvclock's ns).  The periodic
 * timer a vCPU may start with is stopped, so every VIRQ_TIMER is ours.
 */
#include <sys/clock.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xenvar.h>

#include <xen/vcpu.h>

static volatile uint64_t xen_timer_fired;	/* interrupts seen */
static volatile uint64_t xen_timer_fired_ns;	/* clock_ns() at the last */
static evtchn_port_t xen_timer_port;

static void
xen_timer_intr(evtchn_port_t port, void *arg)
{
	(void)port, (void)arg;
	xen_timer_fired_ns = clock_ns();
	xen_timer_fired++;
}

int
xen_timer_init(void)
{
	if (xen_evtchn_bind_virq(VIRQ_TIMER, &xen_timer_port) != 0 ||
	    xen_evtchn_bind(xen_timer_port, xen_timer_intr, NULL) != 0) {
		printf("xen: cannot bind VIRQ_TIMER\n");
		return -1;
	}
	(void)HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
	return xen_evtchn_unmask(xen_timer_port);
}

/* A restored domain has no VIRQ binding and maybe a periodic timer. */
XEN_RESUME_HOOK("timer", xen_timer_init, XEN_RESUME_TIMER);

int
xen_timer_arm(uint64_t deadline_ns)
{
	struct vcpu_set_singleshot_timer t = {
		.timeout_abs_ns = deadline_ns,
		.flags = 0,		/* a deadline in the past fires at once */
	};

	return HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t) == 0 ?
	    0 : -1;
}

uint64_t
xen_timer_count(uint64_t *last_ns)
{
	uint64_t n;

	/* The handler may run between the two loads: read until stable. */
	do {
		n = xen_timer_fired;
		*last_ns = xen_timer_fired_ns;
	} while (n != xen_timer_fired);
	return n;
}
