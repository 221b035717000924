/*
 * A xenstore client: one request at a time, no transactions, no watches.
 * The page and its event channel come from HVM_PARAM_STORE_PFN and
 * HVM_PARAM_STORE_EVTCHN (none for dom0, which would run xenstored
 * itself).  Requests and replies go through the untrusted rings
 * (xen_ring.c) and the checked wire format (xenstore_wire.c); a reply
 * with another req_id, or a watch event, is read and dropped.  Every wait
 * is bounded (XS_TIMEOUT_NS); a ring the daemon broke stays broken.
 */
#include <sys/clock.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_ring.h>
#include <arch/xen/xenvar.h>
#include <machine/pte.h>

#include <xen/hvm/params.h>
#include <xen/sched.h>

#define XS_TIMEOUT_NS	(10ULL * 1000 * 1000 * 1000)
/*
 * And a bound that needs no clock: a poll (a SCHEDOP_yield hypercall and
 * a look at the ring) takes at least XS_MIN_POLL_NS, so a wait that polls
 * this often has outlived XS_TIMEOUT_NS even if the time it read was
 * stuck (a clock that gave up, or no rate known yet).
 */
#define XS_MIN_POLL_NS	100
#define XS_MAX_POLLS	(XS_TIMEOUT_NS / XS_MIN_POLL_NS)

static struct xen_ring xs_req, xs_rsp;
static evtchn_port_t xs_port;
static bool xs_up, xs_broken;
static uint32_t xs_next_id = 1;
/* Only Xen uses them, and each is set up before it is read. */
static struct xs_rx xs_rx __noinit;
static char xs_msg[XS_HDR_SIZE + XENSTORE_PAYLOAD_MAX] __noinit;

int
xenstore_init(void)
{
	volatile struct xenstore_domain_interface *intf;
	uint64_t pfn, port;

	if (xen_hvm_param(HVM_PARAM_STORE_PFN, &pfn) != 0 || pfn == 0 ||
	    xen_hvm_param(HVM_PARAM_STORE_EVTCHN, &port) != 0) {
		aprint_normal("xen: no xenstore\n");
		return -1;
	}
	if (pfn > (UINT64_MAX >> PAGE_SHIFT) || (intf = pmap_phys_ptr(
	    pfn << PAGE_SHIFT, sizeof(*intf))) == NULL || port > UINT32_MAX) {
		printf("xen: xenstore at pfn %#lx, port %lu: not usable\n",
		    (unsigned long)pfn, (unsigned long)port);
		return -1;
	}
	xs_port = (evtchn_port_t)port;
	if (xen_ring_init_producer(&xs_req, intf->req, XENSTORE_RING_SIZE,
	    &intf->req_cons, &intf->req_prod) != 0 ||
	    xen_ring_init_consumer(&xs_rsp, intf->rsp, XENSTORE_RING_SIZE,
	    &intf->rsp_cons, &intf->rsp_prod) != 0) {
		printf("xen: xenstore rings in an impossible state\n");
		return -1;
	}
	xs_up = true;
	return 0;
}

bool
xenstore_present(void)
{
	return xs_up && !xs_broken;
}

static bool
xs_expired(uint64_t start)
{
	return clock_ns() - start > XS_TIMEOUT_NS;
}

static enum xs_err
xs_send(const char *msg, size_t len)
{
	uint64_t start = clock_ns(), polls = 0;
	long n;

	while (len > 0) {
		if ((n = xen_ring_put(&xs_req, msg, len)) < 0)
			return XS_ERR_PROTO;
		msg += n;
		len -= (size_t)n;
		(void)xen_evtchn_send(xs_port);
		if (len == 0)
			break;
		if (n > 0)
			start = clock_ns();
		else if (xs_expired(start) || ++polls > XS_MAX_POLLS)
			return XS_ERR_TIMEOUT;
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	}
	return XS_ERR_NONE;
}

/* Wait for the reply to request id; other messages are dropped. */
static enum xs_err
xs_recv(uint32_t id, uint32_t type, char *out, size_t outsz)
{
	uint64_t start = clock_ns(), polls = 0;
	enum xs_rx_status st;
	uint32_t got;

	xs_rx_reset(&xs_rx);
	for (;;) {
		got = xs_rx.got;
		st = xs_rx_pull(&xs_rsp, &xs_rx);
		if (xs_rx.got != got)		/* room for the daemon */
			(void)xen_evtchn_send(xs_port);
		if (st == XS_RX_BAD)
			return XS_ERR_PROTO;
		if (st == XS_RX_DONE) {
			if (xs_rx.hdr.req_id == id &&
			    xs_rx.hdr.type != XS_WATCH_EVENT)
				return xs_reply_parse(&xs_rx, type, out,
				    outsz, NULL);
			xs_rx_reset(&xs_rx);
			continue;
		}
		if (++polls > XS_MAX_POLLS)
			return XS_ERR_TIMEOUT;
		if (xs_rx.got != got)
			start = clock_ns();
		else if (xs_expired(start))
			return XS_ERR_TIMEOUT;
		(void)HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	}
}

static enum xs_err
xs_request(uint32_t type, const char *path, const char *value, char *out,
    size_t outsz)
{
	uint32_t id = xs_next_id++;
	enum xs_err e;
	long len;

	if (!xs_up)
		return XS_ERR_NOSTORE;
	if (xs_broken)
		return XS_ERR_PROTO;
	len = xs_req_build(xs_msg, sizeof(xs_msg), type, id, path, value,
	    value != NULL ? strlen(value) : 0);
	if (len < 0)
		return XS_ERR_TOOBIG;
	if ((e = xs_send(xs_msg, (size_t)len)) == XS_ERR_NONE)
		e = xs_recv(id, type, out, outsz);
	/*
	 * After a protocol error or a timeout the rings may hold half a
	 * message: nothing after it can be trusted to line up.
	 */
	if (e == XS_ERR_PROTO || e == XS_ERR_TIMEOUT)
		xs_broken = true;
	return e;
}

enum xs_err
xenstore_read(const char *path, char *buf, size_t size)
{
	return xs_request(XS_READ, path, NULL, buf, size);
}

enum xs_err
xenstore_write(const char *path, const char *value)
{
	return xs_request(XS_WRITE, path, value, NULL, 0);
}
