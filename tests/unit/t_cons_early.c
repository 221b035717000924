/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The early buffer when it overflows before any batched sink came: the
 * byte sink goes live then with all it held (nothing lost there); a
 * batched sink registering later gets whole lines only, a prefix of
 * what was printed, then a marker with the exact number of bytes
 * missing; nothing printed after the overflow is replayed out of order;
 * the byte sink, muted, gets one line saying where output went.
 */
/* sources: sys/kern/cons.c sys/lib/format.c */
#include "cons_fake.h"
#include "tap.h"

FAKE_SINK(dbg, "debugcon", 0);
FAKE_SINK(ring, "ring", CONS_BATCHED);

/* A 60-byte line, then 100-byte lines written as 60 + 40 (two chunks). */
#define FIRST_LEN	60
#define LINE_LEN	100
#define CHUNK1		60
#define NLINES		30

int
main(void)
{
	char line[LINE_LEN + 1], marker[160], all[8192];
	size_t total = 0, replayed, off;
	unsigned i;

	cons_register(&dbg_sink);
	cons_select(NULL, 0);
	memset(line, '=', FIRST_LEN - 1);
	line[FIRST_LEN - 1] = '\n';
	line[FIRST_LEN] = '\0';
	put(line);
	total += FIRST_LEN;
	for (i = 0; i < NLINES; i++) {
		snprintf(line, sizeof(line), "early line %02u ", i);
		memset(line + 14, 'a' + i % 26, LINE_LEN - 15);
		line[LINE_LEN - 1] = '\n';
		cons_write(line, CHUNK1);
		cons_write(line + CHUNK1, LINE_LEN - CHUNK1);
		total += LINE_LEN;
	}
	/* Would fit in the space left: must not be replayed after a gap. */
	put("x\n");
	total += 2;
	/* The scenario: some line's first chunk fits, its second does not. */
	off = FIRST_LEN + (CONS_EARLY_SIZE - FIRST_LEN) / LINE_LEN * LINE_LEN;
	ok(off + CHUNK1 <= CONS_EARLY_SIZE && off + LINE_LEN > CONS_EARLY_SIZE,
	    "a line is cut between its chunks at the buffer's end (at %zu)",
	    off);
	is_int(dbg.len, total, "debugcon got all %zu bytes", total);
	memcpy(all, dbg.out, dbg.len + 1);

	cons_register(&ring_sink);
	replayed = strlen(ring.out) - strlen(strstr(ring.out, "cons: ") ?
	    strstr(ring.out, "cons: ") : "");
	is_int(replayed, off, "the replay keeps the whole lines only");
	ok(replayed > 0 && ring.out[replayed - 1] == '\n' &&
	    memcmp(ring.out, all, replayed) == 0,
	    "a prefix of the output, ending with a newline");
	snprintf(marker, sizeof(marker), "cons: %zu bytes of output are "
	    "missing here: the %u-byte early buffer was full\n",
	    total - replayed, (unsigned)CONS_EARLY_SIZE);
	is_str(ring.out + replayed, marker, "then the marker with the exact "
	    "count");
	ok(strstr(ring.out, "x\n") == NULL, "nothing after the gap replayed");

	put("live one\n");
	snprintf(all + total, sizeof(all) - total, "cons: output continues "
	    "on ring (console=debugcon keeps it here)\n");
	is_str(dbg.out, all, "debugcon: the notice, and nothing after it");
	ok(strstr(ring.out, "buffer was full\nlive one\n") != NULL,
	    "the ring has the rest");
	return done_testing();
}
