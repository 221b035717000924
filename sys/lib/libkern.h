/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Freestanding helpers: the kernel has no libc.  Everything here is pure
 * and is also built on the host for the unit tests.
 */
#ifndef _LIB_LIBKERN_H_
#define _LIB_LIBKERN_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define roundup2(x, y)	(((x) + ((y) - 1)) & ~((uint64_t)(y) - 1))
#define rounddown2(x, y) ((x) & ~((uint64_t)(y) - 1))

/*
 * a * b / c without overflowing 64 bits in a * b (and without a 128-bit
 * division, which would need libgcc): exact while b * c fits in 64 bits.
 */
static inline uint64_t
muldiv64(uint64_t a, uint64_t b, uint64_t c)
{
	return (a / c) * b + (a % c) * b / c;
}

/*
 * format.c: printf-style formatting into any sink.  Conversions: %d %i %u
 * %x %X %o %c %s %p %%, length modifiers l ll z, flags - 0 # and space
 * and +, field width and precision (also as *).  Anything else is printed
 * literally so that a bad format is visible, not undefined.
 */
typedef void (*fmt_emit_t)(void *arg, const char *s, size_t n);
int	fmt_format(fmt_emit_t emit, void *arg, const char *fmt, va_list ap);
int	fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int	fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * format.c: copy an untrusted string (from the loader, the hypervisor,
 * the command line) for printing: bytes outside 0x20..0x7e, and the
 * backslash itself, become "\xNN", so that such a string can never start
 * a line of its own (a forged "report:" line) or send terminal controls.
 * Reads at most srclen bytes and stops at a NUL.  The result is always
 * NUL-terminated and never ends inside an escape; returns the length the
 * whole escaped string has (>= size: it was truncated), as snprintf.
 */
size_t	fmt_escape(char *dst, size_t size, const char *src, size_t srclen);

/*
 * civil.c: the proleptic Gregorian calendar, days counted from
 * 1970-01-01 (negative before it); month 1-12, day 1-31.
 */
struct civil_date {
	int64_t		year;
	unsigned	month, day;
};
int64_t	days_from_civil(int64_t year, unsigned month, unsigned day);
void	civil_from_days(int64_t days, struct civil_date *);
/* Seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ"; returns snprintf's. */
int	fmt_iso8601(char *buf, size_t size, int64_t sec);

/*
 * json.c: a JSON writer into a fixed buffer.  k is the member name inside
 * an object, NULL inside an array or for the outermost value; brackets
 * are '{' '}' or '[' ']'.  json_hex() writes a string "0x...".
 */
#define JSON_MAX_DEPTH	8
struct json {
	char		*buf;
	size_t		size, len;
	unsigned	depth;
	bool		first[JSON_MAX_DEPTH];
	bool		overflow;	/* did not fit, or unbalanced */
};
void	json_init(struct json *, char *buf, size_t size);
void	json_open(struct json *, const char *k, char bracket);
void	json_close(struct json *, char bracket);
void	json_str(struct json *, const char *k, const char *v);
void	json_u64(struct json *, const char *k, uint64_t v);
void	json_hex(struct json *, const char *k, uint64_t v);
void	json_bool(struct json *, const char *k, bool v);
/* The whole document was written, balanced and not cut. */
bool	json_ok(const struct json *);

/* crc32.c: the zlib / IEEE 802.3 CRC-32, chainable (start with 0). */
uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);

/* string.c (kernel only; the host tests use libc's). */
#ifdef _KERNEL
void	*memcpy(void *, const void *, size_t);
void	*memmove(void *, const void *, size_t);
void	*memset(void *, int, size_t);
int	memcmp(const void *, const void *, size_t);
size_t	strlen(const char *);
size_t	strnlen(const char *, size_t);
int	strcmp(const char *, const char *);
int	strncmp(const char *, const char *, size_t);
char	*strchr(const char *, int);
#else
#include <string.h>
#endif

#endif /* !_LIB_LIBKERN_H_ */
