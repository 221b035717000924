/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The byte rings Xen's PV console and xenstore share with a backend in
 * another domain (xen/io/console.h, xen/io/xs_wire.h): a power-of-two
 * buffer and two free-running 32-bit indices, one owned by each side.
 *
 * The other side is not trusted.  Its index may be anything at any time:
 * far ahead of ours, behind it, or changing while we look.  So we keep our
 * own index privately (never reading it back from shared memory), read
 * the other side's once per operation, refuse a state no honest peer can
 * produce (more bytes in flight than the ring holds), and touch the
 * buffer only through index & (size - 1).
 *
 * Pure: no hypercalls, no kernel services; the host unit tests drive it
 * with hostile ring states (tests/unit/t_xen_ring.c).
 */
#ifndef _XEN_XEN_RING_H_
#define _XEN_XEN_RING_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xen_ring {
	volatile char	*buf;
	uint32_t	size;		/* a power of two */
	volatile uint32_t *cons;	/* shared indices */
	volatile uint32_t *prod;
	uint32_t	mine;		/* our index: prod if we produce, else cons */
	bool		broken;		/* the peer's index was impossible */
};

/*
 * Attach to a ring as its producer (or consumer).  Our index starts where
 * the shared copy says, so that output a previous kernel left is kept;
 * fails (-1, ring marked broken) if the shared state is already
 * impossible or size is not a power of two.
 */
int	xen_ring_init_producer(struct xen_ring *r, volatile void *buf,
	    uint32_t size, volatile uint32_t *cons, volatile uint32_t *prod);
int	xen_ring_init_consumer(struct xen_ring *r, volatile void *buf,
	    uint32_t size, volatile uint32_t *cons, volatile uint32_t *prod);

/*
 * Producer: copy up to n bytes in, publish them, return how many (0 if the
 * ring is full).  -1 if the consumer's index is impossible; the ring is
 * then marked broken and never written again.
 */
long	xen_ring_put(struct xen_ring *r, const void *src, size_t n);
/* Producer: bytes the consumer has not taken yet (-1: broken). */
long	xen_ring_pending(struct xen_ring *r);

/* Consumer: bytes ready to read (-1: broken). */
long	xen_ring_avail(struct xen_ring *r);
/*
 * Consumer: copy up to n bytes out and release them; returns how many,
 * -1 if the producer's index is impossible (ring marked broken).
 */
long	xen_ring_get(struct xen_ring *r, void *dst, size_t n);

#endif /* !_XEN_XEN_RING_H_ */
