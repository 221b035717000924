/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel command line: space-separated options, `name` or
 * `name=value`.  Unknown options are reported and ignored, never fatal:
 * loaders and xl configs add their own.
 */
#ifndef _SYS_CMDLINE_H_
#define _SYS_CMDLINE_H_

#include <sys/bootopt.h>
#include <sys/systm.h>

typedef void (*cmdline_warn_t)(const char *msg);

/* Returns the number of warnings; fills *o (zeroed first). */
int	cmdline_parse(const char *cmdline, struct boot_options *o,
	    cmdline_warn_t warn);

#endif /* !_SYS_CMDLINE_H_ */
