/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PVH start_info parser and the bootinfo checks, on crafted memory:
 * every malformed case must be refused with its own reason, and the real
 * loaders' untidy layouts must be accepted.
 */
/* sources: sys/arch/amd64/pvh_start_info.c sys/kern/subr_bootinfo.c sys/lib/format.c */
#include <stdint.h>
#include <stdlib.h>
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

#include <sys/bootinfo.h>

#include "tap.h"

#define PHYS_SIZE	(32u << 20)	/* readable; RAM is only 16 MiB */
#define RAM_END		(16u << 20)
#define SI_PA		0x6000		/* Firecracker's layout */
#define MODLIST_PA	0x6040
#define MEMMAP_PA	0x7000
#define CMDLINE_PA	0x20000
#define MODCMD_PA	0x21000
#define MOD_PA		0x400000
#define MOD_SIZE	0x3000
#define SI_V0		40		/* bytes of a version 0 start_info */

static uint8_t *phys;
static const struct bi_kernel kern = {
	.start = 0x100000, .end = 0x120000, .min_free = 64 * 1024,
	.map_end = 1ULL << 32,
};

static const void *
rd(uint64_t pa, uint64_t len)
{
	if (pa == 0 || pa >= PHYS_SIZE || len > PHYS_SIZE - pa)
		return NULL;
	return phys + pa;
}

/*
 * A careless reader: address 0 is readable and only pa + len is checked,
 * so a range that wraps past 2^64 looks fine to it.  The parser must not
 * depend on the reader for either: a zero address means "absent" in the
 * ABI, and no range it asks for may wrap.
 */
static const void *
rd_naive(uint64_t pa, uint64_t len)
{
	if (pa + len > PHYS_SIZE)
		return NULL;
	return (const void *)((uintptr_t)phys + (uintptr_t)pa);
}

static struct hvm_start_info *
si(void)
{
	return (struct hvm_start_info *)(phys + SI_PA);
}

static struct hvm_modlist_entry *
modlist(void)
{
	return (struct hvm_modlist_entry *)(phys + MODLIST_PA);
}

static struct hvm_memmap_table_entry *
memmap(void)
{
	return (struct hvm_memmap_table_entry *)(phys + MEMMAP_PA);
}

static void
set_mem(unsigned i, uint64_t addr, uint64_t size, uint32_t type)
{
	memmap()[i].addr = addr;
	memmap()[i].size = size;
	memmap()[i].type = type;
	memmap()[i].reserved = 0;
}

/* A good version 1 layout: two RAM ranges, one module, a command line. */
static void
layout(void)
{
	memset(phys, 0, PHYS_SIZE);
	si()->magic = XEN_HVM_START_MAGIC_VALUE;
	si()->version = 1;
	si()->cmdline_paddr = CMDLINE_PA;
	strcpy((char *)phys + CMDLINE_PA, "test=all quiet");
	si()->nr_modules = 1;
	si()->modlist_paddr = MODLIST_PA;
	modlist()[0].paddr = MOD_PA;
	modlist()[0].size = MOD_SIZE;
	modlist()[0].cmdline_paddr = MODCMD_PA;
	strcpy((char *)phys + MODCMD_PA, "initrd");
	si()->memmap_paddr = MEMMAP_PA;
	si()->memmap_entries = 3;
	set_mem(0, 0, 0x9fc00, XEN_HVM_MEMMAP_TYPE_RAM);
	set_mem(1, 0xf0000, 0x10000, XEN_HVM_MEMMAP_TYPE_RESERVED);
	set_mem(2, 0x100000, RAM_END - 0x100000, XEN_HVM_MEMMAP_TYPE_RAM);
}

static struct bootinfo bi;
static struct bi_status st;

static int
boot_at(uint64_t pa)
{
	int e = pvh_start_info_parse(pa, rd, &bi, &st);

	if (e != 0)
		return e;
	return bootinfo_validate(&bi, &kern, &st);
}

static int
boot(void)
{
	return boot_at(SI_PA);
}

