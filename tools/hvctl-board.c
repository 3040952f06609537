// SPDX-License-Identifier: GPL-2.0
/*
 * The machine hvctl runs on, as its firmware and Linux describe it: the
 * firmware's device tree (addresses translated through the buses' ranges,
 * interrupts as GIC INTIDs, RAM, reserved memory, the GIC, PSCI, the CPUs)
 * and /proc/iomem. Shared by hvctl config create, hvctl hardware check and
 * the device trees of cells (hvctl-dtb.c). Pure: the inputs are read by
 * hvctl_machine_read(), or given by the unit tests.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "hvctl.h"

__u64 hvctl_fdt_read_cells(const fdt32_t *p, int num)
{
	__u64 value = 0;

	while (num-- > 0)
		value = (value << 32) | fdt32_to_cpu(*p++);
	return value;
}

/* #address-cells or #size-cells of @node for its children (defaults 2 and 1). */
static int child_cells(const void *fdt, int node, const char *name, int fallback)
{
	const fdt32_t *p = fdt_getprop(fdt, node, name, NULL);

	return p ? (int)fdt32_to_cpu(*p) : fallback;
}

bool hvctl_fdt_translate(const void *fdt, int bus, __u64 *addr)
{
	int parent, len, acells, pacells, scells, stride, n;
	const fdt32_t *ranges;
	__u64 child, to, size;

	for (; bus > 0; bus = parent) {
		parent = fdt_parent_offset(fdt, bus);
		if (parent < 0)
			return false;
		ranges = fdt_getprop(fdt, bus, "ranges", &len);
		if (!ranges)
			return false;
		if (!len)
			continue;
		acells = child_cells(fdt, bus, "#address-cells", 2);
		scells = child_cells(fdt, bus, "#size-cells", 1);
		pacells = child_cells(fdt, parent, "#address-cells", 2);
		stride = acells + pacells + scells;
		if (acells < 1 || acells > 2 || pacells < 1 || pacells > 2 || scells < 1 ||
		    scells > 2)
			return false;
		for (n = 0; (n + 1) * stride * (int)sizeof(*ranges) <= len; n++) {
			child = hvctl_fdt_read_cells(ranges + n * stride, acells);
			to = hvctl_fdt_read_cells(ranges + n * stride + acells, pacells);
			size = hvctl_fdt_read_cells(ranges + n * stride + acells + pacells, scells);
			if (*addr >= child && *addr - child < size)
				break;
		}
		if ((n + 1) * stride * (int)sizeof(*ranges) > len)
			return false;
		*addr = *addr - child + to;
	}
	return true;
}

bool hvctl_fdt_reg(const void *fdt, int node, unsigned int index, __u64 *addr, __u64 *size)
{
	int parent = fdt_parent_offset(fdt, node), len, acells, scells, stride;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (parent < 0 || !reg)
		return false;
	acells = child_cells(fdt, parent, "#address-cells", 2);
	scells = child_cells(fdt, parent, "#size-cells", 1);
	stride = acells + scells;
	if (acells < 1 || acells > 2 || scells < 0 || scells > 2 ||
	    len < (int)((index + 1) * stride * sizeof(*reg)))
		return false;
	reg += index * stride;
	*addr = hvctl_fdt_read_cells(reg, acells);
	*size = hvctl_fdt_read_cells(reg + acells, scells);
	return hvctl_fdt_translate(fdt, parent, addr);
}

unsigned int hvctl_fdt_num_reg(const void *fdt, int node)
{
	__u64 addr, size;
	unsigned int n = 0;

	while (hvctl_fdt_reg(fdt, node, n, &addr, &size))
		n++;
	return n;
}

bool hvctl_fdt_is_gic(const void *fdt, int node)
{
	static const char *const gics[] = { "arm,gic-v3", "arm,gic-400", "arm,cortex-a15-gic",
		"arm,cortex-a9-gic", "arm,cortex-a7-gic", "arm,gic-v2", NULL };
	unsigned int n;

	for (n = 0; gics[n]; n++)
		if (!fdt_node_check_compatible(fdt, node, gics[n]))
			return true;
	return false;
}

/* The interrupt parent of @node: its own or an ancestor's interrupt-parent, or -1. */
static int interrupt_parent(const void *fdt, int node)
{
	const fdt32_t *p;

	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		p = fdt_getprop(fdt, node, "interrupt-parent", NULL);
		if (p)
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p));
	}
	return -1;
}

