/*
 * Kernel-wide declarations: printing, panic, the boot options.
 */
#ifndef _SYS_SYSTM_H_
#define _SYS_SYSTM_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/libkern.h>

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

/* kern_cmdline.c: the parsed kernel command line. */
struct boot_options {
	bool		quiet;		/* `quiet`: no boot chatter */
	bool		tslog;		/* `tslog`: dump the boot trace */
	bool		exitmark;	/* `exitmark`: CPUID marker at end of boot */
	int		exit_method;	/* `exit=`: EXIT_M_* */
	const char	*tests;		/* `test=` value, NULL if absent */
	size_t		tests_len;
};
#define EXIT_M_AUTO	0
#define EXIT_M_DEBUGEXIT 1
#define EXIT_M_ACPI	2
#define EXIT_M_HALT	3
#define EXIT_M_HV	4		/* the hypervisor's own (Xen SCHEDOP) */

extern struct boot_options boot_options;

/* main.c */
__dead void kernel_main(void);
extern uint64_t boot_end_tsc;		/* TSC at the end of boot; 0 before */

/* machdep.c */
struct bi_kernel;
extern uint64_t boot_entry_tsc;		/* TSC at the PVH entry */
void	machdep_kernel_extent(struct bi_kernel *);

#endif /* !_SYS_SYSTM_H_ */
