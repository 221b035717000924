/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test registration metadata: does a test run here, and the names of
 * the hypervisors and machines it needs.  Pure (no I/O), so the host unit
 * test (tests/unit/t_ktest.c) runs it as the kernel does.
 */
#include <sys/test.h>

struct mask_name {
	unsigned	bit;
	const char	*list;		/* in `test=list`, for the runner */
	const char	*human;		/* in a skip reason */
};

static const struct mask_name hv_names[] = {
	{ KTEST_HV_NONE, "none", "bare metal" },
	{ KTEST_HV_TCG, "tcg", "TCG" },
	{ KTEST_HV_KVM, "kvm", "KVM" },
	{ KTEST_HV_XEN, "xen", "Xen" },
};

static const struct mask_name machine_names[] = {
	{ KTEST_M_PC, "pc", "pc" },
	{ KTEST_M_Q35, "q35", "q35" },
	{ KTEST_M_MICROVM, "microvm", "microvm" },
	{ KTEST_M_XEN_DOMU, "xen-domu", "a Xen domU" },
	{ KTEST_M_XEN_DOM0, "xen-dom0", "Xen's dom0" },
};

/* "a, b or c" (human) or "a,b,c" (list) for the bits of mask. */
static size_t
names(const struct mask_name *tab, size_t n, unsigned mask, bool human,
    char *buf, size_t size)
{
	size_t i, len = 0, k = 0, count = 0;
	int r;

	for (i = 0; i < n; i++)
		count += (mask & tab[i].bit) != 0;
	if (size > 0)
		buf[0] = '\0';
	if (count == 0)
		return (size_t)fmt_snprintf(buf, size, "any");
	for (i = 0; i < n; i++) {
		if (!(mask & tab[i].bit))
			continue;
		k++;
		r = fmt_snprintf(buf + MIN(len, size), size - MIN(len, size),
		    "%s%s", k == 1 ? "" : !human ? "," : k == count ? " or " :
		    ", ", human ? tab[i].human : tab[i].list);
		if (r > 0)
			len += (size_t)r;
	}
	return len;
}

size_t
ktest_hv_names(unsigned mask, char *buf, size_t size)
{
	return names(hv_names, nitems(hv_names), mask, false, buf, size);
}

size_t
ktest_machine_names(unsigned mask, char *buf, size_t size)
{
	return names(machine_names, nitems(machine_names), mask, false, buf,
	    size);
}

bool
ktest_runs_here(const struct ktest *t, unsigned hv, const char *hvname,
    unsigned m, const char *mname, char *why, size_t whysize)
{
	char need[96];

	if (t->hv != KTEST_HV_ANY && !(t->hv & hv)) {
		(void)names(hv_names, nitems(hv_names), t->hv, true, need,
		    sizeof(need));
		fmt_snprintf(why, whysize, "not on %s (hv=%s)", need, hvname);
		return false;
	}
	if (t->machines != KTEST_M_ANY && !(t->machines & m)) {
		(void)names(machine_names, nitems(machine_names), t->machines,
		    true, need, sizeof(need));
		fmt_snprintf(why, whysize, "needs %s (machine=%s)", need,
		    mname);
		return false;
	}
	return true;
}
