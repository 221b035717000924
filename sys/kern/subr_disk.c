/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The block layer: a table of attached disks, and the checks every
 * request passes before a driver sees it.  A driver's description is
 * checked once at attach (a size that came from a device is untrusted);
 * each request is checked against it and split by max_sectors.
 */
#include <sys/disk.h>
#include <sys/systm.h>

static struct disk *disks[DISK_MAX];
static unsigned ndisks;

int
disk_attach(struct disk *d)
{
	if (d == NULL || d->ops == NULL || d->ops->read == NULL ||
	    d->ops->write == NULL || (d->can_flush && d->ops->flush == NULL))
		return DISK_EINVAL;
	/* powerof2 and >= 512: buffers are sized by it (blk test, bounces). */
	if (d->sectors == 0 || d->sector_size < 512 ||
	    (d->sector_size & (d->sector_size - 1)) != 0 ||
	    d->max_sectors == 0 || d->sectors > UINT64_MAX / d->sector_size)
		return DISK_EINVAL;	/* the size in bytes must fit 64 bits */
	if (ndisks == DISK_MAX)
		return DISK_ENOSPC;
	disks[ndisks] = d;
	aprint_normal("disk%u at %s: %llu sectors of %u bytes%s\n", ndisks,
	    d->driver, (unsigned long long)d->sectors, d->sector_size,
	    d->readonly ? ", read-only" : "");
	ndisks++;
	return 0;
}

static const char *disk_absent_why;

void
disk_note_absent(const char *why)
{
	disk_absent_why = why;
}

const char *
disk_absent_reason(void)
{
	return disk_absent_why;
}

unsigned
disk_count(void)
{
	return ndisks;
}

struct disk *
disk_get(unsigned i)
{
	return i < ndisks ? disks[i] : NULL;
}

/* Written so that lba + n cannot overflow. */
static int
disk_check(const struct disk *d, uint64_t lba, const void *buf, uint32_t n)
{
	if (buf == NULL)
		return DISK_EINVAL;
	if (n > d->sectors || lba > d->sectors - n)
		return DISK_ERANGE;
	return 0;
}

int
disk_read(struct disk *d, uint64_t lba, void *buf, uint32_t n)
{
	uint32_t k;
	int error;

	if ((error = disk_check(d, lba, buf, n)) != 0)
		return error;
	for (; n > 0; n -= k, lba += k) {
		k = MIN(n, d->max_sectors);
		if ((error = d->ops->read(d, lba, buf, k)) != 0)
			return error;
		buf = (char *)buf + (size_t)k * d->sector_size;
	}
	return 0;
}

int
disk_write(struct disk *d, uint64_t lba, const void *buf, uint32_t n)
{
	uint32_t k;
	int error;

	if ((error = disk_check(d, lba, buf, n)) != 0)
		return error;
	if (d->readonly)
		return DISK_EROFS;
	for (; n > 0; n -= k, lba += k) {
		k = MIN(n, d->max_sectors);
		if ((error = d->ops->write(d, lba, buf, k)) != 0)
			return error;
		buf = (const char *)buf + (size_t)k * d->sector_size;
	}
	return 0;
}

int
disk_flush(struct disk *d)
{
	/* No volatile cache: every completed write is already stable. */
	if (!d->can_flush)
		return 0;
	return d->ops->flush(d);
}

const char *
disk_strerror(int error)
{
	static const char *const msg[] = {
		[-DISK_EINVAL] = "invalid argument",
		[-DISK_ERANGE] = "beyond the end of the disk",
		[-DISK_EROFS] = "read-only disk",
		[-DISK_EIO] = "I/O error reported by the device",
		[-DISK_ENODEV] = "device not answering",
		[-DISK_ENOSPC] = "too many disks",
	};

	if (error == 0)
		return "no error";
	if (error < 0 && -error < (int)nitems(msg) && msg[-error] != NULL)
		return msg[-error];
	return "unknown error";
}
