/*
 * The boot report line, collected key by key.  Keys may come in any
 * order (backends add theirs as they attach, before main.c adds the
 * common ones); the line always starts with the common keys in a fixed
 * order, then the backends' keys in the order they came.
 */
#include <sys/report.h>

#define REPORT_MAX_KEYS	32

static const char *const report_order[] = {
	"hv", "hvs", "si", "mem_kib", "modules", "cmdline_len", "console",
	"clock", "tsc_khz", "tsc_src", "boot_tsc", "boot_us",
};

static struct {
	const char	*key;		/* a string literal: kept as is */
	size_t		off;		/* of the value in report_vals */
} report_keys[REPORT_MAX_KEYS];
static unsigned report_nkeys;
static char report_vals[640];
static size_t report_len;

void
report_add(const char *key, const char *fmt, ...)
{
	size_t room = sizeof(report_vals) - report_len, i;
	char *v = report_vals + report_len;
	va_list ap;
	int n;

	if (report_nkeys == REPORT_MAX_KEYS || room == 0)
		return;
	va_start(ap, fmt);
	n = fmt_vsnprintf(v, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room)
		return;			/* dropped rather than truncated */
	for (i = 0; i < (size_t)n; i++)
		if (v[i] == ' ')
			v[i] = '_';
	report_keys[report_nkeys].key = key;
	report_keys[report_nkeys].off = report_len;
	report_nkeys++;
	report_len += (size_t)n + 1;
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

/* One printf, so that a batching console gets the line in one piece. */
void
report_print(void)
{
	static char line[sizeof(report_vals) + REPORT_MAX_KEYS * 18];
	size_t len = 0;
	unsigned i, k;

	for (i = 0; i < nitems(report_order); i++)
		for (k = 0; k < report_nkeys; k++)
			if (strcmp(report_keys[k].key, report_order[i]) == 0)
				len = append(line, len, sizeof(line), k);
	for (k = 0; k < report_nkeys; k++)
		if (!is_common(report_keys[k].key))
			len = append(line, len, sizeof(line), k);
	printf("report:%s\n", line);
}
