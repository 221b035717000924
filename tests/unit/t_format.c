/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's printf formatting against the C library's, conversion by
 * conversion, and the snprintf contract (truncation, NUL, return value).
 */
/* sources: sys/lib/format.c */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include <lib/libkern.h>

#include "tap.h"

#define SAME(fmt, ...) do {						\
	char a_[256], b_[256];						\
	int na_ = fmt_snprintf(a_, sizeof(a_), fmt, __VA_ARGS__);	\
	int nb_ = snprintf(b_, sizeof(b_), fmt, __VA_ARGS__);		\
	if (!ok(na_ == nb_ && strcmp(a_, b_) == 0, "%-12s -> \"%s\"",	\
	    fmt, b_))							\
		printf("#   kernel \"%s\" (%d), libc \"%s\" (%d)\n",	\
		    a_, na_, b_, nb_);					\
} while (0)

int
main(void)
{
	static const int ints[] = { 0, 1, -1, 42, -42, INT_MAX, INT_MIN };
	static const unsigned long long ulls[] = { 0, 1, 0xdeadbeef,
	    0xffffffffffffffffULL, 1234567890123ULL };
	char buf[16];
	unsigned i;
	int n;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		SAME("%d", ints[i]);
		SAME("%i", ints[i]);
		SAME("%5d", ints[i]);
		SAME("%-5d|", ints[i]);
		SAME("%05d", ints[i]);
		SAME("%+d", ints[i]);
		SAME("% d", ints[i]);
		SAME("%.3d", ints[i]);
		SAME("%u", (unsigned)ints[i]);
		SAME("%x", (unsigned)ints[i]);
		SAME("%X", (unsigned)ints[i]);
		SAME("%#x", (unsigned)ints[i]);
		SAME("%08x", (unsigned)ints[i]);
		SAME("%o", (unsigned)ints[i]);
		SAME("%ld", (long)ints[i] * 100000);
	}
	for (i = 0; i < sizeof(ulls) / sizeof(ulls[0]); i++) {
		SAME("%llu", ulls[i]);
		SAME("%llx", ulls[i]);
		SAME("%#llx", ulls[i]);
		SAME("%016llx", ulls[i]);
		SAME("%lx", (unsigned long)ulls[i]);
		SAME("%zu", (size_t)ulls[i]);
		SAME("%lld", (long long)ulls[i]);
	}
	SAME("%lld", (long long)INT64_MIN);
	SAME("%s", "hello");
	SAME("%10s|", "hi");
	SAME("%-10s|", "hi");
	SAME("%.3s", "abcdef");
	SAME("%.*s", 2, "abcdef");
	SAME("%*d", 6, 42);
	SAME("%-*d|", 6, 42);
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("%3c|", 'z');
	SAME("100%%%s", "");
	SAME("%p", (void *)0x1234);
	SAME("%.0d|", 0);
	SAME("%#o", 8u);

	/* NULL string: the kernel prints (null) rather than fault. */
	n = fmt_snprintf(buf, sizeof(buf), "%s", (char *)NULL);
	is_str(buf, "(null)", "NULL %%s");
	is_int(n, 6, "NULL %%s length");

	/* Truncation: always NUL-terminated, returns the full length. */
	n = fmt_snprintf(buf, 5, "%s", "abcdefgh");
	is_str(buf, "abcd", "truncated to size - 1");
	is_int(n, 8, "returns the untruncated length");
	n = fmt_snprintf(buf, 0, "%d", 12345);
	is_int(n, 5, "size 0 writes nothing, returns length");
	n = fmt_snprintf(buf, 1, "%d", 12345);
	is_str(buf, "", "size 1 gives an empty string");

	/*
	 * Unknown conversions are printed as written, not skipped.  The
	 * format goes through a variable so the compiler does not refuse it.
	 */
	{
		const char *volatile bad1 = "a%qb", *volatile bad2 = "end%";

		fmt_snprintf(buf, sizeof(buf), bad1, 0);
		is_str(buf, "a%qb", "unknown conversion printed literally");
		fmt_snprintf(buf, sizeof(buf), bad2, 0);
		is_str(buf, "end%", "trailing %% printed");
	}

	/*
	 * fmt_escape: an untrusted string can never make a line of its own
	 * (a forged "report:" line from a module's command line), nor send
	 * a terminal control; printable bytes are kept as they are.
	 */
	{
		static const char forged[] =
		    "initrd\nreport: hv=xen mem_kib=99999999 modules=7";
		char e[128];
		size_t k;
		unsigned c, bad;

		k = fmt_escape(e, sizeof(e), forged, sizeof(forged));
		is_str(e, "initrd\\x0areport: hv=xen mem_kib=99999999 "
		    "modules=7", "newline escaped: no second line");
		is_int(k, strlen(e), "returns the escaped length");
		fmt_escape(e, sizeof(e), "a\rb\vc\fd\x1b[2Je\x7f\xff\\", 64);
		is_str(e, "a\\x0db\\x0bc\\x0cd\\x1b[2Je\\x7f\\xff\\x5c",
		    "CR, VT, FF, ESC, DEL, 0xff and backslash escaped");
		fmt_escape(e, sizeof(e), "genpvh-all ~!", 64);
		is_str(e, "genpvh-all ~!", "printable ASCII unchanged");
		fmt_escape(e, sizeof(e), "abcdef", 3);
		is_str(e, "abc", "stops after srclen bytes");
		/* Every byte: the result is printable and decodes back. */
		for (c = 1, bad = 0; c < 256; c++) {
			char in[2] = { (char)c, 0 }, want[8];
			unsigned v;

			fmt_escape(e, sizeof(e), in, 1);
			if (c >= 0x20 && c <= 0x7e && c != '\\')
				snprintf(want, sizeof(want), "%c", c);
			else
				snprintf(want, sizeof(want), "\\x%02x", c);
			if (strcmp(e, want) != 0 ||
			    (e[0] == '\\' && (sscanf(e, "\\x%2x", &v) != 1 ||
			    v != c)))
				bad++;
		}
		is_int(bad, 0, "bytes 1..255 each escaped iff outside "
		    "0x20..0x7e or a backslash, and decode back");
		/* Truncation: whole escapes only, NUL-terminated. */
		memset(e, 'Z', sizeof(e));
		k = fmt_escape(e, 6, "ab\ncd", 8);
		is_str(e, "ab", "no half escape at the end");
		is_int(k, 8, "truncated: returns the full length");
		memset(e, 'Z', sizeof(e));
		k = fmt_escape(e, 0, "abc", 3);
		ok(e[0] == 'Z' && k == 3, "size 0 writes nothing");
	}

	/* muldiv64: no overflow in a * b. */
	is_int(muldiv64(1ULL << 60, 1000, 3000), (1ULL << 60) / 3,
	    "muldiv64 large a");
	is_int(muldiv64(12345, 1000000, 2600000), 4748, "muldiv64 small");
	return done_testing();
}