/* A refusal: the right reason, and a one-line message. */
static void
refused(int e, enum bi_error want, const char *name)
{
	is_int(e, want, "%s: refused (%s)", name, st.msg);
	ok(st.msg[0] != '\0' && strchr(st.msg, '\n') == NULL,
	    "%s: one-line message", name);
}

static void
test_good(void)
{
	layout();
	is_int(boot(), BI_OK, "good v1 layout accepted (%s)", st.msg);
	is_int(bi.version, 1, "version");
	is_int(bi.nmemmap, 3, "memmap entries");
	is_int(bi.ram_bytes, 0x9fc00 + RAM_END - 0x100000, "RAM bytes");
	is_int(bi.ram_top, RAM_END, "RAM top");
	is_str(bi.cmdline, "test=all quiet", "command line copied");
	is_int(bi.cmdline_len, 14, "command line length");
	is_int(bi.nmodules, 1, "one module");
	is_int(bi.modules[0].base, MOD_PA, "module base");
	is_int(bi.modules[0].size, MOD_SIZE, "module size");
	is_str(bi.modules[0].cmdline, "initrd", "module command line");
	/* start_info, cmdline, modlist, module cmdline, module, memmap */
	is_int(bi.nloader, 6, "every loader range recorded");

	/* The copy is a copy: the loader's memory may now change. */
	strcpy((char *)phys + CMDLINE_PA, "changed");
	is_str(bi.cmdline, "test=all quiet", "command line is a copy");
}

static void
test_v0(void)
{
	struct bi_mem map[2] = {
		{ 0, 0x9fc00, BI_MEM_RAM },
		{ 0x100000, RAM_END - 0x100000, BI_MEM_RAM },
	};

	layout();
	si()->version = 0;
	/* Fields past the 40 bytes of v0 are not the loader's: ignored. */
	si()->memmap_entries = 0xffffffff;
	is_int(pvh_start_info_parse(SI_PA, rd, &bi, &st), BI_OK,
	    "v0 parsed, memory map fields ignored");
	is_int(bi.nmemmap, 0, "v0 has no memory map");
	refused(bootinfo_validate(&bi, &kern, &st), BI_E_NO_MEMMAP,
	    "v0 without a hypervisor memory map");
	is_int(bootinfo_set_memmap(&bi, map, 2, &st), BI_OK,
	    "hypervisor memory map taken");
	is_int(bootinfo_validate(&bi, &kern, &st), BI_OK,
	    "v0 with a hypervisor memory map accepted (%s)", st.msg);

	layout();
	si()->memmap_paddr = 0;
	si()->memmap_entries = 0;
	is_int(pvh_start_info_parse(SI_PA, rd, &bi, &st), BI_OK,
	    "v1 without a memory map parsed");
	refused(bootinfo_validate(&bi, &kern, &st), BI_E_NO_MEMMAP,
	    "v1 without a memory map, no hypervisor");
}

/*
 * Versions after 1 only append fields (start_info.h: "New versions are
 * guaranteed to be backwards-compatible"): read as version 1, reported
 * as themselves.
 */
static void
test_versions(void)
{
	static const uint32_t v[] = { 2, 3, 0xffffffff };
	unsigned i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		layout();
		si()->version = v[i];
		is_int(boot(), BI_OK, "version %u accepted (%s)", v[i], st.msg);
		is_int(bi.version, v[i], "version %u kept for the report",
		    v[i]);
		ok(bi.nmemmap == 3 && bi.nmodules == 1 &&
		    strcmp(bi.cmdline, "test=all quiet") == 0,
		    "version %u: the v1 fields read", v[i]);
	}
	/* A later version may use the field v1 reserves. */
	layout();
	si()->version = 2;
	si()->reserved = 1;
	is_int(boot(), BI_OK, "version 2 with the v1 reserved field set");
	/* Its v1 part must still be readable. */
	layout();
	si()->version = 2;
	memcpy(phys + PHYS_SIZE - SI_V0, si(), SI_V0);
	refused(boot_at(PHYS_SIZE - SI_V0), BI_E_ADDR,
	    "v2 start_info whose v1 part is not readable");
}

