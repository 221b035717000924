/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ACPI table walk (RSDP -> RSDT/XSDT -> FADT -> DSDT \_S5) on crafted
 * tables, including broken ones: firmware data is untrusted too.
 */
/* sources: sys/arch/amd64/acpi_tables.c sys/lib/format.c */
#include <stdint.h>
#include <stdlib.h>

#include <machine/acpi.h>

#include "acpi_sum.h"
#include "tap.h"

#define PHYS_SIZE	(2u << 20)
#define RSDP_PA		0xe0040
#define XSDT_PA		0x10000
#define RSDT_PA		0x10800
#define FADT_PA		0x11000
#define DSDT_PA		0x12000
#define MADT_PA		0x14000
#define MADT_XSDT_SLOT	(XSDT_PA + 36)	/* replaces the non-table entry */

/*
 * Hostile tables above 4 GiB: every address from HOSTILE_PA up reads as
 * the same table, hostile[] (one buffer standing for thousands).
 */
#define HOSTILE_PA	0x100000000ULL
#define HOSTILE_LEN	(1u << 20)
/*
 * What one walk may read, whatever the tables say: the root table (at
 * most 1024 entries), one FADT (at most 1 KiB) and a DSDT (at most
 * 512 KiB), plus bad candidates up to the walk's budget.  1 MiB holds
 * that with room; the walk of the review read ~128 GiB.
 */
#define WALK_MAX_BYTES	(1u << 20)
/* Beyond this the reader refuses everything: a broken walk ends soon. */
#define READ_CUTOFF	(256ull << 20)

static uint8_t *phys, *hostile;
static uint64_t bytes_read;

static const void *
rd(uint64_t pa, uint64_t len)
{
	bytes_read += len;
	if (bytes_read > READ_CUTOFF)
		return NULL;
	if (pa >= HOSTILE_PA && len <= HOSTILE_LEN)
		return hostile;
	if (pa == 0 || pa >= PHYS_SIZE || len > PHYS_SIZE - pa)
		return NULL;
	return phys + pa;
}

static void
put32(uint64_t pa, uint32_t v)
{
	memcpy(phys + pa, &v, 4);
}

static void
put64(uint64_t pa, uint64_t v)
{
	memcpy(phys + pa, &v, 8);
}

static void
fix_checksum(uint64_t pa, uint32_t len, uint32_t sum_off)
{
	acpi_sum_fix(phys + pa, len, sum_off);
}

static void
sdt(uint64_t pa, const char *sig, uint32_t len)
{
	memcpy(phys + pa, sig, 4);
	put32(pa + 4, len);
	phys[pa + 8] = 2;
}

/* An AML body with \_S5 in the given encoding. */
static uint32_t
dsdt(const uint8_t *s5, size_t n)
{
	static const uint8_t pre[] = { 0x10, 0x05, '_', 'S', 'B', '_', 0x08 };
	uint32_t len = 36;

	sdt(DSDT_PA, "DSDT", 0);
	memcpy(phys + DSDT_PA + len, pre, sizeof(pre));	/* noise */
	len += sizeof(pre);
	memcpy(phys + DSDT_PA + len, s5, n);
	len += (uint32_t)n;
	put32(DSDT_PA + 4, len);
	fix_checksum(DSDT_PA, len, 9);
	return len;
}

