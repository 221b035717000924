/*
 * kvmclock: it advances and never goes backwards over 100 000 reads, and
 * it agrees with the TSC times the TSC rate the kernel uses, within 1 %.
 * Skips where there is no KVM or KVM offers no kvmclock.
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <dev/pv/kvmvar.h>
#include <dev/pv/pvclock.h>
#include <machine/cpufunc.h>

#define T_KVMCLOCK_READS	100000
/* The rate comparison runs over this much kvmclock time... */
#define T_KVMCLOCK_SPAN_NS	20000000ULL	/* 20 ms */
/* ...or gives up after this many reads (a clock that does not move). */
#define T_KVMCLOCK_MAX_READS	100000000U

static uint64_t kc_last_tsc;

/* The TSC reading pvclock_read used, kept to compare against. */
static uint64_t
kc_tsc(void)
{
	kc_last_tsc = rdtsc_ordered();
	return kc_last_tsc;
}

static enum test_status
t_kvmclock_usable(struct test_ctx *ctx)
{
	const struct pvbus_hv *p = pvbus_primary();

	if (kvm_sc.hv == NULL)
		return test_skip(ctx, "not on KVM (hv=%s)",
		    p != NULL ? p->name : "none");
	if (kvm_sc.clock_msr == 0)
		return test_skip(ctx, "KVM offers no kvmclock (features %#x)",
		    kvm_sc.features);
	return TEST_PASS;
}

/*
 * A reader state of its own, honouring TSC_STABLE as the backend does:
 * with TSC_STABLE these are the raw readings, so a step back fails here
 * instead of being hidden by the clamp.
 */
static enum test_status
t_kvmclock(struct test_ctx *ctx)
{
	volatile const struct pvclock_vcpu_time_info *ti = kvmclock_record();
	struct pvclock_state st = { .valid_flags = kvmclock_state.valid_flags };
	uint64_t first, prev, now;
	enum test_status s;
	unsigned i;

	if ((s = t_kvmclock_usable(ctx)) != TEST_PASS)
		return s;
	first = prev = pvclock_read(ti, kc_tsc, &st);
	for (i = 0; i < T_KVMCLOCK_READS; i++) {
		now = pvclock_read(ti, kc_tsc, &st);
		if (now < prev)
			return test_fail(ctx, "kvmclock went back by %llu ns "
			    "after %u reads", (unsigned long long)(prev - now),
			    i);
		prev = now;
	}
	test_diag("kvmclock: %u reads over %llu ns; %s; %llu clamped, "
	    "%llu torn reads retried", T_KVMCLOCK_READS,
	    (unsigned long long)(prev - first),
	    (ti->flags & st.valid_flags & PVCLOCK_TSC_STABLE_BIT) ?
	    "TSC stable" : "TSC not stable", (unsigned long long)st.clamped,
	    (unsigned long long)st.retries);
	if (prev == first)
		return test_fail(ctx, "kvmclock stuck at %llu ns for %u reads",
		    (unsigned long long)first, T_KVMCLOCK_READS);
	if (st.gave_up != 0)
		return test_fail(ctx, "%llu reads gave up on a torn record",
		    (unsigned long long)st.gave_up);
	return TEST_PASS;
}
KTEST_DEFINE("kvmclock", t_kvmclock, 0);

/*
 * Both sides use the same TSC samples (the ones pvclock_read took), so
 * the only difference is the record's own consistency with the TSC rate
 * the kernel reports: a wrong mul/shift inversion, or a record that KVM
 * resynchronises to another clock, shows up here.
 */
static enum test_status
t_kvmclock_tsc(struct test_ctx *ctx)
{
	volatile const struct pvclock_vcpu_time_info *ti = kvmclock_record();
	struct pvclock_state st = { .valid_flags = kvmclock_state.valid_flags };
	uint64_t ns0, ns1, tsc0, tsc1, khz, tsc_ns, diff;
	enum test_status s;
	unsigned i;

	if ((s = t_kvmclock_usable(ctx)) != TEST_PASS)
		return s;
	if ((khz = tsc_khz()) == 0)
		return test_fail(ctx, "TSC rate unknown (tsc_src=%s)",
		    tsc_source());
	ns0 = pvclock_read(ti, kc_tsc, &st);
	tsc0 = kc_last_tsc;
	ns1 = ns0;
	for (i = 0; i < T_KVMCLOCK_MAX_READS &&
	    ns1 - ns0 < T_KVMCLOCK_SPAN_NS; i++)
		ns1 = pvclock_read(ti, kc_tsc, &st);
	tsc1 = kc_last_tsc;
	if (ns1 < ns0)
		return test_fail(ctx, "kvmclock went back by %llu ns",
		    (unsigned long long)(ns0 - ns1));
	if (ns1 - ns0 < T_KVMCLOCK_SPAN_NS)
		return test_fail(ctx, "kvmclock moved %llu ns in %u reads",
		    (unsigned long long)(ns1 - ns0), i);
	tsc_ns = muldiv64(tsc1 - tsc0, 1000000, khz);
	diff = tsc_ns > ns1 - ns0 ? tsc_ns - (ns1 - ns0) :
	    (ns1 - ns0) - tsc_ns;
	test_diag("kvmclock %llu ns, TSC %llu ticks x %llu kHz (%s) = %llu "
	    "ns: %llu ppm apart", (unsigned long long)(ns1 - ns0),
	    (unsigned long long)(tsc1 - tsc0), (unsigned long long)khz,
	    tsc_source(), (unsigned long long)tsc_ns,
	    (unsigned long long)muldiv64(diff, 1000000, ns1 - ns0));
	if (diff > (ns1 - ns0) / 100)
		return test_fail(ctx, "kvmclock %llu ns vs TSC %llu ns: more "
		    "than 1 %% apart", (unsigned long long)(ns1 - ns0),
		    (unsigned long long)tsc_ns);
	return TEST_PASS;
}
KTEST_DEFINE("kvmclock_tsc", t_kvmclock_tsc, 0);
