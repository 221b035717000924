/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtio-mmio discovery: gather the windows from the command line and
 * the DSDT, check where they lie, probe their registers, list them and
 * attach a driver by device ID.  QEMU's microvm with ACPI describes a
 * device in both places; the same window twice is one device.
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/pmap.h>
#include <sys/systm.h>

#include <dev/virtio/virtio_mmio.h>
#include <machine/acpi.h>

#define CMDLINE_KEY	"virtio_mmio.device="

extern const struct virtio_driver *const __start_set_virtio_drivers[];
extern const struct virtio_driver *const __stop_set_virtio_drivers[];

static struct virtio_mmio_win vm_wins[VIRTIO_MMIO_MAX];
static unsigned vm_nwins;
static struct virtio_mmio_dev vm_devs[VIRTIO_MMIO_MAX];
static unsigned vm_ndevs;

static void
vm_skip(const struct virtio_mmio_win *w, const char *why)
{
	printf("virtio-mmio: %s window %#llx@%#llx skipped: %s\n", w->src,
	    (unsigned long long)w->size, (unsigned long long)w->base, why);
}

static void
vm_add(void *arg, const struct virtio_mmio_win *w)
{
	char why[96];
	int r;

	(void)arg;
	if (vm_nwins == nitems(vm_wins)) {
		vm_skip(w, "too many windows");
		return;
	}
	r = virtio_mmio_win_check(w, vm_wins, vm_nwins, bootargs->bi,
	    &bootargs->kernel, why, sizeof(why));
	if (r == 0 && pmap_phys_ptr(w->base, w->size) == NULL)
		r = -1, snprintf(why, sizeof(why), "beyond the direct map");
	if (r < 0)
		vm_skip(w, why);
	else if (r == 0)
		vm_wins[vm_nwins++] = *w;
}

static void
vm_cmdline(const char *s)
{
	struct virtio_mmio_win w;
	const char *tok;
	char why[64], esc[96];
	size_t n;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n')
			continue;
		for (tok = s; *s != '\0' && *s != ' ' && *s != '\t' &&
		    *s != '\n'; s++)
			continue;
		n = sizeof(CMDLINE_KEY) - 1;
		if ((size_t)(s - tok) >= n && memcmp(tok, CMDLINE_KEY, n) == 0) {
			if (virtio_mmio_parse_arg(tok + n, (size_t)(s - tok) - n,
			    &w, why, sizeof(why)) == 0)
				vm_add(NULL, &w);
			else {
				fmt_escape(esc, sizeof(esc), tok, (size_t)(s - tok));
				printf("virtio-mmio: %s: %s, ignored\n", esc, why);
			}
		}
		if (*s == '\0')
			break;
	}
}

static const char *
vm_type(uint32_t id)
{
	static const char *const names[] = {
		[VIRTIO_ID_NET] = "network", [VIRTIO_ID_BLOCK] = "block",
		[VIRTIO_ID_CONSOLE] = "console", [VIRTIO_ID_RNG] = "entropy",
	};

	return id < nitems(names) && names[id] != NULL ? names[id] : "other";
}

/* 4.2.3.1.1: magic, then version 2, then a non-zero device ID. */
static void
vm_probe(const struct virtio_mmio_win *w)
{
	struct virtio_mmio_dev *d = &vm_devs[vm_ndevs];
	const struct virtio_driver *const *dp;
	char why[64];
	uint32_t v;
	unsigned i;

	memset(d, 0, sizeof(*d));
	d->win = *w;
	d->regs = pmap_phys_ptr(w->base, w->size);
	if ((v = virtio_mmio_read(d, VIRTIO_MMIO_MAGIC_VALUE)) !=
	    VIRTIO_MMIO_MAGIC) {
		snprintf(why, sizeof(why), "no virtio magic (read %#x)", v);
		vm_skip(w, why);
		return;
	}
	if ((v = virtio_mmio_read(d, VIRTIO_MMIO_VERSION)) !=
	    VIRTIO_MMIO_VERSION_1X) {
		snprintf(why, sizeof(why), v == VIRTIO_MMIO_VERSION_LEGACY ?
		    "legacy (version 1) interface, not supported" :
		    "unknown version %u", v);
		vm_skip(w, why);
		return;
	}
	/* 4.2.2: ID 0 is a placeholder window with no device behind it. */
	if ((d->device_id = virtio_mmio_read(d, VIRTIO_MMIO_DEVICE_ID)) == 0) {
		aprint_normal("virtio-mmio: %#llx: no device\n",
		    (unsigned long long)w->base);
		return;
	}
	d->vendor_id = virtio_mmio_read(d, VIRTIO_MMIO_VENDOR_ID);
	for (i = 0; i < vm_ndevs; i++)
		if (vm_devs[i].device_id == d->device_id)
			d->unit++;
	aprint_normal("virtio-mmio%u at %#llx size %#llx irq %u (%s): device "
	    "%u (%s), vendor %#x\n", vm_ndevs, (unsigned long long)w->base,
	    (unsigned long long)w->size, w->irq, w->src, d->device_id,
	    vm_type(d->device_id), d->vendor_id);
	vm_ndevs++;
	for (dp = __start_set_virtio_drivers; dp < __stop_set_virtio_drivers;
	    dp++)
		if ((*dp)->device_id == d->device_id) {
			(void)(*dp)->attach(d);
			return;
		}
	aprint_normal("virtio-mmio%u: no driver\n", vm_ndevs - 1);
}

void
virtio_mmio_attach(void)
{
	const struct acpi_info *ai;
	const uint8_t *aml;
	static bool done;
	unsigned i;

	if (done || bootargs == NULL)
		return;
	done = true;
	vm_cmdline(bootargs->bi->cmdline);
	ai = acpi_probe();
	if (ai->aml_pa != 0 &&
	    (aml = pmap_phys_read(ai->aml_pa, ai->aml_len)) != NULL)
		(void)virtio_mmio_aml_scan(aml, ai->aml_len, vm_add, NULL);
	for (i = 0; i < vm_nwins; i++)
		vm_probe(&vm_wins[i]);
}
