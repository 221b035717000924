/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Several CPUs: every CPU the MADT offers is online and reads its own
 * APIC ID; an IPI ping-pong between every ordered pair; clocks never go
 * back across a handshake between two CPUs; a counter every CPU adds to
 * with atomic operations ends exact; a stack overflow on an AP is a
 * double fault on that AP's own IST stack; on Xen, a vCPU taken down
 * and up again (VCPUOP_down/VCPUOP_up) works on.  With one CPU they skip.
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <dev/pv/kvmvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>
#include <machine/lapic.h>
#include <machine/smp.h>
#include <machine/stack.h>
#include <machine/trap.h>

#include "t_smp.h"

#define PINGS_PER_PAIR	4
#define CLOCK_ROUNDS	64
#define COUNTER_ADDS	1000000
#define WAIT_US		10000000	/* one handshake, on a busy host */

static bool
on_xen(void)
{
	const struct pvbus_hv *hv = pvbus_primary();

	return hv != NULL && hv->type == PVBUS_XEN;
}

static enum test_status
need_smp(struct test_ctx *ctx)
{
	if (smp_ncpus() > 1)
		return TEST_PASS;
	if (smp_offered() > 1)
		return test_fail(ctx, "%u CPUs offered, none of the APs "
		    "online", smp_offered());
	return test_skip(ctx, "one CPU");
}

/* Spin until *p == v or WAIT_US pass: false on a timeout. */
static bool
wait_eq(volatile unsigned *p, unsigned v)
{
	uint64_t t0 = rdtsc_ordered(), lim = WAIT_US / 1000 * tsc_khz();

	while (__atomic_load_n(p, __ATOMIC_ACQUIRE) != v) {
		if (tsc_khz() != 0 && rdtsc_ordered() - t0 > lim)
			return false;
		smp_relax();
	}
	return true;
}

/* Run fa(arg) on CPU a and fb(arg) on CPU b at once; false on timeout. */
static bool
run_pair(unsigned a, smp_fn_t fa, unsigned b, smp_fn_t fb, void *arg)
{
	bool ok = true;

	if (a != 0)
		smp_run_async(a, fa, arg);
	if (b != 0)
		smp_run_async(b, fb, arg);
	if (a == 0)
		fa(arg);
	if (b == 0)
		fb(arg);
	if (a != 0)
		ok = smp_wait(a) == 0;
	if (b != 0)
		ok = smp_wait(b) == 0 && ok;
	return ok;
}

static volatile unsigned self_index;

static void
whoami(void *arg)
{
	(void)arg;
	self_index = curcpu()->ci_index;
}

static enum test_status
t_smp_cpus(struct test_ctx *ctx)
{
	enum test_status st;
	struct cpu_info *ci;
	unsigned i, j;
	long up;

	if ((st = need_smp(ctx)) != TEST_PASS)
		return st;
	if (smp_ncpus() != smp_offered())
		return test_fail(ctx, "%u of %u CPUs online", smp_ncpus(),
		    smp_offered());
	for (i = 0; i < smp_ncpus(); i++) {
		ci = smp_cpu(i);
		self_index = ~0U;
		if (smp_run(i, whoami, NULL) != 0 || self_index != i)
			return test_fail(ctx, "CPU %u does not run work (ran "
			    "on %u)", i, self_index);
		for (j = 0; j < i; j++)
			if (smp_cpu(j)->ci_apic_id_read == ci->ci_apic_id_read)
				return test_fail(ctx, "CPUs %u and %u both read "
				    "APIC ID %u", j, i, ci->ci_apic_id_read);
		if (on_xen()) {
			/* Xen's word on it; the MADT where there is one. */
			if ((up = xen_smp_vcpu_op(XEN_VCPUOP_IS_UP,
			    ci->ci_vcpu_id)) != 1)
				return test_fail(ctx, "CPU %u: VCPUOP_is_up(%u) "
				    "= %ld", i, ci->ci_vcpu_id, up);
			if (smp_madt_found() &&
			    !smp_apic_in_madt(ci->ci_apic_id_read))
				return test_fail(ctx, "CPU %u (vCPU %u) reads "
				    "APIC ID %u, not in the MADT", i,
				    ci->ci_vcpu_id, ci->ci_apic_id_read);
			test_diag("smp_cpus: cpu%u vCPU %u APIC ID %u%s", i,
			    ci->ci_vcpu_id, ci->ci_apic_id_read,
			    smp_madt_found() ? "" : " (no MADT)");
			continue;
		}
		if (ci->ci_apic_id_read != ci->ci_apic_id)
			return test_fail(ctx, "CPU %u reads APIC ID %u, the "
			    "MADT says %u", i, ci->ci_apic_id_read,
			    ci->ci_apic_id);
		test_diag("smp_cpus: cpu%u APIC ID %u", i, ci->ci_apic_id);
	}
	return TEST_PASS;
}
KTEST_DEFINE("smp_cpus", t_smp_cpus, 0);

