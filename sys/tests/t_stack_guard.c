/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Every kernel stack lies above an unmapped guard page, and an overflow
 * of the boot stack ends in a double fault handled on the IST stack with
 * the fault address in the guard page.  Without the guard, the boot
 * stack ran into the page table below it and rewrote live PTEs with
 * return addresses, and nothing faulted.
 *
 * Both guards are probed first with a read (an expected #PF): if a
 * guard were mapped, the overflow would scribble over what lies below
 * it, so the test fails before overflowing.
 */
#include <sys/test.h>

#include <machine/pte.h>
#include <machine/stack.h>
#include <machine/trap.h>

void	stack_guard_overflow(void);
uint64_t stack_guard_saved_rsp;

/*
 * Calls itself until a return address lands in the guard page.  The
 * #PF this raises cannot be pushed on the same stack, so the CPU raises
 * #DF, which runs on its IST stack; the exception table resumes at
 * stack_guard_resume, which puts back the stack pointer saved on the
 * way in.  Every other register is restored by the trap return.  (The
 * saved RIP of a #DF is architecturally undefined; every CPU and
 * hypervisor here saves the faulting instruction's, and if one did not
 * the fault would be a panic, not a pass.)
 */
__asm__(".pushsection .text\n"
    ".globl stack_guard_overflow\n"
    "stack_guard_overflow:\n"
    "	movq %rsp, stack_guard_saved_rsp(%rip)\n"
    "stack_guard_recurse:\n"
    "	call stack_guard_recurse\n"
    "stack_guard_resume:\n"
    "	movq stack_guard_saved_rsp(%rip), %rsp\n"
    "	ret\n"
    EXTABLE_ENTRY("stack_guard_recurse", "stack_guard_resume")
    ".popsection\n");

static bool
in_range(uint64_t a, const char *lo, const char *hi)
{
	return a >= (uint64_t)lo && a < (uint64_t)hi;
}

/* A read of the guard page must fault as not present. */
static enum test_status
probe_guard(struct test_ctx *ctx, const char *what, const char *guard)
{
	uint64_t v = 0;
	unsigned before = trap_last.count;

	__asm__ volatile("1: movq (%1), %0\n"
	    "2:\n" EXTABLE_ENTRY("1b", "2b")
	    : "+r"(v) : "r"(guard) : "memory");
	if (trap_last.count != before + 1)
		return test_fail(ctx, "%s guard %p is mapped", what,
		    (const void *)guard);
	if (trap_last.vector != T_PAGEFLT ||
	    trap_last.cr2 != (uint64_t)guard || (trap_last.err & PGEX_P))
		return test_fail(ctx, "%s guard %p: vector %u err %#llx cr2 "
		    "%#llx, want a not-present #PF", what,
		    (const void *)guard, trap_last.vector,
		    (unsigned long long)trap_last.err,
		    (unsigned long long)trap_last.cr2);
	return TEST_PASS;
}

static enum test_status
t_stack_guard(struct test_ctx *ctx)
{
	const char *guard_end = boot_stack_guard + STACK_GUARD_SIZE;
	enum test_status st;
	unsigned before;
	uint64_t rsp;

	__asm__ volatile("movq %%rsp, %0" : "=r"(rsp));
	if (!in_range(rsp, boot_stack, boot_stack_top))
		return test_error(ctx, "rsp %#llx is not on the boot stack",
		    (unsigned long long)rsp);
	if ((st = probe_guard(ctx, "boot stack", boot_stack_guard)) !=
	    TEST_PASS ||
	    (st = probe_guard(ctx, "double-fault stack", df_stack_guard)) !=
	    TEST_PASS)
		return st;

	before = trap_last.count;
	stack_guard_overflow();
	if (trap_last.count != before + 1 || trap_last.vector != T_DOUBLEFLT)
		return test_fail(ctx, "overflow: %u exceptions, last %s; want "
		    "one #DF", trap_last.count - before,
		    trap_name(trap_last.vector));
	if (!in_range(trap_last.cr2, boot_stack_guard, guard_end))
		return test_fail(ctx, "#DF cr2 %#llx not in the guard page %p",
		    (unsigned long long)trap_last.cr2,
		    (const void *)boot_stack_guard);
	if (!in_range(trap_last.frame, df_stack, df_stack_top))
		return test_fail(ctx, "#DF frame %#llx not on the IST stack "
		    "%p-%p",
		    (unsigned long long)trap_last.frame, (const void *)df_stack,
		    (const void *)df_stack_top);
	if (!in_range(trap_last.rsp, boot_stack_guard, boot_stack + 8))
		return test_fail(ctx, "#DF rsp %#llx, want the boot stack's "
		    "bottom %p",
		    (unsigned long long)trap_last.rsp, (const void *)boot_stack);
	test_diag("stack_guard: overflow: #DF, cr2 %#llx in the guard page "
	    "%p, frame %#llx on the IST stack",
	    (unsigned long long)trap_last.cr2, (const void *)boot_stack_guard,
	    (unsigned long long)trap_last.frame);
	return TEST_PASS;
}
KTEST_DEFINE("stack_guard", t_stack_guard, 0);
