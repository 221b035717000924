/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront's side of the blkif shared ring (xen/io/blkif.h, ring.h):
 * requests in, responses out, each a slot of the same array in pages we
 * grant to the backend.
 *
 * The backend is not trusted.  Its rsp_prod may claim more responses
 * than we have requests outstanding; a response may carry an id we never
 * used or one already answered, an operation other than the request's, or
 * a status outside BLKIF_RSP_*.  Each is reported (one line through
 * r->complain), the request concerned (if any) fails, and nothing of the
 * response is used to index our memory.  A ring whose indices are
 * impossible is marked broken: every outstanding request fails and no
 * more are sent.  Responses are copied field by field once, never read
 * twice from the shared page.
 *
 * Pure: the host unit tests play the backend (tests/unit/t_xbd_ring.c);
 * xbd.c grants the pages and rings the event channel.
 */
#ifndef _XEN_XBD_RING_H_
#define _XEN_XBD_RING_H_

#include <stdbool.h>
#include <stdint.h>

#include <arch/xen/xen_public.h>

#include <xen/io/blkif.h>

#define XBD_PAGE_SIZE		4096
/* Ring pages we use at most: 2^XBD_RING_ORDER_MAX (max-ring-page-order). */
#define XBD_RING_ORDER_MAX	1
#define XBD_RING_PAGES_MAX	(1U << XBD_RING_ORDER_MAX)
#define XBD_SLOTS_MAX		__CONST_RING_SIZE(blkif, \
				    XBD_RING_PAGES_MAX * XBD_PAGE_SIZE)

enum xbd_slot_state {
	XBD_SLOT_FREE,
	XBD_SLOT_SENT,		/* on the ring, no response yet */
	XBD_SLOT_DONE,		/* answered: status is the outcome */
};

struct xbd_slot {
	enum xbd_slot_state state;
	uint8_t		op;	/* BLKIF_OP_* sent */
	int16_t		status;	/* BLKIF_RSP_*, or XBD_STATUS_BAD */
};

/* A response we refused (bad operation or status): the request failed. */
#define XBD_STATUS_BAD		(-100)

struct xbd_ring {
	volatile struct blkif_sring *sring;
	uint32_t	nslots;		/* ring entries: a power of two */
	RING_IDX	req_prod_pvt;	/* ours, never read back */
	RING_IDX	rsp_cons;
	bool		broken;
	struct xbd_slot	slot[XBD_SLOTS_MAX];	/* by request id */
	/* What the backend got wrong, counted. */
	uint32_t	bad_index, bad_id, bad_op, bad_status;
	void		(*complain)(void *arg, const char *what, uint64_t val);
	void		*complain_arg;
};

/*
 * Start a fresh ring over npages zeroed pages at sring (1 <= npages <=
 * XBD_RING_PAGES_MAX, a power of two).  -1 if npages is not allowed.
 */
int	xbd_ring_init(struct xbd_ring *r, volatile void *sring,
	    uint32_t npages);
/*
 * Put req on the ring (its id is set here to the slot's) and publish it.
 * Returns the id, or -1 if the ring is broken or no slot is free.
 */
long	xbd_ring_submit(struct xbd_ring *r, const blkif_request_t *req);
/*
 * Take every response the backend has published: each answers its slot
 * (state XBD_SLOT_DONE) or is reported and dropped.  Returns the number
 * taken, or -1 if the ring is (now) broken.
 */
long	xbd_ring_consume(struct xbd_ring *r);
/*
 * The outcome of request id: 1 and *status once answered (the slot is
 * then free again), 0 while outstanding, -1 if the ring broke under it
 * or id is not an outstanding request.
 */
int	xbd_ring_result(struct xbd_ring *r, long id, int16_t *status);
/* Requests outstanding (sent, not answered). */
uint32_t xbd_ring_outstanding(const struct xbd_ring *r);

#endif /* !_XEN_XBD_RING_H_ */
