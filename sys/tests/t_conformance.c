/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * conformance (explicit): what the platform handed this PVH guest, as one
 * line `conformance: {...}` holding one JSON object, and the PVH ABI's
 * requirements checked against it (machine/entry.h lists them; Xen's
 * docs/misc/pvh.pandoc and xen/arch-x86/hvm/start_info.h are the spec).
 * Each requirement broken is named in "violations" and fails the test;
 * what the entry state cannot show (a segment whose descriptor is not in
 * the GDT the loader left) is listed in "unverified", not guessed.
 * tools/conformance collects these lines from every platform the tests
 * boot and renders docs/conformance.md.
 *
 * Everything is read again from memory the loader left (start_info, its
 * memory map and module list stay reserved from the boot allocator) and
 * is untrusted: every read goes through pmap_phys_read(), which refuses
 * what is outside the direct map.
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/clock.h>
#include <sys/cons.h>
#include <sys/pmap.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/kvmvar.h>
#include <dev/pv/pvbus.h>
#include <machine/acpi.h>
#include <machine/cpufunc.h>
#include <machine/entry.h>
#include <machine/specialreg.h>

#include <xen/arch-x86/hvm/start_info.h>

#define CONF_MAX_VIOLATIONS	16
#define CONF_MAX_MEMMAP		64	/* entries listed; all are counted */
#define CONF_MAX_TABLES		32	/* ACPI tables listed */

/* EFLAGS bits the PVH ABI requires clear (Intel SDM vol. 1, 3.4.3). */
#define PSL_TF			0x00000100
#define PSL_I			0x00000200
#define PSL_VM			0x00020000
/* CR0 bits that are not writeable: ET reads as 1 on every x86-64 CPU. */
#define CR0_FIXED		CR0_ET

/*
 * Access rights as lar would give them: the descriptor's high dword,
 * bits 8-23 less the limit's 16-19 (Intel SDM vol. 2, LAR).
 */
#define DESC_AR_MASK		0x00f0ff00U
#define DESC_G			0x00800000U	/* limit in 4 KiB units */
#define LAR_TYPE_CODE		0x0800
#define LAR_TYPE_RW		0x0200	/* code: readable; data: writable */
#define LAR_S			0x1000	/* code or data, not system */
#define LAR_P			0x8000
#define LAR_DB			0x400000	/* 32-bit segment */
#define SEG_LIMIT_FLAT		0xffffffffU

struct conf {
	struct json	j;
	const char	*violation[CONF_MAX_VIOLATIONS];
	char		vbuf[CONF_MAX_VIOLATIONS][80];
	unsigned	nviolations;
	const char	*unverified[ENTRY_NDESC];
	unsigned	nunverified;
};

static void __printflike(2, 3)
violate(struct conf *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nviolations == CONF_MAX_VIOLATIONS)
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(c->vbuf[c->nviolations], sizeof(c->vbuf[0]), fmt, ap);
	va_end(ap);
	c->violation[c->nviolations] = c->vbuf[c->nviolations];
	c->nviolations++;
}

/* A descriptor's base: bits 16-39 and 56-63 (Intel SDM vol. 3, 3.4.5). */
static uint64_t
desc_base(uint32_t lo, uint32_t hi)
{
	return (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000);
}

/* The byte-granular limit, as lsl would give it (SDM vol. 3, 3.4.5). */
static uint32_t
desc_limit(uint32_t lo, uint32_t hi)
{
	uint32_t limit = (lo & 0xffff) | (hi & 0x000f0000);

	return (hi & DESC_G) != 0 ? limit << 12 | 0xfff : limit;
}

/* One of CS, DS, ES, SS: flat 32-bit code (CS) or writable data. */
static void
conf_segment(struct conf *c, unsigned i, const char *name, bool code)
{
	const struct entry_state *e = &locore_entry_state;
	uint32_t want = LAR_P | LAR_S | LAR_DB | LAR_TYPE_RW |
	    (code ? LAR_TYPE_CODE : 0);
	bool in_gdt = e->desc[i][0] != 0 || e->desc[i][1] != 0;
	uint32_t lar = in_gdt ? e->desc[i][1] & DESC_AR_MASK : 0;
	uint32_t lsl = in_gdt ? desc_limit(e->desc[i][0], e->desc[i][1]) : 0;

	json_open(&c->j, name, '{');
	json_hex(&c->j, "sel", e->sel[i]);
	json_hex(&c->j, "ar", lar);
	json_hex(&c->j, "limit", lsl);
	if (in_gdt)
		json_hex(&c->j, "base", desc_base(e->desc[i][0], e->desc[i][1]));
	json_close(&c->j, '}');
	if (lar == 0 || !in_gdt) {
		c->unverified[c->nunverified++] = name;
		return;
	}
	if ((lar & (want | LAR_TYPE_CODE)) != want)
		violate(c, "%s: access rights %#x, want a 32-bit %s segment", name,
		    lar, code ? "read/execute code" : "read/write data");
	if (lsl != SEG_LIMIT_FLAT)
		violate(c, "%s: limit %#x, want 0xffffffff", name, lsl);
	if (desc_base(e->desc[i][0], e->desc[i][1]) != 0)
		violate(c, "%s: base %#llx, want 0", name,
		    (unsigned long long)desc_base(e->desc[i][0], e->desc[i][1]));
}

