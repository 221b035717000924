/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console fan-out: every message is formatted once and written to the
 * sinks that are present (port 0xe9, COM1, the Xen PV console ring,
 * virtio-console, ...).  Sinks that need probing (a port read: one VM
 * exit each) are probed on the first write, so a quiet boot pays for
 * them only when it prints.
 *
 * Batched console policy (Linux's boot-console handover).  A sink is
 * either byte-per-exit (port 0xe9: one exit per byte; COM1: more) or
 * batched (CONS_BATCHED: a shared-memory ring or hypercall, one exit per
 * write or flush).  Until a batched sink attaches, every present sink
 * gets every message, and what is printed is also kept in a small early
 * buffer (CONS_EARLY_SIZE).  When the first batched sink attaches, that
 * buffer is replayed into it, so it holds the whole boot once and in
 * order; from then on byte-per-exit sinks get normal output only if
 * `console=` names them (they are told so in one last line).  A full
 * early buffer keeps whole lines only and the replay ends with a marker
 * line that says how many bytes are missing there: never silent loss.
 * After cons_panic() every present sink gets everything again.
 */
#ifndef _SYS_CONS_H_
#define _SYS_CONS_H_

#include <stdbool.h>
#include <stddef.h>

#include <sys/bootopt.h>

struct cons_sink {
	const char	*name;		/* for the report's console= key */
	int		(*probe)(void);	/* 1 if present; NULL: always present */
	void		(*write)(const char *s, size_t n);
	void		(*flush)(void);	/* NULL if writes are synchronous */
	unsigned	flags;
#define CONS_BATCHED	0x1		/* one exit per write/flush, not per byte */
};

#define CONS_MAX_SINKS	6
/*
 * Output kept for the replay: a non-quiet microvm boot prints ~0.6 KiB
 * before its virtio-console attaches (docs/design.md, Consoles).
 */
#define CONS_EARLY_SIZE	2048

void	cons_register(const struct cons_sink *);
void	cons_write(const char *, size_t);
void	cons_flush(void);
/*
 * The `console=` values (comma-separated sink names; Linux's ttyS0 is
 * com1, hvc0 any batched sink): named byte-per-exit sinks keep normal
 * output after the handover.  Called once the command line is parsed;
 * until then byte-per-exit sinks get everything (the boot console).
 */
void	cons_select(const struct bootopt_str *names, unsigned n);
/*
 * Warn (printf) about every name given to cons_select() that matches no
 * present sink; returns how many.  Called once the backends attached.
 */
unsigned cons_check_selected(void);
/* From now on every present sink gets everything: panic() calls it. */
void	cons_panic(void);
/* Comma-separated names of the sinks that get normal output now. */
void	cons_names(char *buf, size_t size);

#endif /* !_SYS_CONS_H_ */
