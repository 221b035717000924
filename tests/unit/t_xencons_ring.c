/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PV console writer against hostile backends, on a fake clock
 * (fake_wait.h): a backend that takes one byte every 1.9 s (the review's:
 * never "stalled" when any progress counted, 64 KiB would take ~35 h), one
 * just above and one below the minimum throughput, one that shows room
 * and takes it back, a silent one with the clock stopped.  (A backend on
 * another CPU that takes room back between our look and our write is
 * not simulated here: single-threaded, the take-back always comes after
 * our write and breaks the ring.)  Every write and
 * flush must end within its deadline, in simulated time and in polls.
 */
/* sources: sys/arch/xen/xencons_ring.c sys/arch/xen/xen_ring.c sys/arch/xen/xen_wait.c */
#include <stdint.h>
#include <stdlib.h>

#include <arch/xen/xencons_ring.h>

#include "fake_wait.h"
#include "tap.h"

#define RING_SIZE	2048		/* struct xencons_interface out[] */
#define BURST		(64 * 1024)

static char *ring;
static uint32_t cons, prod;
static struct xencons_out out;

/* Backend behaviour, set per case. */
static uint64_t take_every_ns, next_take_ns;
static uint32_t take_bytes;
static bool takes_back;

static void
backend(void)
{
	uint32_t n;

	if (takes_back) {
		/* Shows half the ring free, then takes it back. */
		cons += (fake_yields % 2) ? RING_SIZE / 2 : -RING_SIZE / 2;
		return;
	}
	while (take_every_ns != 0 && fake_ns >= next_take_ns) {
		n = prod - cons < take_bytes ? prod - cons : take_bytes;
		cons += n;
		next_take_ns += take_every_ns;
	}
}

/* A fresh ring and writer; the backend takes `bytes` every `every_ns`. */
static void
setup(uint64_t every_ns, uint32_t bytes)
{
	fake_reset(backend);
	memset(ring, 0, RING_SIZE);
	cons = prod = 0;
	memset(&out, 0, sizeof(out));
	out.ops = &fake_ops;
	out.port = 3;
	xen_ring_init_producer(&out.ring, ring, RING_SIZE, &cons, &prod);
	take_every_ns = every_ns;
	take_bytes = bytes;
	next_take_ns = fake_ns + every_ns;
	takes_back = false;
}

static void
burst(size_t len)
{
	static char buf[BURST];
	size_t i;

	for (i = 0; i < len; i += 64) {
		memset(buf, 'a' + (int)(i / 64 % 26), 63);
		buf[63] = '\n';
		xencons_out_write(&out, buf, len - i < 64 ? len - i : 64);
	}
}

/* Simulated time a write plus a flush may take at most. */
static double
bound_s(unsigned waits)
{
	return (double)(waits * XENCONS_WAIT_NS + 2 * FAKE_MS) / FAKE_S;
}

int
main(void)
{
	double t;
	int r;

	ring = malloc(RING_SIZE);
	if (ring == NULL)
		return 1;

	/* An honest backend takes everything whenever it runs. */
	setup(FAKE_MS, RING_SIZE);
	burst(BURST);
	is_int(xencons_out_flush(&out), 0, "honest backend: flush drains");
	is_int(out.st.written, BURST, "honest backend: every byte written");
	is_int(out.st.dropped, 0, "honest backend: none dropped");
	ok(!out.stalled, "honest backend: never stalled");

	/* The review's backend: one byte every 1.9 s. */
	setup(1900 * FAKE_MS, 1);
	burst(BURST);
	t = fake_elapsed_s();
	r = xencons_out_flush(&out);
	ok(out.stalled && out.st.dropped > 0, "1 byte per 1.9 s: stalled, "
	    "%llu bytes dropped", (unsigned long long)out.st.dropped);
	ok(t <= bound_s(1), "64 KiB written in %.1f s simulated (at most "
	    "one wait, %.1f s)", t, bound_s(1));
	ok(r != 0 && fake_elapsed_s() - t <= bound_s(1),
	    "flush gave up after %.1f s", fake_elapsed_s() - t);
	t = fake_elapsed_s();
	burst(BURST);
	ok(fake_elapsed_s() - t <= bound_s(0),
	    "once stalled, the next 64 KiB do not wait (%.3f s)",
	    fake_elapsed_s() - t);

	/* Above the minimum throughput (512 B/s): slow, but nothing lost. */
	setup(100 * FAKE_MS, 100);		/* 1000 B/s */
	burst(16 * 1024);
	is_int(xencons_out_flush(&out), 0, "1000 B/s: flush drains");
	is_int(out.st.dropped, 0, "1000 B/s: nothing dropped");
	ok(!out.stalled && out.st.stalls == 0, "1000 B/s: never stalled");

	/* Below it: stalled at the first full ring. */
	setup(100 * FAKE_MS, 25);		/* 250 B/s */
	burst(16 * 1024);
	ok(out.stalled && out.st.stalls >= 1 && out.st.dropped > 0,
	    "250 B/s: stalled, %llu bytes dropped",
	    (unsigned long long)out.st.dropped);
	ok(fake_elapsed_s() <= bound_s(1), "250 B/s: gave up after %.1f s",
	    fake_elapsed_s());

	/* A stalled backend that reads again is waited for again. */
	take_every_ns = FAKE_MS;
	take_bytes = RING_SIZE;
	is_int(xencons_out_flush(&out), 0, "backend back: flush drains");
	ok(!out.stalled, "backend back: no longer stalled");
	burst(8 * 1024);
	is_int(xencons_out_flush(&out), 0, "backend back: 8 KiB more");
	is_int(out.st.written + out.st.dropped, 16 * 1024 + 8 * 1024,
	    "every byte written or counted as dropped");

	/* Room shown, then taken back after we wrote: impossible, broken. */
	setup(0, 0);
	takes_back = true;
	burst(BURST);
	ok(xen_ring_pending(&out.ring) < 0,
	    "backend that moves its index back: ring broken");
	ok(fake_elapsed_s() <= bound_s(1), "and the write ended after %.1f s",
	    fake_elapsed_s());
	is_int(out.st.written + out.st.dropped, BURST,
	    "every byte written or counted as dropped");

	/* The clock stops and the backend is silent: polls end the wait. */
	setup(0, 0);
	fake_clock_stopped = true;
	burst(4 * RING_SIZE);
	r = xencons_out_flush(&out);
	ok(out.stalled && r != 0, "stopped clock, silent backend: stalled");
	ok(fake_yields <= 2 * (XENCONS_WAIT_NS / XEN_WAIT_POLL_MIN_NS) + 2,
	    "%llu polls: at most one wait's worth per wait",
	    (unsigned long long)fake_yields);

	free(ring);
	return done_testing();
}
