/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console fan-out: every message is formatted once and written to every
 * sink that is present (port 0xe9, COM1, the Xen PV console ring, ...).
 * Sinks that need probing (a port read: one VM exit each) are probed on
 * the first write, so a quiet boot pays for them only when it prints.
 */
#ifndef _SYS_CONS_H_
#define _SYS_CONS_H_

#include <stddef.h>

struct cons_sink {
	const char	*name;		/* for the report's console= key */
	int		(*probe)(void);	/* 1 if present; NULL: always present */
	void		(*write)(const char *s, size_t n);
	void		(*flush)(void);	/* NULL if writes are synchronous */
};

#define CONS_MAX_SINKS	4

void	cons_register(const struct cons_sink *);
void	cons_write(const char *, size_t);
void	cons_flush(void);
/* Comma-separated names of the sinks in use (probing them if needed). */
void	cons_names(char *buf, size_t size);

#endif /* !_SYS_CONS_H_ */
