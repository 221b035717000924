/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The blkif ring, frontend side, against an untrusted backend (see
 * xbd_ring.h).
 *
 * Ordering (xen/io/ring.h): a request is written before the req_prod
 * that publishes it (release); rsp_prod is read once per call (acquire)
 * before any response it covers.  rsp_event is moved past what we took,
 * so that the backend notifies us of the next response.
 */
#include <arch/xen/xbd_ring.h>

static volatile union blkif_sring_entry *
ring_entry(struct xbd_ring *r, RING_IDX i)
{
	volatile char *base = (volatile char *)r->sring +
	    offsetof(struct blkif_sring, ring);

	return (volatile union blkif_sring_entry *)base + (i & (r->nslots - 1));
}

static void
complain(struct xbd_ring *r, const char *what, uint64_t val)
{
	if (r->complain != NULL)
		r->complain(r->complain_arg, what, val);
}

int
xbd_ring_init(struct xbd_ring *r, volatile void *sring, uint32_t npages)
{
	uint32_t i;

	if (npages == 0 || npages > XBD_RING_PAGES_MAX ||
	    (npages & (npages - 1)) != 0)
		return -1;
	r->sring = sring;
	/* SHARED_RING_INIT, and the size FRONT_RING_INIT would use. */
	r->sring->req_prod = r->sring->rsp_prod = 0;
	r->sring->req_event = r->sring->rsp_event = 1;
	r->nslots = __CONST_RING_SIZE(blkif, npages * XBD_PAGE_SIZE);
	r->req_prod_pvt = r->rsp_cons = 0;
	r->broken = false;
	r->bad_index = r->bad_id = r->bad_op = r->bad_status = 0;
	for (i = 0; i < XBD_SLOTS_MAX; i++)
		r->slot[i] = (struct xbd_slot){ .state = XBD_SLOT_FREE };
	return 0;
}

uint32_t
xbd_ring_outstanding(const struct xbd_ring *r)
{
	uint32_t i, n = 0;

	for (i = 0; i < r->nslots; i++)
		if (r->slot[i].state == XBD_SLOT_SENT)
			n++;
	return n;
}

long
xbd_ring_submit(struct xbd_ring *r, const blkif_request_t *req)
{
	volatile blkif_request_t *dst;
	uint32_t id;
	unsigned s;

	if (r->broken)
		return -1;
	/*
	 * A free slot id is also a free ring entry: every sent request
	 * holds its slot until its response has been taken.
	 */
	for (id = 0; id < r->nslots; id++)
		if (r->slot[id].state == XBD_SLOT_FREE)
			break;
	if (id == r->nslots)
		return -1;
	dst = &ring_entry(r, r->req_prod_pvt)->req;
	dst->operation = req->operation;
	dst->nr_segments = req->nr_segments;
	dst->handle = req->handle;
	dst->id = id;
	dst->sector_number = req->sector_number;
	for (s = 0; s < req->nr_segments && s < BLKIF_MAX_SEGMENTS_PER_REQUEST;
	    s++) {
		dst->seg[s].gref = req->seg[s].gref;
		dst->seg[s].first_sect = req->seg[s].first_sect;
		dst->seg[s].last_sect = req->seg[s].last_sect;
	}
	r->slot[id].state = XBD_SLOT_SENT;
	r->slot[id].op = req->operation;
	r->slot[id].status = BLKIF_RSP_ERROR;
	r->req_prod_pvt++;
	__atomic_store_n(&r->sring->req_prod, r->req_prod_pvt,
	    __ATOMIC_RELEASE);
	return (long)id;
}

/* The backend broke the ring: everything outstanding fails. */
static void
ring_break(struct xbd_ring *r)
{
	r->broken = true;
}

static void
take_one(struct xbd_ring *r, RING_IDX i)
{
	volatile blkif_response_t *src = &ring_entry(r, i)->rsp;
	uint64_t id = src->id;
	uint8_t op = src->operation;
	int16_t status = src->status;
	struct xbd_slot *s;

	if (id >= r->nslots || r->slot[id].state != XBD_SLOT_SENT) {
		/* Never sent, or answered already: nothing to complete. */
		r->bad_id++;
		complain(r, "response with an unknown request id", id);
		return;
	}
	s = &r->slot[id];
	s->state = XBD_SLOT_DONE;
	if (op != s->op) {
		r->bad_op++;
		complain(r, "response for another operation", op);
		s->status = XBD_STATUS_BAD;
	} else if (status != BLKIF_RSP_OKAY && status != BLKIF_RSP_ERROR &&
	    status != BLKIF_RSP_EOPNOTSUPP) {
		r->bad_status++;
		complain(r, "response status out of range",
		    (uint64_t)(int64_t)status);
		s->status = XBD_STATUS_BAD;
	} else
		s->status = status;
}

long
xbd_ring_consume(struct xbd_ring *r)
{
	RING_IDX prod, i;
	long n = 0;

	if (r->broken)
		return -1;
	prod = __atomic_load_n(&r->sring->rsp_prod, __ATOMIC_ACQUIRE);
	/*
	 * Responses can only answer requests: more than we have sent and
	 * not yet seen answered is an index no honest backend writes (and
	 * one behind ours wraps to a huge count).
	 */
	if (prod - r->rsp_cons > r->req_prod_pvt - r->rsp_cons) {
		r->bad_index++;
		complain(r, "response index beyond the requests sent", prod);
		ring_break(r);
		return -1;
	}
	for (i = r->rsp_cons; i != prod; i++, n++)
		take_one(r, i);
	r->rsp_cons = prod;
	/*
	 * A response with an unknown id used up the ring entry of a request
	 * that is still waiting: more requests wait than can ever be
	 * answered.  Fail them now rather than at the end of their wait.
	 */
	if (xbd_ring_outstanding(r) > r->req_prod_pvt - r->rsp_cons) {
		complain(r, "requests left without a response",
		    xbd_ring_outstanding(r));
		ring_break(r);
		return -1;
	}
	/* Wake us for the next response (RING_FINAL_CHECK_FOR_RESPONSES). */
	__atomic_store_n(&r->sring->rsp_event, prod + 1, __ATOMIC_RELEASE);
	return n;
}

int
xbd_ring_result(struct xbd_ring *r, long id, int16_t *status)
{
	struct xbd_slot *s;

	if (id < 0 || (uint64_t)id >= r->nslots)
		return -1;
	s = &r->slot[id];
	if (s->state == XBD_SLOT_DONE) {
		*status = s->status;
		s->state = XBD_SLOT_FREE;
		return 1;
	}
	if (s->state != XBD_SLOT_SENT)
		return -1;
	return r->broken ? -1 : 0;
}
