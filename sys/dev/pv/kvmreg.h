/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * KVM's paravirtual ABI: CPUID feature bits and MSRs.
 *
 * From Linux Documentation/virt/kvm/x86/cpuid.rst and msr.rst, the
 * numbers as in Linux's uapi <asm/kvm_para.h>.  The leaves are relative
 * to the base pvbus found KVM's signature at (0x40000000, or 0x40000100
 * behind Hyper-V's leaves).
 */
#ifndef _DEV_PV_KVMREG_H_
#define _DEV_PV_KVMREG_H_

#define KVM_CPUID_FEATURES_OFF	1	/* base + 1: EAX features, EDX hints */

/*
 * The timing leaf at the absolute 0x40000010 (VMware's, offered by KVM
 * with QEMU's vmware-cpuid-freq; Linux arch/x86/kernel/cpu/vmware.c):
 * EAX = TSC frequency in kHz, EBX = LAPIC timer frequency in kHz.
 */
#define KVM_CPUID_TSC_LEAF	0x40000010U

/* base + 1 EAX: bit numbers */
#define KVM_FEATURE_CLOCKSOURCE		0	/* kvmclock, MSRs 0x11/0x12 */
#define KVM_FEATURE_NOP_IO_DELAY	1
#define KVM_FEATURE_MMU_OP		2	/* obsolete */
#define KVM_FEATURE_CLOCKSOURCE2	3	/* kvmclock, MSRs 0x4b564d0x */
#define KVM_FEATURE_ASYNC_PF		4
#define KVM_FEATURE_STEAL_TIME		5
#define KVM_FEATURE_PV_EOI		6
#define KVM_FEATURE_PV_UNHALT		7
#define KVM_FEATURE_PV_TLB_FLUSH	9
#define KVM_FEATURE_ASYNC_PF_VMEXIT	10
#define KVM_FEATURE_PV_SEND_IPI		11
#define KVM_FEATURE_POLL_CONTROL	12
#define KVM_FEATURE_PV_SCHED_YIELD	13
#define KVM_FEATURE_ASYNC_PF_INT	14
#define KVM_FEATURE_MSI_EXT_DEST_ID	15
#define KVM_FEATURE_HC_MAP_GPA_RANGE	16
#define KVM_FEATURE_MIGRATION_CONTROL	17
/*
 * The pvclock record's flags mean something only when this is set;
 * without it PVCLOCK_TSC_STABLE_BIT must be ignored.
 */
#define KVM_FEATURE_CLOCKSOURCE_STABLE_BIT 24

/* base + 1 EDX: bit numbers */
#define KVM_HINTS_REALTIME		0

/*
 * kvmclock: write the guest-physical address of a 32-byte pvclock
 * record (4-byte aligned), ORed with KVM_MSR_ENABLED; KVM fills it
 * before the guest runs again.  Writing 0 turns it off.
 */
#define MSR_KVM_WALL_CLOCK		0x11		/* legacy */
#define MSR_KVM_SYSTEM_TIME		0x12		/* legacy */
#define MSR_KVM_WALL_CLOCK_NEW		0x4b564d00
#define MSR_KVM_SYSTEM_TIME_NEW		0x4b564d01
#define KVM_MSR_ENABLED			1

#endif /* !_DEV_PV_KVMREG_H_ */
