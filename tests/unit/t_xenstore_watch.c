/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore watches: the owners' table, the event queue and its bounds,
 * and events interleaved with replies on a simulated daemon.
 *
 * The daemon here writes a script of messages into the response ring
 * once it has taken our request: watch events for our tokens and for
 * tokens nobody owns, replies to other ids, our reply, events after it.
 * xs_transact() must return our reply's value, queue the events that
 * came before it for their owners, leave the ones after it in the ring
 * for xs_chan_poll(), and xs_event_dispatch() must call every owner
 * with its own path and token, in arrival order.
 */
/* sources: sys/arch/xen/xenstore_watch.c sys/arch/xen/xenstore_wire.c sys/arch/xen/xen_ring.c sys/arch/xen/xen_wait.c */
#include <stdint.h>
#include <stdlib.h>

#include <arch/xen/xenstore_watch.h>
#include <lib/libkern.h>

#include "fake_wait.h"
#include "tap.h"

/* --- what the callbacks saw ------------------------------------------ */

#define SEEN_MAX	64

static struct {
	char	path[XS_EVENT_PATH_MAX], token[XS_WATCH_TOKEN_MAX];
	int	owner;			/* the arg of the watch */
} seen[SEEN_MAX];
static unsigned nseen;

static void
record(const char *path, const char *token, void *arg)
{
	if (nseen < SEEN_MAX) {
		snprintf(seen[nseen].path, sizeof(seen[nseen].path), "%s", path);
		snprintf(seen[nseen].token, sizeof(seen[nseen].token), "%s",
		    token);
		seen[nseen].owner = (int)(intptr_t)arg;
	}
	nseen++;
}

static struct xs_watches *
watches_new(void)
{
	nseen = 0;
	return calloc(1, sizeof(struct xs_watches));
}

/* A whole XS_WATCH_EVENT message in rx, as xs_rx_pull() leaves it. */
static void
event_rx(struct xs_rx *rx, const char *path, const char *token)
{
	size_t pl = strlen(path) + 1, tl = strlen(token) + 1;

	xs_rx_reset(rx);
	rx->hdr.type = XS_WATCH_EVENT;
	rx->hdr.len = (uint32_t)(pl + tl);
	memcpy(rx->payload, path, pl);
	memcpy(rx->payload + pl, token, tl);
	rx->payload[pl + tl] = '\0';
	rx->got = XS_HDR_SIZE + rx->hdr.len;
}

