/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Loader-neutral checks of struct bootinfo: the memory map is cleaned up
 * (real maps are untidy: qboot's is unsorted and ends in an all-zero entry
 * that memmap_entries counts), then everything the loader placed is
 * checked against RAM and against the kernel image.
 */
#include <stdbool.h>

#include <lib/libkern.h>
#include <sys/bootinfo.h>

int
bi_fail(struct bi_status *st, enum bi_error e, const char *fmt, ...)
{
	va_list ap;

	st->error = e;
	va_start(ap, fmt);
	fmt_vsnprintf(st->msg, sizeof(st->msg), fmt, ap);
	va_end(ap);
	return (int)e;
}

const char *
bi_mem_type_name(uint32_t type)
{
	static const char *const names[] = {
		[BI_MEM_RAM] = "RAM",
		[BI_MEM_RESERVED] = "reserved",
		[BI_MEM_ACPI] = "ACPI",
		[BI_MEM_NVS] = "NVS",
		[BI_MEM_UNUSABLE] = "unusable",
		[BI_MEM_DISABLED] = "disabled",
		[BI_MEM_PMEM] = "pmem",
	};

	if (type < nitems(names) && names[type] != NULL)
		return names[type];
	return "unknown";
}

int
bi_ranges_overlap(uint64_t a, uint64_t asz, uint64_t b, uint64_t bsz)
{
	return asz > 0 && bsz > 0 && a < b + bsz && b < a + asz;
}

/*
 * Empty a bootinfo without touching its arrays: entries past the counts
 * are never read, and the kernel's bootinfo is not zeroed at boot (each
 * page touched is an exit under a hypervisor; the struct is 12 KiB).
 */
void
bootinfo_reset(struct bootinfo *bi)
{
	bi->version = 0;
	bi->flags = 0;
	bi->start_info_pa = 0;
	bi->nmemmap = 0;
	bi->ram_bytes = 0;
	bi->ram_top = 0;
	bi->ram_backed = 0;
	bi->nmodules = 0;
	bi->cmdline[0] = '\0';
	bi->cmdline_len = 0;
	bi->rsdp_pa = 0;
	bi->nloader = 0;
}

/*
 * Take a memory map: drop empty entries, refuse ones that wrap, sort by
 * address, and total the RAM with overlapping RAM entries counted once.
 * map may be bi->memmap itself: entry i is read before anything at or
 * beyond index i is written.
 */
int
bootinfo_set_memmap(struct bootinfo *bi, const struct bi_mem *map,
    unsigned n, struct bi_status *st)
{
	struct bi_mem e;
	uint64_t covered;
	unsigned i, j;

	if (n > BI_MEMMAP_MAX)
		return bi_fail(st, BI_E_NMEMMAP,
		    "memory map: %u entries, at most %u supported", n,
		    BI_MEMMAP_MAX);
	bi->nmemmap = 0;
	for (i = 0; i < n; i++) {
		if (map[i].size == 0)
			continue;
		if (map[i].base + map[i].size < map[i].base)
			return bi_fail(st, BI_E_WRAP,
			    "memory map: entry %u at %#llx size %#llx wraps",
			    i, (unsigned long long)map[i].base,
			    (unsigned long long)map[i].size);
		/* Insertion sort: at most 128 entries, usually a handful. */
		e = map[i];
		for (j = bi->nmemmap; j > 0 && bi->memmap[j - 1].base > e.base;
		    j--)
			bi->memmap[j] = bi->memmap[j - 1];
		bi->memmap[j] = e;
		bi->nmemmap++;
	}

	bi->ram_bytes = 0;
	bi->ram_top = 0;
	covered = 0;		/* RAM is counted up to here already */
	for (i = 0; i < bi->nmemmap; i++) {
		const struct bi_mem *m = &bi->memmap[i];
		uint64_t start, end = m->base + m->size;

		if (m->type != BI_MEM_RAM)
			continue;
		start = MAX(m->base, covered);
		if (end > start)
			bi->ram_bytes += end - start;
		covered = MAX(covered, end);
		bi->ram_top = MAX(bi->ram_top, end);
	}
	return 0;
}

/*
 * Is [base, base+size) covered by memory map entries (RAM ones only, if
 * ram_only)?  Adjacent entries may join; the map is sorted.
 */
static int
covered(const struct bootinfo *bi, uint64_t base, uint64_t size,
    bool ram_only)
{
	uint64_t pos = base, end = base + size;
	unsigned i;

	for (i = 0; i < bi->nmemmap && pos < end; i++) {
		const struct bi_mem *m = &bi->memmap[i];

		if ((!ram_only || m->type == BI_MEM_RAM) && m->base <= pos &&
		    m->base + m->size > pos)
			pos = m->base + m->size;
	}
	return pos >= end;
}

