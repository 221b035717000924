/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tslog: boot-time event timestamps, after FreeBSD's sys/tslog.h.
 *
 *	TSENTER();		at the top of a function: its name, ENTER
 *	TSEXIT();		before it returns
 *	TSENTER2(name);		a phase that is not a whole function
 *	TSEXIT2(name);
 *	TSEVENT(what);		a point in time
 *
 * Records go into a fixed 16 KiB buffer from the first C instruction on;
 * the PVH entry TSC from locore.S is the first record.  With the `tslog`
 * option they are printed after boot in FreeBSD's debug.tslog format,
 *	<td> <tsc> <ENTER|EXIT|THREAD|EVENT> <func>[ <arg>]
 * between a `tslog: begin ...` and a `tslog: end` line, so FreeBSD's
 * boot-profiling scripts and tools/tslog2trace read it unchanged.
 */
#ifndef _SYS_TSLOG_H_
#define _SYS_TSLOG_H_

#include <stdint.h>

#define TS_ENTER	0
#define TS_EXIT		1
#define TS_THREAD	2
#define TS_EVENT	3

#define TSLOG_BUFSIZE	16384	/* bytes: docs/design.md, Boot trace */

void	tslog(int type, const char *f, const char *s);
/* A record with a timestamp taken earlier (the entry TSC). */
void	tslog_at(uint64_t tsc, int type, const char *f, const char *s);
/* Print the records between marker lines (the `tslog` option). */
void	tslog_dump(void);
/* Records kept and records lost to a full buffer. */
unsigned tslog_count(unsigned *dropped);

#define TSENTER()	tslog(TS_ENTER, __func__, NULL)
#define TSEXIT()	tslog(TS_EXIT, __func__, NULL)
#define TSENTER2(x)	tslog(TS_ENTER, x, NULL)
#define TSEXIT2(x)	tslog(TS_EXIT, x, NULL)
#define TSEVENT(x)	tslog(TS_EVENT, x, NULL)

#endif /* !_SYS_TSLOG_H_ */
