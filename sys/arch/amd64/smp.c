/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Application processors on KVM and QEMU: the CPUs of the ACPI MADT,
 * started with INIT-SIPI-SIPI (Intel SDM vol. 3A, 9.4.4, 11.6.1) after
 * the end-of-boot stamp, one after the other, so that one boot stack
 * pointer (mp_boot_rsp) and one cpu_info pointer (mp_booting) are all
 * the trampoline needs.  Under a hypervisor the INIT-to-SIPI wait of
 * real hardware (10 ms) is not needed, as Linux also assumes (without
 * one it is kept); the
 * SIPI-to-SIPI one (200 us) is kept, and the second SIPI is only sent
 * to a CPU that has not answered yet.  A CPU that does not answer is
 * reported by its APIC ID and put back into INIT; boot goes on.
 *
 * Xen's PVH guests have no INIT-SIPI: their vCPUs come up by hypercall
 * (VCPUOP_initialise/VCPUOP_up, xen_smp.c), and go down and up again
 * around a suspend (smp_xen_suspend/smp_xen_resume); there the MADT is
 * only counted.
 */
#include <sys/boot.h>
#include <sys/bootalloc.h>
#include <sys/bootinfo.h>
#include <sys/clock.h>
#include <sys/pmap.h>
#include <sys/report.h>
#include <sys/systm.h>
#include <sys/tslog.h>

#include <kern/kern_md.h>

#include <dev/pv/kvmreg.h>
#include <dev/pv/kvmvar.h>
#include <dev/pv/pvbus.h>
#include <machine/acpi.h>
#include <machine/cpufunc.h>
#include <machine/lapic.h>
#include <machine/pte.h>
#include <machine/smp.h>
#include <machine/stack.h>

_Static_assert(SMP_MAXCPUS <= KVMCLOCK_MAXCPUS, "a kvmclock record per CPU");

#define SIPI_VECTOR(pa)		((pa) >> PAGE_SHIFT)
#define SIPI_WAIT_US		200		/* SDM 9.4.4.1: between SIPIs */
#define INIT_WAIT_US		10000		/* SDM 9.4.4.1: INIT to SIPI */
#define AP_START_TIMEOUT_US	5000000		/* TCG on a busy host */
#define RUN_TIMEOUT_US		30000000	/* smp_run: a test's work */
#define KVM_HC_SEND_IPI		10	/* Linux Documentation/virt/kvm/x86/hypercalls.rst */
#define CPUID0_EBX_AMD		0x68747541	/* "Auth" of AuthenticAMD */
#define CPUID0_EBX_HYGON	0x6f677948	/* "Hygo" of HygonGenuine */

/*
 * Each AP's stacks, like the BSP's: a guard page below each.  From the
 * boot allocator when the AP first starts, not in the image: 20 KiB for
 * each of up to 63 APs would not fit below 2 MiB, where the image must
 * end, and a one-CPU boot would carry them for nothing.
 */
struct ap_stack {
	char	guard[STACK_GUARD_SIZE];
	char	stack[AP_STACK_SIZE];
	char	df_guard[STACK_GUARD_SIZE];
	char	df_stack[AP_DF_STACK_SIZE];
};
_Static_assert(sizeof(struct ap_stack) % PAGE_SIZE == 0,
    "struct ap_stack is whole pages");

extern const char mp_tramp[], mp_tramp_end[], mp_tramp_jmp32[],
    mp_tramp32[];
extern uint64_t gdt[];

static struct cpu_info cpus[SMP_MAXCPUS];
static struct acpi_madt smp_madt;
static unsigned smp_online = 1, smp_nofferd = 1;
static bool smp_pv_ipi, smp_vmmcall, smp_xen;
bool smp_percpu_ready;
uint64_t mp_boot_rsp;			/* mpboot.S */
struct cpu_info *mp_booting;

__dead void mp_ap_main(void);

