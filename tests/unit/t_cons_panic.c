/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A panic before the consoles are settled (a bad start_info, a fault in
 * a backend's attach) and with no batched sink: the held output comes
 * first, as context, then the panic line, on every byte sink; nothing is
 * doubled by a settle after it.
 */
/* sources: sys/kern/cons.c sys/lib/format.c */
#include "cons_fake.h"
#include "tap.h"

FAKE_SINK(dbg, "debugcon", 0);
FAKE_SINK(com, "com1", 0);

int
main(void)
{
	static const char all[] = "genpvh: start_info v1\n"
	    "panic: bootinfo: bad\n";

	cons_register(&dbg_sink);
	cons_register(&com_sink);
	cons_select(NULL, 0);
	put("genpvh: start_info v1\n");
	ok(dbg.len == 0 && com.len == 0, "held before the panic");
	cons_panic();
	put("panic: bootinfo: bad\n");
	is_str(dbg.out, all, "debugcon: what was held, then the panic");
	is_str(com.out, all, "com1 too");
	cons_settle();
	put("shutdown\n");
	ok(strstr(dbg.out, all) == dbg.out &&
	    strcmp(dbg.out + strlen(all), "shutdown\n") == 0,
	    "a settle after it doubles nothing");
	return done_testing();
}
