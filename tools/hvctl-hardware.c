// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl hardware check: can this machine run Bulkhead, and if not, what to
 * change. Each finding is ok, a warning or a problem, with what was seen and
 * where (the kernel log, the firmware's device tree, /proc/iomem, a system
 * config) and what to do. Pure: the inputs come in struct hvctl_machine.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "hvctl.h"

#define HV_MIN_SIZE		(16ULL * 1024 * 1024)

/* SMMUs (IOMMUs) of Arm systems, by their device-tree compatible. */
static const char *const smmus[] = { "arm,smmu-v3", "arm,mmu-500", "arm,smmu-v2", "arm,mmu-401",
	"arm,mmu-400", "arm,smmu-v1", NULL };

struct check_ctx {
	const struct hvctl_machine *m;
	struct hvctl_finding *f;
	unsigned int num;
};

static void __attribute__((format(printf, 4, 5)))
say(struct check_ctx *c, enum hvctl_verdict verdict, const char *topic, const char *fmt, ...)
{
	struct hvctl_finding *f = &c->f[c->num];
	va_list ap;

	if (c->num == HVCTL_MAX_FINDINGS)
		return;
	f->verdict = verdict;
	f->topic = topic;
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof(f->text), fmt, ap);
	va_end(ap);
	c->num++;
}

const char *hvctl_verdict_name(enum hvctl_verdict v)
{
	return v == HVCTL_OK ? "ok" : v == HVCTL_WARNING ? "warning" : "problem";
}

static bool logged(const struct hvctl_machine *m, const char *text)
{
	return m->kmsg && strstr(m->kmsg, text);
}

/* @word is one of the blank-separated words of Linux's command line. */
static bool on_cmdline(const struct hvctl_machine *m, const char *word)
{
	size_t len = strlen(word);
	const char *p = m->cmdline;

	for (; p && (p = strstr(p, word)); p += len)
		if ((p == m->cmdline || p[-1] == ' ') && (!p[len] || p[len] == ' ' ||
							   p[len] == '\n'))
			return true;
	return false;
}

static void check_el2(struct check_ctx *c)
{
	const struct hvctl_machine *m = c->m;

	if (logged(m, "CPU: All CPU(s) started at EL2"))
		say(c, HVCTL_OK, "el2", "Linux started at EL2 on every CPU (kernel log)");
	else if (logged(m, "CPU: All CPU(s) started at EL1"))
		say(c, HVCTL_PROBLEM, "el2", "Linux started at EL1 (kernel log): the firmware or "
		    "boot loader keeps EL2; have it enter Linux at EL2 (e.g. U-Boot's and "
		    "TF-A's default on most boards, or QEMU's -machine virtualization=on)");
	else if (logged(m, "CPU: CPUs started in inconsistent modes"))
		say(c, HVCTL_PROBLEM, "el2", "the CPUs started in inconsistent modes (kernel "
		    "log): some at EL1; the firmware must start every CPU at EL2");
	else
		say(c, HVCTL_WARNING, "el2", "cannot tell whether Linux started at EL2: the kernel "
		    "log %s; look for \"CPU: All CPU(s) started at EL2\" in the boot log",
		    m->kmsg ? "no longer holds the boot messages" : "is unreadable (run as root)");
}

static void check_vhe(struct check_ctx *c)
{
	if (logged(c->m, "CPU features: detected: Virtualization Host Extensions"))
		say(c, HVCTL_PROBLEM, "vhe", "Linux runs at EL2 with VHE and owns it (kernel "
		    "log); boot with \"kvm-arm.mode=none id_aa64mmfr1.vh=0\" so that it runs at "
		    "EL1 and leaves EL2 to Bulkhead");
	else if (logged(c->m, "CPU: All CPU(s) started at EL2"))
		say(c, HVCTL_OK, "vhe", "Linux does not run at EL2 with VHE (kernel log)");
	else
		say(c, HVCTL_WARNING, "vhe", "cannot tell whether Linux uses VHE: the kernel log "
		    "%s", c->m->kmsg ? "no longer holds the boot messages" : "is unreadable");
}

static void check_kvm(struct check_ctx *c)
{
	const struct hvctl_machine *m = c->m;

	if (m->kvm_device == 1 || logged(m, "mode initialized successfully"))
		say(c, HVCTL_PROBLEM, "kvm", "KVM owns EL2 (%s); boot with \"kvm-arm.mode=none\" "
		    "on the kernel command line", m->kvm_device == 1 ? "/dev/kvm exists" :
		    "kernel log");
	else if (on_cmdline(m, "kvm-arm.mode=none") || logged(m, "KVM disabled from command line"))
		say(c, HVCTL_OK, "kvm", "KVM is off (kvm-arm.mode=none): EL2 holds the kernel's "
		    "hyp stub, free for Bulkhead");
	else if (m->kvm_device == 0)
		say(c, HVCTL_OK, "kvm", "KVM does not hold EL2 (no /dev/kvm); add "
		    "\"kvm-arm.mode=none\" to the kernel command line to keep it so");
	else
		say(c, HVCTL_WARNING, "kvm", "cannot tell whether KVM owns EL2; boot with "
		    "\"kvm-arm.mode=none\"");
}

