/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frame vector.S builds on every exception and interrupt, lowest
 * address first.  Keep in step with the push order in vector.S.
 */
#ifndef _MACHINE_FRAME_H_
#define _MACHINE_FRAME_H_

/* vector.S: one 16-byte entry stub per IDT vector (the longest is 12). */
#define IDT_STUB_SIZE	16

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trapframe {
	uint64_t tf_r15, tf_r14, tf_r13, tf_r12, tf_r11, tf_r10, tf_r9, tf_r8;
	uint64_t tf_rbp, tf_rdi, tf_rsi, tf_rdx, tf_rcx, tf_rbx, tf_rax;
	uint64_t tf_vector;
	uint64_t tf_err;	/* the CPU's error code, or 0 */
	/* pushed by the CPU */
	uint64_t tf_rip, tf_cs, tf_rflags, tf_rsp, tf_ss;
};

#endif /* !__ASSEMBLER__ */

#endif /* !_MACHINE_FRAME_H_ */
