/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host tests that build ACPI tables: set the checksum byte at `at` so
 * that the len bytes of the table add up to zero (ACPI 6.5, 5.2.5.3 for
 * the RSDP, 5.2.6 for every other table).
 */
#ifndef _TESTS_UNIT_ACPI_SUM_H_
#define _TESTS_UNIT_ACPI_SUM_H_

#include <stddef.h>
#include <stdint.h>

static inline void
acpi_sum_fix(uint8_t *table, size_t len, size_t at)
{
	uint8_t s = 0;
	size_t i;

	table[at] = 0;
	for (i = 0; i < len; i++)
		s += table[i];
	table[at] = (uint8_t)-s;
}

#endif /* !_TESTS_UNIT_ACPI_SUM_H_ */
