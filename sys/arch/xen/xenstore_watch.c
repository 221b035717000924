/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xenstore watches: the owners' table and the queue of undelivered
 * events (see xenstore_watch.h).
 */
#include <arch/xen/xenstore_watch.h>

#include <lib/libkern.h>

int
xs_watch_add(struct xs_watches *ws, const char *path, const char *token,
    xs_watch_fn cb, void *arg, enum xs_err *err)
{
	size_t plen = strnlen(path, XS_WATCH_PATH_MAX);
	size_t tlen = strnlen(token, XS_WATCH_TOKEN_MAX);
	int i, free_slot = -1;

	*err = XS_ERR_NONE;
	if (plen == 0 || tlen == 0 || cb == NULL)
		*err = XS_ERR_EINVAL;
	else if (plen == XS_WATCH_PATH_MAX || tlen == XS_WATCH_TOKEN_MAX)
		*err = XS_ERR_TOOBIG;
	if (*err != XS_ERR_NONE)
		return -1;
	/* Events find their owner by token alone: it must be unique. */
	for (i = 0; i < XS_WATCH_MAX; i++) {
		if (!ws->w[i].used) {
			if (free_slot < 0)
				free_slot = i;
		} else if (strcmp(ws->w[i].token, token) == 0) {
			*err = XS_ERR_EEXIST;
			return -1;
		}
	}
	if (free_slot < 0) {
		*err = XS_ERR_ENOSPC;
		return -1;
	}
	memcpy(ws->w[free_slot].path, path, plen + 1);
	memcpy(ws->w[free_slot].token, token, tlen + 1);
	ws->w[free_slot].cb = cb;
	ws->w[free_slot].arg = arg;
	ws->w[free_slot].lost = false;
	ws->w[free_slot].used = true;
	return free_slot;
}

int
xs_watch_find(const struct xs_watches *ws, const char *path,
    const char *token)
{
	int i;

	for (i = 0; i < XS_WATCH_MAX; i++)
		if (ws->w[i].used && strcmp(ws->w[i].token, token) == 0 &&
		    strcmp(ws->w[i].path, path) == 0)
			return i;
	return -1;
}

void
xs_watch_remove(struct xs_watches *ws, int slot)
{
	unsigned i, n = 0;
	struct xs_event *e;

	if (slot < 0 || slot >= XS_WATCH_MAX)
		return;
	ws->w[slot].used = false;
	ws->w[slot].lost = false;
	/* Compact the queue without the slot's events, order kept. */
	for (i = 0; i < ws->count; i++) {
		e = &ws->q[(ws->head + i) % XS_EVQ_LEN];
		if (e->watch == slot)
			continue;
		if (n != i)
			ws->q[(ws->head + n) % XS_EVQ_LEN] = *e;
		n++;
	}
	ws->count = n;
}

enum xs_ev
xs_event_queue(struct xs_watches *ws, const struct xs_rx *rx)
{
	const char *path = rx->payload, *token;
	uint32_t len = rx->hdr.len;
	size_t plen;
	struct xs_event *e;
	int i;

	/* The daemon's: the path must end inside the payload. */
	if (rx->hdr.type != XS_WATCH_EVENT || len > XENSTORE_PAYLOAD_MAX ||
	    (plen = strnlen(path, len)) >= len)
		return XS_EV_BAD;
	/* Terminated at worst by the NUL xs_rx_pull() adds at len. */
	token = path + plen + 1;
	for (i = 0; i < XS_WATCH_MAX; i++)
		if (ws->w[i].used && strcmp(ws->w[i].token, token) == 0)
			break;
	if (i == XS_WATCH_MAX) {
		ws->unknown++;
		return XS_EV_UNKNOWN;
	}
	if (ws->count == XS_EVQ_LEN || plen >= XS_EVENT_PATH_MAX) {
		ws->w[i].lost = true;
		ws->coalesced++;
		return XS_EV_COALESCED;
	}
	e = &ws->q[(ws->head + ws->count) % XS_EVQ_LEN];
	e->watch = (uint8_t)i;
	memcpy(e->path, path, plen + 1);
	ws->count++;
	return XS_EV_QUEUED;
}

bool
xs_event_pending(const struct xs_watches *ws)
{
	int i;

	if (ws->count > 0)
		return true;
	for (i = 0; i < XS_WATCH_MAX; i++)
		if (ws->w[i].used && ws->w[i].lost)
			return true;
	return false;
}

/* The oldest queued event, or else one coalesced watch: false if none. */
static bool
xs_event_next(struct xs_watches *ws, int *slot, char *path)
{
	struct xs_event *e;
	int i;

	if (ws->count > 0) {
		e = &ws->q[ws->head];
		*slot = e->watch;
		memcpy(path, e->path, strlen(e->path) + 1);
		ws->head = (ws->head + 1) % XS_EVQ_LEN;
		ws->count--;
		return true;
	}
	for (i = 0; i < XS_WATCH_MAX; i++) {
		if (ws->w[i].used && ws->w[i].lost) {
			ws->w[i].lost = false;
			*slot = i;
			memcpy(path, ws->w[i].path, strlen(ws->w[i].path) + 1);
			return true;
		}
	}
	return false;
}

unsigned
xs_event_dispatch(struct xs_watches *ws)
{
	/* Copies: a callback may queue events or remove its own watch. */
	char path[XS_EVENT_PATH_MAX], token[XS_WATCH_TOKEN_MAX];
	xs_watch_fn cb;
	void *arg;
	unsigned n = 0;
	int slot;

	if (ws->dispatching)
		return 0;
	ws->dispatching = true;
	while (n < XS_EVQ_LEN + XS_WATCH_MAX &&
	    xs_event_next(ws, &slot, path)) {
		cb = ws->w[slot].cb;
		arg = ws->w[slot].arg;
		memcpy(token, ws->w[slot].token, sizeof(token));
		cb(path, token, arg);
		n++;
	}
	ws->delivered += n;
	ws->dispatching = false;
	return n;
}