/* The first non-RAM entry that overlaps [base, base+size), or NULL. */
static const struct bi_mem *
non_ram_over(const struct bootinfo *bi, uint64_t base, uint64_t size)
{
	unsigned i;

	for (i = 0; i < bi->nmemmap; i++)
		if (bi->memmap[i].type != BI_MEM_RAM &&
		    bi_ranges_overlap(base, size, bi->memmap[i].base,
		    bi->memmap[i].size))
			return &bi->memmap[i];
	return NULL;
}

static int
in_ram(const struct bootinfo *bi, uint64_t base, uint64_t size)
{
	return covered(bi, base, size, true);
}

static int
in_memmap(const struct bootinfo *bi, uint64_t base, uint64_t size)
{
	return covered(bi, base, size, false);
}

/*
 * Loader data must lie in memory: in RAM, or in the low 1 MiB (where
 * QEMU's option ROM and qboot keep it, in ranges the map calls reserved),
 * or in some other memory map entry.  Never in a hole, never beyond the
 * last entry.
 */
static int
loader_range_ok(const struct bootinfo *bi, const struct bi_range *r)
{
	if (r->base + r->size <= 0x100000)
		return 1;
	return in_ram(bi, r->base, r->size) ||
	    in_memmap(bi, r->base, r->size);
}

/*
 * Remove [xb, xb+xs) from the n ranges in out[], splitting a range the
 * hole falls inside.  Returns the new count.  When out[] is full the upper
 * part of a split range is dropped, which only loses memory.
 */
static unsigned
subtract_range(struct bi_range *out, unsigned n, unsigned max, uint64_t xb,
    uint64_t xs)
{
	uint64_t xe = xb + xs, fb, fe;
	unsigned j, count = n;

	if (xs == 0)
		return n;
	for (j = 0; j < n; j++) {
		fb = out[j].base;
		fe = fb + out[j].size;
		if (xe <= fb || xb >= fe)
			continue;
		if (xb > fb && xe < fe && count < max) {
			out[count].base = xe;
			out[count].size = fe - xe;
			out[count].what = "free";
			count++;
		}
		if (xb > fb)
			out[j].size = xb - fb;
		else if (xe < fe) {
			out[j].base = xe;
			out[j].size = fe - xe;
		} else
			out[j].size = 0;
	}
	return count;
}

/*
 * Free RAM in [lo, hi): RAM entries minus every non-RAM entry, the kernel
 * image and all loader data, page-aligned inwards.  Returns the number
 * of ranges.
 */
static unsigned
free_ranges_in(const struct bootinfo *bi, const struct bi_kernel *k,
    uint64_t lo, uint64_t hi, struct bi_range *out, unsigned max)
{
	unsigned i, j, n = 0;

	for (i = 0; i < bi->nmemmap && n < max; i++) {
		const struct bi_mem *m = &bi->memmap[i];
		uint64_t s = MAX(m->base, lo);
		uint64_t e = MIN(m->base + m->size, hi);

		if (m->type == BI_MEM_RAM && e > s) {
			out[n].base = s;
			out[n].size = e - s;
			out[n].what = "free";
			n++;
		}
	}
	for (i = 0; i < bi->nmemmap; i++)
		if (bi->memmap[i].type != BI_MEM_RAM)
			n = subtract_range(out, n, max, bi->memmap[i].base,
			    bi->memmap[i].size);
	n = subtract_range(out, n, max, k->start, k->end - k->start);
	for (i = 0; i < bi->nloader; i++)
		n = subtract_range(out, n, max, bi->loader[i].base,
		    bi->loader[i].size);

	/* Page-align inwards, drop what is left empty, sort by address. */
	for (i = j = 0; i < n; i++) {
		uint64_t b = roundup2(out[i].base, 4096);
		uint64_t e = rounddown2(out[i].base + out[i].size, 4096);
		struct bi_range r = { b, e - b, "free", false };
		unsigned p;

		if (out[i].size == 0 || e <= b)
			continue;
		for (p = j; p > 0 && out[p - 1].base > b; p--)
			out[p] = out[p - 1];
		out[p] = r;
		j++;
	}
	return j;
}

/* For the boot allocator: from 1 MiB up to the end of the direct map. */
unsigned
bootinfo_free_ranges(const struct bootinfo *bi, const struct bi_kernel *k,
    struct bi_range *out, unsigned max)
{
	return free_ranges_in(bi, k, BI_LOW_MEM_END, k->map_end, out, max);
}