static void
test_header(void)
{
	layout();
	refused(boot_at(0), BI_E_ADDR, "start_info at 0");
	refused(boot_at(PHYS_SIZE - 8), BI_E_ADDR, "start_info past the end");
	layout();
	si()->magic = 0x336ec579;
	refused(boot(), BI_E_MAGIC, "bad magic");
	layout();
	si()->reserved = 1;
	refused(boot(), BI_E_RESERVED, "reserved field not zero");

	/* The first 40 bytes readable (v0), the 56 of v1 not. */
	layout();
	memcpy(phys + PHYS_SIZE - SI_V0, si(), SI_V0);
	refused(boot_at(PHYS_SIZE - SI_V0), BI_E_ADDR,
	    "v1 start_info whose last 16 bytes are not readable");
}

/* Wrapping ranges and address 0, with a reader that would allow them. */
static void
test_naive_reader(void)
{
	static const struct {
		const char *name;
		uint64_t si_pa;
		int field;
		uint64_t value;
	} c[] = {
		{ "start_info at 0", 0, 0, 0 },
		{ "start_info in the last 16 bytes below 2^64",
		    0xfffffffffffffff0ULL, 0, 0 },
		{ "command line at 2^64-1", SI_PA, 1, 0xffffffffffffffffULL },
		{ "module list wrapping 2^64", SI_PA, 2,
		    0xfffffffffffffff0ULL },
		{ "memory map wrapping 2^64", SI_PA, 3,
		    0xfffffffffffffff0ULL },
		{ "module command line at 2^64-1", SI_PA, 4,
		    0xffffffffffffffffULL },
	};
	unsigned i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		layout();
		switch (c[i].field) {
		case 1: si()->cmdline_paddr = c[i].value; break;
		case 2: si()->modlist_paddr = c[i].value; break;
		case 3: si()->memmap_paddr = c[i].value; break;
		case 4: modlist()[0].cmdline_paddr = c[i].value; break;
		}
		refused(pvh_start_info_parse(c[i].si_pa, rd_naive, &bi, &st),
		    BI_E_ADDR, c[i].name);
	}
}

static void
test_counts(void)
{
	unsigned i;

	layout();
	si()->nr_modules = BI_MODULES_MAX + 1;
	for (i = 0; i < BI_MODULES_MAX + 1; i++) {
		modlist()[i].paddr = 0x800000 + i * 0x1000;
		modlist()[i].size = 0x1000;
	}
	refused(boot(), BI_E_NMODULES, "17 modules");
	layout();
	si()->nr_modules = 0xffffffff;
	refused(boot(), BI_E_NMODULES, "2^32-1 modules");
	layout();
	si()->modlist_paddr = 0;
	refused(boot(), BI_E_NMODULES, "modules but no module list");
	layout();
	si()->modlist_paddr = PHYS_SIZE - 16;
	refused(boot(), BI_E_ADDR, "module list not readable");

	layout();
	si()->memmap_entries = BI_MEMMAP_MAX + 1;
	refused(boot(), BI_E_NMEMMAP, "129 memory map entries");
	layout();
	si()->memmap_entries = 0xffffffff;
	refused(boot(), BI_E_NMEMMAP, "2^32-1 memory map entries");
	layout();
	si()->memmap_paddr = 0;
	refused(boot(), BI_E_NMEMMAP, "memory map entries but no map");
	layout();
	si()->memmap_paddr = PHYS_SIZE - 24;
	si()->memmap_entries = 2;
	refused(boot(), BI_E_ADDR, "memory map not readable");
}

static void
test_strings(void)
{
	char *c = (char *)phys + CMDLINE_PA;

	layout();
	memset(c, 'a', BI_CMDLINE_MAX - 1);
	c[BI_CMDLINE_MAX - 1] = '\0';
	is_int(boot(), BI_OK, "4095-byte command line accepted (%s)", st.msg);
	is_int(bi.cmdline_len, BI_CMDLINE_MAX - 1, "4095 bytes kept");
	layout();
	memset(c, 'a', BI_CMDLINE_MAX + 100);
	refused(boot(), BI_E_CMDLINE, "command line with no NUL in 4096");
	layout();
	si()->cmdline_paddr = PHYS_SIZE - 4;
	memset(phys + PHYS_SIZE - 4, 'a', 4);
	refused(boot(), BI_E_ADDR, "command line runs off readable memory");
	layout();
	memset(phys + MODCMD_PA, 'm', BI_MODCMD_MAX);
	refused(boot(), BI_E_MODCMDLINE, "module command line with no NUL");
	layout();
	modlist()[0].cmdline_paddr = PHYS_SIZE;
	refused(boot(), BI_E_ADDR, "module command line not readable");
}

