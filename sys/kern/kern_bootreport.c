/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The common keys of the boot report, in the order README's table gives
 * them; backends have added theirs while they attached.
 */
#include <sys/bootinfo.h>
#include <sys/clock.h>
#include <sys/cons.h>
#include <sys/report.h>
#include <sys/systm.h>

#include <dev/pv/pvbus.h>

/*
 * wallclock= (ISO 8601 UTC) and wallclock_src=, added last: after every
 * backend's key, at the end of the line.  The reading is kept for the
 * `wallclock` test.
 */
static void
report_wallclock(void)
{
	char iso[32];
	uint64_t sec;
	uint32_t nsec;

	if (!wallclock_read(&sec, &nsec)) {
		report_add("wallclock", "none");
		report_add("wallclock_src", "%s", wallclock_name());
		return;
	}
	wallclock_set_boot(sec);
	(void)fmt_iso8601(iso, sizeof(iso), (int64_t)sec);
	report_add("wallclock", "%s", iso);
	report_add("wallclock_src", "%s", wallclock_name());
}

void
report_add_common(const struct bootinfo *bi, uint64_t boot_tsc)
{
	const struct pvbus_hv *list, *p;
	char buf[64];
	size_t len = 0;
	unsigned i, n;
	uint64_t us;

	p = pvbus_primary();
	report_add("hv", "%s", p != NULL ? p->name : "none");
	n = pvbus_list(&list);
	buf[0] = '\0';
	for (i = 0; i < n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i > 0 ? "," : "", list[i].name);
	report_add("hvs", "%s", n > 0 ? buf : "none");
	report_add("si", "v%u", bi->version);
	report_add("mem_kib", "%llu",
	    (unsigned long long)(bootinfo_ram_usable(bi) >> 10));
	report_add("modules", "%u", bi->nmodules);
	report_add("cmdline_len", "%zu", bi->cmdline_len);
	cons_names(buf, sizeof(buf));
	report_add("console", "%s", buf);
	report_add("clock", "%s", clock_name());
	report_add("tsc_khz", "%llu", (unsigned long long)tsc_khz());
	report_add("tsc_src", "%s", tsc_source());
	report_add("boot_tsc", "%llu", (unsigned long long)boot_tsc);
	us = tsc_to_us(boot_tsc);
	if (us != UINT64_MAX)
		report_add("boot_us", "%llu", (unsigned long long)us);
	else
		report_add("boot_us", "unknown");
	report_wallclock();
}
