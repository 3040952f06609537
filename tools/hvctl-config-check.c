// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config check SYSTEM [CELL...]: what the hypervisor would refuse when
 * it is enabled with SYSTEM and the CELLs are created in the order given,
 * found offline and reported like a compiler: "FILE: NODE: error: ...".
 *
 * Each file on its own goes through the hypervisor's validator
 * (hypervisor/config.c), sources through the compiler's front end first
 * (cellc-compile.c), so that node paths can be named. The set is then held
 * against the rules a create checks at run time (hypervisor/cell_check.c,
 * channel.c): the policy and the root's RAM through the validator's shared
 * helpers, the ownership rules (CPUs, memory, devices, interrupts, channel
 * ends) by replaying the creates over the configs. What only the running
 * machine knows (how many interrupts the GIC has, which CPUs are online,
 * where Linux put its interrupt tables) is not judged here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellc.h"
#include "hvctl.h"
#include "hvctl-config-check.h"
#include <bulkhead/config_check.h>

/* The GIC frames the hypervisor keeps (arch/arm64): distributor, ITS, redistributor per CPU. */
#define GICD_FRAME_SIZE		0x10000ULL
#define GITS_FRAME_SIZE		0x20000ULL
#define GICR_CPU_FRAMES_SIZE	0x20000ULL

/* What a problem is about, for its NODE: a DT path for sources, index and address for .cell. */
enum item {
	ITEM_CELL,
	ITEM_REGION,
	ITEM_CHANNEL,
	ITEM_IRQ,
	ITEM_VDEVICE,
	ITEM_HV_MEMORY,
	ITEM_POLICY,
};

static const struct bulkhead_cell *cell_of(const struct check_config *cfg)
{
	return bulkhead_config_cell(cfg->hdr);
}

static const struct bulkhead_system *system_of(const struct check_set *set)
{
	return bulkhead_config_system(set->configs[0].hdr);
}

static const struct bulkhead_cell *root_of(const struct check_set *set)
{
	return cell_of(&set->configs[0]);
}

static const char *source_node(const struct check_config *cfg, int node, char *buf, size_t len)
{
	return node >= 0 ? cellc_node_path(cfg->src, node, buf, len) : "/";
}

/* Where item @idx of @cfg is, as a source's node path or by index and address. */
static void locate(const struct check_config *cfg, enum item item, unsigned int idx, char *buf,
		   size_t len)
{
	const struct bulkhead_cell *cell = cell_of(cfg);

	if (cfg->src) {
		const struct cellc *c = cfg->src;
		int nodes[] = { c->cell_node, c->region_nodes[idx], c->channel_nodes[idx],
				c->cell_node, c->vdevice_nodes[idx], c->hypervisor_node,
				c->policy_node };

		source_node(cfg, nodes[item], buf, len);
		return;
	}
	switch (item) {
	case ITEM_CELL:
		snprintf(buf, len, "cell \"%.*s\"", BULKHEAD_CELL_NAME_LEN, cell->name);
		break;
	case ITEM_REGION:
		snprintf(buf, len, "memory region %u (0x%llx)", idx,
			 (unsigned long long)bulkhead_cell_mem_regions(cell)[idx].phys_start);
		break;
	case ITEM_CHANNEL:
		snprintf(buf, len, "channel %u \"%.*s\"", idx, BULKHEAD_CHANNEL_NAME_LEN,
			 bulkhead_cell_channels(cell)[idx].name);
		break;
	case ITEM_IRQ:
		snprintf(buf, len, "irq %u (INTID %u)", idx, bulkhead_cell_irqs(cell)[idx]);
		break;
	case ITEM_VDEVICE:
		snprintf(buf, len, "vdevice %u (0x%llx)", idx,
			 (unsigned long long)bulkhead_cell_vdevices(cell)[idx].address);
		break;
	case ITEM_HV_MEMORY:
		snprintf(buf, len, "hypervisor memory (0x%llx)",
			 (unsigned long long)bulkhead_config_system(cfg->hdr)
				 ->hypervisor_memory.phys_start);
		break;
	case ITEM_POLICY:
		snprintf(buf, len, "channel policy");
		break;
	}
}

static void add_problem(struct check_set *set, const char *file, const char *node,
			enum check_severity severity, const char *msg)
{
	struct check_problem *p;

	if (set->num_problems == set->cap_problems) {
		set->cap_problems = set->cap_problems ? 2 * set->cap_problems : 32;
		set->problems = realloc(set->problems,
					set->cap_problems * sizeof(*set->problems));
		if (!set->problems) {
			perror("hvctl");
			exit(EXIT_FAILURE);
		}
	}
	p = &set->problems[set->num_problems++];
	p->file = file;
	snprintf(p->node, sizeof(p->node), "%s", node);
	p->severity = severity;
	snprintf(p->msg, sizeof(p->msg), "%s", msg);
	if (severity == CHECK_ERROR)
		set->errors++;
	else if (severity == CHECK_WARNING)
		set->warnings++;
}

static void __attribute__((format(printf, 6, 7)))
report(struct check_set *set, const struct check_config *cfg, enum item item, unsigned int idx,
       enum check_severity severity, const char *fmt, ...)
{
	char node[CELLC_PATH_LEN], msg[sizeof(set->problems->msg)];
	va_list ap;

