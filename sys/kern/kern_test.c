/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The in-guest test runner.  Selection: `test=all` (every test not marked
 * explicit), `test=none`, or a comma-separated list of names, where a
 * trailing `*` matches a prefix (`test=trap*`); `-NAME` leaves a test out
 * (`test=all,-breakpoint`, for a hypervisor known to die on int3).  A
 * name that matches nothing is reported as `not ok` with ERROR: a typo
 * must not pass.
 *
 * A test registered with the hypervisors or machines it needs
 * (KTEST(..., .hv = ..., .machines = ...)) is reported as SKIP, with
 * what it needs and what is here, where it cannot run; it is not called.
 * `test=list` prints every test's registration, one line each, for the
 * host runner (tools/genpvh-run), and runs none.
 *
 * The run's result: FAILURE if a test failed, else ERROR if one erred,
 * else SUCCESS if at least one passed, else SKIP (everything skipped).
 */
#include <sys/counter.h>
#include <sys/test.h>

#include <kern/kern_md.h>

extern const struct ktest *const __start_set_ktests[];
extern const struct ktest *const __stop_set_ktests[];

static const char *const result_names[] = {
	[RUN_SUCCESS] = "SUCCESS",
	[RUN_SKIP] = "SKIP",
	[RUN_ERROR] = "ERROR",
	[RUN_FAILURE] = "FAILURE",
};

static enum test_status
test_set(struct test_ctx *ctx, enum test_status st, const char *fmt,
    va_list ap)
{
	fmt_vsnprintf(ctx->reason, sizeof(ctx->reason), fmt, ap);
	return st;
}

enum test_status
test_fail(struct test_ctx *ctx, const char *fmt, ...)
{
	enum test_status st;
	va_list ap;

	va_start(ap, fmt);
	st = test_set(ctx, TEST_FAIL, fmt, ap);
	va_end(ap);
	return st;
}

enum test_status
test_skip(struct test_ctx *ctx, const char *fmt, ...)
{
	enum test_status st;
	va_list ap;

	va_start(ap, fmt);
	st = test_set(ctx, TEST_SKIP, fmt, ap);
	va_end(ap);
	return st;
}

enum test_status
test_error(struct test_ctx *ctx, const char *fmt, ...)
{
	enum test_status st;
	va_list ap;

	va_start(ap, fmt);
	st = test_set(ctx, TEST_ERROR, fmt, ap);
	va_end(ap);
	return st;
}

void
test_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* Does the selector word w (length n) pick test t? */
static bool
word_matches(const char *w, size_t n, const struct ktest *t)
{
	if (n == 3 && memcmp(w, "all", 3) == 0)
		return !(t->flags & KTEST_F_EXPLICIT);
	if (n > 0 && w[n - 1] == '*')
		return strncmp(t->name, w, n - 1) == 0 &&
		    !(t->flags & KTEST_F_EXPLICIT);
	return strlen(t->name) == n && memcmp(t->name, w, n) == 0;
}

/* Is t left out by a `-NAME` word anywhere in the selector? */
static bool
excluded(const char *sel, size_t len, const struct ktest *t)
{
	const char *w = sel, *end = sel + len, *c;

	for (; w < end; w = c + 1) {
		for (c = w; c < end && *c != ','; c++)
			continue;
		if (c - w > 1 && *w == '-' &&
		    word_matches(w + 1, (size_t)(c - w - 1), t))
			return true;
	}
	return false;
}

/* Calls fn for every (word, matching test) pair; counts words that miss. */
static unsigned
for_each_selected(const char *sel, size_t len,
    void (*fn)(const struct ktest *, const char *, size_t, void *), void *arg)
{
	const struct ktest *const *t;
	const char *w = sel, *end = sel + len, *c;
	unsigned count = 0;
	bool hit;

	while (w < end) {
		for (c = w; c < end && *c != ','; c++)
			continue;
		hit = (size_t)(c - w) == 4 && memcmp(w, "none", 4) == 0;
		for (t = __start_set_ktests; t < __stop_set_ktests; t++) {
			/* -NAME must name a test too: a typo must not pass. */
			if (c - w > 1 && *w == '-') {
				hit |= word_matches(w + 1, (size_t)(c - w - 1),
				    *t);
				continue;
			}
			if (!word_matches(w, (size_t)(c - w), *t))
				continue;
			hit = true;
			if (!excluded(sel, len, *t)) {
				count++;
				fn(*t, w, (size_t)(c - w), arg);
			}
		}
		if (!hit && c > w) {
			count++;
			fn(NULL, w, (size_t)(c - w), arg);
		}
		w = c + 1;
	}
	return count;
}