/* A legacy (pc-like) system: RSDP v2, XSDT, FADT rev 3, DSDT. */
static void
tables(void)
{
	static const uint8_t s5[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06,
	    0x04, 0x0a, 0x05, 0x00, 0x00, 0x00 };

	memset(phys, 0, PHYS_SIZE);
	memcpy(phys + RSDP_PA, "RSD PTR ", 8);
	phys[RSDP_PA + 15] = 2;
	put32(RSDP_PA + 16, RSDT_PA);
	put32(RSDP_PA + 20, 36);
	put64(RSDP_PA + 24, XSDT_PA);
	fix_checksum(RSDP_PA, 20, 8);
	fix_checksum(RSDP_PA, 36, 32);

	sdt(XSDT_PA, "XSDT", 36 + 16);
	put64(XSDT_PA + 36, 0x13000);		/* not a table: skipped */
	put64(XSDT_PA + 44, FADT_PA);
	fix_checksum(XSDT_PA, 52, 9);

	sdt(RSDT_PA, "RSDT", 36 + 4);
	put32(RSDT_PA + 36, FADT_PA);
	fix_checksum(RSDT_PA, 40, 9);

	sdt(FADT_PA, "FACP", 244);
	put32(FADT_PA + 40, DSDT_PA);
	put32(FADT_PA + 64, 0x604);		/* PM1a_CNT_BLK */
	put32(FADT_PA + 76, 0x608);		/* PM_TMR_BLK */
	phys[FADT_PA + 91] = 4;			/* PM_TMR_LEN */
	fix_checksum(FADT_PA, 244, 9);
	dsdt(s5, sizeof(s5));
}

static void
s5_values(void)
{
	static const uint8_t s5_ff[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06,
	    0x04, 0x0a, 0xff, 0x00, 0x00, 0x00 };
	static const uint8_t s5_8[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06,
	    0x04, 0x0a, 0x08, 0x00, 0x00, 0x00 };
	static const uint8_t s5_7[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06,
	    0x04, 0x0a, 0x07, 0x00, 0x00, 0x00 };
	static const uint8_t s5_bare9[] = { 0x08, '_', 'S', '5', '_', 0x12,
	    0x06, 0x04, 0x09, 0x00, 0x00, 0x00 };
	struct acpi_info ai;
	uint16_t v;

	tables();
	dsdt(s5_ff, sizeof(s5_ff));
	acpi_parse(rd, 0, &ai);
	is_int(ai.s5_slp_typ, -1, "\\_S5 SLP_TYPa 0xff (wider than 3 bits): refused");
	tables();
	dsdt(s5_8, sizeof(s5_8));
	acpi_parse(rd, 0, &ai);
	is_int(ai.s5_slp_typ, -1, "\\_S5 SLP_TYPa 8: refused");
	tables();
	dsdt(s5_bare9, sizeof(s5_bare9));
	acpi_parse(rd, 0, &ai);
	is_int(ai.s5_slp_typ, -1, "\\_S5 bare byte 9: refused");
	tables();
	dsdt(s5_7, sizeof(s5_7));
	acpi_parse(rd, 0, &ai);
	is_int(ai.s5_slp_typ, 7, "\\_S5 SLP_TYPa 7: the largest taken");

	/* What is written: SLP_TYP in bits 10-12, SLP_EN bit 13, no more. */
	v = acpi_pm1_cnt_s5(0x0001, 5);
	is_int(v, 0x0001 | 1u << 13 | 5u << 10,
	    "PM1_CNT for S5: SCI_EN kept, SLP_TYP 5, SLP_EN");
	v = acpi_pm1_cnt_s5(0x1c01, 0);
	is_int(v, 0x0001 | 1u << 13, "old SLP_TYP bits cleared");
	v = acpi_pm1_cnt_s5(0, 0xff);
	is_int(v & 0xc000, 0, "SLP_TYP 0xff masked: reserved bits 14-15 clear");
	is_int(v, 1u << 13 | 7u << 10, "SLP_TYP 0xff masked to 3 bits");
	is_int(acpi_sleep_ctl_s5(5), 1u << 5 | 5u << 2,
	    "hardware-reduced sleep control for S5");
	is_int(acpi_sleep_ctl_s5(0xff) & 0xc0, 0,
	    "hardware-reduced: SLP_TYP 0xff masked, bits 6-7 clear");
}

/* A root table with n entries, each pointing at a hostile FADT. */
static void
hostile_xsdt(uint32_t n, uint32_t fadt_len)
{
	uint64_t xsdt = 0x100000;
	uint32_t i, len = 36 + 8 * n;

	tables();
	put64(RSDP_PA + 24, xsdt);
	fix_checksum(RSDP_PA, 36, 32);
	sdt(xsdt, "XSDT", len);
	for (i = 0; i < n; i++)
		put64(xsdt + 36 + 8ull * i, HOSTILE_PA + (uint64_t)i * HOSTILE_LEN);
	fix_checksum(xsdt, len, 9);
	/* A FADT of fadt_len bytes whose checksum is wrong. */
	memset(hostile, 0, HOSTILE_LEN);
	memcpy(hostile, "FACP", 4);
	memcpy(hostile + 4, &fadt_len, 4);
	hostile[9] = 1;
}

