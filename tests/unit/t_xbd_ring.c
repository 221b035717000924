/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront's ring consumer against a hostile backend: the test writes
 * responses and rsp_prod itself, as a backend in another domain would,
 * with unknown and repeated ids, wrong operations, statuses out of
 * range and indices beyond what was requested.  Each must be reported,
 * fail the request it concerns (if any), and leave the rest working.
 * The ring is allocated at exactly its size: ASan reports any access
 * outside it, whatever index the backend wrote.
 */
/* sources: sys/arch/xen/xbd_ring.c */
#include <stdlib.h>

#include <arch/xen/xbd_ring.h>

#include "tap.h"

static struct xbd_ring r;
static int complaints;
static char last_what[128];

static void
note(void *arg, const char *what, uint64_t val)
{
	(void)arg;
	(void)val;
	complaints++;
	snprintf(last_what, sizeof(last_what), "%s", what);
}

static volatile struct blkif_sring *
ring_new(uint32_t npages)
{
	void *p = aligned_alloc(XBD_PAGE_SIZE, npages * XBD_PAGE_SIZE);

	memset(p, 0, npages * XBD_PAGE_SIZE);
	if (xbd_ring_init(&r, p, npages) != 0) {
		free(p);
		return NULL;
	}
	r.complain = note;
	complaints = 0;
	last_what[0] = '\0';
	return p;
}

static long
send(uint8_t op)
{
	blkif_request_t q;

	memset(&q, 0, sizeof(q));
	q.operation = op;
	q.nr_segments = 1;
	q.sector_number = 8;
	return xbd_ring_submit(&r, &q);
}

/* The backend: answer at its own rsp_prod index. */
static void
respond(volatile struct blkif_sring *s, RING_IDX at, uint64_t id, uint8_t op,
    int16_t status)
{
	volatile union blkif_sring_entry *e =
	    (volatile union blkif_sring_entry *)((volatile char *)s +
	    offsetof(struct blkif_sring, ring)) + (at & (r.nslots - 1));

	e->rsp.id = id;
	e->rsp.operation = op;
	e->rsp.status = status;
}

