/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blk: every attached disk, whatever its driver.  One line each,
 * `disk<i>: driver=<name> sectors=<n> sector_size=<bytes> crc32=<hex>`,
 * the zlib CRC-32 of the first MiB (or the whole disk if smaller) for
 * the harness to compare with the image it handed the hypervisor; then
 * the last sector is written with `genpvh-disk-test` x32 per 512 bytes,
 * flushed, read back and compared (`disk<i>: write ok`), and the harness
 * finds the pattern in the image after the guest exits.  A read-only
 * disk prints `disk<i>: write SKIP <reason>` and makes the result SKIP.
 */
#include <sys/disk.h>
#include <sys/test.h>

#include <tests/t_blk.h>

#define BLK_CRC_BYTES	(1024 * 1024)
#define BLK_BUF		8192		/* the largest sector we test */
#define BLK_PATTERN	"genpvh-disk-test"	/* 16 bytes, x32 = 512 */

static uint8_t blk_buf[BLK_BUF], blk_pat[BLK_BUF];

static enum test_status
blk_one(struct test_ctx *ctx, unsigned i, struct disk *d, bool *skipped)
{
	uint64_t left, bytes;
	uint32_t crc = 0, n, k;
	uint64_t lba;
	size_t j;
	int error;

	if (d->sector_size > BLK_BUF)
		return test_error(ctx, "disk%u: sector size %u > %u", i,
		    d->sector_size, BLK_BUF);
	bytes = d->sectors * d->sector_size;	/* disk_attach: no overflow */
	left = MIN(bytes, (uint64_t)BLK_CRC_BYTES);
	/* The layer must refuse a request past the end, not the device. */
	if ((error = disk_read(d, d->sectors, blk_buf, 1)) != DISK_ERANGE)
		return test_fail(ctx, "disk%u: read past the end gave %d", i,
		    error);
	for (lba = 0; left > 0; lba += n, left -= k) {
		n = BLK_BUF / d->sector_size;
		if ((uint64_t)n * d->sector_size > left)
			n = (uint32_t)(left / d->sector_size);
		k = n * d->sector_size;
		if ((error = disk_read(d, lba, blk_buf, n)) != 0)
			return test_fail(ctx, "disk%u: read %u at %llu: %s",
			    i, n, (unsigned long long)lba,
			    disk_strerror(error));
		crc = crc32_update(crc, blk_buf, k);
	}
	printf("disk%u: driver=%s sectors=%llu sector_size=%u crc32=%08x\n",
	    i, d->driver, (unsigned long long)d->sectors, d->sector_size, crc);

	if (d->readonly) {
		printf("disk%u: write SKIP read-only disk\n", i);
		*skipped = true;
		return TEST_PASS;
	}
	for (j = 0; j < d->sector_size; j += sizeof(BLK_PATTERN) - 1)
		memcpy(blk_pat + j, BLK_PATTERN, sizeof(BLK_PATTERN) - 1);
	lba = d->sectors - 1;
	if ((error = disk_write(d, lba, blk_pat, 1)) != 0 ||
	    (error = disk_flush(d)) != 0)
		return test_fail(ctx, "disk%u: write/flush of sector %llu: %s",
		    i, (unsigned long long)lba, disk_strerror(error));
	memset(blk_buf, 0, d->sector_size);
	if ((error = disk_read(d, lba, blk_buf, 1)) != 0)
		return test_fail(ctx, "disk%u: read back of sector %llu: %s",
		    i, (unsigned long long)lba, disk_strerror(error));
	if (memcmp(blk_buf, blk_pat, d->sector_size) != 0)
		return test_fail(ctx, "disk%u: sector %llu reads back "
		    "different", i, (unsigned long long)lba);
	printf("disk%u: write ok\n", i);
	return TEST_PASS;
}

/* Also test=lifecycle's, after each resume (sys/tests/t_blk.h). */
enum test_status
blk_test_disks(struct test_ctx *ctx)
{
	const char *why = disk_absent_reason();
	enum test_status st;
	bool skipped = false;
	unsigned i;

	if (disk_count() == 0)
		return test_skip(ctx, "no disks%s%s", why != NULL ? ": " : "",
		    why != NULL ? why : "");
	for (i = 0; i < disk_count(); i++)
		if ((st = blk_one(ctx, i, disk_get(i), &skipped)) != TEST_PASS)
			return st;
	if (skipped)
		return test_skip(ctx, "write not tested on a read-only disk");
	return TEST_PASS;
}
KTEST_DEFINE("blk", blk_test_disks, 0);