	locate(cfg, item, idx, node, sizeof(node));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	add_problem(set, cfg->file, node, severity, msg);
}

#define set_error(set, cfg, item, idx, ...) report(set, cfg, item, idx, CHECK_ERROR, __VA_ARGS__)
#define set_warning(set, cfg, item, idx, ...) \
	report(set, cfg, item, idx, CHECK_WARNING, __VA_ARGS__)

/* ----- each file on its own ----- */

/* Schema errors of a source, from the compiler's front end. */
static void source_error(const struct cellc *c, const char *node, const char *prop,
			 const char *msg)
{
	char text[sizeof(((struct check_problem *)0)->msg)];

	if (prop)
		snprintf(text, sizeof(text), "property \"%s\": %s", prop, msg);
	else
		snprintf(text, sizeof(text), "%s", msg);
	add_problem(c->report_arg, c->input, node, CHECK_ERROR, text);
}

/* The validator's last line without "config: " and its newline. */
static const char *validator_text(char *buf, size_t len)
{
	const char *line = hvctl_validator_message();

	if (!strncmp(line, "config: ", 8))
		line += 8;
	snprintf(buf, len, "%.*s", (int)strcspn(line, "\n"), line);
	return buf;
}

/* The validator refused @cfg: say so at the node its line is about. */
static void validator_error(struct check_set *set, struct check_config *cfg)
{
	static char notes[8][CELLC_PATH_LEN * 2], nodes[8][CELLC_PATH_LEN];
	char text[sizeof(set->problems->msg)], node[CELLC_PATH_LEN] = "";

	validator_text(text, sizeof(text));
	/* A source: the node the line names; a .cell: the line names index and value. */
	if (cfg->src && cellc_explain(cfg->src, hvctl_validator_message(), notes, nodes, 8))
		snprintf(node, sizeof(node), "%s", nodes[0]);
	else if (cfg->src)
		source_node(cfg, cfg->src->cell_node, node, sizeof(node));
	add_problem(set, cfg->file, node, CHECK_ERROR, text);
}

/* A compiled .cell: is it a whole config of @kind? */
static bool load_binary(struct check_set *set, struct check_config *cfg, void *buf, size_t size,
			unsigned int kind)
{
	char why[384];

	if (hvctl_config_check(buf, size, kind | HVCTL_CONFIG_ANY_ARCH, "hvctl config check",
			       why, sizeof(why)) != HVCTL_CONFIG_VALID) {
		add_problem(set, cfg->file, "", CHECK_ERROR, why);
		return false;
	}
	cfg->hdr = buf;
	cfg->size = size;
	return true;
}

/* Device-tree source or a .dtb, compiled in memory as bulkhead-cellc would. */
static bool load_source(struct check_set *set, struct check_config *cfg, unsigned int kind)
{
	struct cellc *c = calloc(1, sizeof(*c));
	u8 *buf = malloc(BULKHEAD_CONFIG_MAX_SIZE);
	void *fdt = NULL;
	size_t size = 0;

	if (c && buf)
		fdt = cellc_load(cfg->file, NULL, 0);
	if (fdt) {
		c->report = source_error;
		c->report_arg = set;
		size = cellc_build(c, cfg->file, fdt, buf);
	} else {
		add_problem(set, cfg->file, "", CHECK_ERROR,
			    "cannot read it as a compiled .cell or as device-tree source (see "
			    "above)");
	}
	cfg->src = c;
	cfg->fdt = fdt;
	cfg->hdr = (void *)buf;
	if (size && c->kind != kind) {
		add_problem(set, cfg->file, "/", CHECK_ERROR,
			    kind == BULKHEAD_CONFIG_SYSTEM ?
				    "the first file must be the system config "
				    "(compatible = \"bulkhead,system\")" :
				    "after the system config come cell configs only "
				    "(compatible = \"bulkhead,cell\")");
		size = 0;
	}
	cfg->size = size;
	return size > 0;
}

static void *read_file(const char *path, size_t *size)
{
	size_t cap = BULKHEAD_CONFIG_MAX_SIZE + 1;
	char *buf = malloc(cap);
	ssize_t got = -1;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && buf)
		got = hvctl_read_all(fd, buf, cap);
	if (fd >= 0)
		close(fd);
	if (got < 0) {
		free(buf);
		return NULL;
	}
	*size = got;
	return buf;
}

/* Loads and validates @cfg as a config of @kind; false if the set checks must skip it. */
static bool check_file(struct check_set *set, struct check_config *cfg, unsigned int kind)
{
	size_t size;
	void *buf;
	char msg[320];

	buf = read_file(cfg->file, &size);
	if (!buf) {
		snprintf(msg, sizeof(msg), "cannot read: %s", strerror(errno));
		add_problem(set, cfg->file, "", CHECK_ERROR, msg);
		return false;
	}
	if (size >= BULKHEAD_CONFIG_MAGIC_LEN &&
	    !memcmp(buf, BULKHEAD_CONFIG_MAGIC, BULKHEAD_CONFIG_MAGIC_LEN)) {
		cfg->data = buf;
		if (!load_binary(set, cfg, buf, size, kind))
			return false;
	} else {
		free(buf);
		if (!load_source(set, cfg, kind))
			return false;
	}
	if (config_check(cfg->hdr, cfg->size, kind, cfg->hdr->arch)) {
		validator_error(set, cfg);
		return false;
	}
	/* Cells run on the architecture of the system they are created in. */
	if (kind == BULKHEAD_CONFIG_CELL && cfg->hdr->arch != set->configs[0].hdr->arch) {
		report(set, cfg, ITEM_CELL, 0, CHECK_ERROR, "arch %s, but the system config is "
		       "for %s", hvctl_arch_name(cfg->hdr->arch),
		       hvctl_arch_name(set->configs[0].hdr->arch));
		return false;
	}
	return true;
}

