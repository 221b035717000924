/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The grant table against real Xen, without a backend: we grant a page
 * of ours to ourselves, and Xen plays the other domain.
 *  - GNTTABOP_copy from the grant reference into another page must copy
 *    it (so the frames really are Xen's grant table, v1 entries read as
 *    we wrote them);
 *  - GNTTABOP_map_grant_ref of our own grant at a spare guest frame makes
 *    Xen set GTF_reading|GTF_writing: ending access must then be refused
 *    (GNT_END_BUSY) and the entry kept; after the unmap it must end.
 * The spare frame is a boot-allocator page given up for good: once the
 * grant mapping is removed nothing is mapped there any more.
 */
#include <sys/bootalloc.h>
#include <sys/test.h>

#include <arch/xen/gnttab.h>
#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <machine/pte.h>

static uint8_t gt_src[PAGE_SIZE] __aligned(PAGE_SIZE);
static uint8_t gt_dst[PAGE_SIZE] __aligned(PAGE_SIZE);

static int
gt_domid(domid_t *domid)
{
	char val[16];
	unsigned long v = 0;
	const char *p;

	if (xen_dom0()) {
		*domid = 0;
		return 0;
	}
	if (xenstore_read("domid", val, sizeof(val)) != XS_ERR_NONE)
		return -1;
	for (p = val; *p >= '0' && *p <= '9' && v < DOMID_FIRST_RESERVED; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if (p == val || *p != '\0' || v >= DOMID_FIRST_RESERVED)
		return -1;
	*domid = (domid_t)v;
	return 0;
}

static enum test_status
gt_map_busy(struct test_ctx *ctx, domid_t domid, grant_ref_t ref)
{
	struct gnttab_map_grant_ref map;
	struct gnttab_unmap_grant_ref unmap;
	enum gnt_end e;
	long rc;

	memset(&map, 0, sizeof(map));
	map.host_addr = bootalloc_pages(1);
	/* A read-only grant: a writable map is refused (general error). */
	map.flags = GNTMAP_host_map | GNTMAP_readonly;
	map.ref = ref;
	map.dom = domid;
	rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
	if (rc != 0 || map.status != GNTST_okay)
		return test_fail(ctx, "GNTTABOP_map_grant_ref of our own grant "
		    "%u: %ld, status %d", ref, rc, map.status);
	if ((e = gnttab_end(ref)) != GNT_END_BUSY)
		return test_fail(ctx, "end-access of a mapped grant gave %d, "
		    "want GNT_END_BUSY", e);
	memset(&unmap, 0, sizeof(unmap));
	unmap.host_addr = map.host_addr;
	unmap.handle = map.handle;
	rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
	if (rc != 0 || unmap.status != GNTST_okay)
		return test_fail(ctx, "GNTTABOP_unmap_grant_ref: %ld, status %d",
		    rc, unmap.status);
	if ((e = gnttab_end(ref)) != GNT_END_OK)
		return test_fail(ctx, "end-access after the unmap gave %d", e);
	return TEST_PASS;
}

static enum test_status
test_xen_gnttab(struct test_ctx *ctx)
{
	struct gnttab_copy cp;
	grant_ref_t ref;
	domid_t domid;
	enum test_status st;
	size_t i;
	long rc;

	if (!xen_ready())
		return test_skip(ctx, "not on Xen");
	if (!gnttab_ready() && gnttab_init() != 0)
		return test_fail(ctx, "no grant table");
	if (gt_domid(&domid) != 0)
		return test_fail(ctx, "our domid is not readable");
	for (i = 0; i < PAGE_SIZE; i++)
		gt_src[i] = (uint8_t)(i * 7 + 1);
	memset(gt_dst, 0, sizeof(gt_dst));
	if (gnttab_grant(domid, (uint64_t)(uintptr_t)gt_src, true, &ref) != 0)
		return test_fail(ctx, "no grant entry");

	memset(&cp, 0, sizeof(cp));
	cp.source.u.ref = ref;
	cp.source.domid = domid;
	cp.dest.u.gmfn = (uint64_t)(uintptr_t)gt_dst >> PAGE_SHIFT;
	cp.dest.domid = DOMID_SELF;
	cp.len = PAGE_SIZE;
	cp.flags = GNTCOPY_source_gref;
	rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, &cp, 1);
	if (rc != 0 || cp.status != GNTST_okay) {
		(void)gnttab_end(ref);
		return test_fail(ctx, "GNTTABOP_copy from grant %u: %ld, "
		    "status %d", ref, rc, cp.status);
	}
	if (memcmp(gt_src, gt_dst, PAGE_SIZE) != 0) {
		(void)gnttab_end(ref);
		return test_fail(ctx, "GNTTABOP_copy: the page differs");
	}
	if ((st = gt_map_busy(ctx, domid, ref)) != TEST_PASS)
		return st;
	test_diag("xen_gnttab: grant %u to domain %u: copied by Xen, mapped "
	    "(end-access refused while mapped), unmapped, ended", ref, domid);
	return TEST_PASS;
}
KTEST_DEFINE("xen_gnttab", test_xen_gnttab, 0);
