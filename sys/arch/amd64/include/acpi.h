/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The little ACPI the kernel needs: find the FADT for S5 power-off and the
 * PM timer.  Tables come from firmware and are untrusted: lengths and
 * checksums are checked and every access stays inside the direct map.
 * Layouts: ACPI 6.4, sections 5.2.5 (RSDP), 5.2.7/8 (RSDT/XSDT), 5.2.9
 * (FADT), 5.2.3.2 (Generic Address Structure).
 */
#ifndef _MACHINE_ACPI_H_
#define _MACHINE_ACPI_H_

#include <stdbool.h>
#include <stdint.h>

#include <sys/pmap.h>

struct shutdown_method;

struct acpi_gas {		/* Generic Address Structure, as we use it */
	uint8_t		space;	/* 0 memory, 1 I/O port */
	uint8_t		width;	/* register bit width */
	uint64_t	addr;
};
#define ACPI_GAS_MEMORY	0
#define ACPI_GAS_IO	1

struct acpi_info {
	bool		found;		/* a valid RSDP and FADT */
	uint64_t	rsdp_pa;
	bool		hw_reduced;	/* FADT flag HW_REDUCED_ACPI */
	struct acpi_gas	pm1a_cnt;	/* S5 on legacy hardware */
	struct acpi_gas	sleep_cnt;	/* S5 on hardware-reduced ACPI */
	struct acpi_gas	pm_tmr;		/* 3.579545 MHz counter, 24 or 32 bit */
	bool		pm_tmr_32bit;
	int		s5_slp_typ;	/* from the DSDT's \_S5, -1 if not found */
	uint64_t	aml_pa;		/* the checksummed DSDT's AML, or 0 */
	uint32_t	aml_len;
};

#define ACPI_PM_TIMER_HZ 3579545

/* acpi_tables.c: pure parser (host-tested); -1 if no usable FADT. */
int	acpi_parse(phys_read_t rd, uint64_t rsdp_hint, struct acpi_info *ai);

/*
 * The values that enter S5 (acpi_tables.c, pure): PM1 control from its
 * current value (legacy), or the sleep control register's byte
 * (hardware-reduced).  SLP_TYP is masked to its 3 bits whatever slp_typ
 * holds, so that no reserved bit is ever written.
 */
uint16_t acpi_pm1_cnt_s5(uint16_t cur, int slp_typ);
uint8_t	acpi_sleep_ctl_s5(int slp_typ);

/*
 * The CPUs of the MADT (ACPI 6.5, 5.2.12): the enabled Local APIC and
 * Local x2APIC entries, in table order (the BSP first on every firmware
 * we know).  Disabled entries are not CPUs to start; the online-capable
 * ones among them (hot-pluggable) are only counted.
 */
#define ACPI_MADT_MAX_CPUS	64

struct acpi_madt_cpu {
	uint32_t	apic_id;	/* xAPIC or x2APIC ID */
	bool		x2apic;		/* from a Local x2APIC entry */
};

struct acpi_madt {
	bool		found;		/* a checksummed MADT */
	uint64_t	lapic_pa;	/* the table's local APIC address */
	unsigned	ncpus;		/* enabled, distinct, in cpu[] */
	unsigned	dropped;	/* enabled beyond ACPI_MADT_MAX_CPUS */
	unsigned	online_capable;	/* disabled but may be onlined */
	char		error[64];	/* the first defect, "" if none */
	struct acpi_madt_cpu cpu[ACPI_MADT_MAX_CPUS];
};

/*
 * acpi_tables.c, pure: 0, or -1 with no MADT (found false) or a
 * malformed one (error says why; cpu[] keeps the entries before the
 * defect, which the caller must not start).  A duplicate or broadcast
 * ID is skipped and noted in error, the table still taken.
 */
int	acpi_madt_parse(phys_read_t rd, uint64_t rsdp_hint,
	    struct acpi_madt *m);

/* Parse once; later calls return the cached result. */
const struct acpi_info *acpi_probe(void);
/* Write SLP_TYP(S5) | SLP_EN.  Returns only if that did not power off. */
void	acpi_poweroff(void);
/* acpi_poweroff() as a shutdown method (kern_shutdown.c). */
extern const struct shutdown_method acpi_s5_method;
/* The PM timer value, or -1 if there is none. */
int64_t	acpi_pm_timer_read(void);

#endif /* !_MACHINE_ACPI_H_ */
