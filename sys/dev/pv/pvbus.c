/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pvbus: identify the hypervisors, print them, attach their backends,
 * and offer the primary backend's way out to kern_shutdown().
 */
#include <sys/bootinfo.h>
#include <sys/bootopt.h>
#include <sys/shutdown.h>
#include <sys/systm.h>
#include <sys/tslog.h>

#include <dev/pv/pvbus.h>
#include <dev/virtio/virtio_mmio.h>
#include <machine/cpu.h>
#include <machine/cpufunc.h>
#include <machine/specialreg.h>

extern const struct pvbus_driver *const __start_set_pvbus_drivers[];
extern const struct pvbus_driver *const __stop_set_pvbus_drivers[];

static struct pvbus_hv pvbus_hvs[PVBUS_MAX_HV];
static unsigned pvbus_nhvs;
static bool pvbus_identified, pvbus_early_ran;
static const char *pvbus_early_failed;	/* told by pvbus_print() */
static bool pvbus_attached;		/* the backend's attach() succeeded */

/*
 * early()'s notes, kept until `quiet` is known: a few short lines (a
 * failure reason, "no PV console").  What does not fit is counted.
 */
#define PVBUS_NOTES_MAX		4
#define PVBUS_NOTE_LEN		128
static struct {
	bool		warn;
	char		text[PVBUS_NOTE_LEN];
} pvbus_notes[PVBUS_NOTES_MAX] __noinit;	/* read below pvbus_nnotes */
static unsigned pvbus_nnotes, pvbus_notes_lost;

static void
pvbus_cpuid(uint32_t leaf, uint32_t regs[4])
{
	cpuid(leaf, regs);
}

void
pvbus_identify(void)
{
	if (pvbus_identified)
		return;
	pvbus_identified = true;
	/*
	 * On a bare CPU the 0x4000xxxx leaves return whatever the highest
	 * basic leaf holds; only the "hypervisor present" bit makes them
	 * meaningful.
	 */
	if (cpu_id1[2] & CPUID2_HV)
		pvbus_nhvs = pvbus_scan(pvbus_cpuid, pvbus_hvs,
		    nitems(pvbus_hvs));
}

void
pvbus_early_note(bool warn, const char *fmt, ...)
{
	va_list ap;

	if (pvbus_nnotes == nitems(pvbus_notes)) {
		pvbus_notes_lost++;
		return;
	}
	pvbus_notes[pvbus_nnotes].warn = warn;
	va_start(ap, fmt);
	vsnprintf(pvbus_notes[pvbus_nnotes].text, PVBUS_NOTE_LEN, fmt, ap);
	va_end(ap);
	pvbus_nnotes++;
}

void
pvbus_print(void)
{
	unsigned i;

	if (!(cpu_id1[2] & CPUID2_HV)) {
		aprint_normal("pvbus: no hypervisor (CPUID.1:ECX.HV is 0)\n");
		return;
	}
	for (i = 0; i < pvbus_nhvs; i++)
		aprint_normal("pvbus: %s at cpuid %#x, max leaf %#x, "
		    "signature \"%.12s\"\n", pvbus_hvs[i].name,
		    pvbus_hvs[i].base, pvbus_hvs[i].max_leaf,
		    pvbus_hvs[i].sig);
	if (pvbus_nhvs == 0)
		aprint_normal("pvbus: hypervisor bit set, no signature\n");
	for (i = 0; i < pvbus_nnotes; i++) {
		if (pvbus_notes[i].warn)
			printf("%s\n", pvbus_notes[i].text);
		else
			aprint_normal("%s\n", pvbus_notes[i].text);
	}
	if (pvbus_notes_lost > 0)
		printf("pvbus: %u early notes lost\n",
		    pvbus_notes_lost);
	if (pvbus_early_failed != NULL)
		printf("pvbus: %s: early setup failed\n", pvbus_early_failed);
}

static const struct pvbus_driver *
pvbus_driver_for(const struct pvbus_hv *hv)
{
	const struct pvbus_driver *const *d;

	for (d = __start_set_pvbus_drivers; d < __stop_set_pvbus_drivers; d++)
		if ((*d)->type == hv->type)
			return *d;
	return NULL;
}

