/*
 * Leaving through Xen: SCHEDOP_shutdown with reason poweroff for every
 * finished run (the result line says how it went) and crash for a panic,
 * so that `on_crash` in the domain's configuration applies and a toolstack
 * sees the difference.  Never `cli; hlt`: Xen reports a domU whose vCPUs
 * all halted as a clean poweroff.
 *
 * Before a clean exit the boot time is left in xenstore
 * (data/genpvh/boot_us) for the toolstack to read; not after a panic,
 * when xenstore may be what failed.
 */
#include <sys/clock.h>
#include <sys/shutdown.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>

#include <xen/sched.h>

static void
xen_publish_boot_time(void)
{
	char buf[24];
	uint64_t us = tsc_to_us(boot_end_tsc - boot_entry_tsc);
	enum xs_err e;

	if (!xenstore_present() || boot_end_tsc == 0 || us == UINT64_MAX)
		return;
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)us);
	if ((e = xenstore_write("data/genpvh/boot_us", buf)) != XS_ERR_NONE)
		printf("xen: xenstore write data/genpvh/boot_us: %s\n",
		    xs_err_name(e));
}

static void
xen_shutdown(enum shutdown_how how)
{
	struct sched_shutdown sd;

	if (how != SHUTDOWN_PANIC)
		xen_publish_boot_time();
	sd.reason = how == SHUTDOWN_PANIC ? SHUTDOWN_crash : SHUTDOWN_poweroff;
	(void)HYPERVISOR_sched_op(SCHEDOP_shutdown, &sd);
	/* Still here: Xen refused; machine_shutdown() tries the next way. */
}

void
xen_shutdown_init(void)
{
	shutdown_register_hv("xen", xen_shutdown);
}
