/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Suspend and resume (the toolstack's "suspend" request: xl save,
 * migration, checkpoint).
 *
 * An HVM or PVH guest suspends with SCHEDOP_shutdown(SHUTDOWN_suspend);
 * unlike a PV guest it passes no start_info frame (Linux's xen_suspend()
 * passes 0 for HVM).  The hypercall returns when the domain runs again:
 * 0 in a restored domain (the saved vCPU state holds the return value
 * of the hypercall as it was made), 1 when the suspend was cancelled and
 * the same domain goes on (a checkpoint, `xl save -c`: libxc sets the
 * return value to 1 before resuming it, xc_domain_resume()).
 *
 * After a real resume, what every part of the backend stands on is put
 * back here: shared_info (the restored frame is plain memory), the event
 * upcall vector and an empty port table; then the TSC rate and the
 * clock, which may come from another epoch (clock_resume()); then the
 * hooks (xen_resume.h) rebind the ports and rings of their owners.
 * With several vCPUs the APs are taken down before and brought back
 * after (smp.c: smp_xen_suspend/smp_xen_resume; the "vcpus" hook).
 */
#include <sys/clock.h>
#include <sys/cons.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>
#include <machine/smp.h>

#include <xen/sched.h>

/* Xen's return values of SCHEDOP_shutdown(SHUTDOWN_suspend). */
#define SUSPEND_RESUMED		0
#define SUSPEND_CANCELLED	1

static unsigned xen_resumes;

extern const struct xen_resume_hook *const __start_set_xen_resume[];
extern const struct xen_resume_hook *const __stop_set_xen_resume[];

/* The hooks in order: a set is small, a selection each round will do. */
static unsigned
xen_resume_hooks(void)
{
	const struct xen_resume_hook *const *h, *next, *prev = NULL;
	unsigned failed = 0;

	for (;;) {
		next = NULL;
		for (h = __start_set_xen_resume; h < __stop_set_xen_resume;
		    h++) {
			/* After prev in (order, address): each runs once. */
			if (prev != NULL && ((*h)->order < prev->order ||
			    ((*h)->order == prev->order && *h <= prev)))
				continue;
			if (next == NULL || (*h)->order < next->order ||
			    ((*h)->order == next->order && *h < next))
				next = *h;
		}
		if (next == NULL)
			return failed;
		if (next->fn() != 0) {
			printf("resume: %s failed\n", next->name);
			failed++;
		}
		prev = next;
	}
}

int
xen_suspend(void)
{
	struct sched_shutdown sd = { .reason = SHUTDOWN_suspend };
	const struct pvbus_hv *hv = pvbus_primary();
	uint64_t khz = tsc_khz();
	int64_t jump;
	long rc;

	/* Only vCPU 0 suspends: the APs go down first (smp.c). */
	if (smp_xen_suspend() != 0)
		return -1;
	printf("suspend: SHUTDOWN_suspend\n");
	/* The console ring is cleared on restore: nothing may wait in it. */
	cons_flush();
	disable_intr();
	rc = HYPERVISOR_sched_op(SCHEDOP_shutdown, &sd);
	if (rc == SUSPEND_CANCELLED) {
		printf("resume: suspend cancelled, nothing to rebuild\n");
		(void)smp_xen_resume(false);
		xen_resumes++;
		printf("resume: cpus=%u\n", smp_ncpus());
		return 1;
	}
	if (rc != SUSPEND_RESUMED) {
		printf("suspend: refused by Xen: %ld\n", rc);
		(void)smp_xen_resume(false);
		return -1;
	}
	/* A new domain: nothing of Xen's is where it was, print nothing yet. */
	if (xen_shared_info_init() != 0 || xen_evtchn_init() != 0)
		panic("resume: no shared_info or event upcall");
	tsc_freq_reset();
	xen_clock_offer_tsc(hv);
	jump = clock_resume();
	(void)xen_resume_hooks();
	xen_resumes++;
	printf("resume: clock jumped %lld ns\n", (long long)jump);
	printf("resume: cpus=%u\n", smp_ncpus());
	if (tsc_khz() != khz)
		printf("resume: tsc_khz %llu -> %llu\n",
		    (unsigned long long)khz, (unsigned long long)tsc_khz());
	return 0;
}

unsigned
xen_resume_count(void)
{
	return xen_resumes;
}
