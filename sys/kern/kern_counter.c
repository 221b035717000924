/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The event counters (sys/counter.h), printed on one TAP diagnostic line.
 */
#include <sys/counter.h>
#include <sys/systm.h>

extern const struct counter *const __start_set_counters[];
extern const struct counter *const __stop_set_counters[];

void
counters_print(bool all)
{
	const struct counter *const *c;
	char line[160];
	size_t len = 0;
	bool nonzero = false;

	for (c = __start_set_counters; c < __stop_set_counters; c++) {
		nonzero |= *(*c)->value != 0;
		if (len < sizeof(line))
			len += (size_t)snprintf(line + len, sizeof(line) - len,
			    " %s=%llu", (*c)->name,
			    (unsigned long long)*(*c)->value);
	}
	if (len > 0 && (all || nonzero))
		printf("# counters:%s\n", line);
}

int
counter_read(const char *name, uint64_t *value)
{
	const struct counter *const *c;

	for (c = __start_set_counters; c < __stop_set_counters; c++) {
		if (strcmp((*c)->name, name) == 0) {
			*value = *(*c)->value;
			return 0;
		}
	}
	return -1;
}
