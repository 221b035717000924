/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IDT, TSS and the C side of exception and interrupt entry (vector.S).
 */
#include <sys/counter.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>
#include <machine/lapic.h>
#include <machine/segments.h>
#include <machine/smp.h>
#include <machine/stack.h>
#include <machine/trap.h>

#define SEL_KPL		0
#define SDT_SYS386IGT	14	/* 64-bit interrupt gate */
#define SDT_SYS386TSS	9	/* available 64-bit TSS */

struct gate_desc {
	uint16_t	off_lo;
	uint16_t	sel;
	uint8_t		ist;
	uint8_t		type_attr;
	uint16_t	off_mid;
	uint32_t	off_hi;
	uint32_t	zero;
} __attribute__((packed));

struct tss64 {
	uint32_t	reserved0;
	uint64_t	rsp[3];
	uint64_t	ist[8];		/* ist[0] is reserved */
	uint64_t	reserved1;
	uint16_t	reserved2;
	uint16_t	iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss64) == TSS64_SIZE, "TSS64_SIZE");

struct region_desc {
	uint16_t	limit;
	uint64_t	base;
} __attribute__((packed));

extern char idt_stub_base[];
extern uint64_t gdt[];
extern const struct extable_entry __start_set_extable[];
extern const struct extable_entry __stop_set_extable[];

static struct gate_desc idt[256] __aligned(16) __noinit;	/* filled whole */
static struct tss64 tss __aligned(16);
static intr_handler_t intr_handlers[256];
static bool intr_enabled_once;

volatile struct trap_record trap_last;
volatile uint64_t intr_spurious, intr_stray;
volatile unsigned intr_stray_last;
COUNTER_DEFINE(intr_spurious, "intr_spurious");
COUNTER_DEFINE(intr_stray, "intr_stray");

static const char *const trap_names[T_NEXCEPTIONS] = {
	[T_DIVIDE] = "#DE divide error",
	[T_DEBUG] = "#DB debug",
	[T_NMI] = "NMI",
	[T_BPT] = "#BP breakpoint",
	[T_OFLOW] = "#OF overflow",
	[T_BOUND] = "#BR bound range",
	[T_PRIVINFLT] = "#UD invalid opcode",
	[T_DNA] = "#NM device not available",
	[T_DOUBLEFLT] = "#DF double fault",
	[T_TSSFLT] = "#TS invalid TSS",
	[T_SEGNPFLT] = "#NP segment not present",
	[T_STKFLT] = "#SS stack fault",
	[T_PROTFLT] = "#GP general protection",
	[T_PAGEFLT] = "#PF page fault",
	[T_ARITHTRAP] = "#MF x87 error",
	[T_ALIGNFLT] = "#AC alignment check",
	[T_MCHK] = "#MC machine check",
	[T_XMMFLT] = "#XM SIMD error",
	[T_VE] = "#VE virtualization",
	[T_CP] = "#CP control protection",
};

const char *
trap_name(unsigned vector)
{
	if (vector < T_NEXCEPTIONS && trap_names[vector] != NULL)
		return trap_names[vector];
	return vector < T_NEXCEPTIONS ? "reserved exception" : "interrupt";
}

static void
set_gate(unsigned vec, uint64_t fn, unsigned ist)
{
	struct gate_desc *g = &idt[vec];

	g->off_lo = (uint16_t)fn;
	g->sel = GSEL_CODE64;
	g->ist = (uint8_t)ist;
	g->type_attr = 0x80 | (SEL_KPL << 5) | SDT_SYS386IGT;
	g->off_mid = (uint16_t)(fn >> 16);
	g->off_hi = (uint32_t)(fn >> 32);
	g->zero = 0;
}

/*
 * Load this CPU's GDT (a copy of the boot GDT, gdt_desc's size) with its
 * own TSS, whose IST slot holds its double-fault stack, and the IDT,
 * which all CPUs share.
 */
