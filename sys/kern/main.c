/*
 * The machine-independent boot sequence, from a copied start_info to the
 * boot report, the tests and shutdown.
 *
 *   command line -> hypervisor identification -> memory map checks ->
 *   boot allocator -> backends attach -> clock choice -> END OF BOOT ->
 *   report -> tests -> shutdown
 *
 * The end-of-boot timestamp is taken before anything large is printed:
 * under a hypervisor every console byte is a VM exit.
 */
#include <sys/bootalloc.h>
#include <sys/bootinfo.h>
#include <sys/clock.h>
#include <sys/cmdline.h>
#include <sys/cons.h>
#include <sys/report.h>
#include <sys/shutdown.h>
#include <sys/systm.h>
#include <sys/test.h>
#include <sys/tslog.h>

#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>

struct boot_options boot_options;
uint64_t boot_end_tsc;

static void
cmdline_warn(const char *msg)
{
	printf("cmdline: %s\n", msg);
}

static void
print_bootinfo(const struct bootinfo *bi)
{
	unsigned i;

	aprint_normal("genpvh: start_info v%u at %#llx: %u memory map "
	    "entries%s, %u modules, command line %zu bytes\n", bi->version,
	    (unsigned long long)bi->start_info_pa, bi->nmemmap,
	    (bi->flags & BI_F_MEMMAP_FROM_HV) ? " (from the hypervisor)" : "",
	    bi->nmodules, bi->cmdline_len);
	for (i = 0; i < bi->nmemmap; i++)
		aprint_normal("  mem 0x%012llx-0x%012llx %s\n",
		    (unsigned long long)bi->memmap[i].base,
		    (unsigned long long)(bi->memmap[i].base +
		    bi->memmap[i].size), bi_mem_type_name(bi->memmap[i].type));
	for (i = 0; i < bi->nmodules; i++)
		aprint_normal("  module %u at %#llx, %llu bytes \"%s\"\n", i,
		    (unsigned long long)bi->modules[i].base,
		    (unsigned long long)bi->modules[i].size,
		    bi->modules[i].cmdline);
}

static void
report_common(uint64_t boot_tsc)
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
	report_add("si", "v%u", bootinfo.version);
	report_add("mem_kib", "%llu",
	    (unsigned long long)(bootinfo.ram_bytes >> 10));
	report_add("modules", "%u", bootinfo.nmodules);
	report_add("cmdline_len", "%zu", bootinfo.cmdline_len);
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
}

void
kernel_main(void)
{
	static const enum shutdown_how how[] = {
		[RUN_SUCCESS] = SHUTDOWN_SUCCESS,
		[RUN_SKIP] = SHUTDOWN_SKIP,
		[RUN_ERROR] = SHUTDOWN_FAILURE,
		[RUN_FAILURE] = SHUTDOWN_FAILURE,
	};
	struct bi_kernel k;
	struct bi_status st;
	uint64_t boot_end;
	enum run_result r;

	TSENTER2("kernel_main");	/* the boot part of it: until boot_end */
	TSENTER2("cmdline_parse");
	cmdline_parse(bootinfo.cmdline, &boot_options, cmdline_warn);
	TSEXIT2("cmdline_parse");
	pvbus_print();
	if (bootinfo.nmemmap == 0) {
		TSENTER2("pvbus_memmap");
		(void)pvbus_memmap(&bootinfo);	/* else: refused below */
		TSEXIT2("pvbus_memmap");
	}
	print_bootinfo(&bootinfo);

	TSENTER2("bootinfo_validate");
	machdep_kernel_extent(&k);
	if (bootinfo_validate(&bootinfo, &k, &st) != 0)
		panic("bootinfo: %s", st.msg);
	bootalloc_init(&bootinfo, &k);
	TSEXIT2("bootinfo_validate");

	TSENTER2("pvbus_attach");
	pvbus_attach();
	TSEXIT2("pvbus_attach");
	TSENTER2("clock_select");
	clock_select();
	TSEXIT2("clock_select");
	boot_end = rdtsc_ordered();
	boot_end_tsc = boot_end;
	tslog_at(boot_end, TS_EXIT, "kernel_main", NULL);
	tslog_at(boot_end, TS_EXIT, "boot", NULL);
	/* Only on request: a normal boot pays no extra exit. */
	if (boot_options.exitmark)
		cpuid_exitmark();

	clock_calibrate_late();
	report_common(boot_end - boot_entry_tsc);
	report_print();
	if (boot_options.tslog)
		tslog_dump();
	r = test_run(boot_options.tests, boot_options.tests_len);
	machine_shutdown(how[r]);
}