static void
test_ranges(void)
{
	layout();
	modlist()[0].paddr = 0xfffffffffffff000ULL;
	modlist()[0].size = 0x2000;
	refused(boot(), BI_E_WRAP, "module wraps past 2^64");
	ok(strncmp(st.msg, "start_info: module 0 ", 21) == 0,
	    "module wraps: refused by the parser, which names the module");
	layout();
	modlist()[0].paddr = 0;
	refused(boot(), BI_E_ADDR, "module at address 0");
	layout();
	set_mem(2, 0x100000, 0xfffffffffff00001ULL, XEN_HVM_MEMMAP_TYPE_RAM);
	refused(boot(), BI_E_WRAP, "memory map entry wraps");

	layout();
	modlist()[0].paddr = RAM_END + 0x100000;
	refused(boot(), BI_E_BEYOND_RAM, "module beyond RAM");
	layout();
	modlist()[0].paddr = RAM_END - 0x1000;
	refused(boot(), BI_E_BEYOND_RAM, "module straddles the end of RAM");
	layout();
	si()->cmdline_paddr = RAM_END + 0x1000;
	strcpy((char *)phys + RAM_END + 0x1000, "quiet");
	refused(boot(), BI_E_BEYOND_RAM, "command line beyond RAM");
	layout();
	memcpy(phys + RAM_END + 0x2000, si(), sizeof(*si()));
	refused(boot_at(RAM_END + 0x2000), BI_E_BEYOND_RAM,
	    "start_info beyond RAM");
	layout();
	si()->rsdp_paddr = RAM_END + 0x10000;
	refused(boot(), BI_E_RSDP, "RSDP beyond memory");
	layout();
	si()->rsdp_paddr = 0xfffffffffffffff0ULL;
	refused(boot(), BI_E_RSDP, "RSDP pointer wraps 2^64");

	layout();
	modlist()[0].paddr = kern.start + 0x8000;
	refused(boot(), BI_E_OVERLAP_KERNEL, "module on the kernel");
	layout();
	modlist()[0].paddr = kern.start - 0x1000;
	modlist()[0].size = 0x1001;
	refused(boot(), BI_E_OVERLAP_KERNEL, "module ending in the kernel");
	layout();
	si()->cmdline_paddr = kern.end - 4;
	strcpy((char *)phys + kern.end - 4, "q");
	refused(boot(), BI_E_OVERLAP_KERNEL, "command line in the kernel");
	layout();
	memcpy(phys + kern.start + 0x100, si(), sizeof(*si()));
	refused(boot_at(kern.start + 0x100), BI_E_OVERLAP_KERNEL,
	    "start_info in the kernel");

	layout();
	si()->nr_modules = 2;
	modlist()[1].paddr = MOD_PA + MOD_SIZE - 1;
	modlist()[1].size = 0x1000;
	refused(boot(), BI_E_OVERLAP, "two modules overlap");
	layout();
	si()->nr_modules = 2;
	modlist()[1].paddr = MOD_PA + MOD_SIZE;
	modlist()[1].size = 0x1000;
	is_int(boot(), BI_OK, "adjacent modules accepted (%s)", st.msg);
}

