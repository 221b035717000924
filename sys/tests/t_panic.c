/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test=panic: the panic path, on purpose.  Explicit only (never part of
 * test=all): the harnesses use it to check that a panic ends the machine
 * with the panic status (QEMU) or as a crashed domain (Xen), not a hang.
 */
#include <sys/test.h>

static enum test_status
t_panic(struct test_ctx *ctx)
{
	(void)ctx;
	panic("deliberate panic (test=panic)");
}
KTEST_DEFINE("panic", t_panic, KTEST_F_EXPLICIT);
