/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Event counters that say something went wrong without stopping the run:
 * interrupts on a vector nobody handles, event channels nobody bound.
 * The code that counts defines the counter where it counts
 * (COUNTER_DEFINE, a link set: no registration at boot, and a backend or
 * driver adds its own without touching sys/kern); the test runner prints
 * them all on one TAP diagnostic line after the tests,
 *	# counters: intr_stray=0 intr_spurious=0 evtchn_unhandled=0 ...
 * and, when no tests ran, only if one of them is not zero.
 */
#ifndef _SYS_COUNTER_H_
#define _SYS_COUNTER_H_

#include <stdbool.h>
#include <stdint.h>

struct counter {
	const char		*name;
	const volatile uint64_t	*value;
};

#define COUNTER_DEFINE(var, cname)					\
	static const struct counter __counter_##var = {		\
		.name = cname, .value = &var };				\
	static const struct counter *const __counter_ptr_##var		\
	    __attribute__((__section__("set_counters"), __used__)) =	\
	    &__counter_##var

/* kern_counter.c: print them; all: even if every one is zero. */
void	counters_print(bool all);
/* The value of the counter called name: 0, or -1 if there is none. */
int	counter_read(const char *name, uint64_t *value);

#endif /* !_SYS_COUNTER_H_ */
