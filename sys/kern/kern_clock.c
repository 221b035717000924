/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Clock and TSC-frequency selection.  Backends offer (tsc_freq_offer(),
 * clock_register()), each with a rank; this file only ranks the offers
 * and reads the winner.  It knows no hypervisor.
 */
#include <sys/clock.h>
#include <sys/systm.h>

#include <kern/kern_md.h>

static uint64_t clk_tsc_khz;
static const char *clk_tsc_src = "none";
static int clk_tsc_rank = TSC_RANK_NONE;
static const struct clocksource *clk_source;

/* clock_ns()'s monotonic state: see clock_mono_step(). */
static uint64_t clk_last_ns;
static uint64_t clk_clamped, clk_failed;
static uint64_t clk_offset_ns;		/* added to the source: clock_resume() */

void
tsc_freq_offer(uint64_t khz, const char *src, int rank)
{
	if (khz == 0 || rank >= clk_tsc_rank)
		return;
	clk_tsc_khz = khz;
	clk_tsc_src = src;
	clk_tsc_rank = rank;
}

/*
 * Ranked as the TSC rates are.  Backends register while they attach,
 * before anything reads the time: the winner's epoch is the only one
 * clock_ns() ever gives out.
 */
void
clock_register(const struct clocksource *cs)
{
	if (cs->rank >= (clk_source != NULL ? clk_source->rank :
	    CLOCK_RANK_NONE))
		return;
	clk_source = cs;
}

void
clock_select(void)
{
	const char *src = NULL;
	uint64_t khz;

	/* CPUID 0x15/0x16 cost an exit each: only if nothing better. */
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

static bool
clock_read_source(uint64_t *ns)
{
	bool ok;

	*ns = 0;
	if (clk_source != NULL)
		ok = clk_source->read_ns(ns);
	else if ((ok = clk_tsc_khz != 0))
		*ns = muldiv64(rdtsc_ordered(), 1000000, clk_tsc_khz);
	*ns += clk_offset_ns;
	return ok;
}

uint64_t
clock_ns(void)
{
	uint64_t ns;
	bool ok;

	ok = clock_read_source(&ns);
	return clock_mono_step(&clk_last_ns, ok, ns, &clk_clamped,
	    &clk_failed);
}

int64_t
clock_resume(void)
{
	uint64_t ns, last = clk_last_ns;

	if (!clock_read_source(&ns))
		return 0;
	if (ns < last) {
		clk_offset_ns += last - ns;
		return -(int64_t)(last - ns);
	}
	return (int64_t)(ns - last);
}

void
tsc_freq_reset(void)
{
	clk_tsc_khz = 0;
	clk_tsc_src = "none";
	clk_tsc_rank = TSC_RANK_NONE;
}

uint64_t
clock_clamped(void)
{
	return clk_clamped;
}

uint64_t
clock_failed(void)
{
	return clk_failed;
}
