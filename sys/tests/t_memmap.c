/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * memmap: the boot allocator hands out RAM, and never RAM the loader,
 * the firmware or the kernel image uses.
 */
#include <sys/bootalloc.h>
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/pmap.h>
#include <sys/test.h>

#define T_ALLOCS	4

static bool
pa_in_ram(const struct bootinfo *bi, uint64_t pa, uint64_t len)
{
	unsigned i;

	for (i = 0; i < bi->nmemmap; i++)
		if (bi->memmap[i].type == BI_MEM_RAM &&
		    bi->memmap[i].base <= pa &&
		    pa + len <= bi->memmap[i].base + bi->memmap[i].size)
			return true;
	return false;
}

/* Placement: page-aligned, in RAM, clear of kernel, loader, firmware. */
static enum test_status
check_place(struct test_ctx *ctx, const struct bi_kernel *k, uint64_t pa,
    uint64_t len)
{
	const struct bootinfo *bi = bootargs->bi;
	unsigned i;

	if ((pa & 4095) != 0)
		return test_fail(ctx, "allocation %#llx not page-aligned",
		    (unsigned long long)pa);
	if (!pa_in_ram(bi, pa, len))
		return test_fail(ctx, "allocation %#llx is not in RAM",
		    (unsigned long long)pa);
	if (bi_ranges_overlap(pa, len, k->start, k->end - k->start))
		return test_fail(ctx, "allocation %#llx overlaps the kernel",
		    (unsigned long long)pa);
	for (i = 0; i < bi->nloader; i++)
		if (bi_ranges_overlap(pa, len, bi->loader[i].base,
		    bi->loader[i].size))
			return test_fail(ctx, "allocation %#llx overlaps the "
			    "%s at %#llx", (unsigned long long)pa,
			    bi->loader[i].what,
			    (unsigned long long)bi->loader[i].base);
	for (i = 0; i < bi->nmemmap; i++)
		if (bi->memmap[i].type != BI_MEM_RAM &&
		    bi_ranges_overlap(pa, len, bi->memmap[i].base,
		    bi->memmap[i].size))
			return test_fail(ctx, "allocation %#llx overlaps %s "
			    "memory", (unsigned long long)pa,
			    bi_mem_type_name(bi->memmap[i].type));
	return TEST_PASS;
}

/* An allocation: placed right, zeroed, and it keeps what is written. */
static enum test_status
check_alloc(struct test_ctx *ctx, const struct bi_kernel *k, uint64_t pa,
    uint64_t len)
{
	volatile uint64_t *p;
	enum test_status st;

	if ((st = check_place(ctx, k, pa, len)) != TEST_PASS)
		return st;
	p = pmap_phys_ptr(pa, len);
	if (p == NULL || p[0] != 0 || p[len / 8 - 1] != 0)
		return test_fail(ctx, "allocation %#llx not zeroed",
		    (unsigned long long)pa);
	p[0] = pa ^ 0x5a5a5a5a5a5a5a5aULL;
	if (p[0] != (pa ^ 0x5a5a5a5a5a5a5a5aULL))
		return test_fail(ctx, "allocation %#llx does not hold data",
		    (unsigned long long)pa);
	return TEST_PASS;
}

static enum test_status
t_memmap(struct test_ctx *ctx)
{
	const struct bi_range *r;
	const struct bi_kernel *k = &bootargs->kernel;
	enum test_status st;
	uint64_t pa, prev = 0;
	unsigned i, n;

	n = bootalloc_ranges(&r);
	if (n == 0)
		return test_fail(ctx, "no free RAM ranges");
	/* Every free range, whole, must pass the same checks. */
	for (i = 0; i < n; i++) {
		if (r[i].size == 0)
			continue;
		if ((st = check_place(ctx, k, r[i].base, r[i].size)) !=
		    TEST_PASS)
			return st;
	}
	for (i = 0; i < T_ALLOCS; i++) {
		pa = bootalloc_pages(i + 1);
		if ((st = check_alloc(ctx, k, pa, (i + 1) * 4096ULL)) !=
		    TEST_PASS)
			return st;
		if (pa == prev)
			return test_fail(ctx, "same page handed out twice");
		prev = pa;
	}
	test_diag("%u free ranges, first at %#llx", n,
	    (unsigned long long)r[0].base);
	return TEST_PASS;
}
KTEST_DEFINE("memmap", t_memmap, 0);
