/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Grant tables, version 1 (xen/grant_table.h): an array of 8-byte
 * entries in pages Xen owns and shares with us, one entry per page we let
 * another domain (a backend in dom0) map or copy.  We write frame and
 * domid, then flags = GTF_permit_access; Xen sets GTF_reading and
 * GTF_writing while the backend has the page mapped.
 *
 * Ending access is the delicate part: an entry may only be cleared when
 * neither GTF_reading nor GTF_writing is set, atomically (the flags word
 * is shared with Xen), and an entry that is still in use is kept
 * allocated, so that neither it nor its page is ever handed out again
 * while the backend can still reach it.
 *
 * The allocator (struct gnt_table) is pure, so that the host unit tests
 * drive it over ordinary memory and play Xen's part by setting the flag
 * bits themselves (tests/unit/t_gnttab.c); gnttab.c finds the pages and
 * does the hypercalls.
 */
#ifndef _XEN_GNTTAB_H_
#define _XEN_GNTTAB_H_

#include <stdbool.h>
#include <stdint.h>

#include <arch/xen/xen_public.h>

#include <xen/grant_table.h>

/* Entries per 4 KiB frame: 512 of 8 bytes (v1). */
#define GNT_PER_FRAME		(4096 / sizeof(grant_entry_v1_t))
/*
 * Frames we use at most: 4 frames, 2048 entries, far more than one
 * blkfront ring of 32 requests x 11 segments needs, and what Xen's
 * default max_grant_frames (64 in 4.17) always allows.
 */
#define GNT_MAX_FRAMES		4
#define GNT_MAX_ENTRIES		(GNT_MAX_FRAMES * GNT_PER_FRAME)

/* What end-access found. */
enum gnt_end {
	GNT_END_OK,		/* access ended, the entry is free again */
	GNT_END_BUSY,		/* still mapped by the backend: kept, retry */
	GNT_END_BADREF,		/* not a reference we granted */
};

/* Our own record of each entry: never read back from the shared page. */
struct gnt_shadow {
	uint32_t	frame;		/* 0 when free */
	domid_t		domid;
	uint8_t		granted;	/* handed out, access not ended */
	uint8_t		readonly;
};

struct gnt_table {
	volatile grant_entry_v1_t *ent;	/* the shared entries */
	uint32_t	nent;		/* entries mapped, <= GNT_MAX_ENTRIES */
	uint32_t	nfree;
	uint32_t	free[GNT_MAX_ENTRIES];	/* a stack of free refs */
	struct gnt_shadow shadow[GNT_MAX_ENTRIES];
	uint32_t	busy_ends;	/* end-access found the entry in use */
};

/*
 * Take over nent entries at ent (all of them zero: a fresh table).
 * Entries below GNTTAB_NR_RESERVED_ENTRIES belong to the toolstack
 * (xenstore and console rings) and are never handed out.  -1 if nent is
 * 0 or over GNT_MAX_ENTRIES.
 */
int	gnt_table_init(struct gnt_table *t, volatile grant_entry_v1_t *ent,
	    uint32_t nent);
/* Grant domid access to frame: 0 and *ref, or -1 if no entry is free. */
int	gnt_grant(struct gnt_table *t, domid_t domid, uint32_t frame,
	    bool readonly, grant_ref_t *ref);
/* End the access of ref (see enum gnt_end); never blocks. */
enum gnt_end gnt_end_access(struct gnt_table *t, grant_ref_t ref);
/* Entries free to grant. */
uint32_t gnt_free_count(const struct gnt_table *t);
/*
 * After a restore Xen's table is new and empty: write every grant still
 * live into it again, flags last, as gnt_grant() did.
 */
void	gnt_republish(struct gnt_table *t);

#ifdef _KERNEL
/*
 * The kernel's one table: gnttab_init() maps its frames; the rest is
 * gnt_*() on gnttab_table() or the shorthands below.  All fail (-1 or
 * GNT_END_BADREF) before gnttab_init() succeeded.
 */
int	gnttab_init(void);
bool	gnttab_ready(void);
int	gnttab_grant(domid_t domid, uint64_t pa, bool readonly,
	    grant_ref_t *ref);
enum gnt_end gnttab_end(grant_ref_t ref);
/* After a real resume: map the frames again and republish live grants. */
int	gnttab_remap(void);
#endif

#endif /* !_XEN_GNTTAB_H_ */
