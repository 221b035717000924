/*
 * Boot allocator: first fit over the free ranges, bumping the base of the
 * range it takes from.
 */
#include <sys/bootalloc.h>
#include <sys/systm.h>

#include <kern/kern_md.h>	/* pmap_phys_ptr() */

static struct bi_range ba_ranges[BOOTALLOC_MAX_RANGES];
static unsigned ba_nranges;

void
bootalloc_init(const struct bootinfo *bi, const struct bi_kernel *k)
{
	ba_nranges = bootinfo_free_ranges(bi, k, ba_ranges,
	    nitems(ba_ranges));
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
