/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the PVH start_info parser and the bootinfo checks on
 * arbitrary memory.  The input is guest-physical memory from BASE up;
 * start_info is at BASE.  Besides "no crash, no sanitizer report", every
 * accepted layout must satisfy what the rest of the kernel relies on.
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this),
 * so the tree needs no binary corpus.
 */
/* sources: sys/arch/amd64/pvh_start_info.c sys/kern/subr_bootinfo.c sys/lib/format.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

#include <sys/bootinfo.h>

#include "fuzz.h"

#define BASE	0x10000ULL

static const uint8_t *mem;
static size_t memlen;

static const void *
rd(uint64_t pa, uint64_t len)
{
	if (pa < BASE || pa - BASE > memlen || len > memlen - (pa - BASE))
		return NULL;
	return mem + (pa - BASE);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bootinfo bi;
	static const struct bi_kernel k = {
		.start = 0x100000, .end = 0x110000, .min_free = 0x4000,
		.map_end = 1ULL << 32,
	};
	struct bi_status st;
	uint32_t version;
	unsigned i, j;

	mem = data;
	memlen = size;
	if (pvh_start_info_parse(BASE, rd, &bi, &st) != 0) {
		check(st.msg[0] != '\0' && strchr(st.msg, '\n') == NULL,
		    "refusal has a one-line message");
		return 0;
	}
	memcpy(&version, data + 4, sizeof(version));	/* parsed: size >= 40 */
	check(bi.version == version, "version as the loader gave it");
	check(bi.nmodules <= BI_MODULES_MAX, "modules");
	check(bi.nmemmap <= BI_MEMMAP_MAX, "memmap");
	check(strlen(bi.cmdline) == bi.cmdline_len, "cmdline_len");
	check(bi.cmdline_len < BI_CMDLINE_MAX, "cmdline bound");
	if (bootinfo_validate(&bi, &k, &st) != 0) {
		check(st.msg[0] != '\0', "refusal has a message");
		return 0;
	}
	for (i = 0; i < bi.nmemmap; i++) {
		check(bi.memmap[i].size > 0, "no empty entries");
		check(i == 0 || bi.memmap[i - 1].base <= bi.memmap[i].base,
		    "sorted");
	}
	check(bi.ram_bytes > 0, "some RAM");
	for (i = 0; i < bi.nloader; i++) {
		check(!bi_ranges_overlap(bi.loader[i].base, bi.loader[i].size,
		    k.start, k.end - k.start), "loader data clear of kernel");
		check(bi.loader[i].base + bi.loader[i].size >=
		    bi.loader[i].base, "no wrap");
	}
	for (i = 0; i < bi.nmodules; i++)
		for (j = i + 1; j < bi.nmodules; j++)
			check(!bi_ranges_overlap(bi.modules[i].base,
			    bi.modules[i].size, bi.modules[j].base,
			    bi.modules[j].size), "modules apart");
	{
		struct bi_range fr[64];
		unsigned n = bootinfo_free_ranges(&bi, &k, fr, 64);

		for (i = 0; i < n; i++) {
			check(fr[i].size > 0 && (fr[i].base & 4095) == 0,
			    "free range aligned");
			check(!bi_ranges_overlap(fr[i].base, fr[i].size,
			    k.start, k.end - k.start), "free clear of kernel");
			for (j = 0; j < bi.nloader; j++)
				check(!bi_ranges_overlap(fr[i].base,
				    fr[i].size, bi.loader[j].base,
				    bi.loader[j].size), "free clear of loader");
		}
	}
	return 0;
}

/* A valid layout inside the input: start_info, memmap, modules, cmdline. */
static void
write_seed(const char *dir, const char *name, int version, int nmod)
{
	static uint8_t buf[4096];
	struct hvm_start_info *si = (void *)buf;
	struct hvm_memmap_table_entry *mm = (void *)(buf + 0x100);
	struct hvm_modlist_entry *ml = (void *)(buf + 0x200);
	int i;

	memset(buf, 0, sizeof(buf));
	si->magic = XEN_HVM_START_MAGIC_VALUE;
	si->version = (uint32_t)version;
	si->cmdline_paddr = BASE + 0x300;
	strcpy((char *)buf + 0x300, "test=all quiet");
	si->memmap_paddr = BASE + 0x100;
	si->memmap_entries = 4;
	mm[0] = (struct hvm_memmap_table_entry){ 0, 0x9fc00, 1, 0 };
	mm[1] = (struct hvm_memmap_table_entry){ 0x100000, 0x3f00000, 1, 0 };
	mm[2] = (struct hvm_memmap_table_entry){ 0xfeffc000, 0x4000, 2, 0 };
	si->nr_modules = (uint32_t)nmod;
	si->modlist_paddr = BASE + 0x200;
	for (i = 0; i < nmod; i++) {
		ml[i].paddr = 0x200000 + (uint64_t)i * 0x10000;
		ml[i].size = 0x1000;
		ml[i].cmdline_paddr = BASE + 0x300;
	}
	fuzz_write_seed(dir, name, buf, 0x400);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_SEED_DIR");

	(void)argc, (void)argv;
	if (dir != NULL) {
		write_seed(dir, "seed-v1", 1, 1);
		write_seed(dir, "seed-v1-3mod", 1, 3);
		write_seed(dir, "seed-v0", 0, 0);
		write_seed(dir, "seed-v2", 2, 1);
	}
	return 0;
}
