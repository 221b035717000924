/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront: Xen's virtual block devices (device/vbd/<id>), attached to
 * the block layer as driver "xen-blk".
 *
 * Connection (xen/io/blkif.h, as Linux's xen-blkfront does it): wait for
 * the backend's InitWait, grant it the ring page(s) (several when it
 * offers max-ring-page-order), give it an event channel, publish
 * ring-ref / ring-page-order + ring-ref<i>, event-channel and protocol,
 * go Initialised; when the backend is Connected read sectors, info and
 * sector-size, feature-flush-cache and feature-barrier, and go
 * Connected.  At shutdown Closing, then Closed once the backend closes.
 *
 * I/O is one request at a time, at most BLKIF_MAX_SEGMENTS_PER_REQUEST
 * direct segments (no indirect descriptors): the caller's buffer is
 * ordinary kernel memory, so it is bounced through pages of our own that
 * are granted for the one request and taken back after its response.
 * A grant the backend still maps after responding is never reused: the
 * disk stops (DISK_ENODEV) rather than hand that page out again.
 *
 * What the backend says is untrusted: its keys are parsed strictly and
 * checked (a sector size we cannot address, a capacity that overflows),
 * and its responses go through xbd_ring.c, which reports and fails what
 * no honest backend sends; a request it never answers fails after
 * XBD_IO_NS and stops the disk.
 */
#include <sys/bootalloc.h>
#include <sys/disk.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <arch/xen/gnttab.h>
#include <arch/xen/xbd_ring.h>
#include <arch/xen/xen_resume.h>
#include <arch/xen/xenbus.h>
#include <arch/xen/xenvar.h>
#include <machine/pte.h>

#include <xen/io/protocols.h>

#define XBD_MAX		4		/* disks we attach */
#define XBD_SEGS	BLKIF_MAX_SEGMENTS_PER_REQUEST
/* blkif counts sectors of 512 bytes (we offer no large sectors). */
#define XBD_SECTOR	512
#define XBD_IO_NS	(30ULL * 1000 * 1000 * 1000)
/* A grant's end once the response is in: the backend has unmapped it. */
#define XBD_END_NS	(1ULL * 1000 * 1000 * 1000)

struct xbd_softc {
	struct xenbus_device dev;
	struct disk	disk;
	struct xbd_ring	ring;
	uint64_t	ring_pa;	/* XBD_RING_PAGES_MAX pages */
	uint32_t	ring_pages;	/* of them in use: what we granted */
	grant_ref_t	ring_ref[XBD_RING_PAGES_MAX];
	evtchn_port_t	port;
	uint64_t	bounce_pa;	/* XBD_SEGS pages */
	uint8_t		*bounce;
	uint32_t	units;		/* 512-byte units per sector */
	uint8_t		flush_op;	/* BLKIF_OP_* of a flush, or 0 */
	bool		connected;
	bool		dead;		/* stopped: see xbd_fail() */
	volatile uint64_t events;
};

static struct xbd_softc xbd_sc[XBD_MAX] __noinit;
static unsigned xbd_n;

static void
xbd_complain(void *arg, const char *what, uint64_t val)
{
	struct xbd_softc *sc = arg;

	printf("xen-blk: %s: %s (%#llx)\n", sc->dev.node, what,
	    (unsigned long long)val);
}

static void
xbd_intr(evtchn_port_t port, void *arg)
{
	struct xbd_softc *sc = arg;

	(void)port;
	sc->events++;
}

/* The disk stops for good: a request or a grant is in an unknown state. */
static int
xbd_fail(struct xbd_softc *sc, const char *why)
{
	if (!sc->dead)
		printf("xen-blk: %s: %s: disk stopped\n", sc->dev.node, why);
	sc->dead = true;
	return DISK_ENODEV;
}