static void
good_cases(void)
{
	volatile struct blkif_sring *s = ring_new(1);
	long a, b;
	int16_t st = 99;

	is_int(r.nslots, 32, "one page: 32 slots");
	a = send(BLKIF_OP_READ);
	b = send(BLKIF_OP_WRITE);
	ok(a >= 0 && b >= 0 && a != b, "two requests, two ids (%ld, %ld)", a, b);
	is_int(s->req_prod, 2, "req_prod published");
	is_int(xbd_ring_result(&r, a, &st), 0, "no answer yet");
	respond(s, 0, (uint64_t)b, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	respond(s, 1, (uint64_t)a, BLKIF_OP_READ, BLKIF_RSP_ERROR);
	s->rsp_prod = 2;
	is_int(xbd_ring_consume(&r), 2, "two responses taken, out of order");
	is_int(xbd_ring_result(&r, b, &st), 1, "write answered");
	is_int(st, BLKIF_RSP_OKAY, "write: OKAY");
	is_int(xbd_ring_result(&r, a, &st), 1, "read answered");
	is_int(st, BLKIF_RSP_ERROR, "read: the backend's ERROR passed on");
	is_int(xbd_ring_result(&r, a, &st), -1, "a result is taken once");
	is_int(s->rsp_event, 3, "rsp_event past what was taken");
	is_int(complaints, 0, "nothing reported");
	free((void *)s);

	is_int(xbd_ring_init(&r, NULL, 3), -1, "3 ring pages refused");
	is_int(xbd_ring_init(&r, NULL, XBD_RING_PAGES_MAX * 2), -1,
	    "more than XBD_RING_PAGES_MAX refused");
	s = ring_new(XBD_RING_PAGES_MAX);
	ok(r.nslots > 32 && r.nslots <= XBD_SLOTS_MAX,
	    "%u pages: %u slots", XBD_RING_PAGES_MAX, r.nslots);
	free((void *)s);
}

static void
full_case(void)
{
	volatile struct blkif_sring *s = ring_new(1);
	uint32_t i;
	long id;
	int16_t st;

	for (i = 0; i < r.nslots; i++)
		if (send(BLKIF_OP_READ) < 0)
			break;
	is_int(i, r.nslots, "a full ring's worth of requests sent");
	is_int(send(BLKIF_OP_READ), -1, "one more refused: no free slot");
	respond(s, 0, 5, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	s->rsp_prod = 1;
	is_int(xbd_ring_consume(&r), 1, "one answered");
	is_int(xbd_ring_result(&r, 5, &st), 1, "its result taken");
	id = send(BLKIF_OP_READ);
	is_int(id, 5, "its slot reused");
	is_int(s->req_prod, r.nslots + 1, "req_prod wraps the ring");
	free((void *)s);
}

static void
unknown_id_cases(void)
{
	volatile struct blkif_sring *s = ring_new(1);
	long a;
	int16_t st;

	a = send(BLKIF_OP_READ);
	/* An id never used: it takes the only response the ring has room for. */
	respond(s, 0, 17, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	s->rsp_prod = 1;
	is_int(xbd_ring_consume(&r), -1,
	    "unknown id: the waiting request can never be answered");
	is_int(r.bad_id, 1, "unknown id: counted");
	is_str(last_what, "requests left without a response",
	    "unknown id: the lost request reported");
	is_int(complaints, 2, "unknown id: both reported");
	is_int(xbd_ring_result(&r, a, &st), -1,
	    "unknown id: the real request failed, no wait");
	free((void *)s);

	/* An id beyond the slots, then the good response: one too many. */
	s = ring_new(1);
	a = send(BLKIF_OP_READ);
	respond(s, 0, UINT64_MAX, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	respond(s, 1, (uint64_t)a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	s->rsp_prod = 1;
	is_int(xbd_ring_consume(&r), -1, "id 2^64-1: refused");
	is_int(r.bad_id, 1, "id 2^64-1: counted, nothing indexed by it");
	s->rsp_prod = 2;
	is_int(xbd_ring_consume(&r), -1, "id 2^64-1: the ring stays broken");
	is_int(xbd_ring_result(&r, a, &st), -1,
	    "id 2^64-1: the late good answer is not taken");
	free((void *)s);
}

static void
hostile_cases(void)
{
	volatile struct blkif_sring *s = ring_new(1);
	long a, b, c;
	int16_t st;

	a = send(BLKIF_OP_READ);
	b = send(BLKIF_OP_READ);
	/* Wrong operation, then a status out of range. */
	respond(s, 0, (uint64_t)a, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	respond(s, 1, (uint64_t)b, BLKIF_OP_READ, 7);
	s->rsp_prod = 2;
	is_int(xbd_ring_consume(&r), 2, "bad op, bad status: taken");
	is_int(xbd_ring_result(&r, a, &st), 1, "bad op: answered");
	is_int(st, XBD_STATUS_BAD, "bad op: the request failed");
	is_int(xbd_ring_result(&r, b, &st), 1, "bad status: answered");
	is_int(st, XBD_STATUS_BAD, "bad status: the request failed");
	ok(r.bad_op == 1 && r.bad_status == 1, "bad op and status counted");
	is_str(last_what, "response status out of range",
	    "bad status: reported");
	ok(!r.broken, "bad op, bad status: the ring still works");

	c = send(BLKIF_OP_READ);
	respond(s, 2, (uint64_t)c, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	respond(s, 3, (uint64_t)c, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	/* Only one request was sent: two responses are one too many. */
	s->rsp_prod = 4;
	is_int(xbd_ring_consume(&r), -1,
	    "more responses than requests: refused");
	is_str(last_what, "response index beyond the requests sent",
	    "index beyond: reported");
	ok(r.broken, "index beyond: ring broken");
	is_int(xbd_ring_result(&r, c, &st), -1,
	    "index beyond: the outstanding request failed");
	is_int(send(BLKIF_OP_READ), -1, "broken ring: nothing more sent");
	is_int(xbd_ring_consume(&r), -1, "broken ring: nothing more taken");
	free((void *)s);
}

static void
duplicate_case(void)
{
	volatile struct blkif_sring *s = ring_new(1);
	long a, b;
	int16_t st;

	a = send(BLKIF_OP_READ);
	b = send(BLKIF_OP_READ);
	respond(s, 0, (uint64_t)a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	s->rsp_prod = 1;
	is_int(xbd_ring_consume(&r), 1, "duplicate: first answer taken");
	is_int(xbd_ring_result(&r, a, &st), 1, "duplicate: a answered");
	/* The same id again, before b's answer: a is free, not sent. */
	respond(s, 1, (uint64_t)a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	s->rsp_prod = 2;
	is_int(xbd_ring_consume(&r), -1, "duplicate: refused");
	is_int(r.bad_id, 1, "duplicate: reported as an unknown id");
	is_int(xbd_ring_result(&r, b, &st), -1,
	    "duplicate: b, left without a response, failed");
	free((void *)s);

	/* rsp_prod behind ours: wraps to a huge count. */
	s = ring_new(1);
	a = send(BLKIF_OP_READ);
	respond(s, 0, (uint64_t)a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	s->rsp_prod = 1;
	xbd_ring_consume(&r);
	send(BLKIF_OP_READ);
	s->rsp_prod = 0;
	is_int(xbd_ring_consume(&r), -1, "rsp_prod going back: refused");
	ok(r.broken, "rsp_prod going back: ring broken");
	free((void *)s);
}

int
main(void)
{
	good_cases();
	full_case();
	unknown_id_cases();
	hostile_cases();
	duplicate_case();
	return done_testing();
}