static void
ping_intr(struct trapframe *tf)
{
	struct cpu_info *ci = curcpu();

	(void)tf;
	ci->ci_pings++;
	lapic_eoi();
	smp_ipi(ci->ci_ping_from, SMP_VEC_PONG);
}

static void
pong_intr(struct trapframe *tf)
{
	(void)tf;
	__atomic_fetch_add(&curcpu()->ci_pongs, 1, __ATOMIC_RELEASE);
	lapic_eoi();
}

static volatile unsigned ping_target, ping_missed;

/* On CPU a: ping ping_target, wait for its pong, interrupts on. */
static void
ping(void *arg)
{
	struct cpu_info *me = curcpu(), *to = smp_cpu(ping_target);
	unsigned i, want;

	(void)arg;
	for (i = 0; i < PINGS_PER_PAIR; i++) {
		want = me->ci_pongs + 1;
		to->ci_ping_from = me->ci_index;
		smp_ipi(ping_target, SMP_VEC_PING);
		enable_intr();
		if (!wait_eq(&me->ci_pongs, want))
			ping_missed++;
		disable_intr();
	}
}

/* Also after each resume of test=lifecycle (t_lifecycle.c). */
enum test_status
t_smp_ipi(struct test_ctx *ctx)
{
	enum test_status st = TEST_PASS;
	unsigned a, b, n = 0;

	if ((st = need_smp(ctx)) != TEST_PASS)
		return st;
	intr_establish(SMP_VEC_PING, ping_intr);
	intr_establish(SMP_VEC_PONG, pong_intr);
	for (a = 0; a < smp_ncpus() && st == TEST_PASS; a++)
		for (b = 0; b < smp_ncpus() && st == TEST_PASS; b++) {
			if (a == b)
				continue;
			ping_target = b;
			ping_missed = 0;
			intr_enable();	/* the BSP answers pings too */
			if (smp_run(a, ping, NULL) != 0)
				st = test_fail(ctx, "CPU %u did not finish "
				    "pinging CPU %u", a, b);
			else if (ping_missed != 0)
				st = test_fail(ctx, "CPU %u -> %u: %u of %u "
				    "pongs missing (%u pings arrived)", a, b,
				    ping_missed, PINGS_PER_PAIR,
				    smp_cpu(b)->ci_pings);
			n++;
		}
	disable_intr();
	intr_establish(SMP_VEC_PING, NULL);
	intr_establish(SMP_VEC_PONG, NULL);
	if (st == TEST_PASS)
		test_diag("smp_ipi: %u ordered pairs x %u round trips (%s)",
		    n, PINGS_PER_PAIR, smp_ipi_method());
	return st;
}
KTEST_DEFINE("smp_ipi", t_smp_ipi, 0);

/*
 * The handshake: A reads its clock, then publishes the round; B waits
 * for it, then reads its own.  B's reading must not be earlier.
 */
enum { CLK_TSC, CLK_PV, CLK_N };

static struct {
	unsigned	kind;
	volatile unsigned seq, ack;
	bool		failed_read, timeout;
	uint64_t	ta[CLOCK_ROUNDS], tb[CLOCK_ROUNDS];
} hs;

static uint64_t
clk_read(void)
{
	uint64_t ns = 0;

	if (hs.kind == CLK_TSC)
		return rdtsc_ordered();
	if (!smp_pvclock_read(&ns))
		hs.failed_read = true;
	return ns;
}

static void
clk_a(void *arg)
{
	unsigned i;

	(void)arg;
	for (i = 0; i < CLOCK_ROUNDS && !hs.timeout; i++) {
		hs.ta[i] = clk_read();
		__atomic_store_n(&hs.seq, i + 1, __ATOMIC_RELEASE);
		if (!wait_eq(&hs.ack, i + 1))
			hs.timeout = true;
	}
}

