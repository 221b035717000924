/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * No batched sink (QEMU with -debugcon or a serial line only): output is
 * held until cons_settle(), then every byte sink gets it in one write
 * and is live; a quiet boot that printed nothing probes nothing.
 */
/* sources: sys/kern/cons.c sys/lib/format.c */
#include "cons_fake.h"
#include "tap.h"

FAKE_SINK(dbg, "debugcon", 0);
FAKE_SINK(com, "com1", 0);

int
main(void)
{
	static const char held[] = "cmdline: unknown option 'x' ignored\n"
	    "pvbus: tcg\n";
	char names[64];

	cons_register(&dbg_sink);
	cons_register(&com_sink);
	cons_select(NULL, 0);
	put("cmdline: unknown option 'x' ignored\n");
	put("pvbus: tcg\n");
	ok(dbg.len == 0 && com.len == 0 && dbg.probes + com.probes == 0,
	    "held until the settle, nothing probed");
	cons_settle();
	is_str(dbg.out, held, "the settle: debugcon gets what was held");
	is_str(com.out, held, "com1 too");
	ok(dbg.writes == 1 && com.writes == 1, "in one write each");
	put("report: x=1\n");
	ok(strstr(dbg.out, held) == dbg.out &&
	    strcmp(dbg.out + strlen(held), "report: x=1\n") == 0,
	    "then live, nothing doubled");
	cons_names(names, sizeof(names));
	is_str(names, "debugcon,com1", "console= in the report");
	ok(strstr(dbg.out, "cons:") == NULL, "no notice: nothing was muted");
	return done_testing();
}
