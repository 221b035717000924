/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot report line, collected key by key.  Keys may come in any
 * order (backends add theirs as they attach, before main.c adds the
 * common ones); the line always starts with the common keys in a fixed
 * order, then the backends' keys in the order they came.
 */
#include <sys/report.h>

#define REPORT_MAX_KEYS	32
#define REPORT_VALUE_MAX 160	/* one value, before escaping */

static const char *const report_order[] = {
	"hv", "hvs", "si", "mem_kib", "modules", "cmdline_len", "console",
	"clock", "tsc_khz", "tsc_src", "boot_tsc", "boot_us",
};

static struct {
	const char	*key;		/* a string literal: kept as is */
	size_t		off;		/* of the value in report_vals */
} report_keys[REPORT_MAX_KEYS] __noinit;	/* [0, report_nkeys) written */
static unsigned report_nkeys;
static char report_vals[640] __noinit;	/* [0, report_len) written */
static size_t report_len;

/*
 * Values may come from the hypervisor (xenstore's domain name): escaped
 * (fmt_escape()) so that none can end the line and forge another.
 */
void
report_add(const char *key, const char *fmt, ...)
{
	size_t room = sizeof(report_vals) - report_len, i, n;
	char *v = report_vals + report_len;
	char raw[REPORT_VALUE_MAX];
	va_list ap;
	int rn;

	if (report_nkeys == REPORT_MAX_KEYS || room == 0)
		return;
	va_start(ap, fmt);
	rn = fmt_vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	if (rn < 0 || (size_t)rn >= sizeof(raw) ||
	    (n = fmt_escape(v, room, raw, (size_t)rn)) >= room)
		return;			/* dropped rather than truncated */
	for (i = 0; i < n; i++)
		if (v[i] == ' ')
			v[i] = '_';
	report_keys[report_nkeys].key = key;
	report_keys[report_nkeys].off = report_len;
	report_nkeys++;
	report_len += n + 1;
}

static bool
is_common(const char *key)
{
	unsigned i;

	for (i = 0; i < nitems(report_order); i++)
		if (strcmp(report_order[i], key) == 0)
			return true;
	return false;
}

/* Append " key=value" to the line being built. */
static size_t
append(char *line, size_t len, size_t size, unsigned k)
{
	int n;

	if (len >= size)
		return len;
	n = fmt_snprintf(line + len, size - len, " %s=%s", report_keys[k].key,
	    report_vals + report_keys[k].off);
	return n < 0 ? len : len + (size_t)n;
}

size_t
report_format(char *line, size_t size)
{
	size_t len = 0;
	unsigned i, k;

	if (size > 0)
		line[0] = '\0';
	for (i = 0; i < nitems(report_order); i++)
		for (k = 0; k < report_nkeys; k++)
			if (strcmp(report_keys[k].key, report_order[i]) == 0)
				len = append(line, len, size, k);
	for (k = 0; k < report_nkeys; k++)
		if (!is_common(report_keys[k].key))
			len = append(line, len, size, k);
	return len;
}

/* One printf, so that a batching console gets the line in one piece. */
void
report_print(void)
{
	/* Filled by report_format() before it is read. */
	static char line[sizeof(report_vals) + REPORT_MAX_KEYS * 18] __noinit;

	(void)report_format(line, sizeof(line));
	printf("report:%s\n", line);
}
