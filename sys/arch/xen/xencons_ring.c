/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PV console's output ring, with bounded waits (see xencons_ring.h).
 */
#include <arch/xen/xencons_ring.h>

static void
xencons_notify(struct xencons_out *o)
{
	o->st.notifies++;
	o->ops->notify(o->port);
}

/*
 * Wait until at most target bytes are pending: 0, or -1 when the
 * deadline passes first (progress does not extend it) or the ring breaks.
 */
static int
xencons_wait(struct xencons_out *o, long target)
{
	struct xen_deadline d;
	long pend = xen_ring_pending(&o->ring);

	if (pend < 0)
		return -1;
	if (pend <= target)
		return 0;
	xencons_notify(o);
	xen_deadline_start(&d, o->ops, XENCONS_WAIT_NS);
	while (!xen_deadline_poll(&d)) {
		if ((pend = xen_ring_pending(&o->ring)) < 0)
			return -1;
		if (pend <= target)
			return 0;
	}
	o->st.stalls++;
	return -1;
}

void
xencons_out_write(struct xencons_out *o, const char *s, size_t n)
{
	bool waited = false;
	long put;

	/*
	 * Each pass puts at least one byte or ends the loop, and waits at
	 * most once: n + 1 bounded waits at worst, and far fewer, since a
	 * wait that returns has freed half the ring.
	 */
	while (n > 0) {
		put = xen_ring_put(&o->ring, s, n);
		if (put < 0)
			break;			/* broken: the backend lied */
		/* Room it showed, then took back: a backend not to wait on. */
		if (put == 0 && waited) {
			o->stalled = true;
			break;
		}
		o->st.written += (uint64_t)put;
		s += put;
		n -= (size_t)put;
		if (n == 0 || o->stalled)
			break;
		if (xencons_wait(o, (long)o->ring.size / 2) != 0) {
			o->stalled = true;
			break;
		}
		waited = true;
	}
	o->st.dropped += n;
	xencons_notify(o);
}

int
xencons_out_flush(struct xencons_out *o)
{
	if (xencons_wait(o, 0) != 0) {
		o->stalled = true;
		return -1;
	}
	o->stalled = false;		/* it reads again: wait for it again */
	return 0;
}
