/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small TAP producer for the host unit tests.
 *
 *	ok(cond, "name %d", i);		one test line
 *	is_int(got, want, "name");	with the values on failure
 *	return done_testing();		plan line, exit status
 *
 * Only fprintf(stdout, ...) here, never printf: a test may define the
 * kernel's printf to capture what the code under test prints.
 */
#ifndef _TESTS_UNIT_TAP_H_
#define _TESTS_UNIT_TAP_H_

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	fprintf(stdout, "%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputs("\n", stdout);
	if (!cond)
		tap_failed++;
	return cond;
}

#define is_int(got, want, ...) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!ok(g_ == w_, __VA_ARGS__))					\
		fprintf(stdout, "#   got %lld, want %lld\n", g_, w_);		\
} while (0)

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (!ok(strcmp(g_, w_) == 0, __VA_ARGS__))			\
		fprintf(stdout, "#   got \"%s\"\n#  want \"%s\"\n", g_, w_);	\
} while (0)

static inline void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputs("\n", stdout);
}

static inline int
done_testing(void)
{
	fprintf(stdout, "1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif /* !_TESTS_UNIT_TAP_H_ */
