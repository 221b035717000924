/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Printing, panic and assertions: what every kernel file uses.  The
 * attributes are in <sys/attr.h>, the boot options in <sys/bootopt.h>,
 * the way out in <sys/shutdown.h>, the boot hand-over in <sys/boot.h>.
 */
#ifndef _SYS_SYSTM_H_
#define _SYS_SYSTM_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/attr.h>
#include <lib/libkern.h>

/* subr_prf.c */
int	printf(const char *, ...) __printflike(1, 2);
int	vprintf(const char *, va_list);
/* Boot chatter: suppressed by the `quiet` option. */
void	aprint_normal(const char *, ...) __printflike(1, 2);
__dead void panic(const char *, ...) __printflike(1, 2);
#define snprintf	fmt_snprintf
#define vsnprintf	fmt_vsnprintf

#define KASSERT(e) do {							\
	if (!(e))							\
		panic("assertion \"%s\" failed: %s:%d", #e, __FILE__,	\
		    __LINE__);						\
} while (0)

#endif /* !_SYS_SYSTM_H_ */
