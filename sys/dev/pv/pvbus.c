/*
 * pvbus: identify the hypervisors, print them, attach their backends.
 */
#include <sys/bootinfo.h>
#include <sys/systm.h>
#include <sys/tslog.h>

#include <dev/pv/pvbus.h>
#include <machine/cpu.h>
#include <machine/cpufunc.h>
#include <machine/specialreg.h>

extern const struct pvbus_driver *const __start_set_pvbus_drivers[];
extern const struct pvbus_driver *const __stop_set_pvbus_drivers[];

static struct pvbus_hv pvbus_hvs[PVBUS_MAX_HV];
static unsigned pvbus_nhvs;
static const char *pvbus_early_failed;	/* told by pvbus_print() */

static void
pvbus_cpuid(uint32_t leaf, uint32_t regs[4])
{
	cpuid(leaf, regs);
}

void
pvbus_identify(void)
{
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
	const struct pvbus_hv *p = pvbus_primary();
	const struct pvbus_driver *d;

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

	if (p == NULL || (d = pvbus_driver_for(p)) == NULL ||
	    d->attach == NULL)
		return;
	hv = &pvbus_hvs[p - pvbus_hvs];
	TSENTER2(d->name);
	error = d->attach(hv);
	TSEXIT2(d->name);
	if (error == 0)
		hv->attached = true;
	else
		printf("pvbus: %s backend failed to attach\n", d->name);
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

const struct pvbus_hv *
pvbus_find(enum pvbus_type type)
{
	unsigned i;

	for (i = 0; i < pvbus_nhvs; i++)
		if (pvbus_hvs[i].type == type)
			return &pvbus_hvs[i];
	return NULL;
}

unsigned
pvbus_list(const struct pvbus_hv **list)
{
	*list = pvbus_hvs;
	return pvbus_nhvs;
}
