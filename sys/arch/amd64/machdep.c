/*
 * Machine-dependent start of the kernel: called by locore.S in long mode
 * with interrupts off and nothing else set up.
 *
 * Order matters: the IDT first, so that any fault is reported; then the
 * loader's start_info is copied into struct bootinfo before anything else
 * touches memory; then machine-independent code takes over (main.c).
 */
#include <sys/bootinfo.h>
#include <sys/cons.h>
#include <sys/pmap.h>
#include <sys/systm.h>
#include <sys/tslog.h>

#include <dev/pv/pvbus.h>
#include <machine/cpu.h>
#include <machine/cpufunc.h>
#include <machine/pte.h>
#include <machine/trap.h>

extern char __kernel_start[], _end[];
extern const struct cons_sink debugcon_sink, com_sink;

struct bootinfo bootinfo __noinit;	/* bootinfo_reset() by the parser */
uint64_t boot_entry_tsc;

/* Free RAM the kernel wants beyond its image: a few pages for backends. */
#define KERNEL_MIN_FREE	(64 * 1024)

void
machdep_kernel_extent(struct bi_kernel *k)
{
	k->start = (uint64_t)(uintptr_t)__kernel_start;
	k->end = (uint64_t)(uintptr_t)_end;
	k->min_free = KERNEL_MIN_FREE;
	k->map_end = DIRECT_MAP_END;
}

__dead void init_amd64(void);

void
init_amd64(void)
{
	uint64_t first_c = rdtsc();
	struct bi_status st;

	/*
	 * The trace starts at the PVH entry (locore.S took the TSC there);
	 * the locore phase ends at the first C instruction.
	 */
	boot_entry_tsc = locore_entry_tsc;
	tslog_at(boot_entry_tsc, TS_ENTER, "boot", NULL);
	tslog_at(boot_entry_tsc, TS_ENTER, "locore", NULL);
	tslog_at(first_c, TS_EXIT, "locore", NULL);
	TSENTER();
	trap_init();
	/* Probed lazily, on the first byte printed. */
	cons_register(&debugcon_sink);
	cons_register(&com_sink);
	cpu_identify();
	/*
	 * The hypervisor's way out before anything can fail: on Xen a panic
	 * must end in SCHEDOP_shutdown(crash), since a halted domU reads as
	 * a clean poweroff.  A bad start_info then ends as a crashed domain,
	 * with its one-line reason on the PV console.
	 */
	TSENTER2("pvbus_identify");
	pvbus_identify();
	TSEXIT2("pvbus_identify");
	TSENTER2("pvbus_early");
	pvbus_early();
	TSEXIT2("pvbus_early");

	TSENTER2("pvh_start_info_parse");
	if (pvh_start_info_parse(locore_start_info_pa, pmap_phys_read,
	    &bootinfo, &st) != 0)
		panic("bootinfo: %s", st.msg);
	TSEXIT2("pvh_start_info_parse");
	TSEXIT();
	kernel_main();
}
