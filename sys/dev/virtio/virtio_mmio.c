/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtio-mmio transport, version 2 (virtio 1.2, 4.2.3): device
 * initialization (3.1.1), virtqueue setup, notification, and the wait
 * for a used buffer.  Every register read is a VM exit and may return
 * anything: values that size memory are clamped, and every wait has a
 * bound.
 */
#include <sys/bootalloc.h>
#include <sys/clock.h>
#include <sys/counter.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <dev/virtio/virtio_mmio.h>
#include <machine/cpufunc.h>
#include <machine/ioapic.h>
#include <machine/lapic.h>
#include <machine/specialreg.h>
#include <machine/trap.h>

/* Reads of STATUS after a reset before giving up on the device. */
#define VIRTIO_RESET_READS	1000000
/*
 * The wake-up timer's period in LAPIC bus clocks: 10 ms at the 1 GHz
 * that QEMU and KVM emulate.  It only bounds how late a lost interrupt
 * is noticed; the wait's bound is VIRTIO_POLL_SECONDS on the TSC.
 */
#define VIRTIO_WAKE_TICKS	10000000

/* 4.2.2: InterruptStatus bits. */
#define VIRTIO_MMIO_INT_VRING	0x1	/* used buffer notification */
#define VIRTIO_MMIO_INT_CONFIG	0x2	/* configuration change */

static volatile uint64_t virtio_intr, virtio_wake;
COUNTER_DEFINE(virtio_intr, "virtio_intr");
COUNTER_DEFINE(virtio_wake, "virtio_wake");
static struct virtio_mmio_dev *vm_vec_dev[VIRTIO_MMIO_MAX];

uint32_t
virtio_mmio_read(const struct virtio_mmio_dev *d, uint32_t off)
{
	return *(volatile uint32_t *)(d->regs + off);
}

void
virtio_mmio_write(const struct virtio_mmio_dev *d, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(d->regs + off) = v;
}

static void
set_status(struct virtio_mmio_dev *d, uint32_t bits)
{
	virtio_mmio_write(d, VIRTIO_MMIO_STATUS,
	    virtio_mmio_read(d, VIRTIO_MMIO_STATUS) | bits);
}

/* 4.2.3.1: a write of 0 resets; the device says when it is done. */
static int
reset(struct virtio_mmio_dev *d)
{
	unsigned i;

	virtio_mmio_write(d, VIRTIO_MMIO_STATUS, 0);
	for (i = 0; i < VIRTIO_RESET_READS; i++)
		if (virtio_mmio_read(d, VIRTIO_MMIO_STATUS) == 0)
			return 0;
	return -1;
}

void
virtio_mmio_fail(struct virtio_mmio_dev *d)
{
	set_status(d, VIRTIO_S_FAILED);
	(void)reset(d);
	if (d->intr) {
		ioapic_mask(d->gsi);
		d->intr = false;
	}
}

/*
 * A window's interrupt: acknowledge what the device says it raised
 * (4.2.3.4), which lowers its level-triggered line before the EOI, so
 * the I/O APIC does not deliver it again.
 */
static void
vm_intr(struct trapframe *tf)
{
	struct virtio_mmio_dev *d;
	uint32_t st;

	if (tf != NULL && tf->tf_vector >= VIRTIO_VECTOR_BASE &&
	    tf->tf_vector - VIRTIO_VECTOR_BASE < VIRTIO_MMIO_MAX &&
	    (d = vm_vec_dev[tf->tf_vector - VIRTIO_VECTOR_BASE]) != NULL) {
		st = virtio_mmio_read(d, VIRTIO_MMIO_INTERRUPT_STATUS);
		virtio_mmio_write(d, VIRTIO_MMIO_INTERRUPT_ACK,
		    st & (VIRTIO_MMIO_INT_VRING | VIRTIO_MMIO_INT_CONFIG));
		virtio_intr++;
	}
	lapic_eoi();
}

static void
vm_wake(struct trapframe *tf)
{
	(void)tf;
	virtio_wake++;
	lapic_eoi();
}

void
virtio_mmio_intr_setup(struct virtio_mmio_dev *d, unsigned idx)
{
	const char *why;
	uint8_t vec = (uint8_t)(VIRTIO_VECTOR_BASE + idx);

	d->intr = false;
	if (idx >= VIRTIO_MMIO_MAX)
		why = "no vector left";
	else if (ioapic_route(d->win.irq, vec, true, false, &d->gsi,
	    &why) == 0) {
		vm_vec_dev[idx] = d;
		intr_establish(vec, vm_intr);
		if (!intr_established(VIRTIO_WAKE_VECTOR))
			intr_establish(VIRTIO_WAKE_VECTOR, vm_wake);
		d->vector = vec;
		d->intr = true;
		aprint_normal("virtio-mmio%u: irq %u -> gsi %u, vector %#x\n",
		    idx, d->win.irq, d->gsi, vec);
		return;
	}
	aprint_normal("virtio-mmio%u: irq %u not routed (%s): polled\n", idx,
	    d->win.irq, why);
}

