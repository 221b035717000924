/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen consoles.
 *
 * domU: the PV console ring (xen/io/console.h), found through
 * HVM_PARAM_CONSOLE_PFN (17) and HVM_PARAM_CONSOLE_EVTCHN (18); the
 * backend (xenconsoled in dom0) is notified with EVTCHNOP_send, once per
 * write, so a line costs one hypercall instead of one exit per byte.
 * When the ring is full we wait for the backend, bounded in time and with
 * a minimum throughput (xencons_ring.c); a backend slower than that costs
 * one stall, then output is dropped and counted until it reads again.
 * flush() waits until the backend has taken everything: the kernel calls
 * it before shutdown, and a domain that is destroyed with output still in
 * its ring loses it.
 *
 * The ring's page is the hypervisor's: it must not be the kernel's own
 * memory.  At early() only the kernel image is known; xencons_attach()
 * checks the page again once the memory map is.
 *
 * dom0: no ring (its HVM params are 0); CONSOLEIO_write hands bytes to
 * Xen's own console (the serial line), which is refused to a domU.
 */
#include <sys/boot.h>
#include <sys/cons.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xencons_ring.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/pte.h>

#include <xen/hvm/params.h>
#include <xen/io/console.h>

/* The kernel image, from the linker script: bootargs comes later. */
extern char __kernel_start[], _end[];

static struct xencons_out xencons_out = { .ops = &xen_waitops };
static bool xencons_ring_ok;
static uint64_t xencons_pa;

static void
xencons_ring_write(const char *s, size_t n)
{
	if (xencons_ring_ok)
		xencons_out_write(&xencons_out, s, n);
}

static void
xencons_ring_flush(void)
{
	if (xencons_ring_ok)
		(void)xencons_out_flush(&xencons_out);
}

static const struct cons_sink xencons_ring_sink = {
	.name = "xencons",
	.write = xencons_ring_write,
	.flush = xencons_ring_flush,
	.flags = CONS_BATCHED,		/* one EVTCHNOP_send per write */
};

static void
xencons_io_write(const char *s, size_t n)
{
	unsigned chunk;

	while (n > 0) {
		chunk = (unsigned)MIN(n, 4096);
		if (HYPERVISOR_console_io(CONSOLEIO_write, chunk, s) < 0)
			return;
		s += chunk;
		n -= chunk;
	}
}

static const struct cons_sink xencons_io_sink = {
	.name = "consoleio",
	.write = xencons_io_write,
	.flags = CONS_BATCHED,		/* one hypercall per 4 KiB */
};

int
xencons_init(void)
{
	volatile struct xencons_interface *intf;
	struct bi_kernel k;
	struct bi_status st;
	uint64_t pfn, port;

	if (xen_dom0()) {
		cons_register(&xencons_io_sink);
		return 0;
	}
	if (xen_hvm_param(HVM_PARAM_CONSOLE_PFN, &pfn) != 0 || pfn == 0 ||
	    xen_hvm_param(HVM_PARAM_CONSOLE_EVTCHN, &port) != 0) {
		pvbus_early_note(false, "xen: no PV console");
		return -1;
	}
	/* The page may sit just below 4 GiB; above it we cannot reach it. */
	if (pfn > (UINT64_MAX >> PAGE_SHIFT) || (intf = pmap_phys_ptr(
	    pfn << PAGE_SHIFT, sizeof(*intf))) == NULL || port > UINT32_MAX) {
		pvbus_early_note(true, "xen: PV console at pfn %#lx, "
		    "port %lu: not usable", (unsigned long)pfn,
		    (unsigned long)port);
		return -1;
	}
	xencons_pa = pfn << PAGE_SHIFT;
	memset(&k, 0, sizeof(k));
	k.start = (uint64_t)(uintptr_t)__kernel_start;
	k.end = (uint64_t)(uintptr_t)_end;
	if (bootinfo_check_shared_page(NULL, &k, xencons_pa, "PV console ring",
	    &st) != 0) {
		pvbus_early_note(true, "xen: %s", st.msg);
		return -1;
	}
	xencons_out.port = (evtchn_port_t)port;
	if (xen_ring_init_producer(&xencons_out.ring, intf->out,
	    sizeof(intf->out), &intf->out_cons, &intf->out_prod) != 0) {
		pvbus_early_note(true, "xen: PV console ring in an "
		    "impossible state (out_cons %u, out_prod %u)",
		    intf->out_cons, intf->out_prod);
		return -1;
	}
	xencons_ring_ok = true;
	cons_register(&xencons_ring_sink);
	return 0;
}

/*
 * xenconsoled notifies the port when it has taken output (and when input
 * comes, which we do not read).  Writers poll the ring and need no
 * wake-up, but the event must be the console's: a port without a handler
 * is counted as evtchn_unhandled and masked.
 */
static void
xencons_intr(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	xencons_out.st.events++;
}

/* Once event channels work (xen_attach, and after a resume). */
int
xencons_bind(void)
{
	if (!xencons_ring_ok)
		return 0;
	return xen_evtchn_bind(xencons_out.port, xencons_intr, NULL);
}

void
xencons_attach(void)
{
	struct bi_status st;

	if (!xencons_ring_ok)
		return;
	if (bootinfo_check_shared_page(bootargs->bi, &bootargs->kernel,
	    xencons_pa, "PV console ring", &st) != 0) {
		/* Stop writing to memory that is not the backend's. */
		xencons_ring_ok = false;
		printf("xen: %s: PV console not used\n", st.msg);
	}
}

/*
 * After a real resume: the toolstack cleared the ring's page and gave it
 * a new port.  The page is where it was (HVM params are part of the
 * saved state), and was checked at boot; another one is refused.
 */
static int
xencons_resume(void)
{
	volatile struct xencons_interface *intf;
	uint64_t pfn, port;

	if (!xencons_ring_ok)
		return 0;
	xencons_ring_ok = false;
	if (xen_hvm_param(HVM_PARAM_CONSOLE_PFN, &pfn) != 0 ||
	    xen_hvm_param(HVM_PARAM_CONSOLE_EVTCHN, &port) != 0 ||
	    pfn << PAGE_SHIFT != xencons_pa || port > UINT32_MAX ||
	    (intf = pmap_phys_ptr(xencons_pa, sizeof(*intf))) == NULL ||
	    xen_ring_init_producer(&xencons_out.ring, intf->out,
	    sizeof(intf->out), &intf->out_cons, &intf->out_prod) != 0)
		return -1;
	xencons_out.port = (evtchn_port_t)port;
	xencons_ring_ok = true;
	return xencons_bind();
}
XEN_RESUME_HOOK("console", xencons_resume, XEN_RESUME_CONSOLE);

bool
xencons_has_ring(void)
{
	return xencons_ring_ok;
}

void
xencons_get_stats(struct xencons_stats *st)
{
	*st = xencons_out.st;
	st->pending = xencons_ring_ok ? xen_ring_pending(&xencons_out.ring) :
	    0;
}
