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

struct ktest {
	const char	*name;
	enum test_status (*fn)(struct test_ctx *);
	unsigned	flags;
#define KTEST_F_EXPLICIT 0x1	/* only when named, never in test=all */
};

#define KTEST_DEFINE(tname, tfn, tflags)				\
	static const struct ktest __ktest_##tfn = {			\
		.name = tname, .fn = tfn, .flags = tflags };		\
	static const struct ktest *const __ktest_ptr_##tfn		\
	    __attribute__((__section__("set_ktests"), __used__)) =	\
	    &__ktest_##tfn

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