static void
walk_budget(void)
{
	struct acpi_info ai;
	uint32_t n;

	/* The review's case: 131 067 entries, each a 1 MiB bad "FACP". */
	n = (HOSTILE_LEN - 36) / 8;
	hostile_xsdt(n, HOSTILE_LEN);
	bytes_read = 0;
	ok(acpi_parse(rd, RSDP_PA, &ai) != 0, "%u-entry XSDT of 1 MiB bad "
	    "FADTs: no FADT", n);
	ok(bytes_read <= WALK_MAX_BYTES, "and the walk read %llu bytes "
	    "(at most %u)", (unsigned long long)bytes_read, WALK_MAX_BYTES);

	/* Within the entry cap, each a bad FADT of the largest size taken. */
	hostile_xsdt(1024, 1024);
	bytes_read = 0;
	ok(acpi_parse(rd, RSDP_PA, &ai) != 0, "1024 bad 1 KiB FADTs: no FADT");
	ok(bytes_read <= WALK_MAX_BYTES, "the walk's budget held: %llu bytes "
	    "read (at most %u)", (unsigned long long)bytes_read,
	    WALK_MAX_BYTES);

	/* At most 1024 root table entries (empty ones but the last). */
	for (n = 1024; n <= 1025; n++) {
		hostile_xsdt(n, 1024);
		memset(phys + 0x100000 + 36, 0, 8 * n);
		put64(0x100000 + 36 + 8 * (n - 1), FADT_PA);
		fix_checksum(0x100000, 36 + 8 * n, 9);
		ok((acpi_parse(rd, RSDP_PA, &ai) == 0) == (n == 1024),
		    "an XSDT of %u entries is %s", n,
		    n == 1024 ? "read" : "refused");
	}

	/* A good 1 KiB FADT is taken; a longer one is refused. */
	tables();
	sdt(FADT_PA, "FACP", 1024);
	put32(FADT_PA + 40, DSDT_PA);
	put32(FADT_PA + 64, 0x604);
	fix_checksum(FADT_PA, 1024, 9);
	ok(acpi_parse(rd, 0, &ai) == 0 && ai.s5_slp_typ == 5,
	    "a 1 KiB FADT is taken");
	tables();
	sdt(FADT_PA, "FACP", 1025);
	put32(FADT_PA + 40, DSDT_PA);
	fix_checksum(FADT_PA, 1025, 9);
	ok(acpi_parse(rd, 0, &ai) != 0, "a FADT of 1025 bytes is refused");

	/* A DSDT of 512 KiB (with \_S5 at its end) still fits the budget. */
	tables();
	{
		static const uint8_t s5[] = { 0x08, '_', 'S', '5', '_', 0x12,
		    0x06, 0x04, 0x0a, 0x03, 0x00, 0x00, 0x00 };
		uint32_t len = 512u << 10;

		sdt(DSDT_PA, "DSDT", len);
		memset(phys + DSDT_PA + 36, 0xa3, len - 36 - sizeof(s5));
		memcpy(phys + DSDT_PA + len - sizeof(s5), s5, sizeof(s5));
		fix_checksum(DSDT_PA, len, 9);
		acpi_parse(rd, 0, &ai);
		is_int(ai.s5_slp_typ, 3, "a 512 KiB DSDT is read");
		put32(DSDT_PA + 4, len + 1);
		fix_checksum(DSDT_PA, len + 1, 9);
		acpi_parse(rd, 0, &ai);
		ok(ai.found && ai.s5_slp_typ == -1,
		    "a DSDT over 512 KiB is not read");
	}
}

/*
 * A MADT at MADT_PA made of the given entry bytes, listed by the XSDT
 * (in the slot of its non-table entry).  Revision rev.
 */
