/*
 * Xen consoles.
 *
 * domU: the PV console ring (xen/io/console.h), found through
 * HVM_PARAM_CONSOLE_PFN (17) and HVM_PARAM_CONSOLE_EVTCHN (18); the
 * backend (xenconsoled in dom0) is notified with EVTCHNOP_send, once per
 * write, so a line costs one hypercall instead of one exit per byte.
 * When the ring is full we wait for the backend, bounded: a backend that
 * stops reading costs one stall (XENCONS_STALL_NS), then output is
 * dropped and counted until it reads again.  flush() waits until the
 * backend has taken everything: the kernel calls it before shutdown, and
 * a domain that is destroyed with output still in its ring loses it.
 *
 * dom0: no ring (its HVM params are 0); CONSOLEIO_write hands bytes to
 * Xen's own console (the serial line), which is refused to a domU.
 */
#include <sys/cons.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_ring.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/pte.h>

#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include <xen/sched.h>

#define XENCONS_STALL_NS	(2ULL * 1000 * 1000 * 1000)

static struct xen_ring xencons_out;
static evtchn_port_t xencons_port;
static bool xencons_ring_ok, xencons_stalled;
static struct xencons_stats xencons_st;

static void
xencons_notify(void)
{
	xencons_st.notifies++;
	(void)xen_evtchn_send(xencons_port);
}

/*
 * Wait until the backend has taken something (or, with all, everything).
 * Returns 0 on progress, -1 after XENCONS_STALL_NS without any.
 */
static int
xencons_wait(bool all)
{
	long pend, last = xen_ring_pending(&xencons_out);
	uint64_t start = xen_time_ns();

	if (last <= 0)
		return last < 0 ? -1 : 0;
	xencons_notify();
	for (;;) {
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
		pend = xen_ring_pending(&xencons_out);
		if (pend < 0)
			return -1;
		if (pend == 0 || (!all && pend < last))
			return 0;
		if (pend < last) {
			last = pend;
			start = xen_time_ns();
		}
		if (xen_time_ns() - start > XENCONS_STALL_NS)
			return -1;
	}
}

static void
xencons_ring_write(const char *s, size_t n)
{
	long put;

	while (n > 0) {
		put = xen_ring_put(&xencons_out, s, n);
		if (put < 0)
			break;			/* broken: the backend lied */
		xencons_st.written += (uint64_t)put;
		s += put;
		n -= (size_t)put;
		if (n == 0)
			break;
		/*
		 * Full.  A backend that has stalled once is not waited for
		 * again until it shows it is reading.
		 */
		if (xencons_stalled) {
			if (xen_ring_pending(&xencons_out) <
			    (long)xencons_out.size)
				continue;
			break;
		}
		if (xencons_wait(false) != 0) {
			xencons_stalled = true;
			break;
		}
	}
	xencons_st.dropped += n;
	xencons_notify();
}

static void
xencons_ring_flush(void)
{
	if (xencons_wait(true) == 0)
		xencons_stalled = false;
}

static const struct cons_sink xencons_ring_sink = {
	.name = "xencons",
	.write = xencons_ring_write,
	.flush = xencons_ring_flush,
};

static void
xencons_io_write(const char *s, size_t n)
{
	unsigned chunk;

	while (n > 0) {
		chunk = (unsigned)MIN(n, 4096);
		if (HYPERVISOR_console_io(CONSOLEIO_write, chunk, s) < 0)
			return;
		s += chunk;
		n -= chunk;
	}
}

static const struct cons_sink xencons_io_sink = {
	.name = "consoleio",
	.write = xencons_io_write,
};

int
xencons_init(void)
{
	volatile struct xencons_interface *intf;
	uint64_t pfn, port;

	if (xen_is_dom0) {
		cons_register(&xencons_io_sink);
		return 0;
	}
	if (xen_hvm_param(HVM_PARAM_CONSOLE_PFN, &pfn) != 0 || pfn == 0 ||
	    xen_hvm_param(HVM_PARAM_CONSOLE_EVTCHN, &port) != 0) {
		pvbus_early_note(false, "xen: no PV console");
		return -1;
	}
	/* The page may sit just below 4 GiB; above it we cannot reach it. */
	if (pfn > (UINT64_MAX >> PAGE_SHIFT) || (intf = pmap_phys_ptr(
	    pfn << PAGE_SHIFT, sizeof(*intf))) == NULL || port > UINT32_MAX) {
		pvbus_early_note(true, "xen: PV console at pfn %#lx, "
		    "port %lu: not usable", (unsigned long)pfn,
		    (unsigned long)port);
		return -1;
	}
	xencons_port = (evtchn_port_t)port;
	if (xen_ring_init_producer(&xencons_out, intf->out,
	    sizeof(intf->out), &intf->out_cons, &intf->out_prod) != 0) {
		pvbus_early_note(true, "xen: PV console ring in an "
		    "impossible state (out_cons %u, out_prod %u)",
		    intf->out_cons, intf->out_prod);
		return -1;
	}
	xencons_ring_ok = true;
	cons_register(&xencons_ring_sink);
	return 0;
}

bool
xencons_has_ring(void)
{
	return xencons_ring_ok;
}

void
xencons_get_stats(struct xencons_stats *st)
{
	*st = xencons_st;
	st->pending = xencons_ring_ok ? xen_ring_pending(&xencons_out) : 0;
}
