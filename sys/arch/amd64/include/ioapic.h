/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The I/O APIC (Intel 82093AA datasheet; ACPI 6.5, 5.2.12.3): routes a
 * global system interrupt (GSI) to a vector on a local APIC.  Found
 * only through the ACPI MADT: without one (acpi=off, Xen PVH domUs) no
 * I/O APIC is assumed and devices poll (docs/design.md says why).
 *
 * Registers are reached through an index (IOREGSEL, base + 0) and a
 * data window (IOWIN, base + 0x10).  Register 1 is the version: bits
 * 7:0 the version, 23:16 the highest redirection entry.  Entry n is the
 * 64-bit pair 0x10 + 2n (low) and 0x11 + 2n (high).
 */
#ifndef _MACHINE_IOAPIC_H_
#define _MACHINE_IOAPIC_H_

#include <stdbool.h>
#include <stdint.h>

#include <machine/acpi.h>

#define IOAPIC_REGSEL		0x00
#define IOAPIC_WIN		0x10
#define IOAPIC_MMIO_SIZE	0x20	/* the two registers we touch */
#define IOAPIC_REG_ID		0x00
#define IOAPIC_REG_VER		0x01
#define IOAPIC_VER_MASK		0xff
#define IOAPIC_VER_MAXREDIR_SHIFT 16
#define IOAPIC_VER_MAXREDIR_MASK 0xff
/* 82093AA: 0x11; ICH and later: 0x20; 0x00 or 0xff is nothing there. */
#define IOAPIC_VER_MIN		0x10
#define IOAPIC_VER_MAX		0x2f
#define IOAPIC_REG_RTE(n)	(0x10 + 2 * (n))

/* Redirection entry bits (82093AA, 3.2.4). */
#define IOAPIC_RTE_VECTOR_MASK	0xffULL
#define IOAPIC_RTE_POL_LOW	(1ULL << 13)	/* active-low */
#define IOAPIC_RTE_REMOTE_IRR	(1ULL << 14)
#define IOAPIC_RTE_LEVEL	(1ULL << 15)	/* level-triggered */
#define IOAPIC_RTE_MASKED	(1ULL << 16)
#define IOAPIC_RTE_DEST_SHIFT	56		/* physical mode: APIC ID */
#define IOAPIC_RTE_DEST_MAX	0xff

/*
 * The entry for vector, fixed delivery, physical destination dest (pure,
 * host-tested).  dest above IOAPIC_RTE_DEST_MAX cannot be named: the
 * entry comes back masked.
 */
static inline uint64_t
ioapic_rte(uint8_t vector, uint32_t dest, bool level, bool active_low)
{
	uint64_t e = vector & IOAPIC_RTE_VECTOR_MASK;

	if (level)
		e |= IOAPIC_RTE_LEVEL;
	if (active_low)
		e |= IOAPIC_RTE_POL_LOW;
	if (dest > IOAPIC_RTE_DEST_MAX)
		return e | IOAPIC_RTE_MASKED;
	return e | (uint64_t)dest << IOAPIC_RTE_DEST_SHIFT;
}

/*
 * Trigger and polarity from an override's MPS INTI flags (ACPI 6.5,
 * table 5.50), where they say; "conforms" keeps the caller's default
 * (pure, host-tested).
 */
static inline void
ioapic_mps_mode(uint16_t flags, bool *level, bool *active_low)
{
	if ((flags & ACPI_MPS_TRIG_MASK) == ACPI_MPS_TRIG_EDGE)
		*level = false;
	else if ((flags & ACPI_MPS_TRIG_MASK) == ACPI_MPS_TRIG_LEVEL)
		*level = true;
	if ((flags & ACPI_MPS_POL_MASK) == ACPI_MPS_POL_HIGH)
		*active_low = false;
	else if ((flags & ACPI_MPS_POL_MASK) == ACPI_MPS_POL_LOW)
		*active_low = true;
}

/*
 * Route irq (a virtio-mmio window's line: an ISA IRQ through the MADT's
 * overrides, else a GSI) to vector on the boot CPU.  Trigger and
 * polarity come from the override when it says, else level and
 * active_low.  0, with *gsi set, or -1 with a one-line reason in why
 * (no MADT or no I/O APIC: why says so, and nothing was written).
 */
int	ioapic_route(uint32_t irq, uint8_t vector, bool level,
	    bool active_low, uint32_t *gsi, const char **why);
/* Mask the entry of gsi (a device found broken). */
void	ioapic_mask(uint32_t gsi);

#endif /* !_MACHINE_IOAPIC_H_ */
