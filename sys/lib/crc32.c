/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC-32 as zlib computes it (reflected polynomial 0xedb88320, initial
 * and final inversion), so a harness can compare with Python's
 * zlib.crc32().  Four bits at a time from a 16-entry constant table:
 * 64 bytes of read-only data instead of a 1 KiB byte table, which in
 * .bss cost a page touch (a VM exit) on every boot when locore zeroes
 * it, and only test=modules needs it.
 */
#include <lib/libkern.h>

/* crc32_nibble[i]: i run through 4 rounds of the reflected polynomial. */
static const uint32_t crc32_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t
crc32_update(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	crc = ~crc;
	while (len-- > 0) {
		crc ^= *p++;
		crc = (crc >> 4) ^ crc32_nibble[crc & 0xf];
		crc = (crc >> 4) ^ crc32_nibble[crc & 0xf];
	}
	return ~crc;
}