void
trap_init_cpu(uint64_t *cgdt, void *ctss, uint64_t df_top)
{
	struct tss64 *t = ctss;
	struct region_desc r;
	uint64_t base = (uint64_t)t, limit = sizeof(*t) - 1;

	/*
	 * A double fault runs on its own stack: after a stack overflow
	 * (a #PF in a guard page) the CPU cannot push the #PF frame on
	 * the stack that overflowed.
	 */
	t->ist[IST_DOUBLE_FAULT] = df_top;
	t->iomap_base = sizeof(*t);
	cgdt[GSEL_TSS / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
	    (uint64_t)(0x80 | SDT_SYS386TSS) << 40 |
	    ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	cgdt[GSEL_TSS / 8 + 1] = base >> 32;
	if (cgdt != gdt) {
		r.limit = GDT_SIZE - 1;
		r.base = (uint64_t)cgdt;
		__asm__ volatile("lgdt %0" : : "m"(r));
	}
	__asm__ volatile("ltr %w0" : : "r"(GSEL_TSS));

	r.limit = sizeof(idt) - 1;
	r.base = (uint64_t)idt;
	__asm__ volatile("lidt %0" : : "m"(r));
}

void
trap_init(void)
{
	unsigned v;

#ifdef GENPVH_INJECT_PANIC_TRAP_INIT
	/*
	 * Fault injection, in test builds only (Makefile KDEFS): a panic
	 * before the IDT and before pvbus, which must still end the way
	 * the hypervisor wants (a crashed domain on Xen).
	 */
	panic("inject: panic at the top of trap_init()");
#endif
	for (v = 0; v < 256; v++)
		set_gate(v, (uint64_t)idt_stub_base + IDT_STUB_SIZE * v,
		    v == T_DOUBLEFLT ? IST_DOUBLE_FAULT : 0);
	trap_init_cpu(gdt, &tss, (uint64_t)df_stack_top);
}

/* The stack whose guard page holds addr, or NULL. */
static const char *
stack_overflowed(uint64_t addr)
{
	static const struct {
		const char	*name;
		const char	*guard;
	} stacks[] = {
		{ "boot stack", boot_stack_guard },
		{ "double-fault stack", df_stack_guard },
	};
	unsigned i;

	for (i = 0; i < nitems(stacks); i++)
		if (addr - (uint64_t)stacks[i].guard < STACK_GUARD_SIZE)
			return stacks[i].name;
	return smp_stack_overflowed(addr);
}

static const struct extable_entry *
extable_find(uint64_t rip)
{
	const struct extable_entry *e;

	for (e = __start_set_extable; e < __stop_set_extable; e++)
		if (e->fault_rip == rip)
			return e;
	return NULL;
}

/*
 * An interrupt with no handler.  The LAPIC keeps a delivered vector in
 * service until an EOI, and while it is, no vector of the same or a lower
 * priority class (vector / 16) is delivered: one stray on 0xf4-0xfe
 * blocked Xen's upcall on 0xf3 for good.  So every stray gets its EOI,
 * except the spurious vector: a spurious interrupt is not put in service
 * and must not be acknowledged (Intel SDM vol. 3A, 11.9), as an EOI
 * would end some other interrupt.  Only a fixed interrupt sent on that
 * vector is in service, and gets its EOI: that costs one register read,
 * on this path only.  Counted, never printed here: the console may be in
 * use by the code this interrupted.
 */
static void
intr_stray_vector(uint8_t vector)
{
	if (vector == LAPIC_SPURIOUS_VECTOR) {
		intr_spurious++;
		if (!lapic_in_service(vector))
			return;
	} else
		intr_stray++;
	intr_stray_last = vector;
	lapic_eoi();
}

void
trap(struct trapframe *tf)
{
	const struct extable_entry *e;
	const char *overflow;
	uint64_t cr2 = 0;

	if (tf->tf_vector >= INTR_VECTOR_MIN) {
		if (intr_handlers[tf->tf_vector] != NULL)
			intr_handlers[tf->tf_vector](tf);
		else
			intr_stray_vector((uint8_t)tf->tf_vector);
		return;
	}
	/* A double fault that a #PF started keeps that fault's address. */
	if (tf->tf_vector == T_PAGEFLT || tf->tf_vector == T_DOUBLEFLT)
		cr2 = rcr2();
	if ((e = extable_find(tf->tf_rip)) != NULL) {
		trap_last.vector = (unsigned)tf->tf_vector;
		trap_last.err = tf->tf_err;
		trap_last.rip = tf->tf_rip;
		trap_last.cr2 = cr2;
		trap_last.rsp = tf->tf_rsp;
		trap_last.frame = (uint64_t)tf;
		trap_last.count++;
		if (e->fixup_rip == 1) {
			/* The faulting instruction was a call's target. */
			tf->tf_rip = *(uint64_t *)tf->tf_rsp;
			tf->tf_rsp += 8;
		} else
			tf->tf_rip = e->fixup_rip;
		return;
	}
	overflow = cr2 != 0 ? stack_overflowed(cr2) : NULL;
	panic("fatal trap: vector %lu (%s) err %#lx rip %#lx cr2 %#lx "
	    "rsp %#lx%s%s", (unsigned long)tf->tf_vector,
	    trap_name((unsigned)tf->tf_vector), (unsigned long)tf->tf_err,
	    (unsigned long)tf->tf_rip, (unsigned long)cr2,
	    (unsigned long)tf->tf_rsp, overflow != NULL ? ": overflow of the " :
	    "", overflow != NULL ? overflow : "");
}

void
intr_establish(unsigned vector, intr_handler_t fn)
{
	KASSERT(vector >= INTR_VECTOR_MIN && vector < 256);
	intr_handlers[vector] = fn;
}

void
intr_run(unsigned vector)
{
	if (vector < 256 && intr_handlers[vector] != NULL)
		intr_handlers[vector](NULL);
}

bool
intr_established(unsigned vector)
{
	return vector < 256 && intr_handlers[vector] != NULL;
}

/*
 * Mask both 8259s before the first sti: two port writes (two VM exits),
 * paid only by a kernel that enables interrupts.
 */
void
intr_enable(void)
{
	if (!intr_enabled_once) {
		outb(0x21, 0xff);
		outb(0xa1, 0xff);
		intr_enabled_once = true;
	}
	enable_intr();
}
