/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared byte rings with an untrusted peer (see xen_ring.h).
 *
 * Ordering: a producer makes the data visible before the new prod; a
 * consumer reads prod before the data and finishes reading before it
 * hands the space back with the new cons.  The other side's index is read
 * exactly once per call into a local: reading it twice could see two
 * different values and pass a check with one while using the other.
 */
#include <arch/xen/xen_ring.h>

static int
ring_size_ok(uint32_t size)
{
	return size != 0 && (size & (size - 1)) == 0;
}

static int
ring_init(struct xen_ring *r, volatile void *buf, uint32_t size,
    volatile uint32_t *cons, volatile uint32_t *prod, bool producer)
{
	uint32_t c, p;

	r->buf = buf;
	r->size = size;
	r->cons = cons;
	r->prod = prod;
	r->broken = false;
	c = __atomic_load_n(cons, __ATOMIC_ACQUIRE);
	p = __atomic_load_n(prod, __ATOMIC_ACQUIRE);
	r->mine = producer ? p : c;
	if (!ring_size_ok(size) || p - c > size) {
		r->broken = true;
		return -1;
	}
	return 0;
}

int
xen_ring_init_producer(struct xen_ring *r, volatile void *buf, uint32_t size,
    volatile uint32_t *cons, volatile uint32_t *prod)
{
	return ring_init(r, buf, size, cons, prod, true);
}

int
xen_ring_init_consumer(struct xen_ring *r, volatile void *buf, uint32_t size,
    volatile uint32_t *cons, volatile uint32_t *prod)
{
	return ring_init(r, buf, size, cons, prod, false);
}

/* Bytes in flight, or -1 if the peer's index makes that impossible. */
static long
ring_used(struct xen_ring *r, uint32_t cons, uint32_t prod)
{
	uint32_t used = prod - cons;

	if (r->broken || used > r->size) {
		r->broken = true;
		return -1;
	}
	return (long)used;
}

long
xen_ring_pending(struct xen_ring *r)
{
	uint32_t cons = __atomic_load_n(r->cons, __ATOMIC_ACQUIRE);

	return ring_used(r, cons, r->mine);
}

long
xen_ring_put(struct xen_ring *r, const void *src, size_t n)
{
	const char *s = src;
	uint32_t cons = __atomic_load_n(r->cons, __ATOMIC_ACQUIRE);
	long used = ring_used(r, cons, r->mine);
	size_t room, i;

	if (used < 0)
		return -1;
	room = r->size - (size_t)used;
	if (n > room)
		n = room;
	for (i = 0; i < n; i++)
		r->buf[(r->mine + (uint32_t)i) & (r->size - 1)] = s[i];
	r->mine += (uint32_t)n;
	__atomic_store_n(r->prod, r->mine, __ATOMIC_RELEASE);
	return (long)n;
}

long
xen_ring_avail(struct xen_ring *r)
{
	uint32_t prod = __atomic_load_n(r->prod, __ATOMIC_ACQUIRE);

	return ring_used(r, r->mine, prod);
}

long
xen_ring_get(struct xen_ring *r, void *dst, size_t n)
{
	char *d = dst;
	uint32_t prod = __atomic_load_n(r->prod, __ATOMIC_ACQUIRE);
	long avail = ring_used(r, r->mine, prod);
	size_t i;

	if (avail < 0)
		return -1;
	if (n > (size_t)avail)
		n = (size_t)avail;
	for (i = 0; i < n; i++)
		d[i] = r->buf[(r->mine + (uint32_t)i) & (r->size - 1)];
	r->mine += (uint32_t)n;
	/* Release: our reads of the data are done before the space is given back. */
	__atomic_store_n(r->cons, r->mine, __ATOMIC_RELEASE);
	return (long)n;
}
