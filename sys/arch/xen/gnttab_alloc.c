/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The grant-entry allocator (see gnttab.h).  Pure: the host unit tests
 * run it over ordinary memory.
 *
 * Ordering, as xen/grant_table.h prescribes: frame and domid are written
 * before the flags word that makes the entry valid (a release store), and
 * ending access is one compare-and-swap of the flags word from a value
 * without GTF_reading|GTF_writing to 0, so that a backend that maps the
 * page between our check and our write makes the swap fail.
 */
#include <arch/xen/gnttab.h>

/* The flags word as Xen and we share it. */
#define GNT_FLAGS(t, ref)	(&(t)->ent[(ref)].flags)

int
gnt_table_init(struct gnt_table *t, volatile grant_entry_v1_t *ent,
    uint32_t nent)
{
	uint32_t ref;

	if (nent <= GNTTAB_NR_RESERVED_ENTRIES || nent > GNT_MAX_ENTRIES)
		return -1;
	t->ent = ent;
	t->nent = nent;
	t->nfree = 0;
	t->busy_ends = 0;
	/* Pushed high to low: the lowest free ref comes out first. */
	for (ref = nent; ref-- > GNTTAB_NR_RESERVED_ENTRIES; ) {
		t->free[t->nfree++] = ref;
		t->shadow[ref] = (struct gnt_shadow){ 0 };
	}
	return 0;
}

static void
gnt_publish(struct gnt_table *t, grant_ref_t ref)
{
	const struct gnt_shadow *s = &t->shadow[ref];
	uint16_t flags = GTF_permit_access;

	if (s->readonly)
		flags |= GTF_readonly;
	t->ent[ref].frame = s->frame;
	t->ent[ref].domid = s->domid;
	/* Frame and domid are visible before the entry becomes valid. */
	__atomic_store_n(GNT_FLAGS(t, ref), flags, __ATOMIC_RELEASE);
}

int
gnt_grant(struct gnt_table *t, domid_t domid, uint32_t frame, bool readonly,
    grant_ref_t *ref)
{
	grant_ref_t r;

	if (t->nfree == 0)
		return -1;
	r = t->free[--t->nfree];
	t->shadow[r].frame = frame;
	t->shadow[r].domid = domid;
	t->shadow[r].readonly = readonly;
	t->shadow[r].granted = 1;
	gnt_publish(t, r);
	*ref = r;
	return 0;
}

enum gnt_end
gnt_end_access(struct gnt_table *t, grant_ref_t ref)
{
	uint16_t flags;

	if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= t->nent ||
	    !t->shadow[ref].granted)
		return GNT_END_BADREF;
	flags = __atomic_load_n(GNT_FLAGS(t, ref), __ATOMIC_ACQUIRE);
	do {
		if (flags & (GTF_reading | GTF_writing)) {
			/* Still mapped: keep it allocated, never reuse it. */
			t->busy_ends++;
			return GNT_END_BUSY;
		}
	} while (!__atomic_compare_exchange_n(GNT_FLAGS(t, ref), &flags, 0,
	    false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
	t->shadow[ref] = (struct gnt_shadow){ 0 };
	t->free[t->nfree++] = ref;
	return GNT_END_OK;
}

uint32_t
gnt_free_count(const struct gnt_table *t)
{
	return t->nfree;
}

void
gnt_republish(struct gnt_table *t)
{
	uint32_t ref;

	for (ref = GNTTAB_NR_RESERVED_ENTRIES; ref < t->nent; ref++)
		if (t->shadow[ref].granted)
			gnt_publish(t, ref);
}
