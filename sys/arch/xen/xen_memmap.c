/*
 * The memory map from the hypervisor, for a start_info without one: Xen
 * gives a PVH dom0 start_info version 0, which has no memory map field.
 * XENMEM_memory_map returns the domain's own (pseudo-physical) E820 map.
 * Its count is checked before use: Xen writes at most what we offered,
 * and a larger answer is refused, not trusted.
 */
#include <sys/bootinfo.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>

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
