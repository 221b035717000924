/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot chatter about the loader's data: start_info, the memory map,
 * the modules.  Module command lines come from the loader and are
 * printed escaped (fmt_escape()), so that none can forge a line.
 */
#include <sys/boot.h>
#include <sys/bootinfo.h>
#include <sys/systm.h>

void
bootinfo_print(const struct bootinfo *bi)
{
	char cmd[BI_MODCMD_MAX * 4];	/* every byte may become \xNN */
	unsigned i;

	aprint_normal("genpvh: start_info v%u at %#llx: %u memory map "
	    "entries%s, %u modules, command line %zu bytes\n", bi->version,
	    (unsigned long long)bi->start_info_pa, bi->nmemmap,
	    (bi->flags & BI_F_MEMMAP_FROM_HV) ? " (from the hypervisor)" : "",
	    bi->nmodules, bi->cmdline_len);
	for (i = 0; i < bi->nmemmap; i++)
		aprint_normal("  mem 0x%012llx-0x%012llx %s\n",
		    (unsigned long long)bi->memmap[i].base,
		    (unsigned long long)(bi->memmap[i].base +
		    bi->memmap[i].size), bi_mem_type_name(bi->memmap[i].type));
	for (i = 0; i < bi->nmodules; i++) {
		fmt_escape(cmd, sizeof(cmd), bi->modules[i].cmdline,
		    sizeof(bi->modules[i].cmdline));
		aprint_normal("  module %u at %#llx, %llu bytes \"%s\"\n", i,
		    (unsigned long long)bi->modules[i].base,
		    (unsigned long long)bi->modules[i].size, cmd);
	}
}
