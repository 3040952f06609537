// SPDX-License-Identifier: GPL-2.0
/*
 * The config compiler's front end (cellc.h): device-tree source in, the binary
 * .cell layout of include/bulkhead/config.h out, for bulkhead-cellc and for
 * hvctl config check. The schema is described in Documentation/config-format.md.
 *
 * The work is split three ways so that each error is reported by whoever can
 * say the most about it: cpp and dtc report syntax errors with file:line, this
 * file reports schema errors with node path and property, and the
 * hypervisor's own validator (hypervisor/config.c) has the last word, so that
 * any .cell written from here is one the hypervisor will accept.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libfdt.h>

#include <bulkhead/types.h>
#include <bulkhead/config_check.h>

#include "cellc.h"

/* The validator reads the packed structures natively; so do we. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "bulkhead-cellc writes little-endian configs and must run on a little-endian host"
#endif

#define DEFAULT_MAX_CELLS	8
#define DEFAULT_SHUTDOWN_MS	1000
/* on-failure = "restart" without its limits: 3 restarts a minute, no back-off. */
#define DEFAULT_MAX_RESTARTS	3
#define DEFAULT_RESTART_WINDOW_MS	60000
#define FDT_MAGIC_BYTES		"\xd0\x0d\xfe\xed"

struct name_value {
	const char *name;
	unsigned int value;
};

static const struct name_value mem_flag_names[] = {
	{ "read", BULKHEAD_MEM_READ },
	{ "write", BULKHEAD_MEM_WRITE },
	{ "execute", BULKHEAD_MEM_EXECUTE },
	{ "io", BULKHEAD_MEM_IO },
	{ "loadable", BULKHEAD_MEM_LOADABLE },
	{ "rootshared", BULKHEAD_MEM_ROOTSHARED },
	{ "dma", BULKHEAD_MEM_DMA },
	{ "image-store", BULKHEAD_MEM_IMAGE_STORE },
	{ NULL, 0 },
};

static const struct name_value vdevice_names[] = {
	{ "pl011", BULKHEAD_VDEV_PL011 },
	{ "power-button", BULKHEAD_VDEV_POWER_BUTTON },
	{ "sp805", BULKHEAD_VDEV_SP805 },
	{ NULL, 0 },
};

/* The cell's PSCI conduit: what its device tree tells its OS to use. */
static const struct name_value failure_names[] = {
	{ "report", BULKHEAD_ON_FAILURE_REPORT },
	{ "stop", BULKHEAD_ON_FAILURE_STOP },
	{ "restart", BULKHEAD_ON_FAILURE_RESTART },
	{ NULL, 0 },
};

static const struct name_value conduit_names[] = {
	{ "hvc", 0 },
	{ "smc", BULKHEAD_CELL_PSCI_SMC },
	{ NULL, 0 },
};

static const struct name_value access_names[] = {
	{ "read-write", BULKHEAD_CHANNEL_WRITE },
	{ "read-only", 0 },
	{ NULL, 0 },
};

static const struct name_value console_names[] = {
	{ "pl011", BULKHEAD_CONSOLE_PL011 },
	{ "8250", BULKHEAD_CONSOLE_8250 },
	{ "8250-pio", BULKHEAD_CONSOLE_8250_PIO },
	{ NULL, 0 },
};

static const struct name_value arch_names[] = {
	{ "arm64", BULKHEAD_ARCH_ARM64 },
	{ "x86-64", BULKHEAD_ARCH_X86_64 },
	{ NULL, 0 },
};

static const struct name_value kind_names[] = {
	{ "bulkhead,system", BULKHEAD_CONFIG_SYSTEM },
	{ "bulkhead,cell", BULKHEAD_CONFIG_CELL },
	{ NULL, 0 },
};

/* Names of a table as "a, b, c" for "expected ..." hints. */
static const char *list_names(const struct name_value *table, const char *quote)
{
	static char list[256];
	size_t used = 0;

	list[0] = '\0';
	for (; table->name; table++)
		used += (size_t)sprintf(list + used, "%s%s%s%s", used ? ", " : "", quote,
					table->name, quote);
	return list;
}

static int lookup_name(const struct name_value *table, const char *name, unsigned int *value)
{
	for (; table->name; table++) {
		if (strcmp(table->name, name) == 0) {
			*value = table->value;
			return 0;
		}
	}
	return -1;
}

const char *cellc_node_path(const struct cellc *c, int node, char *path, size_t len)
{
	if (fdt_get_path(c->fdt, node, path, (int)len) < 0)
		snprintf(path, len, "(unknown node)");
	return path;
}

static void __printf(4, 5) node_error(struct cellc *c, int node, const char *prop,
				      const char *fmt, ...)
{
	char path[CELLC_PATH_LEN], msg[512];
	va_list ap;

	cellc_node_path(c, node, path, sizeof(path));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->errors++;
	if (c->report)
		c->report(c, path, prop, msg);
	else if (prop)
		fprintf(stderr, "%s: %s: property \"%s\": %s\n", c->input, path, prop, msg);
	else
		fprintf(stderr, "%s: %s: %s\n", c->input, path, msg);
}

/* Node name without the unit address: "memory" for "memory@40000000". */
static bool node_is(const struct cellc *c, int node, const char *base)
{
	const char *name = fdt_get_name(c->fdt, node, NULL);
	size_t len = strlen(base);

	return name && strncmp(name, base, len) == 0 && (name[len] == '\0' || name[len] == '@');
}

static bool is_listed(const char *name, const char *const list[])
{
	for (; *list; list++) {
		if (strcmp(name, *list) == 0)
			return true;
	}
	return false;
}

static const char *join_list(const char *const list[], const char *suffix)
{
	static char joined[256];
	size_t used = 0;

	joined[0] = '\0';
	for (; *list; list++)
		used += (size_t)sprintf(joined + used, "%s%s%s", used ? ", " : "", *list, suffix);
	return joined;
}

/* Typos in property names must not silently drop a setting. */
static void check_properties(struct cellc *c, int node, const char *const allowed[])
{
	const char *name;
	int prop;

	fdt_for_each_property_offset(prop, c->fdt, node) {
		if (!fdt_getprop_by_offset(c->fdt, prop, &name, NULL))
			continue;
		/* dtc adds these when a node is referenced by label. */
		if (strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0)
			continue;
		if (!is_listed(name, allowed))
			node_error(c, node, name, "unknown property (expected %s)",
				   join_list(allowed, ""));
	}
}

