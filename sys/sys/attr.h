/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Compiler attributes, as the BSDs spell them (in their <sys/cdefs.h>:
 * not that name here, which would hide the host libc's from the unit
 * tests).  Nothing else, so that any file may include it.
 */
#ifndef _SYS_ATTR_H_
#define _SYS_ATTR_H_

#define __dead		__attribute__((__noreturn__))
#define __printflike(f, a) __attribute__((__format__(__printf__, f, a)))
#define __unused	__attribute__((__unused__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __section(s)	__attribute__((__section__(s)))
#define __used		__attribute__((__used__))
/*
 * __noinit: .bss that locore.S does not zero.  Only for buffers that are
 * written before they are read (page tables filled whole, stacks, trace
 * records counted elsewhere, copies sized by a count).  Under a
 * hypervisor the first touch of every page is an exit (a nested page
 * fault): zeroing 128 KiB of .bss cost 32 of them on each boot.
 */
#define __noinit	__attribute__((__section__(".bss.noinit")))

#endif /* !_SYS_ATTR_H_ */
