/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot trace buffer.  Records are claimed with an atomic add, so that
 * an interrupt handler or another CPU that logs cannot tear one; each
 * names the CPU that took it (cpu_number(), kern_md.h), and the dump
 * sorts them by TSC, which every CPU reads alike (t_smp's smp_clock), so
 * that the CPUs' records come out merged in time order.  A full buffer
 * counts what it drops and never writes past its end.
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
	uint32_t	cpu;
};

#define TSLOG_NRECS	(TSLOG_BUFSIZE / sizeof(struct tslog_rec))

/* Only records below tslog_next are ever read. */
static struct tslog_rec tslog_recs[TSLOG_NRECS] __noinit;
static unsigned tslog_next;	/* may pass TSLOG_NRECS: that many were lost */

/*
 * The "thread" FreeBSD's format names, one per CPU: only their addresses
 * are printed.  CPUs beyond the array share the last.
 */
#define TSLOG_MAXCPUS	16
static const char tslog_threads[TSLOG_MAXCPUS][1];

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
	tslog_recs[pos].cpu = cpu_number();
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
	struct tslog_rec r0;
	unsigned i, j, n, dropped;

	n = tslog_count(&dropped);
	/* Stable insertion sort by TSC: nearly sorted already. */
	for (i = 1; i < n; i++) {
		r0 = tslog_recs[i];
		for (j = i; j > 0 && tslog_recs[j - 1].tsc > r0.tsc; j--)
			tslog_recs[j] = tslog_recs[j - 1];
		tslog_recs[j] = r0;
	}
	printf("tslog: begin records=%u dropped=%u tsc_khz=%llu\n", n,
	    dropped, (unsigned long long)tsc_khz());
	for (i = 0; i < n; i++) {
		const struct tslog_rec *r = &tslog_recs[i];

		printf("%p %llu %s %s%s%s\n", (const void *)
		    tslog_threads[r->cpu < TSLOG_MAXCPUS ? r->cpu :
		    TSLOG_MAXCPUS - 1],
		    (unsigned long long)r->tsc,
		    r->type < nitems(types) ? types[r->type] : "EVENT",
		    r->f != NULL ? r->f : "(null)", r->s != NULL ? " " : "",
		    r->s != NULL ? r->s : "");
	}
	printf("tslog: end\n");
}
