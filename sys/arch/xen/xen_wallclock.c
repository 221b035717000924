/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen's wall clock: shared_info holds the time of day at Xen system time
 * 0 (wc_sec, wc_nsec, and wc_sec_hi for the bits above 32 on x86-64:
 * xen/xen.h), under a version counter that is odd while Xen writes, as
 * in the pvclock record.  The time now is that plus Xen's system time
 * (xen_clock.c).
 */
#include <sys/clock.h>
#include <sys/systm.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvclock.h>

static bool
xen_wallclock_read(uint64_t *sec, uint32_t *nsec)
{
	volatile struct shared_info *s = xen_shared_info;
	uint32_t v, lo, hi, ns;
	uint64_t sys;
	unsigned tries;

	if (s == NULL)
		return false;
	for (tries = 0; tries < PVCLOCK_MAX_RETRIES; tries++) {
		v = s->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		lo = s->wc_sec;
		hi = s->xen_wc_sec_hi;
		ns = s->wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if ((v & 1) == 0 && v == s->wc_version)
			break;
	}
	/* A torn record is never a time; nor is a nanosecond count >= 1 s. */
	if (tries == PVCLOCK_MAX_RETRIES || ns >= NSEC_PER_SEC ||
	    !xen_time_read_raw(&sys))
		return false;
	wallclock_add_ns((uint64_t)hi << 32 | lo, ns, sys, sec, nsec);
	return true;
}

static const struct wallclock xen_wallclock = {
	.name = "xen",
	.rank = WALLCLOCK_RANK_HV,
	.read = xen_wallclock_read,
};

void
xen_wallclock_init(void)
{
	wallclock_register(&xen_wallclock);
}
