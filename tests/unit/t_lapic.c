/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xAPIC address in IA32_APIC_BASE: bits 12..MAXPHYADDR-1, not the
 * low 32 bits only.  A LAPIC relocated to 0x1fee00000 (MSR value
 * 0x1fee00800: enabled) was mapped at 0xfee00000.
 */
/* No sources: lapic_base_pa() is inline in <machine/lapic.h>. */
#include <stdint.h>

#include <machine/lapic.h>

#include "tap.h"

#define ENABLED	APICBASE_ENABLE

static void
check(uint64_t msr, unsigned maxphyaddr, uint64_t want, const char *why)
{
	uint64_t got = lapic_base_pa(msr, maxphyaddr);

	if (!ok(got == want, "msr %#llx, MAXPHYADDR %u -> %#llx: %s",
	    (unsigned long long)msr, maxphyaddr, (unsigned long long)want,
	    why))
		diag("got %#llx", (unsigned long long)got);
}

int
main(void)
{
	/* The reset value: 0xfee00000, enabled, BSP. */
	check(0xfee00900, 36, 0xfee00000, "the default base, flags dropped");
	check(0xfee00d00, 36, 0xfee00000, "x2APIC flag is not address");

	/* Relocated above 4 GiB: every MAXPHYADDR that covers it. */
	check(0x1fee00800, 36, 0x1fee00000, "above 4 GiB (36 bits)");
	check(0x1fee00800, 39, 0x1fee00000, "above 4 GiB (39 bits)");
	check(0x1fee00800, 46, 0x1fee00000, "above 4 GiB (46 bits)");
	check(0x1fee00800, 52, 0x1fee00000, "above 4 GiB (52 bits)");
	check(0xfffffffff000 | ENABLED, 48, 0xfffffffff000,
	    "the highest 48-bit page");
	check(0xffffffffff000 | ENABLED, 52, 0xffffffffff000,
	    "the highest 52-bit page");

	/* Bits at and above MAXPHYADDR are reserved: not address. */
	check(0x1fee00800, 32, 0xfee00000, "bit 32 beyond a 32-bit space");
	check(0x1000fee00800, 36, 0xfee00000, "bit 44 beyond 36 bits");
	check(0x1000fee00800, 46, 0x1000fee00000, "bit 44 within 46 bits");
	check(0xfff00000fee00800, 52, 0xfee00000, "bits 52-63 reserved");
	check(UINT64_MAX, 40, 0xfffffff000, "all ones, 40 bits");

	/* A MAXPHYADDR from CPUID outside 32..52 is clamped. */
	check(0x1fee00800, 0, 0xfee00000, "MAXPHYADDR 0 read as 32");
	check(0x1fee00800, 12, 0xfee00000, "MAXPHYADDR 12 read as 32");
	check(UINT64_MAX, 64, 0xffffffffff000, "MAXPHYADDR 64 read as 52");
	check(UINT64_MAX, 255, 0xffffffffff000, "MAXPHYADDR 255 read as 52");
	return done_testing();
}
