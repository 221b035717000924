/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Xen shared-ring code against a hostile peer: the other side's index
 * far ahead, behind ours, wrapped around 2^32, or changed between calls.
 * Every buffer is allocated at exactly the ring's size, so ASan reports
 * any byte read or written outside the ring; canaries around the caller's
 * buffers catch copies that run past what was asked.
 */
/* sources: sys/arch/xen/xen_ring.c */
#include <stdint.h>
#include <stdlib.h>

#include <arch/xen/xen_ring.h>

#include "tap.h"

#define RSZ	64

struct peer {
	char		*buf;
	uint32_t	cons, prod;
};

static struct peer *
peer_new(uint32_t cons, uint32_t prod)
{
	struct peer *p = calloc(1, sizeof(*p));

	p->buf = malloc(RSZ);
	memset(p->buf, '.', RSZ);
	p->cons = cons;
	p->prod = prod;
	return p;
}

static void
peer_free(struct peer *p)
{
	free(p->buf);
	free(p);
}

static int
all_dots(const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != '.')
			return 0;
	return 1;
}

static void
producer_cases(void)
{
	struct xen_ring r;
	struct peer *p;
	char msg[200];
	int i;

	for (i = 0; i < (int)sizeof(msg); i++)
		msg[i] = (char)('a' + i % 26);

	/* Normal: fill, wrap, full. */
	p = peer_new(0, 0);
	is_int(xen_ring_init_producer(&r, p->buf, RSZ, &p->cons, &p->prod), 0,
	    "producer init on an empty ring");
	is_int(xen_ring_put(&r, msg, 40), 40, "put 40 bytes");
	is_int(p->prod, 40, "prod published");
	is_int(xen_ring_put(&r, msg, 40), 24, "only the free 24 bytes go in");
	is_int(xen_ring_put(&r, msg, 1), 0, "full ring takes nothing");
	is_int(xen_ring_pending(&r), RSZ, "64 bytes pending");
	p->cons = 50;
	is_int(xen_ring_put(&r, msg + 100, 50), 50, "after the consumer moved, 50 more");
	ok(memcmp(p->buf, msg + 100, 50) == 0 &&
	    memcmp(p->buf + 50, msg + 10, 14) == 0,
	    "wrapped data lands at index & (size - 1), unread bytes kept");
	peer_free(p);

	/* Consumer index far ahead of ours: impossible, nothing written. */
	p = peer_new(0, 0);
	xen_ring_init_producer(&r, p->buf, RSZ, &p->cons, &p->prod);
	p->cons = 5000;
	is_int(xen_ring_put(&r, msg, 10), -1, "consumer ahead of producer: refused");
	ok(r.broken, "ring marked broken");
	ok(all_dots(p->buf, RSZ), "nothing written into the ring");
	is_int(p->prod, 0, "prod not moved");
	p->cons = 0;
	is_int(xen_ring_put(&r, msg, 10), -1, "broken is sticky even after the peer fixes its index");
	peer_free(p);

	/* Consumer index too far behind: more in flight than the ring holds. */
	p = peer_new(0, RSZ + 1);
	is_int(xen_ring_init_producer(&r, p->buf, RSZ, &p->cons, &p->prod), -1,
	    "init refuses prod - cons > size");
	is_int(xen_ring_put(&r, msg, 1), -1, "and never writes");
	ok(all_dots(p->buf, RSZ), "ring untouched");
	peer_free(p);

	/* Indices around 2^32 are normal: free-running counters wrap. */
	p = peer_new(0xfffffff0u, 0xfffffff0u);
	is_int(xen_ring_init_producer(&r, p->buf, RSZ, &p->cons, &p->prod), 0,
	    "init at indices near 2^32");
	is_int(xen_ring_put(&r, msg, 32), 32, "put across the 2^32 wrap");
	is_int(p->prod, 0x10, "prod wrapped to 0x10");
	ok(memcmp(p->buf + 48, msg, 16) == 0 && memcmp(p->buf, msg + 16, 16) == 0,
	    "bytes split at the end of the buffer");
	is_int(xen_ring_pending(&r), 32, "32 pending across the wrap");
	peer_free(p);

	/* Our index is ours: a peer scribbling on prod changes nothing. */
	p = peer_new(0, 0);
	xen_ring_init_producer(&r, p->buf, RSZ, &p->cons, &p->prod);
	xen_ring_put(&r, msg, 8);
	p->prod = 0x7fffffff;
	p->cons = 8;
	is_int(xen_ring_put(&r, msg, 8), 8, "put ignores a tampered shared prod");
	is_int(p->prod, 16, "prod rewritten from the private copy");
	peer_free(p);

	/* Bad geometry. */
	p = peer_new(0, 0);
	is_int(xen_ring_init_producer(&r, p->buf, 48, &p->cons, &p->prod), -1,
	    "size not a power of two refused");
	is_int(xen_ring_init_producer(&r, p->buf, 0, &p->cons, &p->prod), -1,
	    "size 0 refused");
	peer_free(p);
}

