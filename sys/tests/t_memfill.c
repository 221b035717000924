/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * memfill: every page the boot allocator can still hand out is memory
 * the hypervisor backs.  Each one is written and read back.  On Xen with
 * memory < maxmem (populate-on-demand) a page Xen does not back crashes
 * the domain at its first touch, so passing here says the allocator was
 * held to what Xen gives (xen_memmap_limit()).  Only when named
 * (test=memfill): it touches all free RAM, gigabytes on a large guest.
 */
#include <sys/boot.h>
#include <sys/bootalloc.h>
#include <sys/bootinfo.h>
#include <sys/pmap.h>
#include <sys/test.h>

#define MF_PAGE		4096
#define MF_WORDS	(MF_PAGE / sizeof(uint64_t))
#define MF_PATTERN	0xa5c3e1f00f1e3c5aULL

static enum test_status
t_memfill(struct test_ctx *ctx)
{
	const struct bootinfo *bi = bootargs->bi;
	const struct bi_range *r;
	volatile uint64_t *p;
	uint64_t pa, pages = 0, free_bytes = 0;
	unsigned i, n;

	n = bootalloc_ranges(&r);
	for (i = 0; i < n; i++)
		free_bytes += r[i].size;
	if (free_bytes == 0)
		return test_fail(ctx, "no free RAM");
	if (free_bytes > bootinfo_ram_usable(bi))
		return test_fail(ctx, "%llu KiB free, more than the %llu KiB "
		    "of RAM there is", (unsigned long long)(free_bytes >> 10),
		    (unsigned long long)(bootinfo_ram_usable(bi) >> 10));
	for (i = 0; i < n; i++) {
		for (pa = r[i].base; pa < r[i].base + r[i].size;
		    pa += MF_PAGE) {
			if ((p = pmap_phys_ptr(pa, MF_PAGE)) == NULL)
				return test_fail(ctx, "free page %#llx is "
				    "not mapped", (unsigned long long)pa);
			p[0] = pa ^ MF_PATTERN;
			p[MF_WORDS - 1] = ~pa;
			if (p[0] != (pa ^ MF_PATTERN) ||
			    p[MF_WORDS - 1] != ~pa)
				return test_fail(ctx, "free page %#llx does "
				    "not hold what was written",
				    (unsigned long long)pa);
			pages++;
		}
	}
	test_diag("memfill: %llu free pages (%llu KiB) written and read back; "
	    "RAM %llu KiB in the map, %llu KiB usable",
	    (unsigned long long)pages, (unsigned long long)(pages * 4),
	    (unsigned long long)(bi->ram_bytes >> 10),
	    (unsigned long long)(bootinfo_ram_usable(bi) >> 10));
	return TEST_PASS;
}
KTEST_DEFINE("memfill", t_memfill, KTEST_F_EXPLICIT);
