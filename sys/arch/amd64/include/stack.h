/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel stacks.  Each lies directly above a guard page that locore.S
 * leaves unmapped, so that running off the bottom of a stack faults at
 * once instead of rewriting whatever the linker put below it (the page
 * tables, once).  An overflow of the boot stack is a #PF that the CPU
 * cannot push on the same stack: a double fault, which runs on its own
 * IST stack (segments.h), guarded the same way.  Shared with locore.S.
 */
#ifndef _MACHINE_STACK_H_
#define _MACHINE_STACK_H_

#define BOOT_STACK_SIZE	16384	/* kernel_main, the tests, interrupts */
#define DF_STACK_SIZE	8192	/* the double-fault report and panic */
#define STACK_GUARD_SIZE 4096	/* one unmapped 4 KiB page */

#ifndef __ASSEMBLER__
/* locore.S: [guard, guard + STACK_GUARD_SIZE) unmapped, then the stack. */
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];
extern char df_stack_guard[], df_stack[], df_stack_top[];
#endif

#endif /* !_MACHINE_STACK_H_ */
