/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore watches: who owns which token, and the events that arrived
 * but have not been delivered yet.
 *
 * xenstored sends a watch event (XS_WATCH_EVENT, payload "path\0token\0")
 * whenever a node under a watched path changes, at any time: in
 * particular between a request and its reply, while xs_transact() waits.
 * An event must not be handed to its owner there (the owner may itself
 * be waiting on a reply, or not expect to run), so xs_transact() queues
 * it and the owner's callback runs later, from xenstore_poll(), in
 * arrival order.  The queue is bounded: when it is full, or the path is
 * longer than a slot, the event is not lost but coalesced: the watch is
 * marked, and its callback is called once with the watch's own path,
 * meaning "something under here changed, read it again".  Callbacks of
 * xenstore watches must re-read state anyway (an event says that a node
 * changed, not to what), so this loses nothing.
 *
 * Pure, like the wire format: host unit tests feed it interleaved events
 * and replies (tests/unit/t_xenstore_watch.c).
 */
#ifndef _XEN_XENSTORE_WATCH_H_
#define _XEN_XENSTORE_WATCH_H_

#include <stdbool.h>
#include <stdint.h>

#include <arch/xen/xenstore_wire.h>

typedef void (*xs_watch_fn)(const char *path, const char *token, void *arg);

#define XS_WATCH_MAX		16	/* watches one kernel sets */
#define XS_WATCH_PATH_MAX	128	/* kept to set it again after resume */
#define XS_WATCH_TOKEN_MAX	32
#define XS_EVQ_LEN		16	/* events held between two polls */
#define XS_EVENT_PATH_MAX	XS_WATCH_PATH_MAX

struct xs_watch {
	char		path[XS_WATCH_PATH_MAX];
	char		token[XS_WATCH_TOKEN_MAX];
	xs_watch_fn	cb;
	void		*arg;
	bool		used;
	bool		lost;		/* events coalesced: call with path */
};

struct xs_event {
	uint8_t		watch;		/* index in w[] */
	char		path[XS_EVENT_PATH_MAX];
};

struct xs_watches {
	struct xs_watch	w[XS_WATCH_MAX];
	struct xs_event	q[XS_EVQ_LEN];
	unsigned	head, count;	/* the queue */
	bool		dispatching;	/* no nested delivery */
	uint64_t	delivered, coalesced, unknown;
};

/*
 * Register path/token/cb (the request to the daemon is the caller's):
 * the slot's index, or -1 with *err set: XS_ERR_EEXIST (token in use),
 * XS_ERR_ENOSPC (table full), XS_ERR_TOOBIG (path or token too long),
 * XS_ERR_EINVAL (empty path or token, no callback).
 */
int	xs_watch_add(struct xs_watches *ws, const char *path,
	    const char *token, xs_watch_fn cb, void *arg, enum xs_err *err);
/* The slot of path/token, or -1. */
int	xs_watch_find(const struct xs_watches *ws, const char *path,
	    const char *token);
/* Free a slot; its events still queued are dropped. */
void	xs_watch_remove(struct xs_watches *ws, int slot);

/* What became of a received XS_WATCH_EVENT. */
enum xs_ev {
	XS_EV_QUEUED,		/* held for its owner */
	XS_EV_COALESCED,	/* queue full or path too long: owner marked */
	XS_EV_UNKNOWN,		/* no watch has this token: dropped */
	XS_EV_BAD,		/* not "path\0token": dropped */
};

/* Take a whole XS_WATCH_EVENT message (rx) into the queue. */
enum xs_ev xs_event_queue(struct xs_watches *ws, const struct xs_rx *rx);
/*
 * Deliver queued and coalesced events to their owners, in arrival order,
 * at most XS_EVQ_LEN + XS_WATCH_MAX of them (a callback that changes the
 * node it watches cannot keep us here); the rest wait for the next call.
 * A call from inside a callback delivers nothing.  Returns how many.
 */
unsigned xs_event_dispatch(struct xs_watches *ws);
/* Events waiting to be delivered (queued or coalesced). */
bool	xs_event_pending(const struct xs_watches *ws);

#endif /* !_XEN_XENSTORE_WATCH_H_ */
