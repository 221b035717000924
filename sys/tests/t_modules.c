/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * modules: a CRC-32 of every module as the kernel sees it, one line each,
 * `module<i>: size=<bytes> crc32=<hex>`, for the harness to compare with
 * the file it handed the loader.  The test itself checks only that each
 * module is readable; the harness checks the bytes.
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/pmap.h>
#include <sys/test.h>

static enum test_status
t_modules(struct test_ctx *ctx)
{
	const struct bi_module *m;
	const void *p;
	unsigned i;

	if (bootargs->bi->nmodules == 0)
		return test_skip(ctx, "no modules were loaded");
	for (i = 0; i < bootargs->bi->nmodules; i++) {
		m = &bootargs->bi->modules[i];
		if (m->size == 0) {
			printf("module%u: size=0 crc32=00000000\n", i);
			continue;
		}
		if ((p = pmap_phys_read(m->base, m->size)) == NULL)
			return test_fail(ctx, "module %u at %#llx is not "
			    "mapped", i, (unsigned long long)m->base);
		printf("module%u: size=%llu crc32=%08x\n", i,
		    (unsigned long long)m->size, crc32_update(0, p, m->size));
	}
	return TEST_PASS;
}
KTEST_DEFINE("modules", t_modules, 0);
