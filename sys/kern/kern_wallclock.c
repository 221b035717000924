/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Wall-clock selection: the best-ranked source a backend offered.  Like
 * kern_clock.c it knows no hypervisor; a source is read only when the
 * time is asked for (the report, after the end of boot), so offering one
 * costs a boot nothing.
 */
#include <sys/clock.h>
#include <sys/systm.h>

static const struct wallclock *wc_source;
static uint64_t wc_boot_sec;
static bool wc_boot_valid;

void
wallclock_register(const struct wallclock *wc)
{
	if (wc->rank >= (wc_source != NULL ? wc_source->rank :
	    WALLCLOCK_RANK_NONE))
		return;
	wc_source = wc;
}

bool
wallclock_read(uint64_t *sec, uint32_t *nsec)
{
	return wc_source != NULL && wc_source->read(sec, nsec);
}

const char *
wallclock_name(void)
{
	return wc_source != NULL ? wc_source->name : "none";
}

bool
wallclock_at_boot(uint64_t *sec)
{
	*sec = wc_boot_sec;
	return wc_boot_valid;
}

void
wallclock_set_boot(uint64_t sec)
{
	wc_boot_sec = sec;
	wc_boot_valid = true;
}