/* @allowed are node names without unit address. */
static void check_children(struct cellc *c, int node, const char *const allowed[])
{
	const char *const *base;
	int child;

	fdt_for_each_subnode(child, c->fdt, node) {
		for (base = allowed; *base; base++) {
			if (node_is(c, child, *base))
				break;
		}
		if (!*base)
			node_error(c, child, NULL, "unexpected node (expected %s)",
				   join_list(allowed, ""));
	}
}

/* The one child called @base (with or without unit address), or -1. */
static int find_child(struct cellc *c, int parent, const char *base, bool required)
{
	int child, found = -1;

	fdt_for_each_subnode(child, c->fdt, parent) {
		if (!node_is(c, child, base))
			continue;
		if (found >= 0) {
			node_error(c, child, NULL, "more than one %s node", base);
			return -1;
		}
		found = child;
	}
	if (found < 0 && required)
		node_error(c, parent, NULL, "missing %s node", base);
	return found;
}

static int read_string(struct cellc *c, int node, const char *prop, const char **out)
{
	int len;
	const char *s = fdt_getprop(c->fdt, node, prop, &len);

	if (!s) {
		node_error(c, node, prop, "missing");
		return -1;
	}
	if (len < 1 || s[len - 1] != '\0' || strlen(s) != (size_t)len - 1) {
		node_error(c, node, prop, "must be a single string");
		return -1;
	}
	*out = s;
	return 0;
}

/* @prop, one of the names in @table: its value into @out; else an error naming @what. */
static int read_choice(struct cellc *c, int node, const char *prop,
		       const struct name_value *table, const char *what, unsigned int *out)
{
	const char *name;

	if (read_string(c, node, prop, &name) != 0)
		return -1;
	if (lookup_name(table, name, out) == 0)
		return 0;
	node_error(c, node, prop, "unknown %s \"%s\" (expected %s)", what, name,
		   list_names(table, "\""));
	return -1;
}

static int read_u32(struct cellc *c, int node, const char *prop, u32 *out)
{
	int len;
	const fdt32_t *cells = fdt_getprop(c->fdt, node, prop, &len);

	if (!cells) {
		node_error(c, node, prop, "missing");
		return -1;
	}
	if (len != sizeof(*cells)) {
		node_error(c, node, prop, "must be one cell, <n>, not %d bytes", len);
		return -1;
	}
	*out = fdt32_to_cpu(*cells);
	return 0;
}

static u64 cells_to_u64(const fdt32_t *cells, int count)
{
	u64 value = 0;
	int n;

	for (n = 0; n < count; n++)
		value = (value << 32) | fdt32_to_cpu(cells[n]);
	return value;
}

/* #address-cells or #size-cells of @node: 1 or 2, DT spec defaults if absent. */
static int cell_count(struct cellc *c, int node, const char *prop, int missing)
{
	const fdt32_t *cells;
	int len;
	u32 count;

	cells = fdt_getprop(c->fdt, node, prop, &len);
	if (!cells)
		return missing;
	count = len == sizeof(*cells) ? fdt32_to_cpu(*cells) : 0;
	if (count != 1 && count != 2) {
		node_error(c, node, prop, "must be <1> or <2>");
		return -1;
	}
	return (int)count;
}

static int read_address(struct cellc *c, int node, const char *prop, bool required, u64 *out)
{
	int count = cell_count(c, fdt_parent_offset(c->fdt, node), "#address-cells", 2);
	const fdt32_t *cells;
	int len;

	if (count < 0)
		return -1;
	cells = fdt_getprop(c->fdt, node, prop, &len);
	if (!cells) {
		if (required)
			node_error(c, node, prop, "missing");
		return required ? -1 : 1;
	}
	if (len != count * (int)sizeof(*cells)) {
		node_error(c, node, prop, "must be one address of %d cells (#address-cells of "
			   "the parent), not %d bytes", count, len);
		return -1;
	}
	*out = cells_to_u64(cells, count);
	return 0;
}

/* A unit address that disagrees with reg is almost always a copy-and-paste slip. */
static int check_unit_address(struct cellc *c, int node, u64 address)
{
	const char *name = fdt_get_name(c->fdt, node, NULL);
	const char *at = strchr(name, '@');
	unsigned long long unit;
	char *end;

	if (!at) {
		node_error(c, node, NULL, "node name needs the unit address of its reg (%s@%llx)",
			   name, (unsigned long long)address);
		return -1;
	}
	errno = 0;
	unit = strtoull(at + 1, &end, 16);
	if (at[1] == '\0' || *end || errno || unit != address) {
		node_error(c, node, "reg", "address 0x%llx does not match the unit address \"%s\"",
			   (unsigned long long)address, at + 1);
		return -1;
	}
	return 0;
}

static int read_reg(struct cellc *c, int node, u64 *address, u64 *size)
{
	int parent = fdt_parent_offset(c->fdt, node);
	int ac = cell_count(c, parent, "#address-cells", 2);
	int sc = cell_count(c, parent, "#size-cells", 1);
	const fdt32_t *reg;
	int len;

	if (ac < 0 || sc < 0)
		return -1;
	reg = fdt_getprop(c->fdt, node, "reg", &len);
	if (!reg) {
		node_error(c, node, "reg", "missing");
		return -1;
	}
	if (len != (ac + sc) * (int)sizeof(*reg)) {
		node_error(c, node, "reg",
			   "must be one <address size> pair of %d + %d cells "
			   "(#address-cells, #size-cells of the parent), not %d bytes",
			   ac, sc, len);
		return -1;
	}
	*address = cells_to_u64(reg, ac);
	*size = cells_to_u64(reg + ac, sc);
	return check_unit_address(c, node, *address);
}

static void parse_hypervisor(struct cellc *c, int root)
{
	static const char *const props[] = { "reg", NULL };
	int node = find_child(c, root, "hypervisor", true);
	u64 address, size;

	c->hypervisor_node = node;
	if (node < 0)
		return;
	check_properties(c, node, props);
	if (read_reg(c, node, &address, &size) == 0) {
		c->system.hypervisor_memory.phys_start = address;
		c->system.hypervisor_memory.size = size;
	}
}

