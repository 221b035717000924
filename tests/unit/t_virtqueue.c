/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The split virtqueue's driver side (sys/dev/virtio/virtqueue.c) against
 * a device that misbehaves: the used index moved past what is in flight
 * or backwards, an id out of range, one that is not the head of a posted
 * chain or was already returned, a length beyond what was posted, the
 * descriptor table scribbled over.  Each must break the queue with a
 * reason, and nothing may be freed twice.  The queue memory is allocated
 * at exactly virtq_mem_size(), so ASan reports any access past it.
 */
/* sources: sys/dev/virtio/virtqueue.c sys/lib/format.c */
#include <stdlib.h>

#include <dev/virtio/virtqueue.h>

#include "tap.h"

#define QN	8
#define QPA	0x100000ULL

static void *
q_new(struct virtq *q, uint16_t num)
{
	size_t n = virtq_mem_size(num);
	void *m = aligned_alloc(16, (n + 15) & ~(size_t)15);

	virtq_init(q, num, m, QPA);
	return m;
}

/* The device hands back a chain: one used element, index + 1. */
static void
dev_use(struct virtq *q, uint32_t id, uint32_t len)
{
	uint16_t i = q->used->idx;

	q->used->ring[i & (q->num - 1)].id = id;
	q->used->ring[i & (q->num - 1)].len = len;
	q->used->idx = (uint16_t)(i + 1);
}

/* The free list holds nfree distinct descriptors, all in range. */
static int
freelist_ok(const struct virtq *q)
{
	unsigned char seen[VIRTQ_SIZE_MAX] = { 0 };
	uint16_t d = q->free_head, i;

	for (i = 0; i < q->nfree; i++) {
		if (d >= q->num || seen[d])
			return 0;
		seen[d] = 1;
		d = q->slot[d].next;
	}
	return 1;
}

/* A request as virtio-blk posts it: header, data in, status. */
static int
post(struct virtq *q, uint16_t *head)
{
	struct virtq_seg s[3] = {
		{ 0x1000, 16, false }, { 0x2000, 512, true }, { 0x3000, 1, true },
	};

	return virtq_add(q, s, 3, head);
}

static void
layout_cases(void)
{
	struct virtq q;
	void *m = q_new(&q, QN);
	uint16_t h;

	ok(q.desc_pa == QPA && q.avail_pa == QPA + 16 * QN &&
	    q.used_pa % 4 == 0 && q.used_pa >= q.avail_pa + 4 + 2 * QN + 2,
	    "layout: desc, avail, used (4-aligned) in order");
	is_int(q.nfree, QN, "all descriptors free");
	is_int(post(&q, &h), 0, "post a 3-descriptor chain");
	ok(q.avail->idx == 1 && q.avail->ring[0] == h, "avail idx 1, ring[0] "
	    "is the head");
	ok(q.desc[h].flags == VIRTQ_DESC_F_NEXT && q.desc[h].len == 16 &&
	    q.desc[q.desc[h].next].flags == (VIRTQ_DESC_F_NEXT |
	    VIRTQ_DESC_F_WRITE) &&
	    q.desc[q.desc[q.desc[h].next].next].flags == VIRTQ_DESC_F_WRITE,
	    "chain flags: out+next, in+next, in");
	free(m);
}

static void
normal_cases(void)
{
	struct virtq q;
	void *m = q_new(&q, QN);
	uint16_t h, h1, h2, got;
	uint32_t len;
	unsigned i;
	int bad = 0;

	is_int(virtq_get(&q, &got, &len), 0, "nothing used: 0");
	post(&q, &h);
	dev_use(&q, h, 513);
	is_int(virtq_get(&q, &got, &len), 1, "one used chain");
	ok(got == h && len == 513, "its head and length (= all posted)");
	is_int(q.nfree, QN, "its descriptors are free again");
	is_int(virtq_get(&q, &got, &len), 0, "and nothing more");

	is_int(post(&q, &h1), 0, "two chains in flight");
	is_int(post(&q, &h2), 0, "...");
	is_int(post(&q, &h), VIRTQ_EFULL, "a third does not fit in 8");
	dev_use(&q, h2, 1);
	dev_use(&q, h1, 0);
	ok(virtq_get(&q, &got, &len) == 1 && got == h2 &&
	    virtq_get(&q, &got, &len) == 1 && got == h1,
	    "completed out of order: both, in used order");

	/* 16-bit indices wrap: 70000 round trips. */
	for (i = 0; i < 70000 && !bad; i++) {
		bad |= post(&q, &h) != 0;
		dev_use(&q, h, 1);
		bad |= virtq_get(&q, &got, &len) != 1 || got != h;
	}
	ok(!bad && q.error[0] == '\0' && freelist_ok(&q), "70000 round trips across the index "
	    "wrap");

	is_int(virtq_add(&q, NULL, 0, &h), VIRTQ_EINVAL, "no segments");
	{
		struct virtq_seg big[2] = { { 0, UINT32_MAX, true },
		    { 0, 2, true } };
		is_int(virtq_add(&q, big, 2, &h), VIRTQ_EINVAL,
		    "writable length beyond 2^32");
		is_int(virtq_add(&q, big, QN + 1, &h), VIRTQ_EINVAL,
		    "more segments than the queue");
	}
	free(m);
}

