/*
 * xenstore messages against a hostile daemon: oversized lengths,
 * unterminated error strings, replies of the wrong type, values longer
 * than the caller's buffer, and a response ring whose producer index is
 * impossible.  The response ring is exactly XENSTORE_RING_SIZE bytes so
 * that ASan sees any access outside it.
 */
/* sources: sys/arch/xen/xenstore_wire.c sys/arch/xen/xen_ring.c */
#include <stdint.h>
#include <stdlib.h>

#include <arch/xen/xenstore_wire.h>
#include <lib/libkern.h>

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

int
main(void)
{
	build_cases();
	reply_cases();
	return done_testing();
}
