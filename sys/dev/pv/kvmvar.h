/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The KVM backend's state, for kvmclock and the in-guest tests.
 */
#ifndef _DEV_PV_KVMVAR_H_
#define _DEV_PV_KVMVAR_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dev/pv/pvbus.h>
#include <dev/pv/pvclock.h>

struct kvm_softc {
	const struct pvbus_hv *hv;	/* NULL: not attached (not on KVM) */
	uint32_t	features;	/* base + 1 EAX: KVM_FEATURE_* bits */
	uint32_t	hints;		/* base + 1 EDX: KVM_HINTS_* bits */
	uint32_t	clock_msr;	/* kvmclock's MSR; 0 if not in use */
};

static inline int
kvm_has_feature(const struct kvm_softc *sc, unsigned bit)
{
	return (sc->features >> bit) & 1;
}

/* kvm.c: feature bits as "clocksource,nopiodelay,...". */
size_t	kvm_feature_string(uint32_t features, char *buf, size_t size);

/*
 * The public interface, for the report and the in-guest tests: all of
 * them are 0 or false where KVM's backend did not attach.
 */
uint32_t kvm_features(void);	/* base + 1 EAX */
uint32_t kvm_hints(void);	/* base + 1 EDX */
uint32_t kvm_cpuid_base(void);	/* where pvbus found KVM's signature */

/* kvmclock.c */
int	kvmclock_attach(struct kvm_softc *);
uint32_t kvmclock_msr(void);	/* the MSR kvmclock uses; 0 if none */
/* The record KVM keeps up to date: the MSR holds its address. */
volatile const struct pvclock_vcpu_time_info *kvmclock_record(void);
/*
 * One raw (unclamped) reading, and the TSC value it was computed from:
 * for the tests that judge the clock itself, not clock_ns().
 */
bool	kvmclock_read_raw(uint64_t *ns, uint64_t *tsc);
/*
 * Per CPU (SMP): the CPU with this index (1 and up) registers a record
 * of its own, as KVM asks of every vCPU; a raw reading of CPU index's
 * record (0: the boot CPU's), taken on that CPU.
 */
#define KVMCLOCK_MAXCPUS	64
void	kvmclock_cpu_init(unsigned index);
bool	kvmclock_cpu_read(unsigned index, uint64_t *ns);
/* TSC_STABLE is set in the record and KVM declared that it means it. */
bool	kvmclock_tsc_stable(void);
/* kvm_wallclock.c: offer KVM's wall clock (kvmclock is on clock_msr). */
void	kvm_wallclock_attach(uint32_t clock_msr);
/* Torn reads retried, and reads that gave up. */
void	kvmclock_read_stats(uint64_t *retries, uint64_t *gave_up);

#endif /* !_DEV_PV_KVMVAR_H_ */
