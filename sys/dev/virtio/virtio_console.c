/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-console (virtio 1.2, 5.3) as a batched console sink: every
 * write is one descriptor on port 0's transmit queue and one
 * notification (printf hands the console a line; the replay of the
 * early buffer is one write), not an exit per byte as on port 0xe9.
 *
 * Port 0 only, without VIRTIO_CONSOLE_F_MULTIPORT: QEMU gives its first
 * virtconsole port 0, and when the driver does not negotiate multiport
 * it opens port 0 itself once DRIVER_OK is set (hw/char/
 * virtio-serial-bus.c, set_status()), so no control queue is needed;
 * Firecracker and Cloud Hypervisor have single-port consoles.  The
 * receive queue is not set up: output only.
 *
 * Polled: a write waits until the device has used its buffer, so the
 * descriptor can point at the caller's own memory (kernel memory is
 * mapped 1:1) and the line is on the host before the next one, a panic
 * included.  A device that breaks the queue protocol or stops answering
 * is reset and the console detached: the other consoles take over.
 */
#include <sys/cons.h>
#include <sys/systm.h>

#include <dev/virtio/virtio_mmio.h>

/* 5.3.2 Virtqueues: port 0's receiveq, then its transmitq */
#define VCONS_RXQ		0
#define VCONS_TXQ		1
/* Entries: one write in flight (we wait for each); our choice. */
#define VCONS_QUEUE		2
/* Bytes per descriptor: bounds one notification's work; our choice. */
#define VCONS_WRITE_MAX		(64 * 1024)

static struct {
	struct virtio_mmio_dev *dev;
	struct virtq	q;
	bool		dead;
} vcons;

static void vcons_write(const char *s, size_t n);

static const struct cons_sink vcons_sink = {
	.name = "virtio-console",
	.write = vcons_write,
	.flags = CONS_BATCHED,		/* one notification per write */
};

static void
vcons_write(const char *s, size_t n)
{
	struct virtq_seg seg;
	uint16_t head;
	uint32_t len;
	int r;

	while (n > 0 && !vcons.dead) {
		seg = (struct virtq_seg){ (uint64_t)(uintptr_t)s,
		    (uint32_t)MIN(n, VCONS_WRITE_MAX), false };
		if ((r = virtq_add(&vcons.q, &seg, 1, &head)) == 0) {
			virtio_mmio_notify(vcons.dev, VCONS_TXQ);
			r = virtio_mmio_poll(&vcons.q, &head, &len);
		}
		if (r != 1) {
			vcons.dead = true;
			virtio_mmio_fail(vcons.dev);
			/* The other consoles catch up, then say why. */
			cons_detach(&vcons_sink);
			printf("virtio-console%u: %s; device reset, console "
			    "detached\n", vcons.dev->unit, r == 0 ?
			    "no answer" : r == VIRTQ_EBROKEN ? vcons.q.error :
			    "queue refused a buffer");
			return;
		}
		s += seg.len;
		n -= seg.len;
	}
}

static int
vcons_attach(struct virtio_mmio_dev *dev)
{
	const char *why;

	if (vcons.dev != NULL) {
		aprint_normal("virtio-console%u: not used (one console is "
		    "enough)\n", dev->unit);
		return -1;
	}
	/* No feature of ours: not SIZE, MULTIPORT or EMERG_WRITE. */
	if (virtio_mmio_negotiate(dev, 0, &why) != 0 ||
	    virtio_mmio_queue(dev, VCONS_TXQ, VCONS_QUEUE, &vcons.q,
	    &why) != 0) {
		printf("virtio-console%u: %s\n", dev->unit, why);
		virtio_mmio_fail(dev);
		return -1;
	}
	virtio_mmio_driver_ok(dev);
	vcons.dev = dev;
	aprint_normal("virtio-console%u: port 0, transmit queue of %u\n",
	    dev->unit, vcons.q.num);
	/* Gets everything printed so far, in one write. */
	cons_register(&vcons_sink);
	return 0;
}

static const struct virtio_driver virtio_console_driver = {
	.name = "virtio-console",
	.device_id = VIRTIO_ID_CONSOLE,
	.attach = vcons_attach,
};
VIRTIO_DRIVER(virtio_console_driver);
