/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenbus: the PV devices the toolstack gave us, as xenstore describes
 * them (xen/io/xenbus.h).  Frontend `device/<type>/<id>` (relative to
 * /local/domain/<our domid>) holds `backend` (the backend's directory,
 * in the driver domain) and `backend-id`; each side has a `state` key,
 * a XenbusState, that it alone writes and the other watches:
 *
 *	frontend: Initialising -> Initialised (rings and channel published)
 *	          -> Connected (backend's details read) ... Closing -> Closed
 *	backend:  InitWait (details of the device written) -> Connected
 *
 * Everything read from xenstore is the toolstack's or the backend's:
 * parsed strictly (xenbus_parse.c, host-tested), and every wait on the
 * backend is bounded and, when it ends without the state wanted, named
 * in one line: the device, the state it was left in, for how long.
 */
#ifndef _XEN_XENBUS_H_
#define _XEN_XENBUS_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/xen/xen_public.h>

#include <xen/io/xenbus.h>

#define XENBUS_PATH_MAX		96
#define XENBUS_MAX_DEVS		8	/* of one type: what we attach */
/* A backend's handshake, from our first write to its Connected. */
#define XENBUS_CONNECT_NS	(30ULL * 1000 * 1000 * 1000)
/* At shutdown, waiting for a backend to close: less patience. */
#define XENBUS_CLOSE_NS		(2ULL * 1000 * 1000 * 1000)

/* xenbus_parse.c: pure, for the host unit tests. */
/* A decimal number, digits only, no sign, no overflow: 0, else -1. */
int	xenbus_parse_u64(const char *s, uint64_t *v);
/*
 * A XS_DIRECTORY reply (NUL-separated names, ending at an empty one):
 * the names that are decimal ids below 2^32, sorted ascending, at most
 * max of them; returns how many, and *bad the names refused.
 */
unsigned xenbus_parse_ids(const char *list, size_t len, uint32_t *ids,
	    unsigned max, unsigned *bad);
/* "InitWait", ..., or "invalid" beyond XenbusStateReconfigured. */
const char *xenbus_state_name(uint64_t state);

#ifdef _KERNEL
struct xenbus_device {
	const char	*type;			/* "vbd" */
	uint32_t	id;			/* <id> of device/<type>/<id> */
	char		node[XENBUS_PATH_MAX];	/* device/vbd/51712 */
	char		otherend[XENBUS_PATH_MAX]; /* the backend's directory */
	domid_t		otherend_id;
	char		token[24];		/* of our watch on its state */
	volatile bool	changed;		/* the watch fired */
	bool		watching;
};

/* The devices of a type, sorted by id: how many (0 without xenstore). */
unsigned xenbus_probe(const char *type, struct xenbus_device *devs,
	    unsigned max);
/* <dir>/<key> as a number: 0, or -1 (missing or not a number). */
int	xenbus_read_u64(const char *dir, const char *key, uint64_t *v);
/* <node>/<key> = the formatted value: 0 or -1 (reported). */
int	xenbus_printf(struct xenbus_device *dev, const char *key,
	    const char *fmt, ...) __attribute__((__format__(__printf__, 3, 4)));
int	xenbus_switch_state(struct xenbus_device *dev, XenbusState state);
/*
 * Wait until the backend's state is one of want (a mask of 1 << state),
 * watching it: 0 and *got, or -1 after limit_ns, or when it closed while
 * we waited for anything else; then one line says what and how long.
 */
int	xenbus_wait_otherend(struct xenbus_device *dev, uint32_t want,
	    uint64_t limit_ns, const char *goal, XenbusState *got);
/*
 * After a restore the toolstack may have made the backend elsewhere:
 * the watch on the old one ends, backend and backend-id are read again.
 * 0, or -1 (reported).
 */
int	xenbus_reread_otherend(struct xenbus_device *dev);
/* The watch on the backend's state ends (also after a failure). */
void	xenbus_release(struct xenbus_device *dev);
#endif

#endif /* !_XEN_XENBUS_H_ */
