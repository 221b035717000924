/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot allocator: first fit over the free ranges, bumping the base of the
 * range it takes from.
 */
#include <sys/bootalloc.h>
#include <sys/systm.h>

#include <kern/kern_md.h>	/* pmap_phys_ptr() */

/* [0, ba_nranges) written by bootalloc_init() before any read. */
static struct bi_range ba_ranges[BOOTALLOC_MAX_RANGES] __noinit;
static unsigned ba_nranges;
static uint64_t ba_free0;	/* free bytes at init */
static uint64_t ba_handed;	/* bytes handed out since */
static uint64_t ba_map_end;	/* the kernel can touch RAM below this */

void
bootalloc_init(const struct bootinfo *bi, const struct bi_kernel *k)
{
	unsigned i;

	ba_nranges = bootinfo_free_ranges(bi, k, ba_ranges,
	    nitems(ba_ranges));
	ba_free0 = 0;
	for (i = 0; i < ba_nranges; i++)
		ba_free0 += ba_ranges[i].size;
	ba_handed = 0;
	ba_map_end = k->map_end;
}

uint64_t
bootalloc_limit(const struct bootinfo *bi, uint64_t backed)
{
	/*
	 * RAM the kernel can reach but not allocate (kernel, loader data,
	 * low memory) may all be in use already, and so may what was handed
	 * out: count it all against what is backed.  Over-counting only
	 * loses memory; RAM beyond the direct map is never touched.
	 */
	uint64_t used = bootinfo_ram_below(bi, ba_map_end, 1) - ba_free0 +
	    ba_handed;

	/* Whole pages: the ranges stay page-aligned. */
	return bi_ranges_trim(ba_ranges, ba_nranges,
	    rounddown2(backed > used ? backed - used : 0, BI_PAGE_SIZE));
}

uint64_t
bootalloc_pages(size_t npages)
{
	uint64_t len = (uint64_t)npages * 4096, pa;
	unsigned i;
	void *p;

	for (i = 0; i < ba_nranges; i++) {
		if (ba_ranges[i].size < len)
			continue;
		pa = ba_ranges[i].base;
		ba_ranges[i].base += len;
		ba_ranges[i].size -= len;
		ba_handed += len;
		if ((p = pmap_phys_ptr(pa, len)) == NULL)
			panic("bootalloc: %#lx is not mapped", (unsigned long)pa);
		memset(p, 0, len);
		return pa;
	}
	panic("bootalloc: out of memory allocating %zu pages", npages);
}

unsigned
bootalloc_ranges(const struct bi_range **ranges)
{
	*ranges = ba_ranges;
	return ba_nranges;
}
