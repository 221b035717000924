/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Copy a PVH hvm_start_info into struct bootinfo.
 *
 * The structure, its memory map, module list and strings sit wherever the
 * loader put them: in low memory (QEMU's option ROM), near 0xf31e0 (QEMU
 * microvm's qboot), at 0x6000/0x7000/0x20000 (Firecracker, Cloud
 * Hypervisor), right after the kernel (Xen).  All of it is untrusted: every
 * count is bounded, every string must end within its limit, every address
 * must be readable.  This file only copies and checks the structure's own
 * shape; where things lie (RAM, overlaps) is checked loader-neutrally in
 * subr_bootinfo.c once the memory map is known.
 *
 * Format: xen/include/public/arch-x86/hvm/start_info.h (libxen-dev).
 */
#include <stdint.h>		/* the Xen headers assume it */
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

#include <lib/libkern.h>
#include <sys/bootinfo.h>

/* Version 0 ends before memmap_paddr; version 1 adds the memory map. */
#define SI_V0_SIZE	offsetof(struct hvm_start_info, memmap_paddr)
#define SI_V1_SIZE	sizeof(struct hvm_start_info)

_Static_assert(SI_V0_SIZE == 40, "hvm_start_info v0 is 40 bytes");
_Static_assert(SI_V1_SIZE == 56, "hvm_start_info v1 is 56 bytes");
_Static_assert(sizeof(struct hvm_modlist_entry) == 32, "modlist entry");
_Static_assert(sizeof(struct hvm_memmap_table_entry) == 24, "memmap entry");

static void
add_loader_range(struct bootinfo *bi, uint64_t base, uint64_t size,
    const char *what, bool is_module)
{
	if (bi->nloader < BI_LOADER_MAX && size > 0) {
		bi->loader[bi->nloader].base = base;
		bi->loader[bi->nloader].size = size;
		bi->loader[bi->nloader].what = what;
		bi->loader[bi->nloader].is_module = is_module;
		bi->nloader++;
	}
}

/*
 * Copy the NUL-terminated string at pa into dst (max bytes with the NUL).
 * Returns its length, or -1 if it cannot be read, -2 if no NUL comes
 * within max bytes: truncating silently would hand the kernel options
 * the loader never meant.
 */
static long
copy_string(bi_phys_read_t rd, uint64_t pa, char *dst, size_t max)
{
	const char *p;
	size_t i;

	for (i = 0; i < max; i++) {
		/* The byte's range [pa + i, pa + i + 1) must not wrap. */
		if (pa + i + 1 < pa || (p = rd(pa + i, 1)) == NULL)
			return -1;
		dst[i] = *p;
		if (*p == '\0')
			return (long)i;
	}
	dst[max - 1] = '\0';
	return -2;
}

static int
parse_cmdline(bi_phys_read_t rd, uint64_t pa, struct bootinfo *bi,
    struct bi_status *st)
{
	long n;

	if (pa == 0)
		return 0;
	n = copy_string(rd, pa, bi->cmdline, sizeof(bi->cmdline));
	if (n == -1)
		return bi_fail(st, BI_E_ADDR,
		    "start_info: command line at %#llx is not readable",
		    (unsigned long long)pa);
	if (n == -2)
		return bi_fail(st, BI_E_CMDLINE,
		    "start_info: command line at %#llx has no NUL within %u "
		    "bytes", (unsigned long long)pa, BI_CMDLINE_MAX);
	bi->cmdline_len = (size_t)n;
	add_loader_range(bi, pa, (uint64_t)n + 1, "command line", false);
	return 0;
}

static int
parse_modules(bi_phys_read_t rd, const struct hvm_start_info *si,
    struct bootinfo *bi, struct bi_status *st)
{
	struct hvm_modlist_entry me;
	struct bi_module *m;
	const void *p;
	uint64_t len;
	unsigned i;
	long n;

	if (si->nr_modules == 0)
		return 0;
	if (si->nr_modules > BI_MODULES_MAX)
		return bi_fail(st, BI_E_NMODULES,
		    "start_info: %u modules, at most %u supported",
		    si->nr_modules, BI_MODULES_MAX);
	if (si->modlist_paddr == 0)
		return bi_fail(st, BI_E_NMODULES,
		    "start_info: %u modules but no module list",
		    si->nr_modules);
	len = (uint64_t)si->nr_modules * sizeof(me);
	if (si->modlist_paddr + len < si->modlist_paddr ||
	    (p = rd(si->modlist_paddr, len)) == NULL)
		return bi_fail(st, BI_E_ADDR,
		    "start_info: module list at %#llx is not readable",
		    (unsigned long long)si->modlist_paddr);
	add_loader_range(bi, si->modlist_paddr, len, "module list", false);