/* A queue with one chain in flight, then the device's move. */
static void
hostile(const char *name, void (*dev)(struct virtq *, uint16_t),
    const char *want)
{
	struct virtq q;
	void *m = q_new(&q, QN);
	uint16_t h, got;
	uint32_t len;
	int r;

	post(&q, &h);
	dev(&q, h);
	r = virtq_get(&q, &got, &len);
	ok(r == VIRTQ_EBROKEN && strstr(q.error, want) != NULL,
	    "%s: broken (%s)", name, q.error);
	ok(virtq_get(&q, &got, &len) == VIRTQ_EBROKEN &&
	    post(&q, &h) == VIRTQ_EBROKEN, "%s: and stays broken", name);
	free(m);
}

static void
h_far(struct virtq *q, uint16_t h)
{
	dev_use(q, h, 1);
	q->used->idx = 3;		/* 3 used, 1 in flight */
}

static void
h_huge(struct virtq *q, uint16_t h)
{
	dev_use(q, h, 1);
	q->used->idx = QN + 1;		/* beyond the queue size */
}

static void
h_back(struct virtq *q, uint16_t h)
{
	(void)h;
	q->used->idx = 0xffff;		/* behind what we consumed */
}

static void
h_range(struct virtq *q, uint16_t h)
{
	(void)h;
	dev_use(q, QN, 1);
}

static void
h_huge_id(struct virtq *q, uint16_t h)
{
	(void)h;
	dev_use(q, 0xffffffffu, 1);
}

static void
h_not_head(struct virtq *q, uint16_t h)
{
	dev_use(q, q->desc[h].next, 1);	/* the chain's second descriptor */
}

static void
h_len(struct virtq *q, uint16_t h)
{
	dev_use(q, h, 514);		/* 513 writable bytes posted */
}

static void
twice_cases(void)
{
	struct virtq q;
	void *m = q_new(&q, QN);
	uint16_t h, h2, got;
	uint32_t len;
	unsigned i;
	int r;

	post(&q, &h);
	post(&q, &h2);
	dev_use(&q, h, 1);
	dev_use(&q, h, 1);		/* the same chain again */
	is_int(virtq_get(&q, &got, &len), 1, "first return of a chain");
	r = virtq_get(&q, &got, &len);
	ok(r == VIRTQ_EBROKEN && strstr(q.error, "not in flight") != NULL,
	    "the same id returned twice: broken (%s)", q.error);
	is_int(q.nfree, QN - 3, "its descriptors were freed once only");
	free(m);

	/* The device scribbles over the shared descriptor table. */
	m = q_new(&q, QN);
	post(&q, &h);
	post(&q, &h2);
	for (i = 0; i < QN; i++)
		q.desc[i].next = 0xffff;
	dev_use(&q, h, 1);
	dev_use(&q, h2, 1);
	r = virtq_get(&q, &got, &len) + virtq_get(&q, &got, &len);
	is_int(r, 2, "both chains back despite the scribbled table");
	is_int(q.nfree, QN, "all descriptors free");
	ok(freelist_ok(&q), "the free list has all 8, by our own links");
	for (i = 0, r = 0; i < 4; i++) {
		r |= post(&q, &h) != 0 || h >= QN;
		dev_use(&q, h, 1);
		r |= virtq_get(&q, &got, &len) != 1;
	}
	ok(!r, "and the queue keeps working");
	free(m);
}

int
main(void)
{
	layout_cases();
	normal_cases();
	hostile("used idx 3 ahead with 1 in flight", h_far, "in flight");
	hostile("used idx beyond the queue size", h_huge, "in flight");
	hostile("used idx gone backwards", h_back, "in flight");
	hostile("id == queue size", h_range, "not in flight");
	hostile("id 0xffffffff", h_huge_id, "not in flight");
	hostile("id of a chain's second descriptor", h_not_head,
	    "not in flight");
	hostile("len beyond the writable bytes posted", h_len, "beyond");
	twice_cases();
	return done_testing();
}