struct run_state {
	unsigned	n;
	unsigned	passed, failed, skipped, errors;
};

static void
count_one(const struct ktest *t, const char *w, size_t n, void *arg)
{
	(void)t, (void)w, (void)n, (void)arg;
}

/* This platform, as the registrations name it; the machine on demand. */
static bool
runs_here(const struct ktest *t, struct test_ctx *ctx)
{
	static unsigned mbit;
	static const char *mname;
	const char *hvname;
	unsigned hv;

	hv = machine_hv(&hvname);
	/* Probing the machine costs exits: only for tests that ask. */
	if (t->machines != KTEST_M_ANY && mname == NULL)
		mbit = machine_kind(&mname);
	return ktest_runs_here(t, hv, hvname, mbit,
	    mname != NULL ? mname : "unknown", ctx->reason,
	    sizeof(ctx->reason));
}

static void
run_one(const struct ktest *t, const char *w, size_t wlen, void *arg)
{
	struct run_state *rs = arg;
	struct test_ctx ctx;
	enum test_status st;
	char name[64 * 4 + 1];

	rs->n++;
	if (t == NULL) {
		/* A name from the command line: escaped. */
		fmt_escape(name, sizeof(name), w, MIN(wlen, 64));
		printf("not ok %u - %s # ERROR no such test\n", rs->n, name);
		rs->errors++;
		return;
	}
	ctx.reason[0] = '\0';
	st = runs_here(t, &ctx) ? t->fn(&ctx) : TEST_SKIP;
	switch (st) {
	case TEST_PASS:
		printf("ok %u - %s\n", rs->n, t->name);
		rs->passed++;
		break;
	case TEST_SKIP:
		printf("ok %u - %s # SKIP %s\n", rs->n, t->name, ctx.reason);
		rs->skipped++;
		break;
	case TEST_ERROR:
		printf("not ok %u - %s # ERROR %s\n", rs->n, t->name,
		    ctx.reason);
		rs->errors++;
		break;
	default:
		printf("not ok %u - %s # %s\n", rs->n, t->name, ctx.reason);
		rs->failed++;
		break;
	}
}

/*
 * test=list: "ktest: name=N explicit=0|1 hv=any|kvm,xen,...
 * machines=any|pc,... timeout=S", in registration order.
 */
static void
test_list(void)
{
	const struct ktest *const *t;
	char hv[64], m[64];

	for (t = __start_set_ktests; t < __stop_set_ktests; t++) {
		(void)ktest_hv_names((*t)->hv, hv, sizeof(hv));
		(void)ktest_machine_names((*t)->machines, m, sizeof(m));
		printf("ktest: name=%s explicit=%d hv=%s machines=%s "
		    "timeout=%u\n", (*t)->name,
		    ((*t)->flags & KTEST_F_EXPLICIT) != 0, hv, m,
		    (*t)->timeout != 0 ? (*t)->timeout : KTEST_TIMEOUT_DEFAULT);
	}
}

enum run_result
test_run(const char *sel, size_t sellen)
{
	struct run_state rs = { 0, 0, 0, 0, 0 };
	enum run_result r;
	unsigned planned;

	if (sel != NULL && sellen == 4 && memcmp(sel, "list", 4) == 0) {
		test_list();
		sel = NULL;
	}
	if (sel != NULL) {
		planned = for_each_selected(sel, sellen, count_one, NULL);
		if (planned > 0) {
			printf("1..%u\n", planned);
			for_each_selected(sel, sellen, run_one, &rs);
		}
	}
	if (rs.failed > 0)
		r = RUN_FAILURE;
	else if (rs.errors > 0)
		r = RUN_ERROR;
	else if (rs.passed > 0 || rs.n == 0)
		r = RUN_SUCCESS;
	else
		r = RUN_SKIP;
	if (rs.n > 0)
		printf("# %u passed, %u failed, %u skipped, %u errors\n",
		    rs.passed, rs.failed, rs.skipped, rs.errors);
	counters_print(rs.n > 0);
	printf("Test result: %s\n", result_names[r]);
	return r;
}
