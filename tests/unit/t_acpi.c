/*
 * The ACPI table walk (RSDP -> RSDT/XSDT -> FADT -> DSDT \_S5) on crafted
 * tables, including broken ones: firmware data is untrusted too.
 */
/* sources: sys/arch/amd64/acpi_tables.c */
#include <stdint.h>
#include <stdlib.h>

#include <machine/acpi.h>

#include "tap.h"

#define PHYS_SIZE	(2u << 20)
#define RSDP_PA		0xe0040
#define XSDT_PA		0x10000
#define RSDT_PA		0x10800
#define FADT_PA		0x11000
#define DSDT_PA		0x12000

static uint8_t *phys;

static const void *
rd(uint64_t pa, uint64_t len)
{
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
	uint8_t sum = 0;
	uint32_t i;

	phys[pa + sum_off] = 0;
	for (i = 0; i < len; i++)
		sum += phys[pa + i];
	phys[pa + sum_off] = (uint8_t)-sum;
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
	if (phys == NULL)
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
	free(phys);
	return done_testing();
}
