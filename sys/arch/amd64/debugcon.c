/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Port 0xe9: QEMU's -debugcon and Bochs's "e9 hack"; Xen's own log for an
 * HVM/PVH guest (shown only with guest_loglvl=all).  One byte, one VM
 * exit: `rep outsb` is not batched by KVM or QEMU, so keep output short.
 *
 * Present when a read returns 0xe9 (QEMU's debugcon read-back value).
 */
#include <sys/cons.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>

#define DEBUGCON_PORT	0xe9

static int
debugcon_probe(void)
{
	return inb(DEBUGCON_PORT) == DEBUGCON_PORT;
}

static void
debugcon_write(const char *s, size_t n)
{
	while (n-- > 0)
		outb(DEBUGCON_PORT, (uint8_t)*s++);
}

const struct cons_sink debugcon_sink = {
	.name = "debugcon",
	.probe = debugcon_probe,
	.write = debugcon_write,
};
