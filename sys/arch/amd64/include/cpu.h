/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CPU identification and the TSC.  CPUID is a VM exit: leaves are read
 * once and kept here.
 */
#ifndef _MACHINE_CPU_H_
#define _MACHINE_CPU_H_

#include <stdint.h>

extern uint32_t cpu_id1[4];	/* CPUID leaf 1: EAX..EDX */

void	cpu_identify(void);
/* cpu_tsc_khz_cpuid(), tsc_calibrate_pmtimer(): <kern/kern_md.h> */

/* locore.S */
extern uint64_t locore_entry_tsc;
extern uint32_t locore_start_info_pa;

#endif /* !_MACHINE_CPU_H_ */
