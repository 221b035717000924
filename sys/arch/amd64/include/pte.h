/*
 * x86-64 page table entry bits.  Shared with locore.S.
 */
#ifndef _MACHINE_PTE_H_
#define _MACHINE_PTE_H_

#define PG_V		0x001	/* present */
#define PG_RW		0x002	/* writable */
#define PG_U		0x004	/* user */
#define PG_PWT		0x008
#define PG_PCD		0x010	/* cache disable: MMIO */
#define PG_A		0x020
#define PG_M		0x040
#define PG_PS		0x080	/* 2 MiB page in a page directory */
#define PG_G		0x100
#define PG_NX_HI	0x80000000	/* bit 63, as the high dword (32-bit code) */
#ifndef __ASSEMBLER__
#define PG_NX		(1ULL << 63)
#define PG_FRAME	0x000ffffffffff000ULL
#define PG_2MFRAME	0x000fffffffe00000ULL
#endif

#define PAGE_SHIFT	12
#define PAGE_SIZE	4096
#define NBPD		(1 << 21)	/* bytes per page-directory entry */
#define NPTE		512

/* The boot page tables map this much, 1:1; everything above is unmapped. */
#define DIRECT_MAP_GIB	4
#ifndef __ASSEMBLER__
#define DIRECT_MAP_END	((uint64_t)DIRECT_MAP_GIB << 30)
#endif

#endif /* !_MACHINE_PTE_H_ */
