/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake environment for the bounded waits (sys/arch/xen/xen_wait.h): a
 * clock the test sets, a yield that lets the simulated peer run and
 * moves the clock one step, a notify that is only counted.
 *
 * A wait that does not end is caught: after FAKE_GIVE_UP_NS of simulated
 * time, or FAKE_GIVE_UP_YIELDS yields, the test prints a failing TAP
 * line and exits, so a broken bound fails the test instead of hanging it.
 */
#ifndef _TESTS_UNIT_FAKE_WAIT_H_
#define _TESTS_UNIT_FAKE_WAIT_H_

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <arch/xen/xen_wait.h>

#define FAKE_MS			(1000ULL * 1000)
#define FAKE_S			(1000 * FAKE_MS)
#define FAKE_GIVE_UP_NS		(3600 * FAKE_S)
#define FAKE_GIVE_UP_YIELDS	(200ULL * 1000 * 1000)

static uint64_t fake_ns;		/* the clock */
static uint64_t fake_step_ns = FAKE_MS;	/* time one yield takes */
static bool fake_clock_stopped;
static uint64_t fake_yields, fake_notifies;
static void (*fake_peer)(void);		/* runs at every yield */

static void
fake_reset(void (*peer)(void))
{
	fake_ns = 1000 * FAKE_S;
	fake_step_ns = FAKE_MS;
	fake_clock_stopped = false;
	fake_yields = fake_notifies = 0;
	fake_peer = peer;
}

static uint64_t
fake_now(void)
{
	return fake_ns;
}

static void
fake_yield(void)
{
	if (fake_ns - 1000 * FAKE_S > FAKE_GIVE_UP_NS ||
	    ++fake_yields > FAKE_GIVE_UP_YIELDS) {
		fprintf(stdout, "not ok - a wait still going after %llu s "
		    "simulated, %llu yields: unbounded\n",
		    (unsigned long long)((fake_ns - 1000 * FAKE_S) / FAKE_S),
		    (unsigned long long)fake_yields);
		exit(1);
	}
	if (!fake_clock_stopped)
		fake_ns += fake_step_ns;
	if (fake_peer != NULL)
		fake_peer();
}

static void
fake_notify(uint32_t port)
{
	(void)port;
	fake_notifies++;
}

static const struct xen_waitops fake_ops = {
	.now_ns = fake_now,
	.yield = fake_yield,
	.notify = fake_notify,
};

/* Simulated seconds since fake_reset(). */
static inline double
fake_elapsed_s(void)
{
	return (double)(fake_ns - 1000 * FAKE_S) / FAKE_S;
}

#endif /* !_TESTS_UNIT_FAKE_WAIT_H_ */
