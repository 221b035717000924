/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What xenbus reads from xenstore, parsed strictly (see xenbus.h).
 * Pure: tests/unit/t_xenbus_parse.c.
 */
#include <arch/xen/xenbus.h>

int
xenbus_parse_u64(const char *s, uint64_t *v)
{
	uint64_t n = 0;
	unsigned d;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		d = (unsigned)(*s - '0');
		if (n > (UINT64_MAX - d) / 10)
			return -1;
		n = n * 10 + d;
	}
	*v = n;
	return 0;
}

unsigned
xenbus_parse_ids(const char *list, size_t len, uint32_t *ids, unsigned max,
    unsigned *bad)
{
	const char *p = list, *end = list + len;
	unsigned n = 0, i;
	uint64_t v;
	uint32_t t;
	size_t l;

	*bad = 0;
	while (p < end && *p != '\0') {
		/* A name not terminated inside the reply ends the list. */
		for (l = 0; p + l < end && p[l] != '\0'; l++)
			;
		if (p + l == end) {
			(*bad)++;
			break;
		}
		if (xenbus_parse_u64(p, &v) != 0 || v > UINT32_MAX || n == max)
			(*bad)++;
		else
			ids[n++] = (uint32_t)v;
		p += l + 1;
	}
	/* Insertion sort: a handful of devices. */
	for (i = 1; i < n; i++) {
		t = ids[i];
		for (l = i; l > 0 && ids[l - 1] > t; l--)
			ids[l] = ids[l - 1];
		ids[l] = t;
	}
	return n;
}

const char *
xenbus_state_name(uint64_t state)
{
	static const char *const names[] = {
		[XenbusStateUnknown] = "Unknown",
		[XenbusStateInitialising] = "Initialising",
		[XenbusStateInitWait] = "InitWait",
		[XenbusStateInitialised] = "Initialised",
		[XenbusStateConnected] = "Connected",
		[XenbusStateClosing] = "Closing",
		[XenbusStateClosed] = "Closed",
		[XenbusStateReconfiguring] = "Reconfiguring",
		[XenbusStateReconfigured] = "Reconfigured",
	};

	if (state >= sizeof(names) / sizeof(names[0]))
		return "invalid";
	return names[state];
}