static void
conf_entry(struct conf *c)
{
	const struct entry_state *e = &locore_entry_state;

	json_open(&c->j, "entry", '{');
	json_hex(&c->j, "ebx", e->ebx);
	json_hex(&c->j, "cr0", e->cr0);
	json_hex(&c->j, "cr3", e->cr3);
	json_hex(&c->j, "cr4", e->cr4);
	json_hex(&c->j, "efer", e->efer);
	json_hex(&c->j, "eflags", e->eflags);
	json_hex(&c->j, "esp", e->esp);
	json_hex(&c->j, "gdtr_base", e->gdtr_base);
	json_hex(&c->j, "gdtr_limit", e->gdtr_limit);
	json_hex(&c->j, "idtr_base", e->idtr_base);
	json_hex(&c->j, "idtr_limit", e->idtr_limit);
	json_hex(&c->j, "fs", e->sel[ENTRY_SEG_FS]);
	json_hex(&c->j, "gs", e->sel[ENTRY_SEG_GS]);
	json_hex(&c->j, "tr", e->sel[ENTRY_SEG_TR]);
	json_hex(&c->j, "ldtr", e->sel[ENTRY_SEG_LDTR]);
	conf_segment(c, ENTRY_SEG_CS, "cs", true);
	conf_segment(c, ENTRY_SEG_DS, "ds", false);
	conf_segment(c, ENTRY_SEG_ES, "es", false);
	conf_segment(c, ENTRY_SEG_SS, "ss", false);
	json_close(&c->j, '}');

	if (!(e->cr0 & CR0_PE) || (e->cr0 & ~(CR0_PE | CR0_FIXED)) != 0)
		violate(c, "cr0 %#x: want PE set and every other writeable bit "
		    "clear", e->cr0);
	if (e->cr4 != 0)
		violate(c, "cr4 %#x: want 0", e->cr4);
	if (e->eflags & (PSL_VM | PSL_I | PSL_TF))
		violate(c, "eflags %#x: VM, IF and TF must be clear", e->eflags);
	if (e->ebx & 7)
		violate(c, "start_info at %#x: not 8-byte aligned", e->ebx);
}

/* Do two entries of a map overlap?  Empty entries overlap nothing. */
static bool
conf_overlap(const struct hvm_memmap_table_entry *m, unsigned n)
{
	unsigned i, k;

	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (m[i].size != 0 && m[k].size != 0 &&
			    bi_ranges_overlap(m[i].addr, m[i].size, m[k].addr,
			    m[k].size))
				return true;
	return false;
}

/*
 * The memory map's shape as the loader wrote it (start_info v1), or as
 * the hypervisor gave it (v0: Xen's dom0).  Holes are counted in the
 * kernel's sorted, merged copy: gaps below the top of the map.
 */
