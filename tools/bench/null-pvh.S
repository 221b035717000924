/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The null PVH kernel: the benchmark's floor.  It has the same PVH note
 * as genpvh and leaves at its first instruction through isa-debug-exit
 * with genpvh's success code, so QEMU exits 33 for both.  Whatever time
 * a run of it takes is QEMU, firmware and loader, not a kernel.
 */
#include <xen/elfnote.h>
#include <sys/exitcode.h>

	.section .note.Xen, "a", @note
	.balign	4
	.long	4
	.long	8
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.balign	4
	.quad	null_start
	.balign	4

	.text
	.code32
	.globl	null_start
null_start:
	movw	$DEBUG_EXIT_PORT, %dx
	movl	$EXIT_CODE_SUCCESS, %eax
	outl	%eax, %dx
1:	cli
	hlt
	jmp	1b
