/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's exit codes, as written to QEMU's isa-debug-exit device.
 * QEMU exits with (code << 1) | 1, so the host sees 33, 35, 37 and 39.
 * None of them is 1: QEMU also exits 1 when it fails to start, and a
 * harness must never mistake that for a guest result.  Shared with
 * assembly and with the harnesses (tests/lib.sh mirrors the values).
 */
#ifndef _SYS_EXITCODE_H_
#define _SYS_EXITCODE_H_

#define EXIT_CODE_SUCCESS	0x10	/* Test result: SUCCESS   -> QEMU 33 */
#define EXIT_CODE_FAILURE	0x11	/* FAILURE or ERROR       -> QEMU 35 */
#define EXIT_CODE_PANIC		0x12	/* panic, fatal trap      -> QEMU 37 */
#define EXIT_CODE_SKIP		0x13	/* Test result: SKIP      -> QEMU 39 */

/* isa-debug-exit as the harnesses configure it: iobase=0xf4,iosize=4 */
#define DEBUG_EXIT_PORT		0xf4

#endif /* !_SYS_EXITCODE_H_ */
