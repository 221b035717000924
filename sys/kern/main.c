/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The machine-independent boot sequence, from the boot_args the
 * machine-dependent entry filled to the boot report, the tests and
 * shutdown.
 *
 *   command line -> hypervisor identification -> memory map checks ->
 *   boot allocator -> backends attach -> clock choice -> END OF BOOT ->
 *   report -> tests -> shutdown
 *
 * The end-of-boot timestamp is taken before anything large is printed:
 * under a hypervisor every console byte is a VM exit.
 */
#include <sys/boot.h>
#include <sys/bootalloc.h>
#include <sys/bootinfo.h>
#include <sys/bootopt.h>
#include <sys/clock.h>
#include <sys/cmdline.h>
#include <sys/cons.h>
#include <sys/report.h>
#include <sys/shutdown.h>
#include <sys/systm.h>
#include <sys/test.h>
#include <sys/tslog.h>

#include <dev/pv/pvbus.h>
#include <kern/kern_md.h>

struct boot_options boot_options;
const struct boot_args *bootargs;
static uint64_t boot_end_tsc;		/* 0 until the end of boot */

/* The message quotes the command line: escaped, as all loader strings. */
static void
cmdline_warn(const char *msg)
{
	char esc[512];

	fmt_escape(esc, sizeof(esc), msg, SIZE_MAX);
	printf("cmdline: %s\n", esc);
}

uint64_t
boot_elapsed_us(void)
{
	if (bootargs == NULL || boot_end_tsc == 0)
		return UINT64_MAX;
	return tsc_to_us(boot_end_tsc - bootargs->entry_tsc);
}

void
kernel_main(const struct boot_args *ba)
{
	static const enum shutdown_how how[] = {
		[RUN_SUCCESS] = SHUTDOWN_SUCCESS,
		[RUN_SKIP] = SHUTDOWN_SKIP,
		[RUN_ERROR] = SHUTDOWN_FAILURE,
		[RUN_FAILURE] = SHUTDOWN_FAILURE,
	};
	struct bootinfo *bi = ba->bi;
	struct bi_status st;
	uint64_t boot_end;
	enum run_result r;

	bootargs = ba;
	TSENTER2("kernel_main");	/* the boot part of it: until boot_end */
	TSENTER2("cmdline_parse");
	cmdline_parse(bi->cmdline, &boot_options, cmdline_warn);
	TSEXIT2("cmdline_parse");
	cons_select(boot_options.console, boot_options.nconsole);
	pvbus_print();
	if (bi->nmemmap == 0) {
		TSENTER2("pvbus_memmap");
		(void)pvbus_memmap(bi);		/* else: refused below */
		TSEXIT2("pvbus_memmap");
	}
	bootinfo_print(bi);

	TSENTER2("bootinfo_validate");
	if (bootinfo_validate(bi, &ba->kernel, &st) != 0)
		panic("bootinfo: %s", st.msg);
	bootalloc_init(bi, &ba->kernel);
	TSEXIT2("bootinfo_validate");

	TSENTER2("pvbus_attach");
	pvbus_attach();
	TSEXIT2("pvbus_attach");
	/* Every console is known: held output goes out now. */
	cons_settle();
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

	(void)cons_check_selected();
	clock_calibrate_late();
	pvbus_late();
	/* APs after the stamp, so one CPU boots as fast as before (ap_us). */
	cpu_start_secondary();
	report_add_common(bi, boot_end - ba->entry_tsc);
	report_print();
	if (boot_options.tslog)
		tslog_dump();
	r = test_run(boot_options.tests, boot_options.tests_len);
	kern_shutdown(how[r]);
}
