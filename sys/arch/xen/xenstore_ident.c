/*
 * Who we are, as the toolstack wrote it in xenstore: domid and name, for
 * the boot log and the report (domid=, domname=).  Each is a round trip
 * to dom0's xenstored, so it runs after the end-of-boot stamp (xen.c's
 * late()): a domU's boot_us must not include dom0's scheduling.  dom0
 * has no ring of its own to ask and is domain 0 by definition.
 */
#include <sys/report.h>
#include <sys/systm.h>

#include <arch/xen/xenvar.h>

void
xenstore_identify(void)
{
	char domid[16], name[64];
	enum xs_err e;

	if (xen_is_dom0) {
		report_add("domid", "0");
		return;
	}
	if (!xenstore_present())
		return;
	if ((e = xenstore_read("domid", domid, sizeof(domid))) != XS_ERR_NONE)
		snprintf(domid, sizeof(domid), "%s", xs_err_name(e));
	if ((e = xenstore_read("name", name, sizeof(name))) != XS_ERR_NONE &&
	    e != XS_ERR_TRUNC)
		snprintf(name, sizeof(name), "%s", xs_err_name(e));
	aprint_normal("xen: xenstore: domid %s, name \"%s\"\n", domid, name);
	report_add("domid", "%s", domid);
	report_add("domname", "%s", name);
}
