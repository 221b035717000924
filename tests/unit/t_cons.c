/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The batched console policy, in the order a KVM boot meets it: byte
 * sinks get everything, console= is parsed, a batched sink attaches and
 * gets the early output replayed once, unnamed byte sinks are muted (one
 * notice line, never probed again), console= names keep theirs (Linux's
 * ttyS0 = com1), unknown names are warned about, and after a panic every
 * sink gets everything again.
 */
/* sources: sys/kern/cons.c sys/lib/format.c */
#include "cons_fake.h"
#include "tap.h"

FAKE_SINK(dbg, "debugcon", 0);
FAKE_SINK(com, "com1", 0);
FAKE_SINK(nul, "nothere", 0);
FAKE_SINK(late, "late", 0);
FAKE_SINK(ring, "ring", CONS_BATCHED);

int
main(void)
{
	static const char early[] = "pvbus: one\ngenpvh: two\n  mem three\n";
	struct bootopt_str sel[2] = {
		{ "ttyS0,bogus", 11 },
		{ "hvc0", 4 },
	};
	char names[64], want[1024];

	nul.present = 0;
	cons_register(&dbg_sink);
	cons_register(&com_sink);
	cons_register(&nul_sink);
	put("pvbus: one\n");
	cons_select(sel, 2);
	put("genpvh: two\n");
	put("  mem three\n");
	is_str(dbg.out, early, "before the handover debugcon gets everything");
	is_str(com.out, early, "and so does com1");
	ok(nul.probes == 1 && nul.len == 0, "an absent sink is probed once "
	    "and gets nothing (probes %u)", nul.probes);
	cons_names(names, sizeof(names));
	is_str(names, "debugcon,com1", "console= before the handover");

	cons_register(&ring_sink);
	is_str(ring.out, early, "the batched sink gets the early output "
	    "replayed, once and in order");
	is_int(ring.writes, 1, "the replay is one write (one exit)");
	snprintf(want, sizeof(want), "%scons: output continues on ring "
	    "(console=debugcon keeps it here)\n", early);
	is_str(dbg.out, want, "debugcon is told where output went");
	is_str(com.out, early, "com1 (named as ttyS0) gets no notice");

	cons_register(&late_sink);
	put("report: x=1\n");
	snprintf(want, sizeof(want), "%sreport: x=1\n", early);
	is_str(ring.out, want, "after the handover: the batched sink");
	is_str(com.out, want, "and the named byte sink");
	ok(strstr(dbg.out, "report:") == NULL, "not the unnamed one");
	ok(late.probes == 0 && late.len == 0, "a muted sink is never probed "
	    "(probes %u)", late.probes);
	is_int(nul.probes, 1, "nor probed again");
	cons_names(names, sizeof(names));
	is_str(names, "com1,ring", "console= after the handover");

	printed_len = 0;
	is_int(cons_check_selected(), 1, "one console= name matches nothing");
	is_str(printed, "cons: console=bogus: no such console here; ignored\n",
	    "and is warned about (hvc0 matches the ring, ttyS0 com1)");

	cons_flush();
	ok(ring.flushes == 1 && dbg.flushes == 0 && com.flushes == 1,
	    "flush goes where output goes (ring %u, debugcon %u, com1 %u)",
	    ring.flushes, dbg.flushes, com.flushes);

	cons_panic();
	put("panic: boom\n");
	ok(strstr(dbg.out, "panic: boom\n") != NULL, "panic: debugcon again");
	is_str(late.out, "panic: boom\n", "and the never-probed muted sink");
	ok(strstr(ring.out, "report: x=1\npanic: boom\n") != NULL &&
	    strstr(com.out, "report: x=1\npanic: boom\n") != NULL,
	    "and the others, in order");
	is_int(nul.len, 0, "an absent sink still gets nothing");
	return done_testing();
}
