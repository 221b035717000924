/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exceptions and interrupts.
 *
 * An unexpected exception prints vector, error code, RIP and CR2 in one
 * line and panics.  Code that expects a fault (the trap tests, probes of
 * optional hardware) marks the faulting instruction with EXTABLE_ENTRY:
 * the handler records the fault in trap_last and resumes at the fixup.
 */
#ifndef _MACHINE_TRAP_H_
#define _MACHINE_TRAP_H_

#include <stdbool.h>
#include <stdint.h>

#include <machine/frame.h>

#define T_DIVIDE	0
#define T_DEBUG		1
#define T_NMI		2
#define T_BPT		3
#define T_OFLOW		4
#define T_BOUND		5
#define T_PRIVINFLT	6	/* #UD */
#define T_DNA		7
#define T_DOUBLEFLT	8
#define T_TSSFLT	10
#define T_SEGNPFLT	11
#define T_STKFLT	12
#define T_PROTFLT	13	/* #GP */
#define T_PAGEFLT	14
#define T_ARITHTRAP	16
#define T_ALIGNFLT	17
#define T_MCHK		18
#define T_XMMFLT	19
#define T_VE		20
#define T_CP		21
#define T_NEXCEPTIONS	32

/* #PF error code bits */
#define PGEX_P		0x01	/* the page was present: a protection fault */
#define PGEX_W		0x02	/* a write */
#define PGEX_U		0x04
#define PGEX_RSV	0x08
#define PGEX_I		0x10	/* an instruction fetch */

/* The fixup address that means "return to the caller" (a faulting call). */
#define EXTABLE_RET	"1"

#define EXTABLE_ENTRY(fault, fixup)					\
	".pushsection set_extable, \"a\"\n"				\
	".balign 8\n"							\
	".quad " fault ", " fixup "\n"					\
	".popsection\n"

struct extable_entry {
	uint64_t	fault_rip;
	uint64_t	fixup_rip;	/* or 1: pop a return address */
};

struct trap_record {
	unsigned	count;		/* expected faults so far */
	unsigned	vector;
	uint64_t	err;
	uint64_t	rip;
	uint64_t	cr2;
	uint64_t	rsp;		/* the interrupted stack pointer */
	uint64_t	frame;		/* the trap frame: which stack the
					   handler ran on */
};

extern volatile struct trap_record trap_last;

void	trap_init(void);
/* This CPU's GDT (GDT_SIZE bytes), TSS and double-fault stack; the IDT. */
void	trap_init_cpu(uint64_t *gdt, void *tss, uint64_t df_top);
#define TSS64_SIZE	104	/* a 64-bit TSS (SDM vol. 3A, 8.7) */
void	trap(struct trapframe *);
const char *trap_name(unsigned vector);

/*
 * Interrupt handlers for vectors 32..255.  The handler acknowledges its
 * own interrupt controller.  Interrupts stay off until intr_enable(),
 * which masks the 8259 PICs first: SeaBIOS leaves the PIT routed to
 * vector 8, the double-fault vector.  A vector without a handler is a
 * stray: acknowledged at the LAPIC (trap.c says why) and counted in
 * intr_stray, or in intr_spurious for the LAPIC's spurious vector; the
 * test runner prints both (sys/counter.h).
 */
#define INTR_VECTOR_MIN	32
typedef void (*intr_handler_t)(struct trapframe *);
/* fn NULL: the vector has no handler again. */
void	intr_establish(unsigned vector, intr_handler_t fn);
bool	intr_established(unsigned vector);
/* Run vector's handler here, with no frame (Xen IPIs: event channels). */
void	intr_run(unsigned vector);
void	intr_enable(void);
/* Counters (sys/counter.h): the spurious vector, and every other stray. */
extern volatile uint64_t intr_spurious, intr_stray;
extern volatile unsigned intr_stray_last;	/* the last stray's vector */

#endif /* !_MACHINE_TRAP_H_ */
