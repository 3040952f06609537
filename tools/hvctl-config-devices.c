// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config create: the devices of the firmware's tree as root-cell
 * regions. Every enabled node the CPU can address (reg translated through
 * the buses' ranges), the GIC's frames, PCIe windows; DMA masters marked;
 * devices that share a page merged, and, on a big SoC, neighbours joined
 * until the root fits the regions a cell may have.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "hvctl-config-create.h"

/* Devices that master DMA by their kind (the schema's "dma" flag). */
static const char *const dma_masters[] = { "virtio,mmio", "qemu,fw-cfg-mmio", "qemu,platform",
	"arm,gic-v3-its", "arm,pl330", "arm,smmu-v3", "arm,mmu-500", NULL };
/* Devices known not to master DMA: simple UARTs, RTCs, GPIO, watchdogs, flash. */
static const char *const no_dma[] = { "arm,pl011", "arm,sbsa-uart", "arm,pl031", "arm,pl061",
	"arm,sp805", "ns16550a", "ns16550", "snps,dw-apb-uart", "cfi-flash", "syscon", NULL };

static bool compatible_in(const void *fdt, int node, const char *const list[])
{
	unsigned int n;

	for (n = 0; list[n]; n++)
		if (!fdt_node_check_compatible(fdt, node, list[n]))
			return true;
	return false;
}

static bool node_enabled(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

struct region *hvctl_create_region(struct create_ctx *c, __u64 start, __u64 end,
				   enum region_kind kind, const char *what, const char *compatible)
{
	struct region *r;

	if (c->num_regions == MAX_DEVICE_REGS) {
		c->too_many = true;
		return NULL;
	}
	r = &c->region[c->num_regions++];
	memset(r, 0, sizeof(*r));
	r->start = start & ~(PAGE_SIZE - 1);
	r->end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	r->kind = kind;
	snprintf(r->what, sizeof(r->what), "%s", what);
	snprintf(r->compatible, sizeof(r->compatible), "%s", compatible ? compatible : "");
	r->node = -1;
	return r;
}

/* "pl011@9000000 (arm,pl011), INTID 33" for the comment of a device region. */
static void describe_device(const void *fdt, int node, char *buf, size_t len)
{
	struct hvctl_irq irqs[MAX_IRQS];
	const char *compatible = fdt_getprop(fdt, node, "compatible", NULL);
	unsigned int foreign, n;
	int num = hvctl_fdt_irqs(fdt, node, irqs, MAX_IRQS, &foreign);
	size_t used;

	used = snprintf(buf, len, "%s", fdt_get_name(fdt, node, NULL));
	if (compatible && used < len)
		used += snprintf(buf + used, len - used, " (%s)", compatible);
	for (n = 0; n < (unsigned int)num && used < len; n++)
		used += snprintf(buf + used, len - used, "%s%u%s", n ? " " : ", INTID ",
				 irqs[n].intid, irqs[n].intid < 32 ? " (PPI)" : "");
	if (foreign && used < len)
		snprintf(buf + used, len - used, ", %u interrupt(s) not from the GIC", foreign);
}

/*
 * Registers of @node in RAM (a frame buffer, say) are the root's RAM region's
 * already: counted for a CHECK and left out as a device.
 */
static bool in_ram(struct create_ctx *c, int node, __u64 addr, __u64 size)
{
	if (!hvctl_spans_overlap(&c->ram, addr, addr + size))
		return false;
	if (!c->num_in_ram++)
		snprintf(c->in_ram, sizeof(c->in_ram), "%s", fdt_get_name(c->args->fdt, node, NULL));
	return true;
}

/* Address windows of a bus in its "ranges" (PCIe host bridges, QEMU's platform bus). */
static void add_windows(struct create_ctx *c, int node, const char *what)
{
	const void *fdt = c->args->fdt;
	int parent = fdt_parent_offset(fdt, node), len, n;
	const fdt32_t *acp = fdt_getprop(fdt, node, "#address-cells", NULL);
	const fdt32_t *scp = fdt_getprop(fdt, node, "#size-cells", NULL);
	const fdt32_t *pcp = fdt_getprop(fdt, parent, "#address-cells", NULL);
	const fdt32_t *ranges = fdt_getprop(fdt, node, "ranges", &len);
	int ac = acp ? fdt32_to_cpu(*acp) : 2, sc = scp ? fdt32_to_cpu(*scp) : 1;
	int pc = pcp ? fdt32_to_cpu(*pcp) : 2, stride = ac + pc + sc;
	struct region *r;
	__u64 addr, size;

	if (!ranges || pc < 1 || pc > 2 || sc < 1 || sc > 2)
		return;
	for (n = 0; (n + 1) * stride * (int)sizeof(*ranges) <= len; n++) {
		addr = hvctl_fdt_read_cells(ranges + n * stride + ac, pc);
		size = hvctl_fdt_read_cells(ranges + n * stride + ac + pc, sc);
		if (!hvctl_fdt_translate(fdt, parent, &addr) || in_ram(c, node, addr, size))
			continue;
		r = hvctl_create_region(c, addr, addr + size, REGION_DEVICE, what,
				       fdt_getprop(fdt, node, "compatible", NULL));
		if (r) {
			r->dma = true;
			r->node = node;
		}
	}
}

static void add_device(struct create_ctx *c, int node)
{
	const void *fdt = c->args->fdt;
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);
	bool pci = type && !strcmp(type, "pci");
	bool dma = pci || compatible_in(fdt, node, dma_masters) ||
		   fdt_getprop(fdt, node, "dma-coherent", NULL) ||
		   fdt_getprop(fdt, node, "#dma-cells", NULL) ||
		   fdt_getprop(fdt, node, "iommus", NULL);
	char what[WHAT_LEN];
	struct region *r;
	__u64 addr, size;
	unsigned int n;

	describe_device(fdt, node, what, sizeof(what));
	for (n = 0; hvctl_fdt_reg(fdt, node, n, &addr, &size); n++) {
		if (in_ram(c, node, addr, size))
			continue;
		r = hvctl_create_region(c, addr, addr + size, REGION_DEVICE, what,
				       fdt_getprop(fdt, node, "compatible", NULL));
		if (!r)
			return;
		r->node = node;
		r->dma = dma;
		r->dma_unknown = !dma && !compatible_in(fdt, node, no_dma);
	}
	if (pci || !fdt_node_check_compatible(fdt, node, "qemu,platform"))
		add_windows(c, node, what);
}

static bool is_gic_part(const struct create_ctx *c, int node)
{
	unsigned int n;

	for (n = 0; n < c->gic.num_its; n++)
		if (node == c->gic.its_node[n])
			return true;
	return node == c->gic.node;
}

/* Every enabled, memory-mapped device of the tree, but RAM and the GIC. */
static void collect_devices(struct create_ctx *c)
{
	const void *fdt = c->args->fdt;
	int node, depth = 0, skip_below = -1;
	const char *name, *type;

	for (node = fdt_next_node(fdt, 0, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		name = fdt_get_name(fdt, node, NULL);
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!node_enabled(fdt, node) || (depth == 1 && (!strcmp(name, "cpus") ||
		    !strcmp(name, "reserved-memory") || !strcmp(name, "chosen"))) ||
		    (type && !strcmp(type, "memory"))) {
			skip_below = depth;
			continue;
		}
		if (is_gic_part(c, node))
			continue;
		add_device(c, node);
		/* What sits behind a PCIe host bridge is found by Linux, not in the tree. */
		if (type && !strcmp(type, "pci"))
			skip_below = depth;
	}
}

/* The GIC's frames: the root keeps the distributor, redistributors, ITS, CPU interface. */
static void add_gic_regions(struct create_ctx *c)
{
	static const char *const names[HVCTL_GIC_FRAMES] = { "distributor (GICD)",
		"redistributors (GICR): they write LPI tables to memory",
		"CPU interface (GICC)", "", "" };
	const struct hvctl_gic *g = &c->gic;
	char what[WHAT_LEN];
	struct region *r;
	unsigned int n;

	for (n = HVCTL_GICD; n <= HVCTL_GICC; n++) {
		if (!g->frame[n].size)
			continue;
		snprintf(what, sizeof(what), "GICv%d %s", g->version, names[n]);
		r = hvctl_create_region(c, g->frame[n].start, g->frame[n].start + g->frame[n].size,
			       REGION_DEVICE, what, NULL);
		if (r) {
			r->dma = n == HVCTL_GICR;
			r->alone = true;
		}
	}
	for (n = 0; n < g->num_its; n++) {
		r = hvctl_create_region(c, g->its[n], g->its[n] + 0x20000, REGION_DEVICE,
			       "GICv3 ITS: writes its tables to memory, at bases the hypervisor "
			       "checks for Linux", NULL);
		if (r) {
			r->dma = true;
			r->alone = true;
		}
	}
}

static int by_start(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Regions must not overlap: devices that share a page become one region (the
 * stricter "dma" wins). Adjacent devices of the same kind merge too, so that
 * a board's many devices fit the 64 regions of a cell; a cell may still take
 * a part of such a region.
 */
static void merge_devices(struct create_ctx *c)
{
	struct region *out = c->region, *r, *prev;
	unsigned int n, num = 0;
	size_t used;

	qsort(c->region, c->num_regions, sizeof(c->region[0]), by_start);
	for (n = 0; n < c->num_regions; n++) {
		r = &c->region[n];
		prev = num ? &out[num - 1] : NULL;
		if (prev && r->kind == REGION_DEVICE && prev->kind == REGION_DEVICE &&
		    (r->start < prev->end || (r->start == prev->end && r->dma == prev->dma &&
					       r->dma_unknown == prev->dma_unknown &&
					       !r->alone && !prev->alone))) {
			if (r->end > prev->end)
				prev->end = r->end;
			prev->dma |= r->dma;
			prev->dma_unknown = !prev->dma && (prev->dma_unknown || r->dma_unknown);
			used = strlen(prev->what);
			if (r->node >= 0 && r->node == prev->node)
				continue;
			if (r->compatible[0] && !strcmp(r->compatible, prev->compatible))
				prev->more++;
			else
				snprintf(prev->what + used, WHAT_LEN - used, "; %s", r->what);
			continue;
		}
		out[num++] = *r;
	}
	c->num_regions = num;
}

/* Can @b, right after @a, join it? Two devices alike for a cell: neither a GIC frame, same "dma". */
static bool joinable(const struct region *a, const struct region *b)
{
	return a->kind == REGION_DEVICE && b->kind == REGION_DEVICE && !a->alone && !b->alone &&
	       a->dma == b->dma;
}

/*
 * A big SoC has more devices than a cell has regions: join the neighbours
 * with the least unused address space between them until the root fits.
 */
static void join_across_gaps(struct create_ctx *c)
{
	struct region *r = c->region;
	unsigned int n, best;
	__u64 gap;

	while (c->num_regions > MAX_REGIONS) {
		best = c->num_regions;
		gap = ~0ULL;
		for (n = 0; n + 1 < c->num_regions; n++)
			if (joinable(&r[n], &r[n + 1]) && r[n + 1].start - r[n].end < gap) {
				gap = r[n + 1].start - r[n].end;
				best = n;
			}
		if (best == c->num_regions)
			return;
		r[best].end = r[best + 1].end;
		r[best].dma_unknown |= r[best + 1].dma_unknown;
		r[best].more += 1 + r[best + 1].more;
		memmove(&r[best + 1], &r[best + 2], (c->num_regions - best - 2) * sizeof(*r));
		c->num_regions--;
		c->gap_joins++;
	}
}

void hvctl_create_devices(struct create_ctx *c)
{
	add_gic_regions(c);
	collect_devices(c);
	merge_devices(c);
	join_across_gaps(c);
}
