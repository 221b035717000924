/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC-32 against zlib's check values.
 */
/* sources: sys/lib/crc32.c */
#include <stdint.h>

#include <lib/libkern.h>

#include "tap.h"

int
main(void)
{
	static unsigned char big[100000];
	uint32_t whole, parts;
	unsigned i;

	is_int(crc32_update(0, "", 0), 0, "empty");
	is_int(crc32_update(0, "123456789", 9), 0xcbf43926, "check value");
	is_int(crc32_update(0, "The quick brown fox jumps over the lazy dog",
	    43), 0x414fa339, "fox");
	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7 + (i >> 8));
	whole = crc32_update(0, big, sizeof(big));
	parts = crc32_update(crc32_update(0, big, 12345), big + 12345,
	    sizeof(big) - 12345);
	is_int(parts, whole, "chained equals whole");
	return done_testing();
}
