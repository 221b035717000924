/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-console (virtio_console.c): what the in-guest test
 * (sys/tests/t_vcons.c) reads of the driver.
 */
#ifndef _DEV_VIRTIO_VIRTIO_CONSOLE_H_
#define _DEV_VIRTIO_VIRTIO_CONSOLE_H_

#include <stdbool.h>
#include <stdint.h>

struct virtio_console_stats {
	bool		attached;	/* a device, and the console sink */
	bool		dead;		/* reset after a failure, detached */
	uint64_t	writes;		/* descriptors posted */
	uint64_t	notifies;	/* notifications: VM exits */
	uint64_t	waits;		/* waits for the device (buffer full) */
	uint16_t	inflight;	/* buffers the device has not returned */
};

void	virtio_console_get_stats(struct virtio_console_stats *);

#endif /* !_DEV_VIRTIO_VIRTIO_CONSOLE_H_ */
