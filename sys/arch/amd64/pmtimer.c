/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PM timer interval: see <machine/pmtimer.h>.  Nothing here touches
 * hardware; cpu.c and the tests pass the timer read and the clock.
 */
#include <machine/pmtimer.h>

/*
 * Wait for the value to change from *v.  On return *v is the new value,
 * *mid the middle of the window the change happened in, *width the
 * window and *jump the ticks the timer moved in it.
 *
 * The change happened between the instants the previous read and this
 * one sampled the timer: after the sample taken before the previous read,
 * and before a sample taken after this one.  A read that is slow (the
 * vCPU preempted, the device model busy) widens the window instead of
 * moving its middle.
 */
static int
pmtimer_edge(int64_t (*rd)(void), uint64_t mask, uint64_t (*sample)(void),
    uint64_t *v, uint64_t *prev_sample, uint64_t *mid, uint64_t *width,
    uint64_t *jump, unsigned *reads, unsigned max_reads)
{
	uint64_t s;
	int64_t t;

	while (*reads < max_reads) {
		s = sample();
		t = rd();
		(*reads)++;
		if (t < 0)
			return -1;
		if ((uint64_t)t != *v) {
			*jump = ((uint64_t)t - *v) & mask;
			*v = (uint64_t)t;
			*width = sample() - *prev_sample;
			*mid = *prev_sample + *width / 2;
			*prev_sample = s;
			return 0;
		}
		*prev_sample = s;
	}
	return -1;
}

/*
 * The first edges only warm up: their windows hold whatever the first
 * pass through this code cost (under TCG, translating it, during which
 * the guest's TSC stalls while the timer runs on: measured, the second
 * edge of a boot was 14 000 ticks late for 20 us of TSC).  The span
 * starts at the next edge, seen by the same code, from the same call, as
 * the last one.
 */
#define PMTIMER_WARMUP_EDGES	2

int
pmtimer_span(int64_t (*rd)(void), uint64_t mask, uint64_t (*sample)(void),
    uint64_t ticks, unsigned max_reads, struct pmtimer_span *sp)
{
	uint64_t v, v0 = 0, s, mid, width, jump;
	unsigned reads = 1, edges;
	int64_t t;

	if (ticks == 0 || ticks >= mask / 2)
		return -1;
	s = sample();
	if ((t = rd()) < 0)
		return -1;
	v = (uint64_t)t;
	sp->width = sp->jump = 0;
	for (edges = 0;; edges++) {
		if (pmtimer_edge(rd, mask, sample, &v, &s, &mid, &width, &jump,
		    &reads, max_reads) != 0)
			return -1;
		if (edges < PMTIMER_WARMUP_EDGES)
			continue;
		if (edges == PMTIMER_WARMUP_EDGES) {
			v0 = v;
			sp->start = mid;
		} else if (((v - v0) & mask) < ticks)
			continue;
		else
			sp->end = mid;
		if (width > sp->width)
			sp->width = width;
		if (jump > sp->jump)
			sp->jump = jump;
		if (edges > PMTIMER_WARMUP_EDGES)
			break;
	}
	sp->ticks = (v - v0) & mask;
	return 0;
}

/*
 * Half a window at each end: width / delta.  And a check that the two
 * clocks agreed inside the windows: the timer may not have moved more
 * ticks in one than the span's own rate allows for the widest (plus the
 * tick in progress at each side).
 */
#define PMTIMER_JUMP_SLACK	2

uint64_t
pmtimer_span_err_ppm(const struct pmtimer_span *sp)
{
	uint64_t delta;

	if (sp->ticks == 0 || sp->end <= sp->start)
		return UINT64_MAX;
	delta = sp->end - sp->start;
	if (sp->jump > sp->width * sp->ticks / delta + PMTIMER_JUMP_SLACK)
		return UINT64_MAX;
	return sp->width * 1000000 / delta;
}

/*
 * In two parts, without a 128-bit division (none in a freestanding
 * kernel): the remainder is below ticks * 1000 < 2^41, so r * HZ (HZ <
 * 2^22) cannot overflow.
 */
uint64_t
pmtimer_span_khz(const struct pmtimer_span *sp)
{
	uint64_t delta, den;

	if (sp->ticks == 0 || sp->end < sp->start)
		return 0;
	delta = sp->end - sp->start;
	den = sp->ticks * 1000;
	return delta / den * ACPI_PM_TIMER_HZ +
	    delta % den * ACPI_PM_TIMER_HZ / den;
}
