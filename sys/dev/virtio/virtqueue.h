/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A split virtqueue (virtio 1.2, 2.7), driver side, transport-neutral and
 * pure (host-tested: tests/unit/t_virtqueue.c).  The rings live in memory
 * the device writes; everything read back from it (the used index, ids,
 * lengths) is checked against what the driver itself recorded in memory
 * of its own, so a hostile or broken device can make a request fail but
 * never make the driver read or free the wrong thing.  Once a check
 * fails the queue is broken for good (q->error says why): the caller
 * resets the device.
 *
 *	virtq_mem_size(num)		bytes for virtq_init (zeroed, 16-aligned)
 *	virtq_init(q, num, mem, pa)	lay out the rings at mem / device pa
 *	virtq_add(q, segs, n, &head)	post a chain; then notify the device
 *	virtq_get(q, &head, &len)	take one used chain
 */
#ifndef _DEV_VIRTIO_VIRTQUEUE_H_
#define _DEV_VIRTIO_VIRTQUEUE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dev/virtio/virtioreg.h>

struct virtq_seg {
	uint64_t	pa;		/* device (physical) address */
	uint32_t	len;
	bool		write;		/* the device writes it */
};

/* The driver's own record of a descriptor, never seen by the device. */
struct virtq_slot {
	uint32_t	wlen;		/* head: bytes the device may write */
	uint16_t	next;		/* free list and chain links */
	uint16_t	ndesc;		/* head: descriptors in the chain */
	bool		inflight;	/* head of a chain the device owns */
};

struct virtq {
	uint16_t	num;		/* queue size, a power of 2 */
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	struct virtq_slot *slot;
	uint64_t	desc_pa, avail_pa, used_pa;
	uint16_t	free_head, nfree;
	uint16_t	avail_idx;	/* ours: what we published */
	uint16_t	used_idx;	/* ours: what we consumed */
	uint16_t	inflight;	/* chains the device owns */
	char		error[96];	/* non-empty: broken */
};

#define VIRTQ_EINVAL	(-1)	/* no segments, too many, length overflow */
#define VIRTQ_EFULL	(-2)	/* not enough free descriptors now */
#define VIRTQ_EBROKEN	(-3)	/* the device broke the protocol: q->error */

size_t	virtq_mem_size(uint16_t num);
/* num: a power of 2 in 1..VIRTQ_SIZE_MAX (the caller checks). */
void	virtq_init(struct virtq *q, uint16_t num, void *mem, uint64_t pa);
int	virtq_add(struct virtq *q, const struct virtq_seg *segs, unsigned n,
	    uint16_t *head);
/* 1: *head and *len set; 0: nothing used yet; VIRTQ_EBROKEN. */
int	virtq_get(struct virtq *q, uint16_t *head, uint32_t *len);

#endif /* !_DEV_VIRTIO_VIRTQUEUE_H_ */