/*
 * TSC ticks in us microseconds, for the bounded waits below.  Rate
 * unknown (no timer to measure it): assume a fast TSC, which waits
 * longer.
 */
static uint64_t
wait_ticks(uint64_t us)
{
	uint64_t khz = tsc_khz();

	return us * (khz != 0 ? khz : 4000000) / 1000;
}

/* Wait up to us microseconds for *p to become non-zero. */
static bool
wait_set(volatile int *p, uint64_t us)
{
	uint64_t t0 = rdtsc_ordered(), ticks = wait_ticks(us);

	while (__atomic_load_n(p, __ATOMIC_ACQUIRE) == 0) {
		if (rdtsc_ordered() - t0 >= ticks)
			return false;
		smp_relax();
	}
	return true;
}

/*
 * KVM's hypercall is vmcall on Intel, vmmcall on AMD, and where the guest
 * uses the other one KVM rewrites the instruction in guest memory
 * (Linux's "hypercall patching"): here, a write to read-only text, which
 * KVM turns into a #PF at the instruction (seen on a PVM host with AMD's
 * vendor in CPUID).  So each is tried once under the exception table at
 * start-up, with a send-IPI to nobody, and the one that returns is kept.
 */
static long
kvm_hypercall4(bool vmmcall, unsigned long nr, unsigned long a0,
    unsigned long a1, unsigned long a2, unsigned long a3, bool *faulted)
{
	long ret;
	int f = 0;

	if (vmmcall)
		__asm__ volatile("1: vmmcall\n"
		    "	jmp 3f\n"
		    "2:	movl $1, %1\n"
		    "3:\n" EXTABLE_ENTRY("1b", "2b")
		    : "=a"(ret), "+r"(f) : "a"(nr), "b"(a0), "c"(a1),
		    "d"(a2), "S"(a3) : "memory");
	else
		__asm__ volatile("1: vmcall\n"
		    "	jmp 3f\n"
		    "2:	movl $1, %1\n"
		    "3:\n" EXTABLE_ENTRY("1b", "2b")
		    : "=a"(ret), "+r"(f) : "a"(nr), "b"(a0), "c"(a1),
		    "d"(a2), "S"(a3) : "memory");
	if (faulted != NULL)
		*faulted = f != 0;
	return ret;
}

/* Which hypercall instruction works: the vendor's first. */
static bool
kvm_pv_ipi_probe(void)
{
	uint32_t r[4];
	bool amd, faulted;
	unsigned i;

	cpuid(0, r);
	amd = r[1] == CPUID0_EBX_AMD || r[1] == CPUID0_EBX_HYGON;
	for (i = 0; i < 2; i++) {
		smp_vmmcall = i == 0 ? amd : !amd;
		if (kvm_hypercall4(smp_vmmcall, KVM_HC_SEND_IPI, 0, 0, 0, 0,
		    &faulted) == 0 && !faulted)
			return true;
	}
	return false;
}

/*
 * Fixed delivery (ICR low word: the vector, mode 0).  KVM's send-IPI
 * hypercall takes a bitmap of APIC IDs from a2 up and the ICR low word:
 * one exit, never an xAPIC register access.  It returns how many CPUs
 * got it; anything else falls back to the ICR.
 */
void
smp_ipi(unsigned index, uint8_t vector)
{
	uint32_t dest = cpus[index].ci_apic_id;

	if (smp_xen) {
		xen_smp_ipi(&cpus[index], vector);
		return;
	}
	if (smp_pv_ipi && kvm_hypercall4(smp_vmmcall, KVM_HC_SEND_IPI, 1, 0,
	    dest, vector, NULL) == 1)
		return;
	lapic_ipi(dest, LAPIC_ICR_ASSERT | vector);
}

const char *
smp_ipi_method(void)
{
	if (smp_xen)
		return "xen-evtchn";
	return smp_pv_ipi ? "kvm-pv-send-ipi" :
	    lapic_x2apic() ? "x2apic-icr" : "xapic-icr";
}

