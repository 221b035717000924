/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore messages: build requests, receive and check replies, and one
 * bounded request/reply exchange.
 */
#include <arch/xen/xenstore_wire.h>
#include <arch/xen/xenstore_watch.h>

#include <lib/libkern.h>

/* In xsd_errors[] order (xs_wire.h), which only grows at its end. */
static const char *const xs_err_names[XS_NERR] = {
	[XS_ERR_NONE] = "OK",
	[XS_ERR_EINVAL] = "EINVAL",
	[XS_ERR_EACCES] = "EACCES",
	[XS_ERR_EEXIST] = "EEXIST",
	[XS_ERR_EISDIR] = "EISDIR",
	[XS_ERR_ENOENT] = "ENOENT",
	[XS_ERR_ENOMEM] = "ENOMEM",
	[XS_ERR_ENOSPC] = "ENOSPC",
	[XS_ERR_EIO] = "EIO",
	[XS_ERR_ENOTEMPTY] = "ENOTEMPTY",
	[XS_ERR_ENOSYS] = "ENOSYS",
	[XS_ERR_EROFS] = "EROFS",
	[XS_ERR_EBUSY] = "EBUSY",
	[XS_ERR_EAGAIN] = "EAGAIN",
	[XS_ERR_EISCONN] = "EISCONN",
	[XS_ERR_E2BIG] = "E2BIG",
	[XS_ERR_EPERM] = "EPERM",
	[XS_ERR_UNKNOWN] = "unknown error",
	[XS_ERR_PROTO] = "protocol error",
	[XS_ERR_TRUNC] = "value too long",
	[XS_ERR_TOOBIG] = "request too long",
	[XS_ERR_TIMEOUT] = "timeout",
	[XS_ERR_NOSTORE] = "no xenstore",
};

const char *
xs_err_name(enum xs_err e)
{
	if ((unsigned)e < XS_NERR)
		return xs_err_names[e];
	return "?";
}

long
xs_req_build(void *out, size_t outsz, uint32_t type, uint32_t req_id,
    const char *path, const void *value, size_t vlen)
{
	struct xsd_sockmsg h;
	size_t plen = strlen(path) + 1, len;

	if (plen > XENSTORE_PAYLOAD_MAX || vlen > XENSTORE_PAYLOAD_MAX - plen)
		return -1;
	len = plen + vlen;
	if (outsz < XS_HDR_SIZE || len > outsz - XS_HDR_SIZE)
		return -1;
	h.type = type;
	h.req_id = req_id;
	h.tx_id = 0;			/* no transactions */
	h.len = (uint32_t)len;
	memcpy(out, &h, sizeof(h));
	memcpy((char *)out + XS_HDR_SIZE, path, plen);
	if (vlen > 0)
		memcpy((char *)out + XS_HDR_SIZE + plen, value, vlen);
	return (long)(XS_HDR_SIZE + len);
}

void
xs_rx_reset(struct xs_rx *rx)
{
	memset(&rx->hdr, 0, sizeof(rx->hdr));
	rx->got = 0;
	rx->payload[0] = '\0';
}

enum xs_rx_status
xs_rx_pull(struct xen_ring *rsp, struct xs_rx *rx)
{
	long n;

	if (rx->got < XS_HDR_SIZE) {
		n = xen_ring_get(rsp, (char *)&rx->hdr + rx->got,
		    XS_HDR_SIZE - rx->got);
		if (n < 0)
			return XS_RX_BAD;
		rx->got += (uint32_t)n;
		if (rx->got < XS_HDR_SIZE)
			return XS_RX_MORE;
	}
	/* Checked before any payload is read: the length is the daemon's. */
	if (rx->hdr.len > XENSTORE_PAYLOAD_MAX)
		return XS_RX_BAD;
	if (rx->got < XS_HDR_SIZE + rx->hdr.len) {
		n = xen_ring_get(rsp, rx->payload + (rx->got - XS_HDR_SIZE),
		    XS_HDR_SIZE + rx->hdr.len - rx->got);
		if (n < 0)
			return XS_RX_BAD;
		rx->got += (uint32_t)n;
		if (rx->got < XS_HDR_SIZE + rx->hdr.len)
			return XS_RX_MORE;
	}
	rx->payload[rx->hdr.len] = '\0';
	return XS_RX_DONE;
}

