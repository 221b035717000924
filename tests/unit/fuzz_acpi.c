/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the ACPI table walk (RSDP -> RSDT/XSDT -> FADT ->
 * DSDT \_S5) on arbitrary firmware memory.  The input is physical memory
 * from BASE (the BIOS area the RSDP is scanned in) up; the tables'
 * pointers are absolute addresses, so the seeds place a good set inside
 * the input.  Besides "no crash, no sanitizer report": \_S5 is -1 or fits
 * its 3 bits, what is written to PM1_CNT sets no bit but SLP_TYP and
 * SLP_EN, and the walk reads a bounded number of bytes.  The same memory
 * goes to the MADT parser: at most ACPI_MADT_MAX_CPUS CPUs, no two with
 * one ID, no broadcast ID, a refusal always says why.
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this).
 */
/* sources: sys/arch/amd64/acpi_tables.c sys/lib/format.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <machine/acpi.h>

#include "acpi_sum.h"
#include "fuzz.h"

#define BASE		0xe0000ULL
#define SLP_BITS	0x3c00U		/* SLP_TYP 10-12, SLP_EN 13 */
/* The walk's budget and caps (acpi_tables.c) with room: 1 MiB. */
#define WALK_MAX	(1u << 20)

static const uint8_t *mem;
static size_t memlen;
static uint64_t bytes_read;

static const void *
rd(uint64_t pa, uint64_t len)
{
	bytes_read += len;
	if (pa < BASE || pa - BASE > memlen || len > memlen - (pa - BASE))
		return NULL;
	return mem + (pa - BASE);
}

static void
check_madt(uint64_t hint)
{
	struct acpi_madt m;
	unsigned i, j;
	int r;

	r = acpi_madt_parse(rd, hint, &m);
	check(bytes_read <= WALK_MAX + 0x20000 / 16 * 36 + 36 * 1024,
	    "the MADT walk read too much");
	check(m.ncpus <= ACPI_MADT_MAX_CPUS, "more CPUs than the array");
	check(r == 0 || !m.found || m.error[0] != '\0',
	    "a MADT refused without a reason");
	check(r != 0 || m.ncpus > 0, "a MADT taken without a CPU");
	for (i = 0; i < m.ncpus; i++) {
		check(m.cpu[i].apic_id != (m.cpu[i].x2apic ? 0xffffffffU :
		    0xffU), "a broadcast APIC ID taken");
		for (j = 0; j < i; j++)
			check(m.cpu[i].apic_id != m.cpu[j].apic_id,
			    "one APIC ID twice");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct acpi_info ai;
	uint16_t cur, v;
	int pass;

	mem = data;
	memlen = size;
	for (pass = 0; pass < 2; pass++) {
		bytes_read = 0;
		/* Scanned for, then given (as a loader's rsdp_paddr). */
		if (acpi_parse(rd, pass == 0 ? 0 : BASE, &ai) != 0) {
			check(!ai.found, "refused but found");
			continue;
		}
		check(ai.found, "accepted but not found");
		check(ai.s5_slp_typ >= -1 && ai.s5_slp_typ <= 7,
		    "\\_S5 sleep type beyond 3 bits");
		/* The RSDP scan reads 20 bytes per 16 (bounded by the area). */
		check(bytes_read <= WALK_MAX + 0x20000 / 16 * 36 + 36 * 1024,
		    "the walk read too much");
		cur = size >= 2 ? (uint16_t)(data[0] | data[1] << 8) : 0;
		v = acpi_pm1_cnt_s5(cur, ai.s5_slp_typ);
		check((v & ~SLP_BITS) == (cur & ~SLP_BITS),
		    "PM1_CNT bits other than SLP_TYP/SLP_EN changed");
		check((acpi_sleep_ctl_s5(ai.s5_slp_typ) & 0xc3) == 0,
		    "sleep control: bits other than SLP_TYP/SLP_EN set");
	}
	for (pass = 0; pass < 2; pass++) {
		bytes_read = 0;
		check_madt(pass == 0 ? 0 : BASE);
	}
	return 0;
}

/* Seeds: a good table set inside the input, RSDP at BASE. */
static void
put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, 4);
}

