/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's view of physical memory: the low 4 GiB are mapped 1:1 by
 * locore.S (DIRECT_MAP_END), so a physical address below that is also a
 * kernel pointer.  Code that parses structures a loader, firmware or
 * hypervisor left in memory takes a phys_read_t instead of dereferencing
 * addresses itself, so that host tests can hand it crafted memory.
 */
#ifndef _SYS_PMAP_H_
#define _SYS_PMAP_H_

#include <stdint.h>

/* A pointer to len readable bytes at physical address pa, or NULL. */
typedef const void *(*phys_read_t)(uint64_t pa, uint64_t len);

#ifdef _KERNEL
/* The direct map: NULL for address 0 and for anything at or above 4 GiB. */
const void *pmap_phys_read(uint64_t pa, uint64_t len);
/* Writable view of the direct map, same rules (page 0 is read-only). */
void	*pmap_phys_ptr(uint64_t pa, uint64_t len);
/* Make one direct-map page read-only and executable (Xen hypercall page). */
void	pmap_set_exec_ro(uint64_t pa);
/* Unmap one page of the first 2 MiB (a stack guard), on this CPU. */
void	pmap_unmap_page(uint64_t pa);
#endif

#endif /* !_SYS_PMAP_H_ */
