/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The toolstack's requests: `xl shutdown`, `xl reboot`, `xl save`
 * write "poweroff", "reboot" or "suspend" to control/shutdown, after
 * checking that the guest can hear them:
 *  - libxl takes a PVH guest's HVM_PARAM_CALLBACK_IRQ != 0 as "PV
 *    drivers present" (libxl__domain_pvcontrol_available()); Xen uses
 *    the per-vCPU upcall vector in preference to it (hvm_op.h), so
 *    setting it to the same vector changes nothing else;
 *  - control/feature-poweroff, -reboot, -suspend say what we obey.
 * The guest acknowledges a request by writing "" back (libxl cancels a
 * suspend that is not acknowledged in time).
 *
 * The watch's callback only records the request: whoever waits (the
 * lifecycle test's loop) calls xen_control_poll(), which carries out a
 * suspend there and then and hands poweroff and reboot to the caller,
 * so that it can end its work and the run's result line still comes.
 * The run then ends with the reason asked for (xen_control_reboot()).
 */
#include <sys/clock.h>
#include <sys/cons.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xenvar.h>
#include <machine/cpufunc.h>

#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

#define CONTROL_PATH	"control/shutdown"
#define CONTROL_TOKEN	"genpvh-control"
/* exit=wait: a wake-up at least this often, for a watch event missed. */
#define XEN_CONTROL_WAIT_NS	(1000ULL * 1000 * 1000)

static const char *const control_features[] = {
	"control/feature-poweroff",
	"control/feature-reboot",
	"control/feature-suspend",
};

static enum xen_ctl control_req;
static bool control_up, control_reboot;

static void
control_watch(const char *path, const char *token, void *arg)
{
	static const struct {
		const char	*word;
		enum xen_ctl	req;
	} words[] = {
		{ "poweroff", XEN_CTL_POWEROFF },
		{ "halt", XEN_CTL_POWEROFF },	/* no halt of our own */
		{ "reboot", XEN_CTL_REBOOT },
		{ "suspend", XEN_CTL_SUSPEND },
	};
	char val[16], esc[sizeof(val) * 4];
	unsigned i;

	(void)path, (void)token, (void)arg;
	/* The first event is the watch's own; "" is our acknowledgment. */
	if (xenstore_read(CONTROL_PATH, val, sizeof(val)) != XS_ERR_NONE ||
	    val[0] == '\0')
		return;
	for (i = 0; i < nitems(words); i++) {
		if (strcmp(val, words[i].word) != 0)
			continue;
		(void)xenstore_write(CONTROL_PATH, "");
		printf("control: %s requested\n", val);
		control_req = words[i].req;
		return;
	}
	(void)xenstore_write(CONTROL_PATH, "");
	/* The toolstack's string: escaped. */
	fmt_escape(esc, sizeof(esc), val, sizeof(val));
	printf("control: unknown request \"%s\" ignored\n", esc);
}

/* Tell libxl and the toolstack what we obey (also after a resume). */
static int
control_announce(void)
{
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
		.value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) |
		    XEN_UPCALL_VECTOR,
	};
	enum xs_err e;
	unsigned i;

	if (!control_up)
		return 0;
	if (HYPERVISOR_hvm_op(HVMOP_set_param, &p) != 0)
		printf("control: HVM_PARAM_CALLBACK_IRQ refused: libxl will "
		    "not send requests\n");
	for (i = 0; i < nitems(control_features); i++)
		if ((e = xenstore_write(control_features[i], "1")) !=
		    XS_ERR_NONE) {
			printf("control: write %s: %s\n", control_features[i],
			    xs_err_name(e));
			return -1;
		}
	return 0;
}
XEN_RESUME_HOOK("control", control_announce, XEN_RESUME_XENSTORE + 1);

void
xen_control_init(void)
{
	enum xs_err e;

	if (xen_dom0() || !xenstore_present())
		return;
	control_up = true;
	if (control_announce() != 0 ||
	    (e = xenstore_watch(CONTROL_PATH, CONTROL_TOKEN, control_watch,
	    NULL)) != XS_ERR_NONE) {
		printf("control: no watch on %s: toolstack requests not "
		    "heard\n", CONTROL_PATH);
		control_up = false;
	}
}

bool
xen_control_present(void)
{
	return control_up;
}

enum xen_ctl
xen_control_poll(void)
{
	char domid[16];

	(void)xenstore_poll();
	if (control_req == XEN_CTL_SUSPEND) {
		control_req = XEN_CTL_NONE;
		if (xen_suspend() == 0 &&
		    xenstore_read("domid", domid, sizeof(domid)) ==
		    XS_ERR_NONE)
			printf("resume: domid %s\n", domid);
		(void)xenstore_poll();
	}
	if (control_req == XEN_CTL_REBOOT)
		control_reboot = true;
	return control_req;
}

bool
xen_control_reboot(void)
{
	return control_reboot;
}

/*
 * exit=wait (the pvbus wait op): the run is over; take the toolstack's
 * requests until a poweroff or a reboot comes.  A suspend on the way is
 * carried out inside xen_control_poll(), and the wait goes on in the
 * restored domain.  -1 at once where no toolstack can ask (a dom0, or
 * no control node in xenstore).
 */
int
xen_control_wait(struct pvbus_hv *hv)
{
	(void)hv;
	if (!xen_control_present())
		return -1;
	printf("shutdown: exit=wait: waiting for the toolstack (xl shutdown, "
	    "xl reboot)\n");
	cons_flush();
	while (xen_control_poll() == XEN_CTL_NONE)
		xen_control_idle(clock_ns() + XEN_CONTROL_WAIT_NS);
	return 0;
}

void
xen_control_idle(uint64_t until_ns)
{
	uint64_t now = clock_ns(), raw, kicks = xenstore_kicks(), t, last;

	if (now >= until_ns || !xen_time_read_raw(&raw) ||
	    xen_timer_arm(raw + (until_ns - now)) != 0)
		return;
	t = xen_timer_count(&last);
	/* Interrupts are off between the checks: cpu_wait_intr() says why. */
	disable_intr();
	while (xenstore_kicks() == kicks && xen_timer_count(&last) == t)
		cpu_wait_intr();
}
