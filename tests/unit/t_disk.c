/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The block layer against a fake driver that records every request it
 * is handed: requests split by max_sectors with the buffer advanced by
 * whole sectors, ranges past the end (and lba + n wrapping 2^64) refused
 * before the driver sees them, read-only and bad descriptions refused.
 * The fake disk is a malloc'd array of exactly its size, so ASan reports
 * any request the layer lets through beyond it.
 */
/* sources: sys/kern/subr_disk.c */
#include <stdarg.h>
#include <stdlib.h>

#include <sys/disk.h>

#include "tap.h"

void aprint_normal(const char *fmt, ...);

void
aprint_normal(const char *fmt, ...)
{
	(void)fmt;
}

#define SS	512
#define NREQ	64

struct fake {
	uint8_t		*img;
	unsigned	nreq, nflush;
	struct { uint64_t lba; uint32_t n; const void *buf; } req[NREQ];
	int		fail_at;	/* request index to fail, or -1 */
};

static int
fake_rw(struct disk *d, uint64_t lba, const void *buf, uint32_t n, int wr)
{
	struct fake *f = d->softc;

	if (f->nreq < NREQ) {
		f->req[f->nreq].lba = lba;
		f->req[f->nreq].n = n;
		f->req[f->nreq].buf = buf;
	}
	if ((int)f->nreq++ == f->fail_at)
		return DISK_EIO;
	if (n > d->max_sectors || n > d->sectors || lba > d->sectors - n)
		return DISK_EINVAL;	/* the layer let a bad one through */
	if (wr)
		memcpy(f->img + lba * SS, buf, (size_t)n * SS);
	else
		memcpy((void *)(uintptr_t)buf, f->img + lba * SS,
		    (size_t)n * SS);
	return 0;
}

static int
fake_read(struct disk *d, uint64_t lba, void *buf, uint32_t n)
{
	return fake_rw(d, lba, buf, n, 0);
}

static int
fake_write(struct disk *d, uint64_t lba, const void *buf, uint32_t n)
{
	return fake_rw(d, lba, buf, n, 1);
}

static int
fake_flush(struct disk *d)
{
	((struct fake *)d->softc)->nflush++;
	return 0;
}

static const struct disk_ops fake_ops = { fake_read, fake_write, fake_flush };

static void
fake_init(struct disk *d, struct fake *f, uint64_t sectors, uint32_t max)
{
	memset(f, 0, sizeof(*f));
	f->fail_at = -1;
	f->img = malloc(sectors * SS);
	memset(f->img, 0xee, sectors * SS);
	memset(d, 0, sizeof(*d));
	d->driver = "fake";
	d->sectors = sectors;
	d->sector_size = SS;
	d->max_sectors = max;
	d->ops = &fake_ops;
	d->softc = f;
}