static void
madt(const uint8_t *ent, uint32_t n, uint8_t rev)
{
	uint32_t len = 44 + n;

	tables();
	sdt(MADT_PA, "APIC", len);
	phys[MADT_PA + 8] = rev;
	put32(MADT_PA + 36, 0xfee00000);
	put32(MADT_PA + 40, 1);			/* PCAT_COMPAT */
	memcpy(phys + MADT_PA + 44, ent, n);
	fix_checksum(MADT_PA, len, 9);
	put64(MADT_XSDT_SLOT, MADT_PA);
	fix_checksum(XSDT_PA, 52, 9);
}

/* Local APIC entry (type 0): UID, APIC ID, flags. */
#define LAPIC(uid, id, fl)	0, 8, (uid), (id), (fl), 0, 0, 0
/* Local x2APIC entry (type 9): reserved, x2APIC ID, flags, UID. */
#define X2APIC(id, fl, uid)	9, 16, 0, 0, (id) & 0xff, ((id) >> 8) & 0xff, \
	((id) >> 16) & 0xff, ((id) >> 24) & 0xff, (fl), 0, 0, 0, (uid), 0, 0, 0
/* I/O APIC entry (type 1, 12 bytes): ID, reserved, address, GSI base. */
#define IOAPIC_AT(id, pa, base)	1, 12, (id), 0, (pa) & 0xff, \
	((pa) >> 8) & 0xff, ((pa) >> 16) & 0xff, ((pa) >> 24) & 0xff, \
	(base) & 0xff, ((base) >> 8) & 0xff, 0, 0
/* One at 0xfec00000: not a CPU, skipped by length in the CPU cases. */
#define IOAPIC			IOAPIC_AT(0, 0xfec00000, 0)
/* Interrupt source override (type 2): bus 0, ISA IRQ, GSI, flags. */
#define ISO(irq, gsi, fl)	2, 10, 0, (irq), (gsi), 0, 0, 0, (fl), 0

/*
 * The I/O APICs and overrides of a microvm-like MADT (two I/O APICs,
 * QEMU's IRQ 0 -> GSI 2 override) and the GSI of a line through them.
 */
static void
madt_ioapic_cases(void)
{
	static const uint8_t vm[] = { LAPIC(0, 0, 1),
	    IOAPIC_AT(0, 0xfec00000, 0), IOAPIC_AT(1, 0xfec10000, 24),
	    ISO(0, 2, 0), ISO(9, 9, 0xd), ISO(5, 20, 0xf), ISO(20, 7, 0x5) };
	static const uint8_t short_io[] = { LAPIC(0, 0, 1), 1, 8, 0, 0, 0, 0,
	    0xc0, 0xfe };
	static const uint8_t short_iso[] = { LAPIC(0, 0, 1), 2, 8, 0, 5, 20,
	    0, 0, 0 };
	uint8_t many[8 + 12 * (ACPI_MADT_MAX_IOAPICS + 1)];
	struct acpi_madt m;
	uint16_t fl;
	unsigned i;

	madt(vm, sizeof(vm), 3);
	is_int(acpi_madt_parse(rd, 0, &m), 0, "MADT with I/O APICs and "
	    "overrides");
	is_int(m.nioapics, 2, "two I/O APICs");
	ok(m.ioapic[0].pa == 0xfec00000 && m.ioapic[0].gsi_base == 0 &&
	    m.ioapic[1].pa == 0xfec10000 && m.ioapic[1].gsi_base == 24 &&
	    m.ioapic[1].id == 1, "their addresses, IDs and GSI bases");
	is_int(m.nisos, 4, "four overrides");
	is_int(acpi_madt_irq_gsi(&m, 0, &fl), 2, "ISA IRQ 0 -> GSI 2");
	is_int(fl, 0, "its flags: conforms");
	is_int(acpi_madt_irq_gsi(&m, 5, &fl), 20, "ISA IRQ 5 -> GSI 20");
	is_int(fl, 0xf, "its flags: level, active-low");
	is_int(acpi_madt_irq_gsi(&m, 9, &fl), 9, "ISA IRQ 9 -> GSI 9");
	is_int(fl, 0xd, "its flags: level, active-high");
	is_int(acpi_madt_irq_gsi(&m, 2, &fl), 2, "IRQ 2, no override: GSI 2");
	is_int(fl, 0, "and no flags");
	is_int(acpi_madt_irq_gsi(&m, 20, &fl), 20, "line 20 is not an ISA "
	    "IRQ: an override naming source 20 does not apply");
	is_int(acpi_madt_irq_gsi(&m, 47, &fl), 47, "line 47 (microvm's "
	    "second I/O APIC): GSI 47");

	madt(short_io, sizeof(short_io), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0 && m.nioapics == 0 &&
	    strstr(m.error, "short I/O APIC") != NULL, "short I/O APIC "
	    "entry refused: %s", m.error);
	madt(short_iso, sizeof(short_iso), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0 && m.nisos == 0 &&
	    strstr(m.error, "short interrupt source override") != NULL,
	    "short override refused: %s", m.error);

	memcpy(many, (const uint8_t[]){ LAPIC(0, 0, 1) }, 8);
	for (i = 0; i <= ACPI_MADT_MAX_IOAPICS; i++) {
		const uint8_t e[] = { IOAPIC_AT(i, 0xfec00000 + 0x10000 * i,
		    24 * i) };

		memcpy(many + 8 + 12 * i, e, 12);
	}
	madt(many, sizeof(many), 3);
	ok(acpi_madt_parse(rd, 0, &m) == 0 &&
	    m.nioapics == ACPI_MADT_MAX_IOAPICS &&
	    m.ioapic[ACPI_MADT_MAX_IOAPICS - 1].gsi_base ==
	    24 * (ACPI_MADT_MAX_IOAPICS - 1), "%u I/O APICs kept, the one "
	    "beyond dropped", m.nioapics);
}