static void check_gic(struct check_ctx *c, const struct hvctl_gic *g, bool found)
{
	if (!found)
		say(c, HVCTL_PROBLEM, "gic", "no GIC in the firmware's device tree; Bulkhead "
		    "needs a GICv3");
	else if (g->version != 3)
		say(c, HVCTL_PROBLEM, "gic", "a GICv%d (distributor at 0x%" PRIx64 "); Bulkhead "
		    "supports GICv3 only", g->version, (uint64_t)g->frame[HVCTL_GICD].start);
	else if (g->num_redist > 1)
		say(c, HVCTL_PROBLEM, "gic", "GICv3 with %d redistributor regions; Bulkhead "
		    "supports one", g->num_redist);
	else
		say(c, HVCTL_OK, "gic", "GICv3: distributor 0x%" PRIx64 ", redistributors 0x%"
		    PRIx64 "%s", (uint64_t)g->frame[HVCTL_GICD].start,
		    (uint64_t)g->frame[HVCTL_GICR].start, g->num_its ? ", ITS" : ", no ITS");
}

static void check_psci(struct check_ctx *c)
{
	struct hvctl_psci psci;

	if (hvctl_fdt_psci(c->m->fdt, &psci) < 0)
		say(c, HVCTL_PROBLEM, "psci", "no PSCI in the firmware's device tree; Bulkhead "
		    "parks and starts CPUs through PSCI (TF-A provides it)");
	else if (!strcmp(psci.version, "0.1"))
		say(c, HVCTL_PROBLEM, "psci", "PSCI 0.1 only; Bulkhead needs 0.2 or later");
	else if (strcmp(psci.method, "smc") && strcmp(psci.method, "hvc"))
		say(c, HVCTL_PROBLEM, "psci", "the PSCI node has no method \"smc\" or \"hvc\"");
	else
		say(c, HVCTL_OK, "psci", "PSCI %s via %s", psci.version, psci.method);
}

static void check_cpus(struct check_ctx *c)
{
	struct hvctl_cpu cpus[BULKHEAD_MAX_CPUS];
	int num = hvctl_fdt_cpus(c->m->fdt, cpus, BULKHEAD_MAX_CPUS);
	__u64 online, all;
	char list[64];

	if (num < 0) {
		say(c, HVCTL_PROBLEM, "cpus", "more than %d CPUs; Bulkhead handles at most %d",
		    BULKHEAD_MAX_CPUS, BULKHEAD_MAX_CPUS);
		return;
	}
	all = num >= 64 ? ~0ULL : (1ULL << num) - 1;
	if (!c->m->cpus_online || hvctl_parse_cpulist(c->m->cpus_online, &online) < 0) {
		say(c, HVCTL_WARNING, "cpus", "%d CPUs in the device tree; which are online is "
		    "unknown: all must be online at enable", num);
		return;
	}
	if ((online & all) == all) {
		say(c, HVCTL_OK, "cpus", "%d CPUs, all online", num);
		return;
	}
	hvctl_format_cpus(all & ~online, list, sizeof(list));
	say(c, HVCTL_WARNING, "cpus", "%d CPUs, but %s offline: the hypervisor starts on the "
	    "online ones only; bring them online (echo 1 > /sys/devices/system/cpu/cpuN/online)",
	    num, list);
}

/* The system config's memory against the RAM Linux uses. */
static void check_config_memory(struct check_ctx *c, const struct hvctl_spans *used)
{
	const struct bulkhead_system *sys = bulkhead_config_system(c->m->config);
	const struct bulkhead_cell *root = bulkhead_config_cell(c->m->config);
	const struct bulkhead_mem_region *r = bulkhead_cell_mem_regions(root);
	struct hvctl_spans unmapped = *used;
	__u64 hv = sys->hypervisor_memory.phys_start, end = hv + sys->hypervisor_memory.size;
	unsigned int n;
	bool fine = true;

	if (hvctl_spans_overlap(used, hv, end)) {
		say(c, HVCTL_PROBLEM, "memory", "the config's hypervisor memory 0x%" PRIx64 "-0x%"
		    PRIx64 " is RAM Linux uses (/proc/iomem): keep Linux out of it (mem= on the "
		    "kernel command line, or a reserved-memory node with no-map)", (uint64_t)hv,
		    (uint64_t)(end - 1));
		fine = false;
	}
	for (n = 0; n < root->num_mem_regions; n++, r++) {
		if (r->flags & BULKHEAD_MEM_IO)
			continue;
		hvctl_spans_remove(&unmapped, r->phys_start, r->phys_start + r->size);
		if (hvctl_spans_overlap(used, r->phys_start, r->phys_start + r->size) &&
		    !hvctl_spans_hold(used, r->phys_start, r->phys_start + r->size)) {
			say(c, HVCTL_WARNING, "memory", "root-cell memory 0x%" PRIx64 "-0x%" PRIx64
			    " is partly RAM Linux uses: a cell given a part of it takes RAM "
			    "from under Linux", (uint64_t)r->phys_start,
			    (uint64_t)(r->phys_start + r->size - 1));
			fine = false;
		}
	}
	for (n = 0; n < unmapped.num; n++) {
		say(c, HVCTL_PROBLEM, "memory", "Linux uses RAM 0x%" PRIx64 "-0x%" PRIx64 " that "
		    "the config's root cell does not have: Linux would fault on it after enable; "
		    "add it to root-cell", (uint64_t)unmapped.span[n].start,
		    (uint64_t)(unmapped.span[n].end - 1));
		fine = false;
	}
	if (fine)
		say(c, HVCTL_OK, "memory", "the config's hypervisor memory 0x%" PRIx64 "-0x%" PRIx64
		    " is kept from Linux, and the root cell has all the RAM Linux uses",
		    (uint64_t)hv, (uint64_t)(end - 1));
}

