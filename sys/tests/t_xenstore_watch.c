/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore watches against the real xenstored: a watch on a key under
 * data/ fires once when set (xenstored's initial event), again after we
 * write the key, never after we unwatch it; each event reaches its
 * callback through xenstore_poll() with the watched path and our token.
 * Every wait is bounded (XS_REQUEST_NS, the limit of one request).
 */
#include <sys/clock.h>
#include <sys/test.h>

#include <arch/xen/xenvar.h>
#include <dev/pv/pvbus.h>
#include <machine/cpufunc.h>

#define WATCH_PATH	"data/genpvh/watch"
#define WATCH_TOKEN	"genpvh-test"

static unsigned watch_fired;
static bool watch_bad;

static void
watch_cb(const char *path, const char *token, void *arg)
{
	if (arg != &watch_fired || strcmp(token, WATCH_TOKEN) != 0 ||
	    strcmp(path, WATCH_PATH) != 0)
		watch_bad = true;
	watch_fired++;
}

/* Poll until the callback ran `want` times in all, within XS_REQUEST_NS. */
static bool
watch_wait(unsigned want)
{
	uint64_t start = clock_ns();

	while (watch_fired < want) {
		if (clock_ns() - start > XS_REQUEST_NS)
			return false;
		(void)xenstore_poll();
		cpu_pause();
	}
	return true;
}

static enum test_status
test_xenstore_watch(struct test_ctx *ctx)
{
	enum xs_err e;
	unsigned after;

	if (pvbus_primary() == NULL || pvbus_primary()->type != PVBUS_XEN ||
	    !xen_ready())
		return test_skip(ctx, "not on Xen");
	if (!xenstore_present())
		return test_skip(ctx, "no xenstore ring (%s)",
		    xen_dom0() ? "dom0" : "HVM_PARAM_STORE_PFN is 0");
	watch_fired = 0;
	watch_bad = false;
	if ((e = xenstore_watch(WATCH_PATH, WATCH_TOKEN, watch_cb,
	    &watch_fired)) != XS_ERR_NONE)
		return test_fail(ctx, "watch %s: %s", WATCH_PATH,
		    xs_err_name(e));
	if (!watch_wait(1))
		return test_fail(ctx, "no initial event within %llu s",
		    XS_REQUEST_NS / 1000000000ULL);
	if ((e = xenstore_write(WATCH_PATH, "1")) != XS_ERR_NONE)
		return test_fail(ctx, "write %s: %s", WATCH_PATH,
		    xs_err_name(e));
	if (!watch_wait(2))
		return test_fail(ctx, "no event after the write");
	if ((e = xenstore_unwatch(WATCH_PATH, WATCH_TOKEN)) != XS_ERR_NONE)
		return test_fail(ctx, "unwatch: %s", xs_err_name(e));
	after = watch_fired;
	if ((e = xenstore_write(WATCH_PATH, "2")) != XS_ERR_NONE)
		return test_fail(ctx, "second write: %s", xs_err_name(e));
	/* A read is a round trip: an event sent before its reply is in. */
	(void)xenstore_read(WATCH_PATH, NULL, 0);
	(void)xenstore_poll();
	if (watch_bad)
		return test_fail(ctx, "an event with another path or token");
	if (watch_fired != after)
		return test_fail(ctx, "callback ran after unwatch");
	test_diag("xenstore_watch: %u events (initial, after the write), "
	    "none after unwatch", after);
	return TEST_PASS;
}
KTEST_DEFINE("xenstore_watch", test_xenstore_watch, 0);
