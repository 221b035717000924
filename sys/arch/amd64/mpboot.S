/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Application processor start-up.  A SIPI starts an AP in real mode at
 * vector * 4 KiB (Intel SDM vol. 3A, 9.4.4), so mp_tramp..mp_tramp_end
 * is copied to a free page below 1 MiB (smp.c) and never runs where it
 * is linked.  It is position-independent in real mode (CS = page >> 4);
 * smp.c patches the one absolute address it needs, the 32-bit entry
 * (mp_tramp_jmp32).  From protected mode on it uses the kernel's own
 * GDT, page tables and code: the same steps as locore.S, then the
 * 64-bit mp_entry64 with the stack smp.c left in mp_boot_rsp.
 */

#include <machine/segments.h>
#include <machine/specialreg.h>

#define TRAMP(sym)	((sym) - mp_tramp)

	.section .rodata
	.balign	16
	.code16
	.globl	mp_tramp, mp_tramp_end, mp_tramp_jmp32, mp_tramp32
mp_tramp:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	TRAMP(mp_tramp_gdt)
	movl	$(CR0_PE | CR0_ET | CR0_NE), %eax
	movl	%eax, %cr0
	ljmpl	*TRAMP(mp_tramp_jmp32)

	.code32
mp_tramp32:
	movl	$GSEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	$(EFER_LME | EFER_NXE), %eax
	xorl	%edx, %edx
	wrmsr
	movl	$(CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG), %eax
	movl	%eax, %cr0
	ljmp	$GSEL_CODE64, $mp_entry64

	.balign	8
mp_tramp_gdt:				/* lgdtl: limit, 32-bit base */
	.word	GDT_SIZE - 1
	.long	gdt
mp_tramp_jmp32:				/* ljmpl *: offset, selector */
	.long	0			/* patched: page + TRAMP(mp_tramp32) */
	.word	GSEL_CODE32
mp_tramp_end:

	.text
	.code64
/*
 * Xen's VCPUOP_initialise starts a vCPU straight in long mode on our page
 * tables and stack (xen_smp.c), with flat segment caches but no GDT:
 * load ours and reload CS from it before anything else.
 */
	.globl	xen_ap_entry64
xen_ap_entry64:
	lgdt	gdt_desc(%rip)
	pushq	$GSEL_CODE64
	leaq	mp_entry64(%rip), %rax
	pushq	%rax
	lretq

mp_entry64:
	movl	$GSEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	/* 0: the BSP gave up on this AP and took its stack back. */
	movq	mp_boot_rsp(%rip), %rsp
	testq	%rsp, %rsp
	jz	2f
	xorl	%ebp, %ebp
	call	mp_ap_main
2:	cli
	hlt
	jmp	2b