int
virtio_mmio_negotiate(struct virtio_mmio_dev *d, uint64_t want,
    const char **why)
{
	uint64_t f;

	if (reset(d) != 0) {
		*why = "device does not finish its reset";
		return -1;
	}
	set_status(d, VIRTIO_S_ACKNOWLEDGE);
	set_status(d, VIRTIO_S_DRIVER);
	virtio_mmio_write(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	f = (uint64_t)virtio_mmio_read(d, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	virtio_mmio_write(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	f |= virtio_mmio_read(d, VIRTIO_MMIO_DEVICE_FEATURES);
	if (!(f & (1ULL << VIRTIO_F_VERSION_1))) {
		*why = "no VIRTIO_F_VERSION_1";
		goto fail;
	}
	d->features = f & (want | 1ULL << VIRTIO_F_VERSION_1);
	virtio_mmio_write(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	virtio_mmio_write(d, VIRTIO_MMIO_DRIVER_FEATURES,
	    (uint32_t)(d->features >> 32));
	virtio_mmio_write(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	virtio_mmio_write(d, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)d->features);
	set_status(d, VIRTIO_S_FEATURES_OK);
	/* 3.1.1 step 6: the device may refuse what we chose. */
	if (!(virtio_mmio_read(d, VIRTIO_MMIO_STATUS) & VIRTIO_S_FEATURES_OK)) {
		*why = "device refused FEATURES_OK";
		goto fail;
	}
	return 0;
fail:
	virtio_mmio_fail(d);
	return -1;
}

int
virtio_mmio_queue(struct virtio_mmio_dev *d, uint32_t qidx, uint16_t max,
    struct virtq *q, const char **why)
{
	uint32_t nmax;
	uint16_t num;
	size_t bytes;
	uint64_t pa;

	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_SEL, qidx);
	if (virtio_mmio_read(d, VIRTIO_MMIO_QUEUE_READY) != 0) {
		*why = "queue already in use after reset";
		return -1;
	}
	if ((nmax = virtio_mmio_read(d, VIRTIO_MMIO_QUEUE_NUM_MAX)) == 0) {
		*why = "queue not available";
		return -1;
	}
	/* The largest power of 2 both sides allow (2.7: sizes are 2^n). */
	for (num = 1; (uint32_t)num * 2 <= MIN(nmax, max); num *= 2)
		continue;
	bytes = virtq_mem_size(num);
	pa = bootalloc_pages((bytes + BI_PAGE_SIZE - 1) / BI_PAGE_SIZE);
	virtq_init(q, num, pmap_phys_ptr(pa, bytes), pa);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_NUM, num);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q->desc_pa);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, q->desc_pa >> 32);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_AVAIL_LOW, (uint32_t)q->avail_pa);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, q->avail_pa >> 32);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_USED_LOW, (uint32_t)q->used_pa);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_USED_HIGH, q->used_pa >> 32);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_READY, 1);
	return 0;
}

void
virtio_mmio_driver_ok(struct virtio_mmio_dev *d)
{
	set_status(d, VIRTIO_S_DRIVER_OK);
}

void
virtio_mmio_notify(struct virtio_mmio_dev *d, uint32_t qidx)
{
	/* The avail index is in memory before the device is told. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	virtio_mmio_write(d, VIRTIO_MMIO_QUEUE_NOTIFY, qidx);
}

uint32_t
virtio_mmio_config32(const struct virtio_mmio_dev *d, uint32_t off)
{
	return virtio_mmio_read(d, VIRTIO_MMIO_CONFIG + off);
}

/* 4.2.3.1.1 / 2.5.1: a 64-bit field is two reads; retry if it changed. */
uint64_t
virtio_mmio_config64(const struct virtio_mmio_dev *d, uint32_t off)
{
	uint32_t gen, lo, hi, tries;

	for (tries = 0;; tries++) {
		gen = virtio_mmio_read(d, VIRTIO_MMIO_CONFIG_GENERATION);
		lo = virtio_mmio_config32(d, off);
		hi = virtio_mmio_config32(d, off + 4);
		if (gen == virtio_mmio_read(d, VIRTIO_MMIO_CONFIG_GENERATION) ||
		    tries == 8)
			return (uint64_t)hi << 32 | lo;
	}
}

/* VIRTIO_POLL_SECONDS on the TSC (1 GHz if its rate is unknown). */
static uint64_t
vm_wait_ticks(void)
{
	uint64_t khz = tsc_khz() != 0 ? tsc_khz() : 1000000;

	return khz * 1000 * VIRTIO_POLL_SECONDS;
}

int
virtio_mmio_poll(struct virtq *q, uint16_t *head, uint32_t *len)
{
	uint64_t t0 = rdtsc(), ticks = vm_wait_ticks();
	int r;

	while ((r = virtq_get(q, head, len)) == 0) {
		if (rdtsc() - t0 > ticks)
			return 0;
		cpu_pause();
	}
	return r;
}

int
virtio_mmio_wait(struct virtio_mmio_dev *d, struct virtq *q, uint16_t *head,
    uint32_t *len)
{
	uint64_t t0 = rdtsc(), ticks = vm_wait_ticks(), rflags;
	int r;

	/* No wake-up, no halt: a lost interrupt would hang it for good. */
	if (!d->intr ||
	    lapic_timer_periodic(VIRTIO_WAKE_VECTOR, VIRTIO_WAKE_TICKS) != 0)
		return virtio_mmio_poll(q, head, len);
	rflags = read_rflags();
	disable_intr();
	while ((r = virtq_get(q, head, len)) == 0) {
		if (rdtsc() - t0 > ticks)
			break;
		intr_halt();
	}
	lapic_timer_stop();
	if (rflags & RFLAGS_IF)
		enable_intr();
	return r;
}
