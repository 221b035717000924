/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Xen backend's internal interfaces, one section per file under
 * sys/arch/xen/.  Only the backend and the Xen tests include this.
 */
#ifndef _XEN_XENVAR_H_
#define _XEN_XENVAR_H_

#include <stdbool.h>
#include <stdint.h>

#include <sys/shutdown.h>

#include <arch/xen/xen_public.h>
#include <arch/xen/xen_wait.h>
#include <arch/xen/xencons_ring.h>
#include <arch/xen/xenstore_watch.h>
#include <arch/xen/xenstore_wire.h>

#include <xen/event_channel.h>

struct bootinfo;
struct pvbus_hv;

/* xen.c: the pvbus driver. */
bool	xen_ready(void);	/* the backend attached: tests may use it */
bool	xen_dom0(void);		/* XENFEAT_dom0 */

/* hypercall.c */
extern uint32_t xen_hypercall_msr;	/* where we wrote its address */
int	xen_hypercall_init(const struct pvbus_hv *hv);
bool	xen_hypercall_ready(void);	/* the page is filled: calls work */
int	xen_feature(unsigned feature);
/* HVMOP_get_param for ourselves: 0, or -1 if Xen refused. */
int	xen_hvm_param(uint32_t index, uint64_t *value);

/* shared_info.c */
extern volatile struct shared_info *xen_shared_info;
int	xen_shared_info_init(void);

/*
 * xen_clock.c: Xen system time, ns since the host booted, registered as
 * clock=xen (read it through clock_ns()).  The raw reader is for the
 * tests that judge Xen time itself; the leaf's rate is 0 if none.
 */
void	xen_clock_init(const struct pvbus_hv *hv);
void	xen_clock_offer_tsc(const struct pvbus_hv *hv);
bool	xen_time_read_raw(uint64_t *ns);
uint64_t xen_tsc_leaf_khz(void);
/* xen_wallclock.c: offer shared_info's wall clock. */
void	xen_wallclock_init(void);

/* xen_memmap.c */
int	xen_memmap_fetch(struct bootinfo *bi);
/* After the boot allocator: hold it to the memory Xen really backs. */
void	xen_memmap_limit(struct bootinfo *bi);

/* evtchn.c */
typedef void (*xen_evtchn_fn_t)(evtchn_port_t port, void *arg);
#define XEN_UPCALL_VECTOR	0xf3	/* Linux's HYPERVISOR_CALLBACK_VECTOR */
int	xen_evtchn_init(void);
const char *xen_evtchn_method(void);	/* "vector", "callback" or "none" */
uint64_t xen_evtchn_upcalls(void);	/* upcalls taken so far */
int	xen_evtchn_bind(evtchn_port_t port, xen_evtchn_fn_t fn, void *arg);
void	xen_evtchn_unbind(evtchn_port_t port);
int	xen_evtchn_send(evtchn_port_t port);
int	xen_evtchn_unmask(evtchn_port_t port);
int	xen_evtchn_close(evtchn_port_t port);
int	xen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
int	xen_evtchn_bind_interdomain(domid_t remote, evtchn_port_t rport,
	    evtchn_port_t *lport);
int	xen_evtchn_bind_virq(uint32_t virq, evtchn_port_t *port);
/* An IPI port to vCPU vcpu (EVTCHNOP_bind_ipi), handled there. */
int	xen_evtchn_bind_ipi(unsigned vcpu, xen_evtchn_fn_t fn, void *arg,
	    evtchn_port_t *port);

/* xen_smp.c: the vcpu_info of the vCPU this runs on, and its id. */
volatile struct vcpu_info *xen_vcpu_info_cur(unsigned *vcpu);

/* xen_timer.c: the one-shot timer of vCPU 0 (VIRQ_TIMER). */
int	xen_timer_init(void);
int	xen_timer_arm(uint64_t deadline_ns);
/* Timer interrupts seen so far, and clock_ns() when the last came. */
uint64_t xen_timer_count(uint64_t *last_ns);

/* xen_waitops.c: what the bounded waits use on real Xen. */
extern const struct xen_waitops xen_waitops;

/* xencons.c: PV console ring (domU) or CONSOLEIO_write (dom0). */
int	xencons_init(void);
/* Once the memory map is known: the ring's page checked again. */
void	xencons_attach(void);
/* The ring's event channel to its handler, once event channels work. */
int	xencons_bind(void);
bool	xencons_has_ring(void);
void	xencons_get_stats(struct xencons_stats *);

/* xenstore.c */
int	xenstore_init(void);
bool	xenstore_present(void);
enum xs_err xenstore_read(const char *path, char *buf, size_t size);
enum xs_err xenstore_write(const char *path, const char *value);
enum xs_err xenstore_directory(const char *path, char *buf, size_t size,
	    size_t *len);
/*
 * Watches (xenstore_watch.h): cb(path, token, arg) runs from
 * xenstore_poll(), never from inside another request, once when the
 * watch is set (xenstored fires every new watch) and after each change
 * under path.  A token is unique; relative paths are under
 * /local/domain/<domid>/ and so are the paths an event reports.
 */
enum xs_err xenstore_watch(const char *path, const char *token,
	    xs_watch_fn cb, void *arg);
enum xs_err xenstore_unwatch(const char *path, const char *token);
/*
 * Take what the daemon sent and run the callbacks of the events that
 * arrived (also those queued during earlier requests); never waits.
 * Returns how many callbacks ran.  Code that waits for a change it
 * watches calls it in its wait loop.
 */
unsigned xenstore_poll(void);
/* Events seen on xenstore's port so far: a waiter's wake-up condition. */
uint64_t xenstore_kicks(void);

/* xenstore_ident.c: domid= and domname=, after the end of boot. */
void	xenstore_identify(void);

/* xen_control.c: the toolstack's requests (control/shutdown). */
enum xen_ctl {
	XEN_CTL_NONE,
	XEN_CTL_POWEROFF,	/* xl shutdown */
	XEN_CTL_REBOOT,		/* xl reboot */
	XEN_CTL_SUSPEND,	/* xl save, migrate: done inside the poll */
};
void	xen_control_init(void);		/* domU, after the end of boot */
bool	xen_control_present(void);
/*
 * Deliver xenstore events; carry out a suspend (and the resume) if one
 * was asked for; return a pending poweroff or reboot (XEN_CTL_NONE if
 * none), which stays pending.
 */
enum xen_ctl xen_control_poll(void);
/* A reboot was asked for: the run ends with SHUTDOWN_reboot. */
bool	xen_control_reboot(void);
/* Sleep until clock_ns() reaches until_ns or xenstore has news. */
void	xen_control_idle(uint64_t until_ns);
/* exit=wait: until the toolstack asks for a poweroff or reboot. */
struct pvbus_hv;
int	xen_control_wait(struct pvbus_hv *);

/*
 * xbd.c: blkfront.  Attach every device/vbd (after the end of boot: it
 * waits on the backends); at a clean shutdown, close them (bounded).
 */
void	xbd_attach_all(void);
void	xbd_detach_all(void);

/* xen_shutdown.c: SCHEDOP_shutdown, the driver's pvbus shutdown(). */
void	xen_shutdown(struct pvbus_hv *hv, enum shutdown_how how);

#endif /* !_XEN_XENVAR_H_ */
