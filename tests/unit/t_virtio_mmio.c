/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-mmio discovery's untrusted inputs (virtio_mmio_parse.c): the
 * `virtio_mmio.device=` value in Linux's syntax, malformed in every
 * place; the DSDT's LNRO0005 devices as QEMU's microvm writes them, then
 * truncated at every length, with lengths that lie, and with a _CRS that
 * belongs to another device; and the placement checks of a window (in
 * RAM, on the kernel, on another window, absurd sizes).  AML buffers are
 * allocated at their exact length, so ASan sees any read past them.
 */
/* sources: sys/dev/virtio/virtio_mmio_parse.c sys/lib/format.c */
#include <stdlib.h>

#include <sys/bootinfo.h>
#include <dev/virtio/virtio_mmio.h>

#include "tap.h"

static int
parse(const char *s, struct virtio_mmio_win *w, char *why)
{
	memset(w, 0, sizeof(*w));
	return virtio_mmio_parse_arg(s, strlen(s), w, why, 64);
}

static void
cmdline_cases(void)
{
	static const char *const bad[] = {
		"", "512", "512@", "512@0xfeb00000", "512@0xfeb00000:",
		"x@1:2", "512@0xfeb00000:5:", "512@0xfeb00000:5:x",
		"512@0x:5", "512@0xfeb00000:5:1:2", "512@0xfeb00000;5",
		"99999999999999999999@1:1", "16E@1:1",
		"0xffffffffffffffffG@1:1", "512@0xfeb00000:4294967296",
		"512@0xfeb00000:5:2147483648", "-512@1:1",
	};
	struct virtio_mmio_win w;
	char why[64];
	unsigned i;

	ok(parse("512@0xfeb00000:5", &w, why) == 0 && w.size == 512 &&
	    w.base == 0xfeb00000 && w.irq == 5 && w.id == -1 &&
	    strcmp(w.src, "cmdline") == 0, "512@0xfeb00000:5");
	ok(parse("4K@0xd0000000:10:3", &w, why) == 0 && w.size == 4096 &&
	    w.base == 0xd0000000 && w.irq == 10 && w.id == 3,
	    "4K@0xd0000000:10:3 (Firecracker's form)");
	ok(parse("0x200@4272947200:12", &w, why) == 0 && w.size == 0x200 &&
	    w.base == 0xfeb00000, "hex size, decimal base");
	ok(parse("1m@010:0", &w, why) == 0 && w.size == 1 << 20 &&
	    w.base == 8, "lower-case suffix, octal base");
	ok(parse("1G@0x1000:1", &w, why) == 0 && w.size == 1ULL << 30,
	    "G suffix");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		ok(parse(bad[i], &w, why) == -1 && why[0] != '\0',
		    "refused: \"%s\" (%s)", bad[i], why);
	}
}

/* QEMU's microvm device: Device (VRnn) { _HID, _UID, _CCA, _CRS }. */
static size_t
aml_dev(uint8_t *p, const char *hid, uint8_t uid, uint32_t base,
    uint32_t size, uint32_t irq, unsigned pad)
{
	size_t n = 0, crs, i;

	memcpy(p + n, "\x5b\x82\x00VR00", 7);	/* length patched below */
	n += 7;
	p[n++] = 0x08;
	memcpy(p + n, "_HID\x0d", 5);
	n += 5;
	memcpy(p + n, hid, 9);			/* with its NUL */
	n += 9;
	memcpy(p + n, "\x08_UID\x0a", 6);
	n += 6;
	p[n++] = uid;
	memcpy(p + n, "\x08_CCA\x01", 6);
	n += 6;
	memcpy(p + n, "\x08_CRS\x11", 6);
	n += 6;
	crs = n;
	n += pad + 23 > 60 ? 2 : 1;		/* PkgLength, 1 or 2 bytes */
	p[n++] = 0x0a;
	p[n++] = (uint8_t)(23 + pad);
	if (pad > 0) {				/* vendor-defined large item */
		p[n++] = 0x84;
		p[n++] = (uint8_t)(pad - 3);
		p[n++] = 0;
		for (i = 3; i < pad; i++)
			p[n++] = 0xaa;
	}
	p[n++] = 0x86;				/* Memory32Fixed */
	memcpy(p + n, "\x09\x00\x01", 3);
	n += 3;
	memcpy(p + n, &base, 4);
	memcpy(p + n + 4, &size, 4);
	n += 8;
	memcpy(p + n, "\x89\x06\x00\x0b\x01", 5);	/* Extended Interrupt */
	n += 5;
	memcpy(p + n, &irq, 4);
	n += 4;
	p[n++] = 0x79;				/* End Tag */
	p[n++] = 0;
	if (pad + 23 > 60) {
		p[crs] = (uint8_t)(0x40 | ((n - crs) & 0x0f));
		p[crs + 1] = (uint8_t)((n - crs) >> 4);
	} else {
		p[crs] = (uint8_t)(n - crs);
	}
	p[2] = (uint8_t)(n - 2);
	return n;
}

static struct virtio_mmio_win found[8];
static unsigned nfound;

static void
collect(void *arg, const struct virtio_mmio_win *w)
{
	(void)arg;
	if (nfound < 8)
		found[nfound] = *w;
	nfound++;
}

static unsigned
scan(const uint8_t *src, size_t len)
{
	uint8_t *p = malloc(len ? len : 1);	/* exact: ASan sees overreads */
	unsigned n;

	memcpy(p, src, len);
	nfound = 0;
	n = virtio_mmio_aml_scan(p, (uint32_t)len, collect, NULL);
	free(p);
	return n == nfound ? n : 99;
}

