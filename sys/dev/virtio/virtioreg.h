/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Virtio 1.x constants: the device status, the feature bits, the split
 * virtqueue layout and the MMIO register file.  Section numbers are those
 * of "Virtual I/O Device (VIRTIO) Version 1.2" (OASIS, 2022).
 */
#ifndef _DEV_VIRTIO_VIRTIOREG_H_
#define _DEV_VIRTIO_VIRTIOREG_H_

#include <stdint.h>

/* 2.1 Device Status Field */
#define VIRTIO_S_ACKNOWLEDGE	0x01
#define VIRTIO_S_DRIVER		0x02
#define VIRTIO_S_DRIVER_OK	0x04
#define VIRTIO_S_FEATURES_OK	0x08
#define VIRTIO_S_NEEDS_RESET	0x40
#define VIRTIO_S_FAILED		0x80

/* 6 Reserved Feature Bits */
#define VIRTIO_F_VERSION_1	32

/* 5 Device Types: the IDs we name in messages */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4

/* 2.7.5 The Virtqueue Descriptor Table */
#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2
/* 2.7 Split Virtqueues: queue sizes are powers of 2, at most 32768 */
#define VIRTQ_SIZE_MAX		32768

struct virtq_desc {
	uint64_t	addr;
	uint32_t	len;
	uint16_t	flags;
	uint16_t	next;
};

/* 2.7.6 The Virtqueue Available Ring: flags, idx, ring[size] */
struct virtq_avail {
	uint16_t	flags;
	uint16_t	idx;
	uint16_t	ring[];
};

/* 2.7.8 The Virtqueue Used Ring: flags, idx, ring[size] */
struct virtq_used_elem {
	uint32_t	id;		/* head of the used descriptor chain */
	uint32_t	len;		/* bytes the device wrote into it */
};

struct virtq_used {
	uint16_t	flags;
	uint16_t	idx;
	struct virtq_used_elem ring[];
};

/* 2.7.5, 2.7.6, 2.7.8: alignment of the three parts (split queue) */
#define VIRTQ_DESC_ALIGN	16
#define VIRTQ_AVAIL_ALIGN	2
#define VIRTQ_USED_ALIGN	4

/* 4.2.2 MMIO Device Register Layout (version 2, non-legacy) */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000	/* "virt", little-endian */
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define VIRTIO_MMIO_CONFIG		0x100	/* device-specific */

#define VIRTIO_MMIO_MAGIC	0x74726976
#define VIRTIO_MMIO_VERSION_LEGACY 1
#define VIRTIO_MMIO_VERSION_1X	2

#endif /* !_DEV_VIRTIO_VIRTIOREG_H_ */