static void parse_console(struct cellc *c, int root)
{
	static const char *const props[] = { "type", "reg", NULL };
	int node = find_child(c, root, "debug-console", false);
	unsigned int value;
	u64 address, size;

	/* No node: the hypervisor prints only to the console ring. */
	if (node < 0)
		return;
	check_properties(c, node, props);
	if (read_choice(c, node, "type", console_names, "console type", &value) == 0)
		c->system.debug_console.type = value;
	if (read_reg(c, node, &address, &size) != 0)
		return;
	if (size > 0xffffffffULL) {
		node_error(c, node, "reg", "size 0x%llx does not fit 32 bits",
			   (unsigned long long)size);
		return;
	}
	c->system.debug_console.address = address;
	c->system.debug_console.size = (u32)size;
}

static void parse_platform_arm64(struct cellc *c, int node)
{
	static const char *const props[] = { "gic-version", "gicd-base", "gicr-base", "gits-base",
					     NULL };
	struct bulkhead_platform_arm64 *arm64 = &c->system.platform.arm64;
	u32 version;
	u64 base;

	check_properties(c, node, props);
	if (read_u32(c, node, "gic-version", &version) == 0)
		arm64->gic_version = version;
	if (read_address(c, node, "gicd-base", true, &base) == 0)
		arm64->gicd_base = base;
	if (read_address(c, node, "gicr-base", true, &base) == 0)
		arm64->gicr_base = base;
	/* Optional: a GIC without an ITS. */
	if (read_address(c, node, "gits-base", false, &base) == 0)
		arm64->gits_base = base;
}

/* mmconfig-buses = <first last>: the buses the MMCONFIG window decodes. */
static void parse_mmconfig_buses(struct cellc *c, int node, struct bulkhead_platform_x86 *x86)
{
	const fdt32_t *buses;
	int len;

	buses = fdt_getprop(c->fdt, node, "mmconfig-buses", &len);
	if (!buses)
		return;
	if (len != 2 * sizeof(*buses) || fdt32_to_cpu(buses[0]) > 255 ||
	    fdt32_to_cpu(buses[1]) > 255) {
		node_error(c, node, "mmconfig-buses", "must be <first last>, buses 0-255");
		return;
	}
	x86->mmconfig_start_bus = (u8)fdt32_to_cpu(buses[0]);
	x86->mmconfig_end_bus = (u8)fdt32_to_cpu(buses[1]);
}

static void parse_platform_x86(struct cellc *c, int node)
{
	static const char *const props[] = { "lapic-base", "ioapic-base", "hpet-base",
					     "mmconfig-base", "mmconfig-buses", "tsc-khz", NULL };
	struct bulkhead_platform_x86 *x86 = &c->system.platform.x86;
	u64 base;
	u32 khz;

	check_properties(c, node, props);
	if (read_address(c, node, "lapic-base", true, &base) == 0)
		x86->lapic_base = base;
	/* Optional: 0 in the binary means the PC has none. */
	if (read_address(c, node, "ioapic-base", false, &base) == 0)
		x86->ioapic_base = base;
	if (read_address(c, node, "hpet-base", false, &base) == 0)
		x86->hpet_base = base;
	if (read_address(c, node, "mmconfig-base", false, &base) == 0)
		x86->mmconfig_base = base;
	parse_mmconfig_buses(c, node, x86);
	/* Optional: without it the hypervisor measures the TSC. */
	if (fdt_getprop(c->fdt, node, "tsc-khz", NULL) && read_u32(c, node, "tsc-khz", &khz) == 0)
		x86->tsc_khz = khz;
}

/* The platform node holds the arch's own block (include/bulkhead/config.h). */
static void parse_platform(struct cellc *c, int root)
{
	int node = find_child(c, root, "platform", true);

	if (node < 0)
		return;
	if (c->arch == BULKHEAD_ARCH_X86_64)
		parse_platform_x86(c, node);
	else
		parse_platform_arm64(c, node);
}

/* Cell names, channel names, peers and link ends: what the validator accepts. */
static int check_name(struct cellc *c, int node, const char *prop, const char *name, size_t len)
{
	size_t n;

	if (len == 0 || len >= BULKHEAD_CELL_NAME_LEN) {
		node_error(c, node, prop, "\"%.*s\" must have 1 to %d characters", (int)len, name,
			   BULKHEAD_CELL_NAME_LEN - 1);
		return -1;
	}
	for (n = 0; n < len; n++) {
		if (name[n] < 0x20 || name[n] > 0x7e) {
			node_error(c, node, prop, "character %zu is not printable", n);
			return -1;
		}
	}
	return 0;
}

/* Copies the name in @prop to @out, BULKHEAD_CELL_NAME_LEN zeroed bytes. */
static void read_name(struct cellc *c, int node, const char *prop, char *out)
{
	const char *name;

	if (read_string(c, node, prop, &name) == 0 &&
	    check_name(c, node, prop, name, strlen(name)) == 0)
		memcpy(out, name, strlen(name));
}

/*
 * hvctl names a cell by its name or its id: a cell name must not read as an
 * id (digits alone, or "id:..."), as the validator also checks.
 */
static void check_cell_name(struct cellc *c, int node, const char *name)
{
	if (!strncmp(name, "id:", 3))
		node_error(c, node, "cell-name", "\"%s\" starts with \"id:\", which hvctl reads "
			   "as an id; rename the cell", name);
	else if (name[0] && strspn(name, "0123456789") == strlen(name))
		node_error(c, node, "cell-name", "\"%s\" is all digits, which hvctl would take "
			   "for a cell id; add a letter", name);
}

