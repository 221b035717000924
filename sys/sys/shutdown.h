/*
 * Ending the machine.  The way out depends on where we run: a hypervisor
 * backend (Xen's SCHEDOP_shutdown) if one registered, else QEMU's
 * isa-debug-exit, else ACPI S5, else halt.  `exit=` on the command line
 * forces one of them.
 */
#ifndef _SYS_SHUTDOWN_H_
#define _SYS_SHUTDOWN_H_

#include <sys/systm.h>

enum shutdown_how {
	SHUTDOWN_SUCCESS,
	SHUTDOWN_FAILURE,
	SHUTDOWN_PANIC,
	SHUTDOWN_SKIP,
};

__dead void machine_shutdown(enum shutdown_how how);

/*
 * A backend's own shutdown; it returns only if it failed.  One at most:
 * the hypervisor the kernel runs on.
 */
void	shutdown_register_hv(const char *name, void (*fn)(enum shutdown_how));

#endif /* !_SYS_SHUTDOWN_H_ */
