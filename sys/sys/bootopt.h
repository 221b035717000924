/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot options: the kernel command line once parsed (kern_cmdline.c).
 * Filled by kernel_main() before anything reads them; all zero (no
 * `quiet`, exit=auto) before that, which is what an early panic sees.
 */
#ifndef _SYS_BOOTOPT_H_
#define _SYS_BOOTOPT_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* exit=: one way out instead of all of them in order (kern_shutdown.c). */
#define EXIT_M_AUTO	0
#define EXIT_M_DEBUGEXIT 1		/* QEMU's isa-debug-exit */
#define EXIT_M_ACPI	2		/* ACPI S5 */
#define EXIT_M_HALT	3		/* none: halt */
#define EXIT_M_HV	4		/* the hypervisor's own (Xen SCHEDOP) */
#define EXIT_M_WAIT	5		/* the toolstack's request, then auto */

/* A value kept as a pointer into the command line (which lives on). */
struct bootopt_str {
	const char	*s;
	size_t		len;
};

/* console= may be given several times, as on Linux. */
#define BOOTOPT_MAX_CONSOLE 4

struct boot_options {
	bool		quiet;		/* `quiet`: no boot chatter */
	bool		tslog;		/* `tslog`: dump the boot trace */
	bool		exitmark;	/* `exitmark`: CPUID marker at end of boot */
	int		exit_method;	/* `exit=`: EXIT_M_* */
	const char	*tests;		/* `test=` value, NULL if absent */
	size_t		tests_len;
	/* `hosttime=`: the host's time, Unix seconds; 0 if absent. */
	uint64_t	hosttime;
	struct bootopt_str console[BOOTOPT_MAX_CONSOLE];  /* `console=` */
	unsigned	nconsole;
};

extern struct boot_options boot_options;	/* main.c */

#endif /* !_SYS_BOOTOPT_H_ */