static void
smp_wake_intr(struct trapframe *tf)
{
	(void)tf;
	lapic_eoi();
}

/* An AP: run what the BSP hands over, halt in between. */
static __dead void
ap_idle(struct cpu_info *ci)
{
	smp_fn_t fn;

	for (;;) {
		disable_intr();
		if ((fn = __atomic_load_n(&ci->ci_fn, __ATOMIC_ACQUIRE)) !=
		    NULL) {
			fn(ci->ci_arg);
			__atomic_store_n(&ci->ci_fn, NULL, __ATOMIC_RELEASE);
			__atomic_fetch_add(&ci->ci_done, 1, __ATOMIC_RELEASE);
			continue;
		}
		/* sti's one-instruction shadow: no wake-up lost before hlt. */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

void
mp_ap_main(void)
{
	struct cpu_info *ci = mp_booting;
	struct ap_stack *s = ci->ci_ap_stack;
	uint64_t t0 = rdtsc();

	wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)ci);
	/* The AP's own trace: its first C instruction to online. */
	tslog_at(t0, TS_ENTER, "ap_start", NULL);
	memcpy(ci->ci_gdt, gdt, GDT_SIZE);
	trap_init_cpu(ci->ci_gdt, ci->ci_tss,
	    (uint64_t)(uintptr_t)(s->df_stack + AP_DF_STACK_SIZE));
	if (lapic_init_ap() == 0 && (!smp_xen || xen_smp_ap_init(ci) == 0)) {
		ci->ci_apic_id_read = lapic_id();
		if (kvmclock_msr() != 0)
			kvmclock_cpu_init(ci->ci_index);
		TSEXIT2("ap_start");
		__atomic_store_n(&ci->ci_online, 1, __ATOMIC_RELEASE);
	}
	/* Without an APIC it could never be woken: stay off. */
	ap_idle(ci);
}

/*
 * The AP's stacks and guards, allocated on its first start and kept for
 * a restart (a Xen restore); mpboot.S's hand-over.  Its stack top.
 */
static uint64_t
ap_setup(struct cpu_info *ci)
{
	struct ap_stack *s = ci->ci_ap_stack;
	uint64_t top;

	if (s == NULL) {
		s = pmap_phys_ptr(bootalloc_pages(sizeof(*s) / PAGE_SIZE),
		    sizeof(*s));
		/* Pages nobody has used: no TLB holds them yet. */
		pmap_unmap_page((uint64_t)(uintptr_t)s->guard);
		pmap_unmap_page((uint64_t)(uintptr_t)s->df_guard);
		ci->ci_ap_stack = s;
	}
	top = (uint64_t)(uintptr_t)(s->stack + AP_STACK_SIZE);
	ci->ci_self = ci;
	ci->ci_stack_guard = s->guard;
	ci->ci_df_guard = s->df_guard;
	mp_booting = ci;
	__atomic_store_n(&mp_boot_rsp, top, __ATOMIC_RELEASE);
	return top;
}

/*
 * A vCPU from its registration to online, on the stack top ap_setup()
 * (or restart_xen_ap()) handed over: at boot and after a real resume.
 */
static bool
launch_xen_ap(struct cpu_info *ci, uint64_t top, char *why, size_t whylen)
{
	if (xen_smp_prepare(ci) != 0) {
		snprintf(why, whylen, "vcpu_info or IPI event channels "
		    "refused by Xen");
		return false;
	}
	if (xen_smp_start(ci, top, why, whylen) != 0)
		return false;
	if (!wait_set(&ci->ci_online, AP_START_TIMEOUT_US)) {
		__atomic_store_n(&mp_boot_rsp, 0, __ATOMIC_RELEASE);
		(void)xen_smp_vcpu_op(XEN_VCPUOP_DOWN, ci->ci_vcpu_id);
		snprintf(why, whylen, "up, but not online in %u ms",
		    AP_START_TIMEOUT_US / 1000);
		return false;
	}
	return true;
}

