/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot GDT.  locore.S builds it; trap.c installs the TSS.  Shared with
 * assembly, so only #defines.
 */
#ifndef _MACHINE_SEGMENTS_H_
#define _MACHINE_SEGMENTS_H_

#define GSEL_CODE32	0x08	/* flat 32-bit code, used only on the way in */
#define GSEL_CODE64	0x10	/* 64-bit kernel code */
#define GSEL_DATA	0x18	/* flat data for every data segment register */
#define GSEL_TSS	0x20	/* 64-bit TSS, 16 bytes: two GDT slots */
#define GDT_SIZE	0x30	/* bytes: the null descriptor to the TSS */

/* IST slot for the double-fault handler (a fresh stack after overflow). */
#define IST_DOUBLE_FAULT 1

#endif /* !_MACHINE_SEGMENTS_H_ */
