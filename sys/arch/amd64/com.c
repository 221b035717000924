/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * COM1, an 8250/16550 UART at I/O port 0x3f8: QEMU pc, q35 and microvm
 * have one unless -serial none; Firecracker and Cloud Hypervisor too.
 * Every register access is a VM exit, so the FIFO is used: wait for an
 * empty transmitter once, then write up to 16 bytes.
 */
#include <sys/cons.h>
#include <sys/systm.h>

#include <machine/cpufunc.h>

#define COM1		0x3f8
#define COM_THR		0	/* transmit holding */
#define COM_IER		1	/* interrupt enable */
#define COM_DLL		0	/* divisor latch, with LCR_DLAB */
#define COM_DLM		1
#define COM_FCR		2	/* FIFO control */
#define COM_LCR		3	/* line control */
#define COM_MCR		4	/* modem control */
#define COM_LSR		5	/* line status */
#define COM_SCR		7	/* scratch */
#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS	0x03
#define LSR_THRE	0x20	/* transmit FIFO empty */
#define COM_FIFO_SIZE	16
#define COM_SPIN_MAX	100000	/* a wedged UART must not hang the kernel */

/*
 * An 8250 has a scratch register that keeps what is written; an empty
 * port reads back 0xff whatever was written.
 */
static int
com_probe(void)
{
	outb(COM1 + COM_SCR, 0x5a);
	if (inb(COM1 + COM_SCR) != 0x5a)
		return 0;
	outb(COM1 + COM_IER, 0);
	outb(COM1 + COM_LCR, LCR_DLAB);
	outb(COM1 + COM_DLL, 1);		/* 115200 baud */
	outb(COM1 + COM_DLM, 0);
	outb(COM1 + COM_LCR, LCR_8N1);
	outb(COM1 + COM_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + COM_MCR, MCR_DTR_RTS);
	return 1;
}

static void
com_write(const char *s, size_t n)
{
	unsigned spin, k;

	while (n > 0) {
		for (spin = 0; spin < COM_SPIN_MAX; spin++)
			if (inb(COM1 + COM_LSR) & LSR_THRE)
				break;
		for (k = 0; k < COM_FIFO_SIZE && n > 0; k++, n--)
			outb(COM1 + COM_THR, (uint8_t)*s++);
	}
}

const struct cons_sink com_sink = {
	.name = "com1",
	.probe = com_probe,
	.write = com_write,
};
