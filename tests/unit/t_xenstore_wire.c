/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore messages against a hostile daemon: oversized lengths,
 * unterminated error strings, replies of the wrong type, values longer
 * than the caller's buffer, and a response ring whose producer index is
 * impossible.  The response ring is exactly XENSTORE_RING_SIZE bytes so
 * that ASan sees any access outside it.
 *
 * Then whole exchanges (xs_transact) on a fake clock (fake_wait.h)
 * against daemons that trickle one byte every 9 s (the review's: a reply
 * after 36 144 s when each byte restarted the timer), flood watch events,
 * or stay silent while the clock stands still: each must end within one
 * request's deadline, in simulated time and in polls.
 */
/* sources: sys/arch/xen/xenstore_wire.c sys/arch/xen/xenstore_watch.c sys/arch/xen/xen_ring.c sys/arch/xen/xen_wait.c */
#include <stdint.h>
#include <stdlib.h>

#include <arch/xen/xenstore_wire.h>
#include <lib/libkern.h>

#include "fake_wait.h"
#include "tap.h"

struct daemon {
	char		*rsp;		/* the response ring */
	uint32_t	cons, prod;
	struct xen_ring	ring;		/* our consumer view */
};

static struct daemon *
daemon_new(void)
{
	struct daemon *d = calloc(1, sizeof(*d));

	d->rsp = malloc(XENSTORE_RING_SIZE);
	memset(d->rsp, 0, XENSTORE_RING_SIZE);
	xen_ring_init_consumer(&d->ring, d->rsp, XENSTORE_RING_SIZE, &d->cons,
	    &d->prod);
	return d;
}

static void
daemon_free(struct daemon *d)
{
	free(d->rsp);
	free(d);
}

/* The daemon writes n bytes (an honest producer: never overfills). */
static uint32_t
daemon_send(struct daemon *d, const void *p, uint32_t n)
{
	const char *s = p;
	uint32_t i, room = XENSTORE_RING_SIZE - (d->prod - d->cons);

	if (n > room)
		n = room;
	for (i = 0; i < n; i++)
		d->rsp[(d->prod + i) & (XENSTORE_RING_SIZE - 1)] = s[i];
	d->prod += n;
	return n;
}

static void
daemon_hdr(struct daemon *d, uint32_t type, uint32_t id, uint32_t len)
{
	struct xsd_sockmsg h = { type, id, 0, len };

	daemon_send(d, &h, sizeof(h));
}

static void
build_cases(void)
{
	char out[64], big[XENSTORE_PAYLOAD_MAX + 8];
	struct xsd_sockmsg h;
	long n;

	n = xs_req_build(out, sizeof(out), XS_WRITE, 7, "data/x", "42", 2);
	is_int(n, 16 + 7 + 2, "XS_WRITE: header + path with NUL + value");
	memcpy(&h, out, sizeof(h));
	ok(h.type == XS_WRITE && h.req_id == 7 && h.tx_id == 0 && h.len == 9,
	    "header fields");
	ok(memcmp(out + 16, "data/x\0" "42", 9) == 0, "payload layout");
	is_int(xs_req_build(out, 20, XS_READ, 1, "data/x", NULL, 0), -1,
	    "refused when the output buffer is too small");
	memset(big, 'a', sizeof(big));
	big[XENSTORE_PAYLOAD_MAX] = '\0';
	is_int(xs_req_build(big, sizeof(big), XS_READ, 1, big, NULL, 0), -1,
	    "path of XENSTORE_PAYLOAD_MAX bytes (+NUL) refused");
}

static enum xs_rx_status
pull_all(struct daemon *d, struct xs_rx *rx)
{
	enum xs_rx_status st;
	int i;

	for (i = 0; i < 100; i++)
		if ((st = xs_rx_pull(&d->ring, rx)) != XS_RX_MORE)
			return st;
	return XS_RX_MORE;
}

