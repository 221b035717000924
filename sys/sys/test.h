/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-guest tests.  Each test is one function registered with
 * KTEST_DEFINE in its own file under sys/tests/; the runner (kern_test.c)
 * selects them by `test=`, prints TAP (`ok N - name`, `not ok N - name #
 * reason`, `ok N - name # SKIP reason`) and closes with one XTF-style
 * line, `Test result: SUCCESS|SKIP|ERROR|FAILURE`.
 */
#ifndef _SYS_TEST_H_
#define _SYS_TEST_H_

#include <sys/systm.h>

enum test_status {		/* ordered: the run's result only rises */
	TEST_PASS,
	TEST_SKIP,
	TEST_ERROR,		/* the test could not run as it should */
	TEST_FAIL,
};

struct test_ctx {
	char		reason[160];
};

/*
 * Where a test can run.  A test names the hypervisors (.hv) and machines
 * (.machines) it needs, 0 meaning any; where it cannot run, the runner
 * reports it as SKIP with the reason ("not on KVM (hv=tcg)") without
 * calling it.  The hypervisor is pvbus's primary one; the machine is
 * what the platform looks like (machine_name() in kern_md.h).
 */
#define KTEST_HV_ANY	0
#define KTEST_HV_NONE	0x01	/* no hypervisor signature at all */
#define KTEST_HV_TCG	0x02	/* QEMU's TCG ("TCGTCGTCGTCG") */
#define KTEST_HV_KVM	0x04
#define KTEST_HV_XEN	0x08

#define KTEST_M_ANY	0
#define KTEST_M_PC	0x01	/* QEMU pc: i440FX host bridge */
#define KTEST_M_Q35	0x02	/* QEMU q35: Q35 MCH host bridge */
#define KTEST_M_MICROVM	0x04	/* no PCI, not Xen: QEMU microvm, Firecracker */
#define KTEST_M_XEN_DOMU 0x08	/* a Xen PVH domU */
#define KTEST_M_XEN_DOM0 0x10	/* Xen's PVH dom0 */

/* Seconds the host runner (tools/genpvh-run) allows a test by default. */
#define KTEST_TIMEOUT_DEFAULT	60

struct ktest {
	const char	*name;
	enum test_status (*fn)(struct test_ctx *);
	unsigned	flags;
#define KTEST_F_EXPLICIT 0x1	/* only when named, never in test=all */
	unsigned	hv;		/* KTEST_HV_* mask; 0: any */
	unsigned	machines;	/* KTEST_M_* mask; 0: any */
	unsigned	timeout;	/* seconds, for the host; 0: default */
};

/*
 * The short form: a test that runs anywhere.  Unchanged since the first
 * tests; every test written with it keeps working.
 */
#define KTEST_DEFINE(tname, tfn, tflags)				\
	KTEST(tfn, .name = tname, .flags = tflags)

/*
 * The full form, with designated initialisers for what a test needs:
 *	KTEST(t_kvmclock, .name = "kvmclock", .hv = KTEST_HV_KVM,
 *	    .timeout = 30);
 */
#define KTEST(tfn, ...)							\
	static const struct ktest __ktest_##tfn = {			\
		.fn = tfn, __VA_ARGS__ };				\
	static const struct ktest *const __ktest_ptr_##tfn		\
	    __attribute__((__section__("set_ktests"), __used__)) =	\
	    &__ktest_##tfn

/*
 * Can t run on hypervisor hv (KTEST_HV_* bit) and machine m (KTEST_M_*
 * bit)?  If not, the skip reason goes to why, naming what it needs and
 * what is here (hvname, mname).  Pure: sys/tests/ktest_meta.c, host-tested.
 */
bool	ktest_runs_here(const struct ktest *t, unsigned hv, const char *hvname,
	    unsigned m, const char *mname, char *why, size_t whysize);
/* The names of the bits of a KTEST_HV_* or KTEST_M_* mask, ","-separated. */
size_t	ktest_hv_names(unsigned mask, char *buf, size_t size);
size_t	ktest_machine_names(unsigned mask, char *buf, size_t size);

enum test_status test_fail(struct test_ctx *, const char *, ...)
	    __printflike(2, 3);
enum test_status test_skip(struct test_ctx *, const char *, ...)
	    __printflike(2, 3);
enum test_status test_error(struct test_ctx *, const char *, ...)
	    __printflike(2, 3);
/* A TAP diagnostic line: "# ...". */
void	test_diag(const char *, ...) __printflike(1, 2);

enum run_result {
	RUN_SUCCESS,
	RUN_SKIP,
	RUN_ERROR,
	RUN_FAILURE,
};

/* Run the tests `sel` names (NULL: none).  Prints TAP and the result. */
enum run_result test_run(const char *sel, size_t sellen);

#endif /* !_SYS_TEST_H_ */
