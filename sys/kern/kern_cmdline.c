/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Command line parsing.  Pure (host-tested): values are kept as pointers
 * into the command line, which lives in struct bootinfo for good.
 */
#include <sys/cmdline.h>

struct cmdline_opt {
	const char	*name;
	bool		takes_value;
	int		(*set)(struct boot_options *, const char *v, size_t vlen,
			    char *why, size_t whysize);
};

static int
opt_quiet(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	(void)v, (void)vlen, (void)why, (void)whysize;
	o->quiet = true;
	return 0;
}

static int
opt_tslog(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	(void)v, (void)vlen, (void)why, (void)whysize;
	o->tslog = true;
	return 0;
}

static int
opt_exitmark(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	(void)v, (void)vlen, (void)why, (void)whysize;
	o->exitmark = true;
	return 0;
}

static int
opt_test(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	if (vlen == 0) {
		fmt_snprintf(why, whysize, "test= needs a value "
		    "(a test name, a comma-separated list, all or none)");
		return -1;
	}
	o->tests = v;
	o->tests_len = vlen;
	return 0;
}

/* console=a,b (and again, as Linux allows): names checked by cons.c. */
static int
opt_console(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	if (vlen == 0) {
		fmt_snprintf(why, whysize, "console= needs a value "
		    "(console names, comma-separated)");
		return -1;
	}
	if (o->nconsole == nitems(o->console)) {
		fmt_snprintf(why, whysize, "more than %u console= options; "
		    "'%.*s' ignored", (unsigned)nitems(o->console),
		    (int)MIN(vlen, 32), v);
		return -1;
	}
	o->console[o->nconsole].s = v;
	o->console[o->nconsole].len = vlen;
	o->nconsole++;
	return 0;
}

static int
opt_exit(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	static const struct {
		const char *name;
		int method;
	} methods[] = {
		{ "auto", EXIT_M_AUTO },
		{ "debugexit", EXIT_M_DEBUGEXIT },
		{ "acpi", EXIT_M_ACPI },
		{ "halt", EXIT_M_HALT },
		{ "hv", EXIT_M_HV },
		{ "wait", EXIT_M_WAIT },
	};
	unsigned i;

	for (i = 0; i < nitems(methods); i++) {
		if (strlen(methods[i].name) == vlen &&
		    memcmp(methods[i].name, v, vlen) == 0) {
			o->exit_method = methods[i].method;
			return 0;
		}
	}
	fmt_snprintf(why, whysize, "exit=%.*s: want auto, debugexit, acpi, "
	    "halt, hv or wait; keeping auto", (int)MIN(vlen, 32), v);
	return -1;
}

/*
 * hosttime=SECONDS: the host's time (Unix seconds, `date +%s`) when it
 * started the guest, for the `wallclock` test.  Decimal digits only;
 * 1 to 4102444800 (2100-01-01), so that an absurd value is refused here,
 * not compared.
 */
#define HOSTTIME_MAX	4102444800ULL

static int
opt_hosttime(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	uint64_t t = 0;
	size_t i;

	for (i = 0; i < vlen && t <= HOSTTIME_MAX; i++) {
		if (v[i] < '0' || v[i] > '9')
			break;
		t = t * 10 + (uint64_t)(v[i] - '0');
	}
	if (vlen == 0 || i < vlen || t == 0 || t > HOSTTIME_MAX) {
		fmt_snprintf(why, whysize, "hosttime=%.*s: want Unix seconds, "
		    "1 to %llu; ignored", (int)MIN(vlen, 32), v, HOSTTIME_MAX);
		return -1;
	}
	o->hosttime = t;
	return 0;
}

/* Options a driver reads from the command line itself. */
static int
opt_elsewhere(struct boot_options *o, const char *v, size_t vlen, char *why,
    size_t whysize)
{
	(void)o, (void)v, (void)vlen, (void)why, (void)whysize;
	return 0;
}

static const struct cmdline_opt cmdline_opts[] = {
	{ "quiet", false, opt_quiet },
	{ "tslog", false, opt_tslog },
	{ "exitmark", false, opt_exitmark },
	{ "test", true, opt_test },
	{ "exit", true, opt_exit },
	{ "hosttime", true, opt_hosttime },
	{ "console", true, opt_console },
	{ "virtio_mmio.device", true, opt_elsewhere },	/* virtio_mmio_bus.c */
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *
find_eq(const char *tok, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (tok[i] == '=')
			return tok + i;
	return NULL;
}

int
cmdline_parse(const char *s, struct boot_options *o, cmdline_warn_t warn)
{
	const struct cmdline_opt *opt;
	const char *tok, *eq, *val;
	size_t toklen, namelen, vlen;
	char why[128];
	int nwarn = 0;
	unsigned i;

	memset(o, 0, sizeof(*o));
	o->exit_method = EXIT_M_AUTO;
	while (*s != '\0') {
		while (is_space(*s))
			s++;
		if (*s == '\0')
			break;
		for (tok = s; *s != '\0' && !is_space(*s); s++)
			continue;
		toklen = (size_t)(s - tok);
		eq = find_eq(tok, toklen);
		namelen = eq != NULL ? (size_t)(eq - tok) : toklen;
		val = eq != NULL ? eq + 1 : NULL;
		vlen = eq != NULL ? toklen - namelen - 1 : 0;

		opt = NULL;
		for (i = 0; i < nitems(cmdline_opts); i++)
			if (strlen(cmdline_opts[i].name) == namelen &&
			    memcmp(cmdline_opts[i].name, tok, namelen) == 0)
				opt = &cmdline_opts[i];
		why[0] = '\0';
		if (opt == NULL)
			fmt_snprintf(why, sizeof(why),
			    "unknown option '%.*s' ignored",
			    (int)MIN(toklen, 64), tok);
		else if (opt->takes_value && val == NULL)
			fmt_snprintf(why, sizeof(why),
			    "option '%s' needs a value (%s=...)", opt->name,
			    opt->name);
		else if (!opt->takes_value && val != NULL)
			fmt_snprintf(why, sizeof(why),
			    "option '%s' takes no value; ignored", opt->name);
		else
			opt->set(o, val, vlen, why, sizeof(why));
		if (why[0] != '\0') {
			nwarn++;
			if (warn != NULL)
				warn(why);
		}
	}
	return nwarn;
}