static void
split_cases(void)
{
	static struct disk d;
	static struct fake f;
	uint8_t *buf = malloc(10 * SS);
	unsigned i;
	int ok_split = 1;

	fake_init(&d, &f, 11, 3);
	is_int(disk_attach(&d), 0, "attach a sane disk");
	is_int(disk_count(), 1, "one disk attached");
	ok(disk_get(0) == &d && disk_get(1) == NULL, "disk_get by index");
	for (i = 0; i < 10 * SS; i++)
		buf[i] = (uint8_t)(i / SS + 1);
	is_int(disk_write(&d, 1, buf, 10), 0, "write 10 sectors at 1");
	is_int(f.nreq, 4, "10 sectors by 3: four requests");
	for (i = 0; i < 4 && i < f.nreq; i++)
		ok_split &= f.req[i].lba == 1 + 3 * i &&
		    f.req[i].n == (i < 3 ? 3u : 1u) &&
		    f.req[i].buf == buf + (size_t)3 * i * SS;
	ok(ok_split, "pieces: lba 1,4,7,10, n 3,3,3,1, buffer advanced");
	ok(f.img[0] == 0xee && f.img[SS] == 1 && f.img[10 * SS] == 10,
	    "the bytes landed on the right sectors");
	memset(buf, 0, 10 * SS);
	f.nreq = 0;
	is_int(disk_read(&d, 0, buf, 10), 0, "read 10 sectors at 0");
	ok(f.nreq == 4 && buf[0] == 0xee && buf[9 * SS] == 9,
	    "read split the same way and back in order");
	is_int(disk_read(&d, 0, buf, 0), 0, "n = 0: nothing asked");

	f.nreq = 0;
	is_int(disk_read(&d, 11, buf, 1), DISK_ERANGE, "lba == sectors");
	is_int(disk_read(&d, 2, buf, 10), DISK_ERANGE, "lba + n > sectors");
	is_int(disk_read(&d, UINT64_MAX, buf, 2), DISK_ERANGE,
	    "lba + n wraps 2^64");
	is_int(disk_write(&d, UINT64_MAX - 1, buf, 3), DISK_ERANGE,
	    "write: lba + n wraps 2^64");
	is_int(disk_read(&d, 0, NULL, 1), DISK_EINVAL, "NULL buffer");
	is_int(f.nreq, 0, "none of those reached the driver");
	is_int(disk_read(&d, 10, buf, 1), 0, "the last sector is readable");

	f.nreq = 0;
	f.fail_at = 1;
	is_int(disk_read(&d, 0, buf, 9), DISK_EIO, "driver error returned");
	is_int(f.nreq, 2, "and no request after the failed one");

	is_int(disk_flush(&d), 0, "flush without a cache: nothing to do");
	is_int(f.nflush, 0, "driver flush not called");
	d.can_flush = true;
	is_int(disk_flush(&d), 0, "flush with a cache");
	is_int(f.nflush, 1, "driver flush called once");

	f.nreq = 0;
	d.readonly = true;
	is_int(disk_write(&d, 0, buf, 1), DISK_EROFS, "read-only: refused");
	is_int(f.nreq, 0, "and the driver never saw it");
	free(buf);
	free(f.img);
}

static void
attach_cases(void)
{
	static struct disk d[DISK_MAX + 1];
	static struct fake f[DISK_MAX + 1];
	struct disk bad;
	struct fake bf;
	unsigned i;
	int r = 0;

	fake_init(&bad, &bf, 4, 1);
	bad.sectors = 0;
	is_int(disk_attach(&bad), DISK_EINVAL, "0 sectors refused");
	bad.sectors = UINT64_MAX / SS + 1;
	is_int(disk_attach(&bad), DISK_EINVAL, "size in bytes beyond 2^64");
	bad.sectors = UINT64_MAX / SS;
	bad.max_sectors = 0;
	is_int(disk_attach(&bad), DISK_EINVAL, "(max_sectors 0)");
	bad.max_sectors = 1;
	bad.sectors = 4;
	bad.sector_size = 520;
	is_int(disk_attach(&bad), DISK_EINVAL, "sector size 520 refused");
	bad.sector_size = 256;
	is_int(disk_attach(&bad), DISK_EINVAL, "sector size 256 refused");
	bad.sector_size = SS;
	bad.max_sectors = 0;
	is_int(disk_attach(&bad), DISK_EINVAL, "max_sectors 0 refused");
	bad.max_sectors = 1;
	bad.can_flush = true;
	bad.ops = &(const struct disk_ops){ fake_read, fake_write, NULL };
	is_int(disk_attach(&bad), DISK_EINVAL, "can_flush without flush");
	is_int(disk_attach(NULL), DISK_EINVAL, "NULL disk");
	free(bf.img);
	is_int(disk_count(), 1, "none of them attached");

	/* One is attached by split_cases(). */
	for (i = 0; i < DISK_MAX - 1; i++) {
		fake_init(&d[i], &f[i], 1, 1);
		r |= disk_attach(&d[i]);
	}
	is_int(r, 0, "up to DISK_MAX disks");
	fake_init(&d[i], &f[i], 1, 1);
	is_int(disk_attach(&d[i]), DISK_ENOSPC, "one more refused");
	is_int(disk_count(), DISK_MAX, "count stays at DISK_MAX");
	for (i = 0; i < DISK_MAX; i++)
		free(f[i].img);
	ok(strcmp(disk_strerror(DISK_EIO), "unknown error") != 0 &&
	    strcmp(disk_strerror(-99), "unknown error") == 0 &&
	    strcmp(disk_strerror(7), "unknown error") == 0,
	    "disk_strerror: known, unknown negative, positive");
}

int
main(void)
{
	split_cases();
	attach_cases();
	return done_testing();
}