/* ----- the set: the creates replayed in order ----- */

/* The cell @cfg names @name: the root, or a cell of the set created before @upto. */
static const struct check_config *find_cell(const struct check_set *set, const char *name,
					    unsigned int upto)
{
	unsigned int n;

	for (n = 0; n < upto; n++)
		if (set->valid[n] && same_name(cell_of(&set->configs[n])->name, name))
			return &set->configs[n];
	return NULL;
}

static unsigned int index_of(const struct check_set *set, const struct check_config *cfg)
{
	return (unsigned int)(cfg - set->configs);
}

static u64 cpus_of_root(const struct check_set *set)
{
	return root_of(set)->cpu_set;
}

/*
 * The devices the hypervisor keeps that @phys..+@size touches, or NULL: the
 * GIC's frames (the redistributors of the root's CPUs, 128 KiB each; the
 * hypervisor sizes them from the hardware) and the debug console.
 */
static const char *kept_device(const struct check_set *set, u64 phys, u64 size, bool console)
{
	const struct bulkhead_system *sys = system_of(set);
	const struct bulkhead_platform_arm64 *gic = &sys->platform.arm64;
	u64 gicr_size = (u64)__builtin_popcountll(cpus_of_root(set)) * GICR_CPU_FRAMES_SIZE;

	if (ranges_overlap(phys, size, gic->gicd_base, GICD_FRAME_SIZE))
		return "the GIC distributor";
	if (ranges_overlap(phys, size, gic->gicr_base, gicr_size))
		return "the GIC redistributors";
	if (gic->gits_base && ranges_overlap(phys, size, gic->gits_base, GITS_FRAME_SIZE))
		return "the GIC ITS";
	if (console && sys->debug_console.size &&
	    ranges_overlap(phys, size, sys->debug_console.address, sys->debug_console.size))
		return "the debug console";
	return NULL;
}

/* Which earlier config's channel (root included) uses memory @phys..+@size; its index. */
static const struct check_config *channel_user(const struct check_set *set, u64 phys, u64 size,
					       unsigned int upto, unsigned int *idx)
{
	const struct bulkhead_channel *ch;
	const struct bulkhead_cell *cell;
	unsigned int n, k;

	for (n = 0; n < upto; n++) {
		if (!set->valid[n])
			continue;
		cell = cell_of(&set->configs[n]);
		ch = bulkhead_cell_channels(cell);
		for (k = 0; k < cell->num_channels; k++) {
			if (!ranges_overlap(phys, size, ch[k].phys_start, ch[k].size))
				continue;
			*idx = k;
			return &set->configs[n];
		}
	}
	return NULL;
}

/* Which earlier cell (not the root) has a region on @phys..+@size; its index. */
static const struct check_config *memory_user(const struct check_set *set, u64 phys, u64 size,
					      unsigned int upto, unsigned int *idx)
{
	const struct bulkhead_mem_region *mem;
	const struct bulkhead_cell *cell;
	unsigned int n, r;

	for (n = 1; n < upto; n++) {
		if (!set->valid[n])
			continue;
		cell = cell_of(&set->configs[n]);
		mem = bulkhead_cell_mem_regions(cell);
		for (r = 0; r < cell->num_mem_regions; r++) {
			if (!ranges_overlap(phys, size, mem[r].phys_start, mem[r].size))
				continue;
			*idx = r;
			return &set->configs[n];
		}
	}
	return NULL;
}

/* " of cell "x" (FILE)": who holds something. */
static const char *holder(const struct check_config *cfg, char *buf, size_t len)
{
	snprintf(buf, len, "cell \"%.*s\" (%s)", BULKHEAD_CELL_NAME_LEN, cell_of(cfg)->name,
		 cfg->file);
	return buf;
}

/* Name, room among max-cells, and the policy for each of its channels. */
static void check_cell_admission(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n], *other;
	const struct bulkhead_cell *cell = cell_of(cfg);
	char who[CELLC_PATH_LEN], line[320];
	unsigned int k, created = 0;

	other = find_cell(set, cell->name, n);
	if (other)
		set_error(set, cfg, ITEM_CELL, 0, "name \"%s\" is taken by %s", cell->name,
			  other == &set->configs[0] ? "the root cell" : holder(other, who,
									      sizeof(who)));
	for (k = 1; k < n; k++)
		created += set->valid[k];
	if (created >= system_of(set)->max_cells)
		set_error(set, cfg, ITEM_CELL, 0, "max-cells is %u in the system config: this is "
			  "cell %u of the set", system_of(set)->max_cells, created + 1);
	for (k = 0; k < cell->num_channels; k++) {
		if (!config_check_channel_policy(set->configs[0].hdr, cell, k))
			continue;
		validator_text(line, sizeof(line));
		/* Drop the validator's label: the node says which channel. */
		set_error(set, cfg, ITEM_CHANNEL, k, "%s",
			  strstr(line, "\": ") ? strstr(line, "\": ") + 3 : line);
	}
}

