/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Split virtqueue, driver side (virtio 1.2, 2.7.13 "Supplying Buffers to
 * The Device" and 2.7.14 "Receiving Used Buffers From The Device").
 * Memory: descriptor table, available ring, used ring, then our slots.
 */
#include <lib/libkern.h>

#include <dev/virtio/virtqueue.h>

#define AVAIL_BYTES(num)	(4 + 2 * (size_t)(num) + 2)	/* + used_event */
#define USED_BYTES(num)		(4 + 8 * (size_t)(num) + 2)	/* + avail_event */

static size_t
used_off(uint16_t num)
{
	return roundup2(sizeof(struct virtq_desc) * num + AVAIL_BYTES(num),
	    VIRTQ_USED_ALIGN);
}

static size_t
slot_off(uint16_t num)
{
	return roundup2(used_off(num) + USED_BYTES(num), 8);
}

size_t
virtq_mem_size(uint16_t num)
{
	return slot_off(num) + sizeof(struct virtq_slot) * num;
}

void
virtq_init(struct virtq *q, uint16_t num, void *mem, uint64_t pa)
{
	char *m = mem;
	uint16_t i;

	memset(q, 0, sizeof(*q));
	memset(mem, 0, virtq_mem_size(num));
	q->num = num;
	q->desc = mem;
	q->avail = (struct virtq_avail *)(m + sizeof(struct virtq_desc) * num);
	q->used = (struct virtq_used *)(m + used_off(num));
	q->slot = (struct virtq_slot *)(m + slot_off(num));
	q->desc_pa = pa;
	q->avail_pa = pa + sizeof(struct virtq_desc) * num;
	q->used_pa = pa + used_off(num);
	for (i = 0; i < num; i++)
		q->slot[i].next = (uint16_t)(i + 1);
	q->nfree = num;
}

int
virtq_add(struct virtq *q, const struct virtq_seg *segs, unsigned n,
    uint16_t *head)
{
	uint64_t wlen = 0;
	uint16_t d, h;
	unsigned i;

	if (q->error[0] != '\0')
		return VIRTQ_EBROKEN;
	if (n == 0 || n > q->num)
		return VIRTQ_EINVAL;
	for (i = 0; i < n; i++)
		wlen += segs[i].write ? segs[i].len : 0;
	if (wlen > UINT32_MAX)
		return VIRTQ_EINVAL;	/* used.len could not say it */
	if (n > q->nfree)
		return VIRTQ_EFULL;
	h = d = q->free_head;
	for (i = 0; i < n; i++) {
		q->desc[d].addr = segs[i].pa;
		q->desc[d].len = segs[i].len;
		q->desc[d].flags = (uint16_t)((segs[i].write ?
		    VIRTQ_DESC_F_WRITE : 0) | (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
		q->desc[d].next = q->slot[d].next;
		if (i + 1 < n)
			d = q->slot[d].next;
	}
	q->free_head = q->slot[d].next;
	q->nfree = (uint16_t)(q->nfree - n);
	q->slot[h].wlen = (uint32_t)wlen;
	q->slot[h].ndesc = (uint16_t)n;
	q->slot[h].inflight = true;
	q->inflight++;
	q->avail->ring[q->avail_idx & (q->num - 1)] = h;
	q->avail_idx++;
	/* 2.7.13.3: the ring entry is visible before the index that covers it. */
	__atomic_store_n(&q->avail->idx, q->avail_idx, __ATOMIC_RELEASE);
	*head = h;
	return 0;
}

static int
virtq_broken(struct virtq *q, const char *fmt, unsigned a, unsigned b)
{
	fmt_snprintf(q->error, sizeof(q->error), fmt, a, b);
	return VIRTQ_EBROKEN;
}

int
virtq_get(struct virtq *q, uint16_t *head, uint32_t *len)
{
	struct virtq_used_elem e;
	uint16_t idx, n, d, last;

	if (q->error[0] != '\0')
		return VIRTQ_EBROKEN;
	/* Acquire: the element is read only after the index that covers it. */
	idx = __atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE);
	n = (uint16_t)(idx - q->used_idx);
	if (n == 0)
		return 0;
	/* Also catches an index gone backwards (n wraps to near 65536). */
	if (n > q->inflight)
		return virtq_broken(q, "used index moved by %u with %u in "
		    "flight", n, q->inflight);
	/* One copy: the device may rewrite the element while we look. */
	e.id = __atomic_load_n(&q->used->ring[q->used_idx & (q->num - 1)].id,
	    __ATOMIC_RELAXED);
	e.len = __atomic_load_n(&q->used->ring[q->used_idx & (q->num - 1)].len,
	    __ATOMIC_RELAXED);
	if (e.id >= q->num || !q->slot[e.id].inflight)
		return virtq_broken(q, "used id %u (queue size %u) not in "
		    "flight", e.id, q->num);
	if (e.len > q->slot[e.id].wlen)
		return virtq_broken(q, "used len %u beyond the %u bytes "
		    "posted", e.len, q->slot[e.id].wlen);
	/* Free the chain by our own links, never the shared table's. */
	last = d = (uint16_t)e.id;
	for (n = 1; n < q->slot[e.id].ndesc; n++)
		last = d = q->slot[d].next;
	q->slot[last].next = q->free_head;
	q->free_head = (uint16_t)e.id;
	q->nfree = (uint16_t)(q->nfree + q->slot[e.id].ndesc);
	q->slot[e.id].inflight = false;
	q->inflight--;
	q->used_idx++;
	*head = (uint16_t)e.id;
	*len = e.len;
	return 1;
}
