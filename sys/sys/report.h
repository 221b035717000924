/*
 * The boot report: one machine-readable line at the end of boot,
 * `report: key=value key=value ...`.  Backends add their own keys (the
 * Xen version, say) as they attach; main.c adds the common ones last.
 * Values never contain spaces (they are replaced by '_').
 */
#ifndef _SYS_REPORT_H_
#define _SYS_REPORT_H_

#include <sys/systm.h>

void	report_add(const char *key, const char *fmt, ...) __printflike(2, 3);
void	report_print(void);

/* kern_bootreport.c: the keys every boot has (hv, si, mem_kib, ...). */
struct bootinfo;
void	report_add_common(const struct bootinfo *bi, uint64_t boot_tsc);

#endif /* !_SYS_REPORT_H_ */