static void check_cell_cpus(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n];
	u64 set_cpus = cell_of(cfg)->cpu_set, taken = 0, root = cpus_of_root(set);
	char who[CELLC_PATH_LEN];
	unsigned int id, k;

	for (id = 0; id < BULKHEAD_MAX_CPUS; id++) {
		if (!(set_cpus & BIT_ULL(id)))
			continue;
		if (id == 0) {
			set_error(set, cfg, ITEM_CELL, 0, "CPU 0 stays with the root cell");
			continue;
		}
		if (!(root & BIT_ULL(id))) {
			set_error(set, cfg, ITEM_CELL, 0, "CPU %u is not one of the root cell's "
				  "CPUs (0x%llx)", id, (unsigned long long)root);
			continue;
		}
		for (k = 1; k < n; k++) {
			if (!set->valid[k] || !(cell_of(&set->configs[k])->cpu_set & BIT_ULL(id)))
				continue;
			set_error(set, cfg, ITEM_CELL, 0, "CPU %u is given to %s already", id,
				  holder(&set->configs[k], who, sizeof(who)));
			break;
		}
	}
	for (k = 1; k <= n; k++)
		taken |= set->valid[k] || k == n ? cell_of(&set->configs[k])->cpu_set : 0;
	if (root && !(root & ~taken))
		set_error(set, cfg, ITEM_CELL, 0, "the root cell would have no CPU left (it has "
			  "0x%llx, the cells so far take 0x%llx)", (unsigned long long)root,
			  (unsigned long long)taken);
}

/* Region @r of cell @n against the root's regions and what the hypervisor keeps. */
static void check_region_in_root(struct check_set *set, unsigned int n, unsigned int r)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_mem_region *mem = &bulkhead_cell_mem_regions(cell_of(cfg))[r];
	const struct bulkhead_mem_region *hv = &system_of(set)->hypervisor_memory;
	const struct bulkhead_mem_region *root;
	const char *device;
	u64 end = mem->phys_start + mem->size - 1;

	if (ranges_overlap(mem->phys_start, mem->size, hv->phys_start, hv->size)) {
		set_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx overlaps the hypervisor's "
			  "memory 0x%llx-0x%llx", mem->phys_start, end, hv->phys_start,
			  hv->phys_start + hv->size - 1);
		return;
	}
	root = config_region_holding(root_of(set), mem->phys_start, mem->size);
	if (!root) {
		set_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx is not inside one region of the "
			  "root cell (%s)", mem->phys_start, end, set->configs[0].file);
		return;
	}
	if ((root->flags ^ mem->flags) & BULKHEAD_MEM_IO)
		set_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx is %s, but the root cell maps "
			  "it as %s (0x%llx-0x%llx)", mem->phys_start, end,
			  mem->flags & BULKHEAD_MEM_IO ? "io" : "memory",
			  root->flags & BULKHEAD_MEM_IO ? "io" : "memory", root->phys_start,
			  root->phys_start + root->size - 1);
	device = kept_device(set, mem->phys_start, mem->size, true);
	if (device)
		set_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx overlaps %s, which the "
			  "hypervisor keeps", mem->phys_start, end, device);
	if (root->flags & BULKHEAD_MEM_DMA)
		set_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx is part of root device region "
			  "0x%llx-0x%llx, which can master DMA: no IOMMU confines it, so no "
			  "cell may have it", mem->phys_start, end, root->phys_start,
			  root->phys_start + root->size - 1);
}

/* Region @r of cell @n against the earlier cells' memory and every channel's. */
static void check_region_free(struct check_set *set, unsigned int n, unsigned int r)
{
	const struct check_config *cfg = &set->configs[n], *other;
	const struct bulkhead_mem_region *mem = &bulkhead_cell_mem_regions(cell_of(cfg))[r];
	char who[CELLC_PATH_LEN];
	unsigned int idx;

	other = memory_user(set, mem->phys_start, mem->size, n, &idx);
	if (other)
		set_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx overlaps memory region %u of %s",
			  mem->phys_start, mem->phys_start + mem->size - 1, idx,
			  holder(other, who, sizeof(who)));
	other = channel_user(set, mem->phys_start, mem->size, n, &idx);
	if (other)
		set_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx overlaps the memory of channel "
			  "\"%s\" of %s", mem->phys_start, mem->phys_start + mem->size - 1,
			  bulkhead_cell_channels(cell_of(other))[idx].name,
			  holder(other, who, sizeof(who)));
}

