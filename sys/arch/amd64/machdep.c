/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Machine-dependent start of the kernel: called by locore.S in long mode
 * with interrupts off and nothing else set up.
 *
 * Order matters: the ways out and the consoles are registered first (a
 * table entry each, no I/O), so that a panic from the next instruction
 * on ends the machine properly, on Xen too (the hypervisor method sets
 * its backend up on demand, see pvbus.c); then the IDT, so that any
 * fault is reported; then the loader's start_info is copied into struct
 * bootinfo before anything else touches memory; then one struct
 * boot_args goes to the machine-independent kernel (main.c).
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/cons.h>
#include <sys/pmap.h>
#include <sys/shutdown.h>
#include <sys/systm.h>
#include <sys/tslog.h>

#include <dev/pv/pvbus.h>
#include <kern/kern_md.h>
#include <machine/acpi.h>
#include <machine/cpu.h>
#include <machine/cpufunc.h>
#include <machine/pte.h>
#include <machine/rtc.h>
#include <machine/trap.h>

extern char __kernel_start[], _end[];
extern const struct cons_sink debugcon_sink, com_sink;
extern const struct shutdown_method debugexit_method;

/* bootinfo_reset() by the parser; kernel_main() gets a pointer to it. */
static struct bootinfo machdep_bootinfo __noinit;
static struct boot_args machdep_args;

/* Free RAM the kernel wants beyond its image: a few pages for backends. */
#define KERNEL_MIN_FREE	(64 * 1024)

void
cpu_halt(void)
{
	for (;;) {
		disable_intr();
		hlt();
	}
}

__dead void init_amd64(void);

void
init_amd64(void)
{
	uint64_t first_c = rdtsc();
	struct boot_args *ba = &machdep_args;
	struct bi_status st;

	/*
	 * The trace starts at the PVH entry (locore.S took the TSC there);
	 * the locore phase ends at the first C instruction.
	 */
	ba->entry_tsc = locore_entry_tsc;
	tslog_at(ba->entry_tsc, TS_ENTER, "boot", NULL);
	tslog_at(ba->entry_tsc, TS_ENTER, "locore", NULL);
	tslog_at(first_c, TS_EXIT, "locore", NULL);
	TSENTER();
	/* CPUID leaf 1 (no fault possible), which pvbus needs. */
	cpu_identify();
	shutdown_register(&pvbus_shutdown_method);
	shutdown_register(&debugexit_method);
	shutdown_register(&acpi_s5_method);
	/* Probed lazily, on the first byte printed. */
	cons_register(&debugcon_sink);
	cons_register(&com_sink);
	/* The wall clock of last resort; read only if no backend beats it. */
	rtc_init();
	trap_init();
	/*
	 * The hypervisor's way out before anything can fail: on Xen a panic
	 * must end in SCHEDOP_shutdown(crash), since a halted domU reads as
	 * a clean poweroff.  A bad start_info then ends as a crashed domain,
	 * with its one-line reason on the PV console.  (A panic before this
	 * point gets the same from pvbus_shutdown_method's prepare.)
	 */
	TSENTER2("pvbus_identify");
	pvbus_identify();
	TSEXIT2("pvbus_identify");
	TSENTER2("pvbus_early");
	pvbus_early();
	TSEXIT2("pvbus_early");

	TSENTER2("pvh_start_info_parse");
	if (pvh_start_info_parse(locore_start_info_pa, pmap_phys_read,
	    &machdep_bootinfo, &st) != 0)
		panic("bootinfo: %s", st.msg);
	TSEXIT2("pvh_start_info_parse");
	ba->bi = &machdep_bootinfo;
	ba->kernel.start = (uint64_t)(uintptr_t)__kernel_start;
	ba->kernel.end = (uint64_t)(uintptr_t)_end;
	ba->kernel.min_free = KERNEL_MIN_FREE;
	ba->kernel.map_end = DIRECT_MAP_END;
	TSEXIT();
	kernel_main(ba);
}
