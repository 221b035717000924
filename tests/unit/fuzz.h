/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every libFuzzer target here shares: the entry points libFuzzer
 * calls, and check(), which turns a broken invariant into a crash with a
 * one-line reason, so that libFuzzer keeps the input that did it.
 */
#ifndef _TESTS_UNIT_FUZZ_H_
#define _TESTS_UNIT_FUZZ_H_

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static inline void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "invariant broken: %s\n", what);
		abort();
	}
}

/*
 * Write one seed input as dir/name (FUZZ_SEED_DIR, which tests/unit/run
 * hands every target).  A seed that cannot be written is only a slower
 * start for libFuzzer, not an error.
 */
static inline void
fuzz_write_seed(const char *dir, const char *name, const void *buf,
    size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) != NULL) {
		fwrite(buf, 1, len, f);
		fclose(f);
	}
}

#endif /* !_TESTS_UNIT_FUZZ_H_ */
