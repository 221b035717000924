/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console fan-out (after XTF's common/console.c): a small table of sinks,
 * each written in turn.  A sink with a probe is tried on first use and
 * dropped if absent.
 *
 * The batched console policy (<sys/cons.h>): the first batched sink that
 * attaches gets the early buffer replayed, then byte-per-exit sinks are
 * muted unless `console=` names them.  Under a hypervisor a byte on port
 * 0xe9 is an exit, so a default boot's ~2 KiB of output cost ~2 000 exits
 * through debugcon and one per line through a ring.
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
};

static struct cons_slot cons_slots[CONS_MAX_SINKS];
static struct bootopt_str cons_sel[BOOTOPT_MAX_CONSOLE];
static unsigned cons_nsel;
static bool cons_selected;		/* cons_select() ran */
static bool cons_everything;		/* cons_panic() ran */
static const struct cons_sink *cons_batched;	/* handed over to */

/*
 * Written before it is read (cons_early_len counts): not zeroed, so a
 * quiet boot, which prints nothing, never touches its page.  Aligned so
 * that it is one page, not two.
 */
static char cons_early[CONS_EARLY_SIZE] __noinit __aligned(CONS_EARLY_SIZE);
static size_t cons_early_len, cons_early_lost;
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

static bool
cons_is_named(const struct cons_sink *s)
{
	return cons_each_name(cons_names_sink, (void *)(uintptr_t)s);
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

/*
 * Normal output goes to every sink until the handover and until
 * console= is known (the boot console); then to batched sinks and the
 * named ones only.  Decided before any probe: a muted sink is never
 * probed, so it costs no exit at all.
 */
static bool
cons_gets_output(const struct cons_slot *c)
{
	if (cons_everything || cons_batched == NULL || !cons_selected)
		return true;
	return (c->sink->flags & CONS_BATCHED) != 0 || c->named;
}

static void
cons_write_str(const struct cons_sink *s, const char *buf, int n,
    size_t size)
{
	if (n > 0)
		s->write(buf, MIN((size_t)n, size - 1));
}

/*
 * The last line a muted sink gets, so that whoever watches it knows
 * where the rest went.  Only to sinks already in use: a quiet boot never
 * probed them, and a first line of output would cost its bytes in exits.
 */
static void
cons_mute_notice(void)
{
	char m[128];
	unsigned i;
	int n;

	for (i = 0; i < nitems(cons_slots); i++) {
		if (cons_slots[i].sink == NULL ||
		    cons_slots[i].state != CS_PRESENT ||
		    cons_gets_output(&cons_slots[i]))
			continue;
		n = snprintf(m, sizeof(m), "cons: output continues on %s "
		    "(console=%s keeps it here)\n", cons_batched->name,
		    cons_slots[i].sink->name);
		cons_write_str(cons_slots[i].sink, m, n, sizeof(m));
	}
}

/*
 * The first batched sink: it gets what was printed so far, once.  A
 * full buffer lost whole lines at its end; the marker says how many
 * bytes, right where they are missing.
 */
static void
cons_handover(const struct cons_sink *s)
{
	char m[160];
	int n;

	cons_batched = s;
	if (cons_early_len > 0)
		s->write(cons_early, cons_early_len);
	if (cons_early_lost > 0) {
		n = snprintf(m, sizeof(m), "%scons: %zu bytes printed before "
		    "%s attached are missing here: the %u-byte early buffer "
		    "was full\n", cons_early_len > 0 &&
		    cons_early[cons_early_len - 1] != '\n' ? "\n" : "",
		    cons_early_lost, s->name, (unsigned)CONS_EARLY_SIZE);
		cons_write_str(s, m, n, sizeof(m));
	}
	if (cons_selected)
		cons_mute_notice();
}

/* Before the handover: keep whole lines for the replay, count the rest. */
static void
cons_early_keep(const char *s, size_t n)
{
	size_t keep;

	if (!cons_early_full && n <= sizeof(cons_early) - cons_early_len) {
		memcpy(cons_early + cons_early_len, s, n);
		cons_early_len += n;
		return;
	}
	if (!cons_early_full) {
		/*
		 * Stop at the first chunk that does not fit, cut back to the
		 * last newline: a later, shorter line must not be replayed
		 * before the one lost, nor a line in part.
		 */
		for (keep = cons_early_len; keep > 0 &&
		    cons_early[keep - 1] != '\n'; keep--)
			continue;
		cons_early_lost += cons_early_len - keep;
		cons_early_len = keep;
		cons_early_full = true;
	}
	cons_early_lost += n;
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
	c->sink = s;
	c->state = s->probe != NULL ? CS_UNPROBED : CS_PRESENT;
	c->named = cons_is_named(s);
	if ((s->flags & CONS_BATCHED) != 0 && cons_batched == NULL &&
	    cons_usable(c))
		cons_handover(s);
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
			cons_slots[i].named = cons_is_named(cons_slots[i].sink);
	cons_selected = true;
	/* A batched sink came first (Xen's ring attaches in early()). */
	if (cons_batched != NULL)
		cons_mute_notice();
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
	cons_everything = true;
}

void
cons_write(const char *s, size_t n)
{
	unsigned i;

	if (cons_batched == NULL)
		cons_early_keep(s, n);
	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_slots[i].sink != NULL &&
		    cons_gets_output(&cons_slots[i]) &&
		    cons_usable(&cons_slots[i]))
			cons_slots[i].sink->write(s, n);
}

void
cons_flush(void)
{
	unsigned i;

	for (i = 0; i < nitems(cons_slots); i++)
		if (cons_slots[i].sink != NULL &&
		    cons_gets_output(&cons_slots[i]) &&
		    cons_usable(&cons_slots[i]) &&
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
		if (cons_slots[i].sink == NULL ||
		    !cons_gets_output(&cons_slots[i]) ||
		    !cons_usable(&cons_slots[i]))
			continue;
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0,
		    "%s%s", len > 0 ? "," : "", cons_slots[i].sink->name);
		if (len >= size)
			break;
	}
	if (buf[0] == '\0')
		snprintf(buf, size, "none");
}
