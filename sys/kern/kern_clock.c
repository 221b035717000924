/*
 * Clock and TSC-frequency selection.
 */
#include <sys/clock.h>
#include <sys/systm.h>

#include <dev/pv/pvbus.h>
#include <kern/kern_md.h>

static uint64_t clk_tsc_khz;
static const char *clk_tsc_src = "none";
static int clk_tsc_rank = TSC_RANK_NONE;
static const struct clocksource *clk_source;

void
tsc_freq_offer(uint64_t khz, const char *src, int rank)
{
	if (khz == 0 || rank >= clk_tsc_rank)
		return;
	clk_tsc_khz = khz;
	clk_tsc_src = src;
	clk_tsc_rank = rank;
}

void
clock_register(const struct clocksource *cs)
{
	clk_source = cs;
}

/*
 * CPUID 0x40000010 (the "VMware" timing leaf, also offered by KVM with
 * vmware-cpuid-freq): only in a block whose max leaf reaches it, and only
 * if the value is not zero.  No cpuid exit is spent unless it exists.
 */
static void
clock_try_hv_leaf(void)
{
	const struct pvbus_hv *list;
	uint32_t r[4];
	unsigned n;

	n = pvbus_list(&list);
	if (n == 0 || list[0].base != PVBUS_LEAF_FIRST ||
	    list[0].max_leaf < 0x40000010)
		return;
	cpuid(0x40000010, r);
	tsc_freq_offer(r[0], "cpuid-40000010", TSC_RANK_HV_LEAF);
}

void
clock_select(void)
{
	const char *src = NULL;
	uint64_t khz;

	if (clk_tsc_rank > TSC_RANK_HV_LEAF)
		clock_try_hv_leaf();
	if (clk_tsc_rank > TSC_RANK_CPUID &&
	    (khz = cpu_tsc_khz_cpuid(&src)) != 0)
		tsc_freq_offer(khz, src, TSC_RANK_CPUID);
}

void
clock_calibrate_late(void)
{
	if (clk_tsc_rank != TSC_RANK_NONE)
		return;
	tsc_freq_offer(tsc_calibrate_pmtimer(), "acpi-pmtimer",
	    TSC_RANK_CALIBRATED);
}

uint64_t
tsc_khz(void)
{
	return clk_tsc_khz;
}

const char *
tsc_source(void)
{
	return clk_tsc_src;
}

const char *
clock_name(void)
{
	return clk_source != NULL ? clk_source->name : "tsc";
}

uint64_t
tsc_to_us(uint64_t ticks)
{
	if (clk_tsc_khz == 0)
		return UINT64_MAX;
	return muldiv64(ticks, 1000, clk_tsc_khz);
}

uint64_t
clock_ns(void)
{
	if (clk_source != NULL)
		return clk_source->read_ns();
	if (clk_tsc_khz == 0)
		return 0;
	return muldiv64(rdtsc(), 1000000, clk_tsc_khz);
}
