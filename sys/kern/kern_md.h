/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Every hook the machine-independent kernel (sys/kern) calls in
 * machine-dependent code, in one place (after XTF's
 * include/xtf/framework.h).  This is the only file under sys/kern that
 * includes a <machine/...> header, and nothing under sys/kern includes
 * sys/arch/ otherwise: tests/layering/run checks both.
 *
 * The dependency is one-way: machine-dependent code calls into sys/kern
 * through <sys/...> headers (kernel_main(), cons_register(),
 * shutdown_register(), ...), and sys/kern calls back only what is
 * declared here (tests/layering/run checks the object files too: every
 * symbol a sys/kern object takes from a sys/arch object is named in this
 * file or in a header it includes).
 */
#ifndef _KERN_KERN_MD_H_
#define _KERN_KERN_MD_H_

#include <stdint.h>

#include <sys/attr.h>
/*
 * The direct map (pmap.c): pmap_phys_ptr() and pmap_phys_read(), whose
 * interface is machine-independent and shared with the host tests.
 */
#include <sys/pmap.h>

/*
 * Instructions, inline: rdtsc() and rdtsc_ordered() (timestamps and the
 * TSC fallback of clock_ns()), disable_intr() (panic, shutdown).
 */
#include <machine/cpufunc.h>

/* cpu.c: TSC kHz from CPUID 0x15/0x16, or 0; *src names the leaf used. */
uint64_t cpu_tsc_khz_cpuid(const char **src);
/* cpu.c: TSC kHz measured against the ACPI PM timer, or 0 if none. */
uint64_t tsc_calibrate_pmtimer(void);

/*
 * machine.c: which machine this is, as a KTEST_M_* bit (0: one we do not
 * know) and its name ("pc", "q35", "microvm", "xen-domu", "xen-dom0").
 */
unsigned machine_kind(const char **name);
/* machine.c: the hypervisor in charge as a KTEST_HV_* bit, and its name. */
unsigned machine_hv(const char **name);

/*
 * smp.c: after the end-of-boot stamp, start the other CPUs; reports
 * cpus=, cpus_offered= and ap_us=.
 */
void	cpu_start_secondary(void);
/* smp.c: the index of the CPU this runs on, 0 (the boot CPU) before. */
unsigned cpu_number(void);

/* machdep.c: stop this CPU for good, interrupts off. */
__dead void cpu_halt(void);

#endif /* !_KERN_KERN_MD_H_ */
