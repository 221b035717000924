/*
 * Xen time, judged by what it is not built from: over 20 ms of it, Xen
 * system time (the pvclock record in shared_info, raw) must agree within
 * 1 % with the TSC times the rate Xen states in its CPUID time leaf
 * (base + 3, ECX).  A record whose mul is off (Xen time at half speed)
 * fails; raw steps back are counted and reported (Xen's stable bit is not
 * trusted, so clock_ns() clamps them).  Skips where there is no Xen or
 * the leaf gives no rate.
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>

#define XC_SPAN_NS	(20ULL * 1000 * 1000)	/* 20 ms of Xen time */
#define XC_MAX_READS	100000000U		/* a stuck clock */
#define XC_PPM_MAX	10000			/* 1 % */

/* A raw Xen time and the TSC in the middle of the read. */
static bool
xc_read(uint64_t *ns, uint64_t *tsc)
{
	uint64_t a, b;
	bool ok;

	a = rdtsc_ordered();
	ok = xen_time_read_raw(ns);
	b = rdtsc_ordered();
	*tsc = a + (b - a) / 2;
	return ok;
}

static enum test_status
test_xen_clock(struct test_ctx *ctx)
{
	const struct pvbus_hv *p = pvbus_primary();
	uint64_t khz, ns0, ns1, prev, tsc0, tsc1, tsc_ns, xen_ns, diff;
	uint64_t back = 0, max_back = 0;
	unsigned i, failed = 0;

	if (p == NULL || p->type != PVBUS_XEN || !xen_ready())
		return test_skip(ctx, "not on Xen");
	if ((khz = xen_tsc_leaf_khz()) == 0)
		return test_skip(ctx, "no independent reference: Xen's CPUID "
		    "time leaf gives no TSC rate");
	if (!xc_read(&ns0, &tsc0))
		return test_fail(ctx, "Xen time: no consistent reading");
	prev = ns1 = ns0;
	tsc1 = tsc0;
	for (i = 0; i < XC_MAX_READS && ns1 - ns0 < XC_SPAN_NS; i++) {
		if (!xc_read(&ns1, &tsc1)) {
			failed++;
			ns1 = prev;
			continue;
		}
		if (ns1 < prev) {
			back++;
			if (prev - ns1 > max_back)
				max_back = prev - ns1;
			ns1 = prev;	/* measure the span, not the step */
		}
		prev = ns1;
	}
	if (failed != 0)
		return test_fail(ctx, "%u reads gave up on a torn record",
		    failed);
	if (ns1 - ns0 < XC_SPAN_NS)
		return test_fail(ctx, "Xen time moved %llu ns in %u reads",
		    (unsigned long long)(ns1 - ns0), i);
	xen_ns = ns1 - ns0;
	tsc_ns = muldiv64(tsc1 - tsc0, 1000000, khz);
	diff = tsc_ns > xen_ns ? tsc_ns - xen_ns : xen_ns - tsc_ns;
	test_diag("xen_clock: Xen time %llu ns, TSC %llu ticks at %llu kHz "
	    "(CPUID leaf) = %llu ns: %llu ppm apart; raw steps back %llu "
	    "(largest %llu ns)", (unsigned long long)xen_ns,
	    (unsigned long long)(tsc1 - tsc0), (unsigned long long)khz,
	    (unsigned long long)tsc_ns,
	    (unsigned long long)muldiv64(diff, 1000000, tsc_ns),
	    (unsigned long long)back, (unsigned long long)max_back);
	if (muldiv64(diff, 1000000, tsc_ns) > XC_PPM_MAX)
		return test_fail(ctx, "Xen time %llu ns, TSC at the leaf's "
		    "rate %llu ns: more than 1 %% apart",
		    (unsigned long long)xen_ns, (unsigned long long)tsc_ns);
	return TEST_PASS;
}
KTEST_DEFINE("xen_clock", test_xen_clock, 0);
