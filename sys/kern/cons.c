/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console fan-out (after XTF's common/console.c): a small table of sinks,
 * each written in turn.  A sink with a probe is tried on first use and
 * dropped if absent.
 *
 * The batched console policy (<sys/cons.h>, docs/design.md): output is
 * kept in the early buffer, and a sink gets it (once, in order) when it
 * goes live: a batched sink when it registers; a byte-per-exit sink when
 * console= names it, when cons_settle() finds no batched sink, when the
 * early buffer fills up first, or at a panic.  Under a hypervisor a byte
 * on port 0xe9 is an exit: a default boot's output costs ~one exit per
 * byte through debugcon and one per line through a ring.
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
	bool		named;		/* console= names it */
	bool		live;		/* gets output now */
	size_t		seen;		/* not live: bytes of output it had */
};

static struct cons_slot cons_slots[CONS_MAX_SINKS];
static struct bootopt_str cons_sel[BOOTOPT_MAX_CONSOLE];
static unsigned cons_nsel;
static bool cons_everything;		/* cons_panic() ran */
static bool cons_bytes_live;		/* byte sinks live, unless muted */
static const struct cons_sink *cons_batched;	/* the first batched sink */

/*
 * Written before it is read (cons_early_len counts): not zeroed, so a
 * quiet boot, which prints nothing, never touches its page.  Aligned so
 * that it is one page, not two.
 */
static char cons_early[CONS_EARLY_SIZE] __noinit __aligned(CONS_EARLY_SIZE);
static size_t cons_early_len;		/* the first bytes of the output */
static size_t cons_total;		/* bytes through cons_write() */
static bool cons_early_full;

static bool
cons_name_eq(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

/*
 * One console= name against a sink.  Linux's names too, as Firecracker
 * and xl configurations write them: ttyS0 is COM1; hvc0 is the
 * hypervisor's console (Xen's ring, virtio-console), which is batched.
 */
static bool
cons_name_matches(const char *n, size_t len, const struct cons_sink *s)
{
	if (cons_name_eq(n, len, s->name))
		return true;
	if (cons_name_eq(n, len, "ttyS0"))
		return strcmp(s->name, "com1") == 0;
	if (cons_name_eq(n, len, "hvc0"))
		return (s->flags & CONS_BATCHED) != 0;
	return false;
}

/* Calls fn on each comma-separated name until it returns true. */
static bool
cons_each_name(bool (*fn)(const char *, size_t, void *), void *arg)
{
	const char *p, *end, *comma;
	unsigned i;

	for (i = 0; i < cons_nsel; i++) {
		p = cons_sel[i].s;
		end = p + cons_sel[i].len;
		for (;;) {
			for (comma = p; comma < end && *comma != ','; comma++)
				continue;
			if (comma > p && fn(p, (size_t)(comma - p), arg))
				return true;
			if (comma == end)
				break;
			p = comma + 1;
		}
	}
	return false;
}

static bool
cons_names_sink(const char *n, size_t len, void *arg)
{
	return cons_name_matches(n, len, arg);
}

static int
cons_usable(struct cons_slot *c)
{
	if (c->state == CS_UNPROBED) {
		/* Port reads: VM exits worth seeing in the boot trace. */
		tslog(TS_ENTER, "cons_probe", c->sink->name);
		c->state = c->sink->probe() ? CS_PRESENT : CS_ABSENT;
		tslog(TS_EXIT, "cons_probe", c->sink->name);
	}
	return c->state == CS_PRESENT;
}

/* Whether a sink should get output now: the policy in one place. */
static bool
cons_wanted(const struct cons_slot *c)
{
	if ((c->sink->flags & CONS_BATCHED) != 0 || cons_everything ||
	    c->named)
		return true;
	return cons_batched == NULL && cons_bytes_live;
}

static void
cons_write_str(const struct cons_sink *s, const char *buf, int n,
    size_t size)
{
	if (n > 0)
		s->write(buf, MIN((size_t)n, size - 1));
}

/*
 * A sink going live gets the output it has not had yet (all of it for a
 * new one), from the early buffer, in one write (one exit on a batched
 * sink).  What the full buffer could not keep is a marker line instead,
 * with the number of bytes missing, right where they are missing.
 */
static void
cons_catch_up(struct cons_slot *c)
{
	const struct cons_sink *s = c->sink;
	size_t from = c->seen;
	char m[128];
	int n;

	if (from >= cons_total || !cons_usable(c))
		return;			/* nothing new: probe on first use */
	if (from < cons_early_len) {
		s->write(cons_early + from, cons_early_len - from);
		from = cons_early_len;
	}
	if (from < cons_total) {
		n = snprintf(m, sizeof(m), "%scons: %zu bytes of output are "
		    "missing here: the %u-byte early buffer was full\n",
		    cons_early_len > 0 && from == cons_early_len &&
		    cons_early[cons_early_len - 1] != '\n' ? "\n" : "",
		    cons_total - from, (unsigned)CONS_EARLY_SIZE);
		cons_write_str(s, m, n, sizeof(m));
	}
}

/*
 * After every change of policy: sinks that become wanted go live (and
 * catch up), sinks that stop being wanted get one last line, so that
 * whoever watches them knows where output went.  A muted sink is never
 * probed again: it costs no exit at all.
 */
static void
cons_update(void)
{
	struct cons_slot *c;
	char m[128];
	unsigned i;
	int n;

	for (i = 0; i < nitems(cons_slots); i++) {
		c = &cons_slots[i];
		if (c->sink == NULL)
			continue;
		if (cons_wanted(c) && !c->live) {
			cons_catch_up(c);
			c->live = true;
		} else if (!cons_wanted(c) && c->live) {
			c->live = false;
			c->seen = cons_total;
			if (c->state != CS_PRESENT || cons_batched == NULL)
				continue;
			n = snprintf(m, sizeof(m), "cons: output continues on "
			    "%s (console=%s keeps it here)\n",
			    cons_batched->name, c->sink->name);
			cons_write_str(c->sink, m, n, sizeof(m));
		}
	}
}

/*
 * Keep whole lines for the sinks that go live later; count the rest.
 * If the buffer fills before the console set is settled and no batched
 * sink has come, the byte sinks go live now, with what the buffer
 * holds: held output must not be lost.
 */
static void
cons_early_keep(const char *s, size_t n)
{
	size_t keep;

	if (!cons_early_full && n <= sizeof(cons_early) - cons_early_len) {
		memcpy(cons_early + cons_early_len, s, n);
		cons_early_len += n;
		cons_total += n;
		return;
	}
	if (!cons_early_full) {
		if (cons_batched == NULL && !cons_bytes_live) {
			cons_bytes_live = true;
			cons_update();		/* the whole buffer, uncut */
		}
		/*
		 * Stop at the first chunk that does not fit, cut back to the
		 * last newline: a later, shorter line must not be replayed
		 * after the one lost, nor a line in part.
		 */
		for (keep = cons_early_len; keep > 0 &&
		    cons_early[keep - 1] != '\n'; keep--)
			continue;
		cons_early_len = keep;
		cons_early_full = true;
	}
	cons_total += n;
}

void
cons_register(const struct cons_sink *s)
{
	struct cons_slot *c = NULL;
	unsigned i;

	for (i = 0; i < nitems(cons_slots); i++) {
		if (cons_slots[i].sink == NULL) {
			c = &cons_slots[i];
			break;
		}
	}
	if (c == NULL) {
		/* Silently losing a console would hide output: say so. */
		printf("cons: no slot for console %s\n", s->name);
		return;
	}
	c->state = s->probe != NULL ? CS_UNPROBED : CS_PRESENT;
	c->seen = 0;
	c->named = cons_each_name(cons_names_sink, (void *)(uintptr_t)s);
	c->sink = s;
	if ((s->flags & CONS_BATCHED) != 0 && cons_batched == NULL)
		cons_batched = s;
	cons_update();
}

/*
 * A sink that stopped working (a device that no longer answers): its
 * slot is freed, and if it was the batched sink the others take over,
 * catching up from the early buffer.
 */
void
cons_detach(const struct cons_sink *s)
{
	unsigned i;

	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_slots[i].sink == s)
			memset(&cons_slots[i], 0, sizeof(cons_slots[i]));
	if (cons_batched == s) {
		cons_batched = NULL;
		for (i = 0; i < nitems(cons_slots); i++)
			if (cons_slots[i].sink != NULL && cons_batched == NULL &&
			    (cons_slots[i].sink->flags & CONS_BATCHED) != 0)
				cons_batched = cons_slots[i].sink;
	}
	cons_update();
}

