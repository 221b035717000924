/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A xenstore client: one request at a time, no transactions; watches
 * whose events are queued while a request waits and delivered by
 * xenstore_poll() (xenstore_watch.h).
 * The page and its event channel come from HVM_PARAM_STORE_PFN and
 * HVM_PARAM_STORE_EVTCHN (none for dom0, which would run xenstored
 * itself).  Requests and replies go through the untrusted rings
 * (xen_ring.c) and the checked wire format (xenstore_wire.c), which also
 * bounds each exchange (xs_transact: one deadline per request, a few
 * dropped messages at most).  A ring the daemon broke, or left half a
 * message in, stays broken.
 */
#include <sys/boot.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xen_ring.h>
#include <arch/xen/xenstore_watch.h>
#include <arch/xen/xenvar.h>
#include <machine/pte.h>

#include <xen/hvm/params.h>

static struct xen_ring xs_req, xs_rsp;
static struct xs_watches xs_watches;
static struct xs_chan xs_chan = {
	.req = &xs_req,
	.rsp = &xs_rsp,
	.ops = &xen_waitops,
	.watches = &xs_watches,
};
static bool xs_up, xs_broken;
static uint64_t xs_pa;
static volatile uint64_t xs_kicks;	/* events on the port: wake-ups */
static uint32_t xs_next_id = 1;
/* Only Xen uses them, and each is set up before it is read. */
static struct xs_rx xs_rx __noinit;
static char xs_msg[XS_HDR_SIZE + XENSTORE_PAYLOAD_MAX] __noinit;

/*
 * An event on the port only wakes a CPU waiting in xenstore_idle(): the
 * messages are read by whoever polls, never here, in the middle of
 * another request.
 */
static void
xs_intr(evtchn_port_t port, void *arg)
{
	(void)port, (void)arg;
	xs_kicks++;
}

static int
xs_connect(volatile struct xenstore_domain_interface *intf,
    evtchn_port_t port)
{
	xs_chan.port = port;
	xs_rx_reset(&xs_rx);
	if (xen_ring_init_producer(&xs_req, intf->req, XENSTORE_RING_SIZE,
	    &intf->req_cons, &intf->req_prod) != 0 ||
	    xen_ring_init_consumer(&xs_rsp, intf->rsp, XENSTORE_RING_SIZE,
	    &intf->rsp_cons, &intf->rsp_prod) != 0)
		return -1;
	if (xen_evtchn_bind(port, xs_intr, NULL) == 0)
		(void)xen_evtchn_unmask(port);
	return 0;
}

uint64_t
xenstore_kicks(void)
{
	return xs_kicks;
}

int
xenstore_init(void)
{
	volatile struct xenstore_domain_interface *intf;
	struct bi_status st;
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
	/* The page is the daemon's, not ours (run after the memory map). */
	if (bootinfo_check_shared_page(bootargs->bi, &bootargs->kernel,
	    pfn << PAGE_SHIFT, "xenstore ring", &st) != 0) {
		printf("xen: %s: xenstore not used\n", st.msg);
		return -1;
	}
	xs_pa = pfn << PAGE_SHIFT;
	if (xs_connect(intf, (evtchn_port_t)port) != 0) {
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

static enum xs_err
xs_request(uint32_t type, const char *path, const char *value, size_t vlen,
    char *out, size_t outsz)
{
	uint32_t id = xs_next_id++;
	enum xs_err e;
	long len;

	if (!xs_up)
		return XS_ERR_NOSTORE;
	if (xs_broken)
		return XS_ERR_PROTO;
	len = xs_req_build(xs_msg, sizeof(xs_msg), type, id, path, value, vlen);
	if (len < 0)
		return XS_ERR_TOOBIG;
	e = xs_transact(&xs_chan, xs_msg, (size_t)len, id, type, &xs_rx, out,
	    outsz);
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
	return xs_request(XS_READ, path, NULL, 0, buf, size);
}

enum xs_err
xenstore_write(const char *path, const char *value)
{
	return xs_request(XS_WRITE, path, value, strlen(value), NULL, 0);
}

/*
 * The names under path, NUL-separated.  The buffer is cleared first, so
 * the list ends at the first empty name even when the daemon's reply
 * lacks the final NUL; *len is the size to parse.
 */
enum xs_err
xenstore_directory(const char *path, char *buf, size_t size, size_t *len)
{
	memset(buf, 0, size);
	*len = size;
	return xs_request(XS_DIRECTORY, path, NULL, 0, buf, size);
}

/* XS_WATCH and XS_UNWATCH: path, then the token with its NUL. */
static enum xs_err
xs_watch_request(uint32_t type, const struct xs_watch *w)
{
	return xs_request(type, w->path, w->token, strlen(w->token) + 1, NULL,
	    0);
}

enum xs_err
xenstore_watch(const char *path, const char *token, xs_watch_fn cb,
    void *arg)
{
	enum xs_err e;
	int slot;

	if (!xs_up)
		return XS_ERR_NOSTORE;
	/*
	 * Registered first: xenstored fires every new watch once, and that
	 * event may come before the reply.
	 */
	if ((slot = xs_watch_add(&xs_watches, path, token, cb, arg, &e)) < 0)
		return e;
	if ((e = xs_watch_request(XS_WATCH, &xs_watches.w[slot])) !=
	    XS_ERR_NONE)
		xs_watch_remove(&xs_watches, slot);
	return e;
}

enum xs_err
xenstore_unwatch(const char *path, const char *token)
{
	enum xs_err e;
	int slot;

	if ((slot = xs_watch_find(&xs_watches, path, token)) < 0)
		return XS_ERR_ENOENT;
	e = xs_watch_request(XS_UNWATCH, &xs_watches.w[slot]);
	/* Gone on our side whatever the daemon says: no more callbacks. */
	xs_watch_remove(&xs_watches, slot);
	return e;
}

unsigned
xenstore_poll(void)
{
	if (!xs_up || xs_broken)
		return 0;
	if (xs_chan_poll(&xs_chan, &xs_rx) != XS_ERR_NONE) {
		xs_broken = true;
		return 0;
	}
	return xs_event_dispatch(&xs_watches);
}

/*
 * After a real resume: a new xenstored connection on the same page
 * (cleared by the toolstack) with a new port; the daemon knows none of
 * our watches, so each is set again (and fires once, as a new one).
 */
static int
xenstore_resume(void)
{
	volatile struct xenstore_domain_interface *intf;
	uint64_t pfn, port;
	enum xs_err e;
	int i, failed = 0;

	if (!xs_up)
		return 0;
	xs_broken = true;
	if (xen_hvm_param(HVM_PARAM_STORE_PFN, &pfn) != 0 ||
	    xen_hvm_param(HVM_PARAM_STORE_EVTCHN, &port) != 0 ||
	    pfn << PAGE_SHIFT != xs_pa || port > UINT32_MAX ||
	    (intf = pmap_phys_ptr(xs_pa, sizeof(*intf))) == NULL ||
	    xs_connect(intf, (evtchn_port_t)port) != 0)
		return -1;
	xs_broken = false;
	for (i = 0; i < XS_WATCH_MAX; i++) {
		if (!xs_watches.w[i].used)
			continue;
		if ((e = xs_watch_request(XS_WATCH, &xs_watches.w[i])) !=
		    XS_ERR_NONE) {
			printf("resume: watch %s: %s\n", xs_watches.w[i].path,
			    xs_err_name(e));
			failed++;
		}
	}
	return failed == 0 ? 0 : -1;
}
XEN_RESUME_HOOK("xenstore", xenstore_resume, XEN_RESUME_XENSTORE);
