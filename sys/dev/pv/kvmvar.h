/*
 * The KVM backend's state, for kvmclock and the in-guest tests.
 */
#ifndef _DEV_PV_KVMVAR_H_
#define _DEV_PV_KVMVAR_H_

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

extern struct kvm_softc kvm_sc;

static inline int
kvm_has_feature(const struct kvm_softc *sc, unsigned bit)
{
	return (sc->features >> bit) & 1;
}

/* kvm.c: feature bits as "clocksource,nopiodelay,...". */
size_t	kvm_feature_string(uint32_t features, char *buf, size_t size);

/* kvmclock.c */
int	kvmclock_attach(struct kvm_softc *);
/* The record KVM keeps up to date, and the reader state behind clock=. */
volatile const struct pvclock_vcpu_time_info *kvmclock_record(void);
extern struct pvclock_state kvmclock_state;

#endif /* !_DEV_PV_KVMVAR_H_ */
