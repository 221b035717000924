/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot allocator: whole pages from RAM the loader did not use.  Free
 * ranges come from bootinfo_free_ranges() (RAM minus firmware-reserved
 * ranges, the kernel image and all loader data).  Pages are never freed.
 */
#ifndef _SYS_BOOTALLOC_H_
#define _SYS_BOOTALLOC_H_

#include <sys/bootinfo.h>

#define BOOTALLOC_MAX_RANGES	64

void	bootalloc_init(const struct bootinfo *bi, const struct bi_kernel *k);
/*
 * The hypervisor backs only `backed` bytes of the map's RAM (Xen
 * populate-on-demand): from now on hand out only what is left of that
 * once all RAM outside the free ranges and all pages handed out are
 * counted as used.  Returns the bytes still free.
 */
uint64_t bootalloc_limit(const struct bootinfo *bi, uint64_t backed);
/* npages zeroed pages, physically contiguous; panics when out of memory. */
uint64_t bootalloc_pages(size_t npages);
/* Free ranges left, for the tests and the boot messages. */
unsigned bootalloc_ranges(const struct bi_range **ranges);

#endif /* !_SYS_BOOTALLOC_H_ */
