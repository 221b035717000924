/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Calendar arithmetic for the wall clock: days since 1970-01-01 to and
 * from a proleptic Gregorian date, and ISO 8601 UTC text.  Howard
 * Hinnant's algorithms ("chrono-Compatible Low-Level Date Algorithms"):
 * eras of 400 years (146097 days), March-based years so that the leap
 * day is the last of its year.  No tables, no loops, no libc: the host
 * unit test checks them against the C library's gmtime() and timegm().
 */
#include <lib/libkern.h>

#define DAYS_PER_ERA	146097		/* 400 Gregorian years */
#define YEARS_PER_ERA	400
/* 1970-01-01 is day 719468 counted from 0000-03-01. */
#define EPOCH_SHIFT	719468
#define SECS_PER_DAY	86400

int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - (YEARS_PER_ERA - 1)) / YEARS_PER_ERA;
	yoe = y - era * YEARS_PER_ERA;			/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

void
civil_from_days(int64_t z, struct civil_date *cd)
{
	int64_t era, doe, yoe, doy, mp;

	z += EPOCH_SHIFT;
	era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	doe = z - era * DAYS_PER_ERA;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	cd->day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	cd->month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	cd->year = yoe + era * YEARS_PER_ERA + (cd->month <= 2);
}

int
fmt_iso8601(char *buf, size_t size, int64_t sec)
{
	struct civil_date cd;
	int64_t days = sec / SECS_PER_DAY, rem = sec % SECS_PER_DAY;

	if (rem < 0) {
		rem += SECS_PER_DAY;
		days--;
	}
	civil_from_days(days, &cd);
	return fmt_snprintf(buf, size, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
	    (long long)cd.year, cd.month, cd.day, (unsigned)(rem / 3600),
	    (unsigned)(rem / 60 % 60), (unsigned)(rem % 60));
}
