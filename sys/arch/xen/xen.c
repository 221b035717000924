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
 * their upcall, the one-shot timer, xenstore.
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/report.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>

#include <xen/features.h>
#include <xen/version.h>

bool xen_attached;
bool xen_is_dom0;
static bool xen_early_done;

static int
xen_early(struct pvbus_hv *hv)
{
	if (xen_hypercall_init(hv) != 0)
		return -1;
	xen_is_dom0 = xen_feature(XENFEAT_dom0);
	if (xen_shared_info_init() != 0)
		return -1;
	xen_clock_init(hv);
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

static void
xen_store_identify(void)
{
	char domid[16], name[64];
	char domid_esc[sizeof(domid) * 4], name_esc[sizeof(name) * 4];
	enum xs_err e;

	if (xen_is_dom0) {
		report_add("domid", "0");
		return;
	}
	if (xenstore_init() != 0)
		return;
	if ((e = xenstore_read("domid", domid, sizeof(domid))) != XS_ERR_NONE)
		snprintf(domid, sizeof(domid), "%s", xs_err_name(e));
	if ((e = xenstore_read("name", name, sizeof(name))) != XS_ERR_NONE &&
	    e != XS_ERR_TRUNC)
		snprintf(name, sizeof(name), "%s", xs_err_name(e));
	/* Strings from xenstore: escaped (the report escapes its own). */
	fmt_escape(domid_esc, sizeof(domid_esc), domid, sizeof(domid));
	fmt_escape(name_esc, sizeof(name_esc), name, sizeof(name));
	aprint_normal("xen: xenstore: domid %s, name \"%s\"\n", domid_esc,
	    name_esc);
	report_add("domid", "%s", domid);
	report_add("domname", "%s", name);
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
	xen_identify();
	if (xen_evtchn_init() != 0)
		return -1;
	aprint_normal("xen: event channel upcall on vector %#x (%s)\n",
	    XEN_UPCALL_VECTOR, xen_evtchn_method);
	if (xen_timer_init() != 0)
		return -1;
	xen_store_identify();
	xen_attached = true;
	return 0;
}

static const struct pvbus_driver xen_driver = {
	.name = "xen",
	.type = PVBUS_XEN,
	.early = xen_early,
	.memmap = xen_memmap,
	.attach = xen_attach,
	.shutdown = xen_shutdown,
};
PVBUS_DRIVER(xen_driver);