static void
aml_cases(void)
{
	/* Offsets in aml_dev()'s output: 36 "_CRS", 41 PkgLength, 44 the
	 * first resource item, 45 its length. */
	uint8_t b[512];
	size_t n, m, l;
	unsigned bad = 0;

	n = aml_dev(b, "LNRO0005", 0, 0xfeb00000, 0x200, 5, 0);
	ok(scan(b, n) == 1 && found[0].base == 0xfeb00000 &&
	    found[0].size == 0x200 && found[0].irq == 5 && found[0].id == 0 &&
	    strcmp(found[0].src, "acpi") == 0, "one device: base, size, irq, "
	    "_UID");
	m = n + aml_dev(b + n, "LNRO0005", 7, 0xfeb00200, 0x200, 6, 0);
	ok(scan(b, m) == 2 && found[1].base == 0xfeb00200 &&
	    found[1].irq == 6 && found[1].id == 7, "two devices");
	for (l = 0; l < n; l++)
		bad += scan(b, l) != 0;
	is_int(bad, 0, "truncated at each of %zu lengths: nothing found", n);

	l = aml_dev(b, "LNRO0005", 1, 0xfeb00000, 0x200, 5, 80);
	ok(scan(b, l) == 1 && found[0].base == 0xfeb00000 &&
	    found[0].size == 0x200, "2-byte PkgLength, another item first");

	n = aml_dev(b, "LNRO0005", 0, 0xfeb00000, 0x200, 5, 0);
	b[41] = 0x3f;				/* buffer PkgLength too long */
	is_int(scan(b, n), 0, "buffer PkgLength beyond the table");
	n = aml_dev(b, "LNRO0005", 0, 0xfeb00000, 0x200, 5, 0);
	b[45] = 0xff;				/* item length beyond buffer */
	is_int(scan(b, n), 0, "resource length beyond the buffer");
	n = aml_dev(b, "LNRO0005", 0, 0xfeb00000, 0x200, 5, 0);
	b[44] = 0x85;				/* not Memory32Fixed */
	is_int(scan(b, n), 0, "no Memory32Fixed: nothing");

	/* A _HID of ours without _CRS, then another device's _CRS. */
	n = aml_dev(b, "LNRO0005", 0, 0xfeb00000, 0x200, 5, 0);
	memcpy(b + 36, "_XRS", 4);
	m = n + aml_dev(b + n, "PNP0501\0", 0, 0x3f8, 0x200, 4, 0);
	is_int(scan(b, m), 0, "a _CRS after another _HID is not ours");
	n = aml_dev(b, "LNRO0006", 0, 0xfeb00000, 0x200, 5, 0);
	is_int(scan(b, n), 0, "another _HID");
}

static void
win_cases(void)
{
	static struct bootinfo bi;
	struct bi_kernel k = { .start = 0x100000, .end = 0x180000 };
	struct virtio_mmio_win w = { 0xfeb00000, 0x200, 5, -1, "cmdline" };
	struct virtio_mmio_win t[1] = { { 0xfeb00000, 0x200, 5, -1, "acpi" } };
	char why[96];

	bi.memmap[0] = (struct bi_mem){ 0, 0x9fc00, BI_MEM_RAM };
	bi.memmap[1] = (struct bi_mem){ 0xf0000, 0x10000, BI_MEM_RESERVED };
	bi.memmap[2] = (struct bi_mem){ 0x200000, 0x7e00000, BI_MEM_RAM };
	bi.memmap[3] = (struct bi_mem){ 0xfffc0000, 0x40000, BI_MEM_NVS };
	bi.nmemmap = 4;
#define CHK(wb, ws, nt) (w.base = (wb), w.size = (ws), why[0] = '\0', \
	virtio_mmio_win_check(&w, t, (nt), &bi, &k, why, sizeof(why)))
	is_int(CHK(0xfeb00000, 0x200, 0), 0, "microvm's first window: fine");
	is_int(CHK(0xf0000, 0x200, 0), 0, "in a reserved range: fine");
	ok(CHK(0x4000000, 0x1000, 0) == -1 && strstr(why, "memory"),
	    "in RAM: %s", why);
	ok(CHK(0x9fb00, 0x200, 0) == -1 && strstr(why, "memory"),
	    "straddling RAM's end: %s", why);
	ok(CHK(0xfffc0000, 0x200, 0) == -1 && strstr(why, "memory"),
	    "in NVS: %s", why);
	ok(CHK(0x17ff00, 0x200, 0) == -1 && strstr(why, "kernel"),
	    "on the kernel: %s", why);
	ok(CHK(0xfeb00100, 0x200, 1) == -1 && strstr(why, "overlaps"),
	    "overlapping another window: %s", why);
	ok(CHK(0xfeaffe00, 0x400, 1) == -1 && strstr(why, "overlaps"),
	    "around another window: %s", why);
	is_int(CHK(0xfeb00000, 0x200, 1), 1, "the same window twice: 1");
	is_int(CHK(0xfeb00200, 0x200, 1), 0, "the next one: fine");
	ok(CHK(0xfeb00000, 0, 0) == -1 && strstr(why, "size"), "size 0: %s",
	    why);
	ok(CHK(0xfeb00000, 0xff, 0) == -1, "smaller than the registers");
	ok(CHK(0xfeb00000, 0x100001, 0) == -1, "larger than 1 MiB");
	is_int(CHK(0xfeb00000, 0x100000, 0), 0, "1 MiB: fine");
	ok(CHK(0, 0x200, 0) == -1 && strstr(why, "base"), "base 0: %s", why);
	ok(CHK(0xfeb00002, 0x200, 0) == -1, "misaligned base");
	ok(CHK(UINT64_MAX - 0xff, 0x200, 0) == -1, "base + size wraps");
#undef CHK
}

int
main(void)
{
	cmdline_cases();
	aml_cases();
	win_cases();
	return done_testing();
}
