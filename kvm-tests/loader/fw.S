/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * loaderfw: the smallest PVH loader firmware, for QEMU `-M microvm -bios`.
 *
 * QEMU maps this 64 KiB image at 0xffff0000 and starts the CPU in real
 * mode at 0xfffffff0.  The kernel and every boot structure are already in
 * RAM (QEMU's generic loader put them there, `-device loader,...`); all
 * that is left is to enter the kernel the way a PVH loader must
 * (Xen's docs/misc/pvh.pandoc, "Initial state"):
 *
 *	32-bit protected mode, paging off: CR0 = PE|ET, CR4 = 0;
 *	CS a flat 32-bit code segment, DS, ES, SS flat data segments;
 *	TR a 32-bit TSS with base 0 and limit 0x67;
 *	EFLAGS.IF, TF and VM clear;
 *	%ebx = physical address of the hvm_start_info.
 *
 * The entry address (from the kernel's XEN_ELFNOTE_PHYS32_ENTRY note) and
 * the start_info address come from a parameter block the layout generator
 * writes into RAM (`-device loader,addr=PARAM_PA,data=...,data-len=8`):
 *
 *	PARAM_PA + 0:	uint32 PVH entry
 *	PARAM_PA + 4:	uint32 start_info address (goes into %ebx unchecked:
 *			the kernel must cope with whatever it is)
 *
 * The IDT is loaded with limit 0, so a fault before the kernel has its own
 * IDT is a triple fault (QEMU -no-reboot then exits) rather than a jump
 * through the real-mode vector table.
 *
 * Every other register is zeroed, so that no value from here leaks into
 * the kernel as if it meant something.
 */

#define PARAM_PA	0x1000		/* kvm-tests/loader/genlayout PARAM_PA */
#define FW_BASE		0xffff0000	/* where QEMU maps a 64 KiB -bios */
#define FW_SIZE		0x10000

#define SEL_CODE32	0x08
#define SEL_DATA32	0x10
#define SEL_TSS32	0x18

#define CR0_PE		0x00000001
#define CR0_ET		0x00000010

#define DEBUGCON_PORT	0xe9
#define DEBUG_EXIT_PORT	0xf4
#define FW_EXIT_CODE	0x7f		/* QEMU exit status 255: not a kernel's */

	.text
	.code16
	.globl	_start
_start:
real_start:
	cli
	cld
	/* The GDT descriptor's base is a 32-bit linear address: lgdtl. */
	lgdtl	%cs:gdt_desc
	lidtl	%cs:idt_desc
	movl	$(CR0_PE | CR0_ET), %eax	/* also clears CD and NW */
	movl	%eax, %cr0
	ljmpl	$SEL_CODE32, $(FW_BASE + prot_start)

	.code32
prot_start:
	movl	$SEL_DATA32, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	%ax, %fs
	movw	%ax, %gs
	movl	$SEL_TSS32, %eax
	ltr	%ax
	xorl	%eax, %eax
	movl	%eax, %cr4

	cmpl	$0, PARAM_PA
	je	no_params

	movl	PARAM_PA + 4, %ebx
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%esp, %esp
	pushl	$0x2		/* EFLAGS: only the reserved bit 1 */
	popfl
	xorl	%esp, %esp
	jmp	*PARAM_PA

/* No parameter block: say so on port 0xe9 and leave with our own code. */
no_params:
	movl	$(FW_BASE + msg_no_params), %esi
	movw	$DEBUGCON_PORT, %dx
1:	lodsb
	testb	%al, %al
	jz	2f
	outb	%al, %dx
	jmp	1b
2:	movw	$DEBUG_EXIT_PORT, %dx
	movl	$FW_EXIT_CODE, %eax
	outl	%eax, %dx
3:	hlt
	jmp	3b

msg_no_params:
	.asciz	"loaderfw: no parameter block at 0x1000 (entry is 0)\n"

	.balign	8
gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* SEL_CODE32: base 0, 4 GiB, 32-bit */
	.quad	0x00cf93000000ffff	/* SEL_DATA32: base 0, 4 GiB, writable */
	.quad	0x0000890000000067	/* SEL_TSS32: base 0, limit 0x67 */
gdt_end:

gdt_desc:
	.word	gdt_end - gdt - 1
	.long	FW_BASE + gdt
idt_desc:
	.word	0
	.long	0

/*
 * Test data, not firmware: a start_info header (magic, version 1) in the
 * last 40 bytes below 4 GiB, for genlayout's case si-v1-across-4g.  A
 * version 0 start_info there (40 bytes) is readable; version 1's 56 bytes
 * would run past 4 GiB, and the kernel must refuse that, not read on.
 */
	.org	FW_SIZE - 40
fake_start_info:
	.long	0x336ec578		/* XEN_HVM_START_MAGIC_VALUE */
	.long	1			/* version */

/* The reset vector: 16 bytes from the end of the image, in real mode. */
	.code16
	.org	FW_SIZE - 16
reset_vector:
	/*
	 * jmp real_start, spelled out: the 16-bit displacement wraps
	 * around the 64 KiB segment, which clang's assembler will not
	 * encode by itself.
	 */
	.byte	0xe9
	.word	(real_start - (reset_vector + 3)) & 0xffff
	.org	FW_SIZE
