/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PM-timer interval behind the TSC calibration and kvmclock_tsc: a
 * fake PM timer driven by a fake TSC (so the true rate is known), with
 * reads that cost time and jitter, across the 24- and 32-bit wraps.  The
 * rate must come out within the method's own bound (half a read window
 * at each end) and, with reads as slow as TCG's, within 0.1 % over 1 ms;
 * a span where the clocks stopped agreeing inside a window is refused.
 */
/* sources: sys/arch/amd64/pmtimer.c */
#include <stdint.h>
#include <stdlib.h>

#include <machine/pmtimer.h>

#include "tap.h"
#include "xorshift.h"

#define CAL_TICKS	(ACPI_PM_TIMER_HZ / 1000)	/* as cpu.c */

static uint64_t tsc, tsc_hz, pm_offset, pm_mask, read_cost, jitter;
static unsigned reads, stall_at;
static int stuck;

/* Time passes between and within reads. */
static uint64_t
fake_sample(void)
{
	tsc += read_cost / 2 + (jitter ? rnd() % jitter : 0);
	return tsc;
}

static int64_t
fake_pm(void)
{
	uint64_t v;

	reads++;
	tsc += read_cost / 2;
	/* The other clock stalls while the timer runs on (TCG, preempted). */
	if (reads == stall_at)
		pm_offset += 10000;
	if (stuck)
		return 1234;
	v = (uint64_t)((unsigned __int128)tsc * ACPI_PM_TIMER_HZ / tsc_hz);
	return (int64_t)((v + pm_offset) & pm_mask);
}

static void
setup(uint64_t hz, uint64_t mask, uint64_t start_pm, uint64_t cost,
    uint64_t jit)
{
	tsc_hz = hz;
	pm_mask = mask;
	tsc = 1000000 + rnd() % 1000000;
	/* The timer's value at the first read is about start_pm. */
	pm_offset = start_pm - (uint64_t)((unsigned __int128)tsc *
	    ACPI_PM_TIMER_HZ / tsc_hz);
	read_cost = cost;
	jitter = jit;
	reads = 0;
	stall_at = 0;
	stuck = 0;
}

/* |got - want| in ppm of want. */
static uint64_t
ppm(uint64_t got, uint64_t want)
{
	return (got > want ? got - want : want - got) * 1000000 / want;
}

static void
test_case(const char *what, uint64_t hz, uint64_t mask, uint64_t start_pm,
    uint64_t cost, uint64_t jit, uint64_t max_ppm)
{
	struct pmtimer_span sp;
	uint64_t khz, bound;
	int r;

	setup(hz, mask, start_pm, cost, jit);
	r = pmtimer_span(fake_pm, mask, fake_sample, CAL_TICKS, 1000000, &sp);
	ok(r == 0, "%s: span measured", what);
	if (r != 0)
		return;
	khz = pmtimer_span_khz(&sp);
	/* Half a window at each end, and the kHz rounding. */
	bound = (sp.width * 1000000) / (sp.end - sp.start) + 2;
	ok(sp.ticks >= CAL_TICKS, "%s: counted %llu >= %llu ticks", what,
	    (unsigned long long)sp.ticks, (unsigned long long)CAL_TICKS);
	ok(ppm(khz, hz / 1000) <= bound, "%s: %llu kHz vs %llu: %llu ppm, "
	    "within the edge windows (%llu ppm)", what,
	    (unsigned long long)khz, (unsigned long long)(hz / 1000),
	    (unsigned long long)ppm(khz, hz / 1000), (unsigned long long)bound);
	if (max_ppm != 0)
		ok(ppm(khz, hz / 1000) <= max_ppm, "%s: under %llu ppm", what,
		    (unsigned long long)max_ppm);
}

int
main(void)
{
	struct pmtimer_span sp;
	int i;

	/* Fast reads (50 ns): every tick is seen, the count is exact. */
	setup(2600000000ULL, PMTIMER_MASK_24, 1000, 130, 0);
	ok(pmtimer_span(fake_pm, PMTIMER_MASK_24, fake_sample, CAL_TICKS,
	    1000000, &sp) == 0 && sp.ticks == CAL_TICKS,
	    "fast reads: exactly %llu ticks counted (%llu)",
	    (unsigned long long)CAL_TICKS, (unsigned long long)sp.ticks);

	/* TCG-like reads: 1 us each with jitter, 1 ms: under 0.1 %. */
	for (i = 0; i < 20; i++)
		test_case("24-bit, 2.6 GHz, 1 us reads", 2600000000ULL,
		    PMTIMER_MASK_24, rnd() & PMTIMER_MASK_24, 2600, 520, 1000);
	/* Across the wraps, both widths. */
	test_case("24-bit wrap inside the span", 2600000000ULL,
	    PMTIMER_MASK_24, PMTIMER_MASK_24 - 1000, 2600, 520, 1000);
	test_case("32-bit wrap inside the span", 3000000000ULL,
	    PMTIMER_MASK_32, PMTIMER_MASK_32 - 100, 3000, 600, 1000);
	test_case("32-bit value above 24 bits", 1000000000ULL,
	    PMTIMER_MASK_32, 0x12345678, 1000, 200, 1000);
	/* Slow reads (nested, 30 us): still within the method's bound. */
	test_case("24-bit, 30 us reads", 2600000000ULL, PMTIMER_MASK_24,
	    5000, 78000, 26000, 0);

	/* Error bound: small for a clean span, "unusable" for a stall. */
	setup(2600000000ULL, PMTIMER_MASK_24, 1000, 1000, 0);
	ok(pmtimer_span(fake_pm, PMTIMER_MASK_24, fake_sample, CAL_TICKS,
	    1000000, &sp) == 0 && pmtimer_span_err_ppm(&sp) < 2000,
	    "clean span: error bound %llu ppm < 2000 (cpu.c accepts it)",
	    (unsigned long long)pmtimer_span_err_ppm(&sp));
	setup(2600000000ULL, PMTIMER_MASK_24, 1000, 1000, 0);
	stall_at = 1000;
	ok(pmtimer_span(fake_pm, PMTIMER_MASK_24, fake_sample, CAL_TICKS,
	    1000000, &sp) == 0 && pmtimer_span_err_ppm(&sp) == UINT64_MAX,
	    "TSC stalled while the timer ran 10000 ticks: span refused "
	    "(jump %llu ticks in a window of %llu TSC)",
	    (unsigned long long)sp.jump, (unsigned long long)sp.width);

	/* A timer that never moves: bounded, refused. */
	setup(2600000000ULL, PMTIMER_MASK_24, 0, 2600, 0);
	stuck = 1;
	ok(pmtimer_span(fake_pm, PMTIMER_MASK_24, fake_sample, CAL_TICKS,
	    5000, &sp) == -1 && reads <= 5000,
	    "stuck timer: gives up after %u reads", reads);
	/* Spans the wrap cannot tell apart are refused. */
	setup(2600000000ULL, PMTIMER_MASK_24, 0, 2600, 0);
	ok(pmtimer_span(fake_pm, PMTIMER_MASK_24, fake_sample,
	    PMTIMER_MASK_24 / 2, 5000, &sp) == -1,
	    "a span of half the wrap: refused");
	ok(pmtimer_span(fake_pm, PMTIMER_MASK_24, fake_sample, 0, 5000,
	    &sp) == -1, "a span of 0 ticks: refused");
	sp.ticks = 0;
	sp.start = 0;
	sp.end = 100;
	is_int(pmtimer_span_khz(&sp), 0, "0 ticks: rate 0, no division by 0");
	return done_testing();
}