static void
reply_cases(void)
{
	struct daemon *d;
	struct xs_rx *rx = malloc(sizeof(*rx));
	char val[8], payload[XENSTORE_PAYLOAD_MAX];
	size_t vlen = 99;
	uint32_t sent, i;

	/* A normal read reply, trickled in a few bytes at a time. */
	d = daemon_new();
	xs_rx_reset(rx);
	{
		struct xsd_sockmsg h = { XS_READ, 3, 0, 5 };
		char msg[21];

		memcpy(msg, &h, 16);
		memcpy(msg + 16, "genpv", 5);
		for (i = 0; i < sizeof(msg); i += 4) {
			daemon_send(d, msg + i, MIN(4, (uint32_t)sizeof(msg) - i));
			if (i + 4 < sizeof(msg))
				ok(xs_rx_pull(&d->ring, rx) == XS_RX_MORE,
				    "partial reply (%u bytes): more", i + 4);
		}
	}
	is_int(xs_rx_pull(&d->ring, rx), XS_RX_DONE, "whole reply: done");
	is_int(xs_reply_parse(rx, XS_READ, val, sizeof(val), &vlen), XS_ERR_NONE,
	    "read reply parsed");
	ok(strcmp(val, "genpv") == 0 && vlen == 5, "value and length");
	daemon_free(d);

	/* A length beyond XENSTORE_PAYLOAD_MAX: refused before reading it. */
	d = daemon_new();
	xs_rx_reset(rx);
	daemon_hdr(d, XS_READ, 1, 0xffffffffu);
	daemon_send(d, "xxxx", 4);
	is_int(pull_all(d, rx), XS_RX_BAD, "len 0xffffffff refused");
	is_int(d->cons, 16, "only the header was consumed");
	daemon_free(d);

	d = daemon_new();
	xs_rx_reset(rx);
	daemon_hdr(d, XS_READ, 1, XENSTORE_PAYLOAD_MAX + 1);
	is_int(pull_all(d, rx), XS_RX_BAD, "len XENSTORE_PAYLOAD_MAX + 1 refused");
	daemon_free(d);

	/* Exactly XENSTORE_PAYLOAD_MAX: four ring-fulls, accepted. */
	d = daemon_new();
	xs_rx_reset(rx);
	for (i = 0; i < sizeof(payload); i++)
		payload[i] = (char)('A' + i % 23);
	daemon_hdr(d, XS_READ, 1, XENSTORE_PAYLOAD_MAX);
	sent = 0;
	while (sent < sizeof(payload)) {
		sent += daemon_send(d, payload + sent, sizeof(payload) - sent);
		if (xs_rx_pull(&d->ring, rx) == XS_RX_BAD)
			break;
	}
	is_int(rx->got, 16 + XENSTORE_PAYLOAD_MAX, "4096-byte payload received");
	ok(memcmp(rx->payload, payload, sizeof(payload)) == 0 &&
	    rx->payload[XENSTORE_PAYLOAD_MAX] == '\0', "in order, NUL added");
	is_int(xs_reply_parse(rx, XS_READ, val, sizeof(val), &vlen), XS_ERR_TRUNC,
	    "value longer than the caller's buffer: truncated");
	ok(vlen == sizeof(val) - 1 && val[sizeof(val) - 1] == '\0' &&
	    memcmp(val, payload, sizeof(val) - 1) == 0,
	    "truncated value is terminated inside the buffer");
	daemon_free(d);

	/* Error replies. */
	d = daemon_new();
	xs_rx_reset(rx);
	daemon_hdr(d, XS_ERROR, 1, 7);
	daemon_send(d, "ENOENT", 7);
	is_int(pull_all(d, rx), XS_RX_DONE, "error reply received");
	is_int(xs_reply_parse(rx, XS_READ, val, sizeof(val), NULL), XS_ERR_ENOENT,
	    "ENOENT");
	xs_rx_reset(rx);
	daemon_hdr(d, XS_ERROR, 1, 6);
	daemon_send(d, "EACCES", 6);
	pull_all(d, rx);
	is_int(xs_reply_parse(rx, XS_WRITE, NULL, 0, NULL), XS_ERR_EACCES,
	    "unterminated error string still recognised, within its length");
	xs_rx_reset(rx);
	daemon_hdr(d, XS_ERROR, 1, 9);
	daemon_send(d, "EWHATEVR", 9);
	pull_all(d, rx);
	is_int(xs_reply_parse(rx, XS_WRITE, NULL, 0, NULL), XS_ERR_UNKNOWN,
	    "unknown error string");
	xs_rx_reset(rx);
	daemon_hdr(d, XS_ERROR, 1, 0);
	pull_all(d, rx);
	is_int(xs_reply_parse(rx, XS_WRITE, NULL, 0, NULL), XS_ERR_UNKNOWN,
	    "empty error string");
	xs_rx_reset(rx);
	daemon_hdr(d, XS_DIRECTORY, 1, 3);
	daemon_send(d, "OK", 3);
	pull_all(d, rx);
	is_int(xs_reply_parse(rx, XS_WRITE, NULL, 0, NULL), XS_ERR_PROTO,
	    "reply of another type: protocol error");
	daemon_free(d);

	/* A response ring whose producer is impossible. */
	d = daemon_new();
	xs_rx_reset(rx);
	d->prod = 5000;
	is_int(xs_rx_pull(&d->ring, rx), XS_RX_BAD, "rsp_prod far ahead refused");
	is_int(rx->got, 0, "nothing received");
	daemon_free(d);

	/* A half-received reply must not be parsed as whole. */
	xs_rx_reset(rx);
	rx->hdr.type = XS_READ;
	rx->hdr.len = 10;
	rx->got = 20;
	is_int(xs_reply_parse(rx, XS_READ, val, sizeof(val), NULL), XS_ERR_PROTO,
	    "incomplete reply not parsed");
	free(rx);
}

