/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypercalls through the hypercall page (hypercall.c).  Xen writes a
 * 32-byte stub per hypercall into the page, "mov $nr, %eax; vmcall" (or
 * vmmcall on AMD); we call the stub.  Arguments go in rdi, rsi, rdx, r10,
 * r8; the result comes back in rax.  Debug builds of Xen deliberately
 * clobber the argument registers, so all of them are outputs here.
 */
#ifndef _XEN_HYPERCALL_H_
#define _XEN_HYPERCALL_H_

#include <arch/xen/xen_public.h>

extern char xen_hypercall_page[];

static inline long
xen_hypercall(unsigned op, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t r10 __asm__("r10") = 0;
	register uint64_t r8 __asm__("r8") = 0;
	uint64_t entry = (uint64_t)(uintptr_t)xen_hypercall_page + op * 32;
	long ret;

	__asm__ volatile("call *%[entry]"
	    : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
	    : [entry] "r"(entry)
	    : "memory", "rcx", "r11");
	return ret;
}

static inline long
HYPERVISOR_xen_version(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_xen_version, (uint64_t)cmd,
	    (uint64_t)(uintptr_t)arg, 0);
}

static inline long
HYPERVISOR_memory_op(unsigned cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_memory_op, cmd,
	    (uint64_t)(uintptr_t)arg, 0);
}

static inline long
HYPERVISOR_hvm_op(int op, void *arg)
{
	return xen_hypercall(__HYPERVISOR_hvm_op, (uint64_t)op,
	    (uint64_t)(uintptr_t)arg, 0);
}

static inline long
HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_event_channel_op, (uint64_t)cmd,
	    (uint64_t)(uintptr_t)arg, 0);
}

static inline long
HYPERVISOR_sched_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_sched_op, (uint64_t)cmd,
	    (uint64_t)(uintptr_t)arg, 0);
}

static inline long
HYPERVISOR_vcpu_op(int cmd, unsigned vcpu, void *arg)
{
	return xen_hypercall(__HYPERVISOR_vcpu_op, (uint64_t)cmd, vcpu,
	    (uint64_t)(uintptr_t)arg);
}

static inline long
HYPERVISOR_grant_table_op(unsigned cmd, void *uop, unsigned count)
{
	return xen_hypercall(__HYPERVISOR_grant_table_op, cmd,
	    (uint64_t)(uintptr_t)uop, count);
}

static inline long
HYPERVISOR_console_io(int cmd, unsigned count, const char *str)
{
	return xen_hypercall(__HYPERVISOR_console_io, (uint64_t)cmd, count,
	    (uint64_t)(uintptr_t)str);
}

#endif /* !_XEN_HYPERCALL_H_ */