static void
clk_b(void *arg)
{
	unsigned i;

	(void)arg;
	for (i = 0; i < CLOCK_ROUNDS && !hs.timeout; i++) {
		if (!wait_eq(&hs.seq, i + 1)) {
			hs.timeout = true;
			break;
		}
		hs.tb[i] = clk_read();
		__atomic_store_n(&hs.ack, i + 1, __ATOMIC_RELEASE);
	}
}

static enum test_status
t_smp_clock(struct test_ctx *ctx)
{
	enum test_status st;
	const char *clk_names[CLK_N] = { "tsc", smp_pvclock_name() };
	unsigned a, b, i, k, nk = clk_names[CLK_PV] != NULL ? CLK_N : 1;

	if ((st = need_smp(ctx)) != TEST_PASS)
		return st;
	for (k = 0; k < nk; k++)
		for (a = 0; a < smp_ncpus(); a++)
			for (b = 0; b < smp_ncpus(); b++) {
				if (a == b)
					continue;
				memset(&hs, 0, sizeof(hs));
				hs.kind = k;
				if (!run_pair(a, clk_a, b, clk_b, NULL) ||
				    hs.timeout)
					return test_fail(ctx, "%s: CPUs %u and "
					    "%u: handshake timed out",
					    clk_names[k], a, b);
				if (hs.failed_read)
					return test_fail(ctx, "%s: no reading "
					    "on CPU %u or %u", clk_names[k],
					    a, b);
				for (i = 0; i < CLOCK_ROUNDS; i++)
					if (hs.tb[i] < hs.ta[i])
						return test_fail(ctx, "%s: CPU "
						    "%u read %llu after CPU %u "
						    "read %llu", clk_names[k],
						    b, (unsigned long long)
						    hs.tb[i], a,
						    (unsigned long long)
						    hs.ta[i]);
			}
	test_diag("smp_clock: tsc%s%s, every ordered pair, %u handshakes "
	    "each: never earlier after the handshake", nk == CLK_N ? " and " :
	    "", nk == CLK_N ? clk_names[CLK_PV] : "", CLOCK_ROUNDS);
	return TEST_PASS;
}
KTEST_DEFINE("smp_clock", t_smp_clock, 0);

static volatile uint64_t shared_counter;
static volatile unsigned counter_go, counter_ready;

static void
count(void *arg)
{
	unsigned i;

	(void)arg;
	__atomic_fetch_add(&counter_ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&counter_go, __ATOMIC_ACQUIRE))
		smp_relax();
	for (i = 0; i < COUNTER_ADDS; i++)
		__atomic_fetch_add(&shared_counter, 1, __ATOMIC_RELAXED);
}

static enum test_status
t_smp_counter(struct test_ctx *ctx)
{
	enum test_status st;
	unsigned i, n = smp_ncpus();
	bool ok = true;

	if ((st = need_smp(ctx)) != TEST_PASS)
		return st;
	shared_counter = 0;
	counter_go = counter_ready = 0;
	for (i = 1; i < n; i++)
		smp_run_async(i, count, NULL);
	/* All at once: the adds must overlap to mean anything. */
	if (!wait_eq(&counter_ready, n - 1))
		return test_fail(ctx, "only %u of %u APs got ready",
		    counter_ready, n - 1);
	__atomic_store_n(&counter_go, 1, __ATOMIC_RELEASE);
	count(NULL);
	for (i = 1; i < n; i++)
		ok = smp_wait(i) == 0 && ok;
	if (!ok)
		return test_fail(ctx, "an AP did not finish counting");
	if (shared_counter != (uint64_t)n * COUNTER_ADDS)
		return test_fail(ctx, "counter %llu, want %u x %u",
		    (unsigned long long)shared_counter, n, COUNTER_ADDS);
	test_diag("smp_counter: %u CPUs x %u atomic adds = %llu", n,
	    COUNTER_ADDS, (unsigned long long)shared_counter);
	return TEST_PASS;
}
KTEST_DEFINE("smp_counter", t_smp_counter, 0);

/* t_stack_guard.c: recurse into the guard page, resume after the #DF. */
void	stack_guard_overflow(void);
static unsigned ap_before;

