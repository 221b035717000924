/*
 * The PM timer interval: see <machine/pmtimer.h>.  Nothing here touches
 * hardware; cpu.c and the tests pass the timer read and the clock.
 */
#include <machine/pmtimer.h>

/*
 * Wait for the value to change from *v.  On return *v is the new value
 * and *mid the middle of the window the change happened in.
 */
static int
pmtimer_edge(int64_t (*rd)(void), uint64_t (*sample)(void), uint64_t *v,
    uint64_t *prev_sample, uint64_t *mid, uint64_t *width, unsigned *reads,
    unsigned max_reads)
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
			*v = (uint64_t)t;
			*width = s - *prev_sample;
			*mid = *prev_sample + *width / 2;
			*prev_sample = s;
			return 0;
		}
		*prev_sample = s;
	}
	return -1;
}

int
pmtimer_span(int64_t (*rd)(void), uint64_t mask, uint64_t (*sample)(void),
    uint64_t ticks, unsigned max_reads, struct pmtimer_span *sp)
{
	uint64_t v, v0, s, w0, w1;
	unsigned reads = 1;
	int64_t t;

	if (ticks == 0 || ticks >= mask / 2)
		return -1;
	s = sample();
	if ((t = rd()) < 0)
		return -1;
	v = (uint64_t)t;
	if (pmtimer_edge(rd, sample, &v, &s, &sp->start, &w0, &reads,
	    max_reads) != 0)
		return -1;
	v0 = v;
	do {
		if (pmtimer_edge(rd, sample, &v, &s, &sp->end, &w1, &reads,
		    max_reads) != 0)
			return -1;
	} while (((v - v0) & mask) < ticks);
	sp->ticks = (v - v0) & mask;
	sp->width = w0 > w1 ? w0 : w1;
	return 0;
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