static bool
start_xen_ap(struct cpu_info *ci, char *why, size_t whylen)
{
	return launch_xen_ap(ci, ap_setup(ci), why, whylen);
}

static bool
start_ap(struct cpu_info *ci, uint64_t tramp, char *why, size_t whylen)
{
	uint32_t id = ci->ci_apic_id;
	unsigned sipi;

	if (!lapic_x2apic() && id > 0xff) {
		snprintf(why, whylen, "x2APIC ID %u, but the APIC is in "
		    "xAPIC mode", id);
		return false;
	}
	(void)ap_setup(ci);
#ifdef GENPVH_INJECT_SMP_SILENT_AP
	/* Fault injection (test builds only): APIC ID 2 gets no SIPI. */
	if (id == 2)
		sipi = 2;
	else
#endif
	{
		lapic_ipi(id, LAPIC_ICR_INIT | LAPIC_ICR_ASSERT);
		if (pvbus_primary() == NULL)
			(void)wait_set(&ci->ci_online, INIT_WAIT_US);
		sipi = 0;
	}
	for (; sipi < 2; sipi++) {
		lapic_ipi(id, LAPIC_ICR_STARTUP | LAPIC_ICR_ASSERT |
		    SIPI_VECTOR(tramp));
		if (wait_set(&ci->ci_online, sipi == 0 ? SIPI_WAIT_US :
		    AP_START_TIMEOUT_US))
			break;
	}
	if (!ci->ci_online) {
		/* Late after all: it must not take the next CPU's stack. */
		__atomic_store_n(&mp_boot_rsp, 0, __ATOMIC_RELEASE);
		lapic_ipi(id, LAPIC_ICR_INIT | LAPIC_ICR_ASSERT);
		snprintf(why, whylen, "no answer to INIT-SIPI-SIPI in %u ms",
		    AP_START_TIMEOUT_US / 1000);
		return false;
	}
	return true;
}

/* The page for the trampoline, executable; 0 (said why) if none. */
static uint64_t
tramp_setup(void)
{
	uint64_t pa = bootinfo_free_low_page(bootargs->bi, &bootargs->kernel);
	char *p;

	if (pa == 0) {
		printf("smp: no free page below 1 MiB in the memory map for "
		    "the AP start-up code: APs not started\n");
		return 0;
	}
	p = pmap_phys_ptr(pa, PAGE_SIZE);
	memcpy(p, mp_tramp, (size_t)(mp_tramp_end - mp_tramp));
	*(uint32_t *)(p + (mp_tramp_jmp32 - mp_tramp)) =
	    (uint32_t)(pa + (uint64_t)(mp_tramp32 - mp_tramp));
	pmap_set_exec_ro(pa);
	return pa;
}

static void
start_aps(const struct acpi_madt *m)
{
	struct cpu_info *ci;
	uint64_t tramp = 0;
	unsigned i;
	char why[80];

	smp_pv_ipi = pvbus_primary() != NULL &&
	    pvbus_primary()->type == PVBUS_KVM &&
	    ((kvm_features() >> KVM_FEATURE_PV_SEND_IPI) & 1) &&
	    kvm_pv_ipi_probe();
	if (!smp_pv_ipi && pvbus_primary() != NULL &&
	    pvbus_primary()->type == PVBUS_KVM &&
	    ((kvm_features() >> KVM_FEATURE_PV_SEND_IPI) & 1))
		printf("smp: KVM offers pv_send_ipi but neither vmcall nor "
		    "vmmcall returned: IPIs through the APIC ICR\n");
	intr_establish(SMP_VEC_WAKE, smp_wake_intr);
	for (i = 0; i < m->ncpus; i++) {
		if (m->cpu[i].apic_id == cpus[0].ci_apic_id)
			continue;
		if (smp_online == SMP_MAXCPUS) {
			printf("smp: CPU with APIC ID %u not started: at most "
			    "%u CPUs\n", m->cpu[i].apic_id, SMP_MAXCPUS);
			continue;
		}
		if (tramp == 0 && (tramp = tramp_setup()) == 0)
			return;
		ci = &cpus[smp_online];
		memset(ci, 0, sizeof(*ci));
		ci->ci_index = smp_online;
		ci->ci_apic_id = m->cpu[i].apic_id;
		if (start_ap(ci, tramp, why, sizeof(why)))
			smp_online++;
		else
			printf("smp: CPU with APIC ID %u not started: %s\n",
			    m->cpu[i].apic_id, why);
	}
}

