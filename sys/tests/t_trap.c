/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exceptions are caught and reported with the right vector, error code,
 * RIP and CR2; the page protections locore.S set up are in force.
 *
 * Each test marks its faulting instruction in the exception table
 * (EXTABLE_ENTRY) so the handler records the fault and resumes; without
 * the entry the same fault is a panic, which is what the table is for.
 */
#include <sys/test.h>

#include <machine/trap.h>

/* Checks the fault that just happened against what was expected. */
static enum test_status
expect(struct test_ctx *ctx, unsigned before, unsigned vector,
    uint64_t rip, bool check_rip)
{
	if (trap_last.count != before + 1)
		return test_fail(ctx, "no exception (expected %s)",
		    trap_name(vector));
	if (trap_last.vector != vector)
		return test_fail(ctx, "vector %u (%s), expected %u (%s)",
		    trap_last.vector, trap_name(trap_last.vector), vector,
		    trap_name(vector));
	if (check_rip && trap_last.rip != rip)
		return test_fail(ctx, "%s at rip %#llx, expected %#llx",
		    trap_name(vector), (unsigned long long)trap_last.rip,
		    (unsigned long long)rip);
	return TEST_PASS;
}

static enum test_status
t_exceptions(struct test_ctx *ctx)
{
	enum test_status st;
	uint64_t at, v = 0;
	unsigned before;

	/* #UD */
	before = trap_last.count;
	__asm__ volatile("lea 1f(%%rip), %0\n"
	    "1: ud2\n"
	    "2:\n" EXTABLE_ENTRY("1b", "2b") : "=r"(at));
	if ((st = expect(ctx, before, T_PRIVINFLT, at, true)) != TEST_PASS)
		return st;

	/* #DE: divide by zero */
	before = trap_last.count;
	__asm__ volatile("lea 1f(%%rip), %0\n"
	    "xor %%ecx, %%ecx\n"
	    "xor %%edx, %%edx\n"
	    "mov $1, %%eax\n"
	    "1: divl %%ecx\n"
	    "2:\n" EXTABLE_ENTRY("1b", "2b")
	    : "=&r"(at) : : "rax", "rcx", "rdx");
	if ((st = expect(ctx, before, T_DIVIDE, at, true)) != TEST_PASS)
		return st;

	/* #GP: a non-canonical address */
	before = trap_last.count;
	__asm__ volatile("lea 1f(%%rip), %0\n"
	    "1: movq (%2), %1\n"
	    "2:\n" EXTABLE_ENTRY("1b", "2b")
	    : "=&r"(at), "+r"(v) : "r"(0x8000000000000000ULL) : "memory");
	if ((st = expect(ctx, before, T_PROTFLT, at, true)) != TEST_PASS)
		return st;
	return TEST_PASS;
}
KTEST_DEFINE("exceptions", t_exceptions, 0);

/*
 * #BP is a trap: the saved RIP is the instruction after int3.  Its own
 * test because some hypervisors get it wrong: KVM on PVM (kvm_pvm) stops
 * the guest with "KVM internal error. Suberror: 1 / emulation failure".
 */
static enum test_status
t_breakpoint(struct test_ctx *ctx)
{
	unsigned before = trap_last.count;
	uint64_t at;

	__asm__ volatile("lea 2f(%%rip), %0\n"
	    "int3\n"
	    "2:\n" EXTABLE_ENTRY("2b", "2b") : "=r"(at));
	return expect(ctx, before, T_BPT, at, true);
}
KTEST_DEFINE("breakpoint", t_breakpoint, 0);

static enum test_status
read_fault(struct test_ctx *ctx, uint64_t addr)
{
	enum test_status st;
	uint64_t at, v = 0;
	unsigned before = trap_last.count;

	__asm__ volatile("lea 1f(%%rip), %0\n"
	    "1: movq (%2), %1\n"
	    "2:\n" EXTABLE_ENTRY("1b", "2b")
	    : "=&r"(at), "+r"(v) : "r"(addr) : "memory");
	if ((st = expect(ctx, before, T_PAGEFLT, at, true)) != TEST_PASS)
		return st;
	if (trap_last.cr2 != addr)
		return test_fail(ctx, "#PF cr2 %#llx, expected %#llx",
		    (unsigned long long)trap_last.cr2,
		    (unsigned long long)addr);
	if (trap_last.err & (PGEX_P | PGEX_W | PGEX_I))
		return test_fail(ctx, "#PF err %#llx, expected a not-present "
		    "read", (unsigned long long)trap_last.err);
	return TEST_PASS;
}

