/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * counters: the event counters are reported, not only written.  An
 * interrupt on the local APIC's spurious vector (0xff: nobody handles
 * it) must show in intr_spurious, as the test output's "# counters:"
 * line prints it; evtchn_unhandled must be there too (0 off Xen).
 *
 * The interrupt is a frame handed to trap(), the C side of every IDT
 * stub, not an `int $0xff`: PVM's KVM fails to emulate software
 * interrupts (as it does int3, see test breakpoint), and the path
 * counted here starts in trap() either way.
 */
#include <sys/counter.h>
#include <sys/test.h>

#include <machine/lapic.h>
#include <machine/trap.h>

static enum test_status
t_counters(struct test_ctx *ctx)
{
	struct trapframe tf;
	uint64_t before, after, evt;

	if (counter_read("evtchn_unhandled", &evt) != 0)
		return test_fail(ctx, "%s not reported", "evtchn_unhandled");
	if (counter_read("intr_spurious", &before) != 0)
		return test_fail(ctx, "%s not reported", "intr_spurious");
	memset(&tf, 0, sizeof(tf));
	tf.tf_vector = LAPIC_SPURIOUS_VECTOR;
	trap(&tf);
	(void)counter_read("intr_spurious", &after);
	if (after != before + 1)
		return test_fail(ctx, "intr_spurious %llu -> %llu, want +1",
		    (unsigned long long)before, (unsigned long long)after);
	return TEST_PASS;
}
KTEST_DEFINE("counters", t_counters, 0);
