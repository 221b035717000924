/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC-32 as zlib computes it (reflected polynomial 0xedb88320, initial
 * and final inversion), so a harness can compare with Python's
 * zlib.crc32().  The byte table is built on first use into .bss rather
 * than stored: 1 KiB less image, and only test=modules needs it.
 */
#include <lib/libkern.h>

static uint32_t crc32_table[256];

static void
crc32_init(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1)));
		crc32_table[i] = c;
	}
}

uint32_t
crc32_update(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	if (crc32_table[1] == 0)
		crc32_init();
	crc = ~crc;
	while (len-- > 0)
		crc = crc32_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}
