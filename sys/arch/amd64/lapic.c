/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Local APIC: enable and EOI, xAPIC (MMIO) or x2APIC (MSR) as the
 * firmware or hypervisor left it.  A vector delivered through the LAPIC
 * (Xen's per-vCPU event upcall, say) is not delivered again until it is
 * acknowledged, and nothing is delivered while the APIC is
 * software-disabled, which it is at reset.
 */
#include <sys/pmap.h>
#include <sys/systm.h>

#include <machine/cpu.h>
#include <machine/cpufunc.h>
#include <machine/lapic.h>
#include <machine/pte.h>

#define CPUID1_EDX_APIC	0x200
#define CPUID_EXT_MAXLEAF	0x80000000	/* EAX: highest extended leaf */
#define CPUID_ADDR_SIZES	0x80000008	/* EAX[7:0]: MAXPHYADDR */
#define CPUID_MAXPHYADDR_MASK	0xff

static volatile uint32_t *lapic_mmio;
static bool lapic_msr_mode;
static bool lapic_enabled;	/* by lapic_enable(): registers reachable */

static uint32_t
lapic_read(unsigned reg)
{
	if (lapic_msr_mode)
		return (uint32_t)rdmsr(MSR_X2APIC_BASE + (reg >> 4));
	return lapic_mmio[reg / 4];
}

static void
lapic_write(unsigned reg, uint32_t v)
{
	if (lapic_msr_mode)
		wrmsr(MSR_X2APIC_BASE + (reg >> 4), v);
	else
		lapic_mmio[reg / 4] = v;
}

/* Two cpuid exits: only asked for a base with bits above 31 set. */
static unsigned
cpu_maxphyaddr(void)
{
	uint32_t r[4];

	cpuid(CPUID_EXT_MAXLEAF, r);
	if (r[0] < CPUID_ADDR_SIZES)
		return MAXPHYADDR_DEFAULT;
	cpuid(CPUID_ADDR_SIZES, r);
	return r[0] & CPUID_MAXPHYADDR_MASK;
}

int
lapic_enable(void)
{
	uint64_t base, pa;

	if (!(cpu_id1[3] & CPUID1_EDX_APIC))
		return -1;
	base = rdmsr(MSR_APICBASE);
	if (!(base & APICBASE_ENABLE))
		return -1;
	lapic_msr_mode = (base & APICBASE_X2APIC) != 0;
	if (!lapic_msr_mode) {
		/* Below 4 GiB every MAXPHYADDR gives the same address. */
		pa = lapic_base_pa(base, (base >> 32) != 0 ?
		    cpu_maxphyaddr() : MAXPHYADDR_MIN);
		if ((lapic_mmio = pmap_phys_ptr(pa, PAGE_SIZE)) == NULL) {
			printf("lapic: xAPIC at %#llx (IA32_APIC_BASE %#llx) "
			    "is outside the direct map: not used\n",
			    (unsigned long long)pa, (unsigned long long)base);
			return -1;
		}
	}
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	lapic_enabled = (lapic_read(LAPIC_SVR) & LAPIC_SVR_ENABLE) != 0;
	return lapic_enabled ? 0 : -1;
}

void
lapic_eoi(void)
{
	if (lapic_enabled)
		lapic_write(LAPIC_EOI, 0);
}

/* Fixed delivery, edge, to self (SDM vol. 3A, 11.6.1); no wait needed. */
void
lapic_ipi_self(uint8_t vector)
{
	if (lapic_enabled)
		lapic_write(LAPIC_ICR_LO, LAPIC_ICR_SELF | LAPIC_ICR_ASSERT |
		    vector);
}

uint32_t
lapic_id(void)
{
	if (lapic_msr_mode)
		return lapic_read(LAPIC_ID);
	return lapic_read(LAPIC_ID) >> LAPIC_XAPIC_ID_SHIFT;
}

bool
lapic_x2apic(void)
{
	return lapic_msr_mode;
}

/*
 * An AP leaves INIT with its APIC enabled in xAPIC mode (SDM vol. 3A,
 * 11.12.5): where the BSP runs in x2APIC mode, the AP follows, since the
 * register access mode is this file's, not each CPU's.
 */
int
lapic_init_ap(void)
{
	uint64_t base = rdmsr(MSR_APICBASE);

	if (!lapic_enabled || !(base & APICBASE_ENABLE))
		return -1;
	if (lapic_msr_mode && !(base & APICBASE_X2APIC))
		wrmsr(MSR_APICBASE, base | APICBASE_X2APIC);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	return 0;
}

/*
 * Physical destination, no shorthand (SDM vol. 3A, 11.6.1).  x2APIC:
 * one 64-bit write, destination in the high half.  xAPIC: destination
 * first (the low word's write sends), then wait until it is accepted.
 */
#define ICR_SPIN_MAX	1000000

void
lapic_ipi(uint32_t dest, uint32_t icr_lo)
{
	unsigned i;

	if (!lapic_enabled)
		return;
	if (lapic_msr_mode) {
		wrmsr(MSR_X2APIC_BASE + (LAPIC_ICR_LO >> 4),
		    (uint64_t)dest << 32 | icr_lo);
		return;
	}
	lapic_write(LAPIC_ICR_HI, dest << LAPIC_XAPIC_ID_SHIFT);
	lapic_write(LAPIC_ICR_LO, icr_lo);
	for (i = 0; i < ICR_SPIN_MAX &&
	    (lapic_read(LAPIC_ICR_LO) & LAPIC_ICR_PENDING); i++)
		cpu_pause();
}

bool
lapic_in_service(uint8_t vector)
{
	return lapic_enabled &&
	    ((lapic_read(LAPIC_ISR_REG(vector)) >> LAPIC_ISR_BIT(vector)) & 1);
}