int hvctl_fdt_irqs(const void *fdt, int node, struct hvctl_irq *irqs, unsigned int max,
		   unsigned int *foreign)
{
	int parent = interrupt_parent(fdt, node), len, cells, n;
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", &len);
	unsigned int num = 0, type, number;

	*foreign = 0;
	if (fdt_getprop(fdt, node, "interrupts-extended", NULL))
		*foreign = 1;
	if (!p)
		return 0;
	cells = parent < 0 ? 0 : child_cells(fdt, parent, "#interrupt-cells", 0);
	if (parent < 0 || cells < 3 || !hvctl_fdt_is_gic(fdt, parent)) {
		*foreign += cells > 0 ? len / (cells * sizeof(*p)) : 1;
		return 0;
	}
	for (n = 0; (n + 1) * cells * (int)sizeof(*p) <= len && num < max; n++) {
		type = fdt32_to_cpu(p[n * cells]);
		number = fdt32_to_cpu(p[n * cells + 1]);
		if (type > HVCTL_DT_PPI) {
			(*foreign)++;
			continue;
		}
		irqs[num].intid = number + (type == HVCTL_DT_SPI ? 32 : 16);
		irqs[num].flags = fdt32_to_cpu(p[n * cells + 2]);
		num++;
	}
	return num;
}

/* ----- RAM ----- */

/* Add [@start, @end) to @set, keeping it sorted; false when full. */
static bool spans_add(struct hvctl_spans *set, __u64 start, __u64 end)
{
	unsigned int n;

	if (start >= end)
		return true;
	if (set->num == HVCTL_MAX_SPANS)
		return false;
	for (n = set->num; n > 0 && set->span[n - 1].start > start; n--)
		set->span[n] = set->span[n - 1];
	set->span[n].start = start;
	set->span[n].end = end;
	set->num++;
	return true;
}

/* Merge overlapping and adjacent spans (sorted). */
static void spans_merge(struct hvctl_spans *set)
{
	unsigned int n, out = 0;

	for (n = 0; n < set->num; n++) {
		if (out && set->span[n].start <= set->span[out - 1].end) {
			if (set->span[n].end > set->span[out - 1].end)
				set->span[out - 1].end = set->span[n].end;
			continue;
		}
		set->span[out++] = set->span[n];
	}
	set->num = out;
}

bool hvctl_spans_add(struct hvctl_spans *set, __u64 start, __u64 end)
{
	if (!spans_add(set, start, end))
		return false;
	spans_merge(set);
	return true;
}

void hvctl_spans_remove(struct hvctl_spans *set, __u64 start, __u64 end)
{
	struct hvctl_spans out = { 0 };
	unsigned int n;

	for (n = 0; n < set->num; n++) {
		if (set->span[n].end <= start || set->span[n].start >= end) {
			spans_add(&out, set->span[n].start, set->span[n].end);
			continue;
		}
		/* Cutting a hole adds at most one span: room is checked by the caller's bound. */
		spans_add(&out, set->span[n].start, start > set->span[n].start ? start :
			  set->span[n].start);
		if (end < set->span[n].end)
			spans_add(&out, end, set->span[n].end);
	}
	*set = out;
}

bool hvctl_spans_overlap(const struct hvctl_spans *set, __u64 start, __u64 end)
{
	unsigned int n;

	for (n = 0; n < set->num; n++)
		if (set->span[n].start < end && start < set->span[n].end)
			return true;
	return false;
}

bool hvctl_spans_hold(const struct hvctl_spans *set, __u64 start, __u64 end)
{
	unsigned int n;

	for (n = 0; n < set->num; n++)
		if (set->span[n].start <= start && end <= set->span[n].end)
			return true;
	return false;
}

/* Every reg entry of the nodes below @parent (or @parent's own, @self) into @set. */
static bool add_regs(const void *fdt, int node, struct hvctl_spans *set)
{
	__u64 addr, size;
	unsigned int n;

	for (n = 0; hvctl_fdt_reg(fdt, node, n, &addr, &size); n++)
		if (!hvctl_spans_add(set, addr, addr + size))
			return false;
	return true;
}

