/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test=lifecycle (named only, never in test=all): a domU that lives
 * until the toolstack ends it.  Every LIFECYCLE_TICK_NS it prints
 *	lifecycle: tick <n> clock_ns <ns>
 * and between ticks it sleeps (timer or xenstore event) and takes the
 * toolstack's requests (xen_control_poll()): a suspend happens inside
 * the poll and the loop carries on where it was, so the harness sees
 * the counter continue across `xl save` / `xl restore` and the clock
 * never go back (checked here too); poweroff or reboot end the test,
 * which passes, and the run ends with that reason.  Without a request
 * within LIFECYCLE_MAX_TICKS the test fails: nobody asked.  With
 * several vCPUs, after each resume (real or cancelled) every CPU must
 * still be online and answer IPIs: smp_ipi's ping-pong runs again and
 *	lifecycle: smp after resume <k>: cpus=<n>
 * is printed; a CPU lost or an IPI unanswered fails the test.
 *
 * A domain with disks runs the blk test's body before the first tick
 * and again after each resume, real or cancelled ("lifecycle: blk after
 * resume <k>"), so that the harness sees blkfront reconnected to the
 * restored domain's new backend, and still connected after a
 * checkpoint: its reads and its write go through.  A disk that fails
 * there fails the test at once.
 */
#include <sys/clock.h>
#include <sys/disk.h>
#include <sys/test.h>

#include <arch/xen/xen_resume.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>
#include <machine/smp.h>
#include <machine/trap.h>
#include <tests/t_blk.h>

#include "t_smp.h"

#define LIFECYCLE_TICK_NS	(100ULL * 1000 * 1000)
#define LIFECYCLE_MAX_TICKS	6000U		/* 10 minutes */

/* The disks, if any, after resume number resumes (0: at the start). */
static bool
lifecycle_blk(struct test_ctx *ctx, unsigned resumes)
{
	enum test_status st;

	if (disk_count() == 0)
		return true;
	printf("lifecycle: blk after resume %u\n", resumes);
	st = blk_test_disks(ctx);
	/* A read-only disk's SKIP is no failure of the lifecycle. */
	return st == TEST_PASS || st == TEST_SKIP;
}

static enum test_status
test_lifecycle(struct test_ctx *ctx)
{
	uint64_t prev, now, next;
	enum xen_ctl req = XEN_CTL_NONE;
	enum test_status st;
	unsigned n, cpus = smp_ncpus(), resumes = xen_resume_count();
	unsigned blk_resumes = resumes;

	if (pvbus_primary() == NULL || pvbus_primary()->type != PVBUS_XEN ||
	    !xen_ready())
		return test_skip(ctx, "not on Xen");
	if (!xen_control_present())
		return test_skip(ctx, "no toolstack control (%s)",
		    xen_dom0() ? "dom0" : "no xenstore");
	/* Once, for the 8259 masks; the waits enable them as they sleep. */
	intr_enable();
	disable_intr();
	if (!lifecycle_blk(ctx, blk_resumes))
		return TEST_FAIL;
	prev = clock_ns();
	for (n = 0; n < LIFECYCLE_MAX_TICKS && req == XEN_CTL_NONE; n++) {
		if (xen_resume_count() != blk_resumes &&
		    !lifecycle_blk(ctx, blk_resumes = xen_resume_count()))
			return TEST_FAIL;
		now = clock_ns();
		if (now < prev)
			return test_fail(ctx, "clock_ns() went back %llu ns at "
			    "tick %u", (unsigned long long)(prev - now), n);
		prev = now;
		printf("lifecycle: tick %u clock_ns %llu\n", n,
		    (unsigned long long)now);
		next = now + LIFECYCLE_TICK_NS;
		while ((req = xen_control_poll()) == XEN_CTL_NONE &&
		    clock_ns() < next) {
			if (xen_resume_count() != resumes && cpus > 1) {
				resumes = xen_resume_count();
				if (smp_ncpus() != cpus)
					return test_fail(ctx, "%u of %u CPUs "
					    "online after resume %u",
					    smp_ncpus(), cpus, resumes);
				if ((st = t_smp_ipi(ctx)) != TEST_PASS)
					return st;
				printf("lifecycle: smp after resume %u: "
				    "cpus=%u\n", resumes, smp_ncpus());
			}
			xen_control_idle(next);
		}
	}
	if (req == XEN_CTL_NONE)
		return test_fail(ctx, "no poweroff or reboot request in %u "
		    "ticks", LIFECYCLE_MAX_TICKS);
	printf("lifecycle: %s after %u ticks\n", req == XEN_CTL_REBOOT ?
	    "reboot" : "poweroff", n);
	return TEST_PASS;
}
KTEST_DEFINE("lifecycle", test_lifecycle, KTEST_F_EXPLICIT);
