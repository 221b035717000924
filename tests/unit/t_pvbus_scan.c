/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypervisor identification from CPUID signatures, with a fake cpuid.
 */
/* sources: sys/dev/pv/pvbus_scan.c */
#include <stdint.h>

#include <dev/pv/pvbus.h>

#include "tap.h"

struct fake_leaf {
	uint32_t leaf;
	uint32_t regs[4];
};

static const struct fake_leaf *fake;
static unsigned fake_n, calls;

static void
sig_regs(uint32_t regs[4], uint32_t max, const char *sig)
{
	regs[0] = max;
	memcpy(&regs[1], sig, 4);
	memcpy(&regs[2], sig + 4, 4);
	memcpy(&regs[3], sig + 8, 4);
}

/* Unknown leaves return what Intel returns: the highest basic leaf. */
static void
fake_cpuid(uint32_t leaf, uint32_t regs[4])
{
	unsigned i;

	calls++;
	for (i = 0; i < fake_n; i++) {
		if (fake[i].leaf == leaf) {
			memcpy(regs, fake[i].regs, 16);
			return;
		}
	}
	regs[0] = 0x00000001;
	regs[1] = 0x00000340;
	regs[2] = 0x00000000;
	regs[3] = 0x80000000;
}

static unsigned
scan(struct fake_leaf *leaves, unsigned n, struct pvbus_hv *hv)
{
	fake = leaves;
	fake_n = n;
	calls = 0;
	return pvbus_scan(fake_cpuid, hv, PVBUS_MAX_HV);
}

int
main(void)
{
	struct fake_leaf l[4];
	struct pvbus_hv hv[PVBUS_MAX_HV];
	unsigned n;

	memset(l, 0, sizeof(l));
	l[0].leaf = 0x40000000;
	sig_regs(l[0].regs, 0x40000001, "KVMKVMKVM\0\0\0");
	l[1].leaf = 0x40000001;
	l[1].regs[0] = 0x0100fafb;
	n = scan(l, 2, hv);
	is_int(n, 1, "KVM found");
	ok(hv[0].type == PVBUS_KVM && strcmp(hv[0].name, "kvm") == 0, "as kvm");
	is_int(hv[0].base, 0x40000000, "at 0x40000000");
	is_int(hv[0].leaf1[0], 0x0100fafb, "features from base+1");
	is_int(calls, 3, "three cpuid calls (base, base+1, next block)");

	/* Xen behind viridian: Hyper-V first, Xen at 0x40000100. */
	sig_regs(l[0].regs, 0x40000005, "Microsoft Hv");
	l[1].leaf = 0x40000100;
	sig_regs(l[1].regs, 0x40000105, "XenVMMXenVMM");
	l[2].leaf = 0x40000101;
	l[2].regs[0] = 0x00040011;
	n = scan(l, 3, hv);
	is_int(n, 2, "Hyper-V and Xen found");
	ok(hv[0].type == PVBUS_HYPERV && hv[1].type == PVBUS_XEN, "in order");
	is_int(hv[1].base, 0x40000100, "Xen at 0x40000100");
	is_int(hv[1].max_leaf, 0x40000105, "Xen max leaf");
	is_int(hv[1].leaf1[0], 0x00040011, "Xen version from base+1");

	sig_regs(l[0].regs, 0x40000001, "TCGTCGTCGTCG");
	n = scan(l, 1, hv);
	ok(n == 1 && hv[0].type == PVBUS_TCG, "QEMU TCG");

	sig_regs(l[0].regs, 0x40000010, "Some New HV!");
	n = scan(l, 1, hv);
	ok(n == 1 && hv[0].type == PVBUS_UNKNOWN &&
	    memcmp(hv[0].sig, "Some New HV!", 12) == 0,
	    "unknown printable signature kept as unknown");

	/* Garbage: non-printable bytes end the scan at once. */
	l[0].regs[1] = 0x01020304;
	n = scan(l, 1, hv);
	is_int(n, 0, "non-printable signature: nothing found");
	is_int(calls, 1, "one cpuid call");

	/* A max leaf outside the block is junk too. */
	sig_regs(l[0].regs, 0x12345678, "KVMKVMKVM\0\0\0");
	n = scan(l, 1, hv);
	is_int(n, 0, "max leaf outside its block: rejected");

	/* Old KVM: EAX 0 means base + 1. */
	sig_regs(l[0].regs, 0, "KVMKVMKVM\0\0\0");
	n = scan(l, 1, hv);
	ok(n == 1 && hv[0].max_leaf == 0x40000001, "EAX 0 read as base + 1");

	/* All-NUL signature is not a hypervisor. */
	memset(l[0].regs, 0, 16);
	n = scan(l, 1, hv);
	is_int(n, 0, "all-zero leaf: nothing");
	return done_testing();
}
