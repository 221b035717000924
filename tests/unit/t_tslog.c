/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The tslog buffer: records kept in order, overflow counted and never
 * written past the buffer (ASan would see a write past tslog_recs), and
 * the dump in FreeBSD's format between the marker lines.
 */
/* sources: sys/kern/kern_tslog.c sys/lib/format.c */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include <lib/libkern.h>
#include <sys/clock.h>
#include <sys/tslog.h>

#include "tap.h"

static char out[1 << 16];
static size_t outlen;

/* The kernel's printf, into a buffer. */
int printf(const char *fmt, ...);

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(out + outlen, sizeof(out) - outlen, fmt, ap);
	va_end(ap);
	if (n > 0)
		outlen += (size_t)n < sizeof(out) - outlen ? (size_t)n :
		    sizeof(out) - outlen - 1;
	return n;
}

uint64_t
tsc_khz(void)
{
	return 1000;
}

/* kern_md.h's hook: which CPU logs; a second CPU from main() on. */
static unsigned cur_cpu;
unsigned cpu_number(void);

unsigned
cpu_number(void)
{
	return cur_cpu;
}

/* The <td> field of the dump line that contains rec. */
static const char *
thread_of(const char *rec)
{
	static char td[2][32];
	static unsigned k;
	const char *p = strstr(out, rec), *q;
	char *t = td[k++ % 2];

	if (p == NULL)
		return "";
	for (q = p; q > out && q[-1] != '\n'; q--)
		;
	snprintf(t, sizeof(td[0]), "%.*s", (int)(p - q), q);
	return t;
}

int
main(void)
{
	unsigned n, dropped, i, cap = TSLOG_BUFSIZE / 32;
	char line[128];

	tslog_at(100, TS_ENTER, "boot", NULL);
	tslog_at(150, TS_EVENT, "marker", "arg");
	tslog_at(200, TS_EXIT, "boot", NULL);
	n = tslog_count(&dropped);
	is_int(n, 3, "three records");
	is_int(dropped, 0, "none dropped");

	tslog_dump();
	ok(strncmp(out, "tslog: begin records=3 dropped=0 tsc_khz=1000\n",
	    strlen("tslog: begin records=3 dropped=0 tsc_khz=1000\n")) == 0,
	    "begin marker with counts and TSC rate");
	ok(strstr(out, " 100 ENTER boot\n") != NULL, "ENTER line");
	ok(strstr(out, " 150 EVENT marker arg\n") != NULL, "EVENT with arg");
	ok(strstr(out, " 200 EXIT boot\n") != NULL, "EXIT line");
	ok(strstr(out, "tslog: end\n") != NULL, "end marker");
	snprintf(line, sizeof(line), "%s", strchr(out, '\n') + 1);
	*strchr(line, '\n') = '\0';
	ok(strncmp(line, "0x", 2) == 0 && strchr(line, ' ') != NULL,
	    "FreeBSD format: <td> <tsc> <type> <func> (%s)", line);

	/*
	 * Two CPUs: records claimed out of TSC order come out sorted, each
	 * with its CPU's thread.
	 */
	outlen = 0;
	cur_cpu = 1;
	tslog_at(180, TS_ENTER, "ap_start", NULL);
	tslog_at(190, TS_EXIT, "ap_start", NULL);
	cur_cpu = 0;
	tslog_dump();
	ok(strstr(out, " 150 EVENT") != NULL &&
	    strstr(out, " 150 EVENT") < strstr(out, " 180 ENTER ap_start") &&
	    strstr(out, " 190 EXIT ap_start") < strstr(out, " 200 EXIT boot"),
	    "two CPUs' records merged in TSC order");
	ok(strcmp(thread_of(" 100 ENTER boot"), thread_of(" 180 ENTER "
	    "ap_start")) != 0 && strcmp(thread_of(" 180 ENTER ap_start"),
	    thread_of(" 190 EXIT ap_start")) == 0, "the second CPU's records "
	    "name a thread of their own");

	for (i = 0; i < cap + 50; i++)
		TSEVENT("fill");
	n = tslog_count(&dropped);
	is_int(n, cap, "buffer full at %u records (16 KiB)", cap);
	is_int(dropped, 55, "overflow counted");
	outlen = 0;
	tslog_dump();
	ok(strstr(out, "dropped=55") != NULL, "overflow reported in the dump");
	return done_testing();
}
