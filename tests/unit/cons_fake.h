/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fake console sinks for the console policy tests (t_cons, t_cons_early):
 * each keeps what it was given, how often it was probed and flushed.
 * Also the kernel's printf (into a buffer) and a tslog that does nothing.
 */
#ifndef _TESTS_UNIT_CONS_FAKE_H_
#define _TESTS_UNIT_CONS_FAKE_H_

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <lib/libkern.h>
#include <sys/cons.h>
#include <sys/tslog.h>

struct fake {
	char	out[8192];
	size_t	len;
	unsigned writes, probes, flushes;
	int	present;
};

static void
fake_put(struct fake *f, const char *s, size_t n)
{
	if (n > sizeof(f->out) - 1 - f->len)
		n = sizeof(f->out) - 1 - f->len;
	memcpy(f->out + f->len, s, n);
	f->len += n;
	f->out[f->len] = '\0';
	f->writes++;
}

/* One fake per name: its write/probe/flush functions and its sink. */
#define FAKE_SINK(v, nm, fl)						\
	static struct fake v = { .present = 1 };			\
	static void v##_write(const char *s, size_t n) { fake_put(&v, s, n); } \
	static int v##_probe(void) { v.probes++; return v.present; }	\
	static void v##_flush(void) { v.flushes++; }			\
	static const struct cons_sink v##_sink = { .name = nm,		\
	    .probe = (fl) & CONS_BATCHED ? NULL : v##_probe,		\
	    .write = v##_write, .flush = v##_flush, .flags = (fl) }

/* Everything the code under test printed with printf. */
static char printed[4096];
static size_t printed_len;

int printf(const char *fmt, ...);

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(printed + printed_len, sizeof(printed) - printed_len,
	    fmt, ap);
	va_end(ap);
	if (n > 0)
		printed_len += (size_t)n < sizeof(printed) - printed_len ?
		    (size_t)n : sizeof(printed) - printed_len - 1;
	return n;
}

void
tslog(int type, const char *f, const char *s)
{
	(void)type, (void)f, (void)s;
}

/* What printf does in the kernel: one chunk per line. */
static void
put(const char *s)
{
	cons_write(s, strlen(s));
}

#endif /* !_TESTS_UNIT_CONS_FAKE_H_ */
