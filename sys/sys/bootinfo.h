/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct bootinfo: what the loader told us, copied into kernel memory and
 * checked.  It is the only way boot data reaches the rest of the kernel:
 * no hvm_start_info (or any other loader type) leaks past the parser, so
 * a second boot protocol would only need a second parser.
 */
#ifndef _SYS_BOOTINFO_H_
#define _SYS_BOOTINFO_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/pmap.h>

#define BI_PAGE_SIZE	4096	/* x86 page: the unit of shared pages */
#define BI_MEMMAP_MAX	128	/* memory map entries we keep */
#define BI_MODULES_MAX	16
#define BI_CMDLINE_MAX	4096	/* kernel command line, with its NUL */
#define BI_MODCMD_MAX	256	/* a module's command line, with its NUL */
/* start_info, memmap, modlist, cmdline, and per module: data + cmdline */
#define BI_LOADER_MAX	(4 + 2 * BI_MODULES_MAX)

/* Memory types: the E820 values, which PVH and Xen use too. */
#define BI_MEM_RAM		1
#define BI_MEM_RESERVED		2
#define BI_MEM_ACPI		3
#define BI_MEM_NVS		4
#define BI_MEM_UNUSABLE		5
#define BI_MEM_DISABLED		6
#define BI_MEM_PMEM		7

struct bi_mem {
	uint64_t	base;
	uint64_t	size;
	uint32_t	type;
};

struct bi_module {
	uint64_t	base;		/* left in place; reserved, not copied */
	uint64_t	size;
	char		cmdline[BI_MODCMD_MAX];
};

/* A range of physical memory and what it is, for overlap checks. */
struct bi_range {
	uint64_t	base;
	uint64_t	size;
	const char	*what;
	bool		is_module;	/* module data (loader ranges only) */
};

struct bootinfo {
	uint32_t	version;	/* of the loader's structure (PVH: 0, 1, ...) */
	uint32_t	flags;
#define BI_F_MEMMAP_FROM_HV	0x1	/* the loader gave none; hypervisor did */
	uint64_t	start_info_pa;

	struct bi_mem	memmap[BI_MEMMAP_MAX];	/* sorted, no empty entries */
	unsigned	nmemmap;
	uint64_t	ram_bytes;	/* sum of RAM entries, overlaps merged */
	uint64_t	ram_top;	/* end of the highest RAM entry */
	/*
	 * RAM the hypervisor really backs, when it says less than the map
	 * (Xen populate-on-demand: memory < maxmem); 0 when the map holds.
	 */
	uint64_t	ram_backed;

	struct bi_module modules[BI_MODULES_MAX];
	unsigned	nmodules;

	char		cmdline[BI_CMDLINE_MAX];
	size_t		cmdline_len;	/* strlen(cmdline) */

	uint64_t	rsdp_pa;	/* 0: none given */

	/* Everything the loader placed in memory; must not be allocated. */
	struct bi_range	loader[BI_LOADER_MAX];
	unsigned	nloader;
};

/*
 * Reasons a boot structure is refused.  The host tests check the reason
 * as well as the refusal, so that removing one check fails its test.
 */
enum bi_error {
	BI_OK = 0,
	BI_E_ADDR,		/* structure not readable (beyond the mapped window) */
	BI_E_MAGIC,
	BI_E_RESERVED,		/* a must-be-zero field is not zero */
	BI_E_NMODULES,		/* too many modules, or a list at address 0 */
	BI_E_NMEMMAP,		/* too many memory map entries */
	BI_E_NO_MEMMAP,		/* no memory map, and no hypervisor offers one */
	BI_E_CMDLINE,		/* command line not terminated within its limit */
	BI_E_MODCMDLINE,	/* a module's command line, likewise */
	BI_E_WRAP,		/* base + size wraps around 2^64 */
	BI_E_BEYOND_RAM,	/* loader data outside RAM */
	BI_E_OVERLAP_KERNEL,	/* loader data on top of the kernel image */
	BI_E_OVERLAP,		/* a module on another module or on the
				   loader's other data */
	BI_E_NO_RAM,		/* no RAM left to run in */
	BI_E_KERNEL_NOT_RAM,	/* the kernel image is not in RAM, or is in
				   RAM that another entry reserves */
	BI_E_UNMAPPED,		/* a module beyond the kernel's direct map */
	BI_E_SHARED_PAGE,	/* a hypervisor's shared page in our memory */
	BI_E_RSDP,		/* the RSDP pointer is outside memory */
	BI_NERRORS
};

