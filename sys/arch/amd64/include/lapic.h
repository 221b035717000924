/*
 * The local APIC, as far as a kernel without a timer of its own needs
 * it: software-enable it and acknowledge (EOI) interrupts it delivered.
 * xAPIC registers are memory-mapped at the base in IA32_APIC_BASE; in
 * x2APIC mode the same registers are MSRs 0x800 + offset / 16
 * (Intel SDM vol. 3, 10.4 and 10.12).
 */
#ifndef _MACHINE_LAPIC_H_
#define _MACHINE_LAPIC_H_

#include <stdbool.h>

#define MSR_APICBASE		0x01b
#define APICBASE_X2APIC		0x400	/* x2APIC mode enabled */
#define APICBASE_ENABLE		0x800	/* globally enabled */
#define APICBASE_ADDR		0xfffff000ULL
#define MSR_X2APIC_BASE		0x800

#define LAPIC_TPR		0x080	/* task priority */
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0	/* spurious vector */
#define LAPIC_SVR_ENABLE	0x100	/* software enable */
#define LAPIC_SPURIOUS_VECTOR	0xff

/* Enable the local APIC (0), or -1 if there is none we can reach. */
int	lapic_enable(void);
void	lapic_eoi(void);

#endif /* !_MACHINE_LAPIC_H_ */
