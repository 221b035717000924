/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot trace buffer.  One CPU, interrupts mostly off: a plain index
 * is enough, but records are claimed with an atomic add so that an
 * interrupt handler that logs cannot tear one.  A full buffer counts what
 * it drops and never writes past its end.
 */
#include <sys/clock.h>
#include <sys/systm.h>
#include <sys/tslog.h>

#include <kern/kern_md.h>

struct tslog_rec {
	uint64_t	tsc;
	const char	*f;
	const char	*s;
	uint32_t	type;
};

#define TSLOG_NRECS	(TSLOG_BUFSIZE / sizeof(struct tslog_rec))

/* Only records below tslog_next are ever read. */
static struct tslog_rec tslog_recs[TSLOG_NRECS] __noinit;
static unsigned tslog_next;	/* may pass TSLOG_NRECS: that many were lost */

/* The "thread" FreeBSD's format names: the one boot CPU. */
static const char tslog_thread0[] = "boot";

void
tslog_at(uint64_t tsc, int type, const char *f, const char *s)
{
	unsigned pos = __atomic_fetch_add(&tslog_next, 1, __ATOMIC_RELAXED);

	if (pos >= TSLOG_NRECS)
		return;
	tslog_recs[pos].tsc = tsc;
	tslog_recs[pos].type = (uint32_t)type;
	tslog_recs[pos].f = f;
	tslog_recs[pos].s = s;
}

void
tslog(int type, const char *f, const char *s)
{
	tslog_at(rdtsc(), type, f, s);
}

unsigned
tslog_count(unsigned *dropped)
{
	unsigned n = __atomic_load_n(&tslog_next, __ATOMIC_RELAXED);

	if (dropped != NULL)
		*dropped = n > TSLOG_NRECS ? n - (unsigned)TSLOG_NRECS : 0;
	return n > TSLOG_NRECS ? (unsigned)TSLOG_NRECS : n;
}

void
tslog_dump(void)
{
	static const char *const types[] = {
		[TS_ENTER] = "ENTER", [TS_EXIT] = "EXIT",
		[TS_THREAD] = "THREAD", [TS_EVENT] = "EVENT",
	};
	unsigned i, n, dropped;

	n = tslog_count(&dropped);
	printf("tslog: begin records=%u dropped=%u tsc_khz=%llu\n", n,
	    dropped, (unsigned long long)tsc_khz());
	for (i = 0; i < n; i++) {
		const struct tslog_rec *r = &tslog_recs[i];

		printf("%p %llu %s %s%s%s\n", (const void *)tslog_thread0,
		    (unsigned long long)r->tsc,
		    r->type < nitems(types) ? types[r->type] : "EVENT",
		    r->f != NULL ? r->f : "(null)", r->s != NULL ? " " : "",
		    r->s != NULL ? r->s : "");
	}
	printf("tslog: end\n");
}
