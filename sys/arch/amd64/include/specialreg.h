/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Architectural register bits and MSR numbers (Intel SDM vol. 3, AMD APM
 * vol. 2).  Used by locore.S as well as C, so only #defines here.
 */
#ifndef _MACHINE_SPECIALREG_H_
#define _MACHINE_SPECIALREG_H_

#define CR0_PE		0x00000001	/* protected mode */
#define CR0_MP		0x00000002	/* monitor coprocessor */
#define CR0_ET		0x00000010	/* extension type (always 1) */
#define CR0_NE		0x00000020	/* native x87 errors */
#define CR0_WP		0x00010000	/* supervisor writes honour R/O PTEs */
#define CR0_PG		0x80000000	/* paging */

#define CR4_PAE		0x00000020
#define CR4_PGE		0x00000080

#define MSR_EFER	0xc0000080
#define EFER_SCE	0x00000001
#define EFER_LME	0x00000100
#define EFER_LMA	0x00000400	/* long mode active */
#define EFER_NXE	0x00000800

/* CPUID 0x80000001 EDX */
#define CPUID_EXT_NX	0x00100000
#define CPUID_EXT_PAGE1GB 0x04000000
#define CPUID_EXT_LM	0x20000000

/* CPUID 1 ECX */
#define CPUID2_HV	0x80000000	/* "a hypervisor is present" */

/* CPUID 0x80000007 EDX */
#define CPUID_APM_INVTSC 0x00000100

#define RFLAGS_IF	0x00000200

#endif /* !_MACHINE_SPECIALREG_H_ */