/* Take back the grants of one request (see the comment at the top). */
static int
xbd_end_grants(struct xbd_softc *sc, const blkif_request_t *req)
{
	struct xen_deadline d;
	enum gnt_end e;
	unsigned i;

	for (i = 0; i < req->nr_segments; i++) {
		xen_deadline_start(&d, &xen_waitops, XBD_END_NS);
		while ((e = gnttab_end(req->seg[i].gref)) == GNT_END_BUSY &&
		    !xen_deadline_poll(&d))
			;
		if (e != GNT_END_OK)
			return xbd_fail(sc, e == GNT_END_BUSY ?
			    "backend still maps a page after its response" :
			    "grant reference lost");
	}
	return 0;
}

/*
 * One request of nsect 512-byte units at sector (0 segments: a flush),
 * the data in the bounce pages; 0 or a DISK_E* error.
 */
static int
xbd_request(struct xbd_softc *sc, uint8_t op, uint64_t sector,
    uint32_t nsect, bool to_disk)
{
	blkif_request_t req;
	struct xen_deadline d;
	uint32_t left = nsect, k;
	int16_t status = BLKIF_RSP_ERROR;
	long id;
	int r, error;

	if (sc->dead)
		return DISK_ENODEV;
	/* The block layer splits by max_sectors: more is our bug. */
	if (nsect > XBD_SEGS * (PAGE_SIZE / XBD_SECTOR))
		return DISK_EINVAL;
	memset(&req, 0, sizeof(req));
	req.operation = op;
	req.handle = (blkif_vdev_t)sc->dev.id;
	req.sector_number = sector;
	for (; left > 0; left -= k, req.nr_segments++) {
		k = MIN(left, (uint32_t)(PAGE_SIZE / XBD_SECTOR));
		/* The backend only reads a page we write to disk. */
		if (gnttab_grant(sc->dev.otherend_id, sc->bounce_pa +
		    (uint64_t)req.nr_segments * PAGE_SIZE, to_disk,
		    &req.seg[req.nr_segments].gref) != 0) {
			(void)xbd_end_grants(sc, &req);
			printf("xen-blk: %s: no free grant entry\n",
			    sc->dev.node);
			return DISK_EIO;
		}
		req.seg[req.nr_segments].first_sect = 0;
		req.seg[req.nr_segments].last_sect = (uint8_t)(k - 1);
	}
	if ((id = xbd_ring_submit(&sc->ring, &req)) < 0) {
		(void)xbd_end_grants(sc, &req);
		return xbd_fail(sc, "ring broken or full");
	}
	(void)xen_evtchn_send(sc->port);
	xen_deadline_start(&d, &xen_waitops, XBD_IO_NS);
	while ((r = xbd_ring_result(&sc->ring, id, &status)) == 0) {
		if (xbd_ring_consume(&sc->ring) < 0)
			continue;	/* broken: the result says so */
		if ((r = xbd_ring_result(&sc->ring, id, &status)) != 0 ||
		    xen_deadline_poll(&d))
			break;
	}
	if (r == 0)
		return xbd_fail(sc, "no response in time");
	if ((error = xbd_end_grants(sc, &req)) != 0)
		return error;
	if (r < 0)
		return xbd_fail(sc, "ring broken by the backend");
	if (status != BLKIF_RSP_OKAY) {
		printf("xen-blk: %s: %s of %u sectors at %llu: status %d%s\n",
		    sc->dev.node, op == BLKIF_OP_READ ? "read" :
		    op == BLKIF_OP_WRITE ? "write" : "flush", nsect,
		    (unsigned long long)sector, status,
		    status == XBD_STATUS_BAD ? " (response refused)" : "");
		return DISK_EIO;
	}
	return 0;
}

static int
xbd_read(struct disk *dk, uint64_t lba, void *buf, uint32_t n)
{
	struct xbd_softc *sc = dk->softc;
	uint32_t bytes = n * dk->sector_size;
	int error;

	if ((error = xbd_request(sc, BLKIF_OP_READ, lba * sc->units,
	    n * sc->units, false)) != 0)
		return error;
	memcpy(buf, sc->bounce, bytes);
	return 0;
}

static int
xbd_write(struct disk *dk, uint64_t lba, const void *buf, uint32_t n)
{
	struct xbd_softc *sc = dk->softc;

	memcpy(sc->bounce, buf, n * dk->sector_size);
	return xbd_request(sc, BLKIF_OP_WRITE, lba * sc->units, n * sc->units,
	    true);
}