	for (i = 0; i < si->nr_modules; i++) {
		memcpy(&me, (const char *)p + i * sizeof(me), sizeof(me));
		m = &bi->modules[i];
		if (me.paddr + me.size < me.paddr)
			return bi_fail(st, BI_E_WRAP,
			    "start_info: module %u at %#llx size %#llx wraps",
			    i, (unsigned long long)me.paddr,
			    (unsigned long long)me.size);
		if (me.paddr == 0 && me.size != 0)
			return bi_fail(st, BI_E_ADDR,
			    "start_info: module %u at address 0", i);
		m->base = me.paddr;
		m->size = me.size;
		m->cmdline[0] = '\0';
		if (me.cmdline_paddr != 0) {
			n = copy_string(rd, me.cmdline_paddr, m->cmdline,
			    sizeof(m->cmdline));
			if (n == -1)
				return bi_fail(st, BI_E_ADDR,
				    "start_info: module %u command line at "
				    "%#llx is not readable", i,
				    (unsigned long long)me.cmdline_paddr);
			if (n == -2)
				return bi_fail(st, BI_E_MODCMDLINE,
				    "start_info: module %u command line has "
				    "no NUL within %u bytes", i, BI_MODCMD_MAX);
			add_loader_range(bi, me.cmdline_paddr,
			    (uint64_t)n + 1, "module command line", false);
		}
		add_loader_range(bi, me.paddr, me.size, "module", true);
		bi->nmodules++;
	}
	return 0;
}

static int
parse_memmap(bi_phys_read_t rd, const struct hvm_start_info *si,
    struct bootinfo *bi, struct bi_status *st)
{
	struct hvm_memmap_table_entry e;
	const void *p;
	uint64_t len;
	unsigned i;

	if (si->memmap_paddr == 0 && si->memmap_entries == 0)
		return 0;		/* none given: the hypervisor may have one */
	if (si->memmap_paddr == 0)
		return bi_fail(st, BI_E_NMEMMAP,
		    "start_info: %u memory map entries but no memory map",
		    si->memmap_entries);
	if (si->memmap_entries == 0)
		return 0;
	if (si->memmap_entries > BI_MEMMAP_MAX)
		return bi_fail(st, BI_E_NMEMMAP,
		    "start_info: %u memory map entries, at most %u supported",
		    si->memmap_entries, BI_MEMMAP_MAX);
	len = (uint64_t)si->memmap_entries * sizeof(e);
	if (si->memmap_paddr + len < si->memmap_paddr ||
	    (p = rd(si->memmap_paddr, len)) == NULL)
		return bi_fail(st, BI_E_ADDR,
		    "start_info: memory map at %#llx is not readable",
		    (unsigned long long)si->memmap_paddr);
	add_loader_range(bi, si->memmap_paddr, len, "memory map", false);
	/* Converted in place: bootinfo_set_memmap() allows that. */
	for (i = 0; i < si->memmap_entries; i++) {
		memcpy(&e, (const char *)p + i * sizeof(e), sizeof(e));
		bi->memmap[i].base = e.addr;
		bi->memmap[i].size = e.size;
		bi->memmap[i].type = e.type;
	}
	return bootinfo_set_memmap(bi, bi->memmap, si->memmap_entries, st);
}

int
pvh_start_info_parse(uint64_t si_pa, bi_phys_read_t rd, struct bootinfo *bi,
    struct bi_status *st)
{
	struct hvm_start_info si;
	const void *p;
	int error;

	bootinfo_reset(bi);
	memset(&si, 0, sizeof(si));
	st->error = BI_OK;
	st->msg[0] = '\0';
	bi->start_info_pa = si_pa;

	/*
	 * Never ask the reader for a range that wraps past 2^64 (here the
	 * largest it may be asked for, v1's 56 bytes): it is the reader's
	 * job to refuse what is not memory, but the parser must not depend
	 * on it getting overflow right.
	 */
	if (si_pa == 0 || si_pa + SI_V1_SIZE < si_pa ||
	    (p = rd(si_pa, SI_V0_SIZE)) == NULL)
		return bi_fail(st, BI_E_ADDR,
		    "start_info at %#llx (from %%ebx) is not readable",
		    (unsigned long long)si_pa);
	memcpy(&si, p, SI_V0_SIZE);
	if (si.magic != XEN_HVM_START_MAGIC_VALUE)
		return bi_fail(st, BI_E_MAGIC,
		    "start_info: bad magic %#x (want %#x)", si.magic,
		    XEN_HVM_START_MAGIC_VALUE);
	/*
	 * "New versions are guaranteed to be backwards-compatible"
	 * (start_info.h): a later version only appends fields, so any
	 * version from 1 up is read as version 1, as Linux and FreeBSD do,
	 * and reported as what it is.
	 */
	bi->version = si.version;
	if (si.version >= 1) {
		if ((p = rd(si_pa, SI_V1_SIZE)) == NULL)
			return bi_fail(st, BI_E_ADDR,
			    "start_info v%u at %#llx is not readable",
			    si.version, (unsigned long long)si_pa);
		memcpy(&si, p, SI_V1_SIZE);
		/*
		 * Must be zero in version 1; a later version may give it a
		 * meaning we do not know, so only v1 is held to it.
		 */
		if (si.version == 1 && si.reserved != 0)
			return bi_fail(st, BI_E_RESERVED,
			    "start_info: reserved field is %#x, must be 0",
			    si.reserved);
	}
	add_loader_range(bi, si_pa, si.version >= 1 ? SI_V1_SIZE : SI_V0_SIZE,
	    "start_info", false);
	bi->rsdp_pa = si.rsdp_paddr;

	if ((error = parse_cmdline(rd, si.cmdline_paddr, bi, st)) != 0 ||
	    (error = parse_modules(rd, &si, bi, st)) != 0 ||
	    (error = parse_memmap(rd, &si, bi, st)) != 0)
		return error;
	return 0;
}
