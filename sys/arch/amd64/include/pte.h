/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86-64 page table entry bits.  Shared with locore.S.
 */
#ifndef _MACHINE_PTE_H_
#define _MACHINE_PTE_H_

#define PG_V		0x001	/* present */
#define PG_RW		0x002	/* writable */
#define PG_PS		0x080	/* 2 MiB page in a page directory */
#define PG_NX_HI	0x80000000	/* bit 63, as the high dword (32-bit code) */

#define PAGE_SHIFT	12
#define PAGE_SIZE	4096
#define NPTE		512
#define PD_SHIFT	21	/* a page directory entry maps 2 MiB */

/* The boot page tables map this much, 1:1; everything above is unmapped. */
#define DIRECT_MAP_GIB	4
#ifndef __ASSEMBLER__
#define DIRECT_MAP_END	((uint64_t)DIRECT_MAP_GIB << 30)
#define PG_NX		((uint64_t)PG_NX_HI << 32)
#define PG_FRAME	0x000ffffffffff000ULL	/* the address in an entry */
#endif

#endif /* !_MACHINE_PTE_H_ */
