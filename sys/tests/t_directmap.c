/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * directmap: every free RAM range is mapped and holds data, to its last
 * page below 4 GiB.  This walks every level of the direct map locore.S
 * built (4 KiB pages, 2 MiB pages, and 1 GiB pages where the CPU has
 * them), and it notices a memory map that claims RAM the machine does
 * not have: writes there are lost.
 */
#include <sys/bootalloc.h>
#include <sys/pmap.h>
#include <sys/test.h>

static enum test_status
probe(struct test_ctx *ctx, uint64_t pa)
{
	volatile uint64_t *p = pmap_phys_ptr(pa, 8);
	uint64_t old;

	if (p == NULL)
		return test_fail(ctx, "free page %#llx is not mapped",
		    (unsigned long long)pa);
	old = *p;
	*p = ~pa;
	if (*p != ~pa)
		return test_fail(ctx, "free RAM at %#llx does not hold data: "
		    "the memory map claims RAM that is not there",
		    (unsigned long long)pa);
	*p = old;
	return TEST_PASS;
}

static enum test_status
t_directmap(struct test_ctx *ctx)
{
	const struct bi_range *r;
	enum test_status st;
	uint64_t top = 0;
	unsigned i, n;

	n = bootalloc_ranges(&r);
	if (n == 0)
		return test_fail(ctx, "no free RAM ranges");
	for (i = 0; i < n; i++) {
		if (r[i].size == 0)
			continue;
		if ((st = probe(ctx, r[i].base)) != TEST_PASS ||
		    (st = probe(ctx, r[i].base + r[i].size - 8)) != TEST_PASS)
			return st;
		top = MAX(top, r[i].base + r[i].size);
	}
	test_diag("%u free ranges written at both ends, up to %#llx", n,
	    (unsigned long long)top);
	return TEST_PASS;
}
KTEST_DEFINE("directmap", t_directmap, 0);