static void
madt_cases(void)
{
	static const uint8_t four[] = { LAPIC(0, 0, 1), IOAPIC, LAPIC(1, 1, 1),
	    LAPIC(2, 2, 1), LAPIC(3, 3, 1) };
	static const uint8_t mixed[] = { LAPIC(0, 0, 1), X2APIC(0x100, 1, 1),
	    LAPIC(2, 5, 0), LAPIC(3, 6, 2), X2APIC(0x200, 2, 4) };
	static const uint8_t dup[] = { LAPIC(0, 0, 1), LAPIC(1, 0, 1),
	    LAPIC(2, 0xff, 1), LAPIC(3, 3, 1) };
	static const uint8_t zero_len[] = { LAPIC(0, 0, 1), 0, 0, 0, 0 };
	static const uint8_t short_lapic[] = { LAPIC(0, 0, 1), 0, 4, 1, 1 };
	static const uint8_t short_x2[] = { LAPIC(0, 0, 1), 9, 8, 0, 0, 1, 0,
	    0, 0 };
	static const uint8_t overrun[] = { LAPIC(0, 0, 1), 1, 40, 0, 0 };
	static const uint8_t tail[] = { LAPIC(0, 0, 1), 1 };
	static const uint8_t none[] = { LAPIC(0, 0, 0), IOAPIC };
	uint8_t many[8 * (ACPI_MADT_MAX_CPUS + 3)];
	struct acpi_madt m;
	unsigned i;

	madt(four, sizeof(four), 3);
	is_int(acpi_madt_parse(rd, 0, &m), 0, "MADT: 4 Local APICs found");
	is_int(m.ncpus, 4, "four CPUs, the I/O APIC skipped");
	ok(m.cpu[0].apic_id == 0 && m.cpu[3].apic_id == 3 && !m.cpu[1].x2apic,
	    "in table order, xAPIC IDs");
	is_int(m.lapic_pa, 0xfee00000, "local APIC address");
	ok(m.error[0] == '\0', "no defect noted");

	/* Through the RSDT too (ACPI 1.0 RSDP). */
	phys[RSDP_PA + 15] = 0;
	fix_checksum(RSDP_PA, 20, 8);
	put32(RSDT_PA + 4, 44);
	put32(RSDT_PA + 40, MADT_PA);
	fix_checksum(RSDT_PA, 44, 9);
	ok(acpi_madt_parse(rd, 0, &m) == 0 && m.ncpus == 4,
	    "MADT through the RSDT");

	madt(four, sizeof(four), 3);
	phys[MADT_PA + 50] ^= 1;		/* an APIC ID, checksum now off */
	ok(acpi_madt_parse(rd, 0, &m) != 0 && !m.found,
	    "MADT with a bad checksum: not used");

	madt(mixed, sizeof(mixed), 5);
	is_int(acpi_madt_parse(rd, 0, &m), 0, "x2APIC entries, revision 5");
	is_int(m.ncpus, 2, "disabled entries are not CPUs");
	ok(m.cpu[1].apic_id == 0x100 && m.cpu[1].x2apic, "x2APIC ID 0x100");
	is_int(m.online_capable, 2, "two disabled, online-capable entries");
	madt(mixed, sizeof(mixed), 3);
	acpi_madt_parse(rd, 0, &m);
	is_int(m.online_capable, 0, "online capable is reserved before "
	    "revision 5");

	madt(dup, sizeof(dup), 3);
	is_int(acpi_madt_parse(rd, 0, &m), 0, "duplicate IDs: table taken");
	is_int(m.ncpus, 2, "the duplicate and the broadcast ID are skipped");
	ok(strstr(m.error, "duplicate APIC ID") != NULL, "and noted: %s",
	    m.error);

	madt(zero_len, sizeof(zero_len), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0 && m.found &&
	    strstr(m.error, "overruns") != NULL,
	    "entry of length 0 refused (no endless loop): %s", m.error);
	madt(short_lapic, sizeof(short_lapic), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0 &&
	    strstr(m.error, "short Local APIC") != NULL, "short Local APIC "
	    "entry refused: %s", m.error);
	madt(short_x2, sizeof(short_x2), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0 &&
	    strstr(m.error, "short Local x2APIC") != NULL, "short x2APIC "
	    "entry refused: %s", m.error);
	madt(overrun, sizeof(overrun), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0 &&
	    strstr(m.error, "overruns") != NULL, "entry past the table's end "
	    "refused: %s", m.error);
	madt(tail, sizeof(tail), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0, "one stray byte at the end "
	    "refused: %s", m.error);
	madt(none, sizeof(none), 3);
	ok(acpi_madt_parse(rd, 0, &m) != 0 && strstr(m.error, "no enabled")
	    != NULL, "no enabled CPU: refused (%s)", m.error);
	madt(four, 0, 3);
	put32(MADT_PA + 4, 40);			/* no room for the flags */
	fix_checksum(MADT_PA, 40, 9);
	ok(acpi_madt_parse(rd, 0, &m) != 0 && m.found, "MADT shorter than "
	    "its fixed part refused: %s", m.error);

	for (i = 0; i < ACPI_MADT_MAX_CPUS + 3; i++) {
		const uint8_t e[] = { LAPIC(i, i, 1) };

		memcpy(many + 8 * i, e, 8);
	}
	madt(many, sizeof(many), 3);
	ok(acpi_madt_parse(rd, 0, &m) == 0 && m.ncpus == ACPI_MADT_MAX_CPUS &&
	    m.dropped == 3, "%u CPUs kept, %u beyond the array counted",
	    m.ncpus, m.dropped);

	tables();
	ok(acpi_madt_parse(rd, 0, &m) != 0 && !m.found, "no MADT: none");
	madt_ioapic_cases();
}