static int
xbd_flush(struct disk *dk)
{
	struct xbd_softc *sc = dk->softc;

	return xbd_request(sc, sc->flush_op, 0, 0, false);
}

static const struct disk_ops xbd_ops = {
	.read = xbd_read,
	.write = xbd_write,
	.flush = xbd_flush,
};

/* Our pages, once: the bounce pages and room for the largest ring. */
static int
xbd_alloc(struct xbd_softc *sc)
{
	sc->bounce_pa = bootalloc_pages(XBD_SEGS);
	sc->bounce = pmap_phys_ptr(sc->bounce_pa, XBD_SEGS * PAGE_SIZE);
	sc->ring_pa = bootalloc_pages(XBD_RING_PAGES_MAX);
	return sc->bounce == NULL ? -1 : 0;
}

/*
 * The ring pages and the event channel, published; then Initialised.
 * Also after a restore, against the new backend: a fresh ring in the
 * same pages, granted again, and a new port.
 */
static int
xbd_publish(struct xbd_softc *sc)
{
	uint64_t order = 0, pa = sc->ring_pa;
	volatile uint8_t *ring;
	char key[16];
	uint32_t i;

	/* Absent: one page, keyed "ring-ref" as before multi-page rings. */
	if (xenbus_read_u64(sc->dev.otherend, "max-ring-page-order",
	    &order) != 0)
		order = 0;
	if (order > XBD_RING_ORDER_MAX)
		order = XBD_RING_ORDER_MAX;
	sc->ring_pages = 1U << order;
	ring = pmap_phys_ptr(pa, (uint64_t)sc->ring_pages * PAGE_SIZE);
	if (ring == NULL)
		return -1;
	/* The backend may read any entry: none of a former ring is left. */
	for (i = 0; i < sc->ring_pages * PAGE_SIZE; i++)
		ring[i] = 0;
	if (xbd_ring_init(&sc->ring, ring, sc->ring_pages) != 0)
		return -1;
	sc->ring.complain = xbd_complain;
	sc->ring.complain_arg = sc;
	for (i = 0; i < sc->ring_pages; i++)
		if (gnttab_grant(sc->dev.otherend_id, pa + i * PAGE_SIZE,
		    false, &sc->ring_ref[i]) != 0)
			return -1;
	if (xen_evtchn_alloc_unbound(sc->dev.otherend_id, &sc->port) != 0 ||
	    xen_evtchn_bind(sc->port, xbd_intr, sc) != 0) {
		printf("xen-blk: %s: no event channel\n", sc->dev.node);
		return -1;
	}
	(void)xen_evtchn_unmask(sc->port);
	if (order == 0) {
		if (xenbus_printf(&sc->dev, "ring-ref", "%u", sc->ring_ref[0]))
			return -1;
	} else {
		if (xenbus_printf(&sc->dev, "ring-page-order", "%u",
		    (unsigned)order) != 0)
			return -1;
		for (i = 0; i < sc->ring_pages; i++) {
			snprintf(key, sizeof(key), "ring-ref%u", i);
			if (xenbus_printf(&sc->dev, key, "%u",
			    sc->ring_ref[i]) != 0)
				return -1;
		}
	}
	if (xenbus_printf(&sc->dev, "event-channel", "%u", sc->port) != 0 ||
	    xenbus_printf(&sc->dev, "protocol", "%s",
	    XEN_IO_PROTO_ABI_NATIVE) != 0 ||
	    xenbus_switch_state(&sc->dev, XenbusStateInitialised) != 0)
		return -1;
	return 0;
}

