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

	for (i = 0; i < cap + 50; i++)
		TSEVENT("fill");
	n = tslog_count(&dropped);
	is_int(n, cap, "buffer full at %u records (16 KiB)", cap);
	is_int(dropped, 53, "overflow counted");
	outlen = 0;
	tslog_dump();
	ok(strstr(out, "dropped=53") != NULL, "overflow reported in the dump");
	return done_testing();
}