static enum xs_err
xs_error_of(const char *s, size_t len)
{
	size_t n = strnlen(s, len);
	unsigned e;

	for (e = XS_ERR_EINVAL; e < XS_ERR_UNKNOWN; e++)
		if (strlen(xs_err_names[e]) == n &&
		    memcmp(xs_err_names[e], s, n) == 0)
			return (enum xs_err)e;
	return XS_ERR_UNKNOWN;
}

enum xs_err
xs_reply_parse(const struct xs_rx *rx, uint32_t want, char *out,
    size_t outsz, size_t *outlen)
{
	uint32_t len = rx->hdr.len;

	if (rx->got != XS_HDR_SIZE + len || len > XENSTORE_PAYLOAD_MAX)
		return XS_ERR_PROTO;
	if (rx->hdr.type == XS_ERROR)
		return xs_error_of(rx->payload, len);
	if (rx->hdr.type != want)
		return XS_ERR_PROTO;
	if (out == NULL)
		return XS_ERR_NONE;
	if (outsz == 0)
		return XS_ERR_TRUNC;
	if (len >= outsz) {
		memcpy(out, rx->payload, outsz - 1);
		out[outsz - 1] = '\0';
		if (outlen != NULL)
			*outlen = outsz - 1;
		return XS_ERR_TRUNC;
	}
	memcpy(out, rx->payload, len);
	out[len] = '\0';
	if (outlen != NULL)
		*outlen = len;
	return XS_ERR_NONE;
}

/*
 * A whole message is in rx: queue it if it is one of our watch events.
 * True if it was (then rx is ready for the next message).
 */
static bool
xs_take_event(const struct xs_chan *c, struct xs_rx *rx)
{
	enum xs_ev ev;

	if (rx->hdr.type != XS_WATCH_EVENT || c->watches == NULL)
		return false;
	ev = xs_event_queue(c->watches, rx);
	if (ev != XS_EV_QUEUED && ev != XS_EV_COALESCED)
		return false;
	xs_rx_reset(rx);
	return true;
}

/* One pull from the response ring; the daemon is told when room was made. */
static enum xs_rx_status
xs_pull(const struct xs_chan *c, struct xs_rx *rx)
{
	uint32_t got = rx->got;
	enum xs_rx_status st;

	st = xs_rx_pull(c->rsp, rx);
	if (rx->got != got)
		c->ops->notify(c->port);
	return st;
}

enum xs_err
xs_transact(const struct xs_chan *c, const void *msg, size_t len,
    uint32_t id, uint32_t type, struct xs_rx *rx, char *out, size_t outsz)
{
	struct xen_deadline d;
	const char *m = msg;
	enum xs_rx_status st;
	unsigned dropped = 0;
	enum xs_err e;
	long n;

	/* One deadline for the whole exchange: progress never extends it. */
	xen_deadline_start(&d, c->ops, XS_REQUEST_NS);
	while (len > 0) {
		if ((n = xen_ring_put(c->req, m, len)) < 0)
			return XS_ERR_PROTO;
		m += n;
		len -= (size_t)n;
		c->ops->notify(c->port);
		if (len > 0 && xen_deadline_poll(&d))
			return XS_ERR_TIMEOUT;
	}

	for (;;) {
		st = xs_pull(c, rx);
		if (st == XS_RX_BAD)
			return XS_ERR_PROTO;
		if (st == XS_RX_DONE) {
			/* Ours, but no reply: they must not extend the wait. */
			if (xs_take_event(c, rx)) {
				if (xen_deadline_poll(&d))
					return XS_ERR_TIMEOUT;
				continue;
			}
			if (rx->hdr.req_id == id &&
			    rx->hdr.type != XS_WATCH_EVENT) {
				e = xs_reply_parse(rx, type, out, outsz, NULL);
				xs_rx_reset(rx);
				return e;
			}
			xs_rx_reset(rx);
			if (++dropped > XS_MAX_DROPPED)
				return XS_ERR_PROTO;
			continue;
		}
		if (xen_deadline_poll(&d))
			return XS_ERR_TIMEOUT;
	}
}

enum xs_err
xs_chan_poll(const struct xs_chan *c, struct xs_rx *rx)
{
	enum xs_rx_status st;
	unsigned n;

	for (n = 0; n < XS_POLL_MAX_MSGS; n++) {
		if ((st = xs_pull(c, rx)) == XS_RX_BAD)
			return XS_ERR_PROTO;
		if (st == XS_RX_MORE)
			break;
		if (!xs_take_event(c, rx))
			xs_rx_reset(rx);	/* a reply nobody waits for */
	}
	return XS_ERR_NONE;
}