/* What the Connected backend says of the disk, checked, into *dk. */
static int
xbd_describe(struct xbd_softc *sc, struct disk *dk)
{
	uint64_t sectors, ssize = XBD_SECTOR, info = 0, flag;

	if (xenbus_read_u64(sc->dev.otherend, "sectors", &sectors) != 0) {
		printf("xen-blk: %s: backend gives no sectors\n", sc->dev.node);
		return -1;
	}
	(void)xenbus_read_u64(sc->dev.otherend, "sector-size", &ssize);
	(void)xenbus_read_u64(sc->dev.otherend, "info", &info);
	/* A power of two of whole 512-byte units that a page holds. */
	if (ssize < XBD_SECTOR || ssize > PAGE_SIZE ||
	    (ssize & (ssize - 1)) != 0 || sectors == 0 ||
	    sectors > UINT64_MAX / ssize) {
		printf("xen-blk: %s: backend gives %llu sectors of %llu "
		    "bytes: not usable\n", sc->dev.node,
		    (unsigned long long)sectors, (unsigned long long)ssize);
		return -1;
	}
	sc->units = (uint32_t)(ssize / XBD_SECTOR);
	sc->flush_op = 0;
	if (xenbus_read_u64(sc->dev.otherend, "feature-flush-cache",
	    &flag) == 0 && flag == 1)
		sc->flush_op = BLKIF_OP_FLUSH_DISKCACHE;
	else if (xenbus_read_u64(sc->dev.otherend, "feature-barrier",
	    &flag) == 0 && flag == 1)
		sc->flush_op = BLKIF_OP_WRITE_BARRIER;
	dk->driver = "xen-blk";
	dk->sectors = sectors;
	dk->sector_size = (uint32_t)ssize;
	dk->max_sectors = (uint32_t)(XBD_SEGS * PAGE_SIZE / ssize);
	dk->readonly = (info & VDISK_READONLY) != 0;
	dk->can_flush = sc->flush_op != 0;
	dk->ops = &xbd_ops;
	dk->softc = sc;
	return 0;
}

static int
xbd_connect(struct xbd_softc *sc)
{
	XenbusState st;
	int error;

	if (xenbus_wait_otherend(&sc->dev, (1U << XenbusStateInitWait) |
	    (1U << XenbusStateConnected), XENBUS_CONNECT_NS, "InitWait",
	    &st) != 0)
		return -1;
	if (xbd_alloc(sc) != 0 || xbd_publish(sc) != 0)
		return -1;
	if (xenbus_wait_otherend(&sc->dev, 1U << XenbusStateConnected,
	    XENBUS_CONNECT_NS, "Connected", &st) != 0)
		return -1;
	if (xbd_describe(sc, &sc->disk) != 0 ||
	    xenbus_switch_state(&sc->dev, XenbusStateConnected) != 0)
		return -1;
	sc->connected = true;
	if ((error = disk_attach(&sc->disk)) != 0) {
		printf("xen-blk: %s: disk_attach: %s\n", sc->dev.node,
		    disk_strerror(error));
		return -1;
	}
	aprint_normal("xen-blk: %s: %llu sectors of %u bytes%s, ring of %u "
	    "page(s), event channel %u, flush %s, backend %s\n", sc->dev.node,
	    (unsigned long long)sc->disk.sectors, sc->disk.sector_size,
	    sc->disk.readonly ? ", read-only" : "", sc->ring_pages, sc->port,
	    sc->flush_op == BLKIF_OP_FLUSH_DISKCACHE ? "flush-cache" :
	    sc->flush_op == BLKIF_OP_WRITE_BARRIER ? "barrier" : "none",
	    sc->dev.otherend);
	return 0;
}

void
xbd_attach_all(void)
{
	struct xenbus_device devs[XBD_MAX];
	unsigned n, i;

	if (xen_dom0()) {
		disk_note_absent("a Xen dom0 has no PV disk frontends "
		    "(it runs the backends)");
		return;
	}
	n = xenbus_probe("vbd", devs, XBD_MAX);
	if (n == 0) {
		disk_note_absent("xen: no device/vbd in xenstore");
		return;
	}
	if (!gnttab_ready() && gnttab_init() != 0) {
		printf("xen-blk: no grant table: %u disk(s) not attached\n", n);
		return;
	}
	/*
	 * One softc per device found, also for a device that fails to
	 * connect: what it granted and bound stays its own, never reused.
	 */
	memset(xbd_sc, 0, sizeof(xbd_sc));
	for (i = 0; i < n; i++) {
		xbd_sc[i].dev = devs[i];
		if (xbd_connect(&xbd_sc[i]) != 0)
			xenbus_release(&xbd_sc[i].dev);
	}
	xbd_n = n;
}

