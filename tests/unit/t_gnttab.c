/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The grant-entry allocator, with the test playing Xen: it sets
 * GTF_reading / GTF_writing on an entry the way Xen does while a backend
 * has the page mapped, and checks that such an entry is neither freed
 * nor handed out again.  The entries are allocated at exactly the size
 * the table is given, so ASan reports any access beyond it.
 */
/* sources: sys/arch/xen/gnttab_alloc.c */
#include <stdlib.h>

#include <arch/xen/gnttab.h>

#include "tap.h"

static struct gnt_table t;

static volatile grant_entry_v1_t *
table_new(uint32_t n)
{
	volatile grant_entry_v1_t *e = calloc(n, sizeof(grant_entry_v1_t));

	if (gnt_table_init(&t, e, n) != 0) {
		free((void *)e);
		return NULL;
	}
	return e;
}

static void
init_cases(void)
{
	grant_entry_v1_t e[GNTTAB_NR_RESERVED_ENTRIES + 1];

	is_int(gnt_table_init(&t, e, 0), -1, "init: 0 entries refused");
	is_int(gnt_table_init(&t, e, GNTTAB_NR_RESERVED_ENTRIES), -1,
	    "init: only the reserved entries refused");
	is_int(gnt_table_init(&t, e, GNT_MAX_ENTRIES + 1), -1,
	    "init: more than GNT_MAX_ENTRIES refused");
	is_int(gnt_table_init(&t, e, GNTTAB_NR_RESERVED_ENTRIES + 1), 0,
	    "init: one entry beyond the reserved ones");
	is_int(gnt_free_count(&t), 1, "init: that one entry is free");
}

static void
grant_cases(void)
{
	volatile grant_entry_v1_t *e = table_new(GNT_PER_FRAME);
	grant_ref_t a, b;

	is_int(gnt_free_count(&t), GNT_PER_FRAME - GNTTAB_NR_RESERVED_ENTRIES,
	    "grant: every non-reserved entry free");
	is_int(gnt_grant(&t, 0, 0x1234, false, &a), 0, "grant: rw grant");
	ok(a >= GNTTAB_NR_RESERVED_ENTRIES && a < GNT_PER_FRAME,
	    "grant: ref %u outside the reserved entries", a);
	is_int(e[a].flags, GTF_permit_access, "grant: rw flags");
	is_int(e[a].frame, 0x1234, "grant: frame written");
	is_int(e[a].domid, 0, "grant: domid written");
	is_int(gnt_grant(&t, 7, 0x99, true, &b), 0, "grant: ro grant");
	ok(b != a, "grant: a second grant gets another ref");
	is_int(e[b].flags, GTF_permit_access | GTF_readonly, "grant: ro flags");
	is_int(e[b].domid, 7, "grant: ro domid");

	is_int(gnt_end_access(&t, a), GNT_END_OK, "end: unused rw grant ends");
	is_int(e[a].flags, 0, "end: flags cleared");
	is_int(gnt_end_access(&t, a), GNT_END_BADREF,
	    "end: ending it twice is refused");
	is_int(gnt_end_access(&t, 3), GNT_END_BADREF,
	    "end: a reserved ref is refused");
	is_int(gnt_end_access(&t, GNT_PER_FRAME), GNT_END_BADREF,
	    "end: a ref beyond the table is refused");
	is_int(gnt_end_access(&t, b), GNT_END_OK, "end: ro grant ends");
	free((void *)e);
}

/* Xen's part: the backend maps the page (GTF_reading / GTF_writing). */
static void
busy_cases(uint16_t busy, const char *what)
{
	volatile grant_entry_v1_t *e = table_new(GNT_PER_FRAME);
	grant_ref_t a, r;
	uint32_t nfree, i;
	int reused = 0;

	gnt_grant(&t, 0, 0x500, false, &a);
	e[a].flags |= busy;
	nfree = gnt_free_count(&t);
	is_int(gnt_end_access(&t, a), GNT_END_BUSY, "%s: end refused", what);
	is_int(e[a].flags, GTF_permit_access | busy,
	    "%s: entry left as the backend sees it", what);
	is_int(gnt_free_count(&t), nfree, "%s: the entry is not freed", what);
	/* Exhaust the table: the busy entry must never come out. */
	for (i = 0; gnt_grant(&t, 0, 0x600 + i, false, &r) == 0; i++)
		if (r == a)
			reused = 1;
	ok(!reused, "%s: entry never handed out again (%u others granted)",
	    what, i);
	is_int(e[a].frame, 0x500, "%s: its frame untouched", what);
	is_int(gnt_grant(&t, 0, 1, false, &r), -1,
	    "%s: a full table refuses a grant", what);
	/* The backend unmaps: now it ends, and is the one free entry. */
	e[a].flags &= (uint16_t)~busy;
	is_int(gnt_end_access(&t, a), GNT_END_OK, "%s: ends once unmapped",
	    what);
	is_int(gnt_grant(&t, 0, 2, false, &r), 0, "%s: then granted again",
	    what);
	is_int(r, a, "%s: the freed entry is the one reused", what);
	ok(t.busy_ends >= 1, "%s: busy end counted (%u)", what, t.busy_ends);
	free((void *)e);
}

static void
republish_cases(void)
{
	volatile grant_entry_v1_t *e = table_new(GNT_PER_FRAME);
	grant_ref_t a, b, c;

	gnt_grant(&t, 0, 0x10, false, &a);
	gnt_grant(&t, 3, 0x20, true, &b);
	gnt_grant(&t, 0, 0x30, false, &c);
	gnt_end_access(&t, c);
	/* A restore: Xen's new table is empty. */
	memset((void *)e, 0, GNT_PER_FRAME * sizeof(*e));
	gnt_republish(&t);
	ok(e[a].flags == GTF_permit_access && e[a].frame == 0x10 &&
	    e[a].domid == 0, "republish: rw grant back");
	ok(e[b].flags == (GTF_permit_access | GTF_readonly) &&
	    e[b].frame == 0x20 && e[b].domid == 3, "republish: ro grant back");
	ok(e[c].flags == 0 && e[c].frame == 0, "republish: ended grant stays free");
	free((void *)e);
}

int
main(void)
{
	init_cases();
	grant_cases();
	busy_cases(GTF_reading, "reading");
	busy_cases(GTF_writing, "writing");
	busy_cases(GTF_reading | GTF_writing, "reading+writing");
	republish_cases();
	return done_testing();
}