/* Who has interrupt @irq before cell @n: a text for the message, or NULL. */
static const char *irq_owner(const struct check_set *set, u32 irq, unsigned int n, char *buf,
			     size_t len)
{
	const struct bulkhead_channel *ch;
	const struct bulkhead_cell *cell;
	char who[CELLC_PATH_LEN];
	unsigned int k, i;

	if (irq == system_of(set)->event_irq)
		return "the root's event-irq";
	for (k = 0; k < n; k++) {
		if (!set->valid[k])
			continue;
		cell = cell_of(&set->configs[k]);
		holder(&set->configs[k], who, sizeof(who));
		ch = bulkhead_cell_channels(cell);
		for (i = 0; i < cell->num_channels; i++) {
			if (ch[i].doorbell_irq != irq)
				continue;
			snprintf(buf, len, "the doorbell of channel \"%s\" of %s", ch[i].name,
				 k ? who : "the root cell");
			return buf;
		}
		for (i = 0; k && i < cell->num_irqs; i++) {
			if (bulkhead_cell_irqs(cell)[i] != irq)
				continue;
			snprintf(buf, len, "%s", who);
			return buf;
		}
	}
	return NULL;
}

static void check_cell_irqs(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_cell *cell = cell_of(cfg);
	char owner[CELLC_PATH_LEN * 2];
	unsigned int i;

	for (i = 0; i < cell->num_irqs; i++)
		if (irq_owner(set, bulkhead_cell_irqs(cell)[i], n, owner, sizeof(owner)))
			set_error(set, cfg, ITEM_IRQ, i, "interrupt %u is taken by %s",
				  bulkhead_cell_irqs(cell)[i], owner);
}

static void check_cell_vdevices(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_cell *cell = cell_of(cfg);
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(cell);
	const char *device;
	unsigned int i;

	for (i = 0; i < cell->num_vdevices; i++) {
		/* The cell sees its GIC at the machine's addresses. */
		device = kept_device(set, dev[i].address, BULKHEAD_VDEV_SIZE, false);
		if (device)
			set_error(set, cfg, ITEM_VDEVICE, i, "0x%llx overlaps %s, which the cell "
				  "sees there", dev[i].address, device);
	}
}

/* The end cell @n declares, channel @k, against the peer's end (created before it). */
static void check_channel_peer(struct check_set *set, unsigned int n, unsigned int k,
			       const struct check_config *peer)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(cell_of(cfg))[k];
	const struct bulkhead_cell *peer_cell = cell_of(peer);
	const struct bulkhead_channel *other = bulkhead_cell_channels(peer_cell);
	char who[CELLC_PATH_LEN];
	unsigned int i;

	holder(peer, who, sizeof(who));
	for (i = 0; i < peer_cell->num_channels && !same_name(other[i].name, ch->name); i++)
		;
	if (i == peer_cell->num_channels) {
		set_error(set, cfg, ITEM_CHANNEL, k, "peer %s declares no channel \"%s\"", who,
			  ch->name);
		return;
	}
	if (!same_name(other[i].peer, cell_of(cfg)->name))
		set_error(set, cfg, ITEM_CHANNEL, k, "%s declares channel \"%s\" towards \"%s\"",
			  who, ch->name, other[i].peer);
	else if (other[i].phys_start != ch->phys_start || other[i].size != ch->size)
		set_error(set, cfg, ITEM_CHANNEL, k, "memory 0x%llx+0x%llx differs from %s's "
			  "0x%llx+0x%llx", ch->phys_start, ch->size, who, other[i].phys_start,
			  other[i].size);
	else if (!(ch->flags & BULKHEAD_CHANNEL_WRITE) && !(other[i].flags & BULKHEAD_CHANNEL_WRITE))
		set_warning(set, cfg, ITEM_CHANNEL, k, "neither end may write the memory (both "
			    "access = \"read-only\")");
}

/* Memory of a channel whose first end cell @n is: it comes from the root's free RAM. */
static void check_channel_memory(struct check_set *set, unsigned int n, unsigned int k)
{
	const struct check_config *cfg = &set->configs[n], *other;
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(cell_of(cfg))[k];
	const struct bulkhead_mem_region *hv = &system_of(set)->hypervisor_memory;
	u64 end = ch->phys_start + ch->size - 1;
	char who[CELLC_PATH_LEN];
	const char *device;
	unsigned int idx;

	if (!config_in_ram(root_of(set), ch->phys_start, ch->size) ||
	    ranges_overlap(ch->phys_start, ch->size, hv->phys_start, hv->size))
		set_error(set, cfg, ITEM_CHANNEL, k, "memory 0x%llx-0x%llx is not inside one RAM "
			  "region of the root cell (%s)", ch->phys_start, end,
			  set->configs[0].file);
	other = channel_user(set, ch->phys_start, ch->size, n, &idx);
	if (other)
		set_error(set, cfg, ITEM_CHANNEL, k, "memory 0x%llx-0x%llx overlaps channel \"%s\" "
			  "of %s", ch->phys_start, end,
			  bulkhead_cell_channels(cell_of(other))[idx].name,
			  index_of(set, other) ? holder(other, who, sizeof(who)) : "the root cell");
	other = memory_user(set, ch->phys_start, ch->size, n, &idx);
	if (other)
		set_error(set, cfg, ITEM_CHANNEL, k, "memory 0x%llx-0x%llx overlaps memory region "
			  "%u of %s", ch->phys_start, end, idx, holder(other, who, sizeof(who)));
	device = kept_device(set, ch->phys_start, ch->size, false);
	if (device)
		set_error(set, cfg, ITEM_CHANNEL, k, "memory 0x%llx-0x%llx overlaps %s",
			  ch->phys_start, end, device);
}