/* Closing, then Closed once the backend has closed (bounded). */
void
xbd_detach_all(void)
{
	struct xbd_softc *sc;
	XenbusState st;
	unsigned i;

	for (i = 0; i < xbd_n; i++) {
		sc = &xbd_sc[i];
		if (!sc->connected)
			continue;
		sc->connected = false;
		if (xenbus_switch_state(&sc->dev, XenbusStateClosing) != 0)
			continue;
		(void)xenbus_wait_otherend(&sc->dev,
		    (1U << XenbusStateClosing) | (1U << XenbusStateClosed),
		    XENBUS_CLOSE_NS, "Closing", &st);
		(void)xenbus_switch_state(&sc->dev, XenbusStateClosed);
		xenbus_release(&sc->dev);
	}
}

/*
 * After a real resume the backend connection is gone: we are a new
 * domain, the toolstack made a new backend (its path read again: it may
 * differ), our event channel was closed with the old domain and its
 * port number may now be another's, so it is left alone (xen_suspend()
 * emptied the port table).  The grant table hook republished every
 * grant we held, the ring's among them: nobody maps those in the new
 * domain, so they are taken back, and the handshake is done again as
 * at boot (Linux's blkfront_resume does the same).  No request is
 * outstanding: requests are synchronous and a suspend happens between
 * them.  The disk must be the one the block layer knows: another size
 * stops it, reported.  After a cancelled suspend no hook runs and the
 * connection carries on.
 */
static int
xbd_reconnect(struct xbd_softc *sc)
{
	struct disk nd;
	XenbusState st;
	uint32_t i;

	for (i = 0; i < sc->ring_pages; i++)
		if (gnttab_end(sc->ring_ref[i]) != GNT_END_OK)
			return xbd_fail(sc, "old ring grant still in use");
	sc->ring_pages = 0;
	if (xenbus_reread_otherend(&sc->dev) != 0)
		return xbd_fail(sc, "no backend after resume");
	if (xenbus_wait_otherend(&sc->dev, (1U << XenbusStateInitWait) |
	    (1U << XenbusStateConnected), XENBUS_CONNECT_NS, "InitWait",
	    &st) != 0 || xbd_publish(sc) != 0 ||
	    xenbus_wait_otherend(&sc->dev, 1U << XenbusStateConnected,
	    XENBUS_CONNECT_NS, "Connected", &st) != 0 ||
	    xbd_describe(sc, &nd) != 0)
		return xbd_fail(sc, "not reconnected after resume");
	if (nd.sectors != sc->disk.sectors ||
	    nd.sector_size != sc->disk.sector_size ||
	    nd.readonly != sc->disk.readonly) {
		printf("xen-blk: %s: after resume %llu sectors of %u bytes%s, "
		    "was %llu of %u%s\n", sc->dev.node,
		    (unsigned long long)nd.sectors, nd.sector_size,
		    nd.readonly ? " read-only" : "",
		    (unsigned long long)sc->disk.sectors,
		    sc->disk.sector_size,
		    sc->disk.readonly ? " read-only" : "");
		return xbd_fail(sc, "another disk after resume");
	}
	sc->disk.can_flush = nd.can_flush;
	if (xenbus_switch_state(&sc->dev, XenbusStateConnected) != 0)
		return xbd_fail(sc, "not reconnected after resume");
	sc->connected = true;
	aprint_normal("xen-blk: %s: reconnected after resume: ring of %u "
	    "page(s), event channel %u, backend %s\n", sc->dev.node,
	    sc->ring_pages, sc->port, sc->dev.otherend);
	return 0;
}

static int
xbd_resume(void)
{
	struct xbd_softc *sc;
	unsigned i;
	int rc = 0;

	for (i = 0; i < xbd_n; i++) {
		sc = &xbd_sc[i];
		if (!sc->connected || sc->dead)
			continue;
		sc->connected = false;
		if (xbd_reconnect(sc) != 0)
			rc = -1;
	}
	return rc;
}
XEN_RESUME_HOOK("xen-blk", xbd_resume, XEN_RESUME_DEVICES);
