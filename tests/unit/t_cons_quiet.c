/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A quiet boot prints nothing before its consoles are settled: the
 * settle must then probe nothing (a probe is a port read, an exit); the
 * first line after it probes once and goes out live.
 */
/* sources: sys/kern/cons.c sys/lib/format.c */
#include "cons_fake.h"
#include "tap.h"

FAKE_SINK(dbg, "debugcon", 0);

int
main(void)
{
	cons_register(&dbg_sink);
	cons_select(NULL, 0);
	cons_settle();
	is_int(dbg.probes, 0, "nothing printed: the settle probes nothing");
	put("report: x=1\n");
	ok(dbg.probes == 1 && strcmp(dbg.out, "report: x=1\n") == 0,
	    "the first line probes once and goes out (probes %u)", dbg.probes);
	return done_testing();
}