uint64_t
bootinfo_free_low_page(const struct bootinfo *bi, const struct bi_kernel *k)
{
	struct bi_range r[BI_MEMMAP_MAX];
	unsigned n;

	n = free_ranges_in(bi, k, BI_PAGE_SIZE, BI_LOW_MEM_END, r, nitems(r));
	return n > 0 ? r[n - 1].base + r[n - 1].size - BI_PAGE_SIZE : 0;
}

int
bootinfo_validate(struct bootinfo *bi, const struct bi_kernel *k,
    struct bi_status *st)
{
	struct bi_range freer[BI_MEMMAP_MAX];
	const struct bi_mem *m;
	uint64_t free_bytes = 0;
	unsigned i, j, n;

	if (bi->nmemmap == 0)
		return bi_fail(st, BI_E_NO_MEMMAP,
		    "no memory map: start_info v%u carries none and no "
		    "hypervisor offered one", bi->version);
	if (bi->ram_bytes == 0)
		return bi_fail(st, BI_E_NO_RAM,
		    "memory map has no RAM entries");
	if (!in_ram(bi, k->start, k->end - k->start))
		return bi_fail(st, BI_E_KERNEL_NOT_RAM,
		    "kernel image %#llx-%#llx is not in RAM in the memory map",
		    (unsigned long long)k->start, (unsigned long long)k->end);
	/*
	 * Covered by RAM is not enough: a reserved, ACPI or NVS entry on
	 * top of that RAM says the firmware uses those bytes too.
	 */
	if ((m = non_ram_over(bi, k->start, k->end - k->start)) != NULL)
		return bi_fail(st, BI_E_KERNEL_NOT_RAM,
		    "kernel image %#llx-%#llx overlaps the %s entry at "
		    "%#llx-%#llx", (unsigned long long)k->start,
		    (unsigned long long)k->end, bi_mem_type_name(m->type),
		    (unsigned long long)m->base,
		    (unsigned long long)(m->base + m->size));

	for (i = 0; i < bi->nloader; i++) {
		const struct bi_range *r = &bi->loader[i];

		if (r->base + r->size < r->base)
			return bi_fail(st, BI_E_WRAP, "%s at %#llx wraps",
			    r->what, (unsigned long long)r->base);
		if (bi_ranges_overlap(r->base, r->size, k->start,
		    k->end - k->start))
			return bi_fail(st, BI_E_OVERLAP_KERNEL,
			    "%s at %#llx-%#llx overlaps the kernel at "
			    "%#llx-%#llx", r->what,
			    (unsigned long long)r->base,
			    (unsigned long long)(r->base + r->size),
			    (unsigned long long)k->start,
			    (unsigned long long)k->end);
		if (!loader_range_ok(bi, r))
			return bi_fail(st, BI_E_BEYOND_RAM,
			    "%s at %#llx-%#llx is outside memory (RAM ends "
			    "at %#llx)", r->what, (unsigned long long)r->base,
			    (unsigned long long)(r->base + r->size),
			    (unsigned long long)bi->ram_top);
	}

	for (i = 0; i < bi->nmodules; i++)
		for (j = i + 1; j < bi->nmodules; j++)
			if (bi_ranges_overlap(bi->modules[i].base,
			    bi->modules[i].size, bi->modules[j].base,
			    bi->modules[j].size))
				return bi_fail(st, BI_E_OVERLAP,
				    "module %u at %#llx overlaps module %u at "
				    "%#llx", i,
				    (unsigned long long)bi->modules[i].base, j,
				    (unsigned long long)bi->modules[j].base);
	/*
	 * A module is data the loader wrote; so are start_info, the lists
	 * and the strings.  One on top of another means one of them was
	 * overwritten.  (Strings may be shared: two modules may name the
	 * same command line, so only module data is checked here.)
	 */
	for (i = 0; i < bi->nmodules; i++) {
		const struct bi_module *md = &bi->modules[i];

		for (j = 0; j < bi->nloader; j++)
			if (!bi->loader[j].is_module &&
			    bi_ranges_overlap(md->base, md->size,
			    bi->loader[j].base, bi->loader[j].size))
				return bi_fail(st, BI_E_OVERLAP,
				    "module %u at %#llx-%#llx overlaps the "
				    "%s at %#llx", i,
				    (unsigned long long)md->base,
				    (unsigned long long)(md->base + md->size),
				    bi->loader[j].what,
				    (unsigned long long)bi->loader[j].base);
		/* The kernel reaches memory through its direct map only. */
		if (md->base + md->size > k->map_end)
			return bi_fail(st, BI_E_UNMAPPED,
			    "module %u at %#llx-%#llx is beyond the direct "
			    "map (%#llx): the kernel cannot read it", i,
			    (unsigned long long)md->base,
			    (unsigned long long)(md->base + md->size),
			    (unsigned long long)k->map_end);
	}

