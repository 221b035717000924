/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What must be done again after a real resume (xl restore, migration).
 *
 * The restored domain is a new domain with our memory in it: shared_info
 * is an ordinary page again, every event channel is gone (the toolstack
 * made new ones for the console and xenstore, with new port numbers in
 * the HVM params), the console and xenstore ring pages were cleared, the
 * grant table frames are unmapped and the vCPUs' timers are stopped.
 * xen_suspend.c puts back what everything needs (shared_info, the upcall
 * vector, an empty port table), then calls each registered hook in
 * order; a hook re-establishes its own state: rebinds its ports, maps
 * its frames, reconnects its backend.  After a cancelled suspend (a
 * checkpoint, `xl save -c`) the domain carries on as it was and no hook
 * runs.
 *
 * Register with XEN_RESUME_HOOK(name, fn, order) in the file that owns
 * the state; fn returns 0, or -1 after printing why (the resume goes on
 * with the other hooks, and the failure is reported by name).
 */
#ifndef _XEN_XEN_RESUME_H_
#define _XEN_XEN_RESUME_H_

struct xen_resume_hook {
	const char	*name;
	int		(*fn)(void);
	int		order;		/* XEN_RESUME_* below: lower first */
};

/* Orders: what a later hook may rely on. */
#define XEN_RESUME_TIMER	10	/* VIRQ_TIMER, every vCPU's timer */
#define XEN_RESUME_CONSOLE	20	/* the PV console: printf works */
#define XEN_RESUME_VCPUS	25	/* the APs: vcpu_info, IPI ports, up */
#define XEN_RESUME_XENSTORE	30	/* xenstore ring, watches set again */
#define XEN_RESUME_GNTTAB	40	/* grant table frames */
#define XEN_RESUME_DEVICES	50	/* split drivers: reconnect */

#define XEN_RESUME_HOOK(hname, hfn, horder)				\
	static const struct xen_resume_hook __xen_resume_##hfn = {	\
		.name = hname, .fn = hfn, .order = horder };		\
	static const struct xen_resume_hook *const __xen_resume_ptr_##hfn \
	    __attribute__((__section__("set_xen_resume"), __used__)) =	\
	    &__xen_resume_##hfn

/*
 * xen_suspend.c: suspend the domain (SHUTDOWN_suspend) and come back:
 * 0 after a real resume, 1 after a cancelled one (checkpoint), -1 if
 * Xen refused to suspend us.  Interrupts must be off; the caller's
 * state (a loop, a test) carries on either way.
 */
int	xen_suspend(void);
/* Suspends this boot came back from, real or cancelled (tests). */
unsigned xen_resume_count(void);

#endif /* !_XEN_XEN_RESUME_H_ */
