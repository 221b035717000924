/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PVH entry.
 *
 * The loader (QEMU's pvh.bin or qboot, Xen's domain builder, Firecracker,
 * Cloud Hypervisor) enters at pvh_start, found through the
 * XEN_ELFNOTE_PHYS32_ENTRY note below, in this state (Xen's
 * docs/misc/pvh.pandoc):
 *	32-bit protected mode, paging off, flat 4 GiB CS and DS,
 *	%ebx = physical address of struct hvm_start_info,
 *	interrupts off; no stack, no usable GDT or IDT; SS unspecified.
 * We take the TSC, record the state we were given (machine/entry.h: for
 * the conformance report, before anything here changes it), load our own GDT and stack, zero .bss, build static
 * page tables (identity map of the low 4 GiB, kernel text read-only,
 * everything else non-executable, the guard page below each stack
 * unmapped), switch to long mode and call
 * init_amd64().  Nothing here reads the start_info: it is untrusted and
 * is checked in C.
 */

#include <xen/elfnote.h>
#include <machine/entry.h>
#include <machine/pte.h>
#include <machine/segments.h>
#include <machine/specialreg.h>
#include <machine/stack.h>
#include <sys/exitcode.h>

/*
 * The PVH note: name "Xen\0", type 18, an 8-byte descriptor holding the
 * 32-bit entry address.  Its own section, placed in a PT_NOTE segment by
 * the linker script.
 */
	.section .note.Xen, "a", @note
	.balign	4
	.long	4			/* namesz: "Xen\0" */
	.long	8			/* descsz */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.balign	4
	.quad	pvh_start
	.balign	4

	.section .text.entry, "ax", @progbits
	.code32
	.globl	pvh_start
pvh_start:
	/*
	 * The boot clock starts here, before any exit; only the two
	 * registers rdtsc overwrites are kept first.
	 */
	movl	%eax, locore_entry_state + ENTRY_EAX
	movl	%edx, locore_entry_state + ENTRY_EDX
	rdtsc
	movl	%eax, locore_entry_tsc
	movl	%edx, locore_entry_tsc + 4
	/* EFLAGS as given (IF, TF, DF), before cli and cld change it. */
	movl	%esp, locore_entry_state + ENTRY_ESP
	movl	$locore_entry_stack + ENTRY_STACK_SIZE, %esp
	pushfl
	popl	locore_entry_state + ENTRY_EFLAGS
	cli
	cld
	movl	%ebx, locore_start_info_pa
	movl	%ebx, locore_entry_state + ENTRY_EBX
	movl	%ecx, locore_entry_state + ENTRY_ECX
	movl	%esi, locore_entry_state + ENTRY_ESI
	movl	%edi, locore_entry_state + ENTRY_EDI
	movl	%ebp, locore_entry_state + ENTRY_EBP
	/*
	 * Control registers, selectors and descriptor tables.  Reading a
	 * control register may be an exit under a hypervisor: three more
	 * per boot, the price of a report of what the loader really set.
	 */
	movl	%cr0, %eax
	movl	%eax, locore_entry_state + ENTRY_CR0
	movl	%cr3, %eax
	movl	%eax, locore_entry_state + ENTRY_CR3
	movl	%cr4, %eax
	movl	%eax, locore_entry_state + ENTRY_CR4
	movw	%cs, locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_CS
	movw	%ds, locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_DS
	movw	%es, locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_ES
	movw	%ss, locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_SS
	movw	%fs, locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_FS
	movw	%gs, locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_GS
	str	locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_TR
	sldt	locore_entry_state + ENTRY_SEL + 2 * ENTRY_SEG_LDTR
	sgdt	locore_entry_state + ENTRY_GDTR
	sidt	locore_entry_state + ENTRY_IDTR
	/*
	 * For CS, DS, ES, SS: the raw descriptor when the selector is a GDT
	 * one inside its limit; t_conformance.c decodes access rights and
	 * limit from it.  Not lar/lsl: PVM's KVM cannot emulate them in
	 * 32-bit protected mode ("KVM internal error", emulation failure at
	 * the lar), and a boot must not die for a report.
	 */
	.irp	i, 0, 1, 2, 3
	movzwl	locore_entry_state + ENTRY_SEL + 2 * \i, %ecx
	testl	$4, %ecx		/* TI: an LDT selector */
	jnz	1f
	andl	$~7, %ecx
	jz	1f			/* the null selector */
	leal	7(%ecx), %eax
	movzwl	locore_entry_state + ENTRY_GDTR, %edx
	cmpl	%edx, %eax
	ja	1f
	addl	locore_entry_state + ENTRY_GDTR + 2, %ecx
	movl	(%ecx), %eax
	movl	%eax, locore_entry_state + ENTRY_DESC + 8 * \i
	movl	4(%ecx), %eax
	movl	%eax, locore_entry_state + ENTRY_DESC + 8 * \i + 4
