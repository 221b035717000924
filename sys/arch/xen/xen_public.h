/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen's public headers (Debian's libxen-dev, /usr/include/xen), with the
 * interface version pinned: without it xen-compat.h falls back to the
 * 2005 interface and some names and layouts change.  Every Xen file
 * includes this first.
 */
#ifndef _XEN_XEN_PUBLIC_H_
#define _XEN_XEN_PUBLIC_H_

#include <stddef.h>
#include <stdint.h>

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__	0x00040e00	/* Xen 4.14 and later */
#endif

#include <xen/xen.h>

#endif /* !_XEN_XEN_PUBLIC_H_ */