/*
 * Only the primary hypervisor gets a backend: a kernel must talk to one
 * hypervisor's interfaces, even if another's leaves are visible too.
 */
void
pvbus_early(void)
{
	const struct pvbus_hv *p;
	const struct pvbus_driver *d;

	/* Before the call: a panic inside early() must not come back here. */
	if (pvbus_early_ran)
		return;
	pvbus_early_ran = true;
	p = pvbus_primary();
	if (p != NULL && (d = pvbus_driver_for(p)) != NULL &&
	    d->early != NULL && d->early(&pvbus_hvs[p - pvbus_hvs]) != 0)
		pvbus_early_failed = d->name;
}

/* A memory map from the hypervisor; -1 if none can be had. */
int
pvbus_memmap(struct bootinfo *bi)
{
	const struct pvbus_hv *p = pvbus_primary();
	const struct pvbus_driver *d;

	if (p == NULL || (d = pvbus_driver_for(p)) == NULL ||
	    d->memmap == NULL || pvbus_early_failed != NULL ||
	    d->memmap(&pvbus_hvs[p - pvbus_hvs], bi) != 0)
		return -1;
	bi->flags |= BI_F_MEMMAP_FROM_HV;
	return 0;
}

void
pvbus_attach(void)
{
	const struct pvbus_hv *p = pvbus_primary();
	struct pvbus_hv *hv;
	const struct pvbus_driver *d;
	int error;

	if (p != NULL && (d = pvbus_driver_for(p)) != NULL &&
	    d->attach != NULL) {
		hv = &pvbus_hvs[p - pvbus_hvs];
		TSENTER2(d->name);
		error = d->attach(hv);
		TSEXIT2(d->name);
		if (error != 0)
			printf("pvbus: %s backend failed to attach\n",
			    d->name);
		else
			pvbus_attached = true;
	}
	/* Devices on the bus, whichever hypervisor (or none) runs us. */
	TSENTER2("virtio_mmio");
	virtio_mmio_attach();
	TSEXIT2("virtio_mmio");
}

void
pvbus_late(void)
{
	const struct pvbus_hv *p = pvbus_primary();
	const struct pvbus_driver *d;

	if (p == NULL || !pvbus_attached || (d = pvbus_driver_for(p)) == NULL ||
	    d->late == NULL)
		return;
	TSENTER2("pvbus_late");
	d->late(&pvbus_hvs[p - pvbus_hvs]);
	TSEXIT2("pvbus_late");
}

const struct pvbus_hv *
pvbus_primary(void)
{
	unsigned i;

	for (i = 0; i < pvbus_nhvs; i++)
		if (pvbus_driver_for(&pvbus_hvs[i]) != NULL)
			return &pvbus_hvs[i];
	return pvbus_nhvs > 0 ? &pvbus_hvs[0] : NULL;
}

unsigned
pvbus_list(const struct pvbus_hv **list)
{
	*list = pvbus_hvs;
	return pvbus_nhvs;
}

static void
pvbus_shutdown_prepare(void)
{
	pvbus_identify();
	pvbus_early();
}

static void
pvbus_shutdown(enum shutdown_how how)
{
	const struct pvbus_hv *p;
	const struct pvbus_driver *d;

	pvbus_shutdown_prepare();
	p = pvbus_primary();
	if (p != NULL && (d = pvbus_driver_for(p)) != NULL &&
	    d->shutdown != NULL)
		d->shutdown(&pvbus_hvs[p - pvbus_hvs], how);
}

static int
pvbus_wait(void)
{
	const struct pvbus_hv *p = pvbus_primary();
	const struct pvbus_driver *d;

	if (p == NULL || (d = pvbus_driver_for(p)) == NULL || d->wait == NULL)
		return -1;
	return d->wait(&pvbus_hvs[p - pvbus_hvs]);
}

const struct shutdown_method pvbus_shutdown_method = {
	.name = "hv",
	.exit_method = EXIT_M_HV,
	.rank = SHUTDOWN_RANK_HV,
	.prepare = pvbus_shutdown_prepare,
	.shutdown = pvbus_shutdown,
	.wait = pvbus_wait,
};
