/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU's isa-debug-exit as a shutdown method: it ends QEMU at once with
 * status (code << 1) | 1, the only way a guest hands the host a status.
 * Where the device is absent the port write goes nowhere and
 * kern_shutdown() tries the next method.
 */
#include <sys/bootopt.h>
#include <sys/exitcode.h>
#include <sys/shutdown.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>

static const uint8_t debugexit_codes[] = {
	[SHUTDOWN_SUCCESS] = EXIT_CODE_SUCCESS,
	[SHUTDOWN_FAILURE] = EXIT_CODE_FAILURE,
	[SHUTDOWN_PANIC] = EXIT_CODE_PANIC,
	[SHUTDOWN_SKIP] = EXIT_CODE_SKIP,
};

static void
debugexit_shutdown(enum shutdown_how how)
{
	outl(DEBUG_EXIT_PORT, debugexit_codes[how]);
}

const struct shutdown_method debugexit_method = {
	.name = "debugexit",
	.exit_method = EXIT_M_DEBUGEXIT,
	.rank = SHUTDOWN_RANK_DEBUGEXIT,
	.shutdown = debugexit_shutdown,
};
