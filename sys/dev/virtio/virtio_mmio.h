/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-mmio (virtio 1.2, 4.2): where the windows come from, and the
 * transport a driver uses on one.
 *
 * Discovery (virtio_mmio_bus.c, run from pvbus_attach()): windows named
 * by `virtio_mmio.device=<size>[KMG]@<base>:<irq>[:<id>]` on the command
 * line (Linux's syntax, which Firecracker and QEMU's microvm write) and
 * by LNRO0005 devices in the ACPI DSDT (QEMU's microvm with ACPI).  Each
 * is checked (not in RAM, not on the kernel, not on another window, a
 * sane size, in the direct map), then probed (magic, version 2, a device
 * ID), listed, and handed to the driver registered for its device ID
 * (VIRTIO_DRIVER).  Anything wrong is one line and the window is
 * skipped; nothing a window answers can fault the kernel.
 *
 * Interrupts are not used: drivers poll the used ring.  The irq of a
 * window is recorded and printed only.
 */
#ifndef _DEV_VIRTIO_VIRTIO_MMIO_H_
#define _DEV_VIRTIO_VIRTIO_MMIO_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dev/virtio/virtqueue.h>

/* Linux's limit for a window is none; ours, a sanity bound on input. */
#define VIRTIO_MMIO_WIN_MIN	VIRTIO_MMIO_CONFIG	/* the register file */
#define VIRTIO_MMIO_WIN_MAX	(1024 * 1024)
#define VIRTIO_MMIO_MAX		16		/* windows we keep */

struct virtio_mmio_win {
	uint64_t	base;
	uint64_t	size;
	uint32_t	irq;
	int32_t		id;		/* cmdline :<id>, ACPI _UID, or -1 */
	const char	*src;		/* "cmdline" or "acpi" */
};

struct virtio_mmio_dev {
	struct virtio_mmio_win win;
	volatile uint8_t *regs;
	uint32_t	device_id;
	uint32_t	vendor_id;
	unsigned	unit;		/* index among devices of its type */
	uint64_t	features;	/* negotiated */
};

/* A driver for one device ID: attach() returns 0 if it took the device. */
struct virtio_driver {
	const char	*name;
	uint32_t	device_id;
	int		(*attach)(struct virtio_mmio_dev *);
};

#define VIRTIO_DRIVER(sym)						\
	static const struct virtio_driver *const __virtio_ptr_##sym	\
	    __attribute__((__section__("set_virtio_drivers"), __used__)) = &sym

/* Discovery: find, check, list and attach every window (once). */
void	virtio_mmio_attach(void);

/*
 * Transport (virtio_mmio.c).  virtio_mmio_negotiate() resets the device,
 * sets ACKNOWLEDGE and DRIVER, offers want & device features, requires
 * VIRTIO_F_VERSION_1 and FEATURES_OK; 0 or -1 (device reset, *why set).
 * virtio_mmio_queue() sets up queue qidx with up to max entries from the
 * boot allocator.  virtio_mmio_fail() sets FAILED and resets: after it
 * the device owns no memory of ours.
 */
uint32_t virtio_mmio_read(const struct virtio_mmio_dev *, uint32_t off);
void	virtio_mmio_write(const struct virtio_mmio_dev *, uint32_t off,
	    uint32_t v);
int	virtio_mmio_negotiate(struct virtio_mmio_dev *, uint64_t want,
	    const char **why);
int	virtio_mmio_queue(struct virtio_mmio_dev *, uint32_t qidx,
	    uint16_t max, struct virtq *q, const char **why);
void	virtio_mmio_driver_ok(struct virtio_mmio_dev *);
void	virtio_mmio_notify(struct virtio_mmio_dev *, uint32_t qidx);
void	virtio_mmio_fail(struct virtio_mmio_dev *);
/* Device configuration space (4.2.2): off from VIRTIO_MMIO_CONFIG. */
uint32_t virtio_mmio_config32(const struct virtio_mmio_dev *, uint32_t off);
uint64_t virtio_mmio_config64(const struct virtio_mmio_dev *, uint32_t off);
/*
 * Wait for one used chain on q: 1, or VIRTQ_EBROKEN, or 0 after
 * VIRTIO_POLL_SECONDS (the device never answered).  Polling: no
 * interrupt is routed.
 */
#define VIRTIO_POLL_SECONDS	30
int	virtio_mmio_poll(struct virtq *q, uint16_t *head, uint32_t *len);

/*
 * Pure parts (virtio_mmio_parse.c, host-tested): one command-line value
 * (after "virtio_mmio.device="), the LNRO0005 devices of an AML blob,
 * and the placement checks of a window.  Each returns 0 or -1 with a
 * one-line reason in why.
 */
int	virtio_mmio_parse_arg(const char *v, size_t len,
	    struct virtio_mmio_win *w, char *why, size_t whysize);
typedef void (*virtio_mmio_found_t)(void *arg,
	    const struct virtio_mmio_win *w);
unsigned virtio_mmio_aml_scan(const uint8_t *aml, uint32_t len,
	    virtio_mmio_found_t found, void *arg);
struct bootinfo;
struct bi_kernel;
int	virtio_mmio_win_check(const struct virtio_mmio_win *w,
	    const struct virtio_mmio_win *taken, unsigned ntaken,
	    const struct bootinfo *bi, const struct bi_kernel *k,
	    char *why, size_t whysize);

#endif /* !_DEV_VIRTIO_VIRTIO_MMIO_H_ */