/* Channel names are system-wide: nobody but the peer may declare one of the same name. */
static void check_channel_name(struct check_set *set, unsigned int n, unsigned int k,
			       const struct check_config *peer)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(cell_of(cfg))[k];
	const struct bulkhead_cell *cell;
	char who[CELLC_PATH_LEN];
	unsigned int i, j;

	for (j = 0; j < n; j++) {
		if (!set->valid[j] || &set->configs[j] == peer)
			continue;
		cell = cell_of(&set->configs[j]);
		for (i = 0; i < cell->num_channels; i++)
			if (same_name(bulkhead_cell_channels(cell)[i].name, ch->name))
				set_error(set, cfg, ITEM_CHANNEL, k, "the name is taken by a channel "
					  "of %s", j ? holder(&set->configs[j], who, sizeof(who)) :
					  "the root cell");
	}
}

static void check_cell_channels(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n], *peer;
	const struct bulkhead_channel *ch = bulkhead_cell_channels(cell_of(cfg));
	char owner[CELLC_PATH_LEN * 2];
	unsigned int k;

	for (k = 0; k < cell_of(cfg)->num_channels; k++) {
		peer = find_cell(set, ch[k].peer, n);
		check_channel_name(set, n, k, peer);
		if (peer)
			check_channel_peer(set, n, k, peer);
		else
			check_channel_memory(set, n, k);
		if (ch[k].doorbell_irq &&
		    irq_owner(set, ch[k].doorbell_irq, n, owner, sizeof(owner)))
			set_error(set, cfg, ITEM_CHANNEL, k, "doorbell-irq %u is taken by %s",
				  ch[k].doorbell_irq, owner);
	}
}

/* Ends that find no peer in the set, and ends whose rings reach no doorbell. */
static void check_channel_ends(struct check_set *set)
{
	const struct check_config *cfg, *peer;
	const struct bulkhead_channel *ch, *other;
	unsigned int n, k, i;

	for (n = 0; n < set->num_configs; n++) {
		if (!set->valid[n])
			continue;
		cfg = &set->configs[n];
		ch = bulkhead_cell_channels(cell_of(cfg));
		for (k = 0; k < cell_of(cfg)->num_channels; k++) {
			peer = find_cell(set, ch[k].peer, set->num_configs);
			/* The root's channels wait for cells that come and go. */
			if (!peer && n)
				set_warning(set, cfg, ITEM_CHANNEL, k, "peer \"%s\" is not in this "
					    "set: the channel stays unconnected", ch[k].peer);
			if (!peer || !config_has_link(set->configs[0].hdr, cell_of(cfg)->name,
						      ch[k].peer))
				continue;
			other = bulkhead_cell_channels(cell_of(peer));
			for (i = 0; i < cell_of(peer)->num_channels; i++)
				if (same_name(other[i].name, ch[k].name) && !other[i].doorbell_irq)
					set_warning(set, cfg, ITEM_CHANNEL, k, "the policy lets \"%s\" "
						    "ring \"%s\", which takes no doorbells here (no "
						    "doorbell-irq)", cell_of(cfg)->name, ch[k].peer);
		}
	}
}

/* ----- what Linux uses ----- */

static const char *linux_user(const struct check_set *set, u64 phys, u64 size, char *buf,
			      size_t len)
{
	unsigned int n;

	for (n = 0; n < set->num_ram; n++) {
		if (!ranges_overlap(phys, size, set->ram[n].start, set->ram[n].size))
			continue;
		snprintf(buf, len, "Linux uses 0x%llx-0x%llx (%s)",
			 (unsigned long long)set->ram[n].start,
			 (unsigned long long)(set->ram[n].start + set->ram[n].size - 1),
			 set->ram_source);
		return buf;
	}
	return NULL;
}

#define NOT_RESERVED	"; keep Linux out of it (mem= or a /reserved-memory node with no-map)"

/* Hypervisor memory, cells' RAM and channel memory must be memory Linux does not use. */
static void check_linux_ram(struct check_set *set)
{
	const struct bulkhead_mem_region *hv = &system_of(set)->hypervisor_memory, *mem;
	const struct bulkhead_channel *ch;
	const struct bulkhead_cell *cell;
	char why[CELLC_PATH_LEN];
	unsigned int n, k;

	if (!set->ram_source[0]) {
		add_problem(set, set->configs[0].file, "", CHECK_NOTE,
			    "cannot tell whether Linux keeps out of the hypervisor's and the "
			    "cells' memory: run it on the target, or give --iomem FILE (its "
			    "/proc/iomem) or --cmdline FILE (its /proc/cmdline)");
		return;
	}
	if (linux_user(set, hv->phys_start, hv->size, why, sizeof(why)))
		set_error(set, &set->configs[0], ITEM_HV_MEMORY, 0, "0x%llx-0x%llx: %s"
			  NOT_RESERVED, hv->phys_start, hv->phys_start + hv->size - 1, why);
	for (n = 0; n < set->num_configs; n++) {
		if (!set->valid[n])
			continue;
		cell = cell_of(&set->configs[n]);
		mem = bulkhead_cell_mem_regions(cell);
		/* The root's RAM is Linux's own; the driver refuses the rest (driver/cell.c). */
		for (k = 0; n && k < cell->num_mem_regions; k++)
			if (!(mem[k].flags & BULKHEAD_MEM_IO) &&
			    linux_user(set, mem[k].phys_start, mem[k].size, why, sizeof(why)))
				set_error(set, &set->configs[n], ITEM_REGION, k,
					  "0x%llx-0x%llx: %s" NOT_RESERVED, mem[k].phys_start,
					  mem[k].phys_start + mem[k].size - 1, why);
		ch = bulkhead_cell_channels(cell);
		/* A channel with the root is the root's channel memory, said once there. */
		for (k = 0; k < cell->num_channels; k++)
			if ((!n || !same_name(ch[k].peer, root_of(set)->name)) &&
			    linux_user(set, ch[k].phys_start, ch[k].size, why, sizeof(why)))
				set_error(set, &set->configs[n], ITEM_CHANNEL, k,
					  "memory 0x%llx-0x%llx: %s" NOT_RESERVED,
					  ch[k].phys_start, ch[k].phys_start + ch[k].size - 1, why);
	}
}

