/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The blk test's body (t_blk.c), for a test that runs it again: every
 * disk read and CRC-checked, the last sector of a writable one written
 * and read back.  TEST_PASS, TEST_SKIP (no disk, or a read-only one) or
 * the failure.
 */
#ifndef _TESTS_T_BLK_H_
#define _TESTS_T_BLK_H_

#include <sys/test.h>

enum test_status blk_test_disks(struct test_ctx *ctx);

#endif /* !_TESTS_T_BLK_H_ */
