/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Clocks.  Backends offer what they know: a clock source (kvmclock, Xen's
 * pvclock) and the TSC frequency with where it came from, each with a
 * rank.  sys/kern only ranks the offers and reads the winner; the report
 * names both (clock=, tsc_khz=, tsc_src=).  Every time the kernel and its
 * tests read comes from clock_ns(), the one place that keeps it
 * monotonic (several vCPUs and save/restore will need exactly that).
 */
#ifndef _SYS_CLOCK_H_
#define _SYS_CLOCK_H_

#include <stdbool.h>
#include <stdint.h>

/*
 * How much a TSC frequency is trusted; lower is better, and the first of
 * equal offers stays (docs/design.md).  Generic tiers: each backend picks the one that
 * describes where its number comes from.
 */
#define TSC_RANK_HV_OWN_LEAF	1	/* a hypervisor's own time leaf */
#define TSC_RANK_HV_SHARED_LEAF	2	/* a cross-hypervisor leaf */
#define TSC_RANK_PVCLOCK	3	/* a pvclock's mul/shift */
#define TSC_RANK_CPUID		4	/* the CPU's CPUID 0x15 / 0x16 */
#define TSC_RANK_CALIBRATED	5	/* measured against a timer */
#define TSC_RANK_NONE		99

/* How much a clock source is trusted; lower is better, as for the TSC. */
#define CLOCK_RANK_HV_RECORD	1	/* a record the hypervisor keeps */
#define CLOCK_RANK_NONE		99	/* none: TSC times tsc_khz() */

struct clocksource {
	const char	*name;		/* clock= in the report */
	int		rank;		/* CLOCK_RANK_* */
	/*
	 * A raw reading in ns: true and *ns set, or false if no consistent
	 * reading could be taken (clock_ns() then keeps the last time).
	 */
	bool		(*read_ns)(uint64_t *ns);
};

void	tsc_freq_offer(uint64_t khz, const char *src, int rank);
void	clock_register(const struct clocksource *);
/* After the backends: take the best TSC frequency that costs no waiting. */
void	clock_select(void);
/* After the end of boot: measure the TSC if nothing else knew its rate. */
void	clock_calibrate_late(void);

uint64_t tsc_khz(void);		/* 0: unknown */
const char *tsc_source(void);	/* "none" if unknown */
const char *clock_name(void);
/*
 * Nanoseconds from the selected clock (TSC-based if none registered),
 * never less than a value returned before; 0 while nothing can tell.
 */
uint64_t clock_ns(void);
/* Readings clock_ns() raised to the last time, or kept at it (failed). */
uint64_t clock_clamped(void);
uint64_t clock_failed(void);
/* TSC ticks to microseconds; UINT64_MAX if the rate is unknown. */
uint64_t tsc_to_us(uint64_t ticks);
/*
 * After a restore or a migration the clock source may start from another
 * epoch, lower than before: clock_resume() returns the jump (the source
 * now, minus the last time given out; negative if it went back) and, if
 * it went back, offsets the source from now on so that clock_ns()
 * carries on from its last value instead of standing still until the
 * source catches up.  Call it with interrupts off, before anything reads
 * the time.  tsc_freq_reset() forgets the TSC rate so that the backends
 * can offer the new one.
 */
int64_t	clock_resume(void);
void	tsc_freq_reset(void);

/*
 * Wall-clock time.  Backends offer a source with a rank, as for the
 * clocks: a hypervisor's own record (Xen's shared_info, KVM's wall-clock
 * MSR) beats the CMOS RTC, which is read only where neither exists.
 * read() gives seconds and nanoseconds since 1970-01-01 UTC now, or
 * false if it cannot tell (a torn record, an RTC that answers garbage).
 */
#define WALLCLOCK_RANK_HV	1	/* the hypervisor's record + its time */
#define WALLCLOCK_RANK_RTC	5	/* the CMOS RTC: seconds only */
#define WALLCLOCK_RANK_NONE	99

struct wallclock {
	const char	*name;		/* wallclock_src= in the report */
	int		rank;		/* WALLCLOCK_RANK_* */
	bool		(*read)(uint64_t *sec, uint32_t *nsec);
};

#define NSEC_PER_SEC	1000000000ULL

/*
 * Both hypervisors publish the wall-clock time at their system time 0
 * (boot): the time now is that plus the system time now.
 */
static inline void
wallclock_add_ns(uint64_t base_sec, uint32_t base_nsec, uint64_t ns,
    uint64_t *sec, uint32_t *nsec)
{
	ns += base_nsec;
	*sec = base_sec + ns / NSEC_PER_SEC;
	*nsec = (uint32_t)(ns % NSEC_PER_SEC);
}

void	wallclock_register(const struct wallclock *);
/* Now, from the best source: false if there is none or it failed. */
bool	wallclock_read(uint64_t *sec, uint32_t *nsec);
/* The source's name, "none" without one. */
const char *wallclock_name(void);
/*
 * The reading the boot report took (kern_bootreport.c), right after the
 * end of boot: what the `wallclock` test compares with `hosttime=`.
 * false if none was taken or it failed.
 */
bool	wallclock_at_boot(uint64_t *sec);
void	wallclock_set_boot(uint64_t sec);

/*
 * The monotonic step of clock_ns(), pure so that host tests run it: given
 * a raw reading (ok false: none), return the time to give out and advance
 * *last.  A reading below *last gives *last (counted in *clamped); a
 * failed one gives *last unchanged (counted in *failed).  Lock-free: an
 * interrupt handler may call it in the middle of another call.
 */
static inline uint64_t
clock_mono_step(uint64_t *last, bool ok, uint64_t ns, uint64_t *clamped,
    uint64_t *failed)
{
	uint64_t l = __atomic_load_n(last, __ATOMIC_RELAXED);

	if (!ok) {
		(*failed)++;
		return l;
	}
	do {
		if (ns < l) {
			(*clamped)++;
			return l;
		}
	} while (!__atomic_compare_exchange_n(last, &l, ns, false,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return ns;
}

#endif /* !_SYS_CLOCK_H_ */