static void
test_memory(void)
{
	layout();
	set_mem(2, 0x200000, RAM_END - 0x200000, XEN_HVM_MEMMAP_TYPE_RAM);
	refused(boot(), BI_E_KERNEL_NOT_RAM, "kernel not in RAM");
	layout();
	set_mem(2, 0x100000, RAM_END - 0x100000,
	    XEN_HVM_MEMMAP_TYPE_RESERVED);
	set_mem(0, 0, 0x9fc00, XEN_HVM_MEMMAP_TYPE_ACPI);
	refused(boot(), BI_E_NO_RAM, "no RAM at all");
	layout();
	/* Room for the kernel, none for anything else. */
	set_mem(2, 0x100000, kern.end - 0x100000 + 0x4000,
	    XEN_HVM_MEMMAP_TYPE_RAM);
	modlist()[0].paddr = 0x50000;
	refused(boot(), BI_E_NO_RAM, "memory map leaves no RAM to run in");
	layout();
	/* Reserved on top of RAM: the RAM under it is not free. */
	si()->memmap_entries = 4;
	set_mem(3, 0x120000, RAM_END - 0x120000, XEN_HVM_MEMMAP_TYPE_RESERVED);
	modlist()[0].paddr = 0x50000;
	refused(boot(), BI_E_NO_RAM, "reserved entry covering the free RAM");
}

/*
 * Placement: where the kernel, the modules and the hypervisor's shared
 * pages may lie, beyond "inside RAM".
 */
static void
test_placement(void)
{
	static const struct {
		const char *name;
		uint64_t pa, size;
	} on[] = {
		{ "start_info", SI_PA, 0x40 },
		{ "module list", MODLIST_PA + 0x10, 0x20 },
		{ "memory map", MEMMAP_PA + 0x10, 0x1000 },
		{ "command line", CMDLINE_PA + 3, 1 },
		{ "module command line", MODCMD_PA, 0x100 },
	};
	char name[64];
	unsigned i;

	/* The review's case: RAM [0, 16M) with NVS [1M, 2M) on top. */
	layout();
	si()->memmap_entries = 2;
	set_mem(0, 0, RAM_END, XEN_HVM_MEMMAP_TYPE_RAM);
	set_mem(1, 0x100000, 0x100000, XEN_HVM_MEMMAP_TYPE_NVS);
	refused(boot(), BI_E_KERNEL_NOT_RAM, "kernel in an NVS entry over RAM");
	ok(strstr(st.msg, "NVS entry at 0x100000-0x200000") != NULL,
	    "the message names the NVS entry");
	layout();
	si()->memmap_entries = 4;
	set_mem(3, kern.end - 0x1000, 0x1000, XEN_HVM_MEMMAP_TYPE_RESERVED);
	refused(boot(), BI_E_KERNEL_NOT_RAM,
	    "reserved page over the kernel's last page");
	layout();
	si()->memmap_entries = 4;
	set_mem(3, kern.end, 0x1000, XEN_HVM_MEMMAP_TYPE_ACPI);
	is_int(boot(), BI_OK, "ACPI entry right after the kernel (%s)", st.msg);

	/* A module on the loader's other data. */
	for (i = 0; i < sizeof(on) / sizeof(on[0]); i++) {
		layout();
		modlist()[0].paddr = on[i].pa;
		modlist()[0].size = on[i].size;
		snprintf(name, sizeof(name), "module on the %s", on[i].name);
		refused(boot(), BI_E_OVERLAP, name);
		ok(strstr(st.msg, on[i].name) != NULL,
		    "module on the %s: named in the message", on[i].name);
	}
	/* Two modules may share a command line. */
	layout();
	si()->nr_modules = 2;
	modlist()[1].paddr = MOD_PA + 0x10000;
	modlist()[1].size = 0x1000;
	modlist()[1].cmdline_paddr = MODCMD_PA;
	is_int(boot(), BI_OK, "two modules with one command line (%s)",
	    st.msg);

	/* A module in RAM above the direct map: refused, not unreadable. */
	layout();
	si()->memmap_entries = 4;
	set_mem(3, 1ULL << 32, 1ULL << 31, XEN_HVM_MEMMAP_TYPE_RAM);
	modlist()[0].paddr = 1ULL << 32;
	refused(boot(), BI_E_UNMAPPED, "module in RAM above 4 GiB");
	layout();
	si()->memmap_entries = 4;
	set_mem(3, RAM_END, (5ULL << 30) - RAM_END, XEN_HVM_MEMMAP_TYPE_RAM);
	modlist()[0].paddr = (1ULL << 32) - MOD_SIZE;
	is_int(boot(), BI_OK, "module ending at 4 GiB (%s)", st.msg);
	modlist()[0].paddr++;
	refused(boot(), BI_E_UNMAPPED, "module crossing 4 GiB");
}

