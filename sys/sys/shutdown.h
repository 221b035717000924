/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ending the machine (kern_shutdown.c).  The methods register themselves
 * with a rank, the way console sinks and pvbus drivers do: the
 * hypervisor's own (pvbus: Xen's SCHEDOP_shutdown), QEMU's
 * isa-debug-exit, ACPI S5.  kern_shutdown() tries them in rank order, or
 * only the one `exit=` names, and halts if none ended the machine.
 */
#ifndef _SYS_SHUTDOWN_H_
#define _SYS_SHUTDOWN_H_

#include <sys/attr.h>

enum shutdown_how {
	SHUTDOWN_SUCCESS,
	SHUTDOWN_FAILURE,
	SHUTDOWN_PANIC,
	SHUTDOWN_SKIP,
};

/* Ranks: lower is tried first (docs/design.md, "The way out"). */
#define SHUTDOWN_RANK_HV	10	/* the hypervisor: a crash is a crash */
#define SHUTDOWN_RANK_DEBUGEXIT	20	/* the only way to hand QEMU a status */
#define SHUTDOWN_RANK_ACPI	30	/* a plain power-off, no status */

struct shutdown_method {
	const char	*name;
	int		exit_method;	/* the EXIT_M_* that selects it alone */
	int		rank;
	/*
	 * Optional, called by panic() before it prints: make the method (and
	 * the console that goes with it) usable if boot has not got that far.
	 */
	void		(*prepare)(void);
	/* End the machine; returns only if that had no effect. */
	void		(*shutdown)(enum shutdown_how);
	/*
	 * Optional, for exit=wait: say that it waits, wait until the
	 * platform asks the guest to end (Xen's toolstack: xl shutdown, xl
	 * reboot) and return 0; -1 at once if nobody here can ask.
	 */
	int		(*wait)(void);
};

#define SHUTDOWN_MAX_METHODS	4

void	shutdown_register(const struct shutdown_method *);
void	shutdown_prepare(void);
__dead void kern_shutdown(enum shutdown_how how);

#endif /* !_SYS_SHUTDOWN_H_ */
