/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bootinfo: the copy in struct bootinfo is consistent with itself and
 * with the loader's structure it came from.
 */
#include <stdint.h>		/* the Xen headers assume it */
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/pmap.h>
#include <sys/test.h>

static enum test_status
t_bootinfo(struct test_ctx *ctx)
{
	const struct bootinfo *bi = bootargs->bi;
	const struct hvm_start_info *si;
	uint64_t ram = 0, covered = 0;
	unsigned i;

	if (strlen(bi->cmdline) != bi->cmdline_len)
		return test_fail(ctx, "cmdline_len %zu but strlen %zu",
		    bi->cmdline_len, strlen(bi->cmdline));
	if (bi->nmodules > BI_MODULES_MAX || bi->nmemmap > BI_MEMMAP_MAX)
		return test_fail(ctx, "counts out of range");

	for (i = 0; i < bi->nmemmap; i++) {
		const struct bi_mem *m = &bi->memmap[i];

		if (m->size == 0)
			return test_fail(ctx, "memmap entry %u is empty", i);
		if (i > 0 && bi->memmap[i - 1].base > m->base)
			return test_fail(ctx, "memmap not sorted at %u", i);
		if (m->type == BI_MEM_RAM) {
			uint64_t s = MAX(m->base, covered);
			uint64_t e = m->base + m->size;

			if (e > s)
				ram += e - s;
			covered = MAX(covered, e);
		}
	}
	if (ram != bi->ram_bytes || ram == 0)
		return test_fail(ctx, "RAM %llu bytes, bootinfo says %llu",
		    (unsigned long long)ram, (unsigned long long)bi->ram_bytes);

	/* The loader's own structure is still there: compare. */
	si = pmap_phys_read(bi->start_info_pa, sizeof(*si));
	if (si == NULL || si->magic != XEN_HVM_START_MAGIC_VALUE)
		return test_fail(ctx, "start_info at %#llx is gone",
		    (unsigned long long)bi->start_info_pa);
	if (si->version != bi->version || si->nr_modules != bi->nmodules)
		return test_fail(ctx, "copy differs: version %u/%u, modules "
		    "%u/%u", si->version, bi->version, si->nr_modules,
		    bi->nmodules);
	if (bi->version >= 1 && si->memmap_entries != 0 &&
	    (bi->flags & BI_F_MEMMAP_FROM_HV))
		return test_fail(ctx, "memmap from hypervisor though the "
		    "loader gave one");
	if (si->cmdline_paddr != 0) {
		const char *c = pmap_phys_read(si->cmdline_paddr,
		    bi->cmdline_len + 1);

		if (c == NULL || memcmp(c, bi->cmdline, bi->cmdline_len + 1))
			return test_fail(ctx, "command line copy differs");
	}
	for (i = 0; i < bi->nmodules; i++) {
		const struct hvm_modlist_entry *me = pmap_phys_read(
		    si->modlist_paddr + i * sizeof(*me), sizeof(*me));

		if (me == NULL || me->paddr != bi->modules[i].base ||
		    me->size != bi->modules[i].size)
			return test_fail(ctx, "module %u copy differs", i);
	}
	test_diag("start_info v%u: %u memmap entries, %llu KiB RAM, "
	    "%u modules, cmdline %zu bytes", bi->version, bi->nmemmap,
	    (unsigned long long)(bi->ram_bytes >> 10), bi->nmodules,
	    bi->cmdline_len);
	return TEST_PASS;
}
KTEST_DEFINE("bootinfo", t_bootinfo, 0);
