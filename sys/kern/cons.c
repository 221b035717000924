/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console fan-out (after XTF's common/console.c): a small table of sinks,
 * each written in turn.  A sink with a probe is tried on first use and
 * dropped if absent.
 */
#include <sys/cons.h>
#include <sys/systm.h>
#include <sys/tslog.h>

struct cons_slot {
	const struct cons_sink *sink;
	int		state;
#define CS_UNPROBED	0
#define CS_PRESENT	1
#define CS_ABSENT	2
};

static struct cons_slot cons_slots[CONS_MAX_SINKS];

void
cons_register(const struct cons_sink *s)
{
	unsigned i;

	for (i = 0; i < nitems(cons_slots); i++) {
		if (cons_slots[i].sink == NULL) {
			cons_slots[i].sink = s;
			cons_slots[i].state =
			    s->probe != NULL ? CS_UNPROBED : CS_PRESENT;
			return;
		}
	}
	/* Silently losing a console would hide output: say so on the rest. */
	printf("cons: no slot for console %s\n", s->name);
}

static int
cons_usable(struct cons_slot *c)
{
	if (c->sink == NULL)
		return 0;
	if (c->state == CS_UNPROBED) {
		/* Port reads: VM exits worth seeing in the boot trace. */
		tslog(TS_ENTER, "cons_probe", c->sink->name);
		c->state = c->sink->probe() ? CS_PRESENT : CS_ABSENT;
		tslog(TS_EXIT, "cons_probe", c->sink->name);
	}
	return c->state == CS_PRESENT;
}

void
cons_write(const char *s, size_t n)
{
	unsigned i;

	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_usable(&cons_slots[i]))
			cons_slots[i].sink->write(s, n);
}

void
cons_flush(void)
{
	unsigned i;

	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_usable(&cons_slots[i]) &&
		    cons_slots[i].sink->flush != NULL)
			cons_slots[i].sink->flush();
}

void
cons_names(char *buf, size_t size)
{
	size_t len = 0;
	unsigned i;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < nitems(cons_slots); i++) {
		if (!cons_usable(&cons_slots[i]))
			continue;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0,
		    "%s%s", len > 0 ? "," : "", cons_slots[i].sink->name);
		if (len >= size)
			break;
	}
	if (buf[0] == '\0')
		snprintf(buf, size, "none");
}
