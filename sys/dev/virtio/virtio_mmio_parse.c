/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The untrusted inputs of virtio-mmio discovery, pure so that host tests
 * (tests/unit/t_virtio_mmio.c, fuzz_virtio_mmio.c) can feed them
 * anything: a `virtio_mmio.device=` value, the DSDT's AML, and where a
 * window may lie.
 */
#include <sys/bootinfo.h>
#include <lib/libkern.h>

#include <dev/virtio/virtio_mmio.h>

#define WHY(...)	(fmt_snprintf(why, whysize, __VA_ARGS__), -1)

/* C integer syntax, as Linux's %lli and memparse: 0x hex, 0 octal. */
static int
parse_num(const char **sp, const char *end, uint64_t *v)
{
	const char *s = *sp;
	unsigned base = 10, d;
	uint64_t n = 0;

	if (s < end && *s == '0') {
		base = 8;
		if (s + 1 < end && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		}
	}
	if (s == end)
		return -1;
	for (*sp = s; s < end; s++) {
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			break;
		if (d >= base || n > (UINT64_MAX - d) / base)
			return -1;
		n = n * base + d;
	}
	if (s == *sp)
		return -1;		/* "0x" alone, or no digit */
	*sp = s;
	*v = n;
	return 0;
}

int
virtio_mmio_parse_arg(const char *v, size_t len, struct virtio_mmio_win *w,
    char *why, size_t whysize)
{
	const char *s = v, *end = v + len;
	uint64_t n;
	unsigned shift = 0;

	w->src = "cmdline";
	w->id = -1;
	if (parse_num(&s, end, &w->size) != 0)
		return WHY("bad size");
	if (s < end && (*s | 0x20) == 'k')
		shift = 10;
	else if (s < end && (*s | 0x20) == 'm')
		shift = 20;
	else if (s < end && (*s | 0x20) == 'g')
		shift = 30;
	if (shift != 0) {
		if (w->size > UINT64_MAX >> shift)
			return WHY("size too large");
		w->size <<= shift;
		s++;
	}
	if (s == end || *s++ != '@' || parse_num(&s, end, &w->base) != 0)
		return WHY("want <size>@<base>:<irq>[:<id>]");
	if (s == end || *s++ != ':' || parse_num(&s, end, &n) != 0 ||
	    n > UINT32_MAX)
		return WHY("bad irq");
	w->irq = (uint32_t)n;
	if (s < end && *s == ':') {
		s++;
		if (parse_num(&s, end, &n) != 0 || n > INT32_MAX)
			return WHY("bad id");
		w->id = (int32_t)n;
	}
	if (s != end)
		return WHY("trailing characters");
	return 0;
}

/*
 * AML (ACPI 6.4, 20.2): NameOp '_HID' StringPrefix "LNRO0005", then in
 * the same device NameOp '_UID' <integer> and NameOp '_CRS' BufferOp
 * PkgLength <size> <resource template>, as QEMU's microvm writes them
 * (hw/i386/acpi-microvm.c).  Not an interpreter: a bounded byte scan
 * that accepts only that shape and ignores what it does not know.
 */
#define AML_NAME_OP	0x08
#define AML_ZERO_OP	0x00
#define AML_ONE_OP	0x01
#define AML_BYTE_PREFIX	0x0a
#define AML_WORD_PREFIX	0x0b
#define AML_DWORD_PREFIX 0x0c
#define AML_STRING_PREFIX 0x0d
#define AML_BUFFER_OP	0x11
/* ACPI 6.4, 6.4.2.9 End Tag; 6.4.3 large items */
#define RES_SMALL_END	0x0f
#define RES_LARGE	0x80
#define RES_MEM32_FIXED	0x86
#define RES_EXT_IRQ	0x89

static const uint8_t hid_lnro[] = { AML_NAME_OP, '_', 'H', 'I', 'D',
	AML_STRING_PREFIX, 'L', 'N', 'R', 'O', '0', '0', '0', '5', 0 };

static const uint8_t *
aml_find(const uint8_t *p, const uint8_t *end, const char *seg)
{
	for (; end - p >= 5; p++)
		if (p[0] == AML_NAME_OP && memcmp(p + 1, seg, 4) == 0)
			return p + 5;
	return NULL;
}

/* An integer term: Zero, One, Byte/Word/DWord const; -1 otherwise. */
static int64_t
aml_int(const uint8_t *p, const uint8_t *end)
{
	unsigned n, i;
	uint32_t v = 0;

	if (p >= end)
		return -1;
	if (*p == AML_ZERO_OP || *p == AML_ONE_OP)
		return *p;
	n = *p == AML_BYTE_PREFIX ? 1 : *p == AML_WORD_PREFIX ? 2 :
	    *p == AML_DWORD_PREFIX ? 4 : 0;
	if (n == 0 || end - p <= n)
		return -1;
	for (i = 0; i < n; i++)
		v |= (uint32_t)p[1 + i] << (8 * i);
	return v;
}

