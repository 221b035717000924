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

#define CPUID1_EDX_APIC	0x200

static volatile uint32_t *lapic_mmio;
static bool lapic_msr_mode;

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

int
lapic_enable(void)
{
	uint64_t base;

	if (!(cpu_id1[3] & CPUID1_EDX_APIC))
		return -1;
	base = rdmsr(MSR_APICBASE);
	if (!(base & APICBASE_ENABLE))
		return -1;
	lapic_msr_mode = (base & APICBASE_X2APIC) != 0;
	if (!lapic_msr_mode &&
	    (lapic_mmio = pmap_phys_ptr(base & APICBASE_ADDR, 4096)) == NULL)
		return -1;
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	return (lapic_read(LAPIC_SVR) & LAPIC_SVR_ENABLE) ? 0 : -1;
}

void
lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}
