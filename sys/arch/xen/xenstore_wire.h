/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xenstore wire protocol (xen/io/xs_wire.h): a 16-byte header
 * (type, req_id, tx_id, len) and len bytes of payload, both ways over the
 * shared rings.  Building requests, taking replies apart and one
 * request/reply exchange, bounded (xs_transact), are kept here, pure, so
 * that the host unit tests can feed them hostile daemons
 * (tests/unit/t_xenstore_wire.c); xenstore.c finds the rings and gives
 * the hypercalls.
 *
 * A reply is untrusted: its length is checked against
 * XENSTORE_PAYLOAD_MAX before a byte of payload is read, an error string
 * need not be terminated, and a value is cut to the caller's buffer.
 */
#ifndef _XEN_XENSTORE_WIRE_H_
#define _XEN_XENSTORE_WIRE_H_

#include <arch/xen/xen_public.h>
#include <arch/xen/xen_ring.h>
#include <arch/xen/xen_wait.h>

#include <xen/io/xs_wire.h>

/* Results of a xenstore operation: 0, or what went wrong. */
enum xs_err {
	XS_ERR_NONE = 0,
	/* Errors the daemon reports (XS_ERROR), by name. */
	XS_ERR_EINVAL,
	XS_ERR_EACCES,
	XS_ERR_EEXIST,
	XS_ERR_EISDIR,
	XS_ERR_ENOENT,
	XS_ERR_ENOMEM,
	XS_ERR_ENOSPC,
	XS_ERR_EIO,
	XS_ERR_ENOTEMPTY,
	XS_ERR_ENOSYS,
	XS_ERR_EROFS,
	XS_ERR_EBUSY,
	XS_ERR_EAGAIN,
	XS_ERR_EISCONN,
	XS_ERR_E2BIG,
	XS_ERR_EPERM,
	XS_ERR_UNKNOWN,		/* an error string we do not know */
	/* Errors on our side. */
	XS_ERR_PROTO,		/* a malformed or impossible reply */
	XS_ERR_TRUNC,		/* the value did not fit the caller's buffer */
	XS_ERR_TOOBIG,		/* the request exceeds XENSTORE_PAYLOAD_MAX */
	XS_ERR_TIMEOUT,		/* no reply in time */
	XS_ERR_NOSTORE,		/* no xenstore ring (dom0, or not on Xen) */
	XS_NERR
};

const char *xs_err_name(enum xs_err e);

#define XS_HDR_SIZE	((uint32_t)sizeof(struct xsd_sockmsg))

/*
 * Build a request in out: header, the NUL-terminated path, then (for
 * XS_WRITE) vlen bytes of value, unterminated as the protocol wants.
 * Returns the message length, or -1 (XS_ERR_TOOBIG) if it does not fit.
 */
long	xs_req_build(void *out, size_t outsz, uint32_t type, uint32_t req_id,
	    const char *path, const void *value, size_t vlen);

/* One reply being received from the ring, possibly over several calls. */
struct xs_rx {
	struct xsd_sockmsg hdr;
	uint32_t	got;		/* header + payload bytes so far */
	char		payload[XENSTORE_PAYLOAD_MAX + 1];	/* NUL added */
};

enum xs_rx_status {
	XS_RX_MORE,		/* not complete yet: wait and call again */
	XS_RX_DONE,		/* rx holds one whole message */
	XS_RX_BAD,		/* the ring or the header is impossible */
};

void	xs_rx_reset(struct xs_rx *rx);
enum xs_rx_status xs_rx_pull(struct xen_ring *rsp, struct xs_rx *rx);

/*
 * Interpret a whole reply to a request of type want.  XS_ERROR replies
 * give their error; an XS_READ reply's value is copied to out (size
 * outsz, always NUL-terminated) and its length stored in *outlen.
 */
enum xs_err xs_reply_parse(const struct xs_rx *rx, uint32_t want,
	    char *out, size_t outsz, size_t *outlen);

/*
 * One xenstore connection: its rings, its event channel, how to wait,
 * and the watches whose events it queues (NULL: events are dropped).
 */
struct xs_watches;
struct xs_chan {
	struct xen_ring	*req, *rsp;
	uint32_t	port;
	const struct xen_waitops *ops;
	struct xs_watches *watches;
};

/*
 * One request and its reply, whatever the daemon does: at most
 * XS_REQUEST_NS from the first byte sent to the last byte received (a
 * daemon trickling bytes does not extend it).  Watch events that arrive
 * before the reply are queued for their owners (c->watches), each one a
 * poll of the deadline; at most XS_MAX_DROPPED other messages are read
 * and dropped on the way (we have one request in flight, so an honest
 * daemon sends none; a few are tolerated, e.g. events for a token nobody
 * owns).  rx is the connection's receive state, kept between calls (a
 * message xs_chan_poll() began is finished here); see xs_reply_parse()
 * for out.  XS_ERR_TIMEOUT or XS_ERR_PROTO may leave half a message in a
 * ring.
 */
#define XS_REQUEST_NS	(10ULL * 1000 * 1000 * 1000)
#define XS_MAX_DROPPED	16

enum xs_err xs_transact(const struct xs_chan *c, const void *msg, size_t len,
	    uint32_t id, uint32_t type, struct xs_rx *rx, char *out,
	    size_t outsz);

/*
 * Read what the daemon sent while no request was in flight: watch events
 * are queued, anything else is dropped; at most XS_POLL_MAX_MSGS
 * messages, without waiting (a partial one stays in rx).  XS_ERR_PROTO
 * if the ring or a header is impossible.
 */
#define XS_POLL_MAX_MSGS	(2 * XS_MAX_DROPPED)
enum xs_err xs_chan_poll(const struct xs_chan *c, struct xs_rx *rx);

#endif /* !_XEN_XENSTORE_WIRE_H_ */