/* The hypervisor's shared pages (Xen console and xenstore rings). */
static void
test_shared_pages(void)
{
	layout();
	is_int(boot(), BI_OK, "layout for the shared pages");
	refused(bootinfo_check_shared_page(NULL, &kern, kern.start + 0x3000,
	    "console ring", &st), BI_E_SHARED_PAGE,
	    "ring in the kernel, before the memory map is known");
	refused(bootinfo_check_shared_page(&bi, &kern, kern.end - 0x1000,
	    "console ring", &st), BI_E_SHARED_PAGE, "ring on the kernel's "
	    "last page");
	refused(bootinfo_check_shared_page(&bi, &kern, SI_PA, "xenstore ring",
	    &st), BI_E_SHARED_PAGE, "ring on start_info");
	refused(bootinfo_check_shared_page(&bi, &kern, MOD_PA + 0x1000,
	    "xenstore ring", &st), BI_E_SHARED_PAGE, "ring on a module");
	refused(bootinfo_check_shared_page(&bi, &kern, 0x800000,
	    "console ring", &st), BI_E_SHARED_PAGE, "ring in free RAM");
	refused(bootinfo_check_shared_page(&bi, &kern, kern.end,
	    "console ring", &st), BI_E_SHARED_PAGE,
	    "ring on the first free page");
	refused(bootinfo_check_shared_page(&bi, &kern, 0xfffffffffffff800ULL,
	    "console ring", &st), BI_E_SHARED_PAGE, "ring page wraps 2^64");
	/* Xen's special pages: reserved, below 4 GiB (libxl). */
	is_int(bootinfo_check_shared_page(&bi, &kern, 0xfeffc000,
	    "console ring", &st), BI_OK, "ring outside RAM accepted (%s)",
	    st.msg);
	is_int(bootinfo_check_shared_page(&bi, &kern, 0xf0000,
	    "console ring", &st), BI_OK, "ring in a reserved entry accepted");
	is_int(bootinfo_check_shared_page(NULL, &kern, 0x800000,
	    "console ring", &st), BI_OK,
	    "before the memory map only the kernel is checked");
}

/* Less RAM backed than the map shows (Xen populate-on-demand). */
static void
test_backed(void)
{
	struct bi_range r[3] = {
		{ 0x100000, 0x3000, "free", false },
		{ 0x200000, 0x2000, "free", false },
		{ 0x400000, 0x4000, "free", false },
	};

	layout();
	is_int(boot(), BI_OK, "layout for backed RAM");
	is_int(bootinfo_ram_usable(&bi), bi.ram_bytes,
	    "nothing said: the map's RAM is usable");
	bi.ram_backed = 0x800000;
	is_int(bootinfo_ram_usable(&bi), 0x800000,
	    "less backed than mapped: the backed amount");
	bi.ram_backed = bi.ram_bytes + 0x1000;
	is_int(bootinfo_ram_usable(&bi), bi.ram_bytes,
	    "more backed than mapped: the map's");

	is_int(bootinfo_ram_below(&bi, 1ULL << 32, 1), bi.ram_bytes,
	    "all RAM below 4 GiB");
	is_int(bootinfo_ram_below(&bi, 0x200000, 1), 0x9fc00 + 0x100000,
	    "RAM below 2 MiB: the low 639 KiB and [1M, 2M)");
	is_int(bootinfo_ram_below(&bi, 0x200000, 0x1000), 0x9f000 + 0x100000,
	    "whole pages of RAM below 2 MiB: the partial page at 0x9f000 "
	    "left out");
	si()->memmap_entries = 4;
	set_mem(3, 0x150000, 0x100000, XEN_HVM_MEMMAP_TYPE_RAM);
	is_int(boot(), BI_OK, "RAM inside RAM");
	is_int(bootinfo_ram_below(&bi, 0x200000, 1), 0x9fc00 + 0x100000,
	    "RAM below 2 MiB, overlapping entries counted once");
	is_int(bootinfo_ram_below(&bi, 0x200000, 0x1000), 0x9f000 + 0x100000,
	    "whole pages below 2 MiB, overlapping entries counted once");

	is_int(bi_ranges_trim(r, 3, 0x9000), 0x9000, "trim to 36 KiB: all kept");
	is_int(bi_ranges_trim(r, 3, 0x6000), 0x6000, "trim to 24 KiB");
	ok(r[0].size == 0x3000 && r[1].size == 0x2000 && r[2].size == 0x1000,
	    "cut from the top: %#llx %#llx %#llx",
	    (unsigned long long)r[0].size, (unsigned long long)r[1].size,
	    (unsigned long long)r[2].size);
	is_int(bi_ranges_trim(r, 3, 0x2000), 0x2000, "trim to 8 KiB");
	ok(r[0].size == 0x2000 && r[1].size == 0 && r[2].size == 0,
	    "the lowest range keeps the rest");
	is_int(bi_ranges_trim(r, 3, 0), 0, "trim to nothing");
}

