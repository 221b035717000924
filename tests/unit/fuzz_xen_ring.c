/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the shared byte rings (xen_ring.c) with a peer that
 * does anything: the input is a list of operations, each one byte of
 * opcode and four of argument: the peer sets its index to anything, or we
 * put or get some bytes, on a producer and on a consumer ring.  The ring
 * buffers are allocated at their exact size, so ASan sees any access
 * outside them.  Invariants: no call returns more than it was asked for
 * or than the ring holds; our index moves by exactly what was returned;
 * a broken ring stays broken; the consumer copies only what the producer
 * index makes available, from index & (size - 1), in order (each buffer
 * byte holds its own position's pattern).
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this).
 */
/* sources: sys/arch/xen/xen_ring.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch/xen/xen_ring.h>

#include "fuzz.h"

#define RSZ	64		/* small: wrap-around is reached often */

/* The byte the producer side of the test writes at ring index i. */
static char
pattern(uint32_t i)
{
	return (char)(i * 7 + 3);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *pbuf = malloc(RSZ), *cbuf = malloc(RSZ);
	char src[RSZ * 2], dst[RSZ * 2];
	uint32_t pc = 0, pp = 0, cc = 0, cp = 0, arg, i, before;
	struct xen_ring pr, cr;
	bool pbroken, cbroken;
	size_t off;
	long n;

	/* The first 8 bytes: the starting indices. */
	if (size >= 8) {
		memcpy(&pc, data, 4);
		memcpy(&cp, data + 4, 4);
		pp = pc;
		cc = cp - (cp % 3);	/* 0-2 bytes in flight */
	}
	for (i = 0; i < RSZ; i++)
		cbuf[i] = pattern(i);		/* byte i of the buffer */
	memset(pbuf, 0, RSZ);
	pbroken = xen_ring_init_producer(&pr, pbuf, RSZ, &pc, &pp) != 0;
	cbroken = xen_ring_init_consumer(&cr, cbuf, RSZ, &cc, &cp) != 0;
	for (off = 8; off + 5 <= size; off += 5) {
		memcpy(&arg, data + off + 1, 4);
		switch (data[off] % 6) {
		case 0:			/* the consumer of pr moves */
			pc = arg;
			break;
		case 1:			/* the producer of cr moves */
			cp = arg;
			break;
		case 2:
			before = pr.mine;
			for (i = 0; i < sizeof(src); i++)
				src[i] = pattern(before + i);
			n = xen_ring_put(&pr, src, arg % sizeof(src));
			check(n <= (long)(arg % sizeof(src)) && n <= RSZ,
			    "put more than asked");
			if (n < 0) {
				check(pr.broken && pr.mine == before,
				    "failed put moved the index");
				pbroken = true;
			} else {
				check(!pbroken, "a broken ring took data");
				check(pr.mine == before + (uint32_t)n &&
				    pp == pr.mine, "prod published wrongly");
			}
			break;
		case 3:
			before = cr.mine;
			n = xen_ring_get(&cr, dst, arg % sizeof(dst));
			check(n <= (long)(arg % sizeof(dst)) && n <= RSZ,
			    "got more than asked");
			if (n < 0) {
				check(cr.broken && cr.mine == before,
				    "failed get moved the index");
				cbroken = true;
				break;
			}
			check(!cbroken, "a broken ring gave data");
			check(cr.mine == before + (uint32_t)n && cc == cr.mine,
			    "cons published wrongly");
			check(n <= (long)(cp - before), "read past prod");
			for (i = 0; i < (uint32_t)n; i++)
				check(dst[i] == pattern((before + i) &
				    (RSZ - 1)), "bytes out of place or order");
			break;
		case 4:
			n = xen_ring_avail(&cr);
			check(n <= RSZ && (n >= 0 || cr.broken), "avail");
			cbroken |= n < 0;
			break;
		default:
			n = xen_ring_pending(&pr);
			check(n <= RSZ && (n >= 0 || pr.broken), "pending");
			pbroken |= n < 0;
			break;
		}
	}
	free(pbuf);
	free(cbuf);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t seed[] = {
		0, 0, 0, 0, 0, 0, 0, 0,
		2, 40, 0, 0, 0,		/* put 40 */
		0, 30, 0, 0, 0,		/* consumer takes 30 */
		2, 60, 0, 0, 0,		/* put 60: 54 fit */
		1, 50, 0, 0, 0,		/* producer of cr at 50 */
		3, 20, 0, 0, 0,		/* get 20 */
		3, 50, 0, 0, 0,		/* get the other 30 */
		1, 0xf0, 0xff, 0xff, 0xff, /* prod behind cons */
		3, 1, 0, 0, 0,
		5, 0, 0, 0, 0,
	};
	const char *dir = getenv("FUZZ_SEED_DIR");

	(void)argc, (void)argv;
	if (dir == NULL)
		return 0;
	fuzz_write_seed(dir, "seed-ops", seed, sizeof(seed));
	return 0;
}
