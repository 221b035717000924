/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printf and panic.  Output is collected in a small buffer and handed to
 * the console fan-out a line (or 128 bytes) at a time, so that a sink
 * with batching (a shared-memory ring) gets whole lines.
 */
#include <sys/boot.h>
#include <sys/bootopt.h>
#include <sys/cons.h>
#include <sys/counter.h>
#include <sys/shutdown.h>
#include <sys/systm.h>

#include <kern/kern_md.h>

/*
 * Messages printed before kernel_main() has the command line: `quiet`
 * cannot hold for them, and on Xen they miss the PV console.  early()
 * code notes instead (pvbus_early_note()); a panic is the one exception.
 */
static volatile uint64_t prints_before_main;
COUNTER_DEFINE(prints_before_main, "prints_before_main");

struct prf_buf {
	char	buf[128];
	size_t	len;
};

static void
prf_drain(struct prf_buf *b)
{
	cons_write(b->buf, b->len);
	b->len = 0;
}

static void
prf_emit(void *arg, const char *s, size_t n)
{
	struct prf_buf *b = arg;

	while (n-- > 0) {
		b->buf[b->len++] = *s;
		if (*s++ == '\n' || b->len == sizeof(b->buf))
			prf_drain(b);
	}
}

int
vprintf(const char *fmt, va_list ap)
{
	struct prf_buf b;
	int n;

	if (bootargs == NULL)
		prints_before_main++;
	b.len = 0;
	n = fmt_format(prf_emit, &b, fmt, ap);
	if (b.len > 0)
		prf_drain(&b);
	return n;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void
aprint_normal(const char *fmt, ...)
{
	va_list ap;

	if (boot_options.quiet)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/*
 * A panic prints one line and ends the machine with the panic status: in
 * QEMU through isa-debug-exit, on Xen as a crashed domain.  Never a hang,
 * and never a plain halt, which Xen reports as a clean poweroff.
 */
void
panic(const char *fmt, ...)
{
	static int panicking;
	va_list ap;

	disable_intr();
	if (panicking++ == 0) {
		/* So early in boot, the hypervisor's console may not be up. */
		shutdown_prepare();
		/* Every console, the muted byte-per-exit ones too. */
		cons_panic();
		printf("panic: ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
	kern_shutdown(SHUTDOWN_PANIC);
}