static void check_memory(struct check_ctx *c)
{
	struct hvctl_iomem *io;
	struct hvctl_spans ram, unused, used, other;
	char why[256];
	unsigned int n;
	__u64 total = 0;

	if (!c->m->iomem) {
		say(c, HVCTL_WARNING, "memory", "cannot tell which RAM Linux uses: /proc/iomem is "
		    "unreadable");
		return;
	}
	io = malloc(sizeof(*io));
	if (!io || hvctl_iomem_parse(c->m->iomem, io, why, sizeof(why)) < 0) {
		say(c, HVCTL_WARNING, "memory", "cannot tell which RAM Linux uses: /proc/iomem: "
		    "%s", io ? why : "out of memory");
		free(io);
		return;
	}
	if (hvctl_iomem_ram(io, &used, &other) < 0) {
		say(c, HVCTL_WARNING, "memory", "cannot tell which RAM Linux uses: /proc/iomem "
		    "has more than %d ranges of one kind", HVCTL_MAX_SPANS);
		free(io);
		return;
	}
	if (c->m->config) {
		check_config_memory(c, &used);
		free(io);
		return;
	}
	if (hvctl_unused_ram(c->m->fdt, io, &ram, &unused) < 0)
		unused.num = 0;
	free(io);
	for (n = 0; n < unused.num; n++)
		total += unused.span[n].end - unused.span[n].start;
	if (total >= HV_MIN_SIZE)
		say(c, HVCTL_OK, "memory", "%" PRIu64 " MiB of RAM Linux does not use (first "
		    "0x%" PRIx64 "-0x%" PRIx64 "): room for the hypervisor and cells",
		    (uint64_t)(total >> 20), (uint64_t)unused.span[0].start,
		    (uint64_t)(unused.span[0].end - 1));
	else
		say(c, HVCTL_PROBLEM, "memory", "Linux uses all the RAM (/proc/iomem): keep some "
		    "from it for the hypervisor and cells (mem= on the kernel command line, or a "
		    "reserved-memory node); 'hvctl config create' proposes where");
}

static void check_smmu(struct check_ctx *c)
{
	__u64 addr, size;
	unsigned int n;
	int node;

	for (n = 0; smmus[n]; n++) {
		node = fdt_node_offset_by_compatible(c->m->fdt, -1, smmus[n]);
		if (node < 0)
			continue;
		if (!hvctl_fdt_reg(c->m->fdt, node, 0, &addr, &size))
			addr = 0;
		say(c, HVCTL_WARNING, "smmu", "an SMMU (%s) at 0x%" PRIx64 ": Bulkhead does not "
		    "use it yet, so DMA masters are not confined; the config marks them \"dma\" "
		    "and no cell may take one", smmus[n], (uint64_t)addr);
		return;
	}
	say(c, HVCTL_OK, "smmu", "no SMMU: devices that master DMA cannot be confined; the "
	    "config marks them \"dma\" and no cell may take one");
}

unsigned int hvctl_hardware_check(const struct hvctl_machine *m, struct hvctl_finding *f)
{
	struct check_ctx c = { .m = m, .f = f };
	struct hvctl_gic gic;
	bool fdt_ok = m->fdt && !fdt_check_header(m->fdt), found_gic;

	check_el2(&c);
	check_vhe(&c);
	check_kvm(&c);
	if (!fdt_ok) {
		say(&c, HVCTL_PROBLEM, "firmware", "no readable device tree (/sys/firmware/fdt): "
		    "Bulkhead needs a device-tree boot (ACPI-only machines are not supported)");
		return c.num;
	}
	found_gic = hvctl_fdt_gic(m->fdt, &gic) == 0;
	check_gic(&c, &gic, found_gic);
	check_psci(&c);
	check_cpus(&c);
	check_memory(&c);
	check_smmu(&c);
	return c.num;
}