/* --- whole exchanges against a simulated daemon ------------------------ */

enum xsd_mode {
	XSD_HONEST,		/* takes the request, replies at once */
	XSD_TRICKLE_REPLY,	/* replies one byte per period */
	XSD_TRICKLE_REQUEST,	/* takes the request one byte per period */
	XSD_WATCHES,		/* nwatch watch events, then the reply */
	XSD_STALE,		/* nwatch replies to other ids, then ours */
	XSD_SILENT,
};

static struct {
	enum xsd_mode	mode;
	char		*req, *rsp;
	uint32_t	req_cons, req_prod, rsp_cons, rsp_prod;
	struct xen_ring	qr, pr;			/* our views */
	uint32_t	id, reqlen, taken;	/* the request expected */
	char		reply[64];
	uint32_t	replylen, replied;
	unsigned	nwatch, watches_sent;
	uint64_t	period_ns, next_ns;
} D;

static void
xsd_put(const void *p, uint32_t n)
{
	const char *s = p;
	uint32_t i;

	for (i = 0; i < n; i++)
		D.rsp[(D.rsp_prod + i) & (XENSTORE_RING_SIZE - 1)] = s[i];
	D.rsp_prod += n;
}

static uint32_t
xsd_room(void)
{
	return XENSTORE_RING_SIZE - (D.rsp_prod - D.rsp_cons);
}

/* The daemon's turn: it runs at every yield. */
static void
xsd_run(void)
{
	bool tick = D.period_ns == 0 || fake_ns >= D.next_ns;
	uint32_t n;

	if (D.period_ns != 0 && tick)
		D.next_ns += D.period_ns;
	if (D.mode == XSD_SILENT)
		return;
	/* Take the request. */
	n = D.req_prod - D.req_cons;
	if (D.mode == XSD_TRICKLE_REQUEST)
		n = tick && n > 0 ? 1 : 0;
	D.req_cons += n;
	D.taken += n;
	if (D.taken < D.reqlen)
		return;
	/* Other messages first. */
	while (D.watches_sent < D.nwatch && xsd_room() >= 16 + 4) {
		struct xsd_sockmsg h = { XS_WATCH_EVENT, 0, 0, 4 };

		if (D.mode == XSD_STALE) {
			h.type = XS_READ;
			h.req_id = D.id + 1000 + D.watches_sent;
		}
		xsd_put(&h, 16);
		xsd_put("a\0b", 4);
		D.watches_sent++;
	}
	if (D.watches_sent < D.nwatch)
		return;
	/* Then the reply: all of it, or one byte per period. */
	n = D.replylen - D.replied;
	if (D.mode == XSD_TRICKLE_REPLY)
		n = tick && n > 0 ? 1 : 0;
	n = MIN(n, xsd_room());
	xsd_put(D.reply + D.replied, n);
	D.replied += n;
}

static void
xsd_setup(enum xsd_mode mode, uint64_t period_ns, unsigned nwatch)
{
	struct xsd_sockmsg h = { XS_READ, 0, 0, 6 };

	fake_reset(xsd_run);
	memset(D.req, 0, XENSTORE_RING_SIZE);
	memset(D.rsp, 0, XENSTORE_RING_SIZE);
	D.req_cons = D.req_prod = D.rsp_cons = D.rsp_prod = 0;
	xen_ring_init_producer(&D.qr, D.req, XENSTORE_RING_SIZE, &D.req_cons,
	    &D.req_prod);
	xen_ring_init_consumer(&D.pr, D.rsp, XENSTORE_RING_SIZE, &D.rsp_cons,
	    &D.rsp_prod);
	D.mode = mode;
	D.period_ns = period_ns;
	D.next_ns = fake_ns + period_ns;
	D.nwatch = nwatch;
	D.watches_sent = 0;
	D.id = 77;
	D.taken = D.replied = 0;
	h.req_id = D.id;
	memcpy(D.reply, &h, 16);
	memcpy(D.reply + 16, "genpvh", 6);
	D.replylen = 22;
}

