/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot hand-over: the machine-dependent entry (machdep.c) fills one
 * struct boot_args and calls kernel_main(), which never returns.  Nothing
 * in sys/kern reaches back into machine-dependent code for these values.
 */
#ifndef _SYS_BOOT_H_
#define _SYS_BOOT_H_

#include <stdint.h>

#include <sys/bootinfo.h>
#include <sys/attr.h>

struct boot_args {
	struct bootinfo	*bi;		/* the loader's data, copied and parsed */
	struct bi_kernel kernel;	/* the kernel image and what it needs */
	uint64_t	entry_tsc;	/* TSC at the PVH entry (locore.S) */
};

__dead void kernel_main(const struct boot_args *);

/* main.c: what kernel_main() was given; NULL before it runs. */
extern const struct boot_args *bootargs;
/* From the PVH entry to the end of boot, in us; UINT64_MAX if unknown. */
uint64_t boot_elapsed_us(void);

/* subr_bootinfo_print.c: the boot chatter about the loader's data. */
void	bootinfo_print(const struct bootinfo *);

#endif /* !_SYS_BOOT_H_ */