static void add_ram(struct check_set *set, u64 start, u64 size)
{
	if (size && set->num_ram < ARRAY_SIZE(set->ram)) {
		set->ram[set->num_ram].start = start;
		set->ram[set->num_ram++].size = size;
	}
}

int hvctl_check_read_iomem(struct check_set *set, const char *path, char *why, size_t len)
{
	unsigned long long start, end;
	char line[256], name[128];
	FILE *file = fopen(path, "re");
	unsigned int num = 0;

	if (!file)
		return hvctl_reject(-1, why, len, "%s: cannot open: %s", path, strerror(errno));
	/* Top-level "System RAM" lines: what Linux's allocator may hand out. */
	while (fgets(line, sizeof(line), file)) {
		num++;
		if (line[0] == ' ')
			continue;
		if (sscanf(line, "%llx-%llx : %127[^\n]", &start, &end, name) != 3 ||
		    end < start) {
			fclose(file);
			return hvctl_reject(-1, why, len, "%s: line %u is not \"START-END : NAME\" "
					    "as in /proc/iomem", path, num);
		}
		if (!strcmp(name, "System RAM"))
			add_ram(set, start, end - start + 1);
	}
	fclose(file);
	/* Without CAP_SYS_ADMIN, /proc/iomem shows every address as 0. */
	if (!set->num_ram || (set->num_ram && !set->ram[0].start && set->ram[0].size == 1))
		return hvctl_reject(-1, why, len, "%s: no \"System RAM\" with addresses (read "
				    "/proc/iomem as root)", path);
	snprintf(set->ram_source, sizeof(set->ram_source), "System RAM in %s", path);
	return 0;
}

/* "mem=768M": the size, or 0 if @text has none. */
static u64 parse_mem_limit(const char *text)
{
	const char *at = text;
	unsigned long long size;
	char *end;

	for (;;) {
		at = strstr(at, "mem=");
		if (!at)
			return 0;
		if (at == text || at[-1] == ' ' || at[-1] == '\t' || at[-1] == '\n')
			break;
		at += 4;
	}
	size = strtoull(at + 4, &end, 0);
	switch (*end) {
	case 'G': case 'g':
		size <<= 10;
		/* fall through */
	case 'M': case 'm':
		size <<= 10;
		/* fall through */
	case 'K': case 'k':
		size <<= 10;
	}
	return size;
}

/*
 * With mem=SIZE Linux keeps the first SIZE bytes of RAM, in address order.
 * The RAM known here is the root's RAM regions and the hypervisor memory;
 * the first SIZE bytes of those are what Linux uses.
 */
int hvctl_check_read_cmdline(struct check_set *set, const char *path, char *why, size_t len)
{
	const struct bulkhead_cell *root = root_of(set);
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(root);
	const struct bulkhead_mem_region *hv = &system_of(set)->hypervisor_memory;
	u64 limit, low, start, size;
	char text[4096] = "";
	unsigned int n;
	FILE *file = fopen(path, "re");

	if (!file)
		return hvctl_reject(-1, why, len, "%s: cannot open: %s", path, strerror(errno));
	if (!fgets(text, sizeof(text), file))
		text[0] = '\0';
	fclose(file);
	limit = parse_mem_limit(text);
	if (!limit)
		return hvctl_reject(-1, why, len, "%s: no mem= on the command line: Linux uses "
				    "all RAM its device tree gives it (give --iomem FILE instead)",
				    path);
	/* Walk the known RAM pieces upwards from the lowest, taking @limit bytes. */
	for (low = 0; limit;) {
		start = ~0ULL;
		size = 0;
		for (n = 0; n < root->num_mem_regions; n++)
			if (!(mem[n].flags & BULKHEAD_MEM_IO) && mem[n].phys_start >= low &&
			    mem[n].phys_start < start) {
				start = mem[n].phys_start;
				size = mem[n].size;
			}
		if (hv->phys_start >= low && hv->phys_start < start) {
			start = hv->phys_start;
			size = hv->size;
		}
		if (!size)
			break;
		size = size < limit ? size : limit;
		add_ram(set, start, size);
		limit -= size;
		low = start + size;
	}
	snprintf(set->ram_source, sizeof(set->ram_source), "mem= in %s", path);
	return 0;
}