/*
 * The loader-neutral checks on their own: other boot protocols (a
 * hypervisor's memory map, a second parser) reach them without the PVH
 * parser's checks in front.
 */
static void
test_neutral(void)
{
	static struct bi_mem map[BI_MEMMAP_MAX + 1];
	unsigned i;

	for (i = 0; i < BI_MEMMAP_MAX + 1; i++) {
		map[i].base = 0x100000 + (uint64_t)i * 0x1000;
		map[i].size = 0x1000;
		map[i].type = BI_MEM_RAM;
	}
	memset(&bi, 0, sizeof(bi));
	refused(bootinfo_set_memmap(&bi, map, BI_MEMMAP_MAX + 1, &st),
	    BI_E_NMEMMAP, "set_memmap: 129 entries");
	is_int(bootinfo_set_memmap(&bi, map, BI_MEMMAP_MAX, &st), BI_OK,
	    "set_memmap: 128 entries");

	layout();
	is_int(boot(), BI_OK, "layout for a wrapping loader range");
	bi.loader[bi.nloader].base = 0xfffffffffffff000ULL;
	bi.loader[bi.nloader].size = 0x2000;
	bi.loader[bi.nloader].what = "test range";
	bi.nloader++;
	refused(bootinfo_validate(&bi, &kern, &st), BI_E_WRAP,
	    "validate: a loader range that wraps 2^64");
}

/*
 * QEMU microvm's qboot: unsorted, a reserved 16 KiB at 0xfeffc000 under
 * KVM, and a last entry that is all zero but counted.
 */
