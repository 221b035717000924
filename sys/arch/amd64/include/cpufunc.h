/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inline wrappers for the x86 instructions the kernel uses.
 *
 * Under a hypervisor most of these are VM exits (cpuid, port I/O, trapped
 * MSRs, hlt): call them knowingly, and cache what can be cached.
 */
#ifndef _MACHINE_CPUFUNC_H_
#define _MACHINE_CPUFUNC_H_

#include <stdint.h>

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t
inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t
inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* rdtsc is not ordered against earlier loads; lfence makes it so. */
static inline uint64_t
rdtsc_ordered(void)
{
	__asm__ volatile("lfence" ::: "memory");
	return rdtsc();
}

static inline void
cpuid_count(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	__asm__ volatile("cpuid"
	    : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
	    : "a"(leaf), "c"(subleaf));
}

static inline void
cpuid(uint32_t leaf, uint32_t regs[4])
{
	cpuid_count(leaf, 0, regs);
}

/*
 * CPUID leaves 0x40000000-0x4fffffff are reserved for hypervisor use: no
 * CPU returns information for them (Intel SDM vol. 2A, CPUID).  The
 * `exitmark` option executes CPUID with the last one, which no
 * hypervisor we know defines, once at the end-of-boot stamp: under KVM
 * CPUID always exits, so a host that traces exits (kvm-tests/l1-init)
 * can tell the exits of the boot from those after it.
 */
#define CPUID_LEAF_EXITMARK	0x4fffffff

static inline void
cpuid_exitmark(void)
{
	uint32_t regs[4];

	cpuid(CPUID_LEAF_EXITMARK, regs);
}

static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
	    : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))
	    : "memory");
}

static inline uint64_t
rcr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline void
invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void
disable_intr(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void
enable_intr(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static inline void
cpu_pause(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static inline void
hlt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

/*
 * Sleep until an interrupt, which runs, then interrupts off again.  sti
 * takes effect after the next instruction, so an interrupt that comes
 * after the caller's last check (made with interrupts off) still ends
 * the hlt instead of being taken before it and sleeping on.
 */
static inline void
cpu_wait_intr(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

/* Take what interrupts are pending, then interrupts off again. */
static inline void
cpu_intr_window(void)
{
	__asm__ volatile("sti; nop; cli" ::: "memory");
}

static inline uint64_t
read_rflags(void)
{
	uint64_t f;

	__asm__ volatile("pushfq; popq %0" : "=r"(f) :: "memory");
	return f;
}

#endif /* !_MACHINE_CPUFUNC_H_ */
