/* SPDX-License-Identifier: BSD-2-Clause */
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
	char domid_esc[sizeof(domid) * 4], name_esc[sizeof(name) * 4];
	enum xs_err e;

	if (xen_dom0()) {
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
	/* Strings from xenstore: escaped (the report escapes its own). */
	fmt_escape(domid_esc, sizeof(domid_esc), domid, sizeof(domid));
	fmt_escape(name_esc, sizeof(name_esc), name, sizeof(name));
	aprint_normal("xen: xenstore: domid %s, name \"%s\"\n", domid_esc,
	    name_esc);
	report_add("domid", "%s", domid);
	report_add("domname", "%s", name);
}