void
cons_select(const struct bootopt_str *names, unsigned n)
{
	unsigned i;

	cons_nsel = MIN(n, nitems(cons_sel));
	for (i = 0; i < cons_nsel; i++)
		cons_sel[i] = names[i];
	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_slots[i].sink != NULL)
			cons_slots[i].named = cons_each_name(cons_names_sink,
			    (void *)(uintptr_t)cons_slots[i].sink);
	cons_update();
}

void
cons_settle(void)
{
	cons_bytes_live = true;
	cons_update();
}

static bool
cons_name_present(const char *n, size_t len, void *arg)
{
	unsigned i;

	(void)arg;
	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_slots[i].sink != NULL &&
		    cons_name_matches(n, len, cons_slots[i].sink) &&
		    cons_usable(&cons_slots[i]))
			return true;
	return false;
}

static bool
cons_warn_absent(const char *n, size_t len, void *arg)
{
	char esc[64];
	unsigned *count = arg;

	if (!cons_name_present(n, len, NULL)) {
		/* From the command line: escaped. */
		fmt_escape(esc, sizeof(esc), n, len);
		printf("cons: console=%s: no such console here; ignored\n",
		    esc);
		(*count)++;
	}
	return false;
}

unsigned
cons_check_selected(void)
{
	unsigned count = 0;

	(void)cons_each_name(cons_warn_absent, &count);
	return count;
}

void
cons_panic(void)
{
	unsigned i;

	/*
	 * A muted sink gets the panic only: the batched sink has the rest.
	 * Without one, held output comes first, as context for the panic.
	 */
	if (cons_batched != NULL)
		for (i = 0; i < nitems(cons_slots); i++)
			cons_slots[i].seen = cons_total;
	cons_everything = true;
	cons_update();
}

void
cons_write(const char *s, size_t n)
{
	bool live[CONS_MAX_SINKS];
	unsigned i;

	cons_early_keep(s, n);
	/*
	 * Who is live now: a sink's write may detach it, and the sinks that
	 * then go live catch up from the buffer, this chunk included.
	 */
	for (i = 0; i < nitems(cons_slots); i++)
		live[i] = cons_slots[i].live;
	for (i = 0; i < nitems(cons_slots); i++)
		if (live[i] && cons_slots[i].live &&
		    cons_usable(&cons_slots[i]))
			cons_slots[i].sink->write(s, n);
}

void
cons_flush(void)
{
	unsigned i;

	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_slots[i].live && cons_usable(&cons_slots[i]) &&
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
		if (!cons_slots[i].live || !cons_usable(&cons_slots[i]))
			continue;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0,
		    "%s%s", len > 0 ? "," : "", cons_slots[i].sink->name);
		if (len >= size)
			break;
	}
	if (buf[0] == '\0')
		snprintf(buf, size, "none");
}