static void
ap_overflow(void *arg)
{
	(void)arg;
	ap_before = trap_last.count;
	stack_guard_overflow();
}

static enum test_status
t_smp_stack_guard(struct test_ctx *ctx)
{
	enum test_status st;
	struct cpu_info *ci;
	uint64_t df_lo, df_hi, cr2;

	if ((st = need_smp(ctx)) != TEST_PASS)
		return st;
	ci = smp_cpu(smp_ncpus() - 1);
	if (smp_run(ci->ci_index, ap_overflow, NULL) != 0)
		return test_fail(ctx, "CPU %u did not come back from the "
		    "overflow", ci->ci_index);
	df_lo = (uint64_t)(uintptr_t)ci->ci_df_guard + STACK_GUARD_SIZE;
	df_hi = df_lo + AP_DF_STACK_SIZE;
	cr2 = trap_last.cr2;
	if (trap_last.count != ap_before + 1 ||
	    trap_last.vector != T_DOUBLEFLT)
		return test_fail(ctx, "CPU %u: %u exceptions, last %s; want "
		    "one #DF", ci->ci_index, trap_last.count - ap_before,
		    trap_name(trap_last.vector));
	if (cr2 - (uint64_t)(uintptr_t)ci->ci_stack_guard >= STACK_GUARD_SIZE)
		return test_fail(ctx, "CPU %u: #DF cr2 %#llx not in its guard "
		    "page %p", ci->ci_index, (unsigned long long)cr2,
		    (void *)ci->ci_stack_guard);
	if (trap_last.frame < df_lo || trap_last.frame >= df_hi)
		return test_fail(ctx, "CPU %u: #DF frame %#llx not on its IST "
		    "stack %#llx-%#llx", ci->ci_index,
		    (unsigned long long)trap_last.frame,
		    (unsigned long long)df_lo, (unsigned long long)df_hi);
	test_diag("smp_stack_guard: CPU %u overflowed: #DF, cr2 %#llx in its "
	    "guard page, frame %#llx on its own IST stack", ci->ci_index,
	    (unsigned long long)cr2, (unsigned long long)trap_last.frame);
	return TEST_PASS;
}
KTEST_DEFINE("smp_stack_guard", t_smp_stack_guard, 0);

/*
 * Xen: the last AP taken down (VCPUOP_down) is down for Xen, and once
 * up again (VCPUOP_up) resumes where it stopped and takes work.
 */
static enum test_status
t_smp_vcpu_down(struct test_ctx *ctx)
{
	enum test_status st;
	struct cpu_info *ci;
	long r;

	if (!on_xen())
		return test_skip(ctx, "not on Xen");
	if ((st = need_smp(ctx)) != TEST_PASS)
		return st;
	ci = smp_cpu(smp_ncpus() - 1);
	if ((r = xen_smp_vcpu_op(XEN_VCPUOP_DOWN, ci->ci_vcpu_id)) != 0)
		return test_fail(ctx, "VCPUOP_down(%u): %ld", ci->ci_vcpu_id, r);
	if ((r = xen_smp_vcpu_op(XEN_VCPUOP_IS_UP, ci->ci_vcpu_id)) != 0)
		return test_fail(ctx, "VCPUOP_is_up(%u) after down: %ld",
		    ci->ci_vcpu_id, r);
	if ((r = xen_smp_vcpu_op(XEN_VCPUOP_UP, ci->ci_vcpu_id)) != 0)
		return test_fail(ctx, "VCPUOP_up(%u): %ld", ci->ci_vcpu_id, r);
	if ((r = xen_smp_vcpu_op(XEN_VCPUOP_IS_UP, ci->ci_vcpu_id)) != 1)
		return test_fail(ctx, "VCPUOP_is_up(%u) after up: %ld",
		    ci->ci_vcpu_id, r);
	self_index = ~0U;
	if (smp_run(ci->ci_index, whoami, NULL) != 0 ||
	    self_index != ci->ci_index)
		return test_fail(ctx, "vCPU %u takes no work after VCPUOP_up",
		    ci->ci_vcpu_id);
	test_diag("smp_vcpu_down: vCPU %u down (is_up 0), up (is_up 1), "
	    "runs work again", ci->ci_vcpu_id);
	return TEST_PASS;
}
KTEST_DEFINE("smp_vcpu_down", t_smp_vcpu_down, 0);
