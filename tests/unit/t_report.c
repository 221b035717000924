/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot report line: common keys first in their fixed order, then the
 * backends' keys as they came; spaces in values become '_'; a value from
 * the hypervisor (a domain name, say) can never end the line and forge
 * another "report:" line: bytes outside 0x20..0x7e are escaped.
 */
/* sources: sys/kern/kern_report.c sys/lib/format.c */
#include <stdio.h>
#include <string.h>

#include <sys/report.h>

#include "tap.h"

int
main(void)
{
	char line[1024];
	size_t n;

	report_add("domname", "%s", "evil\nreport: hv=xen mem_kib=99999999 "
	    "modules=7");
	report_add("xen", "%d.%d", 4, 17);
	report_add("hv", "%s", "xen");
	report_add("mem_kib", "%u", 65536u);
	report_add("domid", "%s", "a\x1b[2J\\b");
	n = report_format(line, sizeof(line));
	is_int(n, strlen(line), "returns the line's length");
	is_str(line, " hv=xen mem_kib=65536 domname=evil\\x0areport:_hv=xen_"
	    "mem_kib=99999999_modules=7 xen=4.17 domid=a\\x1b[2J\\x5cb",
	    "common keys first; values escaped, spaces as '_'");
	ok(strchr(line, '\n') == NULL && strstr(line, " mem_kib=99999999")
	    == NULL, "no newline, no forged mem_kib key");
	/* A value too long for the line is dropped whole, not cut. */
	{
		char big[200];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		report_add("big", "%s", big);
		report_format(line, sizeof(line));
		ok(strstr(line, "big=") == NULL, "an oversized value dropped");
	}
	return done_testing();
}
