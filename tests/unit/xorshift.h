/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xorshift64*: a fixed-seed pseudo-random sequence for host tests, so
 * that a failure found with random inputs is the same on every run.
 */
#ifndef _TESTS_UNIT_XORSHIFT_H_
#define _TESTS_UNIT_XORSHIFT_H_

#include <stdint.h>

static inline uint64_t
rnd(void)
{
	static uint64_t s = 0x9e3779b97f4a7c15ULL;

	s ^= s >> 12;
	s ^= s << 25;
	s ^= s >> 27;
	return s * 0x2545f4914f6cdd1dULL;
}

#endif /* !_TESTS_UNIT_XORSHIFT_H_ */
