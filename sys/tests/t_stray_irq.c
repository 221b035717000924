/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An interrupt on a vector without a handler is acknowledged.  The LAPIC
 * holds a delivered vector in service until an EOI and delivers nothing
 * of the same or a lower priority class (vector / 16) meanwhile: without
 * the EOI, one stray on 0xf4-0xfe stopped Xen's upcall on 0xf3 for good.
 *
 * A real interrupt is needed (an `int $n` sets no in-service bit), so the
 * test sends itself one through the LAPIC's ICR, on a vector nothing
 * handles, and then one on a handled vector of the same class just below
 * it, which the stray would block; then the same with a fixed interrupt
 * on the spurious vector 0xff.
 */
#include <sys/counter.h>
#include <sys/test.h>

#include <machine/cpufunc.h>
#include <machine/lapic.h>
#include <machine/specialreg.h>
#include <machine/trap.h>

#define STRAY_VECTOR	0xf5	/* above Xen's upcall (0xf3), no handler */
#define PROBE_VECTOR	0xf1	/* class 0xf too, lower: blocked by a stray */

/*
 * How long to wait for a self-IPI: loop iterations, not time.  Delivery
 * takes a few; this bound only ends a wait for one that never comes.
 */
#define IPI_WAIT_LOOPS	10000000

static volatile uint64_t probe_count;
static volatile bool probe_in_service;

static void
probe_intr(struct trapframe *tf)
{
	(void)tf;
	probe_in_service = lapic_in_service(PROBE_VECTOR);
	probe_count++;
	lapic_eoi();
}

/* Interrupts on until *counter moves past `before`; true if it did. */
static bool
wait_intr(volatile const uint64_t *counter, uint64_t before)
{
	unsigned i;

	intr_enable();
	for (i = 0; i < IPI_WAIT_LOOPS && *counter == before; i++)
		__asm__ volatile("" ::: "memory");
	disable_intr();
	return *counter != before;
}

/*
 * One stray on `vector`, which `counter` counts, then a self-IPI on
 * PROBE_VECTOR, which a stray left in service would hold back.
 */
static enum test_status
stray_then_probe(struct test_ctx *ctx, uint8_t vector,
    volatile const uint64_t *counter, const char *cname)
{
	uint64_t before = *counter, probes = probe_count, reported;
	bool in_service, blocked;

	lapic_ipi_self(vector);
	if (!wait_intr(counter, before))
		return test_error(ctx, "no self-IPI on %#x", vector);
	in_service = lapic_in_service(vector);

	intr_establish(PROBE_VECTOR, probe_intr);
	lapic_ipi_self(PROBE_VECTOR);
	blocked = !wait_intr(&probe_count, probes);
	if (in_service) {
		/* Unblock the rest of the run, and take the held probe. */
		lapic_eoi();
		(void)wait_intr(&probe_count, probes);
	}
	intr_establish(PROBE_VECTOR, NULL);

	if (in_service)
		return test_fail(ctx, "stray %#x still in service (no EOI); "
		    "%#x %s", vector, PROBE_VECTOR, blocked ?
		    "held back until the test's EOI" : "delivered anyway");
	if (blocked)
		return test_fail(ctx, "no self-IPI on %#x after a stray on %#x",
		    PROBE_VECTOR, vector);
	if (counter_read(cname, &reported) != 0 || reported != before + 1)
		return test_fail(ctx, "stray %#x not counted in %s", vector,
		    cname);
	test_diag("stray_irq: stray %#x acknowledged (%s=%llu), then %#x "
	    "delivered", vector, cname, (unsigned long long)reported,
	    PROBE_VECTOR);
	return TEST_PASS;
}

static enum test_status
t_stray_irq(struct test_ctx *ctx)
{
	enum test_status st;
	uint64_t flags;

	if (intr_established(STRAY_VECTOR) ||
	    intr_established(LAPIC_SPURIOUS_VECTOR) ||
	    intr_established(PROBE_VECTOR))
		return test_error(ctx, "a test vector has a handler");
	if (lapic_enable() != 0)
		return test_skip(ctx, "no usable local APIC");
	flags = read_rflags();
	disable_intr();
	/*
	 * A vector nobody handles, then a fixed interrupt on the spurious
	 * vector: it is in service like any other and needs its EOI too.
	 */
	st = stray_then_probe(ctx, STRAY_VECTOR, &intr_stray, "intr_stray");
	if (st == TEST_PASS)
		st = stray_then_probe(ctx, LAPIC_SPURIOUS_VECTOR,
		    &intr_spurious, "intr_spurious");
	if (flags & RFLAGS_IF)
		intr_enable();
	/*
	 * KVM on a PVM host (kvm_pvm) delivers without setting the
	 * in-service bit: nothing to block there, so say that this run
	 * did not exercise the EOI.
	 */
	if (st == TEST_PASS && !probe_in_service)
		test_diag("stray_irq: this LAPIC sets no in-service bit: the "
		    "EOI was not exercised");
	return st;
}
KTEST_DEFINE("stray_irq", t_stray_irq, 0);
