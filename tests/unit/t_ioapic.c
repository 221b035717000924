/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * I/O APIC redirection entries (82093AA datasheet, 3.2.4): vector in
 * bits 7:0, fixed delivery and physical destination (zeros), polarity
 * bit 13 (1 = active-low), trigger bit 15 (1 = level), mask bit 16,
 * destination APIC ID in bits 63:56.  And the trigger and polarity an
 * interrupt source override's MPS INTI flags impose (ACPI 6.5, table
 * 5.50: polarity bits 1:0, 01 high, 11 low; trigger bits 3:2, 01 edge,
 * 11 level; 00 conforms to the bus).  Expected values are written from
 * those tables, not from the header's constants.
 */
/* No sources: ioapic_rte() and ioapic_mps_mode() are inline. */
#include <stdint.h>

#include <machine/ioapic.h>

#include "tap.h"

static void
rte(uint8_t vec, uint32_t dest, bool level, bool low, uint64_t want,
    const char *what)
{
	uint64_t got = ioapic_rte(vec, dest, level, low);

	if (!ok(got == want, "%s: %#llx", what, (unsigned long long)want))
		diag("got %#llx", (unsigned long long)got);
}

static void
mode(uint16_t flags, bool level, bool low, bool want_level, bool want_low,
    const char *what)
{
	bool l = level, p = low;

	ioapic_mps_mode(flags, &l, &p);
	ok(l == want_level && p == want_low, "flags %#x: %s", flags, what);
}

int
main(void)
{
	rte(0x50, 0, true, false, 0x8050, "level, active-high, to APIC 0 "
	    "(virtio-mmio on microvm)");
	rte(0x51, 3, false, false, 0x0300000000000051ULL,
	    "edge, active-high, to APIC 3");
	rte(0x5f, 0xff, true, true, 0xff0000000000a05fULL,
	    "level, active-low, to APIC 255");
	rte(0x50, 0x100, true, false, 0x18050,
	    "APIC ID 256 cannot be named: masked, no destination");

	mode(0x0, true, false, true, false, "conforms: the default kept");
	mode(0x0, false, true, false, true, "conforms: the other default "
	    "kept");
	mode(0xd, false, true, true, false, "level, active-high (QEMU's "
	    "PCI IRQ overrides)");
	mode(0xf, false, false, true, true, "level, active-low");
	mode(0x5, true, true, false, false, "edge, active-high");
	mode(0x7, true, false, false, true, "edge, active-low");
	mode(0x1, true, true, true, false, "polarity only: trigger kept");
	mode(0x8, true, true, true, true, "reserved trigger 10: kept");
	return done_testing();
}
