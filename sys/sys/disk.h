/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The block layer: what a disk driver (virtio-blk, Xen blkfront) offers
 * and what the rest of the kernel, and the `blk` test, use.  A driver
 * fills a struct disk and calls disk_attach(); callers go through
 * disk_read/disk_write/disk_flush, which check the range against the
 * capacity and split a request into pieces of at most max_sectors, so a
 * driver sees only requests it said it can take.
 *
 * Buffers are ordinary kernel memory (the direct map); a driver that
 * needs page-aligned or granted memory bounces through its own.
 */
#ifndef _SYS_DISK_H_
#define _SYS_DISK_H_

#include <stdbool.h>
#include <stdint.h>

#define DISK_MAX	8

/* Errors: 0 or one of these (negative). */
#define DISK_EINVAL	(-1)	/* bad disk description or argument */
#define DISK_ERANGE	(-2)	/* beyond the end of the disk */
#define DISK_EROFS	(-3)	/* write to a read-only disk */
#define DISK_EIO	(-4)	/* the device reported an error */
#define DISK_ENODEV	(-5)	/* the device stopped answering sanely */
#define DISK_ENOSPC	(-6)	/* DISK_MAX disks attached already */

struct disk;

struct disk_ops {
	int	(*read)(struct disk *, uint64_t lba, void *buf, uint32_t n);
	int	(*write)(struct disk *, uint64_t lba, const void *buf,
		    uint32_t n);
	int	(*flush)(struct disk *);
};

struct disk {
	const char	*driver;	/* "virtio-blk", "xen-blk" */
	uint64_t	sectors;
	uint32_t	sector_size;	/* bytes: a power of two >= 512 */
	uint32_t	max_sectors;	/* per request; the layer splits */
	bool		readonly;
	bool		can_flush;	/* has a volatile cache to flush */
	const struct disk_ops *ops;
	void		*softc;
};

/* 0, or a DISK_E* error for a description that makes no sense. */
int	disk_attach(struct disk *);
unsigned disk_count(void);
struct disk *disk_get(unsigned);	/* NULL past disk_count() */

/*
 * Why a family of drivers has no disk to offer here (a Xen dom0 runs the
 * backends and has no frontends), for the blk test's SKIP line when no
 * disk is attached; the string must live for the whole run.
 */
void	disk_note_absent(const char *why);
const char *disk_absent_reason(void);	/* NULL if nobody said */

/* n sectors at lba; 0 or a DISK_E* error. */
int	disk_read(struct disk *, uint64_t lba, void *buf, uint32_t n);
int	disk_write(struct disk *, uint64_t lba, const void *buf, uint32_t n);
/* 0 at once when the disk has no cache to flush (!can_flush). */
int	disk_flush(struct disk *);
const char *disk_strerror(int);

#endif /* !_SYS_DISK_H_ */
