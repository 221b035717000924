/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: what a virtio-mmio device and its description can
 * throw at the kernel.  The first byte picks the input:
 *  0: a DSDT's AML for virtio_mmio_aml_scan(); every window it reports
 *     came from inside the buffer (ASan: the buffer is exact-size);
 *  1: a virtio_mmio.device= value; a parsed one is never half-filled;
 *  2: a device driving a split virtqueue of 8: 5-byte operations (post a
 *     chain of 1-3 descriptors, or the device sets the used index / the
 *     next used element to anything, then the driver takes what it can).
 *     Invariants: free descriptors plus those of chains in flight are
 *     always 8; a returned head was in flight and its length within what
 *     was posted; a broken queue stays broken.
 *
 * FUZZ_SEED_DIR=dir writes seed inputs there (tests/unit/run does this).
 */
/* sources: sys/dev/virtio/virtio_mmio_parse.c sys/dev/virtio/virtqueue.c sys/lib/format.c */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dev/virtio/virtio_mmio.h>

#include "fuzz.h"

#define QN	8

static void
found(void *arg, const struct virtio_mmio_win *w)
{
	check(w->src != NULL && strcmp(w->src, "acpi") == 0, "window source");
	(*(unsigned *)arg)++;
}

static void
fuzz_vq(const uint8_t *d, size_t n)
{
	size_t msz = virtq_mem_size(QN);
	void *m = aligned_alloc(16, (msz + 15) & ~(size_t)15);
	struct virtq q;
	struct virtq_seg s[3];
	uint32_t posted[QN], len, arg;
	uint16_t ndesc[QN], head, indesc = 0;
	bool inflight[QN] = { false }, broken = false;
	unsigned i, k;
	int r;

	virtq_init(&q, QN, m, 0x100000);
	for (; n >= 5; d += 5, n -= 5) {
		memcpy(&arg, d + 1, 4);
		switch (d[0] % 4) {
		case 0:			/* post */
			k = 1 + arg % 3;
			for (i = 0; i < k; i++)
				s[i] = (struct virtq_seg){ 0x1000 * i,
				    (arg >> (8 + 4 * i)) & 0xf, (arg >> i) & 1 };
			r = virtq_add(&q, s, k, &head);
			check(!broken || r == VIRTQ_EBROKEN, "broken stays");
			if (r == 0) {
				check(head < QN && !inflight[head], "new head");
				inflight[head] = true;
				ndesc[head] = (uint16_t)k;
				for (i = 0, posted[head] = 0; i < k; i++)
					posted[head] += s[i].write ? s[i].len : 0;
				indesc = (uint16_t)(indesc + k);
			}
			break;
		case 1:			/* the device sets the used index */
			q.used->idx = (uint16_t)arg;
			break;
		case 2:			/* the device writes the next element */
			q.used->ring[q.used_idx % QN].id = arg % (QN + 2);
			q.used->ring[q.used_idx % QN].len = arg >> 16;
			break;
		case 3:			/* the driver takes one */
			r = virtq_get(&q, &head, &len);
			check(!broken || r == VIRTQ_EBROKEN, "broken stays");
			if (r == 1) {
				check(head < QN && inflight[head], "head was "
				    "in flight");
				check(len <= posted[head], "len within posted");
				inflight[head] = false;
				indesc = (uint16_t)(indesc - ndesc[head]);
			}
			broken = r == VIRTQ_EBROKEN;
			break;
		}
		check(q.nfree + indesc == QN, "descriptors accounted for");
	}
	free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtio_mmio_win w;
	unsigned nfound = 0;
	char why[64];
	uint8_t *p;

	if (size == 0)
		return 0;
	p = malloc(size - 1 ? size - 1 : 1);
	memcpy(p, data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
		check(virtio_mmio_aml_scan(p, (uint32_t)(size - 1), found,
		    &nfound) == nfound, "count");
		break;
	case 1:
		memset(&w, 0, sizeof(w));
		if (virtio_mmio_parse_arg((const char *)p, size - 1, &w, why,
		    sizeof(why)) == 0)
			check(w.src != NULL && w.id >= -1, "parsed window");
		break;
	case 2:
		fuzz_vq(p, size - 1);
		break;
	}
	free(p);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t vq[] = { 2, 0, 0x37, 0x21, 0, 0, 2, 0, 0, 0, 0,
	    1, 1, 0, 0, 0, 3, 0, 0, 0, 0 };
	static const char arg[] = "\x01" "512@0xfeb00000:5:1";
	static const uint8_t aml[] = "\x00\x5b\x82\x30VR00\x08_HID\x0dLNRO0005"
	    "\x00\x08_CRS\x11\x1a\x0a\x17\x86\x09\x00\x01\x00\x00\xb0\xfe\x00"
	    "\x02\x00\x00\x89\x06\x00\x0b\x01\x05\x00\x00\x00\x79\x00";
	const char *dir = getenv("FUZZ_SEED_DIR");

	(void)argc, (void)argv;
	if (dir == NULL)
		return 0;
	fuzz_write_seed(dir, "vq", vq, sizeof(vq));
	fuzz_write_seed(dir, "arg", arg, sizeof(arg) - 1);
	fuzz_write_seed(dir, "aml", aml, sizeof(aml) - 1);
	return 0;
}