/*
 * Xen: the vCPUs are Xen's to count (VCPUOP_is_up, and xenstore says
 * which of them the toolstack has taken offline); the MADT is only
 * compared.  The boot vCPU is vCPU 0.
 */
#define XEN_VCPU_SCAN	128

static void
start_xen_aps(void)
{
	static bool avail[XEN_VCPU_SCAN];
	unsigned n, v, navail = 0;
	struct cpu_info *ci;
	char why[80];

	n = xen_smp_vcpus(avail, nitems(avail));
	for (v = 0; v < n; v++)
		navail += avail[v];
	if (smp_madt.found && smp_madt.ncpus != navail)
		printf("smp: xen: the MADT lists %u CPUs, Xen %u vCPUs "
		    "online\n", smp_madt.ncpus, navail);
	if (n > navail)
		aprint_normal("smp: xen: %u vCPUs, %u of them offline\n", n,
		    n - navail);
	smp_nofferd = navail > 0 ? navail : 1;
	if (navail <= 1)
		return;
	/* HVM_PARAM_CALLBACK_IRQ reaches vCPU 0 only. */
	if (!xen_smp_upcall_per_vcpu()) {
		printf("smp: xen: no per-vCPU event upcall vector: APs not "
		    "started\n");
		return;
	}
	if (lapic_enable() != 0 || xen_smp_prepare(&cpus[0]) != 0) {
		printf("smp: xen: no local APIC or no IPI event channels for "
		    "vCPU 0: APs not started\n");
		return;
	}
	smp_xen = true;
	cpus[0].ci_apic_id = cpus[0].ci_apic_id_read = lapic_id();
	intr_establish(SMP_VEC_WAKE, smp_wake_intr);
	for (v = 1; v < n; v++) {
		if (!avail[v])
			continue;
		if (smp_online == SMP_MAXCPUS) {
			printf("smp: vCPU %u not started: at most %u CPUs\n",
			    v, SMP_MAXCPUS);
			continue;
		}
		ci = &cpus[smp_online];
		memset(ci, 0, sizeof(*ci));
		ci->ci_index = smp_online;
		ci->ci_vcpu_id = v;
		if (start_xen_ap(ci, why, sizeof(why))) {
			ci->ci_apic_id = ci->ci_apic_id_read;
			smp_online++;
		} else
			printf("smp: vCPU %u not started: %s\n", v, why);
	}
}

/*
 * Suspend with several vCPUs (xen_suspend.c), as Linux and FreeBSD do:
 * only vCPU 0 goes through SHUTDOWN_suspend.  Each AP is handed
 * xen_ap_park, which takes it down (VCPUOP_down on itself, interrupts
 * off, in a known place: no lock held, nothing half done); the BSP waits
 * until Xen says it is down (VCPUOP_is_up 0).  Xen does not save the
 * context of a vCPU that is down (hvm_save_cpu_ctxt skips VPF_down), so
 * after a real resume each AP starts afresh: vcpu_info registered again
 * (the new domain has none of it), new IPI ports (the old ones are
 * gone, the numbers differ), VCPUOP_initialise and VCPUOP_up, and
 * mp_ap_main sets its upcall vector again.  After a cancelled suspend
 * (checkpoint) all of that is still in place: VCPUOP_up, and the AP
 * returns from its VCPUOP_down into ap_idle.  The APs have no timer of
 * their own (xen_timer.c is vCPU 0's), so there is none to re-arm.
 */
