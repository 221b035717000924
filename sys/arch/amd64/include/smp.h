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

#define SMP_MAXCPUS		16	/* the BSP and up to 15 APs */
#define AP_STACK_SIZE		8192	/* an AP runs test functions only */
#define AP_DF_STACK_SIZE	4096	/* the double-fault report */
#define MSR_GS_BASE		0xc0000101

/* IPI vectors: below Xen's upcall (0xf3) and the tests' 0xf1/0xf5. */
#define SMP_VEC_WAKE		0xe0	/* work is waiting (smp_run) */
#define SMP_VEC_PING		0xe1	/* t_smp: answer with a pong */
#define SMP_VEC_PONG		0xe2

typedef void (*smp_fn_t)(void *);

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
	char		*ci_stack_guard;	/* NULL on the BSP */
	char		*ci_df_guard;
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
/* The name of an AP stack whose guard page holds addr, or NULL (trap.c). */
const char *smp_stack_overflowed(uint64_t addr);
/* A busy wait of us microseconds on the TSC. */
void	smp_delay_us(uint64_t us);

#endif /* !_MACHINE_SMP_H_ */
