/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The batched console policy, in the order a KVM boot with a
 * virtio-console meets it: output is held; console= is parsed and the
 * byte sink it names (Linux's ttyS0 = com1) catches up and goes live;
 * the batched sink registers and gets everything held, once and in one
 * write; the unnamed byte sink is never probed nor written; unknown
 * names are warned about; a panic reaches the muted sinks (the panic
 * only: the batched sink has the rest).
 */
/* sources: sys/kern/cons.c sys/lib/format.c */
#include "cons_fake.h"
#include "tap.h"

FAKE_SINK(dbg, "debugcon", 0);
FAKE_SINK(com, "com1", 0);
FAKE_SINK(nul, "nothere", 0);
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
	ok(dbg.len == 0 && com.len == 0 && dbg.probes == 0 && com.probes == 0,
	    "before console= is known output is held, nothing probed");
	cons_select(sel, 2);
	is_str(com.out, "pvbus: one\n", "com1 (named as ttyS0) catches up");
	put("genpvh: two\n");
	put("  mem three\n");
	is_str(com.out, early, "and is live from then on");
	ok(dbg.len == 0 && dbg.probes == 0 && nul.probes == 0,
	    "unnamed byte sinks: still held, not probed");

	cons_register(&ring_sink);
	is_str(ring.out, early, "the batched sink gets the held output, once "
	    "and in order");
	is_int(ring.writes, 1, "in one write (one exit)");
	put("report: x=1\n");
	snprintf(want, sizeof(want), "%sreport: x=1\n", early);
	is_str(ring.out, want, "after it: the batched sink");
	is_str(com.out, want, "and the named byte sink");
	cons_settle();
	put("ok 1\n");
	ok(dbg.len == 0 && dbg.probes == 0 && nul.probes == 0,
	    "the settle with a batched sink: the others never probed "
	    "(probes %u, %u), nothing written", dbg.probes, nul.probes);
	cons_names(names, sizeof(names));
	is_str(names, "com1,ring", "console= in the report");

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
	is_str(dbg.out, "panic: boom\n", "panic: a muted sink gets the panic "
	    "only");
	ok(strstr(ring.out, "ok 1\npanic: boom\n") != NULL &&
	    strstr(com.out, "ok 1\npanic: boom\n") != NULL,
	    "and the live ones, in order");
	ok(nul.len == 0 && nul.probes == 1, "an absent sink is probed once, "
	    "gets nothing");
	return done_testing();
}
