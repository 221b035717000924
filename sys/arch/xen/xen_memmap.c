/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory map from the hypervisor, for a start_info without one: Xen
 * gives a PVH dom0 start_info version 0, which has no memory map field.
 * XENMEM_memory_map returns the domain's own (pseudo-physical) E820 map.
 * Its count is checked before use: Xen writes at most what we offered,
 * and a larger answer is refused, not trusted.
 *
 * And the memory the domain really has: with `memory` < `maxmem`, libxl's
 * map shows maxmem of RAM, but Xen backs only `memory` of it, as a
 * populate-on-demand cache that first touches draw from; a domain that
 * touches more is crashed ("p2m_pod_demand_populate: Dom1 out of PoD
 * memory!").  XENMEM_current_reservation says how many pages the domain
 * has (the PoD cache included), and the boot allocator is held to that.
 */
#include <sys/boot.h>
#include <sys/bootalloc.h>
#include <sys/bootinfo.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <machine/pte.h>

#include <xen/memory.h>

/* The E820 entry layout XENMEM_memory_map fills: 20 bytes, packed. */
struct xen_e820_entry {
	uint64_t	addr;
	uint64_t	size;
	uint32_t	type;
} __attribute__((packed));

int
xen_memmap_fetch(struct bootinfo *bi)
{
	static struct xen_e820_entry e820[BI_MEMMAP_MAX] __noinit;
	struct xen_memory_map mm;
	struct bi_status st;
	unsigned i;
	long rc;

	mm.nr_entries = nitems(e820);
	set_xen_guest_handle(mm.buffer, e820);
	if ((rc = HYPERVISOR_memory_op(XENMEM_memory_map, &mm)) != 0) {
		printf("xen: XENMEM_memory_map failed: %ld\n", rc);
		return -1;
	}
	if (mm.nr_entries == 0 || mm.nr_entries > nitems(e820)) {
		printf("xen: XENMEM_memory_map returned %u entries (room for "
		    "%zu)\n", mm.nr_entries, nitems(e820));
		return -1;
	}
	for (i = 0; i < mm.nr_entries; i++) {
		bi->memmap[i].base = e820[i].addr;
		bi->memmap[i].size = e820[i].size;
		bi->memmap[i].type = e820[i].type;
	}
	if (bootinfo_set_memmap(bi, bi->memmap, mm.nr_entries, &st) != 0) {
		printf("xen: memory map refused: %s\n", st.msg);
		return -1;
	}
	return 0;
}

void
xen_memmap_limit(struct bootinfo *bi)
{
	domid_t self = DOMID_SELF;
	uint64_t backed, populated = 0, left;
	unsigned i;
	long pages;

	/*
	 * Populate-on-demand is for domUs: Xen allocates all of dom0's
	 * memory when it builds it (and dom0's map has large non-RAM
	 * entries that the count below would wrongly charge).
	 */
	if (xen_dom0())
		return;
	pages = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);
	if (pages <= 0) {
		printf("xen: XENMEM_current_reservation failed: %ld\n", pages);
		return;
	}
	backed = (uint64_t)pages << PAGE_SHIFT;
	if (backed >= bootinfo_ram_below(bi, UINT64_MAX, PAGE_SIZE))
		return;			/* every page of RAM is backed */
	bi->ram_backed = backed;
	/*
	 * The reservation also holds what Xen populated outside RAM: the
	 * ACPI tables and special pages of libxl's PVH layout (73 KiB, in
	 * non-RAM entries below 4 GiB).  Counted as used: over-counting
	 * only loses memory.
	 */
	for (i = 0; i < bi->nmemmap; i++)
		if (bi->memmap[i].type != BI_MEM_RAM &&
		    bi->memmap[i].base < bootargs->kernel.map_end)
			populated += bi->memmap[i].size;
	left = bootalloc_limit(bi, backed > populated ? backed - populated : 0);
	aprint_normal("xen: %llu of the %llu KiB of RAM in the memory map are "
	    "backed (XENMEM_current_reservation); %llu KiB left to allocate\n",
	    (unsigned long long)(backed >> 10),
	    (unsigned long long)(bi->ram_bytes >> 10),
	    (unsigned long long)(left >> 10));
}
