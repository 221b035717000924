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

#include <machine/cpu.h>
#include <machine/pte.h>
#include <machine/trap.h>

extern char __kernel_start[], _end[];
extern const struct cons_sink debugcon_sink, com_sink;

struct bootinfo bootinfo;
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
	struct bi_status st;

	boot_entry_tsc = locore_entry_tsc;
	trap_init();
	/* Probed lazily, on the first byte printed. */
	cons_register(&debugcon_sink);
	cons_register(&com_sink);
	cpu_identify();

	if (pvh_start_info_parse(locore_start_info_pa, pmap_phys_read,
	    &bootinfo, &st) != 0)
		panic("bootinfo: %s", st.msg);
	kernel_main();
}
