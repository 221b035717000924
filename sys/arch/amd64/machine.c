/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Which hypervisor and machine this is, as the test registration names it (KTEST_M_*):
 * on Xen, its PVH dom0 or a domU; elsewhere QEMU's pc or q35 by the
 * host bridge at PCI 0:0.0 (configuration mechanism #1, ports
 * 0xcf8/0xcfc, PCI Local Bus 3.0 section 3.2.2.3.2), and no PCI host
 * bridge at all reads as microvm.  Asked only when a selected test
 * names machines: the two port accesses are exits.
 */
#include <sys/systm.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <kern/kern_md.h>
#include <machine/cpufunc.h>

#define PCI_CONF_ADDR		0xcf8
#define PCI_CONF_DATA		0xcfc
#define PCI_CONF_ENABLE		0x80000000U	/* bus 0, dev 0, fn 0, reg 0 */
#define PCI_ID_NONE		0xffffffffU	/* no device answers */
/* Vendor 0x8086 in the low half, device in the high half. */
#define PCI_ID_I440FX		0x12378086U	/* QEMU pc */
#define PCI_ID_Q35_MCH		0x29c08086U	/* QEMU q35 */

unsigned
machine_hv(const char **name)
{
	const struct pvbus_hv *p = pvbus_primary();

	*name = p != NULL ? p->name : "none";
	if (p == NULL)
		return KTEST_HV_NONE;
	switch (p->type) {
	case PVBUS_TCG:
		return KTEST_HV_TCG;
	case PVBUS_KVM:
		return KTEST_HV_KVM;
	case PVBUS_XEN:
		return KTEST_HV_XEN;
	default:
		return 0;		/* one no test names */
	}
}

unsigned
machine_kind(const char **name)
{
	const struct pvbus_hv *p = pvbus_primary();
	uint32_t id;

	if (p != NULL && p->type == PVBUS_XEN && xen_ready()) {
		*name = xen_dom0() ? "xen-dom0" : "xen-domu";
		return xen_dom0() ? KTEST_M_XEN_DOM0 : KTEST_M_XEN_DOMU;
	}
	outl(PCI_CONF_ADDR, PCI_CONF_ENABLE);
	id = inl(PCI_CONF_DATA);
	switch (id) {
	case PCI_ID_I440FX:
		*name = "pc";
		return KTEST_M_PC;
	case PCI_ID_Q35_MCH:
		*name = "q35";
		return KTEST_M_Q35;
	case PCI_ID_NONE:
		*name = "microvm";
		return KTEST_M_MICROVM;
	default:
		*name = "unknown";
		return 0;
	}
}