static void parse_cpus(struct cellc *c, int node)
{
	const fdt32_t *cpus;
	int len, n;
	u32 cpu;

	cpus = fdt_getprop(c->fdt, node, "cpus", &len);
	if (!cpus || len == 0 || len % sizeof(*cpus)) {
		node_error(c, node, "cpus", "%s (expected a list of CPU ids, e.g. <0 1>)",
			   cpus ? "malformed" : "missing");
		return;
	}
	for (n = 0; n < len / (int)sizeof(*cpus); n++) {
		cpu = fdt32_to_cpu(cpus[n]);
		if (cpu >= BULKHEAD_MAX_CPUS) {
			node_error(c, node, "cpus", "CPU %u is out of range (0-%d)", cpu,
				   BULKHEAD_MAX_CPUS - 1);
		} else if (c->cell.cpu_set & BIT_ULL(cpu)) {
			node_error(c, node, "cpus", "CPU %u is listed twice", cpu);
		}
		c->cell.cpu_set |= cpu < BULKHEAD_MAX_CPUS ? BIT_ULL(cpu) : 0;
	}
}

/* A property without a value ("passive;") sets @flag. */
static void parse_flag(struct cellc *c, int node, const char *prop, u32 flag)
{
	int len;

	if (!fdt_getprop(c->fdt, node, prop, &len))
		return;
	if (len != 0)
		node_error(c, node, prop, "is a flag and takes no value");
	c->cell.flags |= flag;
}

static void parse_conduit(struct cellc *c, int node)
{
	unsigned int flag;

	/* Without the property: HVC, which never reaches a firmware. */
	if (fdt_getprop(c->fdt, node, "psci-conduit", NULL) &&
	    read_choice(c, node, "psci-conduit", conduit_names, "conduit", &flag) == 0)
		c->cell.flags |= flag;
}

static int parse_region_flags(struct cellc *c, int node, u32 *flags)
{
	int count = fdt_stringlist_count(c->fdt, node, "flags");
	unsigned int bit;
	const char *flag;
	int n;

	if (count <= 0) {
		node_error(c, node, "flags", "%s (expected a list of %s)",
			   count == -FDT_ERR_NOTFOUND ? "missing" : "malformed",
			   list_names(mem_flag_names, "\""));
		return -1;
	}
	*flags = 0;
	for (n = 0; n < count; n++) {
		flag = fdt_stringlist_get(c->fdt, node, "flags", n, NULL);
		if (flag && lookup_name(mem_flag_names, flag, &bit) == 0) {
			*flags |= bit;
			continue;
		}
		node_error(c, node, "flags", "unknown flag \"%s\" (expected %s)", flag ? flag : "",
			   list_names(mem_flag_names, ""));
		return -1;
	}
	return 0;
}

/* The node name tells what a region is; the flags must not contradict it. */
static void check_region_kind(struct cellc *c, int node, u32 flags)
{
	bool device = node_is(c, node, "device");

	if (device && !(flags & BULKHEAD_MEM_IO))
		node_error(c, node, "flags", "device regions are MMIO and need \"io\"");
	else if (!device && (flags & BULKHEAD_MEM_IO))
		node_error(c, node, "flags", "\"io\" regions must be device@ nodes, not memory@");
}

static void parse_region(struct cellc *c, int node)
{
	static const char *const props[] = { "reg", "virt", "flags", NULL };
	struct bulkhead_mem_region *mem;
	u64 phys, size, virt;
	u32 flags;
	int err;

	if (c->cell.num_mem_regions == BULKHEAD_MAX_MEM_REGIONS) {
		node_error(c, node, NULL, "too many regions (at most %d)",
			   BULKHEAD_MAX_MEM_REGIONS);
		return;
	}
	check_properties(c, node, props);
	err = read_reg(c, node, &phys, &size);
	/* Without "virt" the cell sees the region where it really is. */
	if (read_address(c, node, "virt", false, &virt) != 0)
		virt = phys;
	if (parse_region_flags(c, node, &flags) != 0 || err)
		return;
	check_region_kind(c, node, flags);
	c->region_nodes[c->cell.num_mem_regions] = node;
	mem = &c->regions[c->cell.num_mem_regions++];
	mem->phys_start = phys;
	mem->virt_start = virt;
	mem->size = size;
	mem->flags = flags;
}

/* One side of a channel; the validator and, at create, the hypervisor judge the rest. */
static void parse_channel(struct cellc *c, int node)
{
	static const char *const props[] = { "channel-name", "peer", "reg", "virt", "access",
					     "doorbell-irq", NULL };
	struct bulkhead_channel *ch = &c->channels[c->cell.num_channels];
	unsigned int write;
	u64 phys = 0, size = 0, virt;
	u32 irq;

	if (c->cell.num_channels == BULKHEAD_MAX_CHANNELS) {
		node_error(c, node, NULL, "too many channels (at most %d)", BULKHEAD_MAX_CHANNELS);
		return;
	}
	check_properties(c, node, props);
	read_name(c, node, "channel-name", ch->name);
	read_name(c, node, "peer", ch->peer);
	read_reg(c, node, &phys, &size);
	ch->phys_start = phys;
	ch->size = size;
	/* Without "virt" the cell sees the memory where it really is, as the root must. */
	ch->virt_start = read_address(c, node, "virt", false, &virt) == 0 ? virt : phys;
	if (read_choice(c, node, "access", access_names, "access", &write) == 0)
		ch->flags = write;
	/* Without "doorbell-irq" this side takes no doorbells. */
	if (fdt_getprop(c->fdt, node, "doorbell-irq", NULL) &&
	    read_u32(c, node, "doorbell-irq", &irq) == 0)
		ch->doorbell_irq = irq;
	c->channel_nodes[c->cell.num_channels++] = node;
}

/* An emulated device: its type, where the cell sees its page and its interrupt. */
static void parse_vdevice(struct cellc *c, int node)
{
	static const char *const props[] = { "type", "reg", "interrupt", NULL };
	struct bulkhead_vdevice *dev = &c->vdevices[c->cell.num_vdevices];
	unsigned int value;
	u64 address, size;
	u32 irq;

	if (c->cell.num_vdevices == BULKHEAD_MAX_VDEVICES) {
		node_error(c, node, NULL, "too many emulated devices (at most %d)",
			   BULKHEAD_MAX_VDEVICES);
		return;
	}
	check_properties(c, node, props);
	if (read_choice(c, node, "type", vdevice_names, "device type", &value) == 0)
		dev->type = value;
	if (read_reg(c, node, &address, &size) == 0) {
		dev->address = address;
		if (size != BULKHEAD_VDEV_SIZE)
			node_error(c, node, "reg", "size 0x%llx: an emulated device takes one "
				   "page, 0x%x", (unsigned long long)size, BULKHEAD_VDEV_SIZE);
	}
	if (read_u32(c, node, "interrupt", &irq) == 0)
		dev->irq = irq;
	c->vdevice_nodes[c->cell.num_vdevices++] = node;
}

