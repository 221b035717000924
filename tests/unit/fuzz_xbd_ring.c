/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: blkfront's ring (xbd_ring.c) with a backend that
 * does anything.  The input is a list of operations of 12 bytes: one of
 * opcode, then what the backend writes: we send a request; the backend
 * writes a response (id, operation, status) at some ring index; the
 * backend sets rsp_prod to anything; we consume; we take the result of
 * some id.  The ring is allocated at its exact size, so ASan sees any
 * access outside it.  Invariants: consume never takes more responses
 * than requests were sent; a broken ring stays broken and answers no
 * request; an answered request's status is one of BLKIF_RSP_* or
 * XBD_STATUS_BAD; the outstanding count never exceeds the slots.
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this).
 */
/* sources: sys/arch/xen/xbd_ring.c */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <arch/xen/xbd_ring.h>

#include "fuzz.h"

#define OPSZ	12

static struct xbd_ring r;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *page = aligned_alloc(XBD_PAGE_SIZE, XBD_PAGE_SIZE);
	volatile struct blkif_sring *s = page;
	volatile union blkif_sring_entry *ring;
	blkif_request_t q;
	uint32_t sent = 0, taken = 0, a32;
	uint64_t a64;
	int16_t st;
	bool broken;
	size_t off;
	long n;
	int res;

	memset(page, 0, XBD_PAGE_SIZE);
	check(xbd_ring_init(&r, page, 1) == 0, "init");
	ring = (volatile union blkif_sring_entry *)((volatile char *)page +
	    offsetof(struct blkif_sring, ring));
	memset(&q, 0, sizeof(q));
	for (off = 0; off + OPSZ <= size; off += OPSZ) {
		const uint8_t *o = data + off;

		memcpy(&a32, o + 1, 4);
		memcpy(&a64, o + 4, 8);
		broken = r.broken;
		switch (o[0] % 5) {
		case 0:
			q.operation = o[1] & 1;
			n = xbd_ring_submit(&r, &q);
			check(!broken || n == -1, "send on a broken ring");
			if (n >= 0)
				sent++;
			break;
		case 1:
			/* The backend writes a response where it likes. */
			ring[a32 % r.nslots].rsp.id = a64 % (r.nslots + 2);
			ring[a32 % r.nslots].rsp.operation = o[5] & 3;
			ring[a32 % r.nslots].rsp.status = (int16_t)(o[6] % 5) - 3;
			break;
		case 2:
			s->rsp_prod = a32;
			break;
		case 3:
			n = xbd_ring_consume(&r);
			check(!broken || n == -1, "consume on a broken ring");
			if (n > 0)
				taken += (uint32_t)n;
			check(taken <= sent, "more responses taken than sent");
			break;
		case 4:
			res = xbd_ring_result(&r, (long)(a64 % (r.nslots + 2)) -
			    1, &st);
			check(!(broken && res == 0), "outstanding on a broken ring");
			if (res == 1)
				check(st == BLKIF_RSP_OKAY || st == BLKIF_RSP_ERROR ||
				    st == BLKIF_RSP_EOPNOTSUPP ||
				    st == XBD_STATUS_BAD, "status out of range");
			break;
		}
		check(!broken || r.broken, "a broken ring mended");
		check(xbd_ring_outstanding(&r) <= r.nslots, "outstanding");
	}
	free(page);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t seed[] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* send (id 0) */
		0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* send (id 1) */
		1, 0, 0, 0, 0, 1, 1, 3, 0, 0, 0, 0,	/* rsp[0]: id 1 write OK */
		1, 1, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0,	/* rsp[1]: id 0 read OK */
		2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* rsp_prod = 2 */
		3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* consume */
		4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,	/* result of id 0 */
		2, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* rsp_prod = 9 */
		3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* consume: broken */
	};
	const char *dir = getenv("FUZZ_SEED_DIR");

	(void)argc, (void)argv;
	if (dir == NULL)
		return 0;
	fuzz_write_seed(dir, "seed-ops", seed, sizeof(seed));
	return 0;
}