/*
 * Everything above the 4 GiB direct map is unmapped; page 0 is mapped
 * read-only (loaders keep data there), so a write through NULL faults.
 */
static enum test_status
t_pagefault(struct test_ctx *ctx)
{
	volatile uint8_t *null_page = (volatile uint8_t *)(uintptr_t)0x10;
	enum test_status st;
	unsigned before;
	uint8_t v;

	if ((st = read_fault(ctx, 0x100000000ULL + 0x2345000)) != TEST_PASS)
		return st;
	/* Hide the constant address from the compiler's bounds checks. */
	__asm__("" : "+r"(null_page));
	v = *null_page;		/* readable */
	before = trap_last.count;
	__asm__ volatile("1: movb %1, (%0)\n"
	    "2:\n" EXTABLE_ENTRY("1b", "2b")
	    : : "r"(null_page), "q"(v) : "memory");
	if (trap_last.count != before + 1 || trap_last.vector != T_PAGEFLT ||
	    trap_last.cr2 != 0x10 ||
	    (trap_last.err & (PGEX_P | PGEX_W)) != (PGEX_P | PGEX_W))
		return test_fail(ctx, "write through NULL: faults %u, vector "
		    "%u, err %#llx, cr2 %#llx", trap_last.count - before,
		    trap_last.vector, (unsigned long long)trap_last.err,
		    (unsigned long long)trap_last.cr2);
	return TEST_PASS;
}
KTEST_DEFINE("pagefault", t_pagefault, 0);

/* Kernel text is read-only (CR0.WP makes that hold for the kernel too). */
static enum test_status
t_text_readonly(struct test_ctx *ctx)
{
	volatile uint8_t *text = (volatile uint8_t *)(uintptr_t)trap_init;
	uint8_t orig = *text;
	unsigned before = trap_last.count;

	/* Writes back the same byte: harmless if the protection is missing. */
	__asm__ volatile("1: movb %1, (%0)\n"
	    "2:\n" EXTABLE_ENTRY("1b", "2b")
	    : : "r"(text), "q"(orig) : "memory");
	if (trap_last.count != before + 1)
		return test_fail(ctx, "write to kernel text at %p did not "
		    "fault", (void *)(uintptr_t)text);
	if (trap_last.vector != T_PAGEFLT ||
	    (trap_last.err & (PGEX_P | PGEX_W)) != (PGEX_P | PGEX_W) ||
	    trap_last.cr2 != (uint64_t)(uintptr_t)text)
		return test_fail(ctx, "vector %u err %#llx cr2 %#llx, expected "
		    "#PF protection/write at %p", trap_last.vector,
		    (unsigned long long)trap_last.err,
		    (unsigned long long)trap_last.cr2, (void *)(uintptr_t)text);
	return TEST_PASS;
}
KTEST_DEFINE("text_readonly", t_text_readonly, 0);

/*
 * Data is not executable (EFER.NXE and the PTE NX bit).  A `ret` placed in .data
 * is called; the fault's fixup pops the return address.  If NX were off
 * the ret would simply run and no fault would be recorded.
 */
static enum test_status __attribute__((noinline))
t_nx_data(struct test_ctx *ctx)
{
	unsigned before = trap_last.count;
	uint64_t code;

	__asm__ volatile(".pushsection .data\n"
	    "t_nx_code: ret\n"
	    ".popsection\n"
	    "lea t_nx_code(%%rip), %0\n"
	    "call t_nx_code\n"
	    EXTABLE_ENTRY("t_nx_code", EXTABLE_RET)
	    : "=&r"(code) : : "memory");
	if (trap_last.count != before + 1)
		return test_fail(ctx, "code in .data at %#llx ran",
		    (unsigned long long)code);
	if (trap_last.vector != T_PAGEFLT ||
	    (trap_last.err & (PGEX_P | PGEX_I)) != (PGEX_P | PGEX_I) ||
	    trap_last.rip != code)
		return test_fail(ctx, "vector %u err %#llx rip %#llx, expected "
		    "#PF instruction fetch at %#llx", trap_last.vector,
		    (unsigned long long)trap_last.err,
		    (unsigned long long)trap_last.rip,
		    (unsigned long long)code);
	return TEST_PASS;
}
KTEST_DEFINE("nx_data", t_nx_data, 0);