/* ----- the whole check ----- */

int hvctl_check_load(struct check_set *set, char **files, unsigned int num)
{
	unsigned int n;

	set->configs = calloc(num, sizeof(*set->configs));
	set->valid = calloc(num, sizeof(*set->valid));
	if (!set->configs || !set->valid)
		return -1;
	set->num_configs = num;
	for (n = 0; n < num; n++) {
		set->configs[n].file = files[n];
		set->valid[n] = check_file(set, &set->configs[n],
					   n ? BULKHEAD_CONFIG_CELL : BULKHEAD_CONFIG_SYSTEM);
	}
	return 0;
}

void hvctl_check_set(struct check_set *set)
{
	unsigned int n, r;

	/* Without a valid system config nothing else can be judged. */
	if (!set->valid[0])
		return;
	for (n = 1; n < set->num_configs; n++) {
		if (!set->valid[n])
			continue;
		check_cell_admission(set, n);
		check_cell_cpus(set, n);
		for (r = 0; r < cell_of(&set->configs[n])->num_mem_regions; r++) {
			check_region_in_root(set, n, r);
			check_region_free(set, n, r);
		}
		check_cell_irqs(set, n);
		check_cell_vdevices(set, n);
		check_cell_channels(set, n);
	}
	check_channel_ends(set);
	check_linux_ram(set);
}

static const char *severity_name(enum check_severity severity)
{
	static const char *const names[] = { "error", "warning", "note" };

	return names[severity];
}

void hvctl_check_print(FILE *out, const struct check_set *set, bool json)
{
	const struct check_problem *p;
	unsigned int n;

	if (json)
		fprintf(out, "{\"problems\": [");
	for (n = 0; n < set->num_problems; n++) {
		p = &set->problems[n];
		if (!json) {
			fprintf(out, "%s: %s%s%s: %s\n", p->file, p->node, p->node[0] ? ": " : "",
				severity_name(p->severity), p->msg);
			continue;
		}
		fprintf(out, "%s\n  {\"file\": ", n ? "," : "");
		hvctl_json_string(out, p->file, strlen(p->file));
		fprintf(out, ", \"node\": ");
		hvctl_json_string(out, p->node, sizeof(p->node));
		fprintf(out, ", \"severity\": \"%s\", \"message\": ", severity_name(p->severity));
		hvctl_json_string(out, p->msg, sizeof(p->msg));
		fprintf(out, "}");
	}
	if (json)
		fprintf(out, "%s], \"errors\": %u, \"warnings\": %u}\n", n ? "\n" : "",
			set->errors, set->warnings);
	else
		fprintf(out, "%u error%s, %u warning%s\n", set->errors, set->errors == 1 ? "" : "s",
			set->warnings, set->warnings == 1 ? "" : "s");
}

void hvctl_check_free(struct check_set *set)
{
	unsigned int n;

	for (n = 0; n < set->num_configs; n++) {
		free(set->configs[n].src);
		free(set->configs[n].fdt);
		free(set->configs[n].data ? set->configs[n].data : (void *)set->configs[n].hdr);
	}
	free(set->configs);
	free(set->valid);
	free(set->problems);
}

/* --iomem FILE, --cmdline FILE; or, on the target, its own /proc/iomem. */
static int read_linux_ram(struct check_set *set, const char *iomem, const char *cmdline)
{
	char why[384];

	if (!set->valid[0])
		return 0;
	if (iomem && hvctl_check_read_iomem(set, iomem, why, sizeof(why)))
		goto err;
	if (cmdline && !iomem && hvctl_check_read_cmdline(set, cmdline, why, sizeof(why)))
		goto err;
	/* On the machine the configs are for, its own view decides (if it may be read). */
	if (!iomem && !cmdline && set->configs[0].hdr->arch == HVCTL_ARCH)
		hvctl_check_read_iomem(set, "/proc/iomem", why, sizeof(why));
	return 0;
err:
	hvctl_err("%s", why);
	return -1;
}

int hvctl_cmd_config_check(unsigned int flags, int argc, char **args)
{
	const char *iomem = NULL, *cmdline = NULL;
	struct check_set set = { 0 };
	unsigned int num = 0;
	int n, ret;

	for (n = 0; n < argc; n++) {
		if (!strcmp(args[n], "--iomem"))
			iomem = args[++n];
		else if (!strcmp(args[n], "--cmdline"))
			cmdline = args[++n];
		else
			args[num++] = args[n];
	}
	if (!num)
		return hvctl_usage_error("hvctl config check", "missing argument SYSTEM for "
					 "'hvctl config check'");
	if (hvctl_check_load(&set, args, num)) {
		hvctl_err("out of memory");
		return EXIT_FAILURE;
	}
	if (read_linux_ram(&set, iomem, cmdline)) {
		hvctl_check_free(&set);
		return EXIT_FAILURE;
	}
	hvctl_check_set(&set);
	hvctl_check_print(stdout, &set, flags & HVCTL_OPT_JSON);
	ret = set.errors ? EXIT_FAILURE : EXIT_SUCCESS;
	hvctl_check_free(&set);
	return fflush(stdout) == 0 ? ret : EXIT_FAILURE;
}
