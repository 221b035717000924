/*
 * The boot report line, collected key by key.
 */
#include <sys/report.h>

static char report_buf[768];
static size_t report_len;

void
report_add(const char *key, const char *fmt, ...)
{
	size_t start, i, room = sizeof(report_buf) - report_len;
	va_list ap;
	int n;

	n = fmt_snprintf(report_buf + report_len, room, " %s=", key);
	if (n < 0 || (size_t)n >= room)
		return;
	start = report_len + (size_t)n;
	va_start(ap, fmt);
	n = fmt_vsnprintf(report_buf + start, sizeof(report_buf) - start,
	    fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(report_buf) - start) {
		report_buf[report_len] = '\0';	/* drop a truncated pair */
		return;
	}
	for (i = start; i < start + (size_t)n; i++)
		if (report_buf[i] == ' ')
			report_buf[i] = '_';
	report_len = start + (size_t)n;
}

void
report_print(void)
{
	printf("report:%s\n", report_buf);
}
