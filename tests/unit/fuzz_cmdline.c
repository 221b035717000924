/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the kernel command line parser on arbitrary bytes
 * (cut at the first NUL and at BI_CMDLINE_MAX - 1, as start_info's copy
 * is).  Besides "no crash, no sanitizer report": the test= value points
 * inside the command line, the exit method is a known one, the warning
 * count is what was reported, and each warning is one terminated line.
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this).
 */
/* sources: sys/kern/kern_cmdline.c sys/lib/format.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/bootinfo.h>
#include <sys/cmdline.h>

#include "fuzz.h"

static int warned;

static void
warn(const char *msg)
{
	size_t n = strnlen(msg, 1024);

	check(n < 1024, "warning not terminated");
	check(memchr(msg, '\n', n) == NULL, "warning of several lines");
	warned++;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char line[BI_CMDLINE_MAX];
	struct boot_options o;
	size_t n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;
	int nw;

	memcpy(line, data, n);
	line[n] = '\0';
	warned = 0;
	nw = cmdline_parse(line, &o, warn);
	check(nw == warned, "warning count");
	check(o.exit_method == EXIT_M_AUTO || o.exit_method == EXIT_M_DEBUGEXIT ||
	    o.exit_method == EXIT_M_ACPI || o.exit_method == EXIT_M_HALT ||
	    o.exit_method == EXIT_M_HV || o.exit_method == EXIT_M_WAIT,
	    "exit method");
	if (o.tests != NULL) {
		check(o.tests >= line && o.tests + o.tests_len <= line + n,
		    "test= value outside the command line");
		check(o.tests_len > 0, "empty test= accepted");
	}
	/* Without a warn callback: same result, nothing printed. */
	check(cmdline_parse(line, &o, NULL) == nw, "warn NULL differs");
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const seeds[] = {
		"test=all quiet",
		"console=hvc0 test=xen_timer,xenstore exit=hv tslog",
		"reboot=k panic=1 pci=off nomodules 8250.nr_uarts=0 test=all",
		"exit=acpi\ttest=memmap\nquiet= tslog=1 test= exit",
		/* Every exit= value, so each is checked from the first run. */
		"exit=debugexit exit=halt exit=auto exit=wait",
	};
	const char *dir = getenv("FUZZ_SEED_DIR");
	char name[32];
	unsigned i;

	(void)argc, (void)argv;
	for (i = 0; dir != NULL && i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		snprintf(name, sizeof(name), "seed-%u", i);
		fuzz_write_seed(dir, name, seeds[i], strlen(seeds[i]));
	}
	return 0;
}
