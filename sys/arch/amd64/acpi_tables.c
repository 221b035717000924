/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Find and read the ACPI tables the kernel needs (RSDP -> RSDT/XSDT ->
 * FADT -> DSDT's \_S5).  Firmware data is untrusted: every table's length
 * and checksum is checked before a field is read, and only fields inside
 * the stated length are used.  Pure: memory comes through a phys_read_t,
 * so the host tests feed it crafted tables.
 */
#include <lib/libkern.h>
#include <machine/acpi.h>

#define SDT_HDR_LEN	36
#define RSDP_V1_LEN	20
#define RSDP_V2_LEN	36
#define RSDP_MAX_LEN	4096	/* an RSDP is 36 bytes (ACPI 6.4, 5.2.5.3) */

/*
 * Length caps, so that a hostile table cannot make the walk read and
 * checksum much memory.  The FADT is 244 bytes in ACPI 2.0, 268 in 5.1
 * and 276 in 6.0 to 6.5 (ACPI 6.5, table 5.9: its last field, "Hypervisor
 * Vendor Identity", is at offset 268, 8 bytes); 1 KiB leaves room for
 * revisions to come.  An RSDT/XSDT holds one pointer per table: a few
 * dozen on real firmware, 4 to 6 under QEMU.  A DSDT is AML: 2 to 30 KiB
 * in the VMs this kernel runs in, a few hundred KiB on large servers.
 */
#define FADT_MAX_LEN	1024
#define SDT_MAX_ENTRIES	1024
#define DSDT_MAX_LEN	(512U << 10)
/*
 * All the bytes one walk may checksum: the root table, every entry that
 * claims to be a FADT, the DSDT.  Room for the largest good set (8 KiB +
 * 1 KiB + 512 KiB) and some bad entries; a root table whose every entry
 * is a bad FADT is stopped here.
 */
#define ACPI_WALK_BUDGET	(768U << 10)

/*
 * \_S5's SLP_TYPa goes into 3 bits of PM1_CNT (ACPI 6.4, table 4.13:
 * SLP_TYP bits 10-12, SLP_EN bit 13, 14-15 reserved) or of the
 * hardware-reduced sleep control register (section 4.8.3.7: SLP_TYP bits
 * 2-4, SLP_EN bit 5, 6-7 reserved).
 */
#define SLP_TYP_MAX	7
#define PM1_SLP_TYP_SHIFT 10
#define PM1_SLP_EN	(1U << 13)
#define HWR_SLP_TYP_SHIFT 2
#define HWR_SLP_EN	(1U << 5)

/* FADT offsets (ACPI 6.4, table 5.9) */
#define FADT_DSDT		40
#define FADT_PM1A_CNT_BLK	64
#define FADT_PM_TMR_BLK		76
#define FADT_PM1_CNT_LEN	89
#define FADT_PM_TMR_LEN		91
#define FADT_FLAGS		112
#define FADT_X_DSDT		140
#define FADT_X_PM1A_CNT_BLK	172
#define FADT_X_PM_TMR_BLK	208
#define FADT_SLEEP_CONTROL_REG	244
#define FADT_FLAG_TMR_VAL_EXT	(1U << 8)
#define FADT_FLAG_HW_REDUCED	(1U << 20)

#define GAS_LEN		12

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* One walk of the tables: the reader and what is left of the budget. */
struct acpi_walk {
	phys_read_t	rd;
	uint64_t	budget;		/* bytes we may still checksum */
};

static int
checksum_ok(const uint8_t *p, uint32_t len)
{
	uint8_t sum = 0;

	while (len-- > 0)
		sum += *p++;
	return sum == 0;
}

/* A valid RSDP at pa, or NULL. */
static const uint8_t *
rsdp_at(phys_read_t rd, uint64_t pa)
{
	const uint8_t *p;
	uint32_t len;

	if ((p = rd(pa, RSDP_V1_LEN)) == NULL ||
	    memcmp(p, "RSD PTR ", 8) != 0 || !checksum_ok(p, RSDP_V1_LEN))
		return NULL;
	if (p[15] >= 2) {
		if ((p = rd(pa, RSDP_V2_LEN)) == NULL)
			return NULL;
		len = get32(p + 20);
		if (len < RSDP_V2_LEN || len > RSDP_MAX_LEN ||
		    (p = rd(pa, len)) == NULL || !checksum_ok(p, len))
			return NULL;
	}
	return p;
}

/*
 * A checksummed table at pa with the given signature and at most max
 * bytes long, and its length.  Its bytes count against the walk's budget
 * before they are read: a table that would overdraw it is not read.
 */
static const uint8_t *
sdt_at(struct acpi_walk *w, uint64_t pa, const char *sig, uint32_t max,
    uint32_t *lenp)
{
	const uint8_t *p;
	uint32_t len;

	if (pa == 0 || (p = w->rd(pa, SDT_HDR_LEN)) == NULL ||
	    memcmp(p, sig, 4) != 0)
		return NULL;
	len = get32(p + 4);
	if (len < SDT_HDR_LEN || len > max || len > w->budget)
		return NULL;
	w->budget -= len;
	if ((p = w->rd(pa, len)) == NULL || !checksum_ok(p, len))
		return NULL;
	*lenp = len;
	return p;
}

static void
get_gas(const uint8_t *fadt, uint32_t len, uint32_t off, struct acpi_gas *g)
{
	if (off + GAS_LEN > len)
		return;
	if (get64(fadt + off + 4) == 0)
		return;
	g->space = fadt[off];
	g->width = fadt[off + 1];
	g->addr = get64(fadt + off + 4);
}

/*
 * \_S5 in the DSDT's AML: NameOp '_S5_' PackageOp PkgLength NumElements
 * then SLP_TYPa as a ByteConst (0x0a xx), Zero (0x00), One (0x01) or a
 * bare byte.  A full AML interpreter is not worth it for one integer.
 */
static int
find_s5(const uint8_t *dsdt, uint32_t len)
{
	uint32_t i, j;
	int v;

	for (i = SDT_HDR_LEN + 1; i + 4 <= len; i++) {
		if (memcmp(dsdt + i, "_S5_", 4) != 0)
			continue;
		if (dsdt[i - 1] != 0x08 &&
		    !(dsdt[i - 1] == '\\' && i >= 2 && dsdt[i - 2] == 0x08))
			continue;
		j = i + 4;
		if (j >= len || dsdt[j] != 0x12)
			continue;
		j++;
		if (j >= len)
			break;
		j += 1 + (dsdt[j] >> 6);	/* PkgLength */
		j++;				/* NumElements */
		if (j >= len)
			break;
		if (dsdt[j] == 0x0a)
			v = j + 1 < len ? dsdt[j + 1] : -1;
		else
			v = dsdt[j];	/* Zero, One, or a bare small byte */
		/* A wider value would set SLP_EN and reserved bits. */
		return v <= SLP_TYP_MAX ? v : -1;
	}
	return -1;
}

/* The first checksummed table with signature sig the root table lists. */
static const uint8_t *
find_table(struct acpi_walk *w, const uint8_t *rsdp, const char *sig,
    uint32_t max, uint32_t *lenp)
{
	const uint8_t *sdt, *t;
	uint64_t entry;
	uint32_t len, i, esz;

	if (rsdp[15] >= 2 && get64(rsdp + 24) != 0) {
		esz = 8;
		sdt = sdt_at(w, get64(rsdp + 24), "XSDT",
		    SDT_HDR_LEN + SDT_MAX_ENTRIES * esz, &len);
	} else {
		esz = 4;
		sdt = sdt_at(w, get32(rsdp + 16), "RSDT",
		    SDT_HDR_LEN + SDT_MAX_ENTRIES * esz, &len);
	}
	if (sdt == NULL)
		return NULL;
	for (i = SDT_HDR_LEN; i + esz <= len; i += esz) {
		entry = esz == 8 ? get64(sdt + i) : get32(sdt + i);
		if ((t = sdt_at(w, entry, sig, max, lenp)) != NULL)
			return t;
	}
	return NULL;
}

/* The RSDP at the hint, or found in the BIOS area; NULL if none. */
static const uint8_t *
find_rsdp(phys_read_t rd, uint64_t rsdp_hint, uint64_t *pap)
{
	const uint8_t *rsdp = NULL;
	uint64_t pa;

	if (rsdp_hint != 0) {
		pa = rsdp_hint;
		rsdp = rsdp_at(rd, pa);
	} else {
		/* The BIOS read-only area, on 16-byte boundaries. */
		for (pa = 0xe0000; pa < 0x100000 && rsdp == NULL; pa += 16)
			rsdp = rsdp_at(rd, pa);
		pa -= 16;
	}
	*pap = pa;
	return rsdp;
}

int
acpi_parse(phys_read_t rd, uint64_t rsdp_hint, struct acpi_info *ai)
{
	struct acpi_walk w = { rd, ACPI_WALK_BUDGET };
	const uint8_t *rsdp, *fadt, *dsdt;
	uint64_t pa, dsdt_pa = 0;
	uint32_t flen, dlen, flags;

	memset(ai, 0, sizeof(*ai));
	ai->s5_slp_typ = -1;
	rsdp = find_rsdp(rd, rsdp_hint, &pa);
	if (rsdp == NULL || (fadt = find_table(&w, rsdp, "FACP", FADT_MAX_LEN,
	    &flen)) == NULL)
		return -1;
	ai->rsdp_pa = pa;
	ai->found = true;

	flags = flen >= FADT_FLAGS + 4 ? get32(fadt + FADT_FLAGS) : 0;
	ai->hw_reduced = (flags & FADT_FLAG_HW_REDUCED) != 0;
	ai->pm_tmr_32bit = (flags & FADT_FLAG_TMR_VAL_EXT) != 0;
	if (flen >= FADT_PM1A_CNT_BLK + 4 && get32(fadt + FADT_PM1A_CNT_BLK)) {
		ai->pm1a_cnt.space = ACPI_GAS_IO;
		ai->pm1a_cnt.width = 16;
		ai->pm1a_cnt.addr = get32(fadt + FADT_PM1A_CNT_BLK);
	}
	if (flen >= FADT_PM_TMR_LEN + 1 && get32(fadt + FADT_PM_TMR_BLK) &&
	    fadt[FADT_PM_TMR_LEN] == 4) {
		ai->pm_tmr.space = ACPI_GAS_IO;
		ai->pm_tmr.width = 32;
		ai->pm_tmr.addr = get32(fadt + FADT_PM_TMR_BLK);
	}
	get_gas(fadt, flen, FADT_X_PM1A_CNT_BLK, &ai->pm1a_cnt);
	get_gas(fadt, flen, FADT_X_PM_TMR_BLK, &ai->pm_tmr);
	get_gas(fadt, flen, FADT_SLEEP_CONTROL_REG, &ai->sleep_cnt);

	if (flen >= FADT_X_DSDT + 8)
		dsdt_pa = get64(fadt + FADT_X_DSDT);
	if (dsdt_pa == 0 && flen >= FADT_DSDT + 4)
		dsdt_pa = get32(fadt + FADT_DSDT);
	if ((dsdt = sdt_at(&w, dsdt_pa, "DSDT", DSDT_MAX_LEN, &dlen)) != NULL) {
		ai->s5_slp_typ = find_s5(dsdt, dlen);
		ai->aml_pa = dsdt_pa + SDT_HDR_LEN;
		ai->aml_len = dlen - SDT_HDR_LEN;
	}
	return 0;
}

uint16_t
acpi_pm1_cnt_s5(uint16_t cur, int slp_typ)
{
	/* Read-modify-write: every bit but SLP_TYP keeps its value. */
	return (uint16_t)((cur & ~(SLP_TYP_MAX << PM1_SLP_TYP_SHIFT)) |
	    PM1_SLP_EN |
	    (((unsigned)slp_typ & SLP_TYP_MAX) << PM1_SLP_TYP_SHIFT));
}

uint8_t
acpi_sleep_ctl_s5(int slp_typ)
{
	return (uint8_t)(HWR_SLP_EN |
	    (((unsigned)slp_typ & SLP_TYP_MAX) << HWR_SLP_TYP_SHIFT));
}

/*
 * The MADT (ACPI 6.5, 5.2.12): "APIC", the header, the local APIC
 * address (4 bytes), flags (4 bytes), then entries of type (1 byte),
 * length (1 byte) and a body.  Processor Local APIC (type 0, 8 bytes:
 * UID, APIC ID, flags) and Processor Local x2APIC (type 9, 16 bytes:
 * 2 reserved, x2APIC ID, flags, UID) are the CPUs; the other types are
 * skipped by their length.  Flags: bit 0 Enabled, bit 1 Online Capable
 * (MADT revision 5 and up; reserved, read as 0, before).
 */
#define MADT_MAX_LEN		(64U << 10)	/* 16 KiB for 1024 x2APICs */
#define MADT_LAPIC_ADDR		36
#define MADT_ENTRIES		44
#define MADT_T_LAPIC		0
#define MADT_T_X2APIC		9
#define MADT_LAPIC_LEN		8
#define MADT_X2APIC_LEN		16
#define MADT_F_ENABLED		0x1
#define MADT_F_ONLINE_CAPABLE	0x2
#define MADT_REV_ONLINE_CAPABLE	5
#define MADT_XAPIC_BROADCAST	0xff		/* not a CPU's ID */
#define MADT_X2APIC_BROADCAST	0xffffffffU

static void
madt_error(struct acpi_madt *m, const char *what, uint32_t off, uint32_t v)
{
	if (m->error[0] == '\0')
		fmt_snprintf(m->error, sizeof(m->error),
		    "%s at offset %u (%u)", what, off, v);
}

static bool
madt_has(const struct acpi_madt *m, uint32_t id)
{
	unsigned i;

	for (i = 0; i < m->ncpus; i++)
		if (m->cpu[i].apic_id == id)
			return true;
	return false;
}

static void
madt_cpu(struct acpi_madt *m, uint32_t id, uint32_t flags, uint8_t rev,
    bool x2apic, uint32_t off)
{
	struct acpi_madt_cpu *c;

	if (!(flags & MADT_F_ENABLED)) {
		if (rev >= MADT_REV_ONLINE_CAPABLE &&
		    (flags & MADT_F_ONLINE_CAPABLE))
			m->online_capable++;
		return;
	}
	if (id == (x2apic ? MADT_X2APIC_BROADCAST : MADT_XAPIC_BROADCAST)) {
		madt_error(m, "broadcast APIC ID", off, id);
		return;
	}
	if (madt_has(m, id)) {
		madt_error(m, "duplicate APIC ID", off, id);
		return;
	}
	if (m->ncpus == ACPI_MADT_MAX_CPUS) {
		m->dropped++;
		return;
	}
	c = &m->cpu[m->ncpus++];
	c->apic_id = id;
	c->x2apic = x2apic;
}

int
acpi_madt_parse(phys_read_t rd, uint64_t rsdp_hint, struct acpi_madt *m)
{
	struct acpi_walk w = { rd, ACPI_WALK_BUDGET };
	const uint8_t *rsdp, *t, *e;
	uint64_t pa;
	uint32_t len, off, elen;

	memset(m, 0, sizeof(*m));
	if ((rsdp = find_rsdp(rd, rsdp_hint, &pa)) == NULL ||
	    (t = find_table(&w, rsdp, "APIC", MADT_MAX_LEN, &len)) == NULL)
		return -1;
	m->found = true;
	if (len < MADT_ENTRIES) {
		madt_error(m, "MADT shorter than its fixed part", 0, len);
		return -1;
	}
	m->lapic_pa = get32(t + MADT_LAPIC_ADDR);
	for (off = MADT_ENTRIES; off < len; off += elen) {
		e = t + off;
		if (len - off < 2 || (elen = e[1]) < 2 || elen > len - off) {
			madt_error(m, "MADT entry overruns the table", off,
			    len - off < 2 ? len - off : e[1]);
			return -1;
		}
		if (e[0] == MADT_T_LAPIC) {
			if (elen < MADT_LAPIC_LEN) {
				madt_error(m, "short Local APIC entry", off,
				    elen);
				return -1;
			}
			madt_cpu(m, e[3], get32(e + 4), t[8], false, off);
		} else if (e[0] == MADT_T_X2APIC) {
			if (elen < MADT_X2APIC_LEN) {
				madt_error(m, "short Local x2APIC entry", off,
				    elen);
				return -1;
			}
			madt_cpu(m, get32(e + 4), get32(e + 8), t[8], true,
			    off);
		}
	}
	return m->ncpus > 0 ? 0 : (madt_error(m, "no enabled CPU", 0, 0), -1);
}
