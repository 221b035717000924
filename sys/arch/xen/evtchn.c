/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event channels, 2-level ABI: shared_info holds a pending and a mask bit
 * per port, vcpu_info a selector word saying which pending words to look
 * at.  Xen signals "something is pending" with an interrupt vector of our
 * choice:
 *  - HVMOP_set_evtchn_upcall_vector (per vCPU, Xen 4.6+): the vector
 *    comes through the local APIC, which must be enabled and wants an EOI;
 *  - else HVM_PARAM_CALLBACK_IRQ of type vector: injected directly, no
 *    EOI (and the LAPIC need not be enabled).
 *
 * The bitmaps are written by Xen at any time; the upcall loop is bounded
 * so that a port that is always pending cannot keep the CPU here, and a
 * port with no handler is masked rather than allowed to fire again.
 */
#include <sys/counter.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <machine/lapic.h>
#include <machine/trap.h>

#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

#define EVTCHN_MAX_HANDLED	256	/* ports we can attach a handler to */
#define EVTCHN_UPCALL_ROUNDS	64	/* re-scans of one upcall */
#define BITS_PER_WORD		(sizeof(xen_ulong_t) * 8)

struct evtchn_handler {
	xen_evtchn_fn_t	fn;
	void		*arg;
	unsigned	vcpu;		/* the vCPU the port notifies */
};

/* Cleared by xen_evtchn_init(), not at boot: only Xen uses it. */
static struct evtchn_handler evtchn_handlers[EVTCHN_MAX_HANDLED] __noinit;
static bool evtchn_needs_eoi;

static const char *evtchn_method = "none";
static volatile uint64_t evtchn_upcalls;

const char *
xen_evtchn_method(void)
{
	return evtchn_method;
}

uint64_t
xen_evtchn_upcalls(void)
{
	return evtchn_upcalls;
}
static volatile uint64_t evtchn_unhandled;
COUNTER_DEFINE(evtchn_unhandled, "evtchn_unhandled");

static void
evtchn_mask_port(evtchn_port_t port)
{
	volatile xen_ulong_t *w;

	if (port >= sizeof(xen_shared_info->evtchn_mask) * 8)
		return;
	w = &xen_shared_info->evtchn_mask[port / BITS_PER_WORD];
	__atomic_fetch_or(w, (xen_ulong_t)1 << (port % BITS_PER_WORD),
	    __ATOMIC_SEQ_CST);
}

static void
evtchn_dispatch(evtchn_port_t port)
{
	struct evtchn_handler *h;

	if (port < EVTCHN_MAX_HANDLED &&
	    (h = &evtchn_handlers[port])->fn != NULL) {
		h->fn(port, h->arg);
		return;
	}
	evtchn_unhandled++;
	evtchn_mask_port(port);
}

static void
xen_upcall(struct trapframe *tf)
{
	volatile struct shared_info *s = xen_shared_info;
	volatile struct vcpu_info *vi;
	xen_ulong_t sel, pending;
	unsigned round, word, bit, me, port;

	(void)tf;
	vi = xen_vcpu_info_cur(&me);
	__atomic_fetch_add(&evtchn_upcalls, 1, __ATOMIC_RELAXED);
	if (evtchn_needs_eoi)
		lapic_eoi();
	for (round = 0; round < EVTCHN_UPCALL_ROUNDS &&
	    vi->evtchn_upcall_pending; round++) {
		vi->evtchn_upcall_pending = 0;
		sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0,
		    __ATOMIC_SEQ_CST);
		while (sel != 0) {
			word = (unsigned)__builtin_ctzl(sel);
			sel &= sel - 1;
			pending = s->evtchn_pending[word] &
			    ~s->evtchn_mask[word];
			while (pending != 0) {
				bit = (unsigned)__builtin_ctzl(pending);
				pending &= pending - 1;
				/*
				 * Another vCPU's port in the same word: its
				 * owner was notified and takes it.
				 */
				port = word * BITS_PER_WORD + bit;
				if (port < EVTCHN_MAX_HANDLED &&
				    evtchn_handlers[port].fn != NULL &&
				    evtchn_handlers[port].vcpu != me)
					continue;
				/* Clear before handling: a new event re-sets it. */
				__atomic_fetch_and(&s->evtchn_pending[word],
				    ~((xen_ulong_t)1 << bit), __ATOMIC_SEQ_CST);
				evtchn_dispatch(port);
			}
		}
	}
}

