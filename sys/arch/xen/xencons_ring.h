/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PV console's output ring (xen/io/console.h) as a writer that never
 * waits long for its backend (xenconsoled in dom0, untrusted):
 *
 *  - a full ring is waited on for at most XENCONS_WAIT_NS, and in that
 *    time the backend must take half the ring, not just any byte: a
 *    minimum throughput of (ring size / 2) / XENCONS_WAIT_NS, 512 B/s for
 *    the 2 KiB ring.  A slower backend is "stalled": output that does not
 *    fit is dropped and counted, and nothing waits for it again until a
 *    flush sees the ring drained;
 *  - a flush waits at most XENCONS_WAIT_NS for the ring to empty;
 *  - every wait is also bounded in polls (xen_wait.h).
 *
 * Pure: the hypercalls come through xen_waitops, and the host unit test
 * (tests/unit/t_xencons_ring.c) drives it with hostile backends.
 */
#ifndef _XEN_XENCONS_RING_H_
#define _XEN_XENCONS_RING_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/xen/xen_ring.h>
#include <arch/xen/xen_wait.h>

#define XENCONS_WAIT_NS	(2ULL * 1000 * 1000 * 1000)

struct xencons_stats {
	uint64_t	written;	/* bytes put into the ring */
	uint64_t	dropped;	/* bytes lost: stalled or broken ring */
	uint64_t	notifies;
	uint64_t	events;		/* the backend's notifications to us */
	uint64_t	stalls;		/* waits the backend did not meet */
	long		pending;	/* not yet taken by the backend; -1 broken */
};

struct xencons_out {
	struct xen_ring	ring;
	uint32_t	port;
	const struct xen_waitops *ops;
	bool		stalled;
	struct xencons_stats st;
};

/* Write n bytes: what does not fit in time is dropped and counted. */
void	xencons_out_write(struct xencons_out *o, const char *s, size_t n);
/* Wait, bounded, until the backend has taken everything: 0, or -1. */
int	xencons_out_flush(struct xencons_out *o);

#endif /* !_XEN_XENCONS_RING_H_ */