int hvctl_fdt_ram(const void *fdt, struct hvctl_spans *ram, struct hvctl_spans *reserved)
{
	const char *type;
	uint64_t addr, size;
	int node, n;

	memset(ram, 0, sizeof(*ram));
	memset(reserved, 0, sizeof(*reserved));
	fdt_for_each_subnode(node, fdt, 0) {
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (type && !strcmp(type, "memory") && !add_regs(fdt, node, ram))
			return -1;
	}
	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node >= 0)
		fdt_for_each_subnode(n, fdt, node)
			if (!add_regs(fdt, n, reserved))
				return -1;
	for (n = 0; n < fdt_num_mem_rsv(fdt); n++)
		if (fdt_get_mem_rsv(fdt, n, &addr, &size) == 0 &&
		    !hvctl_spans_add(reserved, addr, addr + size))
			return -1;
	return 0;
}

/* ----- /proc/iomem ----- */

int hvctl_iomem_parse(const char *text, struct hvctl_iomem *io, char *why, size_t len)
{
	unsigned int line = 0;
	unsigned long long start, end;
	const char *p = text, *eol;
	int name_at;
	bool nonzero = false;

	memset(io, 0, sizeof(*io));
	for (; *p; p = *eol ? eol + 1 : eol) {
		eol = strchrnul(p, '\n');
		line++;
		/* Nested entries (indented) belong to the top-level one above them. */
		if (p == eol || *p == ' ')
			continue;
		name_at = -1;
		if (sscanf(p, "%llx-%llx : %n", &start, &end, &name_at) != 2 || name_at < 0 ||
		    end < start || name_at > eol - p)
			return hvctl_reject(-1, why, len, "line %u: not \"START-END : NAME\"", line);
		if (start || end)
			nonzero = true;
		if (io->num == HVCTL_MAX_IOMEM)
			return hvctl_reject(-1, why, len, "more than %d top-level entries",
					    HVCTL_MAX_IOMEM);
		io->entry[io->num].start = start;
		io->entry[io->num].end = end + 1;
		snprintf(io->entry[io->num].name, sizeof(io->entry[0].name), "%.*s",
			 (int)(eol - p - name_at), p + name_at);
		io->num++;
	}
	if (io->num && !nonzero)
		return hvctl_reject(-1, why, len, "every address reads as 0: only root sees "
				    "them; run hvctl as root");
	return 0;
}

int hvctl_iomem_ram(const struct hvctl_iomem *io, struct hvctl_spans *used,
		    struct hvctl_spans *other)
{
	unsigned int n;

	memset(used, 0, sizeof(*used));
	memset(other, 0, sizeof(*other));
	for (n = 0; n < io->num; n++)
		if (!hvctl_spans_add(strcmp(io->entry[n].name, "System RAM") ? other : used,
				     io->entry[n].start, io->entry[n].end))
			return -1;
	return 0;
}

int hvctl_unused_ram(const void *fdt, const struct hvctl_iomem *io, struct hvctl_spans *ram,
		     struct hvctl_spans *unused)
{
	struct hvctl_spans reserved, used, other;
	unsigned int n;

	if (hvctl_fdt_ram(fdt, ram, &reserved) < 0)
		return -1;
	*unused = *ram;
	if (!io) {
		unused->num = 0;
		return 0;
	}
	if (hvctl_iomem_ram(io, &used, &other) < 0)
		return -1;
	for (n = 0; n < used.num; n++)
		hvctl_spans_remove(unused, used.span[n].start, used.span[n].end);
	for (n = 0; n < other.num; n++)
		hvctl_spans_remove(unused, other.span[n].start, other.span[n].end);
	for (n = 0; n < reserved.num; n++)
		hvctl_spans_remove(unused, reserved.span[n].start, reserved.span[n].end);
	return 0;
}

/* ----- the GIC, PSCI, CPUs ----- */

/* The GICv3 ITS children of @gic. */
static void find_its(const void *fdt, int gic, struct hvctl_gic *g)
{
	__u64 size;
	int node;

	fdt_for_each_subnode(node, fdt, gic) {
		if (fdt_node_check_compatible(fdt, node, "arm,gic-v3-its") || g->num_its == 4 ||
		    !hvctl_fdt_reg(fdt, node, 0, &g->its[g->num_its], &size))
			continue;
		g->its_node[g->num_its++] = node;
	}
}

