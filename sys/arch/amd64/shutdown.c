/*
 * machine_shutdown: the one way out of the kernel.
 *
 * Order (DESIGN.md): the hypervisor backend's own shutdown (Xen
 * SCHEDOP_shutdown) if one registered; QEMU's isa-debug-exit, which is the
 * only way to hand the host a status; ACPI S5 from the FADT; halt.  Each
 * step returns if it had no effect, and the next one is tried.  `exit=`
 * picks a single method instead.
 */
#include <sys/cons.h>
#include <sys/exitcode.h>
#include <sys/shutdown.h>
#include <sys/systm.h>

#include <machine/acpi.h>
#include <machine/cpufunc.h>

static void (*shutdown_hv_fn)(enum shutdown_how);
static const char *shutdown_hv_name;

void
shutdown_register_hv(const char *name, void (*fn)(enum shutdown_how))
{
	shutdown_hv_name = name;
	shutdown_hv_fn = fn;
}

static const uint8_t exit_codes[] = {
	[SHUTDOWN_SUCCESS] = EXIT_CODE_SUCCESS,
	[SHUTDOWN_FAILURE] = EXIT_CODE_FAILURE,
	[SHUTDOWN_PANIC] = EXIT_CODE_PANIC,
	[SHUTDOWN_SKIP] = EXIT_CODE_SKIP,
};

/*
 * isa-debug-exit ends QEMU at once with (code << 1) | 1.  Where the device
 * is absent the port write goes nowhere and we carry on.
 */
static void
debug_exit(enum shutdown_how how)
{
	outl(DEBUG_EXIT_PORT, exit_codes[how]);
}

static __dead void
halt_forever(void)
{
	for (;;) {
		disable_intr();
		hlt();
	}
}

void
machine_shutdown(enum shutdown_how how)
{
	static int depth;
	int method = boot_options.exit_method;

	disable_intr();
	/* A fault while flushing must not loop back through here. */
	if (depth++ == 0)
		cons_flush();

	if ((method == EXIT_M_AUTO || method == EXIT_M_HV) &&
	    shutdown_hv_fn != NULL)
		shutdown_hv_fn(how);
	if (method == EXIT_M_AUTO || method == EXIT_M_DEBUGEXIT)
		debug_exit(how);
	if (method == EXIT_M_AUTO || method == EXIT_M_ACPI)
		acpi_poweroff();
	if (depth == 1) {
		printf("shutdown: no exit method worked (exit=%s), halting\n",
		    method == EXIT_M_AUTO ? "auto" :
		    method == EXIT_M_HV ? "hv" :
		    method == EXIT_M_DEBUGEXIT ? "debugexit" :
		    method == EXIT_M_ACPI ? "acpi" : "halt");
		cons_flush();
	}
	halt_forever();
}
