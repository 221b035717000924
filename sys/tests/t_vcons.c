/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-console under load: 256 numbered lines (16 KiB, four times the
 * driver's buffer and sixteen times its queue), so the writer must wait
 * for the device again and again.  In the guest: one notification per
 * line, the driver waited, nothing left with the device after a flush
 * (what shutdown relies on), no failure.  The harness (kvm-tests/run)
 * checks the other end: every line, once, in order.
 */
#include <sys/cons.h>
#include <sys/test.h>

#include <dev/virtio/virtio_console.h>

#define BURST_LINES	256
#define BURST_LINE_LEN	64		/* with its newline */

static enum test_status
t_vcons_burst(struct test_ctx *ctx)
{
	static const char pattern[] = "abcdefghijklmnopqrstuvwxyz0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	struct virtio_console_stats s0, s1;
	unsigned i;

	virtio_console_get_stats(&s0);
	if (!s0.attached || s0.dead)
		return test_skip(ctx, "no virtio-console");
	/* "# vcons burst NNNN " is 19 bytes; 44 of pattern; '\n'. */
	for (i = 0; i < BURST_LINES; i++)
		printf("# vcons burst %04u %.44s\n", i, pattern + i % 18);
	cons_flush();
	virtio_console_get_stats(&s1);
	if (s1.dead)
		return test_fail(ctx, "the device failed");
	if (s1.inflight != 0)
		return test_fail(ctx, "%u buffers still with the device after "
		    "a flush", s1.inflight);
	if (s1.notifies - s0.notifies != BURST_LINES)
		return test_fail(ctx, "%llu notifications for %u lines",
		    (unsigned long long)(s1.notifies - s0.notifies),
		    BURST_LINES);
	if (s1.waits == s0.waits)
		return test_fail(ctx, "never waited for the device: the "
		    "buffer was not reused");
	test_diag("vcons_burst: %u bytes in %u lines, %llu notifications, "
	    "%llu waits for the device, nothing in flight after the flush",
	    BURST_LINES * BURST_LINE_LEN, BURST_LINES,
	    (unsigned long long)(s1.notifies - s0.notifies),
	    (unsigned long long)(s1.waits - s0.waits));
	return TEST_PASS;
}
KTEST_DEFINE("vcons_burst", t_vcons_burst, 0);
