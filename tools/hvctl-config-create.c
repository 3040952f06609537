// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config create: a system config for the machine hvctl runs on, written
 * as the DTS that bulkhead-cellc compiles (Documentation/config-format.md),
 * from the firmware's device tree, /proc/iomem, /proc/cmdline and the CPUs
 * Linux has online (Documentation/board-bringup.md).
 *
 * What the inputs do not tell is never guessed silently: the output carries a
 * "CHECK:" comment where it chose for the user, and an "UNSUPPORTED:" one where
 * the machine cannot run this hypervisor; both are repeated as notes for
 * stderr. This file plans the memory and writes the config; the devices of
 * the tree become regions in hvctl-config-devices.c. Pure:
 * hvctl_config_create() writes to a stream only.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "hvctl-config-create.h"

/*
 * "@indent/ * @text * /" on one line if it fits in 100 columns (tabs of 8),
 * else as a block comment wrapped at word boundaries.
 */
static void print_comment(FILE *out, const char *indent, const char *text)
{
	int width = 100 - 8 * (int)strlen(indent) - 6, len;

	if ((int)strlen(text) <= width) {
		fprintf(out, "%s/* %s */\n", indent, text);
		return;
	}
	fprintf(out, "%s/*\n", indent);
	while (*text) {
		len = strlen(text);
		if (len > width - 2) {
			for (len = width - 2; len > 0 && text[len] != ' '; len--)
				;
			if (!len)
				len = strcspn(text, " ");
		}
		fprintf(out, "%s * %.*s\n", indent, len, text);
		text += len;
		text += strspn(text, " ");
	}
	fprintf(out, "%s */\n", indent);
}

