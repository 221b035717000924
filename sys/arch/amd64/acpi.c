/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ACPI power-off (S5) and the PM timer, on top of acpi_tables.c.  Only
 * used when nothing cheaper is there: isa-debug-exit or a hypervisor
 * shutdown come first.
 */
#include <sys/boot.h>
#include <sys/bootopt.h>
#include <sys/pmap.h>
#include <sys/shutdown.h>
#include <sys/systm.h>

#include <machine/acpi.h>
#include <machine/cpufunc.h>

static struct acpi_info acpi_info;
static bool acpi_probed;

const struct acpi_info *
acpi_probe(void)
{
	if (!acpi_probed) {
		acpi_probed = true;
		/* Before kernel_main() (an early panic): no hint, search. */
		acpi_parse(pmap_phys_read, bootargs != NULL ?
		    bootargs->bi->rsdp_pa : 0, &acpi_info);
	}
	return &acpi_info;
}

static void
gas_write8(const struct acpi_gas *g, uint8_t v)
{
	volatile uint8_t *p;

	if (g->space == ACPI_GAS_IO && g->addr <= 0xffff)
		outb((uint16_t)g->addr, v);
	else if (g->space == ACPI_GAS_MEMORY &&
	    (p = pmap_phys_ptr(g->addr, 1)) != NULL)
		*p = v;
}

void
acpi_poweroff(void)
{
	const struct acpi_info *ai = acpi_probe();
	uint16_t v;

	if (!ai->found || ai->s5_slp_typ < 0)
		return;
	if (ai->hw_reduced) {
		if (ai->sleep_cnt.addr != 0)
			gas_write8(&ai->sleep_cnt,
			    acpi_sleep_ctl_s5(ai->s5_slp_typ));
		return;
	}
	if (ai->pm1a_cnt.space != ACPI_GAS_IO || ai->pm1a_cnt.addr == 0 ||
	    ai->pm1a_cnt.addr > 0xffff)
		return;
	v = inw((uint16_t)ai->pm1a_cnt.addr);
	outw((uint16_t)ai->pm1a_cnt.addr, acpi_pm1_cnt_s5(v, ai->s5_slp_typ));
}

static void
acpi_s5_shutdown(enum shutdown_how how)
{
	(void)how;			/* S5 carries no status */
	acpi_poweroff();
}

const struct shutdown_method acpi_s5_method = {
	.name = "acpi",
	.exit_method = EXIT_M_ACPI,
	.rank = SHUTDOWN_RANK_ACPI,
	.shutdown = acpi_s5_shutdown,
};

int64_t
acpi_pm_timer_read(void)
{
	const struct acpi_info *ai = acpi_probe();
	uint32_t v;

	if (!ai->found || ai->pm_tmr.space != ACPI_GAS_IO ||
	    ai->pm_tmr.addr == 0 || ai->pm_tmr.addr > 0xffff)
		return -1;
	v = inl((uint16_t)ai->pm_tmr.addr);
	return ai->pm_tmr_32bit ? v : (v & 0xffffff);
}
