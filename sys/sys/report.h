/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot report: one machine-readable line at the end of boot,
 * `report: key=value key=value ...`.  Backends add their own keys (the
 * Xen version, say) as they attach; main.c adds the common ones last.
 * Values never contain spaces (they are replaced by '_') nor bytes
 * outside 0x20..0x7e (escaped as \xNN, with the backslash itself).
 */
#ifndef _SYS_REPORT_H_
#define _SYS_REPORT_H_

#include <sys/systm.h>

void	report_add(const char *key, const char *fmt, ...) __printflike(2, 3);
void	report_print(void);
/* The line report_print() prints, without "report:" and the newline. */
size_t	report_format(char *line, size_t size);

/* kern_bootreport.c: the keys every boot has (hv, si, mem_kib, ...). */
struct bootinfo;
void	report_add_common(const struct bootinfo *bi, uint64_t boot_tsc);

#endif /* !_SYS_REPORT_H_ */