int hvctl_fdt_gic(const void *fdt, struct hvctl_gic *g)
{
	int node = -1, frames;

	memset(g, 0, sizeof(*g));
	node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	if (node >= 0) {
		g->version = 3;
		g->node = node;
		/* GICD, then #redistributor-regions GICR frames, then GICC, GICH, GICV. */
		frames = child_cells(fdt, node, "#redistributor-regions", 1);
		hvctl_fdt_reg(fdt, node, 0, &g->frame[HVCTL_GICD].start, &g->frame[HVCTL_GICD].size);
		hvctl_fdt_reg(fdt, node, 1, &g->frame[HVCTL_GICR].start, &g->frame[HVCTL_GICR].size);
		g->num_redist = frames;
		hvctl_fdt_reg(fdt, node, 1 + frames, &g->frame[HVCTL_GICC].start,
			      &g->frame[HVCTL_GICC].size);
		hvctl_fdt_reg(fdt, node, 2 + frames, &g->frame[HVCTL_GICH].start,
			      &g->frame[HVCTL_GICH].size);
		hvctl_fdt_reg(fdt, node, 3 + frames, &g->frame[HVCTL_GICV].start,
			      &g->frame[HVCTL_GICV].size);
		find_its(fdt, node, g);
		return 0;
	}
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (hvctl_fdt_is_gic(fdt, node))
			break;
	if (node < 0)
		return -1;
	g->version = 2;
	g->node = node;
	hvctl_fdt_reg(fdt, node, 0, &g->frame[HVCTL_GICD].start, &g->frame[HVCTL_GICD].size);
	hvctl_fdt_reg(fdt, node, 1, &g->frame[HVCTL_GICC].start, &g->frame[HVCTL_GICC].size);
	hvctl_fdt_reg(fdt, node, 2, &g->frame[HVCTL_GICH].start, &g->frame[HVCTL_GICH].size);
	hvctl_fdt_reg(fdt, node, 3, &g->frame[HVCTL_GICV].start, &g->frame[HVCTL_GICV].size);
	return 0;
}

int hvctl_fdt_psci(const void *fdt, struct hvctl_psci *psci)
{
	static const char *const versions[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci",
						 NULL };
	const char *method;
	unsigned int n;
	int node;

	memset(psci, 0, sizeof(*psci));
	for (n = 0; versions[n]; n++) {
		node = fdt_node_offset_by_compatible(fdt, -1, versions[n]);
		if (node >= 0)
			break;
	}
	if (!versions[n])
		return -1;
	/* "arm,psci" alone is PSCI 0.1, with function ids of the firmware's choosing. */
	psci->version = versions[n][8] == '-' ? versions[n] + 9 : "0.1";
	method = fdt_getprop(fdt, node, "method", NULL);
	snprintf(psci->method, sizeof(psci->method), "%s", method ? method : "");
	return 0;
}

int hvctl_fdt_cpus(const void *fdt, struct hvctl_cpu *cpus, unsigned int max)
{
	int parent = fdt_path_offset(fdt, "/cpus"), node, acells, len;
	const char *type, *method;
	const fdt32_t *reg;
	unsigned int num = 0;

	if (parent < 0)
		return 0;
	acells = child_cells(fdt, parent, "#address-cells", 1);
	fdt_for_each_subnode(node, fdt, parent) {
		type = fdt_getprop(fdt, node, "device_type", NULL);
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!type || strcmp(type, "cpu") || !reg || len < acells * 4 || acells < 1 ||
		    acells > 2)
			continue;
		if (num == max)
			return -1;
		cpus[num].mpidr = hvctl_fdt_read_cells(reg, acells);
		method = fdt_getprop(fdt, node, "enable-method", NULL);
		snprintf(cpus[num].enable_method, sizeof(cpus[num].enable_method), "%s",
			 method ? method : "");
		method = fdt_getprop(fdt, node, "compatible", NULL);
		snprintf(cpus[num].compatible, sizeof(cpus[num].compatible), "%s",
			 method ? method : "");
		num++;
	}
	return num;
}

/* ----- reading the live machine ----- */

/* A whole text file (a /proc or /sys one has no size), NUL-terminated; NULL with errno. */
char *hvctl_read_text(const char *path)
{
	size_t size = 0, room = 4096;
	char *buf = malloc(room), *bigger;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got;

	if (fd < 0 || !buf)
		goto fail;
	while ((got = read(fd, buf + size, room - size - 1)) > 0) {
		size += got;
		if (size + 1 < room)
			continue;
		bigger = realloc(buf, room * 2);
		if (!bigger)
			goto fail;
		buf = bigger;
		room *= 2;
	}
	if (got < 0)
		goto fail;
	buf[size] = '\0';
	close(fd);
	return buf;
fail:
	got = errno;
	if (fd >= 0)
		close(fd);
	free(buf);
	errno = got;
	return NULL;
}
