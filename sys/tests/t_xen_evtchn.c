/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event channel loopback: allocate an unbound port for ourselves, bind a
 * second port to it (an interdomain channel with both ends in this
 * domain), and send both ways; each send must reach the other end's
 * handler through the upcall.
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>
#include <machine/trap.h>

#define EVTCHN_WAIT_NS	(2ULL * 1000 * 1000 * 1000)
/* ...or this many polls, should the time read stop moving. */
#define EVTCHN_MAX_POLLS	100000000U

static volatile unsigned loop_hits[2];

static void
loop_intr(evtchn_port_t port, void *arg)
{
	(void)port;
	loop_hits[(uintptr_t)arg]++;
}

/* Send on from; wait for the handler of end `to` to run. */
static bool
loop_send(evtchn_port_t from, unsigned to)
{
	unsigned before = loop_hits[to];
	uint64_t start;
	unsigned polls = 0;

	if (xen_evtchn_send(from) != 0)
		return false;
	start = clock_ns();
	intr_enable();
	while (loop_hits[to] == before && clock_ns() - start < EVTCHN_WAIT_NS &&
	    ++polls < EVTCHN_MAX_POLLS)
		cpu_pause();
	disable_intr();
	return loop_hits[to] != before;
}

static enum test_status
test_xen_evtchn(struct test_ctx *ctx)
{
	evtchn_port_t a, b;
	enum test_status st = TEST_PASS;

	if (!xen_ready())
		return test_error(ctx, "on Xen, but its backend did not attach");
	if (xen_evtchn_alloc_unbound(DOMID_SELF, &a) != 0)
		return test_fail(ctx, "EVTCHNOP_alloc_unbound refused");
	if (xen_evtchn_bind_interdomain(DOMID_SELF, a, &b) != 0) {
		(void)xen_evtchn_close(a);
		return test_fail(ctx, "EVTCHNOP_bind_interdomain to our own "
		    "port %u refused", a);
	}
	if (xen_evtchn_bind(a, loop_intr, (void *)0) != 0 ||
	    xen_evtchn_bind(b, loop_intr, (void *)1) != 0)
		st = test_error(ctx, "ports %u, %u beyond the handler table",
		    a, b);
	else if (xen_evtchn_unmask(a) != 0 || xen_evtchn_unmask(b) != 0)
		st = test_fail(ctx, "EVTCHNOP_unmask refused");
	else if (!loop_send(b, 0))
		st = test_fail(ctx, "send on port %u not delivered to port %u",
		    b, a);
	else if (!loop_send(a, 1))
		st = test_fail(ctx, "send on port %u not delivered to port %u",
		    a, b);
	else
		test_diag("xen_evtchn: ports %u <-> %u, both ways delivered",
		    a, b);
	(void)xen_evtchn_close(b);
	(void)xen_evtchn_close(a);
	return st;
}
KTEST(test_xen_evtchn, .name = "xen_evtchn", .hv = KTEST_HV_XEN);
