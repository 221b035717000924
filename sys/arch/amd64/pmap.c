/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot page tables are built by locore.S: the low 4 GiB mapped 1:1,
 * page 0 read-only, the kernel image in 4 KiB pages with text read-only.
 * This file is the C interface to that map.
 */
#include <sys/pmap.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>
#include <machine/pte.h>

extern uint64_t boot_pt0[NPTE];

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
 * Only pages of the first 2 MiB have their own PTE (the rest are 2 MiB
 * pages), which is where the kernel keeps the pages it needs this for.
 */
/* An AP stack's guard page (smp.c): not present from now on. */
void
pmap_unmap_page(uint64_t pa)
{
	uint64_t idx = pa >> PAGE_SHIFT;

	KASSERT((pa & (PAGE_SIZE - 1)) == 0 && idx > 0 && idx < NPTE);
	boot_pt0[idx] = 0;
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
