/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printf-style formatting, freestanding.  One routine, fmt_format(),
 * formats into any sink; snprintf and the kernel's printf are thin
 * wrappers.  Output goes to the sink in runs, not byte by byte, so that a
 * console can hand a whole line to the hypervisor at once.
 */
#include <stdbool.h>

#include <lib/libkern.h>

#define F_MINUS	0x01	/* left-justify */
#define F_ZERO	0x02	/* pad with zeros */
#define F_ALT	0x04	/* '#': 0x prefix */
#define F_PLUS	0x08
#define F_SPACE	0x10

struct fmt_out {
	fmt_emit_t	emit;
	void		*arg;
	int		count;
};

static void
out(struct fmt_out *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	o->emit(o->arg, s, n);
	o->count += (int)n;
}

static void
pad(struct fmt_out *o, char c, int n)
{
	char buf[16];
	int k;

	if (n <= 0)
		return;
	memset(buf, c, sizeof(buf));
	while (n > 0) {
		k = n < (int)sizeof(buf) ? n : (int)sizeof(buf);
		out(o, buf, (size_t)k);
		n -= k;
	}
}

/*
 * One formatted field: prefix (sign or 0x), zero padding to the
 * precision or the width, the digits, then blanks if left-justified.
 */
static void
field(struct fmt_out *o, const char *prefix, const char *body, int len,
    int width, int prec, int flags)
{
	int plen = (int)strlen(prefix);
	int zeros = 0, total;

	if (prec >= 0 && prec > len)
		zeros = prec - len;
	total = plen + zeros + len;
	if ((flags & F_ZERO) && !(flags & F_MINUS) && prec < 0 &&
	    width > total) {
		zeros += width - total;
		total = width;
	}
	if (!(flags & F_MINUS))
		pad(o, ' ', width - total);
	out(o, prefix, (size_t)plen);
	pad(o, '0', zeros);
	out(o, body, (size_t)len);
	if (flags & F_MINUS)
		pad(o, ' ', width - total);
}

static int
utoa(char *end, unsigned long long v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = digits[v % base];
		v /= base;
	} while (v != 0);
	return (int)(end - p);
}

int
fmt_format(fmt_emit_t emit, void *arg, const char *fmt, va_list ap)
{
	struct fmt_out o = { emit, arg, 0 };
	char nbuf[24];		/* 2^64 in octal is 22 digits */
	const char *run, *s, *prefix;
	unsigned long long u;
	long long sv;
	int flags, width, prec, lng, n, base, upper;
	char c;

	while (*fmt != '\0') {
		for (run = fmt; *fmt != '\0' && *fmt != '%'; fmt++)
			continue;
		out(&o, run, (size_t)(fmt - run));
		if (*fmt == '\0')
			break;
		run = fmt++;		/* at '%', for printing a bad spec */

		flags = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				flags |= F_MINUS;
			else if (*fmt == '0')
				flags |= F_ZERO;
			else if (*fmt == '#')
				flags |= F_ALT;
			else if (*fmt == '+')
				flags |= F_PLUS;
			else if (*fmt == ' ')
				flags |= F_SPACE;
			else
				break;
		}
		width = 0;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_MINUS;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9' && width < 10000)
				width = width * 10 + (*fmt++ - '0');
		}
		prec = -1;
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9' && prec < 10000)
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		lng = 0;
		if (*fmt == 'l') {
			lng = 1;
			if (*++fmt == 'l') {
				lng = 2;
				fmt++;
			}
		} else if (*fmt == 'z') {
			lng = 1;	/* size_t is unsigned long here */
			fmt++;
		}

		c = *fmt++;
		base = 10;
		upper = 0;
		prefix = "";
		switch (c) {
		case 'c':
			nbuf[0] = (char)va_arg(ap, int);
			field(&o, "", nbuf, 1, width, -1, flags & ~F_ZERO);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			n = prec >= 0 ? (int)strnlen(s, (size_t)prec) :
			    (int)strlen(s);
			field(&o, "", s, n, width, -1, flags & ~F_ZERO);
			break;
		case 'd':
		case 'i':
			if (lng == 2)
				sv = va_arg(ap, long long);
			else if (lng == 1)
				sv = va_arg(ap, long);
			else
				sv = va_arg(ap, int);
			if (sv < 0) {
				prefix = "-";
				u = 0ULL - (unsigned long long)sv;
			} else {
				prefix = (flags & F_PLUS) ? "+" :
				    (flags & F_SPACE) ? " " : "";
				u = (unsigned long long)sv;
			}
			goto number;
		case 'p':
			u = (uintptr_t)va_arg(ap, void *);
			base = 16;
			prefix = "0x";
			goto number;
		case 'x':
		case 'X':
		case 'o':
		case 'u':
			if (lng == 2)
				u = va_arg(ap, unsigned long long);
			else if (lng == 1)
				u = va_arg(ap, unsigned long);
			else
				u = va_arg(ap, unsigned int);
			if (c == 'o')
				base = 8;
			else if (c != 'u')
				base = 16;
			upper = c == 'X';
			if ((flags & F_ALT) && u != 0 && base == 16)
				prefix = upper ? "0X" : "0x";
			else if ((flags & F_ALT) && base == 8)
				prefix = "0";
		number:
			n = utoa(nbuf + sizeof(nbuf), u, (unsigned)base, upper);
			if (prec == 0 && u == 0)
				n = 0;		/* C: "%.0d" of 0 prints nothing */
			field(&o, prefix, nbuf + sizeof(nbuf) - n, n, width,
			    prec, flags);
			break;
		case '%':
			out(&o, "%", 1);
			break;
		default:
			/* Unknown or truncated: print the spec as written. */
			if (c == '\0')
				fmt--;
			out(&o, run, (size_t)(fmt - run));
			break;
		}
	}
	return o.count;
}

struct snbuf {
	char	*p;
	size_t	left;		/* room, keeping one byte for the NUL */
};

static void
sn_emit(void *arg, const char *s, size_t n)
{
	struct snbuf *b = arg;
	size_t k = n < b->left ? n : b->left;

	memcpy(b->p, s, k);
	b->p += k;
	b->left -= k;
}

int
fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct snbuf b = { buf, size > 0 ? size - 1 : 0 };
	int n;

	n = fmt_format(sn_emit, &b, fmt, ap);
	if (size > 0)
		*b.p = '\0';
	return n;
}

int
fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

size_t
fmt_escape(char *dst, size_t size, const char *src, size_t srclen)
{
	const char *hex = "0123456789abcdef";	/* merged with utoa()'s */
	size_t len = 0, i, n;
	unsigned char c;
	char esc[4];
	bool full = size == 0;

	for (i = 0; i < srclen && src[i] != '\0'; i++) {
		c = (unsigned char)src[i];
		if (c >= 0x20 && c <= 0x7e && c != '\\') {
			esc[0] = (char)c;
			n = 1;
		} else {
			esc[0] = '\\';
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 0xf];
			n = 4;
		}
		/* Whole escapes only, and room for the NUL. */
		if (!full && len + n < size)
			memcpy(dst + len, esc, n);
		else if (!full) {
			dst[len] = '\0';
			full = true;
		}
		len += n;
	}
	if (!full)
		dst[len] = '\0';
	return len;
}
