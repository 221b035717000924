/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * I/O APIC routing for the few devices that interrupt (virtio-mmio).
 * The I/O APICs come from the ACPI MADT only; each is checked before
 * its first register is written: its address out of RAM and in the
 * direct map, and a version register that reads like an I/O APIC's
 * (a window of nothing reads all ones or zeros).  An I/O APIC that fails
 * a check is reported once and never touched again.
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <machine/acpi.h>
#include <machine/ioapic.h>
#include <machine/lapic.h>

struct ioapic {
	const struct acpi_madt_ioapic *madt;
	volatile uint32_t *regs;	/* NULL: failed its checks */
	unsigned	nredir;		/* redirection entries */
};

static struct acpi_madt ioapic_madt;
static struct ioapic ioapics[ACPI_MADT_MAX_IOAPICS];
static unsigned nioapics;
static bool ioapic_probed;

static uint32_t
ioapic_read(const struct ioapic *io, uint32_t reg)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	return io->regs[IOAPIC_WIN / 4];
}

static void
ioapic_write(const struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->regs[IOAPIC_REGSEL / 4] = reg;
	io->regs[IOAPIC_WIN / 4] = v;
}

static bool
in_ram(uint64_t pa, uint64_t size)
{
	const struct bootinfo *bi = bootargs->bi;
	unsigned i;

	for (i = 0; i < bi->nmemmap; i++)
		if (bi->memmap[i].type == BI_MEM_RAM &&
		    bi_ranges_overlap(pa, size, bi->memmap[i].base,
		    bi->memmap[i].size))
			return true;
	return false;
}

static void
ioapic_check(struct ioapic *io)
{
	uint64_t pa = io->madt->pa;
	uint32_t v, ver;

	if (in_ram(pa, IOAPIC_MMIO_SIZE)) {
		printf("ioapic: %#llx from the MADT is in RAM: not used\n",
		    (unsigned long long)pa);
		return;
	}
	if ((io->regs = pmap_phys_ptr(pa, IOAPIC_MMIO_SIZE)) == NULL) {
		printf("ioapic: %#llx is outside the direct map: not used\n",
		    (unsigned long long)pa);
		return;
	}
	v = ioapic_read(io, IOAPIC_REG_VER);
	ver = v & IOAPIC_VER_MASK;
	if (ver < IOAPIC_VER_MIN || ver > IOAPIC_VER_MAX) {
		printf("ioapic: %#llx answers version register %#x: not an "
		    "I/O APIC, not used\n", (unsigned long long)pa, v);
		io->regs = NULL;
		return;
	}
	io->nredir = ((v >> IOAPIC_VER_MAXREDIR_SHIFT) &
	    IOAPIC_VER_MAXREDIR_MASK) + 1;
	aprint_normal("ioapic%u at %#llx: id %u, version %#x, GSIs %u-%u\n",
	    (unsigned)(io - ioapics), (unsigned long long)pa, io->madt->id,
	    ver, io->madt->gsi_base, io->madt->gsi_base + io->nredir - 1);
}

static void
ioapic_probe(void)
{
	unsigned i;

	if (ioapic_probed)
		return;
	ioapic_probed = true;
	/* Only a well-formed MADT: its entries name addresses we write. */
	if (bootargs == NULL || acpi_madt_parse(pmap_phys_read,
	    bootargs->bi->rsdp_pa, &ioapic_madt) != 0)
		return;
	for (i = 0; i < ioapic_madt.nioapics; i++) {
		ioapics[i].madt = &ioapic_madt.ioapic[i];
		ioapic_check(&ioapics[i]);
	}
	nioapics = ioapic_madt.nioapics;
}

static struct ioapic *
ioapic_of(uint32_t gsi, unsigned *pin)
{
	unsigned i;

	for (i = 0; i < nioapics; i++)
		if (ioapics[i].regs != NULL &&
		    gsi >= ioapics[i].madt->gsi_base &&
		    gsi - ioapics[i].madt->gsi_base < ioapics[i].nredir) {
			*pin = gsi - ioapics[i].madt->gsi_base;
			return &ioapics[i];
		}
	return NULL;
}

/* High word first: the entry stays masked until the low word unmasks. */
static void
ioapic_set(const struct ioapic *io, unsigned pin, uint64_t e)
{
	ioapic_write(io, IOAPIC_REG_RTE(pin), IOAPIC_RTE_MASKED);
	ioapic_write(io, IOAPIC_REG_RTE(pin) + 1, (uint32_t)(e >> 32));
	ioapic_write(io, IOAPIC_REG_RTE(pin), (uint32_t)e);
}

int
ioapic_route(uint32_t irq, uint8_t vector, bool level, bool active_low,
    uint32_t *gsi, const char **why)
{
	struct ioapic *io;
	uint16_t flags;
	uint64_t e;
	unsigned pin;

	ioapic_probe();
	if (!ioapic_madt.found) {
		*why = "no ACPI MADT";
		return -1;
	}
	if (nioapics == 0) {
		*why = ioapic_madt.error[0] != '\0' ? "malformed MADT" :
		    "no I/O APIC in the MADT";
		return -1;
	}
	*gsi = acpi_madt_irq_gsi(&ioapic_madt, irq, &flags);
	if ((io = ioapic_of(*gsi, &pin)) == NULL) {
		*why = "no usable I/O APIC serves its GSI";
		return -1;
	}
	ioapic_mps_mode(flags, &level, &active_low);
	if (lapic_enable() != 0) {
		*why = "no usable local APIC";
		return -1;
	}
	e = ioapic_rte(vector, lapic_id(), level, active_low);
	if (e & IOAPIC_RTE_MASKED) {
		*why = "boot CPU's APIC ID above 255";
		return -1;
	}
#ifdef GENPVH_INJECT_VIRTIO_LOST_IRQ
	/* Fault injection (test builds only): no interrupt ever arrives. */
	e |= IOAPIC_RTE_MASKED;
#endif
	ioapic_set(io, pin, e);
	return 0;
}

void
ioapic_mask(uint32_t gsi)
{
	struct ioapic *io;
	unsigned pin;

	if ((io = ioapic_of(gsi, &pin)) != NULL)
		ioapic_write(io, IOAPIC_REG_RTE(pin), IOAPIC_RTE_MASKED);
}
