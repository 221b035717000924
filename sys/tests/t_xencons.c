/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PV console under load: 64 KiB in 1024 numbered lines, 32 times the
 * ring's size, so the writer must wait for xenconsoled again and again.
 * In the guest: no byte dropped and the ring drained after a flush.  The
 * harness (xen-tests/run) checks the other end: every line, in order, in
 * xenconsoled's log.
 */
#include <sys/cons.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>

#define BURST_LINES	1024
#define BURST_LINE_LEN	64		/* with its newline */

static enum test_status
test_xencons_burst(struct test_ctx *ctx)
{
	static const char pattern[] = "abcdefghijklmnopqrstuvwxyz0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	struct xencons_stats s0, s1;
	unsigned i;

	if (!xen_ready())
		return test_error(ctx, "on Xen, but its backend did not attach");
	if (!xencons_has_ring())
		return test_skip(ctx, "no PV console ring (%s)",
		    xen_dom0() ? "dom0 uses CONSOLEIO_write" : "none given");
	xencons_get_stats(&s0);
	/* "# burst NNNN " is 13 bytes; 50 of pattern; '\n'. */
	for (i = 0; i < BURST_LINES; i++)
		printf("# burst %04u %.50s\n", i, pattern + i % 12);
	cons_flush();
	xencons_get_stats(&s1);
	if (s1.pending < 0)
		return test_fail(ctx, "console ring broken by the backend");
	if (s1.dropped != s0.dropped)
		return test_fail(ctx, "%llu bytes dropped",
		    (unsigned long long)(s1.dropped - s0.dropped));
	if (s1.written - s0.written < BURST_LINES * BURST_LINE_LEN)
		return test_fail(ctx, "only %llu bytes written",
		    (unsigned long long)(s1.written - s0.written));
	if (s1.pending != 0)
		return test_fail(ctx, "%ld bytes still in the ring after flush",
		    s1.pending);
	test_diag("xencons_burst: %u bytes in %u lines, %llu notifications, "
	    "ring drained; %llu events from the backend since boot",
	    BURST_LINES * BURST_LINE_LEN, BURST_LINES,
	    (unsigned long long)(s1.notifies - s0.notifies),
	    (unsigned long long)s1.events);
	return TEST_PASS;
}
KTEST(test_xencons_burst, .name = "xencons_burst", .hv = KTEST_HV_XEN);
