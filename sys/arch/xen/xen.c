/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Xen backend on the pv bus.
 *
 * early(), before start_info is read: the hypercall page, the way out (so
 * that a panic from here on, a refused start_info included, is a crashed
 * domain), shared_info and Xen time, and the console, so that every boot
 * message reaches the toolstack.  Static pages only, and silent: `quiet`
 * is not known yet.
 *
 * memmap(), when start_info had no memory map (a PVH dom0 gets version
 * 0): XENMEM_memory_map.
 *
 * attach(), after the boot allocator: the version, event channels and
 * their upcall, the one-shot timer, the xenstore ring.
 *
 * late(), after the end-of-boot stamp: the xenstore identification
 * (xenstore_ident.c), the first thing that waits on dom0, then the
 * toolstack control (xen_control.c: its watch, the features) and the PV
 * devices (xenbus.c, blkfront in xbd.c), whose handshakes wait on their
 * backends.
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/report.h>
#include <sys/systm.h>
#include <sys/tslog.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>

#include <xen/features.h>
#include <xen/version.h>

static bool xen_is_dom0;

bool
xen_dom0(void)
{
	return xen_is_dom0;
}
static bool xen_early_done, xen_attached;

static int
xen_early(struct pvbus_hv *hv)
{
	if (xen_hypercall_init(hv) != 0)
		return -1;
	xen_is_dom0 = xen_feature(XENFEAT_dom0);
	if (xen_shared_info_init() != 0)
		return -1;
	xen_clock_init(hv);
	xen_wallclock_init();
	(void)xencons_init();
	xen_early_done = true;
	return 0;
}

static int
xen_memmap(struct pvbus_hv *hv, struct bootinfo *bi)
{
	(void)hv;
	return xen_memmap_fetch(bi);
}

static void
xen_identify(void)
{
	xen_extraversion_t extra;
	char extra_esc[sizeof(extra) * 4];
	long v;

	v = HYPERVISOR_xen_version(XENVER_version, NULL);
	memset(extra, 0, sizeof(extra));
	(void)HYPERVISOR_xen_version(XENVER_extraversion, extra);
	extra[sizeof(extra) - 1] = '\0';
	/* From the hypervisor: escaped. */
	fmt_escape(extra_esc, sizeof(extra_esc), extra, sizeof(extra));
	aprint_normal("xen: Xen %ld.%ld%s, %s\n", (v >> 16) & 0xffff,
	    v & 0xffff, extra_esc, xen_is_dom0 ? "dom0" : "domU");
	report_add("xen", "%ld.%ld", (v >> 16) & 0xffff, v & 0xffff);
}

static int
xen_attach(struct pvbus_hv *hv)
{
	/* Without a hypercall page and shared_info there is nothing to do. */
	if (!xen_early_done)
		return -1;
	xencons_attach();
	xen_memmap_limit(bootargs->bi);
	aprint_normal("xen: %s at cpuid %#x, hypercall page at %#lx (msr %#x), "
	    "shared_info at %#lx\n", xen_is_dom0 ? "dom0" : "domU", hv->base,
	    (unsigned long)(uintptr_t)xen_hypercall_page, xen_hypercall_msr,
	    (unsigned long)(uintptr_t)xen_shared_info);
	/* Traced step by step: `tslog` shows where a domU's ms go. */
	TSENTER2("xen_identify");
	xen_identify();
	TSEXIT2("xen_identify");
	TSENTER2("xen_evtchn_init");
	if (xen_evtchn_init() != 0)
		return -1;
	TSEXIT2("xen_evtchn_init");
	aprint_normal("xen: event channel upcall on vector %#x (%s)\n",
	    XEN_UPCALL_VECTOR, xen_evtchn_method());
	if (xencons_bind() != 0)
		aprint_normal("xen: PV console: its port has no handler\n");
	TSENTER2("xen_timer_init");
	if (xen_timer_init() != 0)
		return -1;
	TSEXIT2("xen_timer_init");
	/* Only the ring: a request would wait on dom0's xenstored. */
	TSENTER2("xenstore_init");
	if (!xen_is_dom0)
		(void)xenstore_init();
	TSEXIT2("xenstore_init");
	xen_attached = true;
	return 0;
}

/*
 * After the end-of-boot stamp: what waits on another domain.  Two
 * xenstore round trips to dom0 cost ms that are dom0's, not ours.
 */
static void
xen_late(struct pvbus_hv *hv)
{
	(void)hv;
	if (!xen_attached)
		return;
	TSENTER2("xenstore_identify");
	xenstore_identify();
	TSEXIT2("xenstore_identify");
	TSENTER2("xen_control_init");
	xen_control_init();
	TSEXIT2("xen_control_init");
	/* PV devices: each handshake waits on its backend in dom0. */
	TSENTER2("xbd_attach_all");
	xbd_attach_all();
	TSEXIT2("xbd_attach_all");
}

bool
xen_ready(void)
{
	return xen_attached;
}

static const struct pvbus_driver xen_driver = {
	.name = "xen",
	.type = PVBUS_XEN,
	.early = xen_early,
	.memmap = xen_memmap,
	.attach = xen_attach,
	.late = xen_late,
	.shutdown = xen_shutdown,
	.wait = xen_control_wait,
};
PVBUS_DRIVER(xen_driver);