static void
table_cases(void)
{
	struct xs_watches *ws = watches_new();
	char longpath[XS_WATCH_PATH_MAX + 1], tok[8];
	enum xs_err e;
	int i, a, b;

	a = xs_watch_add(ws, "control/shutdown", "ctl", record, NULL, &e);
	ok(a >= 0 && e == XS_ERR_NONE, "first watch added");
	b = xs_watch_add(ws, "device/vbd", "vbd", record, NULL, &e);
	ok(b >= 0 && b != a, "second watch, another slot");
	is_int(xs_watch_add(ws, "other/path", "ctl", record, NULL, &e), -1,
	    "a token already in use is refused");
	is_int(e, XS_ERR_EEXIST, "... with EEXIST");
	xs_watch_add(ws, "", "t1", record, NULL, &e);
	is_int(e, XS_ERR_EINVAL, "empty path refused");
	xs_watch_add(ws, "p", "t1", NULL, NULL, &e);
	is_int(e, XS_ERR_EINVAL, "no callback refused");
	memset(longpath, 'p', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	xs_watch_add(ws, longpath, "t1", record, NULL, &e);
	is_int(e, XS_ERR_TOOBIG, "path longer than a slot refused");
	is_int(xs_watch_find(ws, "device/vbd", "vbd"), b, "found by path and "
	    "token");
	is_int(xs_watch_find(ws, "device/vbd", "ctl"), -1, "not found with "
	    "another watch's token");
	for (i = 2; i < XS_WATCH_MAX; i++) {
		snprintf(tok, sizeof(tok), "t%d", i);
		if (xs_watch_add(ws, "p", tok, record, NULL, &e) < 0)
			break;
	}
	is_int(i, XS_WATCH_MAX, "the table holds XS_WATCH_MAX watches");
	is_int(xs_watch_add(ws, "p", "one-more", record, NULL, &e), -1,
	    "one more is refused");
	is_int(e, XS_ERR_ENOSPC, "... with ENOSPC");
	xs_watch_remove(ws, a);
	ok(xs_watch_add(ws, "p", "one-more", record, NULL, &e) == a,
	    "a removed slot is reused");
	free(ws);
}

static void
queue_cases(void)
{
	struct xs_watches *ws = watches_new();
	struct xs_rx *rx = malloc(sizeof(*rx));
	enum xs_err e;
	unsigned i, n;
	int a, b;

	a = xs_watch_add(ws, "control/shutdown", "ctl", record, (void *)1, &e);
	b = xs_watch_add(ws, "backend", "be", record, (void *)2, &e);
	event_rx(rx, "control/shutdown", "ctl");
	is_int(xs_event_queue(ws, rx), XS_EV_QUEUED, "event for ctl queued");
	event_rx(rx, "backend/vbd/1/state", "be");
	is_int(xs_event_queue(ws, rx), XS_EV_QUEUED, "event for be queued");
	event_rx(rx, "somewhere", "nobody");
	is_int(xs_event_queue(ws, rx), XS_EV_UNKNOWN, "unknown token dropped");
	is_int(ws->unknown, 1, "and counted");
	/* A path without its NUL inside the payload. */
	event_rx(rx, "abc", "ctl");
	rx->hdr.len = 3;
	rx->payload[3] = '\0';
	is_int(xs_event_queue(ws, rx), XS_EV_BAD, "unterminated path: bad");
	rx->hdr.type = XS_READ;
	is_int(xs_event_queue(ws, rx), XS_EV_BAD, "not an event: bad");
	ok(xs_event_pending(ws), "events pending");
	is_int(xs_event_dispatch(ws), 2, "two delivered");
	ok(nseen == 2 && seen[0].owner == 1 && seen[1].owner == 2,
	    "each to its owner, in arrival order");
	is_str(seen[0].path, "control/shutdown", "path of the first");
	is_str(seen[1].path, "backend/vbd/1/state", "path of the second");
	is_str(seen[1].token, "be", "token of the second");
	ok(!xs_event_pending(ws), "nothing left");

	/* Overflow: coalesced into one call with the watch's path. */
	nseen = 0;
	for (i = 0; i < XS_EVQ_LEN + 5; i++) {
		event_rx(rx, i % 2 ? "backend/x" : "control/shutdown",
		    i % 2 ? "be" : "ctl");
		xs_event_queue(ws, rx);
	}
	is_int(ws->count, XS_EVQ_LEN, "queue full at XS_EVQ_LEN");
	ok(ws->w[a].lost && ws->w[b].lost, "both owners marked");
	n = xs_event_dispatch(ws);
	is_int(n, XS_EVQ_LEN + 2, "queued events + one per coalesced watch");
	ok(nseen == n && strcmp(seen[XS_EVQ_LEN].path, "control/shutdown") ==
	    0 && strcmp(seen[XS_EVQ_LEN + 1].path, "backend") == 0,
	    "coalesced ones come last, with the watch's own path");

	/* A path longer than a queue slot: coalesced too. */
	{
		char lp[XS_EVENT_PATH_MAX + 10];

		memset(lp, 'q', sizeof(lp) - 1);
		lp[sizeof(lp) - 1] = '\0';
		event_rx(rx, lp, "be");
		is_int(xs_event_queue(ws, rx), XS_EV_COALESCED,
		    "path longer than a slot: coalesced");
		nseen = 0;
		xs_event_dispatch(ws);
		ok(nseen == 1 && strcmp(seen[0].path, "backend") == 0,
		    "delivered with the watch's path");
	}

	/* Removing a watch drops its queued events, keeps the others. */
	nseen = 0;
	for (i = 0; i < 6; i++) {
		event_rx(rx, i % 2 ? "backend/x" : "control/shutdown",
		    i % 2 ? "be" : "ctl");
		xs_event_queue(ws, rx);
	}
	xs_watch_remove(ws, a);
	is_int(ws->count, 3, "the removed watch's 3 events dropped");
	xs_event_dispatch(ws);
	ok(nseen == 3 && seen[0].owner == 2 && seen[2].owner == 2,
	    "the other watch's 3 delivered");
	free(rx);
	free(ws);
}

/* A callback that changes what it watches: dispatch must still end. */
static struct xs_watches *loop_ws;
static struct xs_rx loop_rx;
static unsigned nested;

static void
requeue(const char *path, const char *token, void *arg)
{
	(void)arg;
	nseen++;
	event_rx(&loop_rx, path, token);
	xs_event_queue(loop_ws, &loop_rx);
	nested += xs_event_dispatch(loop_ws);
}

static void
bound_cases(void)
{
	enum xs_err e;
	unsigned n;

	loop_ws = watches_new();
	nested = 0;
	xs_watch_add(loop_ws, "data/x", "loop", requeue, NULL, &e);
	event_rx(&loop_rx, "data/x", "loop");
	xs_event_queue(loop_ws, &loop_rx);
	n = xs_event_dispatch(loop_ws);
	is_int(n, XS_EVQ_LEN + XS_WATCH_MAX, "a self-feeding watch: dispatch "
	    "ends after XS_EVQ_LEN + XS_WATCH_MAX calls");
	is_int(nested, 0, "no delivery from inside a callback");
	ok(xs_event_pending(loop_ws), "the rest waits for the next poll");
	free(loop_ws);
}

/* --- events and replies interleaved on a simulated daemon ------------ */

static struct {
	char		*req, *rsp;
	uint32_t	req_cons, req_prod, rsp_cons, rsp_prod;
	struct xen_ring	qr, pr;
	uint32_t	reqlen, taken;
	char		script[2048];	/* messages to send, back to back */
	uint32_t	scriptlen, sent;
	uint32_t	per_turn;	/* bytes per turn; 0: all at once */
	bool		flood;		/* our events forever, never a reply */
} D;

static void
d_run(void)
{
	uint32_t n, i, room;

	D.req_cons = D.req_prod;	/* takes every request byte */
	D.taken = D.req_prod;
	room = XENSTORE_RING_SIZE - (D.rsp_prod - D.rsp_cons);
	if (D.flood) {
		char m[XS_HDR_SIZE + 16];
		struct xsd_sockmsg h = { XS_WATCH_EVENT, 0, 0, 10 };

		memcpy(m, &h, XS_HDR_SIZE);
		memcpy(m + XS_HDR_SIZE, "data/x\0ev", 10);
		while (room >= XS_HDR_SIZE + 10) {
			for (i = 0; i < XS_HDR_SIZE + 10; i++)
				D.rsp[(D.rsp_prod + i) &
				    (XENSTORE_RING_SIZE - 1)] = m[i];
			D.rsp_prod += XS_HDR_SIZE + 10;
			room -= XS_HDR_SIZE + 10;
		}
		return;
	}
	if (D.taken < D.reqlen)
		return;
	n = MIN(D.scriptlen - D.sent, room);
	if (D.per_turn != 0)
		n = MIN(n, D.per_turn);
	for (i = 0; i < n; i++)
		D.rsp[(D.rsp_prod + i) & (XENSTORE_RING_SIZE - 1)] =
		    D.script[D.sent + i];
	D.rsp_prod += n;
	D.sent += n;
}

static void
d_msg(uint32_t type, uint32_t id, const void *payload, uint32_t len)
{
	struct xsd_sockmsg h = { type, id, 0, len };

	memcpy(D.script + D.scriptlen, &h, XS_HDR_SIZE);
	memcpy(D.script + D.scriptlen + XS_HDR_SIZE, payload, len);
	D.scriptlen += XS_HDR_SIZE + len;
}

static void
d_event(const char *path, const char *token)
{
	char p[256];
	size_t pl = strlen(path) + 1, tl = strlen(token) + 1;

	memcpy(p, path, pl);
	memcpy(p + pl, token, tl);
	d_msg(XS_WATCH_EVENT, 0, p, (uint32_t)(pl + tl));
}

static void
d_setup(void)
{
	fake_reset(d_run);
	memset(D.req, 0, XENSTORE_RING_SIZE);
	memset(D.rsp, 0, XENSTORE_RING_SIZE);
	D.req_cons = D.req_prod = D.rsp_cons = D.rsp_prod = 0;
	xen_ring_init_producer(&D.qr, D.req, XENSTORE_RING_SIZE, &D.req_cons,
	    &D.req_prod);
	xen_ring_init_consumer(&D.pr, D.rsp, XENSTORE_RING_SIZE, &D.rsp_cons,
	    &D.rsp_prod);
	D.scriptlen = D.sent = D.taken = 0;
	D.per_turn = 0;
	D.flood = false;
}

static enum xs_err
d_request(struct xs_watches *ws, struct xs_rx *rx, uint32_t type,
    uint32_t id, const char *path, const char *value, size_t vlen, char *out,
    size_t outsz)
{
	static char msg[XS_HDR_SIZE + XENSTORE_PAYLOAD_MAX];
	struct xs_chan c = { &D.qr, &D.pr, 5, &fake_ops, ws };
	long len;

	len = xs_req_build(msg, sizeof(msg), type, id, path, value, vlen);
	D.reqlen = D.req_prod + (uint32_t)len;
	return xs_transact(&c, msg, (size_t)len, id, type, rx, out, outsz);
}

static void
interleave_cases(void)
{
	struct xs_watches *ws = watches_new();
	struct xs_rx *rx = malloc(sizeof(*rx));
	struct xs_chan c;
	char val[32];
	enum xs_err e;
	int ctl, be;

	D.req = malloc(XENSTORE_RING_SIZE);
	D.rsp = malloc(XENSTORE_RING_SIZE);
	xs_rx_reset(rx);

	/*
	 * XS_WATCH as xenstore_watch() does it: registered first, and
	 * xenstored's initial event comes before the reply.
	 */
	d_setup();
	ctl = xs_watch_add(ws, "control/shutdown", "ctl", record, (void *)1,
	    &e);
	d_event("control/shutdown", "ctl");
	d_msg(XS_WATCH, 10, "OK", 3);
	is_int(d_request(ws, rx, XS_WATCH, 10, "control/shutdown", "ctl", 4,
	    NULL, 0), XS_ERR_NONE, "XS_WATCH: OK after its initial event");
	is_int(ws->count, 1, "the initial event was queued, not dropped");

	/*
	 * A read while both watches fire: events for us and for a token
	 * nobody owns, a stale reply, then ours, then one more event.
	 */
	d_setup();
	be = xs_watch_add(ws, "backend", "be", record, (void *)2, &e);
	d_event("backend/vbd/1/state", "be");
	d_event("old/watch", "nobody");
	d_msg(XS_READ, 11, "stale", 5);
	d_event("control/shutdown", "ctl");
	d_msg(XS_READ, 12, "poweroff", 8);
	d_event("backend/vbd/1/state", "be");
	is_int(d_request(ws, rx, XS_READ, 12, "control/shutdown", NULL, 0, val,
	    sizeof(val)), XS_ERR_NONE, "read with events around its reply: OK");
	is_str(val, "poweroff", "the value is the reply's, not an event's");
	is_int(ws->count, 3, "the two events before it queued (3 with the "
	    "initial one)");
	ok(D.rsp_cons < D.rsp_prod, "the event after the reply is still in "
	    "the ring");
	c = (struct xs_chan){ &D.qr, &D.pr, 5, &fake_ops, ws };
	is_int(xs_chan_poll(&c, rx), XS_ERR_NONE, "poll: OK");
	is_int(ws->count, 4, "poll queued it");
	is_int(xs_event_dispatch(ws), 4, "four events delivered");
	ok(nseen == 4 && seen[0].owner == 1 && seen[1].owner == 2 &&
	    seen[2].owner == 1 && seen[3].owner == 2,
	    "to their owners, in arrival order (ctl, be, ctl, be)");

	/*
	 * An event half received by a poll is finished by the next request,
	 * whose reply comes right after it; bytes arrive 5 per turn.
	 */
	d_setup();
	nseen = 0;
	d_event("control/shutdown", "ctl");
	D.reqlen = 0;
	D.per_turn = 9;
	d_run();			/* 9 bytes of the event's header */
	is_int(xs_chan_poll(&c, rx), XS_ERR_NONE, "poll of half a header");
	ok(rx->got == 9 && ws->count == 0, "kept in rx, nothing queued");
	d_msg(XS_READ, 13, "reboot", 6);
	D.per_turn = 5;
	is_int(d_request(ws, rx, XS_READ, 13, "control/shutdown", NULL, 0, val,
	    sizeof(val)), XS_ERR_NONE, "the request after it: OK");
	is_str(val, "reboot", "its value");
	xs_event_dispatch(ws);
	ok(nseen == 1 && strcmp(seen[0].path, "control/shutdown") == 0,
	    "the event begun before the request was delivered whole");

	/* Our own events without end: bounded by the deadline, coalesced. */
	d_setup();
	nseen = 0;
	D.flood = true;
	xs_watch_add(ws, "data/x", "ev", record, (void *)3, &e);
	is_int(d_request(ws, rx, XS_READ, 14, "data/x", NULL, 0, val,
	    sizeof(val)), XS_ERR_TIMEOUT, "a flood of our own events: timeout");
	ok(fake_elapsed_s() <= (double)(XS_REQUEST_NS + 2 * FAKE_MS) / FAKE_S,
	    "within the request's deadline (%.1f s simulated)",
	    fake_elapsed_s());
	ok(ws->count == XS_EVQ_LEN && ws->coalesced > 0, "queue full, the "
	    "rest coalesced (%llu)", (unsigned long long)ws->coalesced);

	/* After unwatch no callback runs for it. */
	xs_rx_reset(rx);
	xs_watch_remove(ws, xs_watch_find(ws, "data/x", "ev"));
	xs_watch_remove(ws, ctl);
	xs_watch_remove(ws, be);
	nseen = 0;
	is_int(xs_event_dispatch(ws), 0, "all removed: nothing delivered");
	free(D.req);
	free(D.rsp);
	free(rx);
	free(ws);
}

int
main(void)
{
	table_cases();
	queue_cases();
	bound_cases();
	interleave_cases();
	return done_testing();
}