static uint32_t
le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A _CRS buffer at p (BufferOp): fills base, size and irq; 0 or -1. */
static int
aml_crs(const uint8_t *p, const uint8_t *end, struct virtio_mmio_win *w)
{
	const uint8_t *bend;
	unsigned nlen, i, rlen;
	uint32_t plen;
	int64_t bsize;
	bool mem = false;

	if (p >= end || *p++ != AML_BUFFER_OP || p >= end)
		return -1;
	/* 20.2.4 PkgLength: bits 7-6 count the bytes that follow. */
	nlen = *p >> 6;
	if (end - p <= nlen)
		return -1;
	plen = nlen == 0 ? (*p & 0x3f) : (*p & 0x0f);
	for (i = 0; i < nlen; i++)
		plen |= (uint32_t)p[1 + i] << (4 + 8 * i);
	if (plen > (size_t)(end - p))
		return -1;
	bend = p + plen;
	p += 1 + nlen;
	if ((bsize = aml_int(p, bend)) < 0)
		return -1;
	p += *p == AML_ZERO_OP || *p == AML_ONE_OP ? 1 :
	    *p == AML_BYTE_PREFIX ? 2 : *p == AML_WORD_PREFIX ? 3 : 5;
	if (p > bend)
		return -1;
	if ((uint64_t)bsize < (uint64_t)(bend - p))
		bend = p + bsize;
	while (p < bend) {
		if (!(*p & RES_LARGE)) {	/* small item: len in bits 2-0 */
			if ((*p >> 3) == RES_SMALL_END)
				break;
			p += 1 + (*p & 7);
			continue;
		}
		if (bend - p < 3)
			return -1;
		rlen = p[1] | p[2] << 8;
		if ((size_t)(bend - p - 3) < rlen)
			return -1;
		if (*p == RES_MEM32_FIXED && rlen >= 9) {
			w->base = le32(p + 4);
			w->size = le32(p + 8);
			mem = true;
		} else if (*p == RES_EXT_IRQ && rlen >= 6 && p[4] >= 1) {
			w->irq = le32(p + 5);
		}
		p += 3 + rlen;
	}
	return mem ? 0 : -1;
}

unsigned
virtio_mmio_aml_scan(const uint8_t *aml, uint32_t len,
    virtio_mmio_found_t found, void *arg)
{
	const uint8_t *end = aml + len, *p = aml, *next, *dend, *q;
	struct virtio_mmio_win w;
	unsigned n = 0;
	int64_t uid;

	while (end - p >= (ptrdiff_t)sizeof(hid_lnro)) {
		if (memcmp(p, hid_lnro, sizeof(hid_lnro)) != 0) {
			p++;
			continue;
		}
		p += sizeof(hid_lnro);
		/* This device's names end where the next _HID starts. */
		for (next = p; end - next >= 5; next++)
			if (next[0] == AML_NAME_OP &&
			    memcmp(next + 1, "_HID", 4) == 0)
				break;
		dend = end - next >= 5 ? next : end;
		memset(&w, 0, sizeof(w));
		w.src = "acpi";
		w.id = -1;
		if ((q = aml_find(p, dend, "_UID")) != NULL &&
		    (uid = aml_int(q, dend)) >= 0 && uid <= INT32_MAX)
			w.id = (int32_t)uid;
		if ((q = aml_find(p, dend, "_CRS")) != NULL &&
		    aml_crs(q, dend, &w) == 0) {
			found(arg, &w);
			n++;
		}
		p = dend;
	}
	return n;
}

static bool
overlaps(uint64_t b0, uint64_t s0, uint64_t b1, uint64_t s1)
{
	return b0 < b1 + s1 && b1 < b0 + s0;
}

/* -1 (skip it, *why), 0 (fine), 1 (the same window as one taken). */
int
virtio_mmio_win_check(const struct virtio_mmio_win *w,
    const struct virtio_mmio_win *taken, unsigned ntaken,
    const struct bootinfo *bi, const struct bi_kernel *k, char *why,
    size_t whysize)
{
	const struct bi_mem *m;
	unsigned i;

	if (w->size < VIRTIO_MMIO_WIN_MIN || w->size > VIRTIO_MMIO_WIN_MAX)
		return WHY("size %#llx outside [%#x, %#x]",
		    (unsigned long long)w->size, VIRTIO_MMIO_WIN_MIN,
		    VIRTIO_MMIO_WIN_MAX);
	/* 4.2.2: 32-bit registers, naturally aligned. */
	if (w->base == 0 || (w->base & 3) != 0 || w->base + w->size < w->base)
		return WHY("bad base %#llx", (unsigned long long)w->base);
	for (i = 0; i < bi->nmemmap; i++) {
		m = &bi->memmap[i];
		if ((m->type == BI_MEM_RAM || m->type == BI_MEM_ACPI ||
		    m->type == BI_MEM_NVS || m->type == BI_MEM_PMEM) &&
		    overlaps(w->base, w->size, m->base, m->size))
			return WHY("in memory (map entry type %u at %#llx)",
			    m->type, (unsigned long long)m->base);
	}
	if (overlaps(w->base, w->size, k->start, k->end - k->start))
		return WHY("on the kernel image");
	for (i = 0; i < ntaken; i++) {
		if (taken[i].base == w->base && taken[i].size == w->size)
			return 1;
		if (overlaps(w->base, w->size, taken[i].base, taken[i].size))
			return WHY("overlaps the window at %#llx",
			    (unsigned long long)taken[i].base);
	}
	return 0;
}
