/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypercall page.  CPUID leaf base+2 gives the number of pages (EAX)
 * and the MSR (EBX) to which the guest writes a page's physical address;
 * Xen then fills it with one stub per hypercall.  The MSR is not fixed:
 * it moves with the leaf base (0x40000000 with Xen alone, 0x40000200 when
 * Hyper-V's leaves come first), so it is always taken from CPUID.
 *
 * The page lives in .bss, inside the first 2 MiB, where every page has its
 * own PTE: after Xen has filled it, it becomes read-only and executable,
 * so the kernel keeps W^X.
 */
#include <sys/pmap.h>
#include <sys/systm.h>

#include <arch/xen/hypercall.h>
#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>
#include <machine/pte.h>

#include <xen/hvm/hvm_op.h>
#include <xen/version.h>

/* Zeroed by xen_hypercall_init(), not at boot: only Xen uses it. */
char xen_hypercall_page[PAGE_SIZE] __aligned(PAGE_SIZE) __noinit;

static uint32_t xen_features_map;
uint32_t xen_hypercall_msr;

/* Xen's stub for hypercall nr starts "mov $nr, %eax" (0xb8, nr). */
static bool
hypercall_page_filled(void)
{
	const volatile uint8_t *stub = (const volatile uint8_t *)
	    &xen_hypercall_page[__HYPERVISOR_xen_version * 32];
	unsigned i;

	if (stub[0] != 0xb8 || stub[1] != __HYPERVISOR_xen_version)
		return false;
	for (i = 0; i < PAGE_SIZE; i++)
		if (xen_hypercall_page[i] != 0)
			return true;
	return false;
}

int
xen_hypercall_init(const struct pvbus_hv *hv)
{
	uint64_t pa = (uint64_t)(uintptr_t)xen_hypercall_page;
	struct xen_feature_info fi;
	uint32_t r[4];

	if (hv->max_leaf < hv->base + 2) {
		pvbus_early_note(true, "xen: cpuid max leaf %#x has no "
		    "hypercall leaf %#x", hv->max_leaf, hv->base + 2);
		return -1;
	}
	cpuid(hv->base + 2, r);
	if (r[0] == 0 || r[1] == 0) {
		pvbus_early_note(true, "xen: cpuid %#x: %u hypercall pages "
		    "at msr %#x", hv->base + 2, r[0], r[1]);
		return -1;
	}
	memset(xen_hypercall_page, 0, sizeof(xen_hypercall_page));
	wrmsr(r[1], pa);
	if (!hypercall_page_filled()) {
		pvbus_early_note(true, "xen: hypercall page at %#lx not "
		    "filled after wrmsr %#x", (unsigned long)pa, r[1]);
		return -1;
	}
	pmap_set_exec_ro(pa);
	xen_hypercall_msr = r[1];	/* nonzero (checked above): ready */

	fi.submap_idx = 0;
	if (HYPERVISOR_xen_version(XENVER_get_features, &fi) == 0)
		xen_features_map = fi.submap;
	return 0;
}

bool
xen_hypercall_ready(void)
{
	return xen_hypercall_msr != 0;
}

/* Features 0..31 (the only submap defined so far). */
int
xen_feature(unsigned feature)
{
	return feature < 32 && (xen_features_map & (1U << feature)) != 0;
}

int
xen_hvm_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };

	if (HYPERVISOR_hvm_op(HVMOP_get_param, &p) != 0)
		return -1;
	*value = p.value;
	return 0;
}
