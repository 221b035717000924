/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Secondary vCPUs on Xen (smp.c does the rest).  A PVH vCPU is started
 * by hypercall, not INIT-SIPI (xen/include/public/vcpu.h): VCPUOP_
 * initialise with a vcpu_hvm_context in 64-bit mode, then VCPUOP_up.
 * Each AP gets a vcpu_info of its own (VCPUOP_register_vcpu_info, which
 * vCPUs 32 and up need: shared_info holds 32), the event upcall vector
 * (HVMOP_set_evtchn_upcall_vector is per vCPU) and one IPI event channel
 * per IPI vector (EVTCHNOP_bind_ipi).  The boot vCPU keeps shared_info's
 * vcpu_info[0], which the rest of the backend already uses.
 */
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvclock.h>
#include <machine/cpufunc.h>
#include <machine/pte.h>
#include <machine/smp.h>
#include <machine/specialreg.h>

#include <xen/hvm/hvm_op.h>
#include <xen/hvm/hvm_vcpu.h>
#include <xen/sched.h>
#include <xen/vcpu.h>

_Static_assert(sizeof(struct vcpu_info) == SMP_VCPU_INFO_SIZE,
    "SMP_VCPU_INFO_SIZE is Xen's vcpu_info");

#define XEN_ENOENT	2		/* xen/errno.h */
#define RFLAGS_RESERVED	0x2		/* bit 1 is always set */
#define AVAIL_LEN	16		/* "online" / "offline" */

extern char xen_ap_entry64[];
extern uint64_t boot_pml4[];

long
xen_smp_vcpu_op(int cmd, unsigned vcpu)
{
	return HYPERVISOR_vcpu_op(cmd, vcpu, NULL);
}

unsigned
xen_smp_vcpus(bool *avail, unsigned max)
{
	char path[32], val[AVAIL_LEN];
	unsigned n;

	for (n = 0; n < max; n++) {
		if (xen_smp_vcpu_op(VCPUOP_is_up, n) < 0)
			break;		/* -ENOENT: no such vCPU */
		avail[n] = true;
		snprintf(path, sizeof(path), "cpu/%u/availability", n);
		if (xenstore_present() &&
		    xenstore_read(path, val, sizeof(val)) == XS_ERR_NONE)
			avail[n] = strcmp(val, "online") == 0;
	}
	return n;
}

_Static_assert(XEN_VCPUOP_UP == VCPUOP_up && XEN_VCPUOP_DOWN == VCPUOP_down &&
    XEN_VCPUOP_IS_UP == VCPUOP_is_up, "VCPUOP numbers");

void
xen_smp_ipi(struct cpu_info *ci, uint8_t vector)
{
	(void)xen_evtchn_send(ci->ci_ipi_port[vector - SMP_VEC_WAKE]);
}

void
xen_smp_yield(void)
{
	(void)HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

static void
ipi_port(evtchn_port_t port, void *arg)
{
	(void)port;
	intr_run((unsigned)(uintptr_t)arg);
}

/* Before the vCPU runs: its vcpu_info and its IPI ports. */
int
xen_smp_prepare(struct cpu_info *ci)
{
	struct vcpu_register_vcpu_info r;
	volatile struct vcpu_info *vi;
	unsigned v;

	if (ci->ci_vcpu_id == 0)
		vi = &xen_shared_info->vcpu_info[0];
	else {
		vi = (volatile struct vcpu_info *)ci->ci_vcpu_info_buf;
		r.mfn = (uint64_t)(uintptr_t)vi >> PAGE_SHIFT;
		r.offset = (uint32_t)((uintptr_t)vi & (PAGE_SIZE - 1));
		r.rsvd = 0;
		if (HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info,
		    ci->ci_vcpu_id, &r) != 0)
			return -1;
		/* Xen copied the shared_info slot: events on. */
		vi->evtchn_upcall_mask = 0;
	}
	ci->ci_vcpu_info = vi;
	for (v = 0; v < SMP_NVEC; v++)
		if (xen_evtchn_bind_ipi(ci->ci_vcpu_id, ipi_port,
		    (void *)(uintptr_t)(SMP_VEC_WAKE + v),
		    &ci->ci_ipi_port[v]) != 0)
			return -1;
	return 0;
}

int
xen_smp_start(struct cpu_info *ci, uint64_t rsp, char *why, size_t len)
{
	struct vcpu_hvm_context ctx;
	long rc;

	memset(&ctx, 0, sizeof(ctx));
	ctx.mode = VCPU_HVM_MODE_64B;
	ctx.cpu_regs.x86_64.rip = (uint64_t)(uintptr_t)xen_ap_entry64;
	ctx.cpu_regs.x86_64.rsp = rsp;
	ctx.cpu_regs.x86_64.rflags = RFLAGS_RESERVED;	/* interrupts off */
	ctx.cpu_regs.x86_64.cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE |
	    CR0_WP | CR0_PG;
	ctx.cpu_regs.x86_64.cr3 = (uint64_t)(uintptr_t)boot_pml4;
	ctx.cpu_regs.x86_64.cr4 = CR4_PAE;
	ctx.cpu_regs.x86_64.efer = EFER_LME | EFER_LMA | EFER_NXE;
	if ((rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, ci->ci_vcpu_id,
	    &ctx)) != 0) {
		snprintf(why, len, "VCPUOP_initialise: %ld", rc);
		return -1;
	}
	if ((rc = xen_smp_vcpu_op(VCPUOP_up, ci->ci_vcpu_id)) != 0) {
		snprintf(why, len, "VCPUOP_up: %ld", rc);
		return -1;
	}
	return 0;
}

bool
xen_smp_upcall_per_vcpu(void)
{
	return strcmp(xen_evtchn_method(), "vector") == 0;
}

/* On the AP: its upcall vector (the boot vCPU has one: smp.c checks). */
int
xen_smp_ap_init(struct cpu_info *ci)
{
	struct xen_hvm_evtchn_upcall_vector uv;

	uv.vcpu = ci->ci_vcpu_id;
	uv.vector = XEN_UPCALL_VECTOR;
	return HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector, &uv) == 0 ?
	    0 : -1;
}

static uint64_t
xen_rdtsc(void)
{
	return rdtsc_ordered();
}

bool
xen_smp_time_read(uint64_t *ns)
{
	struct pvclock_state st = { 0, 0, 0 };
	volatile struct vcpu_info *vi = curcpu()->ci_vcpu_info;

	return vi != NULL && pvclock_read((volatile const struct
	    pvclock_vcpu_time_info *)&vi->time, xen_rdtsc, &st, ns);
}

volatile struct vcpu_info *
xen_vcpu_info_cur(unsigned *vcpu)
{
	struct cpu_info *ci;

	if (!smp_percpu_ready || (ci = curcpu())->ci_vcpu_info == NULL) {
		*vcpu = 0;
		return &xen_shared_info->vcpu_info[0];
	}
	*vcpu = ci->ci_vcpu_id;
	return ci->ci_vcpu_info;
}

/* A real resume: the APs again, from scratch (smp.c says how). */
static int
xen_smp_resume(void)
{
	return smp_xen_resume(true);
}
XEN_RESUME_HOOK("vcpus", xen_smp_resume, XEN_RESUME_VCPUS);
