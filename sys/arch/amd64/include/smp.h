/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Several CPUs (smp.c).  The boot CPU (BSP) finds the others in the ACPI
 * MADT and starts them, after the end-of-boot stamp, with INIT-SIPI-SIPI
 * through a real-mode trampoline below 1 MiB (mpboot.S).  Each CPU has a
 * struct cpu_info, found through its GS base, with its own GDT, TSS,
 * stack and double-fault stack (each stack above an unmapped guard
 * page).  An AP then waits, halted, for work the BSP hands it
 * (smp_run), woken by an IPI: the kernel has no scheduler.
 */
#ifndef _MACHINE_SMP_H_
#define _MACHINE_SMP_H_

#include <stdbool.h>
#include <stdint.h>

#include <machine/segments.h>
#include <machine/trap.h>

#define SMP_MAXCPUS		64	/* the BSP and up to 63 APs */
#define AP_STACK_SIZE		8192	/* an AP runs test functions only */
#define AP_DF_STACK_SIZE	4096	/* the double-fault report */
#define MSR_GS_BASE		0xc0000101

/* IPI vectors: below Xen's upcall (0xf3) and the tests' 0xf1/0xf5. */
#define SMP_VEC_WAKE		0xe0	/* work is waiting (smp_run) */
#define SMP_VEC_PING		0xe1	/* t_smp: answer with a pong */
#define SMP_VEC_PONG		0xe2
#define SMP_NVEC		3	/* SMP_VEC_WAKE and up */
/* Xen's struct vcpu_info; aligned to its size, it never crosses a page. */
#define SMP_VCPU_INFO_SIZE	64

typedef void (*smp_fn_t)(void *);

struct ap_stack;

struct cpu_info {
	struct cpu_info	*ci_self;	/* %gs:0 */
	unsigned	ci_index;	/* 0 is the BSP */
	uint32_t	ci_apic_id;	/* from the MADT */
	uint32_t	ci_apic_id_read;/* what the CPU read from its APIC */
	volatile int	ci_online;
	volatile smp_fn_t ci_fn;	/* work, NULL when idle */
	void		*ci_arg;
	volatile unsigned ci_done;	/* works finished */
	volatile unsigned ci_pings;	/* t_smp's counters */
	volatile unsigned ci_pongs;
	volatile unsigned ci_ping_from;	/* index of the CPU that pinged */
	struct ap_stack	*ci_ap_stack;		/* smp.c; NULL on the BSP */
	char		*ci_stack_guard;	/* NULL on the BSP */
	char		*ci_df_guard;
	/* Xen (xen_smp.c): vCPU id, its vcpu_info, an IPI port per vector. */
	uint32_t	ci_vcpu_id;
	volatile void	*ci_vcpu_info;
	uint32_t	ci_ipi_port[SMP_NVEC];
	uint8_t		ci_vcpu_info_buf[SMP_VCPU_INFO_SIZE]
	    __attribute__((aligned(SMP_VCPU_INFO_SIZE)));
	uint64_t	ci_gdt[GDT_SIZE / 8] __attribute__((aligned(16)));
	uint8_t		ci_tss[TSS64_SIZE] __attribute__((aligned(16)));
};

static inline struct cpu_info *
curcpu(void)
{
	struct cpu_info *ci;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(ci));
	return ci;
}

/*
 * After the end-of-boot stamp: find and start the APs; the report gets
 * cpus=, cpus_offered= and ap_us=.  The BSP's own cpu_info is set up
 * even with one CPU (cheap: one MSR write).
 */
void	smp_start(void);
unsigned smp_ncpus(void);		/* online, the BSP included */
unsigned smp_offered(void);		/* CPUs the platform offers */
struct cpu_info *smp_cpu(unsigned index);	/* NULL if not online */
/* Run fn(arg) on CPU index, wait for it: 0, or -1 after a timeout. */
int	smp_run(unsigned index, smp_fn_t fn, void *arg);
/* Start fn(arg) on CPU index; smp_wait() for the end of it. */
void	smp_run_async(unsigned index, smp_fn_t fn, void *arg);
int	smp_wait(unsigned index);
/* An IPI: the KVM send-IPI hypercall where offered, else the APIC ICR. */
void	smp_ipi(unsigned index, uint8_t vector);
const char *smp_ipi_method(void);
/*
 * A raw reading of this CPU's own pvclock record (kvmclock or Xen's
 * vcpu_info time): false if there is none.
 */
bool	smp_pvclock_read(uint64_t *ns);
const char *smp_pvclock_name(void);	/* "kvmclock", "xen" or NULL */
/* Is id one of the MADT's enabled CPUs? */
bool	smp_apic_in_madt(uint32_t id);
bool	smp_madt_found(void);
/* In a wait loop: pause, or on Xen give the pCPU to the vCPU awaited. */
void	smp_relax(void);

/*
 * xen_smp.c: Xen's vCPUs.  How many exist (VCPUOP_is_up answers) and
 * which may run (xenstore cpu/<n>/availability "online"; all without a
 * xenstore), for vCPU ids below max; start one with VCPUOP_initialise
 * (64-bit, at xen_ap_entry64) and VCPUOP_up; on the AP, its upcall
 * vector; IPIs as event channels (EVTCHNOP_bind_ipi) to a vector's
 * handler.
 */
unsigned xen_smp_vcpus(bool *avail, unsigned max);
int	xen_smp_prepare(struct cpu_info *ci);
int	xen_smp_start(struct cpu_info *ci, uint64_t rsp, char *why, size_t len);
int	xen_smp_ap_init(struct cpu_info *ci);
long	xen_smp_vcpu_op(int cmd, unsigned vcpu);
void	xen_smp_ipi(struct cpu_info *ci, uint8_t vector);
void	xen_smp_yield(void);
bool	xen_smp_upcall_per_vcpu(void);	/* HVMOP_set_evtchn_upcall_vector */
#define XEN_VCPUOP_UP		1	/* xen/vcpu.h, for callers without it */
#define XEN_VCPUOP_DOWN		2
#define XEN_VCPUOP_IS_UP	3
bool	xen_smp_time_read(uint64_t *ns);
/*
 * Around a Xen suspend (xen_suspend.c): take every AP down (0, or -1
 * after saying why, all up again); bring them back after a real resume
 * (restored: vcpu_info, IPI ports, a fresh start) or a cancelled one
 * (0, or -1 after saying which vCPU is lost; smp_ncpus() shrinks).
 */
int	smp_xen_suspend(void);
int	smp_xen_resume(bool restored);
/* Set once the BSP's cpu_info is in place (smp_start). */
extern bool smp_percpu_ready;

/* The name of an AP stack whose guard page holds addr, or NULL (trap.c). */
const char *smp_stack_overflowed(uint64_t addr);

#endif /* !_MACHINE_SMP_H_ */
