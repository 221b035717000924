/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kern_shutdown: the one way out of the kernel, and its policy.
 *
 * Order (docs/design.md): the methods registered, by rank: the
 * hypervisor's own (Xen SCHEDOP_shutdown) if the backend has one; QEMU's
 * isa-debug-exit, which is the only way to hand the host a status; ACPI
 * S5 from the FADT.  Each returns if it had no effect, and the next one
 * is tried; then the CPU halts.  `exit=` picks a single method instead.
 */
#include <sys/bootopt.h>
#include <sys/cons.h>
#include <sys/shutdown.h>
#include <sys/systm.h>

#include <kern/kern_md.h>

static const struct shutdown_method *shutdown_methods[SHUTDOWN_MAX_METHODS];
static unsigned shutdown_nmethods;

/* Kept sorted by rank; equal ranks in the order they came. */
void
shutdown_register(const struct shutdown_method *m)
{
	unsigned i;

	if (shutdown_nmethods == nitems(shutdown_methods)) {
		printf("shutdown: no slot for method %s\n", m->name);
		return;
	}
	for (i = shutdown_nmethods; i > 0 &&
	    shutdown_methods[i - 1]->rank > m->rank; i--)
		shutdown_methods[i] = shutdown_methods[i - 1];
	shutdown_methods[i] = m;
	shutdown_nmethods++;
}

void
shutdown_prepare(void)
{
	unsigned i;

	for (i = 0; i < shutdown_nmethods; i++)
		if (shutdown_methods[i]->prepare != NULL)
			shutdown_methods[i]->prepare();
}

static const char *
exit_method_name(int method)
{
	switch (method) {
	case EXIT_M_AUTO:
		return "auto";
	case EXIT_M_HV:
		return "hv";
	case EXIT_M_DEBUGEXIT:
		return "debugexit";
	case EXIT_M_ACPI:
		return "acpi";
	default:
		return "halt";
	}
}

/*
 * exit=wait: the run is over, and the guest stays until its platform
 * asks it to end (on Xen: `xl shutdown`, `xl reboot`; an `xl save` while
 * it waits is a suspend like any other), then leaves the auto way.
 * Where nobody can ask (QEMU, KVM: no toolstack channel) it says so and
 * leaves at once: a CI job must not hang on a forgotten option.
 */
static void
shutdown_wait(void)
{
	unsigned i;

	for (i = 0; i < shutdown_nmethods; i++) {
		if (shutdown_methods[i]->wait != NULL &&
		    shutdown_methods[i]->wait() == 0)
			return;
	}
	printf("shutdown: exit=wait: nothing here can ask this guest to end; "
	    "exit=auto\n");
}

void
kern_shutdown(enum shutdown_how how)
{
	static int depth;
	int method = boot_options.exit_method;
	unsigned i;

	disable_intr();
	/* A fault while flushing must not loop back through here. */
	if (depth++ == 0)
		cons_flush();
	/* exit=wait: not after a panic, and only once. */
	if (method == EXIT_M_WAIT) {
		if (how != SHUTDOWN_PANIC && depth == 1)
			shutdown_wait();
		method = EXIT_M_AUTO;
	}

	for (i = 0; i < shutdown_nmethods; i++)
		if (method == EXIT_M_AUTO ||
		    method == shutdown_methods[i]->exit_method)
			shutdown_methods[i]->shutdown(how);
	if (depth == 1) {
		printf("shutdown: no exit method worked (exit=%s), halting\n",
		    exit_method_name(method));
		cons_flush();
	}
	cpu_halt();
}