static void
xen_ap_park(void *arg)
{
	(void)arg;
	(void)xen_smp_vcpu_op(XEN_VCPUOP_DOWN, curcpu()->ci_vcpu_id);
}

/* Wait for Xen to report vcpu down; false after AP_START_TIMEOUT_US. */
static bool
xen_wait_down(unsigned vcpu)
{
	uint64_t t0 = rdtsc_ordered(), ticks = wait_ticks(AP_START_TIMEOUT_US);

	while (xen_smp_vcpu_op(XEN_VCPUOP_IS_UP, vcpu) != 0) {
		if (rdtsc_ordered() - t0 >= ticks)
			return false;
		smp_relax();
	}
	return true;
}

int
smp_xen_suspend(void)
{
	unsigned i, j;

	for (i = 1; i < smp_online; i++) {
		smp_run_async(i, xen_ap_park, NULL);
		if (!xen_wait_down(cpus[i].ci_vcpu_id)) {
			printf("suspend: vCPU %u not down in %u ms: not "
			    "suspended\n", cpus[i].ci_vcpu_id,
			    AP_START_TIMEOUT_US / 1000);
			for (j = 1; j < i; j++)
				(void)xen_smp_vcpu_op(XEN_VCPUOP_UP,
				    cpus[j].ci_vcpu_id);
			return -1;
		}
	}
	return 0;
}

/* After a real resume: the AP from scratch, as start_xen_ap. */
static bool
restart_xen_ap(struct cpu_info *ci, char *why, size_t whylen)
{
	/* Its park never returned: that work is over. */
	__atomic_store_n(&ci->ci_fn, NULL, __ATOMIC_RELEASE);
	__atomic_store_n(&ci->ci_online, 0, __ATOMIC_RELEASE);
	/* Its stacks are the ones it had: ap_setup() allocates once. */
	return launch_xen_ap(ci, ap_setup(ci), why, whylen);
}

int
smp_xen_resume(bool restored)
{
	unsigned i;
	char why[80];

	if (!smp_xen)
		return 0;
	if (!restored) {
		for (i = 1; i < smp_online; i++)
			if (xen_smp_vcpu_op(XEN_VCPUOP_UP,
			    cpus[i].ci_vcpu_id) != 0 || smp_wait(i) != 0) {
				printf("resume: vCPU %u does not come back "
				    "up: %u CPUs run\n", cpus[i].ci_vcpu_id,
				    i);
				smp_online = i;
				return -1;
			}
		return 0;
	}
	/* vCPU 0 keeps shared_info's vcpu_info; its IPI ports are new. */
	if (xen_smp_prepare(&cpus[0]) != 0) {
		printf("resume: no IPI event channels for vCPU 0: only it "
		    "runs\n");
		smp_online = 1;
		return -1;
	}
	for (i = 1; i < smp_online; i++)
		if (!restart_xen_ap(&cpus[i], why, sizeof(why))) {
			/* The later ones stay down: the indices stay dense. */
			printf("resume: vCPU %u not restarted: %s; %u CPUs "
			    "run\n", cpus[i].ci_vcpu_id, why, i);
			smp_online = i;
			return -1;
		}
	return 0;
}

unsigned
cpu_number(void)
{
	return smp_percpu_ready ? curcpu()->ci_index : 0;
}

bool
smp_madt_found(void)
{
	return smp_madt.found && smp_madt.ncpus > 0;
}

bool
smp_apic_in_madt(uint32_t id)
{
	unsigned i;

	for (i = 0; i < smp_madt.ncpus; i++)
		if (smp_madt.cpu[i].apic_id == id)
			return true;
	return false;
}

bool
smp_pvclock_read(uint64_t *ns)
{
	if (smp_xen)
		return xen_smp_time_read(ns);
	return kvmclock_cpu_read(curcpu()->ci_index, ns);
}

