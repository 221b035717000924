/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The wall clock's calendar (sys/lib/civil.c) against an independent
 * reference, the C library: gmtime_r() for days -> date and the ISO 8601
 * text (strftime), timegm() for date -> days.  Every day from 1600 to
 * 2500 (leap centuries 1600, 2000, 2400 and the plain ones between), and
 * a sample of seconds across the 2038 and 2106 32-bit edges, where Xen's
 * wc_sec_hi and KVM's 32-bit wall clock matter.
 */
/* sources: sys/lib/civil.c sys/lib/format.c */
#include <stdint.h>
#include <time.h>

#include <lib/libkern.h>

#include "tap.h"

#define SECS_PER_DAY	86400

int
main(void)
{
	/* 1600-01-01 and 2500-12-31 as days from the epoch (timegm). */
	struct tm lo_tm = { .tm_year = 1600 - 1900, .tm_mon = 0, .tm_mday = 1 };
	struct tm hi_tm = { .tm_year = 2500 - 1900, .tm_mon = 11, .tm_mday = 31 };
	int64_t lo = (int64_t)timegm(&lo_tm) / SECS_PER_DAY;
	int64_t hi = (int64_t)timegm(&hi_tm) / SECS_PER_DAY;
	int64_t d, got, bad_to = 0, bad_from = 0, n = 0;
	static const int64_t secs[] = {
		0, 1, 59, 86399, 86400, 951782400 /* 2000-02-29 */,
		2147483647, 2147483648LL, 4294967295LL, 4294967296LL,
		1796256000 /* 2026-12-03 */, -1, -86401,
	};
	struct civil_date cd;
	char want[64], buf[64];
	struct tm tm;
	time_t t;
	unsigned i;

	ok(lo < 0 && hi > 0, "reference range %lld..%lld days", (long long)lo,
	    (long long)hi);
	for (d = lo; d <= hi; d++, n++) {
		t = (time_t)(d * SECS_PER_DAY);
		gmtime_r(&t, &tm);
		civil_from_days(d, &cd);
		if (cd.year != tm.tm_year + 1900 ||
		    cd.month != (unsigned)tm.tm_mon + 1 ||
		    cd.day != (unsigned)tm.tm_mday) {
			if (bad_from++ < 5)
				diag("day %lld: got %lld-%u-%u, gmtime %d-%d-%d",
				    (long long)d, (long long)cd.year, cd.month,
				    cd.day, tm.tm_year + 1900, tm.tm_mon + 1,
				    tm.tm_mday);
		}
		got = days_from_civil(tm.tm_year + 1900,
		    (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
		if (got != d && bad_to++ < 5)
			diag("%d-%d-%d: days_from_civil %lld, timegm %lld",
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    (long long)got, (long long)d);
	}
	is_int(bad_from, 0, "civil_from_days = gmtime for %lld days, 1600-2500",
	    (long long)n);
	is_int(bad_to, 0, "days_from_civil = timegm for the same days");

	for (i = 0; i < nitems(secs); i++) {
		t = (time_t)secs[i];
		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
		is_int(fmt_iso8601(buf, sizeof(buf), secs[i]), 20,
		    "fmt_iso8601(%lld) length", (long long)secs[i]);
		is_str(buf, want, "fmt_iso8601(%lld) = strftime", (long long)secs[i]);
	}
	return done_testing();
}