/* Read "domid" (or a long path) through xs_transact with D as daemon. */
static enum xs_err
xsd_read(const char *path, char *val, size_t valsz)
{
	static char msg[XS_HDR_SIZE + XENSTORE_PAYLOAD_MAX];
	struct xs_chan c = { &D.qr, &D.pr, 5, &fake_ops, NULL };
	struct xs_rx *rx = malloc(sizeof(*rx));
	enum xs_err e;
	long len;

	xs_rx_reset(rx);
	len = xs_req_build(msg, sizeof(msg), XS_READ, D.id, path, NULL, 0);
	D.reqlen = (uint32_t)len;
	e = xs_transact(&c, msg, (size_t)len, D.id, XS_READ, rx, val, valsz);
	free(rx);
	return e;
}

/* Simulated time one exchange may take at most. */
static double
xs_bound_s(void)
{
	return (double)(XS_REQUEST_NS + 2 * FAKE_MS) / FAKE_S;
}

static void
exchange_cases(void)
{
	char val[16], longpath[2000];

	D.req = malloc(XENSTORE_RING_SIZE);
	D.rsp = malloc(XENSTORE_RING_SIZE);

	xsd_setup(XSD_HONEST, 0, 0);
	is_int(xsd_read("name", val, sizeof(val)), XS_ERR_NONE,
	    "honest daemon: read done");
	is_str(val, "genpvh", "honest daemon: value");

	/* The review's daemon: the reply one byte every 9 s. */
	xsd_setup(XSD_TRICKLE_REPLY, 9 * FAKE_S, 0);
	is_int(xsd_read("name", val, sizeof(val)), XS_ERR_TIMEOUT,
	    "reply trickled 1 byte per 9 s: timeout");
	ok(fake_elapsed_s() <= xs_bound_s(), "after %.1f s simulated (the "
	    "deadline is %.0f s, whatever arrives)", fake_elapsed_s(),
	    (double)XS_REQUEST_NS / FAKE_S);
	ok(D.replied > 0 && D.replied < D.replylen,
	    "bytes did arrive (%u of %u), and did not extend it", D.replied,
	    D.replylen);

	/* A request larger than the ring, taken one byte every 9 s. */
	memset(longpath, 'p', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	xsd_setup(XSD_TRICKLE_REQUEST, 9 * FAKE_S, 0);
	is_int(xsd_read(longpath, val, sizeof(val)), XS_ERR_TIMEOUT,
	    "request taken 1 byte per 9 s: timeout");
	ok(fake_elapsed_s() <= xs_bound_s(), "after %.1f s simulated",
	    fake_elapsed_s());
	/* The same request, taken at once: the one deadline suffices. */
	xsd_setup(XSD_HONEST, 0, 0);
	is_int(xsd_read(longpath, val, sizeof(val)), XS_ERR_NONE,
	    "a request larger than the ring, honest daemon: done");

	/* Watch events and stale replies are dropped, a few only. */
	xsd_setup(XSD_WATCHES, 0, XS_MAX_DROPPED);
	is_int(xsd_read("name", val, sizeof(val)), XS_ERR_NONE,
	    "%u watch events, then the reply: done", XS_MAX_DROPPED);
	xsd_setup(XSD_WATCHES, 0, 1000000);
	is_int(xsd_read("name", val, sizeof(val)), XS_ERR_PROTO,
	    "a flood of watch events: protocol error");
	ok(D.rsp_cons <= (XS_MAX_DROPPED + 1) * (16 + 4),
	    "after reading %u events (at most %u)", D.rsp_cons / (16 + 4),
	    XS_MAX_DROPPED + 1);
	ok(fake_elapsed_s() <= xs_bound_s(), "after %.1f s simulated",
	    fake_elapsed_s());
	xsd_setup(XSD_STALE, 0, XS_MAX_DROPPED + 1);
	is_int(xsd_read("name", val, sizeof(val)), XS_ERR_PROTO,
	    "%u replies to other requests first: protocol error",
	    XS_MAX_DROPPED + 1);

	/* A silent daemon and a clock that stands still: polls end it. */
	xsd_setup(XSD_SILENT, 0, 0);
	fake_clock_stopped = true;
	is_int(xsd_read("name", val, sizeof(val)), XS_ERR_TIMEOUT,
	    "silent daemon, stopped clock: timeout");
	ok(fake_yields <= XS_REQUEST_NS / XEN_WAIT_POLL_MIN_NS,
	    "after %llu polls (at most %llu)", (unsigned long long)fake_yields,
	    (unsigned long long)(XS_REQUEST_NS / XEN_WAIT_POLL_MIN_NS));

	free(D.req);
	free(D.rsp);
}

int
main(void)
{
	build_cases();
	reply_cases();
	exchange_cases();
	return done_testing();
}
