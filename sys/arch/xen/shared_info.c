/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * shared_info: the page Xen shares with every guest, holding each vCPU's
 * vcpu_info (time record, event upcall flags) and the event channel
 * pending and mask bitmaps.  An HVM/PVH guest chooses where it appears
 * with XENMEM_add_to_physmap(XENMAPSPACE_shared_info): Xen replaces the
 * guest frame with its page.  We give it a page of our own .bss, which is
 * mapped already (Linux uses a page of its image the same way).
 */
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/pte.h>

#include <xen/memory.h>

/* Replaced by Xen's own page at XENMEM_add_to_physmap: never zeroed. */
static char xen_shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE) __noinit;

volatile struct shared_info *xen_shared_info;

_Static_assert(sizeof(struct shared_info) <= PAGE_SIZE,
    "shared_info fits its page");

int
xen_shared_info_init(void)
{
	struct xen_add_to_physmap xatp;
	long rc;

	memset(&xatp, 0, sizeof(xatp));
	xatp.domid = DOMID_SELF;
	xatp.space = XENMAPSPACE_shared_info;
	xatp.idx = 0;
	xatp.gpfn = (uint64_t)(uintptr_t)xen_shared_info_page >> PAGE_SHIFT;
	if ((rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp)) != 0) {
		pvbus_early_note(true, "xen: XENMEM_add_to_physmap"
		    "(shared_info) failed: %ld", rc);
		return -1;
	}
	xen_shared_info = (volatile struct shared_info *)xen_shared_info_page;
	return 0;
}