/* A CHECK (or UNSUPPORTED) comment in the output at the current indentation, and a note. */
static void __attribute__((format(printf, 4, 5)))
mark(struct create_ctx *c, const char *indent, const char *tag, const char *fmt, ...)
{
	char text[512], comment[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	snprintf(comment, sizeof(comment), "%s: %s", tag, text);
	print_comment(c->out, indent, comment);
	if (c->notes)
		fprintf(c->notes, "%s: %s\n", tag[0] == 'C' ? "check" : "unsupported", text);
	if (tag[0] == 'C')
		c->num_checks++;
	else
		c->unsupported = true;
}

/* ----- memory ----- */

/* The spans of @set shrunk to whole pages, empty ones dropped. */
static void spans_to_pages(struct hvctl_spans *set)
{
	struct hvctl_spans out = { 0 };
	unsigned int n;
	__u64 start, end;

	for (n = 0; n < set->num; n++) {
		start = (set->span[n].start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		end = set->span[n].end & ~(PAGE_SIZE - 1);
		hvctl_spans_add(&out, start, end);
	}
	*set = out;
}

static __u64 spans_size(const struct hvctl_spans *set)
{
	__u64 total = 0;
	unsigned int n;

	for (n = 0; n < set->num; n++)
		total += set->span[n].end - set->span[n].start;
	return total;
}

/* The value of "mem=" on @cmdline, or NULL. */
static const char *cmdline_mem(const char *cmdline, char *buf, size_t len)
{
	const char *p = cmdline;

	while (p && (p = strstr(p, "mem=")) && p != cmdline && p[-1] != ' ')
		p += 4;
	if (!p)
		return NULL;
	snprintf(buf, len, "%.*s", (int)strcspn(p + 4, " \n"), p + 4);
	return buf;
}

/* "768M" for a size of whole MiB, else "786432K". */
static void format_mem(__u64 size, char *buf, size_t len)
{
	if (size % MiB)
		snprintf(buf, len, "%" PRIu64 "K", (uint64_t)(size / 1024));
	else
		snprintf(buf, len, "%" PRIu64 "M", (uint64_t)(size / MiB));
}

/* "0x0 0xaf000000 0x0 0x11000000" in the cells of the tree's root, for a reserved-memory node. */
static void format_reserved(const void *fdt, __u64 start, __u64 size, char *buf, size_t len)
{
	const fdt32_t *ac = fdt_getprop(fdt, 0, "#address-cells", NULL);
	const fdt32_t *sc = fdt_getprop(fdt, 0, "#size-cells", NULL);
	size_t used = 0;

	if (!ac || fdt32_to_cpu(*ac) == 2)
		used = snprintf(buf, len, "0x%x 0x%08x ", (unsigned int)(start >> 32),
				(unsigned int)start);
	else
		used = snprintf(buf, len, "0x%08x ", (unsigned int)start);
	if (sc && fdt32_to_cpu(*sc) == 2)
		snprintf(buf + used, len - used, "0x%x 0x%08x", (unsigned int)(size >> 32),
			 (unsigned int)size);
	else
		snprintf(buf + used, len - used, "0x%08x", (unsigned int)size);
}

/* Where Linux's RAM ends if it gives up [@start, ...) at the top: what mem= it needs. */
static __u64 ram_below(const struct hvctl_spans *ram, __u64 start)
{
	__u64 total = 0;
	unsigned int n;

	for (n = 0; n < ram->num && ram->span[n].start < start; n++)
		total += (ram->span[n].end < start ? ram->span[n].end : start) - ram->span[n].start;
	return total;
}

/* The RAM of the tree in @ram, page-aligned, and the part of it nobody uses in @unused. */
static int find_unused(struct create_ctx *c, struct hvctl_spans *ram, struct hvctl_spans *unused,
		       char *why, size_t len)
{
	struct hvctl_iomem *io = NULL;
	int ret;

	if (c->args->iomem) {
		io = malloc(sizeof(*io));
		if (!io)
			return hvctl_reject(-1, why, len, "out of memory");
		if (hvctl_iomem_parse(c->args->iomem, io, why, len) < 0) {
			free(io);
			return -1;
		}
	}
	ret = hvctl_unused_ram(c->args->fdt, io, ram, unused);
	free(io);
	if (ret < 0)
		return hvctl_reject(-1, why, len, "more than %d RAM ranges in the device tree or "
				    "/proc/iomem", HVCTL_MAX_SPANS);
	spans_to_pages(ram);
	spans_to_pages(unused);
	c->ram = *ram;
	if (!ram->num)
		return hvctl_reject(-1, why, len, "the device tree has no memory node");
	return 0;
}

/*
 * The hypervisor at the first 2 MiB boundary of unused RAM with room for it,
 * if enough is unused to be worth lending the rest. False if not.
 */
static bool plan_in_unused(struct create_ctx *c, const struct hvctl_spans *unused)
{
	const struct hvctl_create_args *a = c->args;
	__u64 start = 0;
	unsigned int n;
	size_t at;
	char mem[32];

	for (n = 0; n < unused->num; n++) {
		start = (unused->span[n].start + HV_ALIGN - 1) & ~(HV_ALIGN - 1);
		if (start < unused->span[n].end && unused->span[n].end - start >= a->hv_size)
			break;
	}
	if (n == unused->num || spans_size(unused) < a->hv_size + MIN_LENT)
		return false;
	c->hv_start = start;
	at = snprintf(c->plan, sizeof(c->plan), " * Linux does not use %" PRIu64 " MiB of the RAM "
		      "(/proc/iomem): the hypervisor\n * takes %" PRIu64 " MiB of it, the root "
		      "cell lends the rest to cells.\n", (uint64_t)(spans_size(unused) / MiB),
		      (uint64_t)(a->hv_size / MiB));
	if (cmdline_mem(a->cmdline, mem, sizeof(mem)))
		snprintf(c->plan + at, sizeof(c->plan) - at, " * \"mem=%s\" on Linux's command "
			 "line keeps it so.\n", mem);
	else
		snprintf(c->plan + at, sizeof(c->plan) - at, " * Nothing on Linux's command line "
			 "keeps it so: the firmware does; check\n * /proc/iomem after a firmware "
			 "or kernel update.\n");
	return true;
}

/* Nothing (or not enough) unused: propose the top of the highest RAM range in @carve. */
static int plan_proposed(struct create_ctx *c, const struct hvctl_spans *ram,
			 struct hvctl_spans *carve, char *why, size_t len)
{
	const struct hvctl_create_args *a = c->args;
	__u64 size = a->hv_size + a->cell_ram, top = ram->span[ram->num - 1].end, start;
	char mem[32], reg[64];

	if (top - ram->span[ram->num - 1].start < size + HV_ALIGN)
		return hvctl_reject(-1, why, len, "the highest RAM range 0x%" PRIx64 "-0x%" PRIx64
				    " is too small for %" PRIu64 " MiB of hypervisor and cell "
				    "memory", (uint64_t)ram->span[ram->num - 1].start,
				    (uint64_t)(top - 1), (uint64_t)(size / MiB));
	start = (top - size) & ~(HV_ALIGN - 1);
	c->hv_start = start;
	c->proposed = true;
	memset(carve, 0, sizeof(*carve));
	hvctl_spans_add(carve, start, top);
	format_mem(ram_below(ram, start), mem, sizeof(mem));
	format_reserved(a->fdt, start, top - start, reg, sizeof(reg));
	snprintf(c->plan, sizeof(c->plan),
		 " * PROPOSED: %s, so the top\n"
		 " * %" PRIu64 " MiB of RAM, 0x%" PRIx64 "-0x%" PRIx64 ", are to be taken from Linux\n"
		 " * for the hypervisor (%" PRIu64 " MiB) and cells. Keep Linux out of it:\n"
		 " *   - boot it with \"mem=%s\" on its command line (mem= cuts RAM from\n"
		 " *     the top: check that the firmware reserves nothing above), or\n"
		 " *   - add to the device tree the firmware hands Linux:\n"
		 " *       reserved-memory { ...; ranges;\n"
		 " *         bulkhead@%" PRIx64 " { reg = <%s>; no-map; }; };\n"
		 " * then check /proc/iomem: no \"System RAM\" may remain in that range.\n",
		 a->iomem ? "Linux uses all the RAM now (/proc/iomem)" :
		 "what Linux uses is unknown (no /proc/iomem)",
		 (uint64_t)((top - start) / MiB), (uint64_t)start, (uint64_t)(top - 1),
		 (uint64_t)(a->hv_size / MiB), mem, (uint64_t)start, reg);
	return 0;
}

/* The root's RAM: all of @ram but the hypervisor's; @carve (less the hypervisor) is lent. */
static void add_ram_regions(struct create_ctx *c, const struct hvctl_spans *ram,
			    struct hvctl_spans *carve)
{
	struct hvctl_spans linux_ram = *ram;
	unsigned int n;

	for (n = 0; n < carve->num; n++)
		hvctl_spans_remove(&linux_ram, carve->span[n].start, carve->span[n].end);
	for (n = 0; n < linux_ram.num; n++)
		hvctl_create_region(c, linux_ram.span[n].start, linux_ram.span[n].end, REGION_LINUX_RAM,
			   "RAM Linux uses (with what the firmware reserves in it)", NULL);
	hvctl_spans_remove(carve, c->hv_start, c->hv_start + c->hv_size);
	for (n = 0; n < carve->num; n++)
		hvctl_create_region(c, carve->span[n].start, carve->span[n].end, REGION_LENT_RAM,
			   c->proposed ? "RAM to be kept from Linux (PROPOSED above), which the "
			   "root cell lends to cells; the root may load images there while a cell "
			   "is stopped" : "RAM Linux does not use, which the root cell lends to "
			   "cells; the root may load images there while a cell is stopped", NULL);
}

/*
 * The hypervisor's memory and the RAM the root lends to cells: from RAM
 * nobody uses if there is enough, else proposed at the top of RAM, with
 * what keeps Linux out of it. Adds the RAM regions of the root cell.
 */
static int plan_memory(struct create_ctx *c, char *why, size_t len)
{
	struct hvctl_spans ram, unused;

	if (find_unused(c, &ram, &unused, why, len) < 0)
		return -1;
	c->hv_size = c->args->hv_size;
	if (!plan_in_unused(c, &unused) && plan_proposed(c, &ram, &unused, why, len) < 0)
		return -1;
	add_ram_regions(c, &ram, &unused);
	return 0;
}

/* ----- output ----- */

static void print_reg(FILE *out, const char *indent, __u64 start, __u64 size)
{
	fprintf(out, "%sreg = <0x%x 0x%08x 0x%x 0x%08x>;\n", indent, (unsigned int)(start >> 32),
		(unsigned int)start, (unsigned int)(size >> 32), (unsigned int)size);
}

static void print_header(struct create_ctx *c, int num_cpus)
{
	const void *fdt = c->args->fdt;
	const char *model = fdt_getprop(fdt, 0, "model", NULL);
	const char *compatible = fdt_getprop(fdt, 0, "compatible", NULL);

	fprintf(c->out, "// SPDX-License-Identifier: BSD-2-Clause\n/*\n"
		" * Bulkhead system configuration for \"%s\", generated by\n"
		" * 'hvctl config create' from the firmware's device tree and what Linux\n"
		" * uses of the machine. %d CPUs, GICv%d, PSCI %s via %s.\n *\n%s *\n"
		" * Every CHECK comment marks a choice made for you: verify it. An\n"
		" * UNSUPPORTED comment marks what keeps this machine from running\n"
		" * Bulkhead. Documentation/board-bringup.md explains each step.\n"
		" * Compile with: bulkhead-cellc -o SYSTEM.cell SYSTEM.dts\n */\n\n"
		"/dts-v1/;\n\n/ {\n\tcompatible = \"bulkhead,system\";\n\tarch = \"arm64\";\n"
		"\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
		"\t/* Cells that may exist at once besides the root cell. */\n"
		"\tmax-cells = <8>;\n\n", model ? model : compatible ? compatible : "?", num_cpus, c->gic.version, c->has_psci ? c->psci.version : "none",
		c->has_psci && c->psci.method[0] ? c->psci.method : "?", c->plan);
}

static void print_hypervisor(struct create_ctx *c)
{
	fprintf(c->out, "\t/* Image, per-CPU data and page pool; 2 MiB aligned. */\n");
	if (c->proposed)
		mark(c, "\t", "CHECK", "this memory and the cells' (0x%" PRIx64 " and up) is RAM "
		     "Linux uses now: keep Linux out of it as PROPOSED at the top",
		     (uint64_t)c->hv_start);
	fprintf(c->out, "\thypervisor@%" PRIx64 " {\n", (uint64_t)c->hv_start);
	print_reg(c->out, "\t\t", c->hv_start, c->hv_size);
	fprintf(c->out, "\t};\n\n");
}

/* The UART /chosen/stdout-path names, shared with Linux's console. */
static void print_console(struct create_ctx *c)
{
	const void *fdt = c->args->fdt;
	int chosen = fdt_path_offset(fdt, "/chosen"), node = -1, len;
	const char *path = chosen < 0 ? NULL : fdt_getprop(fdt, chosen, "stdout-path", &len);
	char name[128], comment[256];
	__u64 addr, size;
	const char *type = NULL;

	if (path) {
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(path, ":"), path);
		node = fdt_path_offset(fdt, name);
	}
	if (node >= 0 && !fdt_node_check_compatible(fdt, node, "arm,pl011"))
		type = "pl011";
	else if (node >= 0 && (!fdt_node_check_compatible(fdt, node, "ns16550a") ||
			       !fdt_node_check_compatible(fdt, node, "ns16550") ||
			       !fdt_node_check_compatible(fdt, node, "snps,dw-apb-uart")))
		type = "8250";
	if (!type || !hvctl_fdt_reg(fdt, node, 0, &addr, &size)) {
		mark(c, "\t", "CHECK", "no debug console: %s; add a debug-console@ADDR node for "
		     "a PL011 or 8250 UART the hypervisor may print on",
		     !path ? "the device tree has no /chosen/stdout-path" :
		     node < 0 ? "/chosen/stdout-path names no node" :
		     "/chosen/stdout-path names a UART that is neither a PL011 nor an 8250");
		fputc('\n', c->out);
		return;
	}
	snprintf(comment, sizeof(comment), "The UART of /chosen/stdout-path (%s), shared with "
		 "Linux's console.", name);
	print_comment(c->out, "\t", comment);
	if (!strcmp(type, "8250"))
		mark(c, "\t", "CHECK", "an 8250: check that the register layout of %s (its "
		     "reg-shift, reg-io-width) is the one the hypervisor's 8250 driver uses", name);
	if (!strcmp(type, "pl011"))
		size = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	fprintf(c->out, "\tdebug-console@%" PRIx64 " {\n\t\ttype = \"%s\";\n", (uint64_t)addr,
		type);
	print_reg(c->out, "\t\t", addr, size);
	fprintf(c->out, "\t};\n\n");
}

static void print_platform(struct create_ctx *c)
{
	const struct hvctl_gic *g = &c->gic;

	fprintf(c->out, "\tplatform {\n");
	if (g->version != 3)
		mark(c, "\t\t", "UNSUPPORTED", "a GICv%d; this hypervisor supports GICv3 only",
		     g->version);
	fprintf(c->out, "\t\tgic-version = <%d>;\n\t\tgicd-base = <0x%x 0x%08x>;\n", g->version,
		(unsigned int)(g->frame[HVCTL_GICD].start >> 32),
		(unsigned int)g->frame[HVCTL_GICD].start);
	if (g->version == 3)
		fprintf(c->out, "\t\tgicr-base = <0x%x 0x%08x>;\n",
			(unsigned int)(g->frame[HVCTL_GICR].start >> 32),
			(unsigned int)g->frame[HVCTL_GICR].start);
	if (g->num_its)
		fprintf(c->out, "\t\tgits-base = <0x%x 0x%08x>;\n", (unsigned int)(g->its[0] >> 32),
			(unsigned int)g->its[0]);
	if (g->num_its > 1)
		mark(c, "\t\t", "CHECK", "%u ITSes; the hypervisor checks the table bases of the "
		     "first only", g->num_its);
	if (g->version == 3 && g->num_redist > 1)
		mark(c, "\t\t", "UNSUPPORTED", "%d redistributor regions; the hypervisor finds "
		     "redistributors in one region from gicr-base", g->num_redist);
	if (g->frame[HVCTL_GICH].size)
		fprintf(c->out, "\t\t/* GICH at 0x%" PRIx64 " and GICV at 0x%" PRIx64 " are the "
			"hypervisor's: not in the root cell. */\n",
			(uint64_t)g->frame[HVCTL_GICH].start, (uint64_t)g->frame[HVCTL_GICV].start);
	fprintf(c->out, "\t};\n\n");
}

static void print_cpus(struct create_ctx *c, const struct hvctl_cpu *cpus, int num)
{
	const char *online = c->args->cpus_online;
	__u64 mask = num >= 64 ? ~0ULL : (1ULL << num) - 1, have;
	int n;

	fprintf(c->out, "\t\t/* Linux's CPU numbers; MPIDRs");
	for (n = 0; n < num; n++)
		fprintf(c->out, " 0x%" PRIx64, (uint64_t)cpus[n].mpidr);
	fprintf(c->out, ", %s. */\n", cpus[0].compatible[0] ? cpus[0].compatible : "?");
	for (n = 0; n < num; n++)
		if (strcmp(cpus[n].enable_method, "psci")) {
			mark(c, "\t\t", "UNSUPPORTED", "CPU %d starts by \"%s\", not PSCI; the "
			     "hypervisor parks and starts CPUs through PSCI", n,
			     cpus[n].enable_method[0] ? cpus[n].enable_method : "nothing");
			break;
		}
	if (!online)
		mark(c, "\t\t", "CHECK", "which CPUs Linux has online is unknown: all must be "
		     "online at enable");
	else if (hvctl_parse_cpulist(online, &have) < 0 || have != mask)
		mark(c, "\t\t", "CHECK", "Linux has CPUs %.*s online, the device tree lists %d: "
		     "the root cell takes those of the tree, and all must be online at enable",
		     (int)strcspn(online, "\n"), online, num);
	fprintf(c->out, "\t\tcpus = <");
	for (n = 0; n < num; n++)
		fprintf(c->out, "%s%d", n ? " " : "", n);
	fprintf(c->out, ">;\n");
}

static void print_region(struct create_ctx *c, const struct region *r)
{
	const char *name = r->kind == REGION_DEVICE ? "device" : "memory";
	char what[WHAT_LEN + 96];

	if (r->more)
		snprintf(what, sizeof(what), "%s, and %u more %s.", r->what, r->more,
			 r->compatible);
	else
		snprintf(what, sizeof(what), "%s.", r->what);
	fputc('\n', c->out);
	print_comment(c->out, "\t\t", what);
	if (r->dma_unknown)
		mark(c, "\t\t", "CHECK", "can %.*s master DMA? If so, add \"dma\" to its flags: "
		     "no cell may then take it", (int)strcspn(r->what, " ;,"), r->what);
	fprintf(c->out, "\t\t%s@%" PRIx64 " {\n", name, (uint64_t)r->start);
	print_reg(c->out, "\t\t\t", r->start, r->end - r->start);
	if (r->kind != REGION_DEVICE)
		fprintf(c->out, "\t\t\tflags = \"read\", \"write\", \"execute\";\n");
	else
		fprintf(c->out, "\t\t\tflags = \"read\", \"write\", \"io\"%s;\n",
			r->dma ? ", \"dma\"" : "");
	fprintf(c->out, "\t\t};\n");
}

static void print_root(struct create_ctx *c, const struct hvctl_cpu *cpus, int num_cpus)
{
	unsigned int n;

	fprintf(c->out, "\t/*\n\t * No channel-policy: add one, and channel@ nodes here, for "
		"cells that\n\t * talk to each other (Documentation/channels.md).\n\t */\n\n"
		"\t/* Linux as it runs when the hypervisor takes over: all CPUs, all devices. */\n"
		"\troot-cell {\n\t\tcell-name = \"%s\";\n", c->args->root_name);
	print_cpus(c, cpus, num_cpus);
	fprintf(c->out, "\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n");
	if (c->num_in_ram)
		mark(c, "\t\t", "CHECK", "the registers of %u device(s), %s the first, lie in RAM: "
		     "left out as devices, the root's RAM region maps them", c->num_in_ram,
		     c->in_ram);
	if (c->gap_joins)
		mark(c, "\t\t", "CHECK", "%u times two device regions were joined across unused "
		     "address space to fit the %d regions of a cell; a cell can still take any "
		     "part of one", c->gap_joins, MAX_REGIONS);
	if (c->too_many || c->num_regions > MAX_REGIONS)
		mark(c, "\t\t", "UNSUPPORTED", "%s regions, more than the %d a cell may have; "
		     "merge neighbouring devices by hand", c->too_many ? "too many device" :
		     "that many", MAX_REGIONS);
	for (n = 0; n < c->num_regions; n++)
		print_region(c, &c->region[n]);
	fprintf(c->out, "\t};\n};\n");
}

int hvctl_config_create(const struct hvctl_create_args *args, FILE *out, FILE *notes,
			char *why, size_t len)
{
	struct create_ctx *c = calloc(1, sizeof(*c));
	struct hvctl_cpu cpus[BULKHEAD_MAX_CPUS];
	int num_cpus, ret = -1;

	if (!c)
		return hvctl_reject(-1, why, len, "out of memory");
	c->args = args;
	c->out = out;
	c->notes = notes;
	if (fdt_check_header(args->fdt)) {
		hvctl_explain(why, len, "not a flattened device tree (bad header)");
		goto out;
	}
	num_cpus = hvctl_fdt_cpus(args->fdt, cpus, BULKHEAD_MAX_CPUS);
	if (num_cpus <= 0) {
		hvctl_explain(why, len, num_cpus ? "more than %d CPUs; the hypervisor handles at "
			      "most %d" : "no CPU nodes below /cpus", BULKHEAD_MAX_CPUS,
			      BULKHEAD_MAX_CPUS);
		goto out;
	}
	if (hvctl_fdt_gic(args->fdt, &c->gic) < 0 || !c->gic.frame[HVCTL_GICD].size) {
		hvctl_explain(why, len, "no GIC (arm,gic-v3 or a GICv2) with registers in the "
			      "device tree");
		goto out;
	}
	c->has_psci = hvctl_fdt_psci(args->fdt, &c->psci) == 0;
	if (plan_memory(c, why, len) < 0)
		goto out;
	hvctl_create_devices(c);
	print_header(c, num_cpus);
	if (!c->has_psci || strcmp(c->psci.version, "0.1") == 0 ||
	    (strcmp(c->psci.method, "smc") && strcmp(c->psci.method, "hvc")))
		mark(c, "\t", "UNSUPPORTED", "%s; the hypervisor needs PSCI 0.2 or later through "
		     "smc or hvc to park and start CPUs", !c->has_psci ? "no PSCI node" :
		     !strcmp(c->psci.version, "0.1") ? "PSCI 0.1 only" : "no PSCI method");
	print_hypervisor(c);
	print_console(c);
	print_platform(c);
	print_root(c, cpus, num_cpus);
	ret = c->unsupported ? HVCTL_CREATE_UNSUPPORTED : (int)c->num_checks;
out:
	free(c);
	return ret;
}
