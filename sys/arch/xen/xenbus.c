/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenbus on xenstore (see xenbus.h): finding the devices, reading and
 * writing their keys, and the bounded, watched wait on a backend's
 * state.
 *
 * The backend's state is watched (xenstore_watch), not polled: the
 * callback only marks the device, and the waiting loop reads the state
 * again after each event, delivering events with xenstore_poll() between
 * yields to dom0.  xenstored fires a new watch once at once, so the
 * first read needs no special case.
 */
#include <sys/systm.h>

#include <arch/xen/xenbus.h>
#include <arch/xen/xenvar.h>

/* An XS_DIRECTORY reply: a name per device, NUL-separated. */
static char xb_list[XENSTORE_PAYLOAD_MAX + 1] __noinit;

int
xenbus_read_u64(const char *dir, const char *key, uint64_t *v)
{
	char path[XENBUS_PATH_MAX + 32], val[24];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, key) >=
	    sizeof(path))
		return -1;
	if (xenstore_read(path, val, sizeof(val)) != XS_ERR_NONE)
		return -1;
	return xenbus_parse_u64(val, v);
}

/* <dir>/<key> as a string: an absolute xenstore path, printable. */
static int
xb_read_path(const char *dir, const char *key, char *out, size_t size)
{
	char path[XENBUS_PATH_MAX + 32];
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	if (xenstore_read(path, out, size) != XS_ERR_NONE || out[0] != '/')
		return -1;
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] <= ' ' || out[i] > '~')
			return -1;
	return 0;
}

/* backend and backend-id of dev->node: 0, or -1 (reported). */
static int
xb_read_otherend(struct xenbus_device *dev)
{
	uint64_t domid;

	if (xb_read_path(dev->node, "backend", dev->otherend,
	    sizeof(dev->otherend)) != 0 ||
	    xenbus_read_u64(dev->node, "backend-id", &domid) != 0 ||
	    domid >= DOMID_FIRST_RESERVED) {
		printf("xen: %s: no usable backend or backend-id: skipped\n",
		    dev->node);
		return -1;
	}
	dev->otherend_id = (domid_t)domid;
	return 0;
}

static int
xb_device_init(struct xenbus_device *dev, const char *type, uint32_t id)
{
	memset(dev, 0, sizeof(*dev));
	dev->type = type;
	dev->id = id;
	snprintf(dev->node, sizeof(dev->node), "device/%s/%u", type, id);
	snprintf(dev->token, sizeof(dev->token), "xb-%s-%u", type, id);
	return xb_read_otherend(dev);
}

int
xenbus_reread_otherend(struct xenbus_device *dev)
{
	xenbus_release(dev);
	return xb_read_otherend(dev);
}

unsigned
xenbus_probe(const char *type, struct xenbus_device *devs, unsigned max)
{
	uint32_t ids[XENBUS_MAX_DEVS];
	char dir[32];
	unsigned n, i, k = 0, bad;
	size_t len;

	if (!xenstore_present())
		return 0;
	snprintf(dir, sizeof(dir), "device/%s", type);
	/* ENOENT: the toolstack gave us no device of this type. */
	if (xenstore_directory(dir, xb_list, sizeof(xb_list), &len) !=
	    XS_ERR_NONE)
		return 0;
	if (max > XENBUS_MAX_DEVS)
		max = XENBUS_MAX_DEVS;
	n = xenbus_parse_ids(xb_list, len, ids, max, &bad);
	if (bad > 0)
		printf("xen: %s: %u entries not used (not a device id, or "
		    "more than %u devices)\n", dir, bad, max);
	for (i = 0; i < n; i++)
		if (xb_device_init(&devs[k], type, ids[i]) == 0)
			k++;
	return k;
}

int
xenbus_printf(struct xenbus_device *dev, const char *key, const char *fmt,
    ...)
{
	char path[XENBUS_PATH_MAX + 32], val[64];
	enum xs_err e;
	va_list ap;

	snprintf(path, sizeof(path), "%s/%s", dev->node, key);
	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	if ((e = xenstore_write(path, val)) != XS_ERR_NONE) {
		printf("xen: %s: writing %s: %s\n", dev->node, key,
		    xs_err_name(e));
		return -1;
	}
	return 0;
}

int
xenbus_switch_state(struct xenbus_device *dev, XenbusState state)
{
	return xenbus_printf(dev, "state", "%u", (unsigned)state);
}

static void
xb_state_changed(const char *path, const char *token, void *arg)
{
	struct xenbus_device *dev = arg;

	(void)path;
	(void)token;
	dev->changed = true;
}

int
xenbus_wait_otherend(struct xenbus_device *dev, uint32_t want,
    uint64_t limit_ns, const char *goal, XenbusState *got)
{
	char path[XENBUS_PATH_MAX + 8];
	struct xen_deadline d;
	uint64_t st = XenbusStateUnknown;
	bool have = false;
	enum xs_err e;

	if (!dev->watching) {
		snprintf(path, sizeof(path), "%s/state", dev->otherend);
		if ((e = xenstore_watch(path, dev->token, xb_state_changed,
		    dev)) != XS_ERR_NONE) {
			printf("xen: %s: cannot watch %s: %s\n", dev->node,
			    path, xs_err_name(e));
			return -1;
		}
		dev->watching = true;
	}
	/* Read once whatever the watch does: it may have fired already. */
	dev->changed = true;
	xen_deadline_start(&d, &xen_waitops, limit_ns);
	for (;;) {
		(void)xenstore_poll();
		if (dev->changed) {
			dev->changed = false;
			have = xenbus_read_u64(dev->otherend, "state", &st) == 0;
			if (have && st < 32 && (want & (1U << st)) != 0) {
				*got = (XenbusState)st;
				return 0;
			}
			/* Gone while we wanted it to come up: no use waiting. */
			if (have && (st == XenbusStateClosing ||
			    st == XenbusStateClosed) &&
			    (want & (1U << XenbusStateClosed)) == 0)
				break;
		}
		if (xen_deadline_poll(&d))
			break;
	}
	printf("xen: %s: backend %s did not reach %s: state %s%s after "
	    "%llu ms\n", dev->node, dev->otherend, goal,
	    have ? xenbus_state_name(st) : "unreadable",
	    have && st > XenbusStateReconfigured ? " (a number no state has)" :
	    "", (unsigned long long)((xen_waitops.now_ns() - d.start) /
	    1000000));
	return -1;
}

void
xenbus_release(struct xenbus_device *dev)
{
	char path[XENBUS_PATH_MAX + 8];

	if (!dev->watching)
		return;
	snprintf(path, sizeof(path), "%s/state", dev->otherend);
	(void)xenstore_unwatch(path, dev->token);
	dev->watching = false;
}
