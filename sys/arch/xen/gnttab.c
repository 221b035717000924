/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's grant table (see gnttab.h for the entries themselves).
 *
 * An HVM or PVH guest has no GNTTABOP_setup_table frame list to map:
 * it asks Xen to put grant frame i at a guest frame of its choice with
 * XENMEM_add_to_physmap(XENMAPSPACE_grant_table, idx = i), which also
 * grows the table up to that size.  Which guest frames?  Pages from the
 * boot allocator: RAM that the memory map gives us and that nothing else
 * uses, already in the direct map with ordinary write-back caching, the
 * way shared_info takes a page of our .bss.  Xen frees the RAM page it
 * replaces (16 KiB for our 4 frames).  A hole in the memory map would
 * save that RAM, but nothing in the map proves a hole unused (Xen keeps
 * its own special pages, ACPI tables and MMIO just below 4 GiB), and
 * Linux and FreeBSD both need a resource allocator to pick one safely;
 * RAM that is ours by construction needs none.
 *
 * The pages keep their guest frame numbers for the life of the domain:
 * after a restore gnttab_remap() asks Xen to put the new domain's
 * frames at the same place.
 */
#include <sys/bootalloc.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <arch/xen/gnttab.h>
#include <arch/xen/hypercall.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xenvar.h>
#include <machine/pte.h>

#include <xen/memory.h>

/* Only Xen uses it; gnt_table_init() sets what it reads. */
static struct gnt_table gnttab __noinit;
static uint64_t gnttab_pa;		/* our first frame */
static uint32_t gnttab_nframes;
static bool gnttab_up;

static int
gnttab_map_frames(void)
{
	struct xen_add_to_physmap xatp;
	uint32_t i;
	long rc;

	for (i = 0; i < gnttab_nframes; i++) {
		memset(&xatp, 0, sizeof(xatp));
		xatp.domid = DOMID_SELF;
		xatp.space = XENMAPSPACE_grant_table;
		xatp.idx = i;
		xatp.gpfn = (gnttab_pa >> PAGE_SHIFT) + i;
		if ((rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap,
		    &xatp)) != 0) {
			printf("xen: grant table: XENMEM_add_to_physmap "
			    "frame %u at %#lx: %ld\n", i,
			    (unsigned long)(xatp.gpfn << PAGE_SHIFT), rc);
			return -1;
		}
	}
	return 0;
}

int
gnttab_init(void)
{
	struct gnttab_query_size qs;
	volatile grant_entry_v1_t *ent;
	long rc;

	memset(&qs, 0, sizeof(qs));
	qs.dom = DOMID_SELF;
	if ((rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1)) != 0 ||
	    qs.status != GNTST_okay) {
		printf("xen: grant table: GNTTABOP_query_size: %ld, status %d\n",
		    rc, qs.status);
		return -1;
	}
	/* From Xen: a maximum of 0 or below the current size is refused. */
	if (qs.max_nr_frames == 0 || qs.nr_frames > qs.max_nr_frames) {
		printf("xen: grant table: impossible size %u of at most %u "
		    "frames\n", qs.nr_frames, qs.max_nr_frames);
		return -1;
	}
	gnttab_nframes = qs.max_nr_frames < GNT_MAX_FRAMES ?
	    qs.max_nr_frames : GNT_MAX_FRAMES;
	gnttab_pa = bootalloc_pages(gnttab_nframes);
	if (gnttab_map_frames() != 0)
		return -1;
	ent = pmap_phys_ptr(gnttab_pa, (uint64_t)gnttab_nframes * PAGE_SIZE);
	if (ent == NULL || gnt_table_init(&gnttab, ent,
	    gnttab_nframes * GNT_PER_FRAME) != 0) {
		printf("xen: grant table at %#lx not usable\n",
		    (unsigned long)gnttab_pa);
		return -1;
	}
	aprint_normal("xen: grant table v1: %u of at most %u frames at %#lx, "
	    "%u entries\n", gnttab_nframes, qs.max_nr_frames,
	    (unsigned long)gnttab_pa, gnt_free_count(&gnttab));
	gnttab_up = true;
	return 0;
}

bool
gnttab_ready(void)
{
	return gnttab_up;
}

int
gnttab_grant(domid_t domid, uint64_t pa, bool readonly, grant_ref_t *ref)
{
	if (!gnttab_up || (pa >> PAGE_SHIFT) > UINT32_MAX)
		return -1;
	return gnt_grant(&gnttab, domid, (uint32_t)(pa >> PAGE_SHIFT),
	    readonly, ref);
}

enum gnt_end
gnttab_end(grant_ref_t ref)
{
	if (!gnttab_up)
		return GNT_END_BADREF;
	return gnt_end_access(&gnttab, ref);
}

int
gnttab_remap(void)
{
	if (!gnttab_up)
		return 0;
	if (gnttab_map_frames() != 0) {
		gnttab_up = false;
		return -1;
	}
	gnt_republish(&gnttab);
	return 0;
}
/* Before the split drivers' hooks, which may grant again. */
XEN_RESUME_HOOK("gnttab", gnttab_remap, XEN_RESUME_GNTTAB);
