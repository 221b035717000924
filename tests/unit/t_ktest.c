/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test registration metadata (sys/tests/ktest_meta.c): a test registered
 * for some hypervisors or machines runs exactly there and is skipped
 * elsewhere with a reason naming both sides; the `test=list` names.
 */
/* sources: sys/tests/ktest_meta.c sys/lib/format.c */
#include <stdbool.h>

#include <sys/test.h>

#include "tap.h"

static enum test_status
nop(struct test_ctx *ctx)
{
	(void)ctx;
	return TEST_PASS;
}

int
main(void)
{
	const struct ktest any = { .name = "any", .fn = nop };
	const struct ktest kvm = { .name = "k", .fn = nop,
	    .hv = KTEST_HV_KVM };
	const struct ktest pvxen = { .name = "x", .fn = nop,
	    .hv = KTEST_HV_KVM | KTEST_HV_XEN,
	    .machines = KTEST_M_PC | KTEST_M_XEN_DOMU };
	char why[160], buf[64];

	ok(ktest_runs_here(&any, KTEST_HV_TCG, "tcg", KTEST_M_MICROVM,
	    "microvm", why, sizeof(why)), "no requirements: runs on TCG");
	ok(ktest_runs_here(&any, 0, "bhyve", 0, "unknown", why, sizeof(why)),
	    "no requirements: runs on an unknown hypervisor and machine");
	ok(ktest_runs_here(&kvm, KTEST_HV_KVM, "kvm", KTEST_M_PC, "pc", why,
	    sizeof(why)), "KVM test runs on KVM");
	ok(!ktest_runs_here(&kvm, KTEST_HV_TCG, "tcg", KTEST_M_PC, "pc", why,
	    sizeof(why)), "KVM test does not run on TCG");
	is_str(why, "not on KVM (hv=tcg)", "its skip reason");
	ok(!ktest_runs_here(&pvxen, KTEST_HV_NONE, "none", KTEST_M_PC, "pc",
	    why, sizeof(why)), "KVM-or-Xen test does not run without a hypervisor");
	is_str(why, "not on KVM or Xen (hv=none)", "its skip reason");
	ok(ktest_runs_here(&pvxen, KTEST_HV_XEN, "xen", KTEST_M_XEN_DOMU,
	    "xen-domu", why, sizeof(why)), "runs on a Xen domU");
	ok(!ktest_runs_here(&pvxen, KTEST_HV_XEN, "xen", KTEST_M_XEN_DOM0,
	    "xen-dom0", why, sizeof(why)), "not on Xen's dom0");
	is_str(why, "needs pc or a Xen domU (machine=xen-dom0)",
	    "its skip reason names the machines");
	ok(!ktest_runs_here(&pvxen, KTEST_HV_KVM, "kvm", KTEST_M_MICROVM,
	    "microvm", why, sizeof(why)), "not on KVM microvm");
	ok(!ktest_runs_here(&pvxen, KTEST_HV_KVM, "kvm", 0, "unknown", why,
	    sizeof(why)), "not on a machine nobody knows");

	ktest_hv_names(0, buf, sizeof(buf));
	is_str(buf, "any", "hv list: any");
	ktest_hv_names(KTEST_HV_TCG | KTEST_HV_XEN, buf, sizeof(buf));
	is_str(buf, "tcg,xen", "hv list: tcg,xen");
	ktest_machine_names(KTEST_M_Q35 | KTEST_M_MICROVM | KTEST_M_XEN_DOM0,
	    buf, sizeof(buf));
	is_str(buf, "q35,microvm,xen-dom0", "machine list");
	is_int(ktest_machine_names(KTEST_M_PC | KTEST_M_Q35, buf, 4), 6,
	    "a short buffer: the full length returned, as snprintf");
	is_str(buf, "pc,", "and the output cut, NUL-terminated");
	return done_testing();
}
