/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-console (virtio 1.2, 5.3) as a batched console sink: every
 * write is copied into a buffer of ours and posted as one descriptor on
 * port 0's transmit queue with one notification (printf hands the
 * console a line; the replay of the early buffer is one write), not an
 * exit per byte as on port 0xe9.
 *
 * Port 0 only, without VIRTIO_CONSOLE_F_MULTIPORT: QEMU gives its first
 * virtconsole port 0, and when the driver does not negotiate multiport
 * it opens port 0 itself once DRIVER_OK is set (hw/char/
 * virtio-serial-bus.c, set_status()), so no control queue is needed;
 * Firecracker and Cloud Hypervisor have single-port consoles.  The
 * receive queue is not set up: output only.
 *
 * A write does not wait for the device: under nested KVM the device's
 * QEMU may only get to the queue when our vCPU is preempted, and a wait
 * per line cost ~4 ms each (measured: boot_us 84 ms with a wait per
 * line against 70 ms for port 0xe9 byte by byte).  It waits only when
 * the buffer or the queue is full, and at flush() (shutdown, panic), so
 * every line is on the host before the guest goes away.  Polled: no
 * interrupt.  A device that breaks the queue protocol or stops answering
 * is reset and the console detached: the other consoles take over.
 */
#include <sys/cons.h>
#include <sys/systm.h>

#include <dev/virtio/virtio_console.h>
#include <dev/virtio/virtio_mmio.h>

/* 5.3.2 Virtqueues: port 0's receiveq, then its transmitq */
#define VCONS_RXQ		0
#define VCONS_TXQ		1
/* Writes in flight at most; our choice (a boot prints ~20 lines). */
#define VCONS_QUEUE		16
/* The buffer writes are copied to: one page; our choice. */
#define VCONS_BUF_SIZE		4096

static struct {
	struct virtio_mmio_dev *dev;
	struct virtq	q;
	size_t		off;		/* next free byte of buf */
	bool		dead;
	uint64_t	writes, notifies, waits;
} vcons;
/* Written before the device reads it: not zeroed (one page touched). */
static char vcons_buf[VCONS_BUF_SIZE] __noinit __aligned(VCONS_BUF_SIZE);

static void vcons_write(const char *s, size_t n);
static void vcons_flush(void);

static const struct cons_sink vcons_sink = {
	.name = "virtio-console",
	.write = vcons_write,
	.flush = vcons_flush,
	.flags = CONS_BATCHED,		/* one notification per write */
};

static void
vcons_fail(int r)
{
	vcons.dead = true;
	virtio_mmio_fail(vcons.dev);
	/* The other consoles catch up, then say why. */
	cons_detach(&vcons_sink);
	printf("virtio-console%u: %s; device reset, console detached\n",
	    vcons.dev->unit, r == 0 ? "no answer" : r == VIRTQ_EBROKEN ?
	    vcons.q.error : "queue refused a buffer");
}

/*
 * Every buffer back from the device (each wait bounded): then the whole
 * buffer is free again.  0, or what failed.
 */
static int
vcons_drain(void)
{
	uint16_t head;
	uint32_t len;
	int r;

	if (vcons.q.inflight > 0)
		vcons.waits++;
	while (vcons.q.inflight > 0)
		if ((r = virtio_mmio_poll(&vcons.q, &head, &len)) != 1)
			return r;
	vcons.off = 0;
	return 0;
}

static void
vcons_write(const char *s, size_t n)
{
	struct virtq_seg seg;
	uint16_t head;
	size_t chunk;
	int r;

	while (n > 0 && !vcons.dead) {
		chunk = MIN(n, sizeof(vcons_buf));
		if ((chunk > sizeof(vcons_buf) - vcons.off ||
		    vcons.q.nfree == 0) && (r = vcons_drain()) != 0) {
			vcons_fail(r);
			return;
		}
		memcpy(vcons_buf + vcons.off, s, chunk);
		/* Kernel memory is mapped 1:1: its address is its pa. */
		seg = (struct virtq_seg){ (uint64_t)(uintptr_t)(vcons_buf +
		    vcons.off), (uint32_t)chunk, false };
		if ((r = virtq_add(&vcons.q, &seg, 1, &head)) != 0) {
			vcons_fail(r);
			return;
		}
		virtio_mmio_notify(vcons.dev, VCONS_TXQ);
		vcons.writes++;
		vcons.notifies++;
		vcons.off += chunk;
		s += chunk;
		n -= chunk;
	}
}

static void
vcons_flush(void)
{
	int r;

	if (!vcons.dead && (r = vcons_drain()) != 0)
		vcons_fail(r);
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

void
virtio_console_get_stats(struct virtio_console_stats *st)
{
	st->attached = vcons.dev != NULL;
	st->dead = vcons.dead;
	st->writes = vcons.writes;
	st->notifies = vcons.notifies;
	st->waits = vcons.waits;
	st->inflight = vcons.q.inflight;
}

static const struct virtio_driver virtio_console_driver = {
	.name = "virtio-console",
	.device_id = VIRTIO_ID_CONSOLE,
	.attach = vcons_attach,
};
VIRTIO_DRIVER(virtio_console_driver);
