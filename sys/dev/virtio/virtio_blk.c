/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-blk (virtio 1.2, 5.2) on the block layer: one request at a
 * time on queue 0, polled.  A request is three descriptors: header,
 * data, status byte.  The device is untrusted: a status it never wrote
 * reads as VBLK_S_UNSET, a broken queue or a device that stops answering
 * resets it, and from then on the disk fails every request.
 */
#include <sys/disk.h>
#include <sys/systm.h>

#include <dev/virtio/virtio_mmio.h>

/* 5.2.3 Feature bits */
#define VIRTIO_BLK_F_SIZE_MAX	1
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9
/* 5.2.4 Device configuration layout: byte offsets */
#define VBLK_CFG_CAPACITY	0	/* le64, in 512-byte sectors */
#define VBLK_CFG_SIZE_MAX	8	/* le32, bytes per segment */
#define VBLK_CFG_BLK_SIZE	20	/* le32 */
/* 5.2.6 Device Operation */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_S_OK		0
#define VBLK_S_UNSET		0xff	/* ours: the device wrote no status */
#define VBLK_SECTOR		512	/* the unit of the request header */

#define VBLK_MAX_BYTES		(64 * 1024)	/* per request, our choice */
#define VBLK_BLK_MAX		4096	/* largest blk_size we take */
#define VBLK_QUEUE		4	/* entries: one request of 3 */

struct vblk_hdr {
	uint32_t	type;
	uint32_t	reserved;
	uint64_t	sector;
};

struct vblk {
	struct disk	disk;
	struct virtio_mmio_dev *dev;
	struct virtq	q;
	struct vblk_hdr	hdr;
	uint8_t		status;
	bool		dead;
	uint32_t	spb;		/* 512-byte sectors per block */
};

static struct vblk vblk_sc[DISK_MAX];
static unsigned vblk_n;

/* Kernel memory is mapped 1:1 (sys/pmap.h): its address is its pa. */
static uint64_t
vtophys(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static int
vblk_rq(struct vblk *sc, uint32_t type, uint64_t lba, const void *buf,
    uint32_t n)
{
	struct virtq_seg seg[3];
	unsigned ns = 0;
	uint16_t head;
	uint32_t len;
	int r;

	if (sc->dead)
		return DISK_ENODEV;
	sc->hdr.type = type;
	sc->hdr.reserved = 0;
	sc->hdr.sector = lba * sc->spb;
	sc->status = VBLK_S_UNSET;
	seg[ns++] = (struct virtq_seg){ vtophys(&sc->hdr), sizeof(sc->hdr),
	    false };
	if (n > 0)
		seg[ns++] = (struct virtq_seg){ vtophys(buf),
		    n * sc->disk.sector_size, type == VIRTIO_BLK_T_IN };
	seg[ns++] = (struct virtq_seg){ vtophys(&sc->status), 1, true };
	if ((r = virtq_add(&sc->q, seg, ns, &head)) == 0) {
		virtio_mmio_notify(sc->dev, 0);
		r = virtio_mmio_poll(&sc->q, &head, &len);
	}
	if (r != 1) {
		printf("%s%u: %s; device reset\n", sc->disk.driver,
		    sc->dev->unit, r == 0 ? "no answer" : sc->q.error);
		virtio_mmio_fail(sc->dev);
		sc->dead = true;
		return DISK_ENODEV;
	}
	if (sc->status != VIRTIO_BLK_S_OK) {
		printf("%s%u: request type %u, sector %llu, %u blocks: "
		    "status %u\n", sc->disk.driver, sc->dev->unit, type,
		    (unsigned long long)sc->hdr.sector, n, sc->status);
		return DISK_EIO;
	}
	return 0;
}

static int
vblk_read(struct disk *d, uint64_t lba, void *buf, uint32_t n)
{
	return vblk_rq(d->softc, VIRTIO_BLK_T_IN, lba, buf, n);
}

static int
vblk_write(struct disk *d, uint64_t lba, const void *buf, uint32_t n)
{
	return vblk_rq(d->softc, VIRTIO_BLK_T_OUT, lba, buf, n);
}

static int
vblk_flush(struct disk *d)
{
	return vblk_rq(d->softc, VIRTIO_BLK_T_FLUSH, 0, NULL, 0);
}

static const struct disk_ops vblk_ops = { vblk_read, vblk_write, vblk_flush };

static int
vblk_attach(struct virtio_mmio_dev *dev)
{
	struct vblk *sc;
	const char *why;
	uint32_t bs = VBLK_SECTOR, max = VBLK_MAX_BYTES, v;
	int error;

	if (vblk_n == nitems(vblk_sc))
		return -1;
	sc = &vblk_sc[vblk_n];
	sc->dev = dev;
	if (virtio_mmio_negotiate(dev, 1ULL << VIRTIO_BLK_F_RO |
	    1ULL << VIRTIO_BLK_F_BLK_SIZE | 1ULL << VIRTIO_BLK_F_FLUSH |
	    1ULL << VIRTIO_BLK_F_SIZE_MAX, &why) != 0 ||
	    virtio_mmio_queue(dev, 0, VBLK_QUEUE, &sc->q, &why) != 0)
		goto fail;
	if (dev->features & 1ULL << VIRTIO_BLK_F_BLK_SIZE) {
		v = virtio_mmio_config32(dev, VBLK_CFG_BLK_SIZE);
		/* A size we cannot use: keep 512, which the header counts in. */
		if (v >= VBLK_SECTOR && v <= VBLK_BLK_MAX && (v & (v - 1)) == 0)
			bs = v;
	}
	if (dev->features & 1ULL << VIRTIO_BLK_F_SIZE_MAX &&
	    (v = virtio_mmio_config32(dev, VBLK_CFG_SIZE_MAX)) >= bs)
		max = MIN(max, v);
	sc->spb = bs / VBLK_SECTOR;
	sc->disk = (struct disk){
		.driver = "virtio-blk",
		.sectors = virtio_mmio_config64(dev, VBLK_CFG_CAPACITY) /
		    sc->spb,
		.sector_size = bs,
		.max_sectors = max / bs,
		.readonly = (dev->features & 1ULL << VIRTIO_BLK_F_RO) != 0,
		.can_flush = (dev->features & 1ULL << VIRTIO_BLK_F_FLUSH) != 0,
		.ops = &vblk_ops,
		.softc = sc,
	};
	virtio_mmio_driver_ok(dev);
	if ((error = disk_attach(&sc->disk)) != 0) {
		why = disk_strerror(error);
		goto fail;
	}
	vblk_n++;
	return 0;
fail:
	printf("virtio-blk%u: %s\n", dev->unit, why);
	virtio_mmio_fail(dev);
	return -1;
}

static const struct virtio_driver virtio_blk_driver = {
	.name = "virtio-blk",
	.device_id = VIRTIO_ID_BLOCK,
	.attach = vblk_attach,
};
VIRTIO_DRIVER(virtio_blk_driver);
