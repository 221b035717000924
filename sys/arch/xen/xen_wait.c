/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bounded waits on a peer domain (see xen_wait.h).
 */
#include <arch/xen/xen_wait.h>

void
xen_deadline_start(struct xen_deadline *d, const struct xen_waitops *ops,
    uint64_t limit_ns)
{
	d->ops = ops;
	d->start = ops->now_ns();
	d->limit_ns = limit_ns;
	d->polls = 0;
	d->max_polls = limit_ns / XEN_WAIT_POLL_MIN_NS;
}

bool
xen_deadline_poll(struct xen_deadline *d)
{
	/*
	 * A clock that goes backwards gives a huge difference: the wait
	 * ends, which is the safe way to be wrong.
	 */
	if (d->polls >= d->max_polls ||
	    d->ops->now_ns() - d->start >= d->limit_ns)
		return true;
	d->polls++;
	d->ops->yield();
	return false;
}