static void
test_untidy(void)
{
	struct bi_range fr[16];
	uint64_t low;
	unsigned i, n;
	int sorted = 1;

	layout();
	si()->memmap_entries = 6;
	set_mem(0, 0x100000, RAM_END - 0x100000, XEN_HVM_MEMMAP_TYPE_RAM);
	set_mem(1, 0xfeffc000, 0x4000, XEN_HVM_MEMMAP_TYPE_RESERVED);
	set_mem(2, 0, 0x9fc00, XEN_HVM_MEMMAP_TYPE_RAM);
	set_mem(3, 0x9fc00, 0x400, XEN_HVM_MEMMAP_TYPE_RESERVED);
	set_mem(4, 0xf0000, 0x10000, XEN_HVM_MEMMAP_TYPE_RESERVED);
	set_mem(5, 0, 0, 0);
	is_int(boot(), BI_OK, "qboot-style map accepted (%s)", st.msg);
	is_int(bi.nmemmap, 5, "empty entry dropped");
	for (i = 1; i < bi.nmemmap; i++)
		sorted &= bi.memmap[i - 1].base <= bi.memmap[i].base;
	ok(sorted, "map sorted");
	is_int(bi.ram_bytes, 0x9fc00 + RAM_END - 0x100000, "RAM counted");

	layout();
	si()->memmap_entries = 4;
	set_mem(3, 0x200000, 0x300000, XEN_HVM_MEMMAP_TYPE_RAM);
	is_int(boot(), BI_OK, "overlapping RAM entries accepted");
	is_int(bi.ram_bytes, 0x9fc00 + RAM_END - 0x100000,
	    "overlapping RAM counted once");

	layout();
	si()->memmap_entries = BI_MEMMAP_MAX;
	for (i = 0; i < BI_MEMMAP_MAX; i++)
		set_mem(i, 0x100000 + (uint64_t)i * 0x20000, 0x20000,
		    i % 2 ? XEN_HVM_MEMMAP_TYPE_RESERVED :
		    XEN_HVM_MEMMAP_TYPE_RAM);
	set_mem(BI_MEMMAP_MAX - 1, 0, 0x9fc00, XEN_HVM_MEMMAP_TYPE_RAM);
	modlist()[0].paddr = 0x50000;
	is_int(boot(), BI_OK, "128 entries with holes accepted (%s)", st.msg);

	/* Free ranges: RAM minus kernel, loader data and reserved. */
	layout();
	is_int(boot(), BI_OK, "layout for free ranges");
	n = bootinfo_free_ranges(&bi, &kern, fr, 16);
	ok(n >= 2, "free ranges split around the module (%u)", n);
	for (i = 0; i < n; i++) {
		unsigned j;
		int clash = 0;

		clash |= bi_ranges_overlap(fr[i].base, fr[i].size, kern.start,
		    kern.end - kern.start);
		for (j = 0; j < bi.nloader; j++)
			clash |= bi_ranges_overlap(fr[i].base, fr[i].size,
			    bi.loader[j].base, bi.loader[j].size);
		ok(!clash && fr[i].base >= 0x100000 &&
		    (fr[i].base & 4095) == 0 && (fr[i].size & 4095) == 0,
		    "free range %#llx+%#llx clear of kernel and loader data",
		    (unsigned long long)fr[i].base,
		    (unsigned long long)fr[i].size);
	}
	is_int(fr[0].base, kern.end, "first free page right after the kernel");

	/*
	 * The AP start-up page (smp.c): the highest free page below 1 MiB,
	 * never loader data, never reserved, never page 0; 0 if none.
	 */
	layout();
	is_int(boot(), BI_OK, "layout for the low page");
	low = bootinfo_free_low_page(&bi, &kern);
	is_int(low, 0x9e000, "low page: the top whole page of RAM below "
	    "the EBDA");
	set_mem(3, 0x9e000, 0x1000, XEN_HVM_MEMMAP_TYPE_RESERVED);
	si()->memmap_entries = 4;
	is_int(boot(), BI_OK, "a reserved page on top of low RAM");
	low = bootinfo_free_low_page(&bi, &kern);
	is_int(low, 0x9d000, "low page: below the reserved one");
	layout();
	modlist()[0].paddr = 0x9d000;
	modlist()[0].size = 0x2c00;
	is_int(boot(), BI_OK, "a module at the top of low RAM");
	low = bootinfo_free_low_page(&bi, &kern);
	ok(low != 0 && !bi_ranges_overlap(low, 4096, 0x9d000, 0x2c00) &&
	    (low & 4095) == 0, "low page %#llx clear of the module",
	    (unsigned long long)low);
	layout();
	set_mem(0, 0, 0x8000, XEN_HVM_MEMMAP_TYPE_RAM);
	is_int(boot(), BI_OK, "32 KiB of RAM below 1 MiB");
	is_int(bootinfo_free_low_page(&bi, &kern), 0x5000, "low page: below "
	    "start_info (0x6000) and the memory map (0x7000)");
	layout();
	set_mem(0, 0x9fc00, 0x400, XEN_HVM_MEMMAP_TYPE_RESERVED);
	is_int(boot(), BI_OK, "no RAM below 1 MiB");
	is_int(bootinfo_free_low_page(&bi, &kern), 0, "no low page: 0");
}

int
main(void)
{
	phys = calloc(1, PHYS_SIZE);
	if (phys == NULL)
		return 1;
	test_good();
	test_v0();
	test_header();
	test_versions();
	test_counts();
	test_strings();
	test_ranges();
	test_memory();
	test_untidy();
	test_placement();
	test_shared_pages();
	test_backed();
	test_naive_reader();
	test_neutral();
	free(phys);
	return done_testing();
}
