/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A JSON writer into a fixed buffer, for one-line machine-readable
 * reports (the conformance report).  Strings are escaped per RFC 8259
 * section 7: quote, backslash and control bytes as escapes, and every
 * byte outside printable ASCII as \u00XX, so that a hostile string from
 * a loader or hypervisor can neither break the line nor make the output
 * invalid UTF-8.  A report that does not fit is marked overflowed, never
 * cut into invalid JSON silently: json_ok() says which.
 */
#include <lib/libkern.h>

static void
put(struct json *j, const char *s, size_t n)
{
	if (j->overflow || n >= j->size - j->len) {
		j->overflow = true;
		return;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void
putc1(struct json *j, char c)
{
	put(j, &c, 1);
}

static void
put_string(struct json *j, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = { '\\', 'u', '0', '0', 0, 0 };
	unsigned char c;

	putc1(j, '"');
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '"' || c == '\\') {
			esc[1] = (char)c;
			put(j, esc, 2);
			esc[1] = 'u';
		} else if (c < 0x20 || c > 0x7e) {
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			put(j, esc, 6);
		} else
			putc1(j, (char)c);
	}
	putc1(j, '"');
}

/* The separator and key before a value. */
static void
key(struct json *j, const char *k)
{
	if (j->depth > 0 && !j->first[j->depth - 1])
		putc1(j, ',');
	if (j->depth > 0)
		j->first[j->depth - 1] = false;
	if (k != NULL) {
		put_string(j, k);
		putc1(j, ':');
	}
}

void
json_init(struct json *j, char *buf, size_t size)
{
	memset(j, 0, sizeof(*j));
	j->buf = buf;
	j->size = size;
	if (size == 0)
		j->overflow = true;
	else
		buf[0] = '\0';
}

void
json_open(struct json *j, const char *k, char bracket)
{
	key(j, k);
	putc1(j, bracket);
	if (j->depth == JSON_MAX_DEPTH) {
		j->overflow = true;
		return;
	}
	j->first[j->depth++] = true;
}

void
json_close(struct json *j, char bracket)
{
	if (j->depth == 0) {
		j->overflow = true;
		return;
	}
	j->depth--;
	putc1(j, bracket);
}

void
json_str(struct json *j, const char *k, const char *v)
{
	key(j, k);
	put_string(j, v);
}

void
json_u64(struct json *j, const char *k, uint64_t v)
{
	char num[24];
	int n;

	key(j, k);
	n = fmt_snprintf(num, sizeof(num), "%llu", (unsigned long long)v);
	put(j, num, (size_t)n);
}

void
json_hex(struct json *j, const char *k, uint64_t v)
{
	char num[24];

	fmt_snprintf(num, sizeof(num), "%#llx", (unsigned long long)v);
	json_str(j, k, num);
}

void
json_bool(struct json *j, const char *k, bool v)
{
	key(j, k);
	if (v)
		put(j, "true", 4);
	else
		put(j, "false", 5);
}

bool
json_ok(const struct json *j)
{
	return !j->overflow && j->depth == 0;
}