1:
	.endr

	lgdt	gdt_desc32
	movl	$GSEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	ljmp	$GSEL_CODE32, $1f
1:
	/* .bss may hold anything (only QEMU's ELF loader promises zeros). */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	movl	$boot_stack_top, %esp

	/*
	 * Long mode and NX are required.  Every x86-64 CPU has leaf
	 * 0x80000001, so no max-leaf check: that would be one more cpuid
	 * exit on every boot.
	 */
	movl	$0x80000001, %eax
	cpuid
	testl	$CPUID_EXT_LM, %edx
	jz	no_long_mode
	testl	$CPUID_EXT_NX, %edx
	jz	no_nx
	movl	%edx, %esi		/* for CPUID_EXT_PAGE1GB below */
	/* EFER exists on every long-mode CPU; nothing here wrote it yet. */
	movl	$MSR_EFER, %ecx
	rdmsr
	movl	%eax, locore_entry_state + ENTRY_EFER
	movl	%edx, locore_entry_state + ENTRY_EFER + 4

	/*
	 * PML4[0] -> PDPT; PDPT[0] -> the page directory of the first GiB.
	 * The other three GiB: 1 GiB pages where the CPU has them, else
	 * three more page directories.  Every page-table page written is
	 * a page the hypervisor must fault in on first touch (an exit):
	 * 1 GiB pages save three of them.
	 */
	movl	$boot_pdpt + (PG_V | PG_RW), boot_pml4
	movl	$boot_pd + (PG_V | PG_RW), boot_pdpt
	movl	$1, %ecx
	testl	$CPUID_EXT_PAGE1GB, %esi
	jz	2f
1:	movl	%ecx, %eax
	shll	$30, %eax
	orl	$(PG_V | PG_RW | PG_PS), %eax
	movl	%eax, boot_pdpt(, %ecx, 8)
	movl	$PG_NX_HI, boot_pdpt + 4(, %ecx, 8)
	incl	%ecx
	cmpl	$DIRECT_MAP_GIB, %ecx
	jb	1b
	movl	$NPTE, %edi		/* 2 MiB entries: the first GiB only */
	jmp	3f
2:	movl	%ecx, %eax
	shll	$PAGE_SHIFT, %eax
	addl	$boot_pd + (PG_V | PG_RW), %eax
	movl	%eax, boot_pdpt(, %ecx, 8)
	incl	%ecx
	cmpl	$DIRECT_MAP_GIB, %ecx
	jb	2b
	movl	$(DIRECT_MAP_GIB * NPTE), %edi

	/* 2 MiB pages from 2 MiB up: data and MMIO, never executable. */
3:	movl	$1, %ecx
4:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PG_V | PG_RW | PG_PS), %eax
	movl	%eax, boot_pd(, %ecx, 8)
	movl	$PG_NX_HI, boot_pd + 4(, %ecx, 8)
	incl	%ecx
	cmpl	%edi, %ecx
	jb	4b

	/*
	 * 4 KiB pages for the first 2 MiB, which hold the kernel:
	 * text read-only and executable, rodata read-only, the rest
	 * read-write and non-executable.  Page 0 is read-only, so that a
	 * write through NULL faults; it cannot be unmapped, because QEMU's
	 * pvh.bin puts the memory map there (at 0x5a8 on pc and q35).
	 */
	movl	$boot_pt0 + (PG_V | PG_RW), boot_pd
	movl	$0, boot_pd + 4		/* boot_pd is not zeroed */
	movl	$(PG_V), boot_pt0
	movl	$PG_NX_HI, boot_pt0 + 4
	movl	$1, %ecx
5:	movl	%ecx, %eax
	shll	$PAGE_SHIFT, %eax
	movl	$PG_NX_HI, %edx
	cmpl	$_text, %eax
	jb	6f			/* below the kernel: RW, NX */
	cmpl	$_etext, %eax
	jb	7f			/* text: RO, X */
	cmpl	$_erodata, %eax
	jb	8f			/* rodata: RO, NX */
6:	orl	$(PG_V | PG_RW), %eax
	jmp	9f
