/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Waiting for a peer in another domain (xenstored, xenconsoled), bounded
 * twice: by an absolute deadline that the peer's progress does not
 * extend, and by a count of polls, because the clock the deadline is
 * read from could stop (a torn or frozen pvclock) and a wait must still
 * end.
 *
 * What a wait needs from the system comes through struct xen_waitops,
 * so that the host unit tests drive the same code with a fake clock and
 * a simulated, hostile peer (tests/unit/t_xenstore_wire.c,
 * tests/unit/t_xencons_ring.c).  Pure: no hypercalls here.
 */
#ifndef _XEN_XEN_WAIT_H_
#define _XEN_XEN_WAIT_H_

#include <stdbool.h>
#include <stdint.h>

struct xen_waitops {
	uint64_t (*now_ns)(void);	/* a monotonic clock, in ns */
	void	(*yield)(void);		/* let the peer run (SCHEDOP_yield) */
	void	(*notify)(uint32_t port); /* kick the peer (EVTCHNOP_send) */
};

/*
 * The shortest a poll can take: one SCHEDOP_yield hypercall, a VM exit
 * and entry (a few hundred ns on current hardware, far more nested).  A
 * wait of limit ns polls at most limit / XEN_WAIT_POLL_MIN_NS times: with
 * a working clock the deadline comes first; with a stopped one the count
 * ends the wait after about limit ns or more.
 */
#define XEN_WAIT_POLL_MIN_NS	250

struct xen_deadline {
	const struct xen_waitops *ops;
	uint64_t	start;		/* ops->now_ns() when started */
	uint64_t	limit_ns;
	uint64_t	polls, max_polls;
};

void	xen_deadline_start(struct xen_deadline *d,
	    const struct xen_waitops *ops, uint64_t limit_ns);
/*
 * One more poll: true if the deadline has passed or the polls are used
 * up (then nothing is done); otherwise yields to the peer and returns
 * false.
 */
bool	xen_deadline_poll(struct xen_deadline *d);

#endif /* !_XEN_XEN_WAIT_H_ */
