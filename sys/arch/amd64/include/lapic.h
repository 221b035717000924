/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The local APIC, as far as a kernel without a timer of its own needs
 * it: software-enable it and acknowledge (EOI) interrupts it delivered;
 * the tests also send themselves interrupts through it.
 * xAPIC registers are memory-mapped at the base in IA32_APIC_BASE; in
 * x2APIC mode the same registers are MSRs 0x800 + offset / 16
 * (Intel SDM vol. 3, 10.4 and 10.12).
 */
#ifndef _MACHINE_LAPIC_H_
#define _MACHINE_LAPIC_H_

#include <stdbool.h>
#include <stdint.h>

#define MSR_APICBASE		0x01b
#define APICBASE_X2APIC		0x400	/* x2APIC mode enabled */
#define APICBASE_ENABLE		0x800	/* globally enabled */
#define APICBASE_ADDR_SHIFT	12	/* the base: bits 12..MAXPHYADDR-1 */
#define MSR_X2APIC_BASE		0x800

/*
 * MAXPHYADDR, the physical address width (CPUID 0x80000008 EAX[7:0]):
 * 36 where that leaf is missing, never above 52 (Intel SDM vol. 3A,
 * 4.1.4).  No x86-64 CPU has fewer than 32 bits: a smaller value from
 * CPUID is a hypervisor's error, read as 32.
 */
#define MAXPHYADDR_MIN		32
#define MAXPHYADDR_DEFAULT	36
#define MAXPHYADDR_MAX		52

#define LAPIC_ID		0x020	/* xAPIC: ID in bits 31:24 */
#define LAPIC_XAPIC_ID_SHIFT	24
#define LAPIC_TPR		0x080	/* task priority */
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0	/* spurious vector */
#define LAPIC_SVR_ENABLE	0x100	/* software enable */
#define LAPIC_ISR		0x100	/* in service: 8 registers, 0x10 apart */
#define LAPIC_ISR_REG(v)	(LAPIC_ISR + 0x10 * ((v) / 32))	/* 32 bits each */
#define LAPIC_ISR_BIT(v)	((v) % 32)
#define LAPIC_ICR_LO		0x300	/* interrupt command; MSR 0x830 */
#define LAPIC_ICR_HI		0x310	/* xAPIC: destination in bits 31:24 */
#define LAPIC_ICR_INIT		0x500	/* delivery mode INIT */
#define LAPIC_ICR_STARTUP	0x600	/* delivery mode start-up (SIPI) */
#define LAPIC_ICR_PENDING	0x1000	/* xAPIC: delivery status: send pending */
#define LAPIC_ICR_ASSERT	0x4000	/* level: assert */
#define LAPIC_ICR_SELF		0x40000	/* destination shorthand: self */
#define LAPIC_SPURIOUS_VECTOR	0xff

/*
 * The xAPIC's physical address in IA32_APIC_BASE: bits 12 up to
 * MAXPHYADDR - 1 (Intel SDM vol. 3A, 11.4.4, figure 11-5), which may be
 * above 4 GiB; the low 12 bits are flags (BSP, x2APIC, enable).  Pure,
 * for the host unit tests.
 */
static inline uint64_t
lapic_base_pa(uint64_t apicbase, unsigned maxphyaddr)
{
	if (maxphyaddr < MAXPHYADDR_MIN)
		maxphyaddr = MAXPHYADDR_MIN;
	if (maxphyaddr > MAXPHYADDR_MAX)
		maxphyaddr = MAXPHYADDR_MAX;
	return apicbase & ((1ULL << maxphyaddr) - 1) &
	    ~((1ULL << APICBASE_ADDR_SHIFT) - 1);
}

/*
 * Enable the local APIC (0), or -1 if there is none we can reach: none
 * at all, globally disabled, or an xAPIC the kernel cannot map (said in
 * one line).
 */
int	lapic_enable(void);
/* Acknowledge the highest vector in service; nothing if not enabled. */
void	lapic_eoi(void);
/* For tests, once enabled: an interrupt to this CPU; is v in service? */
void	lapic_ipi_self(uint8_t vector);
bool	lapic_in_service(uint8_t vector);
/*
 * SMP (smp.c): this CPU's APIC ID; on an AP, the APIC in the BSP's mode
 * and software-enabled; an interrupt command (ICR low word: vector,
 * delivery mode, level) to the CPU with APIC ID dest.
 */
uint32_t lapic_id(void);
bool	lapic_x2apic(void);
int	lapic_init_ap(void);
void	lapic_ipi(uint32_t dest, uint32_t icr_lo);

#endif /* !_MACHINE_LAPIC_H_ */
