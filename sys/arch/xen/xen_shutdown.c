/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Leaving through Xen: SCHEDOP_shutdown with reason poweroff for every
 * finished run (the result line says how it went), reboot when the
 * toolstack asked for one (xen_control.c), and crash for a panic,
 * so that `on_crash` in the domain's configuration applies and a toolstack
 * sees the difference.  Never `cli; hlt`: Xen reports a domU whose vCPUs
 * all halted as a clean poweroff.
 *
 * Before a clean exit the boot time is left in xenstore
 * (data/genpvh/boot_us) for the toolstack to read; not after a panic,
 * when xenstore may be what failed.
 */
#include <sys/boot.h>
#include <sys/shutdown.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>

#include <xen/sched.h>

static void
xen_publish_boot_time(void)
{
	char buf[24];
	uint64_t us = boot_elapsed_us();
	enum xs_err e;

	if (!xenstore_present() || us == UINT64_MAX)
		return;
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)us);
	if ((e = xenstore_write("data/genpvh/boot_us", buf)) != XS_ERR_NONE)
		printf("xen: xenstore write data/genpvh/boot_us: %s\n",
		    xs_err_name(e));
}

/* The backend's pvbus shutdown(): see xen.c. */
void
xen_shutdown(struct pvbus_hv *hv, enum shutdown_how how)
{
	struct sched_shutdown sd;

	(void)hv;
	/* No hypercall page (early() failed or never ran): nothing to do. */
	if (!xen_hypercall_ready())
		return;
	if (how != SHUTDOWN_PANIC) {
		/* Not after a panic: the disks may be what failed. */
		xbd_detach_all();
		xen_publish_boot_time();
	}
	/* A run the toolstack asked to reboot ends as a reboot (xl reboot). */
	sd.reason = how == SHUTDOWN_PANIC ? SHUTDOWN_crash :
	    xen_control_reboot() ? SHUTDOWN_reboot : SHUTDOWN_poweroff;
	(void)HYPERVISOR_sched_op(SCHEDOP_shutdown, &sd);
	/* Still here: Xen refused; kern_shutdown() tries the next way. */
}
