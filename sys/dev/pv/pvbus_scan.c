/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypervisor identification by CPUID signature.  Pure: the cpuid
 * instruction comes in as a function, so the host tests can play any
 * hypervisor (or a bare CPU, or garbage).
 */
#include <lib/libkern.h>
#include <dev/pv/pvbus.h>

static const struct {
	const char	sig[13];
	enum pvbus_type	type;
	const char	*name;
} pvbus_signatures[] = {
	{ "XenVMMXenVMM", PVBUS_XEN, "xen" },
	{ "KVMKVMKVM\0\0\0", PVBUS_KVM, "kvm" },
	{ "TCGTCGTCGTCG", PVBUS_TCG, "tcg" },
	{ "Microsoft Hv", PVBUS_HYPERV, "hyperv" },
	{ "bhyve bhyve ", PVBUS_BHYVE, "bhyve" },
	{ "VMwareVMware", PVBUS_VMWARE, "vmware" },
	{ "ACRNACRNACRN", PVBUS_ACRN, "acrn" },
	{ "VBoxVBoxVBox", PVBUS_VBOX, "vbox" },
	{ " lrpepyh  vr", PVBUS_PARALLELS, "parallels" },
	{ "Jailhouse\0\0\0", PVBUS_JAILHOUSE, "jailhouse" },
	{ "OpenBSDVMM58", PVBUS_OPENBSD, "openbsd" },
	{ "___ NVMM ___", PVBUS_NVMM, "nvmm" },
	{ "QNXQVMBSQG\0\0", PVBUS_QNX, "qnx" },
};

/* Printable ASCII or NUL (KVM's and Jailhouse's signatures end in NULs). */
static bool
sig_plausible(const char sig[12])
{
	bool any = false;
	int i;

	for (i = 0; i < 12; i++) {
		unsigned char c = (unsigned char)sig[i];

		if (c != 0 && (c < 0x20 || c > 0x7e))
			return false;
		any |= c != 0;
	}
	return any;
}

unsigned
pvbus_scan(pvbus_cpuid_t cpuid_fn, struct pvbus_hv *out, unsigned max)
{
	uint32_t regs[4], base;
	unsigned n = 0, i;
	char sig[12];

	for (base = PVBUS_LEAF_FIRST; base <= PVBUS_LEAF_LAST && n < max;
	    base += PVBUS_LEAF_STEP) {
		cpuid_fn(base, regs);
		memcpy(sig + 0, &regs[1], 4);
		memcpy(sig + 4, &regs[2], 4);
		memcpy(sig + 8, &regs[3], 4);
		if (!sig_plausible(sig))
			break;
		/* EAX is the block's highest leaf; anything else is junk. */
		if (regs[0] != 0 && (regs[0] < base ||
		    regs[0] >= base + PVBUS_LEAF_STEP))
			break;

		memset(&out[n], 0, sizeof(out[n]));
		memcpy(out[n].sig, sig, 12);
		out[n].base = base;
		/* Some hypervisors (old KVM) leave EAX 0: means base + 1. */
		out[n].max_leaf = regs[0] != 0 ? regs[0] : base + 1;
		out[n].type = PVBUS_UNKNOWN;
		out[n].name = "unknown";
		for (i = 0; i < nitems(pvbus_signatures); i++) {
			if (memcmp(pvbus_signatures[i].sig, sig, 12) == 0) {
				out[n].type = pvbus_signatures[i].type;
				out[n].name = pvbus_signatures[i].name;
				break;
			}
		}
		if (out[n].max_leaf >= base + 1)
			cpuid_fn(base + 1, out[n].leaf1);
		n++;
	}
	return n;
}
