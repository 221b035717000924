/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry stubs for all 256 IDT vectors.  Each pushes a zero where the CPU
 * pushes no error code, then its vector number, and joins alltraps, which
 * saves the registers as struct trapframe (machine/frame.h) and calls
 * trap().  Stub v starts at idt_stub_base + v * IDT_STUB_SIZE, which
 * trap.c loads into the IDT.
 */

#include <machine/frame.h>

	.text
	.code64

/* Exceptions for which the CPU pushes an error code. */
#define HAS_ERR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
	(v) == 21 || (v) == 29 || (v) == 30)

	.balign	16
	.globl	idt_stub_base
idt_stub_base:
	vec = 0
	.rept	256
	.balign	IDT_STUB_SIZE
	.if	!HAS_ERR(vec)
	pushq	$0
	.endif
	pushq	$vec
	jmp	alltraps
	vec = vec + 1
	.endr

alltraps:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi
	/* The ABI wants a 16-byte aligned stack at the call. */
	movq	%rsp, %rbx
	andq	$-16, %rsp
	call	trap
	movq	%rbx, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector and error code */
	iretq