/* Properties of a cell created at run time; the root cell is already running. */
static const struct {
	const char *prop;
	const char *why;
} guest_cell_props[] = {
	{ "comm-region", "only cell configs load, start and stop their cell" },
	{ "entry", "only cell configs load, start and stop their cell" },
	{ "shutdown-timeout-ms", "only cell configs load, start and stop their cell" },
	{ "interrupts", "it owns every SPI that no other cell owns" },
	{ "bus-errors", "it sees the machine's own bus" },
	{ "psci-conduit", "it calls the machine's own firmware" },
	{ "watchdog-timeout-ms", "nothing restarts the root cell" },
	{ "on-failure", "nothing restarts the root cell" },
	{ "max-restarts", "nothing restarts the root cell" },
	{ "restart-window-ms", "nothing restarts the root cell" },
	{ "restart-delay-ms", "nothing restarts the root cell" },
	{ "probation-ms", "nothing updates the root cell" },
};

static void reject_in_root_cell(struct cellc *c, int node)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(guest_cell_props); n++) {
		if (fdt_getprop(c->fdt, node, guest_cell_props[n].prop, NULL))
			node_error(c, node, guest_cell_props[n].prop,
				   "not allowed in the root cell (%s)", guest_cell_props[n].why);
	}
}

/*
 * Optional list of INTIDs, one cell each. Range and duplicates are the
 * validator's to judge: its message names the index, explained afterwards.
 */
static void parse_interrupts(struct cellc *c, int node)
{
	const fdt32_t *irqs;
	int len, n, count;

	irqs = fdt_getprop(c->fdt, node, "interrupts", &len);
	if (!irqs)
		return;
	if (len == 0 || len % sizeof(*irqs)) {
		node_error(c, node, "interrupts", "malformed (expected a list of INTIDs, "
			   "e.g. <40 41>)");
		return;
	}
	count = len / (int)sizeof(*irqs);
	if (count > BULKHEAD_MAX_IRQS) {
		node_error(c, node, "interrupts", "%d interrupts, more than the maximum of %d",
			   count, BULKHEAD_MAX_IRQS);
		return;
	}
	for (n = 0; n < count; n++)
		c->irqs[n] = fdt32_to_cpu(irqs[n]);
	c->cell.num_irqs = (u32)count;
}

/* Without "entry" the cell starts where its first loadable, executable region begins. */
static void default_entry(struct cellc *c, int node)
{
	const u32 wanted = BULKHEAD_MEM_LOADABLE | BULKHEAD_MEM_EXECUTE;
	unsigned int n;

	for (n = 0; n < c->cell.num_mem_regions; n++) {
		if ((c->regions[n].flags & wanted) == wanted) {
			c->cell.entry = c->regions[n].virt_start;
			return;
		}
	}
	node_error(c, node, "entry", "missing, and no region is both \"loadable\" and "
		   "\"execute\" to start at by default");
}

/* An optional <n> property, or @fallback without it. */
static u32 read_optional_u32(struct cellc *c, int node, const char *prop, u32 fallback)
{
	u32 value;

	if (fdt_getprop(c->fdt, node, prop, NULL) && read_u32(c, node, prop, &value) == 0)
		return value;
	return fallback;
}

/* Watchdog and failure policy; the validator judges the values and names the property. */
static void parse_health(struct cellc *c, int node)
{
	struct bulkhead_health *health = &c->cell.health;
	unsigned int action;

	if (fdt_getprop(c->fdt, node, "on-failure", NULL) &&
	    read_choice(c, node, "on-failure", failure_names, "failure action", &action) == 0)
		health->failure_action = action;
	if (health->failure_action == BULKHEAD_ON_FAILURE_RESTART) {
		health->max_restarts = DEFAULT_MAX_RESTARTS;
		health->restart_window_ms = DEFAULT_RESTART_WINDOW_MS;
	}
	health->watchdog_timeout_ms = read_optional_u32(c, node, "watchdog-timeout-ms", health->watchdog_timeout_ms);
	health->max_restarts = read_optional_u32(c, node, "max-restarts", health->max_restarts);
	health->restart_window_ms = read_optional_u32(c, node, "restart-window-ms", health->restart_window_ms);
	health->restart_delay_ms = read_optional_u32(c, node, "restart-delay-ms", health->restart_delay_ms);
	health->probation_ms = read_optional_u32(c, node, "probation-ms", health->probation_ms);
}

static void parse_guest_cell(struct cellc *c, int node)
{
	u64 address;

	parse_interrupts(c, node);
	parse_health(c, node);
	if (read_address(c, node, "comm-region", true, &address) == 0)
		c->cell.comm_region = address;
	c->cell.shutdown_timeout_ms = read_optional_u32(c, node, "shutdown-timeout-ms",
							DEFAULT_SHUTDOWN_MS);
	switch (read_address(c, node, "entry", false, &address)) {
	case 0:
		c->cell.entry = address;
		break;
	case 1:
		default_entry(c, node);
		break;
	}
}