struct bi_status {
	enum bi_error	error;
	char		msg[160];	/* one line, no newline */
};

/*
 * How the parser reads guest-physical memory: returns a pointer to len
 * readable bytes at pa, or NULL if that range cannot be read.  The kernel
 * passes its direct map; host tests pass a buffer.
 */
typedef phys_read_t bi_phys_read_t;

/* The kernel image and what it needs around it, for overlap checks. */
struct bi_kernel {
	uint64_t	start;		/* first byte of the loaded image */
	uint64_t	end;		/* end of .bss */
	uint64_t	min_free;	/* bytes of free RAM the kernel needs */
	uint64_t	map_end;	/* the kernel can use RAM below this */
};

/* sys/arch/amd64/pvh_start_info.c: copy a PVH hvm_start_info. */
int	pvh_start_info_parse(uint64_t si_pa, bi_phys_read_t rd,
	    struct bootinfo *bi, struct bi_status *st);

/* sys/kern/subr_bootinfo.c: the loader-neutral checks. */
void	bootinfo_reset(struct bootinfo *bi);
int	bootinfo_set_memmap(struct bootinfo *bi, const struct bi_mem *map,
	    unsigned n, struct bi_status *st);
int	bootinfo_validate(struct bootinfo *bi, const struct bi_kernel *k,
	    struct bi_status *st);
unsigned bootinfo_free_ranges(const struct bootinfo *bi,
	    const struct bi_kernel *k, struct bi_range *out, unsigned max);
/*
 * The highest page below 1 MiB that the memory map says is free RAM (not
 * page 0, nothing of the loader's or the kernel's), or 0 if there is
 * none: where a SIPI can start an AP (smp.c).  Never handed out by the
 * boot allocator, which starts at 1 MiB.
 */
#define BI_LOW_MEM_END	0x100000ULL
uint64_t bootinfo_free_low_page(const struct bootinfo *bi,
	    const struct bi_kernel *k);
/*
 * A page the hypervisor shares with us (a console or xenstore ring): it
 * must not lie in the kernel image, in the loader's data, or in RAM the
 * boot allocator hands out.  bi may be NULL before the memory map is
 * known: then only the kernel image is checked.
 */
int	bootinfo_check_shared_page(const struct bootinfo *bi,
	    const struct bi_kernel *k, uint64_t pa, const char *what,
	    struct bi_status *st);
/*
 * Bytes of RAM below end (overlapping entries counted once), in whole
 * align-sized blocks of each entry (align a power of two; 1: every byte,
 * PAGE_SIZE: the pages a hypervisor backs).
 */
uint64_t bootinfo_ram_below(const struct bootinfo *bi, uint64_t end,
	    uint64_t align);
/* The RAM the kernel may count on: the map's, or less if not backed. */
uint64_t bootinfo_ram_usable(const struct bootinfo *bi);
/*
 * Cut n address-sorted ranges from the top so that they hold at most
 * keep bytes; returns the bytes left in them.  Page-aligned ranges stay
 * so when keep is a multiple of the page size.
 */
uint64_t bi_ranges_trim(struct bi_range *r, unsigned n, uint64_t keep);
int	bi_fail(struct bi_status *st, enum bi_error e, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
const char *bi_mem_type_name(uint32_t type);
int	bi_ranges_overlap(uint64_t a, uint64_t asz, uint64_t b, uint64_t bsz);

#endif /* !_SYS_BOOTINFO_H_ */
