/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * No batched sink at the settle (QEMU with -debugcon or a serial line
 * only): output is held until cons_settle(), then every byte sink gets
 * it in one write and is live.  Then a batched sink registers late: it
 * catches up, the byte sinks are muted with one notice line.  Then it
 * fails (cons_detach() from inside its own write, as a device that
 * stops answering): the byte sinks catch up with what they missed while
 * muted, the failing line included, nothing doubled (also a byte sink
 * that comes after the failing one in the table: the write loop reaches
 * it after it caught up).
 */
/* sources: sys/kern/cons.c sys/lib/format.c */
#include "cons_fake.h"
#include "tap.h"

FAKE_SINK(dbg, "debugcon", 0);
FAKE_SINK(com, "com1", 0);
FAKE_SINK(late, "late", 0);	/* after the ring in the table */

/* A batched sink whose device stops answering when told to. */
static struct fake ring;
static int ring_broken;
static void ring_write(const char *s, size_t n);
static const struct cons_sink ring_sink = { .name = "ring",
    .write = ring_write, .flags = CONS_BATCHED };

static void
ring_write(const char *s, size_t n)
{
	if (ring_broken)
		cons_detach(&ring_sink);
	else
		fake_put(&ring, s, n);
}

int
main(void)
{
	static const char held[] = "cmdline: unknown option 'x' ignored\n"
	    "pvbus: tcg\n";
	static const char notice[] = "cons: output continues on ring "
	    "(console=debugcon keeps it here)\n";
	char names[64], want[1024];

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
	snprintf(want, sizeof(want), "%sreport: x=1\n", held);
	is_str(dbg.out, want, "then live, nothing doubled");
	cons_names(names, sizeof(names));
	is_str(names, "debugcon,com1", "console= in the report");

	cons_register(&ring_sink);
	is_str(ring.out, want, "a batched sink after the settle catches up");
	snprintf(want, sizeof(want), "%sreport: x=1\n%s", held, notice);
	is_str(dbg.out, want, "the byte sinks get the notice");
	cons_register(&late_sink);
	put("ok 1\n");
	is_str(dbg.out, want, "and nothing more");
	ok(late.len == 0 && late.probes == 0, "a byte sink registered after "
	    "it: muted, not probed");
	cons_names(names, sizeof(names));
	is_str(names, "ring", "console= after it");

	ring_broken = 1;
	put("ok 2\n");
	snprintf(want, sizeof(want), "%sreport: x=1\n%sok 1\nok 2\n", held,
	    notice);
	is_str(dbg.out, want, "it fails: debugcon gets what it missed, the "
	    "failing line once");
	snprintf(want, sizeof(want), "%sreport: x=1\ncons: output continues "
	    "on ring (console=com1 keeps it here)\nok 1\nok 2\n", held);
	is_str(com.out, want, "com1 too");
	snprintf(want, sizeof(want), "%sreport: x=1\nok 1\nok 2\n", held);
	is_str(late.out, want, "the sink after it in the table: all of it, "
	    "once");
	cons_names(names, sizeof(names));
	is_str(names, "debugcon,com1,late", "console= after the failure");
	return done_testing();
}
