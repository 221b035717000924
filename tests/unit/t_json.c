/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The JSON writer (sys/lib/json.c): what it writes must be valid JSON by
 * an independent parser, Python's json module, with the values intact
 * (hostile strings included); a document that does not fit or is left
 * unbalanced is reported, never passed off as whole.
 */
/* sources: sys/lib/json.c sys/lib/format.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <lib/libkern.h>

#include "tap.h"

/*
 * python3 parses doc and checks it with expr (d is the document); exit
 * status 0 only if it parsed and expr held.
 */
static int
py_check(const char *doc, const char *expr)
{
	char path[] = "/tmp/t_json.XXXXXX", cmd[1024];
	FILE *f;
	int fd, rc;

	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return -1;
	fputs(doc, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "python3 -c 'import json, sys; "
	    "d = json.load(open(sys.argv[1], encoding=\"ascii\")); "
	    "sys.exit(0 if (%s) else 3)' %s", expr, path);
	rc = system(cmd);
	unlink(path);
	return rc;
}

int
main(void)
{
	static const char hostile[] = "a\"b\\c\nd\x01\x7f\xff</e>";
	char buf[1024], small[16];
	struct json j;
	unsigned i;

	json_init(&j, buf, sizeof(buf));
	json_open(&j, NULL, '{');
	json_str(&j, "vendor", "AuthenticAMD");
	json_u64(&j, "max", UINT64_MAX);
	json_hex(&j, "cr0", 0x11);
	json_bool(&j, "t", true);
	json_bool(&j, "f", false);
	json_str(&j, "hostile", hostile);
	json_open(&j, "empty", '{');
	json_close(&j, '}');
	json_open(&j, "list", '[');
	for (i = 0; i < 3; i++) {
		json_open(&j, NULL, '{');
		json_u64(&j, "i", i);
		json_close(&j, '}');
	}
	json_str(&j, NULL, "x");
	json_close(&j, ']');
	json_open(&j, "nothing", '[');
	json_close(&j, ']');
	json_close(&j, '}');
	ok(json_ok(&j), "document complete");
	diag("%s", buf);
	ok(strchr(buf, '\n') == NULL, "one line");
	is_int(py_check(buf, "d[\"vendor\"] == \"AuthenticAMD\" and "
	    "d[\"max\"] == 18446744073709551615 and d[\"cr0\"] == \"0x11\" and "
	    "d[\"t\"] is True and d[\"f\"] is False and d[\"empty\"] == {} and "
	    "[e[\"i\"] for e in d[\"list\"][:3]] == [0, 1, 2] and "
	    "d[\"list\"][3] == \"x\" and d[\"nothing\"] == []"), 0,
	    "python3 json parses it, every value as written");
	is_int(py_check(buf, "d[\"hostile\"] == \"a\\\"b\\\\c\\nd\\x01\\x7f\\xff</e>\""),
	    0, "a hostile string survives, escaped (bytes >= 0x7f as \\u00XX)");

	json_init(&j, small, sizeof(small));
	json_open(&j, NULL, '{');
	json_str(&j, "key", "a value longer than the buffer");
	json_close(&j, '}');
	ok(!json_ok(&j), "too long: not ok");
	ok(strlen(small) < sizeof(small), "and the buffer stays terminated");

	json_init(&j, buf, sizeof(buf));
	json_open(&j, NULL, '{');
	json_u64(&j, "a", 1);
	ok(!json_ok(&j), "unbalanced: not ok");
	json_close(&j, '}');
	json_close(&j, '}');
	ok(!json_ok(&j), "closed once too often: not ok");
	return done_testing();
}
