/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot page tables are built by locore.S: the low 4 GiB mapped 1:1,
 * page 0 read-only, the kernel image in 4 KiB pages with text read-only,
 * the rest in 2 MiB pages.
 * This file is the C interface to that map.
 */
#include <sys/bootalloc.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>
#include <machine/pte.h>

extern uint64_t boot_pt0[NPTE];
extern uint64_t boot_pd[NPTE * DIRECT_MAP_GIB];	/* locore.S */

const void *
pmap_phys_read(uint64_t pa, uint64_t len)
{
	return pmap_phys_ptr(pa, len);
}

void *
pmap_phys_ptr(uint64_t pa, uint64_t len)
{
	if (pa == 0 || pa >= DIRECT_MAP_END ||
	    len > DIRECT_MAP_END - pa)
		return NULL;
	return (void *)(uintptr_t)pa;
}

/*
 * The PTE that maps pa.  The first 2 MiB, which hold the kernel, have
 * 4 KiB pages from the start (locore.S); above, RAM is mapped in 2 MiB
 * pages, and the one holding pa is split here, once, into a page table
 * from the boot allocator with the same translation and attributes
 * (present, writable, not executable).  Only the BSP changes the map,
 * while no other CPU uses the pages it changes: a CPU that still holds
 * the 2 MiB translation reaches the same memory through it.
 */
static uint64_t *
pmap_pte(uint64_t pa)
{
	uint64_t pdi = pa >> PD_SHIFT, base, ptpa, *pt;
	unsigned i;

	KASSERT(pa < DIRECT_MAP_END);
	if (pdi == 0)
		return &boot_pt0[pa >> PAGE_SHIFT];
	if (boot_pd[pdi] & PG_PS) {
		base = pdi << PD_SHIFT;
		ptpa = bootalloc_pages(1);
		pt = pmap_phys_ptr(ptpa, PAGE_SIZE);
		for (i = 0; i < NPTE; i++)
			pt[i] = (base + ((uint64_t)i << PAGE_SHIFT)) | PG_V |
			    PG_RW | PG_NX;
		boot_pd[pdi] = ptpa | PG_V | PG_RW | PG_NX;
		invlpg(base);	/* drops the 2 MiB entry from this TLB */
	}
	pt = pmap_phys_ptr(boot_pd[pdi] & PG_FRAME, PAGE_SIZE);
	return &pt[(pa >> PAGE_SHIFT) % NPTE];
}

/* A stack's guard page (smp.c): not present from now on. */
void
pmap_unmap_page(uint64_t pa)
{
	KASSERT((pa & (PAGE_SIZE - 1)) == 0 && pa >= PAGE_SIZE);
	*pmap_pte(pa) = 0;
	invlpg(pa);
}

void
pmap_set_exec_ro(uint64_t pa)
{
	uint64_t idx = pa >> PAGE_SHIFT;

	KASSERT((pa & (PAGE_SIZE - 1)) == 0 && idx > 0 && idx < NPTE);
	boot_pt0[idx] = pa | PG_V;
	invlpg(pa);
}