static void
consumer_cases(void)
{
	struct xen_ring r;
	struct peer *p;
	char out[RSZ + 32];
	long n;

	/* Normal, then a read across the wrap. */
	p = peer_new(0xffffffe0u, 0xffffffe0u);
	xen_ring_init_consumer(&r, p->buf, RSZ, &p->cons, &p->prod);
	memcpy(p->buf + 32, "0123456789abcdefghijklmnopqrstuv", 32);
	memcpy(p->buf, "WXYZ", 4);
	p->prod = 0xffffffe0u + 36;
	is_int(xen_ring_avail(&r), 36, "36 bytes available across 2^32");
	memset(out, '#', sizeof(out));
	n = xen_ring_get(&r, out, 10);
	is_int(n, 10, "get 10");
	ok(memcmp(out, "0123456789", 10) == 0 && out[10] == '#',
	    "10 bytes copied, not one more");
	n = xen_ring_get(&r, out, sizeof(out));
	is_int(n, 26, "the rest: 26 bytes, not the buffer size");
	ok(memcmp(out, "abcdefghijklmnopqrstuvWXYZ", 26) == 0 && out[26] == '#',
	    "wrapped read in order");
	is_int(p->cons, 4, "cons published, wrapped");
	is_int(xen_ring_get(&r, out, 5), 0, "empty ring gives 0");
	peer_free(p);

	/* Producer far ahead: would make us read past the ring. */
	p = peer_new(0, 0);
	xen_ring_init_consumer(&r, p->buf, RSZ, &p->cons, &p->prod);
	p->prod = 1u << 30;
	memset(out, '#', sizeof(out));
	is_int(xen_ring_get(&r, out, sizeof(out)), -1, "producer far ahead: refused");
	ok(out[0] == '#', "nothing copied out");
	is_int(p->cons, 0, "cons not moved");
	is_int(xen_ring_avail(&r), -1, "avail reports the broken ring");
	peer_free(p);

	/* Producer one past full. */
	p = peer_new(100, 100);
	xen_ring_init_consumer(&r, p->buf, RSZ, &p->cons, &p->prod);
	p->prod = 100 + RSZ + 1;
	is_int(xen_ring_get(&r, out, 1), -1, "prod - cons = size + 1 refused");
	peer_free(p);

	/* Exactly full is fine. */
	p = peer_new(100, 100);
	xen_ring_init_consumer(&r, p->buf, RSZ, &p->cons, &p->prod);
	p->prod = 100 + RSZ;
	is_int(xen_ring_get(&r, out, sizeof(out)), RSZ, "a full ring reads whole");
	peer_free(p);

	/* Producer moved backwards (behind our cons). */
	p = peer_new(100, 120);
	xen_ring_init_consumer(&r, p->buf, RSZ, &p->cons, &p->prod);
	xen_ring_get(&r, out, 20);
	p->prod = 110;
	is_int(xen_ring_get(&r, out, 1), -1, "producer behind consumer refused");
	peer_free(p);

	/* Our cons is private: a peer rewinding it cannot make us re-read. */
	p = peer_new(0, 8);
	xen_ring_init_consumer(&r, p->buf, RSZ, &p->cons, &p->prod);
	xen_ring_get(&r, out, 8);
	p->cons = 0;
	is_int(xen_ring_get(&r, out, 8), 0, "tampered shared cons ignored");
	peer_free(p);
}

/*
 * Random peer indices, changed between every call: the return value is
 * always -1 or within what was asked and what fits, and ASan sees every
 * access (the ring is exactly RSZ bytes).
 */
static void
random_cases(void)
{
	struct xen_ring r;
	struct peer *p;
	char buf[3 * RSZ];
	unsigned seed = 12345, i, bad = 0, refused = 0;
	long n;
	size_t want;

	for (i = 0; i < 200000; i++) {
		int producer = i & 1;

		seed = seed * 1103515245u + 12345u;
		p = peer_new(seed, seed + (seed >> 20) % (RSZ + 1));
		if (producer)
			xen_ring_init_producer(&r, p->buf, RSZ, &p->cons, &p->prod);
		else
			xen_ring_init_consumer(&r, p->buf, RSZ, &p->cons, &p->prod);
		seed = seed * 1103515245u + 12345u;
		/* Half the time a sane move, half the time anything. */
		if (seed & 1) {
			if (producer)
				p->cons += (seed >> 8) % (RSZ + 1);
			else
				p->prod += (seed >> 8) % (RSZ + 1);
		} else {
			if (producer)
				p->cons = seed * 2654435761u;
			else
				p->prod = seed * 2654435761u;
		}
		want = (seed >> 4) % sizeof(buf);
		n = producer ? xen_ring_put(&r, buf, want) :
		    xen_ring_get(&r, buf, want);
		if (n < -1 || n > (long)want || n > RSZ)
			bad++;
		if (n == -1)
			refused++;
		peer_free(p);
	}
	is_int(bad, 0, "200000 random peer states: every result in range");
	ok(refused > 0 && refused < 200000, "some refused (%u), some not", refused);
}

int
main(void)
{
	producer_cases();
	consumer_cases();
	random_cases();
	return done_testing();
}
