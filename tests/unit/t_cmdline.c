/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel command line parser.
 */
/* sources: sys/kern/kern_cmdline.c sys/lib/format.c */
#include <sys/cmdline.h>

#include "tap.h"

static char warnings[1024];
static int nwarn;

static void
warn(const char *msg)
{
	nwarn++;
	strncat(warnings, msg, sizeof(warnings) - strlen(warnings) - 2);
	strcat(warnings, "\n");
}

static int
parse(const char *s, struct boot_options *o)
{
	warnings[0] = '\0';
	nwarn = 0;
	return cmdline_parse(s, o, warn);
}

int
main(void)
{
	struct boot_options o;
	char big[3000];
	int n;

	is_int(parse("", &o), 0, "empty command line");
	ok(!o.quiet && o.tests == NULL && o.exit_method == EXIT_M_AUTO,
	    "defaults");

	is_int(parse("quiet test=all exit=debugexit", &o), 0, "three options");
	ok(o.quiet, "quiet");
	ok(!o.exitmark, "no exitmark unless asked");
	parse("exitmark", &o);
	ok(o.exitmark, "exitmark");
	parse("quiet test=all exit=debugexit", &o);
	ok(o.tests != NULL && o.tests_len == 3 &&
	    memcmp(o.tests, "all", 3) == 0, "test=all");
	is_int(o.exit_method, EXIT_M_DEBUGEXIT, "exit=debugexit");

	parse("  test=a,b,c\t\tquiet  ", &o);
	ok(o.tests_len == 5 && memcmp(o.tests, "a,b,c", 5) == 0,
	    "tabs and runs of spaces; list value");
	is_int(nwarn, 0, "no warnings");

	parse("exit=acpi", &o);
	is_int(o.exit_method, EXIT_M_ACPI, "exit=acpi");
	parse("exit=halt", &o);
	is_int(o.exit_method, EXIT_M_HALT, "exit=halt");
	parse("exit=hv", &o);
	is_int(o.exit_method, EXIT_M_HV, "exit=hv");
	parse("exit=wait", &o);
	is_int(o.exit_method, EXIT_M_WAIT, "exit=wait");
	parse("exit=acpi exit=halt", &o);
	is_int(o.exit_method, EXIT_M_HALT, "last one wins");

	n = parse("earlyprintk=ttyS0 foo quiet", &o);
	is_int(n, 2, "two unknown options warned");
	ok(strstr(warnings, "unknown option 'earlyprintk=ttyS0' ignored") !=
	    NULL, "unknown option named in the warning");
	ok(o.quiet, "known options still applied after unknown ones");

	/* console=: kept as given (names are checked by cons.c), repeatable. */
	n = parse("console=ttyS0 console=virtcons,debugcon", &o);
	is_int(n, 0, "console= twice: no warning");
	ok(o.nconsole == 2 && o.console[0].len == 5 &&
	    memcmp(o.console[0].s, "ttyS0", 5) == 0 &&
	    o.console[1].len == 17 &&
	    memcmp(o.console[1].s, "virtcons,debugcon", 17) == 0,
	    "both console= values kept, in order");
	n = parse("console=a console=b console=c console=d console=e", &o);
	ok(n == 1 && o.nconsole == BOOTOPT_MAX_CONSOLE &&
	    strstr(warnings, "'e' ignored") != NULL,
	    "a fifth console= is warned about and ignored");
	n = parse("console=", &o);
	ok(n == 1 && o.nconsole == 0, "empty console= warned");

	n = parse("exit=sideways", &o);
	is_int(n, 1, "bad exit= value warned");
	is_int(o.exit_method, EXIT_M_AUTO, "bad exit= keeps auto");
	n = parse("test", &o);
	is_int(n, 1, "test without a value warned");
	ok(o.tests == NULL, "test without a value not set");
	n = parse("test=", &o);
	is_int(n, 1, "empty test= warned");
	n = parse("quiet=yes", &o);
	is_int(n, 1, "value on a flag warned");
	ok(!o.quiet, "quiet=yes not taken as quiet");
	n = parse("quietly tests=all", &o);
	is_int(n, 2, "prefixes of names are not names");

	/* A long token is quoted shortened, never overflowing. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = parse(big, &o);
	is_int(n, 1, "2999-byte unknown token warned once");
	ok(strlen(warnings) < 200, "warning stays short");
	return done_testing();
}