static void parse_cell(struct cellc *c, int root, const char *base)
{
	static const char *const props[] = { "cell-name", "cpus", "passive", "#address-cells",
					     "#size-cells", "comm-region", "entry",
					     "shutdown-timeout-ms", "interrupts", "bus-errors",
					     "psci-conduit", "watchdog-timeout-ms", "on-failure",
					     "max-restarts", "restart-window-ms", "restart-delay-ms",
					     "probation-ms", NULL };
	static const char *const children[] = { "memory@", "device@", "channel@", "vdevice@",
						NULL };
	int node = find_child(c, root, base, true);
	int child;

	c->cell_node = node;
	if (node < 0)
		return;
	check_properties(c, node, props);
	read_name(c, node, "cell-name", c->cell.name);
	check_cell_name(c, node, c->cell.name);
	parse_cpus(c, node);
	parse_flag(c, node, "passive", BULKHEAD_CELL_PASSIVE);
	parse_flag(c, node, "bus-errors", BULKHEAD_CELL_BUS_ERRORS);
	parse_conduit(c, node);
	fdt_for_each_subnode(child, c->fdt, node) {
		if (node_is(c, child, "memory") || node_is(c, child, "device"))
			parse_region(c, child);
		else if (node_is(c, child, "channel"))
			parse_channel(c, child);
		else if (node_is(c, child, "vdevice") && c->kind == BULKHEAD_CONFIG_CELL)
			parse_vdevice(c, child);
		else if (node_is(c, child, "vdevice"))
			node_error(c, child, NULL, "not allowed in the root cell (it has the "
				   "machine's own devices)");
		else
			node_error(c, child, NULL, "unexpected node (expected %s)",
				   join_list(children, "ADDRESS"));
	}
	if (c->kind == BULKHEAD_CONFIG_SYSTEM)
		reject_in_root_cell(c, node);
	else
		parse_guest_cell(c, node);
}

static void parse_max_cells(struct cellc *c, int root)
{
	u32 value;

	c->system.max_cells = DEFAULT_MAX_CELLS;
	if (fdt_getprop(c->fdt, root, "max-cells", NULL) &&
	    read_u32(c, root, "max-cells", &value) == 0)
		c->system.max_cells = value;
}

/* The SPI the hypervisor raises in the root when events arrive; 0 (none) without it. */
static void parse_event_irq(struct cellc *c, int root)
{
	u32 irq;

	if (fdt_getprop(c->fdt, root, "event-irq", NULL) &&
	    read_u32(c, root, "event-irq", &irq) == 0)
		c->system.event_irq = irq;
}

/*
 * image-key = [ 32 bytes ] or /incbin/("FILE") of the raw Ed25519 public key:
 * the hypervisor then starts only images signed with it.
 */
static void parse_image_key(struct cellc *c, int root)
{
	const void *key;
	int len;

	key = fdt_getprop(c->fdt, root, "image-key", &len);
	if (!key)
		return;
	if (len != (int)sizeof(c->system.image_key)) {
		node_error(c, root, "image-key", "%d bytes; an Ed25519 public key is %d (raw, not "
			   "PEM: see Documentation/resilience.md)", len,
			   (int)sizeof(c->system.image_key));
		return;
	}
	memcpy(c->system.image_key, key, sizeof(c->system.image_key));
	c->system.flags |= BULKHEAD_SYSTEM_SIGNED_IMAGES;
}

/* The part of a "links" entry before or after the arrow, without surrounding blanks. */
static void trim(const char **start, const char *end, size_t *len)
{
	while (*start < end && (**start == ' ' || **start == '\t'))
		(*start)++;
	while (end > *start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*len = (size_t)(end - *start);
}

static void add_link(struct cellc *c, unsigned int entry, const char *from, size_t from_len,
		     const char *to, size_t to_len)
{
	struct bulkhead_link *link = &c->links[c->system.num_links];

	memcpy(link->from, from, from_len);
	memcpy(link->to, to, to_len);
	c->link_entries[c->system.num_links++] = entry;
}

/* Entry @entry of "links": "a -> b" lets a send to b, "a <-> b" is both ways. */
static void parse_link(struct cellc *c, int node, unsigned int entry, const char *text)
{
	const char *arrow = strstr(text, "->"), *from = text, *to = text;
	size_t from_len = 0, to_len = 0;
	bool both = false;

	/* One arrow, a name on each side; the names cannot contain "->". */
	if (arrow && !strstr(arrow + 2, "->")) {
		both = arrow > text && arrow[-1] == '<';
		trim(&from, both ? arrow - 1 : arrow, &from_len);
		to = arrow + 2;
		trim(&to, to + strlen(to), &to_len);
	}
	if (!from_len || !to_len) {
		node_error(c, node, "links", "entry %u \"%s\" is not \"CELL -> CELL\" or "
			   "\"CELL <-> CELL\"", entry, text);
		return;
	}
	if (check_name(c, node, "links", from, from_len) ||
	    check_name(c, node, "links", to, to_len))
		return;
	if (c->system.num_links + both >= BULKHEAD_MAX_LINKS) {
		node_error(c, node, "links", "entry %u \"%s\" makes more than %d links", entry,
			   text, BULKHEAD_MAX_LINKS);
		return;
	}
	add_link(c, entry, from, from_len, to, to_len);
	if (both)
		add_link(c, entry, to, to_len, from, from_len);
}

/* Which cells may send to which over the channels they share; none without the node. */
static void parse_policy(struct cellc *c, int root)
{
	static const char *const props[] = { "links", NULL };
	int node = find_child(c, root, "channel-policy", false);
	const char *text;
	int count, n;

	c->policy_node = node;
	if (node < 0)
		return;
	check_properties(c, node, props);
	count = fdt_stringlist_count(c->fdt, node, "links");
	if (count <= 0) {
		node_error(c, node, "links", "%s (expected strings like \"a -> b\", \"a <-> b\")",
			   count == -FDT_ERR_NOTFOUND ? "missing" : "malformed");
		return;
	}
	for (n = 0; n < count; n++) {
		text = fdt_stringlist_get(c->fdt, node, "links", n, NULL);
		if (text)
			parse_link(c, node, (unsigned int)n, text);
	}
}

static void parse_root(struct cellc *c, int root)
{
	static const char *const props[] = { "compatible", "arch", "#address-cells",
					     "#size-cells", "max-cells", "event-irq", "image-key",
					     NULL };
	const char *value;

	check_properties(c, root, props);
	if (read_string(c, root, "compatible", &value) == 0 &&
	    lookup_name(kind_names, value, &c->kind) != 0)
		node_error(c, root, "compatible", "\"%s\" is not a Bulkhead config (expected %s)",
			   value, list_names(kind_names, "\""));
	if (read_string(c, root, "arch", &value) == 0 &&
	    lookup_name(arch_names, value, &c->arch) != 0)
		node_error(c, root, "arch", "unsupported architecture \"%s\" (expected %s)", value,
			   list_names(arch_names, "\""));
}

static void parse_config(struct cellc *c)
{
	static const char *const system_nodes[] = { "hypervisor", "debug-console", "platform",
						    "root-cell", "channel-policy", NULL };
	static const char *const cell_nodes[] = { "cell", NULL };
	int root = fdt_path_offset(c->fdt, "/");

	parse_root(c, root);
	if (c->kind == BULKHEAD_CONFIG_SYSTEM) {
		check_children(c, root, system_nodes);
		parse_max_cells(c, root);
		parse_event_irq(c, root);
		parse_image_key(c, root);
		parse_hypervisor(c, root);
		parse_console(c, root);
		parse_platform(c, root);
		parse_cell(c, root, "root-cell");
		parse_policy(c, root);
	} else if (c->kind == BULKHEAD_CONFIG_CELL) {
		check_children(c, root, cell_nodes);
		if (fdt_getprop(c->fdt, root, "max-cells", NULL))
			node_error(c, root, "max-cells", "only a system config sets it");
		if (fdt_getprop(c->fdt, root, "event-irq", NULL))
			node_error(c, root, "event-irq", "only a system config sets it");
		if (fdt_getprop(c->fdt, root, "image-key", NULL))
			node_error(c, root, "image-key", "only a system config sets it");
		parse_cell(c, root, "cell");
	}
}

/* Lays out the header and the parts of include/bulkhead/config.h; returns the total size. */
static size_t assemble(const struct cellc *c, u8 *buf)
{
	struct bulkhead_config_header hdr = { .magic = BULKHEAD_CONFIG_MAGIC };
	const struct {
		const void *data;
		size_t len;
	} parts[] = {
		{ &c->system, c->kind == BULKHEAD_CONFIG_SYSTEM ? sizeof(c->system) : 0 },
		{ &c->cell, sizeof(c->cell) },
		{ c->regions, c->cell.num_mem_regions * sizeof(c->regions[0]) },
		{ c->channels, c->cell.num_channels * sizeof(c->channels[0]) },
		{ c->irqs, c->cell.num_irqs * sizeof(c->irqs[0]) },
		{ c->vdevices, c->cell.num_vdevices * sizeof(c->vdevices[0]) },
		/* num_links is 0 in cell configs. */
		{ c->links, c->system.num_links * sizeof(c->links[0]) },
	};
	size_t size = sizeof(hdr);
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(parts); n++) {
		memcpy(buf + size, parts[n].data, parts[n].len);
		size += parts[n].len;
	}

	hdr.revision = BULKHEAD_CONFIG_REVISION;
	hdr.arch = (u16)c->arch;
	hdr.kind = (u16)c->kind;
	hdr.total_size = (u32)size;
	memcpy(buf, &hdr, sizeof(hdr));
	hdr.checksum = bulkhead_config_checksum((const struct bulkhead_config_header *)buf, size);
	memcpy(buf, &hdr, sizeof(hdr));
	return size;
}

