/*
 * CPU identification and the TSC.  CPUID is a VM exit: leaves are read
 * once and kept here.
 */
#ifndef _MACHINE_CPU_H_
#define _MACHINE_CPU_H_

#include <stdint.h>

extern uint32_t cpu_id1[4];	/* CPUID leaf 1: EAX..EDX */

void	cpu_identify(void);
/* TSC kHz from CPUID 0x15/0x16, or 0; *src names the leaf used. */
uint64_t cpu_tsc_khz_cpuid(const char **src);
/* TSC kHz measured against the ACPI PM timer, or 0 if there is none. */
uint64_t tsc_calibrate_pmtimer(void);

/* locore.S */
extern uint64_t locore_entry_tsc;
extern uint32_t locore_start_info_pa;

#endif /* !_MACHINE_CPU_H_ */
