/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore round trip: read our domid and name, write a value under
 * data/ (where a domU may write) and read it back, and read a key that
 * does not exist, which must come back as the daemon's ENOENT error.
 */
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>

static enum test_status
test_xenstore(struct test_ctx *ctx)
{
	char val[64], back[64];
	enum xs_err e;

	if (!xen_ready())
		return test_error(ctx, "on Xen, but its backend did not attach");
	if (!xenstore_present())
		return test_skip(ctx, "no xenstore ring (%s)",
		    xen_dom0() ? "dom0" : "HVM_PARAM_STORE_PFN is 0");
	if ((e = xenstore_read("domid", val, sizeof(val))) != XS_ERR_NONE)
		return test_fail(ctx, "read domid: %s", xs_err_name(e));
	if (val[0] < '0' || val[0] > '9')
		return test_fail(ctx, "domid \"%s\" is not a number", val);
	snprintf(val, sizeof(val), "genpvh-%llx",
	    (unsigned long long)rdtsc());
	if ((e = xenstore_write("data/genpvh/roundtrip", val)) != XS_ERR_NONE)
		return test_fail(ctx, "write data/genpvh/roundtrip: %s",
		    xs_err_name(e));
	if ((e = xenstore_read("data/genpvh/roundtrip", back, sizeof(back))) !=
	    XS_ERR_NONE)
		return test_fail(ctx, "read back data/genpvh/roundtrip: %s",
		    xs_err_name(e));
	if (strcmp(val, back) != 0)
		return test_fail(ctx, "wrote \"%s\", read back \"%s\"", val,
		    back);
	e = xenstore_read("data/genpvh/no-such-key", back, sizeof(back));
	if (e != XS_ERR_ENOENT)
		return test_fail(ctx, "missing key: got %s, want ENOENT",
		    xs_err_name(e));
	test_diag("xenstore: wrote and read back \"%s\"; missing key gave "
	    "ENOENT", val);
	return TEST_PASS;
}
KTEST(test_xenstore, .name = "xenstore", .hv = KTEST_HV_XEN);