static void
conf_memmap(struct conf *c, const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *m = NULL;
	const struct bootinfo *bi = bootargs->bi;
	uint64_t base, size, last = 0, end = 0;
	unsigned i, n, types[8] = { 0 }, holes = 0, type, empty = 0;
	bool sorted = true, raw = false;

	json_open(&c->j, "memmap", '{');
	if (si != NULL && si->version >= 1 && si->memmap_entries != 0 &&
	    si->memmap_entries <= BI_MEMMAP_MAX) {
		n = si->memmap_entries;
		m = pmap_phys_read(si->memmap_paddr, (uint64_t)n * sizeof(*m));
		raw = m != NULL;
	}
	if (!raw)
		n = bi->nmemmap;
	json_str(&c->j, "source", raw ? "start_info" :
	    bi->flags & BI_F_MEMMAP_FROM_HV ? "hypervisor" : "none");
	json_u64(&c->j, "entries", n);
	json_open(&c->j, "map", '[');
	for (i = 0; i < n; i++) {
		if (raw) {
			base = m[i].addr, size = m[i].size, type = m[i].type;
			if (m[i].reserved != 0)
				violate(c, "memmap[%u].reserved = %#x, want 0",
				    i, m[i].reserved);
		} else {
			base = bi->memmap[i].base, size = bi->memmap[i].size;
			type = bi->memmap[i].type;
		}
		/* An empty entry (qboot writes one) says nothing of order. */
		if (size == 0)
			empty++;
		else {
			if (base < last)
				sorted = false;
			last = base;
		}
		types[type < nitems(types) ? type : 0]++;
		if (i < CONF_MAX_MEMMAP) {
			json_open(&c->j, NULL, '[');
			json_hex(&c->j, NULL, base);
			json_hex(&c->j, NULL, size);
			json_u64(&c->j, NULL, type);
			json_close(&c->j, ']');
		}
	}
	json_close(&c->j, ']');
	for (i = 0; i < bi->nmemmap; i++) {
		if (i > 0 && bi->memmap[i].base > end)
			holes++;
		end = MAX(end, bi->memmap[i].base + bi->memmap[i].size);
	}
	json_bool(&c->j, "sorted", sorted);
	json_bool(&c->j, "overlapping", raw && conf_overlap(m, n));
	json_u64(&c->j, "holes", holes);
	json_u64(&c->j, "empty", empty);
	json_open(&c->j, "types", '{');
	for (i = 0; i < nitems(types); i++)
		if (types[i] != 0)
			json_u64(&c->j, i == 0 ? "other" : bi_mem_type_name(i),
			    types[i]);
	json_close(&c->j, '}');
	json_close(&c->j, '}');
}

static const struct hvm_start_info *
conf_start_info(struct conf *c)
{
	const struct bootinfo *bi = bootargs->bi;
	const struct hvm_start_info *si;
	const struct hvm_modlist_entry *ml = NULL;
	unsigned i;

	si = pmap_phys_read(bi->start_info_pa, sizeof(*si));
	json_open(&c->j, "start_info", '{');
	json_hex(&c->j, "paddr", bi->start_info_pa);
	if (si != NULL) {
		json_hex(&c->j, "magic", si->magic);
		json_u64(&c->j, "version", si->version);
		json_hex(&c->j, "flags", si->flags);
		json_u64(&c->j, "nr_modules", si->nr_modules);
		json_hex(&c->j, "modlist_paddr", si->modlist_paddr);
		json_hex(&c->j, "cmdline_paddr", si->cmdline_paddr);
		json_hex(&c->j, "rsdp_paddr", si->rsdp_paddr);
		if (si->version >= 1) {
			json_hex(&c->j, "memmap_paddr", si->memmap_paddr);
			json_u64(&c->j, "memmap_entries", si->memmap_entries);
			json_hex(&c->j, "reserved", si->reserved);
			if (si->reserved != 0)
				violate(c, "start_info.reserved = %#x, want 0",
				    si->reserved);
		}
		if (si->nr_modules != 0 && si->nr_modules <= BI_MODULES_MAX)
			ml = pmap_phys_read(si->modlist_paddr,
			    si->nr_modules * sizeof(*ml));
	}
	json_open(&c->j, "modules", '[');
	for (i = 0; ml != NULL && i < si->nr_modules; i++) {
		json_open(&c->j, NULL, '{');
		json_hex(&c->j, "paddr", ml[i].paddr);
		json_u64(&c->j, "size", ml[i].size);
		json_hex(&c->j, "cmdline_paddr", ml[i].cmdline_paddr);
		json_close(&c->j, '}');
		if (ml[i].reserved != 0)
			violate(c, "modlist[%u].reserved = %#llx, want 0", i,
			    (unsigned long long)ml[i].reserved);
	}
	json_close(&c->j, ']');
	json_close(&c->j, '}');
	if (bi->start_info_pa & 7)
		violate(c, "start_info at %#llx: not 8-byte aligned",
		    (unsigned long long)bi->start_info_pa);
	return si;
}

