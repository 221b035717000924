/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console fan-out: every message is formatted once and written to the
 * sinks that are present (port 0xe9, COM1, the Xen PV console ring,
 * virtio-console, ...).  Sinks that need probing (a port read: one VM
 * exit each) are probed on the first write, so a quiet boot pays for
 * them only when it prints.
 *
 * Batched console policy (Linux's console registration, docs/design.md).
 * A sink is either byte-per-exit (port 0xe9: one exit per byte; COM1:
 * more) or batched (CONS_BATCHED: a shared-memory ring or a hypercall,
 * one exit per write or flush).  What is printed is kept in a small
 * early buffer (CONS_EARLY_SIZE), and a sink gets it, once and in order,
 * when it goes live:
 *  - a batched sink when it registers (the first one takes over);
 *  - a byte-per-exit sink named by `console=` once that is parsed (the
 *    boot console: live from then on, even after a batched sink came);
 *  - the other byte-per-exit sinks when cons_settle() finds that no
 *    batched sink has come, or when the early buffer fills up first;
 *    once a batched sink is there they stay muted and are never probed;
 *  - at a panic every sink gets the panic (a muted one only the panic,
 *    held output first where no batched sink has it).
 * A full early buffer keeps whole lines only; a sink that catches up
 * from it then gets a marker line that gives the number of bytes
 * missing: never silent loss.  A live sink that is muted later (a
 * batched sink registering after the settle) gets one last line saying
 * where output went.
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
 * before its consoles are settled (docs/design.md, Consoles).
 */
#define CONS_EARLY_SIZE	2048

void	cons_register(const struct cons_sink *);
/* A sink that stopped working; if it was the batched one, others take over. */
void	cons_detach(const struct cons_sink *);
void	cons_write(const char *, size_t);
void	cons_flush(void);
/*
 * The `console=` values (comma-separated sink names; Linux's ttyS0 is
 * com1, hvc0 any batched sink): named byte-per-exit sinks go live at
 * once and stay live.  Called once the command line is parsed.
 */
void	cons_select(const struct bootopt_str *names, unsigned n);
/*
 * Every backend has attached: if no batched sink came, the byte-per-exit
 * sinks go live with what was held.
 */
void	cons_settle(void);
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