/* Binary fields the validator names that come from one property of the source. */
static const struct {
	const char *field;
	const char *node;	/* NULL: the cell node */
	const char *prop;
} field_props[] = {
	{ "max_cells", "/", "max-cells" },
	{ "event_irq", "/", "event-irq" },
	{ "image_key", "/", "image-key" },
	{ "comm_region", NULL, "comm-region" },
	{ "entry", NULL, "entry" },
	{ "shutdown_timeout_ms", NULL, "shutdown-timeout-ms" },
	{ "num_irqs", NULL, "interrupts" },
	{ "watchdog_timeout_ms", NULL, "watchdog-timeout-ms" },
	{ "failure_action", NULL, "on-failure" },
	{ "max_restarts", NULL, "max-restarts" },
	{ "restart_window_ms", NULL, "restart-window-ms" },
	{ "restart_delay_ms", NULL, "restart-delay-ms" },
	{ "probation_ms", NULL, "probation-ms" },
};

/* Where cellc_explain() collects its notes. */
struct notes {
	char (*text)[CELLC_PATH_LEN * 2];
	char (*nodes)[CELLC_PATH_LEN];
	unsigned int num, max;
};

static char *add_note(struct notes *notes, const char *node)
{
	if (notes->num == notes->max)
		return NULL;
	snprintf(notes->nodes[notes->num], CELLC_PATH_LEN, "%s", node);
	return notes->text[notes->num++];
}

/* "@what N" in @line, N one of @count items: name the node it comes from. */
static void explain_index(const struct cellc *c, const char *line, const char *what,
			  unsigned int count, const int nodes[], struct notes *notes)
{
	const char *at = strstr(line, what);
	unsigned int index;
	char path[CELLC_PATH_LEN], *note;

	if (!at || sscanf(at + strlen(what), " %u", &index) != 1 || index >= count ||
	    fdt_get_path(c->fdt, nodes[index], path, sizeof(path)) != 0)
		return;
	note = add_note(notes, path);
	if (note)
		snprintf(note, CELLC_PATH_LEN * 2, "%s %u is %s", what, index, path);
}

/* Fields named in @line that come from one property of the source. */
static void explain_fields(const struct cellc *c, const char *line, struct notes *notes)
{
	const char *cell_node = c->kind == BULKHEAD_CONFIG_SYSTEM ? "/root-cell" : "/cell";
	char word[32], *note;
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(field_props); n++) {
		/* The field as a word of its own, followed by its value. */
		snprintf(word, sizeof(word), " %s ", field_props[n].field);
		if (!strstr(line, word))
			continue;
		note = add_note(notes, field_props[n].node ? field_props[n].node : cell_node);
		if (note)
			snprintf(note, CELLC_PATH_LEN * 2, "%s is property \"%s\" of %s",
				 field_props[n].field, field_props[n].prop,
				 field_props[n].node ? field_props[n].node : cell_node);
	}
}