/* ACPI fields are little-endian and unaligned; so is this CPU. */
static uint32_t
get_le32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t
get_le64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The RSDP and the signatures of the tables its RSDT or XSDT lists. */
static void
conf_acpi(struct conf *c)
{
	const struct acpi_info *ai = acpi_probe();
	const uint8_t *rsdp, *sdt, *t;
	uint64_t pa, entry;
	uint32_t len = 0, esz, i;
	char sig[5] = { 0 };

	json_open(&c->j, "acpi", '{');
	json_bool(&c->j, "found", ai->found);
	json_hex(&c->j, "rsdp", ai->rsdp_pa);
	json_open(&c->j, "tables", '[');
	if (ai->found && (rsdp = pmap_phys_read(ai->rsdp_pa, 36)) != NULL) {
		esz = rsdp[15] >= 2 && get_le64(rsdp + 24) != 0 ? 8 : 4;
		pa = esz == 8 ? get_le64(rsdp + 24) : get_le32(rsdp + 16);
		if ((sdt = pmap_phys_read(pa, 36)) != NULL)
			len = get_le32(sdt + 4);
		if (len > 36 + CONF_MAX_TABLES * esz)
			len = 36 + CONF_MAX_TABLES * esz;
		if (sdt != NULL && (sdt = pmap_phys_read(pa, len)) != NULL) {
			memcpy(sig, sdt, 4);
			json_str(&c->j, NULL, sig);
			for (i = 36; i + esz <= len; i += esz) {
				entry = esz == 8 ? get_le64(sdt + i) :
				    get_le32(sdt + i);
				if ((t = pmap_phys_read(entry, 4)) == NULL)
					continue;
				memcpy(sig, t, 4);
				json_str(&c->j, NULL, sig);
			}
		}
	}
	json_close(&c->j, ']');
	json_close(&c->j, '}');
}

static void
conf_cpu(struct conf *c)
{
	const struct pvbus_hv *list, *p = pvbus_primary();
	uint32_t r[4];
	char vendor[13];
	unsigned i, n;
	uint8_t flags = 0;
	bool have_pvclock = false;

	cpuid(0, r);
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = '\0';
	json_open(&c->j, "cpu", '{');
	json_str(&c->j, "vendor", vendor);
	json_hex(&c->j, "max_leaf", r[0]);
	cpuid(1, r);
	json_hex(&c->j, "leaf1_eax", r[0]);
	json_bool(&c->j, "hypervisor_bit", (r[2] >> 31) & 1);
	json_close(&c->j, '}');

	n = pvbus_list(&list);
	json_open(&c->j, "hypervisors", '[');
	for (i = 0; i < n; i++) {
		json_open(&c->j, NULL, '{');
		json_str(&c->j, "name", list[i].name);
		json_str(&c->j, "signature", list[i].sig);
		json_hex(&c->j, "base", list[i].base);
		json_hex(&c->j, "max_leaf", list[i].max_leaf);
		json_hex(&c->j, "features", list[i].leaf1[0]);
		json_close(&c->j, '}');
	}
	json_close(&c->j, ']');

	/* The pvclock record's flags, as the hypervisor set them. */
	if (p != NULL && p->type == PVBUS_KVM && kvmclock_msr() != 0) {
		flags = kvmclock_record()->flags;
		have_pvclock = true;
	} else if (p != NULL && p->type == PVBUS_XEN && xen_ready()) {
		flags = xen_shared_info->vcpu_info[0].time.flags;
		have_pvclock = true;
	}
	json_open(&c->j, "pvclock", '{');
	json_bool(&c->j, "present", have_pvclock);
	if (have_pvclock)
		json_hex(&c->j, "flags", flags);
	json_close(&c->j, '}');
}

static char conf_line[6144] __noinit;	/* json_init() writes it first */

static enum test_status
t_conformance(struct test_ctx *ctx)
{
	static struct conf c;
	const struct hvm_start_info *si;
	char buf[64];
	uint64_t sec;
	unsigned i;

	memset(&c, 0, sizeof(c));
	json_init(&c.j, conf_line, sizeof(conf_line));
	json_open(&c.j, NULL, '{');
	json_u64(&c.j, "format", 1);
	conf_entry(&c);
	si = conf_start_info(&c);
	conf_memmap(&c, si);
	conf_acpi(&c);
	conf_cpu(&c);
	cons_names(buf, sizeof(buf));
	json_str(&c.j, "consoles", buf);
	json_str(&c.j, "clock", clock_name());
	json_str(&c.j, "wallclock", wallclock_name());
	json_bool(&c.j, "wallclock_read", wallclock_at_boot(&sec));
	json_open(&c.j, "unverified", '[');
	for (i = 0; i < c.nunverified; i++)
		json_str(&c.j, NULL, c.unverified[i]);
	json_close(&c.j, ']');
	json_open(&c.j, "violations", '[');
	for (i = 0; i < c.nviolations; i++)
		json_str(&c.j, NULL, c.violation[i]);
	json_close(&c.j, ']');
	json_close(&c.j, '}');
	if (!json_ok(&c.j))
		return test_error(ctx, "the report did not fit its %zu bytes",
		    sizeof(conf_line));
	printf("conformance: %s\n", conf_line);
	if (c.nviolations > 0)
		return test_fail(ctx, "%u PVH requirement(s) broken, first: %s",
		    c.nviolations, c.violation[0]);
	return TEST_PASS;
}
KTEST(t_conformance, .name = "conformance", .flags = KTEST_F_EXPLICIT);