int
main(void)
{
	static const uint8_t s5_zero[] = { 0x08, '\\', '_', 'S', '5', '_',
	    0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t s5_trunc[] = { 0x08, '_', 'S', '5', '_', 0x12 };
	static const uint8_t s5_noname[] = { 0x99, '_', 'S', '5', '_', 0x12,
	    0x06, 0x04, 0x0a, 0x05 };
	struct acpi_info ai;

	phys = calloc(1, PHYS_SIZE);
	hostile = calloc(1, HOSTILE_LEN);
	if (phys == NULL || hostile == NULL)
		return 1;

	tables();
	is_int(acpi_parse(rd, 0, &ai), 0, "RSDP found by scanning 0xe0000");
	is_int(ai.rsdp_pa, RSDP_PA, "at the right address");
	is_int(ai.s5_slp_typ, 5, "\\_S5 SLP_TYPa 5 (ByteConst)");
	is_int(ai.pm1a_cnt.addr, 0x604, "PM1a_CNT_BLK");
	is_int(ai.pm_tmr.addr, 0x608, "PM timer");
	ok(!ai.pm_tmr_32bit && !ai.hw_reduced, "24-bit timer, legacy ACPI");

	is_int(acpi_parse(rd, RSDP_PA, &ai), 0, "RSDP from the loader's hint");
	tables();
	phys[RSDP_PA + 15] = 0;			/* ACPI 1.0: RSDT only */
	fix_checksum(RSDP_PA, 20, 8);
	is_int(acpi_parse(rd, 0, &ai), 0, "RSDP v1 with an RSDT");
	is_int(ai.s5_slp_typ, 5, "S5 through the RSDT");

	tables();
	dsdt(s5_zero, sizeof(s5_zero));
	acpi_parse(rd, 0, &ai);
	is_int(ai.s5_slp_typ, 0, "\\_S5 with root prefix and Zero");
	tables();
	dsdt(s5_trunc, sizeof(s5_trunc));
	acpi_parse(rd, 0, &ai);
	is_int(ai.s5_slp_typ, -1, "truncated \\_S5 package: none");
	tables();
	dsdt(s5_noname, sizeof(s5_noname));
	acpi_parse(rd, 0, &ai);
	is_int(ai.s5_slp_typ, -1, "_S5_ not after NameOp: none");

	/* Broken tables are skipped, not trusted. */
	tables();
	phys[RSDP_PA + 8] ^= 1;
	ok(acpi_parse(rd, 0, &ai) != 0 && !ai.found, "bad RSDP checksum");
	tables();
	phys[RSDP_PA + 33] ^= 1;
	ok(acpi_parse(rd, 0, &ai) != 0, "bad extended RSDP checksum");
	tables();
	phys[FADT_PA + 20] ^= 1;
	ok(acpi_parse(rd, 0, &ai) != 0, "bad FADT checksum");
	tables();
	put32(FADT_PA + 4, PHYS_SIZE);		/* runs off memory */
	ok(acpi_parse(rd, 0, &ai) != 0, "FADT longer than memory");
	tables();
	put32(XSDT_PA + 4, 20);			/* shorter than a header */
	fix_checksum(XSDT_PA, 20, 9);
	ok(acpi_parse(rd, 0, &ai) != 0, "XSDT shorter than its header");
	tables();
	put32(DSDT_PA + 4, 0xffffffff);
	acpi_parse(rd, 0, &ai);
	ok(ai.found && ai.s5_slp_typ == -1, "huge DSDT length: no S5, no crash");
	tables();
	put32(FADT_PA + 4, 80);		/* old, short FADT: no PM_TMR_LEN */
	fix_checksum(FADT_PA, 80, 9);
	acpi_parse(rd, 0, &ai);
	ok(ai.found && ai.pm1a_cnt.addr == 0x604 && ai.pm_tmr.addr == 0,
	    "short FADT: only the fields inside its length");

	/* Hardware-reduced (QEMU microvm): sleep control register. */
	tables();
	sdt(FADT_PA, "FACP", 276);
	put32(FADT_PA + 40, DSDT_PA);
	put32(FADT_PA + 112, 1u << 20);
	phys[FADT_PA + 244] = 0;		/* memory space */
	phys[FADT_PA + 245] = 8;
	put64(FADT_PA + 248, 0xfeb00040);
	fix_checksum(FADT_PA, 276, 9);
	acpi_parse(rd, 0, &ai);
	ok(ai.hw_reduced && ai.sleep_cnt.addr == 0xfeb00040 &&
	    ai.sleep_cnt.space == ACPI_GAS_MEMORY, "hardware-reduced sleep "
	    "control register");
	s5_values();
	walk_budget();
	madt_cases();
	free(phys);
	free(hostile);
	return done_testing();
}
