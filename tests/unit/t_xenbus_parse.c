/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenbus's parsing of what the toolstack and the backend write in
 * xenstore: numbers (sizes, states, domids) and the device directory.
 */
/* sources: sys/arch/xen/xenbus_parse.c */
#include <arch/xen/xenbus.h>

#include "tap.h"

static void
u64_cases(void)
{
	uint64_t v = 7;

	ok(xenbus_parse_u64("0", &v) == 0 && v == 0, "u64: 0");
	ok(xenbus_parse_u64("6145", &v) == 0 && v == 6145, "u64: 6145");
	ok(xenbus_parse_u64("18446744073709551615", &v) == 0 &&
	    v == UINT64_MAX, "u64: 2^64-1");
	is_int(xenbus_parse_u64("18446744073709551616", &v), -1,
	    "u64: 2^64 overflows, refused");
	is_int(xenbus_parse_u64("", &v), -1, "u64: empty refused");
	is_int(xenbus_parse_u64("-1", &v), -1, "u64: sign refused");
	is_int(xenbus_parse_u64("12 ", &v), -1, "u64: trailing space refused");
	is_int(xenbus_parse_u64("0x10", &v), -1, "u64: hex refused");
}

static void
ids_cases(void)
{
	uint32_t ids[4];
	unsigned bad, n;
	static const char two[] = "51728\0" "51712\0";
	static const char junk[] = "51712\0abc\0" "4294967296\0" "768\0";
	static const char cut[] = { '5', '1', '7', '1', '2', 0, '7', '6', '8' };
	static const char many[] = "1\0" "2\0" "3\0" "4\0" "5\0";

	n = xenbus_parse_ids(two, sizeof(two) - 1, ids, 4, &bad);
	ok(n == 2 && ids[0] == 51712 && ids[1] == 51728 && bad == 0,
	    "ids: two, sorted (xvda before xvdb)");
	n = xenbus_parse_ids(junk, sizeof(junk) - 1, ids, 4, &bad);
	ok(n == 2 && ids[0] == 768 && ids[1] == 51712 && bad == 2,
	    "ids: a name and 2^32 refused, the rest kept (%u, %u bad)", n, bad);
	n = xenbus_parse_ids(cut, sizeof(cut), ids, 4, &bad);
	ok(n == 1 && ids[0] == 51712 && bad == 1,
	    "ids: an unterminated last name refused, no read past the reply");
	n = xenbus_parse_ids(many, sizeof(many) - 1, ids, 4, &bad);
	ok(n == 4 && bad == 1 && ids[3] == 4, "ids: at most max kept");
	n = xenbus_parse_ids("", 0, ids, 4, &bad);
	ok(n == 0 && bad == 0, "ids: empty directory");
}

static void
state_cases(void)
{
	is_str(xenbus_state_name(XenbusStateInitWait), "InitWait",
	    "state: InitWait");
	is_str(xenbus_state_name(XenbusStateClosed), "Closed", "state: Closed");
	is_str(xenbus_state_name(9), "invalid", "state: 9 invalid");
	is_str(xenbus_state_name(UINT64_MAX), "invalid", "state: 2^64-1 invalid");
}

int
main(void)
{
	u64_cases();
	ids_cases();
	state_cases();
	return done_testing();
}