int
xen_evtchn_init(void)
{
	struct xen_hvm_evtchn_upcall_vector uv;
	struct xen_hvm_param p;
	long rc;

	memset(evtchn_handlers, 0, sizeof(evtchn_handlers));
	intr_establish(XEN_UPCALL_VECTOR, xen_upcall);
	if (lapic_enable() == 0) {
		uv.vcpu = 0;
		uv.vector = XEN_UPCALL_VECTOR;
		if ((rc = HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector,
		    &uv)) == 0) {
			evtchn_needs_eoi = true;
			evtchn_method = "vector";
			return 0;
		}
		aprint_normal("xen: HVMOP_set_evtchn_upcall_vector: %ld, "
		    "using HVM_PARAM_CALLBACK_IRQ\n", rc);
	}
	p.domid = DOMID_SELF;
	p.index = HVM_PARAM_CALLBACK_IRQ;
	p.value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) |
	    XEN_UPCALL_VECTOR;
	if ((rc = HYPERVISOR_hvm_op(HVMOP_set_param, &p)) != 0) {
		printf("xen: no event channel upcall: HVM_PARAM_CALLBACK_IRQ "
		    "%ld\n", rc);
		return -1;
	}
	evtchn_method = "callback";
	return 0;
}

int
xen_evtchn_bind(evtchn_port_t port, xen_evtchn_fn_t fn, void *arg)
{
	if (port >= EVTCHN_MAX_HANDLED)
		return -1;
	evtchn_handlers[port].vcpu = 0;
	evtchn_handlers[port].arg = arg;
	evtchn_handlers[port].fn = fn;
	return 0;
}

void
xen_evtchn_unbind(evtchn_port_t port)
{
	if (port < EVTCHN_MAX_HANDLED)
		evtchn_handlers[port].fn = NULL;
}

int
xen_evtchn_send(evtchn_port_t port)
{
	struct evtchn_send s = { .port = port };

	return HYPERVISOR_event_channel_op(EVTCHNOP_send, &s) == 0 ? 0 : -1;
}

/* Through Xen, which re-raises an event that came in while masked. */
int
xen_evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask u = { .port = port };

	return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &u) == 0 ? 0 : -1;
}

int
xen_evtchn_close(evtchn_port_t port)
{
	struct evtchn_close c = { .port = port };

	xen_evtchn_unbind(port);
	return HYPERVISOR_event_channel_op(EVTCHNOP_close, &c) == 0 ? 0 : -1;
}

int
xen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = DOMID_SELF,
	    .remote_dom = remote };

	if (HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &a) != 0)
		return -1;
	*port = a.port;
	return 0;
}

int
xen_evtchn_bind_interdomain(domid_t remote, evtchn_port_t rport,
    evtchn_port_t *lport)
{
	struct evtchn_bind_interdomain b = { .remote_dom = remote,
	    .remote_port = rport };

	if (HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &b) != 0)
		return -1;
	*lport = b.local_port;
	return 0;
}

int
xen_evtchn_bind_ipi(unsigned vcpu, xen_evtchn_fn_t fn, void *arg,
    evtchn_port_t *port)
{
	struct evtchn_bind_ipi b = { .vcpu = vcpu };

	if (HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &b) != 0 ||
	    b.port >= EVTCHN_MAX_HANDLED)
		return -1;
	evtchn_handlers[b.port].vcpu = vcpu;
	evtchn_handlers[b.port].arg = arg;
	evtchn_handlers[b.port].fn = fn;
	*port = b.port;
	return xen_evtchn_unmask(b.port);
}

int
xen_evtchn_bind_virq(uint32_t virq, evtchn_port_t *port)
{
	struct evtchn_bind_virq b = { .virq = virq, .vcpu = 0 };

	if (HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &b) != 0)
		return -1;
	*port = b.port;
	return 0;
}