static void
put64(uint8_t *b, size_t off, uint64_t v)
{
	memcpy(b + off, &v, 8);
}

static void
write_seed(const char *dir, const char *name, int xsdt, uint8_t s5, int madt)
{
	static uint8_t b[0x800];
	static const uint8_t aml[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06,
	    0x04, 0x0a, 0x05, 0x00, 0x00, 0x00 };
	size_t rsdp = 0, root = 0x100, fadt = 0x200, dsdt = 0x400;
	size_t madtoff = 0x600;
	struct acpi_madt m;
	struct acpi_info ai;

	memset(b, 0, sizeof(b));
	memcpy(b + rsdp, "RSD PTR ", 8);
	b[rsdp + 15] = xsdt ? 2 : 0;
	put32(b, rsdp + 16, (uint32_t)(BASE + root));
	put32(b, rsdp + 20, 36);
	if (xsdt)
		put64(b, rsdp + 24, BASE + root);
	acpi_sum_fix(b + rsdp, 20, 8);
	acpi_sum_fix(b + rsdp, 36, 32);
	memcpy(b + root, xsdt ? "XSDT" : "RSDT", 4);
	put32(b, root + 4, xsdt ? 44 : 40);
	if (xsdt)
		put64(b, root + 36, BASE + fadt);
	else
		put32(b, root + 36, (uint32_t)(BASE + fadt));
	acpi_sum_fix(b + root, xsdt ? 44 : 40, 9);
	memcpy(b + fadt, "FACP", 4);
	put32(b, fadt + 4, 276);
	put32(b, fadt + 40, (uint32_t)(BASE + dsdt));
	put32(b, fadt + 64, 0x604);
	put32(b, fadt + 76, 0x608);
	b[fadt + 91] = 4;
	acpi_sum_fix(b + fadt, 276, 9);
	if (madt) {
		/* A MADT with two Local APICs and an x2APIC, in the XSDT. */
		static const uint8_t ent[] = { 0, 8, 0, 0, 1, 0, 0, 0,
		    0, 8, 1, 1, 1, 0, 0, 0, 9, 16, 0, 0, 0, 1, 0, 0, 1, 0, 0,
		    0, 2, 0, 0, 0 };

		memcpy(b + madtoff, "APIC", 4);
		put32(b, madtoff + 4, 44 + sizeof(ent));
		b[madtoff + 8] = 5;
		put32(b, madtoff + 36, 0xfee00000);
		memcpy(b + madtoff + 44, ent, sizeof(ent));
		acpi_sum_fix(b + madtoff, 44 + sizeof(ent), 9);
		put32(b, root + 4, 52);
		put64(b, root + 44, BASE + madtoff);
		acpi_sum_fix(b + root, 52, 9);
	}
	memcpy(b + dsdt, "DSDT", 4);
	put32(b, dsdt + 4, 36 + sizeof(aml));
	memcpy(b + dsdt + 36, aml, sizeof(aml));
	b[dsdt + 36 + 9] = s5;
	acpi_sum_fix(b + dsdt, 36 + sizeof(aml), 9);
	/* A seed the parser refuses would seed nothing: say so. */
	mem = b;
	memlen = sizeof(b);
	if (acpi_parse(rd, 0, &ai) != 0 || (s5 <= 7 && ai.s5_slp_typ != s5)) {
		fprintf(stderr, "fuzz_acpi: seed %s is not parsed\n", name);
		abort();
	}
	if (madt && (acpi_madt_parse(rd, 0, &m) != 0 || m.ncpus != 3)) {
		fprintf(stderr, "fuzz_acpi: seed %s: MADT not parsed\n", name);
		abort();
	}
	fuzz_write_seed(dir, name, b, sizeof(b));
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_SEED_DIR");

	(void)argc, (void)argv;
	if (dir != NULL) {
		write_seed(dir, "seed-xsdt", 1, 5, 0);
		write_seed(dir, "seed-rsdt", 0, 5, 0);
		write_seed(dir, "seed-s5-ff", 1, 0xff, 0);
		write_seed(dir, "seed-madt", 1, 5, 1);
	}
	return 0;
}
