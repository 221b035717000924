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
	bool		attached;	/* a backend took it */
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
 * read: it sets up what a panic needs to end the guest the hypervisor's
 * way (Xen: hypercall page, SCHEDOP_shutdown, PV console).  It may use
 * static memory only, and must not print (the command line, and with it
 * `quiet`, is not known yet).  memmap() is asked for a memory map when the
 * loader gave none (a Xen PVH dom0 gets start_info version 0).  attach()
 * runs after the boot allocator is up.  All return 0 on success.
 */
struct bootinfo;
struct pvbus_driver {
	const char	*name;
	enum pvbus_type	type;
	int		(*early)(struct pvbus_hv *);
	int		(*memmap)(struct pvbus_hv *, struct bootinfo *);
	int		(*attach)(struct pvbus_hv *);
};

#define PVBUS_DRIVER(sym)						\
	static const struct pvbus_driver *const __pvbus_ptr_##sym	\
	    __attribute__((__section__("set_pvbus_drivers"), __used__)) = &sym

void	pvbus_identify(void);	/* silent: see pvbus_print() */
void	pvbus_early(void);
void	pvbus_print(void);
int	pvbus_memmap(struct bootinfo *bi);
void	pvbus_attach(void);

/* The hypervisor the report names as hv=: the first with a backend. */
const struct pvbus_hv *pvbus_primary(void);
const struct pvbus_hv *pvbus_find(enum pvbus_type type);
unsigned pvbus_list(const struct pvbus_hv **list);

#endif /* !_DEV_PV_PVBUS_H_ */
