/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The machine state the loader handed over at the PVH entry, captured by
 * locore.S before the kernel changes any of it, for the conformance
 * report (sys/tests/t_conformance.c).  Shared with assembly: offsets as
 * #defines, checked against the C layout with _Static_assert.
 *
 * What the PVH ABI (Xen's docs/misc/pvh.pandoc) defines at entry: ebx =
 * the physical address of struct hvm_start_info; CR0: PE set, every other
 * writeable bit clear; CR4: 0; CS a 32-bit read/execute segment, DS, ES
 * and SS 32-bit read/write ones, all with base 0 and limit 0xffffffff;
 * TR a 32-bit TSS with base 0 and limit 0x67; EFLAGS: VM, IF and TF
 * clear.  The rest (other registers, the selectors' values, the GDT, the
 * stack) is unspecified.
 *
 * Segment bases and limits live in hidden descriptor caches no
 * instruction reads; what we record is what the descriptor table says
 * for each selector (the 8 raw descriptor bytes when the selector lies
 * inside the GDT), which is what the loader set them from.
 */
#ifndef _MACHINE_ENTRY_H_
#define _MACHINE_ENTRY_H_

#define ENTRY_EAX	0
#define ENTRY_EBX	4
#define ENTRY_ECX	8
#define ENTRY_EDX	12
#define ENTRY_ESI	16
#define ENTRY_EDI	20
#define ENTRY_EBP	24
#define ENTRY_ESP	28
#define ENTRY_EFLAGS	32
#define ENTRY_CR0	36
#define ENTRY_CR3	40
#define ENTRY_CR4	44
#define ENTRY_EFER	48		/* 8 bytes */
#define ENTRY_SEL	56		/* 8 x 2 bytes: ENTRY_SEG_* order */
#define ENTRY_GDTR	72		/* limit (2), base (4) */
#define ENTRY_IDTR	78		/* limit (2), base (4) */
#define ENTRY_DESC	84		/* 4 x 8 bytes: CS DS ES SS; 0 if not in the GDT */
#define ENTRY_SIZE	116

/* Segment registers, in ENTRY_SEL order; the first four also in DESC. */
#define ENTRY_SEG_CS	0
#define ENTRY_SEG_DS	1
#define ENTRY_SEG_ES	2
#define ENTRY_SEG_SS	3
#define ENTRY_SEG_FS	4
#define ENTRY_SEG_GS	5
#define ENTRY_SEG_TR	6
#define ENTRY_SEG_LDTR	7
#define ENTRY_NSEG	8
#define ENTRY_NDESC	4

/* A small stack of its own, only for pushfl/popl of EFLAGS at entry. */
#define ENTRY_STACK_SIZE 16

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct entry_state {
	uint32_t	eax, ebx, ecx, edx, esi, edi, ebp, esp;
	uint32_t	eflags, cr0, cr3, cr4;
	uint64_t	efer;
	uint16_t	sel[ENTRY_NSEG];
	uint16_t	gdtr_limit;
	uint32_t	gdtr_base;
	uint16_t	idtr_limit;
	uint32_t	idtr_base;
	uint32_t	desc[ENTRY_NDESC][2];
} __attribute__((__packed__));

_Static_assert(offsetof(struct entry_state, efer) == ENTRY_EFER, "EFER");
_Static_assert(offsetof(struct entry_state, sel) == ENTRY_SEL, "SEL");
_Static_assert(offsetof(struct entry_state, gdtr_limit) == ENTRY_GDTR, "GDTR");
_Static_assert(offsetof(struct entry_state, idtr_limit) == ENTRY_IDTR, "IDTR");
_Static_assert(offsetof(struct entry_state, desc) == ENTRY_DESC, "DESC");
_Static_assert(sizeof(struct entry_state) == ENTRY_SIZE, "size");

extern struct entry_state locore_entry_state;
#endif

#endif /* !_MACHINE_ENTRY_H_ */