unsigned int cellc_explain(const struct cellc *c, const char *line,
			   char text[][CELLC_PATH_LEN * 2], char nodes[][CELLC_PATH_LEN],
			   unsigned int max)
{
	const char *cell_node = c->kind == BULKHEAD_CONFIG_SYSTEM ? "/root-cell" : "/cell";
	struct notes notes = { text, nodes, 0, max };
	char path[CELLC_PATH_LEN], *note;
	unsigned int index;
	const char *at;

	explain_fields(c, line, &notes);
	at = strstr(line, "\" irq ");
	if (at && sscanf(at, "\" irq %u", &index) == 1 && index < c->cell.num_irqs &&
	    (note = add_note(&notes, cell_node)))
		snprintf(note, CELLC_PATH_LEN * 2, "irq %u is entry %u of property "
			 "\"interrupts\" of %s", index, index, cell_node);
	/* The channel first: its label leads the line, a region may follow. */
	explain_index(c, line, "channel", c->cell.num_channels, c->channel_nodes, &notes);
	explain_index(c, line, "memory region", c->cell.num_mem_regions, c->region_nodes,
		      &notes);
	explain_index(c, line, "vdevice", c->cell.num_vdevices, c->vdevice_nodes, &notes);
	if (sscanf(line, "config: link %u", &index) == 1 && index < c->system.num_links &&
	    c->policy_node >= 0 &&
	    fdt_get_path(c->fdt, c->policy_node, path, sizeof(path)) == 0 &&
	    (note = add_note(&notes, path)))
		snprintf(note, CELLC_PATH_LEN * 2, "link %u is entry %u (\"%s\") of property "
			 "\"links\" of %s", index, c->link_entries[index],
			 fdt_stringlist_get(c->fdt, c->policy_node, "links",
					    (int)c->link_entries[index], NULL), path);
	return notes.num;
}

static void *read_all(int fd, size_t *len)
{
	size_t size = 0, cap = 0;
	char *buf = NULL, *grown;
	ssize_t got;

	for (;;) {
		if (size == cap) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(buf, cap);
			if (!grown)
				break;
			buf = grown;
		}
		got = read(fd, buf + size, cap - size);
		if (got == 0) {
			*len = size;
			return buf;
		}
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		size += (size_t)got;
	}
	free(buf);
	return NULL;
}

/* Starts @argv with stdin from @in_fd (if >= 0); returns the pid, *out_fd its stdout. */
static pid_t spawn(const char *const argv[], int in_fd, int *out_fd)
{
	int fds[2];
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		if (in_fd >= 0)
			dup2(in_fd, STDIN_FILENO);
		dup2(fds[1], STDOUT_FILENO);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "bulkhead-cellc: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return -1;
	}
	*out_fd = fds[0];
	return pid;
}

static bool exited_ok(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return false;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static const char *tool(const char *env, const char *fallback)
{
	const char *value = getenv(env);

	return value && *value ? value : fallback;
}

/* cpp (for #include and #define) | dtc; both report errors with file:line. */
static void *compile_source(const char *input, const char *const include_dirs[],
			    unsigned int num_dirs, size_t *len)
{
	const char *cpp[8 + 2 * CELLC_MAX_INCLUDE_DIRS] = { tool("CPP", "cpp"), "-nostdinc", "-undef",
						       "-D__DTS__", "-x", "assembler-with-cpp" };
	/* "interrupts" here are INTIDs, not specifiers for an interrupt-parent. */
	const char *dtc[14 + 2 * CELLC_MAX_INCLUDE_DIRS] = { tool("DTC", "dtc"), "-I", "dts", "-O",
						       "dtb", "-o", "-", "-W",
						       "no-interrupts_property" };
	char *input_copy = strdup(input);
	unsigned int ncpp = 6, ndtc = 9, n;
	int cpp_out = -1, dtc_out = -1;
	pid_t cpp_pid, dtc_pid = -1;
	void *blob = NULL;
	bool ok;

	for (n = 0; n < num_dirs; n++) {
		cpp[ncpp++] = "-I";
		cpp[ncpp++] = include_dirs[n];
		dtc[ndtc++] = "-i";
		dtc[ndtc++] = include_dirs[n];
	}
	/* dtc reads a pipe, so it must be told where /include/ files live. */
	dtc[ndtc++] = "-i";
	dtc[ndtc++] = dirname(input_copy);
	dtc[ndtc++] = "-";
	cpp[ncpp++] = input;

	cpp_pid = spawn(cpp, -1, &cpp_out);
	if (cpp_pid > 0) {
		dtc_pid = spawn(dtc, cpp_out, &dtc_out);
		close(cpp_out);
	}
	if (dtc_pid > 0) {
		blob = read_all(dtc_out, len);
		close(dtc_out);
	}
	ok = cpp_pid > 0 && exited_ok(cpp_pid);
	ok = dtc_pid > 0 && exited_ok(dtc_pid) && ok;
	if (!ok || !blob) {
		fprintf(stderr, "%s: cannot compile the device-tree source (see above)\n", input);
		free(blob);
		blob = NULL;
	}
	free(input_copy);
	return blob;
}

/* A .dtb is taken as it is; anything else is compiled as source. */
static void *load_blob(const char *input, const char *const include_dirs[],
		       unsigned int num_dirs, size_t *len)
{
	char magic[4] = { 0 };
	void *blob;
	int fd;

	fd = open(input, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open: %s\n", input, strerror(errno));
		return NULL;
	}
	if (read(fd, magic, sizeof(magic)) != sizeof(magic) ||
	    memcmp(magic, FDT_MAGIC_BYTES, sizeof(magic)) != 0) {
		close(fd);
		return compile_source(input, include_dirs, num_dirs, len);
	}
	lseek(fd, 0, SEEK_SET);
	blob = read_all(fd, len);
	close(fd);
	if (!blob)
		fprintf(stderr, "%s: cannot read: %s\n", input, strerror(errno));
	return blob;
}

void *cellc_load(const char *input, const char *const include_dirs[], unsigned int num_dirs)
{
	size_t len;
	void *blob = load_blob(input, include_dirs, num_dirs, &len);

	if (blob && (len < FDT_V1_SIZE || fdt_check_header(blob) != 0 ||
		     fdt_totalsize(blob) > len)) {
		fprintf(stderr, "%s: not a valid device-tree blob\n", input);
		free(blob);
		blob = NULL;
	}
	return blob;
}

size_t cellc_build(struct cellc *c, const char *input, const void *fdt, u8 *buf)
{
	c->input = input;
	c->fdt = fdt;
	c->cell_node = c->hypervisor_node = c->policy_node = -1;
	parse_config(c);
	return c->errors ? 0 : assemble(c, buf);
}