	if (bi->rsdp_pa != 0 &&
	    (bi->rsdp_pa + 36 < bi->rsdp_pa ||
	    (bi->rsdp_pa + 36 > 0x100000 &&
	    !in_memmap(bi, bi->rsdp_pa, 36))))
		return bi_fail(st, BI_E_RSDP,
		    "RSDP at %#llx is outside memory",
		    (unsigned long long)bi->rsdp_pa);

	n = bootinfo_free_ranges(bi, k, freer, nitems(freer));
	for (i = 0; i < n; i++)
		free_bytes += freer[i].size;
	if (free_bytes < k->min_free)
		return bi_fail(st, BI_E_NO_RAM,
		    "memory map leaves %llu KiB of free RAM, the kernel needs "
		    "%llu KiB", (unsigned long long)(free_bytes >> 10),
		    (unsigned long long)(k->min_free >> 10));
	return 0;
}

int
bootinfo_check_shared_page(const struct bootinfo *bi,
    const struct bi_kernel *k, uint64_t pa, const char *what,
    struct bi_status *st)
{
	struct bi_range fr[BI_MEMMAP_MAX];
	unsigned i, n;

	if (pa + BI_PAGE_SIZE < pa)
		return bi_fail(st, BI_E_SHARED_PAGE, "%s at %#llx wraps",
		    what, (unsigned long long)pa);
	if (bi_ranges_overlap(pa, BI_PAGE_SIZE, k->start, k->end - k->start))
		return bi_fail(st, BI_E_SHARED_PAGE, "%s at %#llx is inside "
		    "the kernel image %#llx-%#llx", what,
		    (unsigned long long)pa, (unsigned long long)k->start,
		    (unsigned long long)k->end);
	if (bi == NULL || bi->nmemmap == 0)
		return 0;
	for (i = 0; i < bi->nloader; i++)
		if (bi_ranges_overlap(pa, BI_PAGE_SIZE, bi->loader[i].base,
		    bi->loader[i].size))
			return bi_fail(st, BI_E_SHARED_PAGE, "%s at %#llx is "
			    "on the loader's %s at %#llx", what,
			    (unsigned long long)pa, bi->loader[i].what,
			    (unsigned long long)bi->loader[i].base);
	/* RAM the allocator would hand out, zero and reuse. */
	n = bootinfo_free_ranges(bi, k, fr, nitems(fr));
	for (i = 0; i < n; i++)
		if (bi_ranges_overlap(pa, BI_PAGE_SIZE, fr[i].base,
		    fr[i].size))
			return bi_fail(st, BI_E_SHARED_PAGE, "%s at %#llx is "
			    "in free RAM %#llx-%#llx", what,
			    (unsigned long long)pa,
			    (unsigned long long)fr[i].base,
			    (unsigned long long)(fr[i].base + fr[i].size));
	return 0;
}

uint64_t
bootinfo_ram_below(const struct bootinfo *bi, uint64_t end, uint64_t align)
{
	uint64_t total = 0, covered = 0, s, e;
	unsigned i;

	for (i = 0; i < bi->nmemmap; i++) {
		if (bi->memmap[i].type != BI_MEM_RAM)
			continue;
		s = roundup2(MAX(bi->memmap[i].base, covered), align);
		e = rounddown2(MIN(bi->memmap[i].base + bi->memmap[i].size,
		    end), align);
		if (e > s)
			total += e - s;
		covered = MAX(covered, bi->memmap[i].base +
		    bi->memmap[i].size);
	}
	return total;
}

uint64_t
bootinfo_ram_usable(const struct bootinfo *bi)
{
	if (bi->ram_backed != 0 && bi->ram_backed < bi->ram_bytes)
		return bi->ram_backed;
	return bi->ram_bytes;
}

uint64_t
bi_ranges_trim(struct bi_range *r, unsigned n, uint64_t keep)
{
	uint64_t total = 0, cut;
	unsigned i;

	for (i = 0; i < n; i++)
		total += r[i].size;
	for (i = n; i > 0 && total > keep; i--) {
		cut = MIN(r[i - 1].size, total - keep);
		r[i - 1].size -= cut;
		total -= cut;
	}
	return total;
}
