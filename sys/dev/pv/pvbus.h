/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pvbus: which hypervisor(s) the kernel runs on, and the backends that
 * attach to them (after OpenBSD's sys/dev/pv/pvbus.c).
 *
 * Hypervisors announce themselves in CPUID leaves 0x40000000 + n * 0x100:
 * EAX = highest leaf of that block, EBX:ECX:EDX = a 12-byte signature.
 * Several may be present: Xen with viridian, or KVM with hv-* flags,
 * show Hyper-V's leaves at 0x40000000 and their own at 0x40000100.
 */
#ifndef _DEV_PV_PVBUS_H_
#define _DEV_PV_PVBUS_H_

#include <stdbool.h>
#include <stdint.h>

#include <sys/attr.h>
#include <sys/shutdown.h>

enum pvbus_type {
	PVBUS_XEN,
	PVBUS_KVM,
	PVBUS_TCG,
	PVBUS_HYPERV,
	PVBUS_BHYVE,
	PVBUS_VMWARE,
	PVBUS_ACRN,
	PVBUS_VBOX,
	PVBUS_PARALLELS,
	PVBUS_JAILHOUSE,
	PVBUS_OPENBSD,
	PVBUS_NVMM,
	PVBUS_QNX,
	PVBUS_UNKNOWN,		/* a printable signature we do not know */
};

#define PVBUS_LEAF_FIRST	0x40000000U
#define PVBUS_LEAF_LAST		0x4000ff00U
#define PVBUS_LEAF_STEP		0x100U
#define PVBUS_MAX_HV		4

struct pvbus_hv {
	enum pvbus_type	type;
	const char	*name;		/* short, for the report: "xen", "kvm" */
	char		sig[13];	/* as found, NUL-terminated */
	uint32_t	base;		/* its first leaf */
	uint32_t	max_leaf;	/* EAX of the first leaf */
	uint32_t	leaf1[4];	/* EAX..EDX of base + 1, if it exists */
};

typedef void (*pvbus_cpuid_t)(uint32_t leaf, uint32_t regs[4]);

/*
 * Scan the hypervisor leaves with the given cpuid (host tests pass a fake
 * one).  Stops at the first leaf whose signature is not printable, as
 * OpenBSD does: two or three cpuid exits instead of 256.
 */
unsigned pvbus_scan(pvbus_cpuid_t cpuid_fn, struct pvbus_hv *out,
	    unsigned max);

/*
 * A backend.  early() runs first, before the loader's start_info is even
 * read (or, if an earlier panic asks, from panic()): it sets up what a
 * panic needs to end the guest the hypervisor's way (Xen: hypercall page,
 * PV console).  It may use static memory only, and must not print: the
 * command line, and with it `quiet`, is not known yet.  What it has to
 * say goes through pvbus_early_note(), printed by pvbus_print() once
 * `quiet` is known.  memmap() is asked for a memory map when the loader
 * gave none (a Xen PVH dom0 gets start_info version 0).  attach() runs
 * after the boot allocator is up.  All return 0 on success.  late() runs
 * after the end-of-boot stamp, before the report: anything that waits on
 * another domain or a backend belongs there.  shutdown()
 * is the hypervisor's way out (Xen: SCHEDOP_shutdown); it is called even
 * if early() failed, and returns if it could not end the guest.
 */
struct bootinfo;
struct pvbus_driver {
	const char	*name;
	enum pvbus_type	type;
	int		(*early)(struct pvbus_hv *);
	int		(*memmap)(struct pvbus_hv *, struct bootinfo *);
	int		(*attach)(struct pvbus_hv *);
	void		(*late)(struct pvbus_hv *);
	void		(*shutdown)(struct pvbus_hv *, enum shutdown_how);
	/* Optional: exit=wait (struct shutdown_method's wait). */
	int		(*wait)(struct pvbus_hv *);
};

#define PVBUS_DRIVER(sym)						\
	static const struct pvbus_driver *const __pvbus_ptr_##sym	\
	    __attribute__((__section__("set_pvbus_drivers"), __used__)) = &sym

/* Each runs once; later calls return at once. */
void	pvbus_identify(void);	/* silent: see pvbus_print() */
void	pvbus_early(void);
void	pvbus_print(void);
int	pvbus_memmap(struct bootinfo *bi);
void	pvbus_attach(void);
void	pvbus_late(void);	/* after the end-of-boot stamp */

/*
 * For early(): a line for pvbus_print() to print later, as a warning
 * (printf) or as boot chatter (aprint_normal, silenced by `quiet`).
 */
void	pvbus_early_note(bool warn, const char *fmt, ...) __printflike(2, 3);

/*
 * The way out through the primary backend's shutdown(), for
 * kern_shutdown() (registered by machdep.c before anything can panic).
 * Its prepare() identifies the hypervisor and runs early() if boot has
 * not got that far, so that a panic at any point ends the guest the
 * hypervisor's way.
 */
extern const struct shutdown_method pvbus_shutdown_method;

/* The hypervisor the report names as hv=: the first with a backend. */
const struct pvbus_hv *pvbus_primary(void);
unsigned pvbus_list(const struct pvbus_hv **list);

#endif /* !_DEV_PV_PVBUS_H_ */