const char *
smp_pvclock_name(void)
{
	if (smp_xen)
		return "xen";
	return kvmclock_msr() != 0 ? "kvmclock" : NULL;
}

void
smp_relax(void)
{
	if (smp_xen)
		xen_smp_yield();
	else
		cpu_pause();
}

void
cpu_start_secondary(void)
{
	smp_start();
}

void
smp_start(void)
{
	struct cpu_info *bsp = &cpus[0];
	const struct pvbus_hv *hv = pvbus_primary();
	uint64_t t0 = rdtsc_ordered(), us;

	bsp->ci_self = bsp;
	wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)bsp);
	bsp->ci_online = 1;
	smp_percpu_ready = true;
	if (acpi_madt_parse(pmap_phys_read, bootargs->bi->rsdp_pa,
	    &smp_madt) != 0) {
		if (smp_madt.found)
			printf("smp: malformed MADT: %s; only the boot CPU "
			    "runs\n", smp_madt.error);
		else if (hv == NULL || hv->type != PVBUS_XEN)
			aprint_normal("smp: no ACPI MADT: only the boot CPU "
			    "runs\n");
	} else {
		if (smp_madt.error[0] != '\0')
			printf("smp: MADT: %s (entry skipped)\n",
			    smp_madt.error);
		smp_nofferd = smp_madt.ncpus + smp_madt.dropped;
	}
	if (hv != NULL && hv->type == PVBUS_XEN)
		start_xen_aps();
	else if (smp_nofferd > 1 && lapic_enable() != 0)
		printf("smp: no usable local APIC: APs not started\n");
	else if (smp_nofferd > 1) {
		bsp->ci_apic_id = bsp->ci_apic_id_read = lapic_id();
		start_aps(&smp_madt);
	}
	report_add("cpus", "%u", smp_online);
	report_add("cpus_offered", "%u", smp_nofferd);
	us = tsc_to_us(rdtsc_ordered() - t0);
	if (us == UINT64_MAX)
		report_add("ap_us", "unknown");
	else
		report_add("ap_us", "%llu", (unsigned long long)us);
}

unsigned
smp_ncpus(void)
{
	return smp_online;
}

unsigned
smp_offered(void)
{
	return smp_nofferd;
}

struct cpu_info *
smp_cpu(unsigned index)
{
	return index < smp_online ? &cpus[index] : NULL;
}

void
smp_run_async(unsigned index, smp_fn_t fn, void *arg)
{
	struct cpu_info *ci = &cpus[index];

	KASSERT(index > 0 && index < smp_online);
	ci->ci_arg = arg;
	__atomic_store_n(&ci->ci_fn, fn, __ATOMIC_RELEASE);
	smp_ipi(index, SMP_VEC_WAKE);
}

int
smp_wait(unsigned index)
{
	struct cpu_info *ci = &cpus[index];
	uint64_t t0 = rdtsc_ordered(), ticks = wait_ticks(RUN_TIMEOUT_US);

	while (__atomic_load_n(&ci->ci_fn, __ATOMIC_ACQUIRE) != NULL) {
		if (rdtsc_ordered() - t0 >= ticks)
			return -1;
		smp_relax();
	}
	return 0;
}

int
smp_run(unsigned index, smp_fn_t fn, void *arg)
{
	if (index == 0) {
		fn(arg);
		return 0;
	}
	smp_run_async(index, fn, arg);
	return smp_wait(index);
}

const char *
smp_stack_overflowed(uint64_t addr)
{
	unsigned i;

	for (i = 1; i < smp_online; i++) {
		if (addr - (uint64_t)(uintptr_t)cpus[i].ci_stack_guard <
		    STACK_GUARD_SIZE)
			return "stack of an AP";
		if (addr - (uint64_t)(uintptr_t)cpus[i].ci_df_guard <
		    STACK_GUARD_SIZE)
			return "double-fault stack of an AP";
	}
	return NULL;
}