7:	xorl	%edx, %edx
8:	orl	$PG_V, %eax
9:	movl	%eax, boot_pt0(, %ecx, 8)
	movl	%edx, boot_pt0 + 4(, %ecx, 8)
	incl	%ecx
	cmpl	$NPTE, %ecx
	jb	5b

	/*
	 * The guard page below each stack is not present (machine/stack.h).
	 * Cleared after the loop, not tested in it: two stores per guard
	 * instead of two compares per page.  Both halves, as boot_pt0 is
	 * not zeroed.
	 */
	.irp	guard, boot_stack_guard, df_stack_guard
	movl	$\guard, %eax
	shrl	$PAGE_SHIFT, %eax
	movl	$0, boot_pt0(, %eax, 8)
	movl	$0, boot_pt0 + 4(, %eax, 8)
	.endr

	/*
	 * Control registers and EFER are written whole, never read first:
	 * under a hypervisor a read of CR0, CR4 or EFER can be one more
	 * exit.  Nothing the loader may have set in them is needed.
	 */
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
	ljmp	$GSEL_CODE64, $start64

/*
 * Fatal before C: say why on port 0xe9 (QEMU -debugcon, Xen's log) and
 * leave through isa-debug-exit with the panic code; halt if neither is
 * there.  Only reached on a CPU without long mode or NX.
 */
no_long_mode:
	movl	$msg_no_lm, %esi
	jmp	early_fail
no_nx:
	movl	$msg_no_nx, %esi
early_fail:
	movw	$0xe9, %dx
1:	lodsb
	testb	%al, %al
	jz	2f
	outb	%al, %dx
	jmp	1b
2:	movw	$DEBUG_EXIT_PORT, %dx
	movl	$EXIT_CODE_PANIC, %eax
	outl	%eax, %dx
3:	hlt
	jmp	3b

	.code64
start64:
	movl	$GSEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp
	call	init_amd64
	/* init_amd64 does not return; be safe if it ever does. */
9:	cli
	hlt
	jmp	9b

	.section .rodata
msg_no_lm:
	.asciz	"genpvh: panic: CPU has no long mode\n"
msg_no_nx:
	.asciz	"genpvh: panic: CPU has no NX (no-execute) support\n"

/*
 * Written before .bss is cleared, so they live in .data.  The GDT is
 * here too, not in .rodata: the CPU sets the accessed bit in a
 * descriptor when it loads it.
 */
	.data
	.balign	8
	.globl	locore_entry_tsc, locore_start_info_pa, gdt
	.globl	locore_entry_state
locore_entry_tsc:
	.quad	0
locore_start_info_pa:
	.long	0
	.balign	8
locore_entry_state:
	.skip	ENTRY_SIZE
	.balign	8
locore_entry_stack:
	.skip	ENTRY_STACK_SIZE
	.balign	16
gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* GSEL_CODE32: flat, 32-bit */
	.quad	0x00af9b000000ffff	/* GSEL_CODE64: L=1 */
	.quad	0x00cf93000000ffff	/* GSEL_DATA: flat, writable */
	.quad	0, 0			/* GSEL_TSS: filled in by trap.c */
gdt_end:
	.balign	8
	.globl	gdt_desc
gdt_desc32:
gdt_desc:
	.word	gdt_end - gdt - 1
	.quad	gdt

/* Zeroed: only their first entries are written. */
	.bss
	.balign	PAGE_SIZE
	.globl	boot_pml4, boot_pdpt
boot_pml4:
	.skip	PAGE_SIZE
boot_pdpt:
	.skip	PAGE_SIZE

/* Not zeroed (see __noinit): written whole before use. */
	.section .bss.noinit, "aw", @nobits
	.balign	PAGE_SIZE
	.globl	boot_pd, boot_pt0
boot_pd:
	.skip	PAGE_SIZE * DIRECT_MAP_GIB
boot_pt0:
	.skip	PAGE_SIZE

/*
 * The stacks, not zeroed either, each above its unmapped guard page.
 * Their own section, which the linker script places after every other
 * one: nothing but a guard page lies below a stack.  Nothing here is
 * touched at boot except the top of the boot stack, so the guards and
 * the double-fault stack cost no page faults (VM exits).
 */
	.section .kstack, "aw", @nobits
	.balign	PAGE_SIZE
	.globl	boot_stack_guard, boot_stack, boot_stack_top
	.globl	df_stack_guard, df_stack, df_stack_top
boot_stack_guard:
	.skip	STACK_GUARD_SIZE
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:
df_stack_guard:
	.skip	STACK_GUARD_SIZE
df_stack:
	.skip	DF_STACK_SIZE
df_stack_top:
