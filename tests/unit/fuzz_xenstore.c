/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: one xenstore request (xs_transact) against a daemon
 * the input plays.  At each of our yields the daemon takes the request
 * and writes the next chunk of the input into the response ring: one
 * length byte, then that many bytes (a header, a payload, watch events,
 * garbage, in any split); a length byte of 0xff instead sets the ring's
 * producer index to the next four bytes.  The clock is fake
 * (fake_wait.h), 100 ms per yield.  Invariants: the result is a known
 * error; a value is always terminated inside the caller's buffer; the
 * exchange ends within XS_REQUEST_NS of simulated time and within its
 * poll cap.  Events for the watch with token "b" are queued, then
 * delivered (xs_chan_poll, xs_event_dispatch) with terminated paths.
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this).
 */
/* sources: sys/arch/xen/xenstore_wire.c sys/arch/xen/xenstore_watch.c sys/arch/xen/xen_ring.c sys/arch/xen/xen_wait.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch/xen/xenstore_watch.h>
#include <arch/xen/xenstore_wire.h>

#include "fake_wait.h"
#include "fuzz.h"

#define REQ_ID		7
#define INDEX_CMD	0xff

static const uint8_t *in;
static size_t inlen, inpos;
static char *req, *rsp;
static uint32_t req_cons, req_prod, rsp_cons, rsp_prod;

static void
daemon_turn(void)
{
	uint32_t n, room, i;

	req_cons = req_prod;			/* takes every request byte */
	if (inpos >= inlen)
		return;				/* silent from now on */
	n = in[inpos++];
	if (n == INDEX_CMD) {
		if (inlen - inpos >= 4) {
			memcpy(&rsp_prod, in + inpos, 4);
			inpos += 4;
		}
		return;
	}
	room = XENSTORE_RING_SIZE - (rsp_prod - rsp_cons);
	if (room > XENSTORE_RING_SIZE)
		room = 0;			/* after a hostile index */
	n = n < inlen - inpos ? n : (uint32_t)(inlen - inpos);
	n = n < room ? n : room;
	for (i = 0; i < n; i++)
		rsp[(rsp_prod + i) & (XENSTORE_RING_SIZE - 1)] =
		    (char)in[inpos + i];
	rsp_prod += n;
	inpos += n;
}

static void
on_event(const char *path, const char *token, void *arg)
{
	(void)arg;
	check(strlen(path) < XS_EVENT_PATH_MAX, "event path not terminated");
	check(strcmp(token, "b") == 0, "event delivered to another token");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char msg[XS_HDR_SIZE + XENSTORE_PAYLOAD_MAX];
	static struct xs_rx rx;
	static struct xs_watches ws;
	struct xen_ring qr, pr;
	struct xs_chan c = { &qr, &pr, 1, &fake_ops, &ws };
	char val[16];
	enum xs_err e;
	long len;

	in = data;
	inlen = size;
	inpos = 0;
	req = malloc(XENSTORE_RING_SIZE);
	rsp = malloc(XENSTORE_RING_SIZE);
	memset(rsp, 0, XENSTORE_RING_SIZE);
	req_cons = req_prod = rsp_cons = rsp_prod = 0;
	xen_ring_init_producer(&qr, req, XENSTORE_RING_SIZE, &req_cons,
	    &req_prod);
	xen_ring_init_consumer(&pr, rsp, XENSTORE_RING_SIZE, &rsp_cons,
	    &rsp_prod);
	fake_reset(daemon_turn);
	fake_step_ns = 100 * FAKE_MS;
	memset(&ws, 0, sizeof(ws));
	(void)xs_watch_add(&ws, "a", "b", on_event, NULL, &e);
	xs_rx_reset(&rx);

	len = xs_req_build(msg, sizeof(msg), XS_READ, REQ_ID, "name", NULL, 0);
	memset(val, 'x', sizeof(val));
	e = xs_transact(&c, msg, (size_t)len, REQ_ID, XS_READ, &rx, val,
	    sizeof(val));
	check((unsigned)e < XS_NERR, "unknown result");
	if (e == XS_ERR_NONE || e == XS_ERR_TRUNC)
		check(memchr(val, '\0', sizeof(val)) != NULL,
		    "value not terminated in its buffer");
	check(fake_ns - 1000 * FAKE_S <= XS_REQUEST_NS + fake_step_ns,
	    "exchange beyond its deadline");
	check(fake_yields <= XS_REQUEST_NS / XEN_WAIT_POLL_MIN_NS,
	    "exchange beyond its poll cap");
	if (e != XS_ERR_PROTO) {
		daemon_turn();
		(void)xs_chan_poll(&c, &rx);
	}
	check(xs_event_dispatch(&ws) <= XS_EVQ_LEN + XS_WATCH_MAX,
	    "dispatch beyond its bound");
	free(req);
	free(rsp);
	return 0;
}

/* Seeds: a reply in pieces; watch events first; an error reply. */
static void
seed(const char *dir, const char *name, const uint8_t *b, size_t n)
{
	fuzz_write_seed(dir, name, b, n);
}

static size_t
chunk(uint8_t *b, size_t at, const void *p, uint8_t n)
{
	b[at] = n;
	memcpy(b + at + 1, p, n);
	return at + 1 + n;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_SEED_DIR");
	struct xsd_sockmsg h;
	uint8_t b[256];
	size_t n;

	(void)argc, (void)argv;
	if (dir == NULL)
		return 0;
	h = (struct xsd_sockmsg){ XS_READ, REQ_ID, 0, 6 };
	n = chunk(b, 0, &h, 10);
	n = chunk(b, n, (char *)&h + 10, 6);
	n = chunk(b, n, "genpvh", 6);
	seed(dir, "seed-reply", b, n);

	h = (struct xsd_sockmsg){ XS_WATCH_EVENT, 0, 0, 4 };
	n = chunk(b, 0, &h, 16);
	n = chunk(b, n, "a\0b", 4);
	n = chunk(b, n, &h, 16);
	n = chunk(b, n, "c\0d", 4);
	h = (struct xsd_sockmsg){ XS_READ, REQ_ID, 0, 2 };
	n = chunk(b, n, &h, 16);
	n = chunk(b, n, "42", 2);
	seed(dir, "seed-watches", b, n);

	h = (struct xsd_sockmsg){ XS_ERROR, REQ_ID, 0, 7 };
	n = chunk(b, 0, &h, 16);
	n = chunk(b, n, "ENOENT", 7);
	seed(dir, "seed-error", b, n);
	return 0;
}
