// SPDX-License-Identifier: GPL-2.0
/*
 * The device tree of an operating system or board program in a cell,
 * generated from the cell's config: what the cell has, where the cell sees it
 * (Documentation/running-an-os.md lists every node). Node and property names
 * follow QEMU's virt board, so that a program written for the board finds the
 * same description in the cell. Devices passed through to the cell take
 * their node from the root's own device tree (matched by physical address),
 * with reg, interrupts and clocks rewritten to what the cell has. Pure: the
 * caller reads the files; notes about what could not be described go to
 * @args->notes.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include <libfdt.h>

#include "hvctl.h"

#define refuse(why, len, ...)	hvctl_reject(-1, why, len, __VA_ARGS__)

/* GIC #interrupt-cells: type (0 SPI, 1 PPI), number, flags. */
#define DT_SPI			0
#define DT_PPI			1
#define DT_EDGE_RISING		1
#define DT_LEVEL_HIGH		4
/* The architected timer's PPIs (INTID - 16): secure, non-secure physical, virtual, hyp. */
static const __u32 timer_ppis[] = { 13, 14, 11, 10 };
/* The PL011/PL061 bus clock of QEMU's virt board. */
#define APB_PCLK_HZ		24000000
/* gpio-keys: the PL061 line the power button drives, and KEY_POWER. */
#define POWER_BUTTON_LINE	3
#define KEY_POWER		116

#define MAX_CLOCKS		8

struct dtb_ctx {
	void *fdt;
	int err;			/* first libfdt error */
	const struct hvctl_dtb_args *args;
	__u32 next_phandle;
	__u32 gic_phandle;
	/* Fixed clocks made so far: frequency -> phandle. */
	unsigned int num_clocks;
	__u32 clock_hz[MAX_CLOCKS];
	__u32 clock_phandle[MAX_CLOCKS];
};

/* "hvctl: note: NAME@ADDR: what was left out". */
static void __attribute__((format(printf, 4, 5)))
note(const struct dtb_ctx *c, const char *name, __u64 address, const char *fmt, ...)
{
	va_list ap;

	if (!c->args->notes)
		return;
	fprintf(c->args->notes, "hvctl: note: %s@%" PRIx64 ": ", name, (uint64_t)address);
	va_start(ap, fmt);
	vfprintf(c->args->notes, fmt, ap);
	va_end(ap);
	fputc('\n', c->args->notes);
}

static void track(struct dtb_ctx *c, int ret)
{
	if (ret < 0 && !c->err)
		c->err = ret;
}

static int subnode(struct dtb_ctx *c, int parent, const char *name)
{
	int node;

	if (c->err)
		return -1;
	node = fdt_add_subnode(c->fdt, parent, name);
	track(c, node);
	return node;
}

static int node_at(struct dtb_ctx *c, int parent, const char *name, __u64 address)
{
	char full[96];

	snprintf(full, sizeof(full), "%s@%" PRIx64, name, (uint64_t)address);
	return subnode(c, parent, full);
}

static void prop_u32(struct dtb_ctx *c, int node, const char *name, __u32 value)
{
	if (!c->err)
		track(c, fdt_setprop_u32(c->fdt, node, name, value));
}

static void prop_str(struct dtb_ctx *c, int node, const char *name, const char *value)
{
	if (!c->err)
		track(c, fdt_setprop_string(c->fdt, node, name, value));
}

static void prop_empty(struct dtb_ctx *c, int node, const char *name)
{
	if (!c->err)
		track(c, fdt_setprop_empty(c->fdt, node, name));
}

/* A string list: @values separated by NULs, @len bytes with the last NUL. */
static void prop_strings(struct dtb_ctx *c, int node, const char *name, const char *values,
			 int len)
{
	if (!c->err)
		track(c, fdt_setprop(c->fdt, node, name, values, len));
}

#define PROP_STRINGS(c, node, name, lit)	prop_strings(c, node, name, lit, sizeof(lit))

static void prop_cells(struct dtb_ctx *c, int node, const char *name, const __u32 *cells,
		       unsigned int num)
{
	fdt32_t be[32];
	unsigned int n;

	for (n = 0; n < num && n < 32; n++)
		be[n] = cpu_to_fdt32(cells[n]);
	if (!c->err)
		track(c, fdt_setprop(c->fdt, node, name, be, n * sizeof(be[0])));
}

/* reg = <address size> pairs in 2 + 2 cells. */
static void prop_reg(struct dtb_ctx *c, int node, const __u64 *pairs, unsigned int num_pairs)
{
	__u32 cells[16];
	unsigned int n;

	for (n = 0; n < num_pairs * 2 && n < 8; n++) {
		cells[2 * n] = pairs[n] >> 32;
		cells[2 * n + 1] = (__u32)pairs[n];
	}
	prop_cells(c, node, "reg", cells, 2 * n);
}

static void prop_reg1(struct dtb_ctx *c, int node, __u64 address, __u64 size)
{
	const __u64 pair[2] = { address, size };

	prop_reg(c, node, pair, 1);
}

static void prop_spi(struct dtb_ctx *c, int node, __u32 intid, __u32 flags)
{
	const __u32 cells[3] = { DT_SPI, intid - BULKHEAD_IRQ_SPI_FIRST, flags };

	prop_cells(c, node, "interrupts", cells, 3);
}

static __u32 new_phandle(struct dtb_ctx *c, int node)
{
	__u32 phandle = c->next_phandle++;

	prop_u32(c, node, "phandle", phandle);
	return phandle;
}

/* A fixed clock of @hz, made once (the board's 24 MHz one is "apb-pclk", as on QEMU). */
static __u32 fixed_clock(struct dtb_ctx *c, __u32 hz)
{
	char name[32];
	unsigned int n;
	int node;

	for (n = 0; n < c->num_clocks; n++)
		if (c->clock_hz[n] == hz)
			return c->clock_phandle[n];
	if (c->num_clocks == MAX_CLOCKS)
		return 0;
	if (hz == APB_PCLK_HZ)
		snprintf(name, sizeof(name), "apb-pclk");
	else
		snprintf(name, sizeof(name), "clock-%u", hz);
	node = subnode(c, 0, name);
	PROP_STRINGS(c, node, "compatible", "fixed-clock");
	prop_u32(c, node, "#clock-cells", 0);
	prop_u32(c, node, "clock-frequency", hz);
	prop_str(c, node, "clock-output-names", hz == APB_PCLK_HZ ? "clk24mhz" : name);
	c->clock_hz[c->num_clocks] = hz;
	c->clock_phandle[c->num_clocks] = new_phandle(c, node);
	return c->clock_phandle[c->num_clocks++];
}

/* ----- what the cell has by its config ----- */

static bool is_ram(const struct bulkhead_mem_region *r)
{
	return (r->flags & BULKHEAD_MEM_READ) &&
	       !(r->flags & (BULKHEAD_MEM_IO | BULKHEAD_MEM_IMAGE_STORE | BULKHEAD_MEM_ROOTSHARED));
}

static void add_memory(struct dtb_ctx *c)
{
	const struct bulkhead_cell *cell = c->args->cell;
	const struct bulkhead_mem_region *r = bulkhead_cell_mem_regions(cell);
	unsigned int n;
	int node;

	for (n = 0; n < cell->num_mem_regions; n++, r++) {
		if (!is_ram(r))
			continue;
		node = node_at(c, 0, "memory", r->virt_start);
		prop_str(c, node, "device_type", "memory");
		prop_reg1(c, node, r->virt_start, r->size);
	}
}

static void add_psci(struct dtb_ctx *c)
{
	int node = subnode(c, 0, "psci");

	PROP_STRINGS(c, node, "compatible", "arm,psci-1.0\0arm,psci-0.2");
	prop_str(c, node, "method",
		 c->args->cell->flags & BULKHEAD_CELL_PSCI_SMC ? "smc" : "hvc");
}

/* The cell's CPUs are 0..n-1 (MPIDR Aff0), whatever their physical ids. */
static void add_cpus(struct dtb_ctx *c, const char *compatible)
{
	unsigned int n, num = __builtin_popcountll(c->args->cell->cpu_set);
	int cpus = subnode(c, 0, "cpus"), node;

	prop_u32(c, cpus, "#address-cells", 1);
	prop_u32(c, cpus, "#size-cells", 0);
	/* Added in reverse: libfdt puts a new subnode first. */
	for (n = num; n-- > 0;) {
		node = node_at(c, cpus, "cpu", n);
		prop_str(c, node, "device_type", "cpu");
		prop_str(c, node, "compatible", compatible);
		prop_u32(c, node, "reg", n);
		prop_str(c, node, "enable-method", "psci");
	}
}

static void add_gic(struct dtb_ctx *c, __u64 gicd, __u64 gicr)
{
	unsigned int num = __builtin_popcountll(c->args->cell->cpu_set);
	const __u64 reg[4] = { gicd, 0x10000, gicr, num * HVCTL_GICR_FRAME_SPAN };
	int node = node_at(c, 0, "intc", gicd);

	PROP_STRINGS(c, node, "compatible", "arm,gic-v3");
	prop_empty(c, node, "interrupt-controller");
	prop_u32(c, node, "#interrupt-cells", 3);
	prop_u32(c, node, "#address-cells", 2);
	prop_u32(c, node, "#size-cells", 2);
	prop_u32(c, node, "#redistributor-regions", 1);
	prop_reg(c, node, reg, 2);
	c->gic_phandle = new_phandle(c, node);
}

static void add_timer(struct dtb_ctx *c)
{
	__u32 cells[3 * 4];
	unsigned int n;
	int node = subnode(c, 0, "timer");

	for (n = 0; n < 4; n++) {
		cells[3 * n] = DT_PPI;
		cells[3 * n + 1] = timer_ppis[n];
		cells[3 * n + 2] = DT_LEVEL_HIGH;
	}
	PROP_STRINGS(c, node, "compatible", "arm,armv8-timer\0arm,armv7-timer");
	prop_cells(c, node, "interrupts", cells, 12);
	prop_empty(c, node, "always-on");
}

/*
 * The node of an emulated Arm PrimeCell device, as the board's own: "NAME@ADDR",
 * compatible "@model", "arm,primecell" (Linux's AMBA bus matches its ID
 * registers), its page and its level-high SPI.
 */
static int primecell_node(struct dtb_ctx *c, const char *name, const char *model,
			  const struct bulkhead_vdevice *vdev)
{
	char compatible[32];
	int node = node_at(c, 0, name, vdev->address);
	size_t len = (size_t)snprintf(compatible, sizeof(compatible), "%s%c%s", model, 0,
				      "arm,primecell");

	prop_strings(c, node, "compatible", compatible, (int)len + 1);
	prop_reg1(c, node, vdev->address, BULKHEAD_VDEV_SIZE);
	prop_spi(c, node, vdev->irq, DT_LEVEL_HIGH);
	return node;
}

static void add_pl011(struct dtb_ctx *c, const struct bulkhead_vdevice *vdev)
{
	char path[64];
	__u32 clk = fixed_clock(c, APB_PCLK_HZ);
	const __u32 clocks[2] = { clk, clk };
	int node = primecell_node(c, "pl011", "arm,pl011", vdev);

	prop_cells(c, node, "clocks", clocks, 2);
	PROP_STRINGS(c, node, "clock-names", "uartclk\0apb_pclk");
	snprintf(path, sizeof(path), "/pl011@%" PRIx64, (uint64_t)vdev->address);
	prop_str(c, fdt_path_offset(c->fdt, "/chosen"), "stdout-path", path);
	prop_str(c, fdt_path_offset(c->fdt, "/aliases"), "serial0", path);
}

/* QEMU's power button: a PL061 whose line 3 a gpio-keys node maps to KEY_POWER. */
static void add_power_button(struct dtb_ctx *c, const struct bulkhead_vdevice *vdev)
{
	__u32 clk = fixed_clock(c, APB_PCLK_HZ), gpios[3];
	int node = primecell_node(c, "pl061", "arm,pl061", vdev), keys, key;

	prop_empty(c, node, "gpio-controller");
	prop_u32(c, node, "#gpio-cells", 2);
	prop_cells(c, node, "clocks", &clk, 1);
	prop_str(c, node, "clock-names", "apb_pclk");
	gpios[0] = new_phandle(c, node);
	gpios[1] = POWER_BUTTON_LINE;
	gpios[2] = 0;
	keys = subnode(c, 0, "gpio-keys");
	PROP_STRINGS(c, keys, "compatible", "gpio-keys");
	key = subnode(c, keys, "poweroff");
	prop_str(c, key, "label", "GPIO Key Poweroff");
	prop_u32(c, key, "linux,code", KEY_POWER);
	prop_cells(c, key, "gpios", gpios, 3);
}

/*
 * The watchdog: counts at its own clock (wdog_clk, first: what sp805_wdt
 * takes its rate from), registers on the APB; timeout-sec tells the OS the
 * timeout it comes out of reset with, so that its driver keeps it.
 */
static void add_sp805(struct dtb_ctx *c, const struct bulkhead_vdevice *vdev)
{
	__u32 timeout_ms = c->args->cell->health.watchdog_timeout_ms;
	const __u32 clocks[2] = { fixed_clock(c, BULKHEAD_SP805_CLOCK_HZ),
				  fixed_clock(c, APB_PCLK_HZ) };
	int node = primecell_node(c, "watchdog", "arm,sp805", vdev);

	prop_cells(c, node, "clocks", clocks, 2);
	PROP_STRINGS(c, node, "clock-names", "wdog_clk\0apb_pclk");
	if (timeout_ms)
		prop_u32(c, node, "timeout-sec", (timeout_ms + 999) / 1000);
}

static void add_vdevices(struct dtb_ctx *c)
{
	const struct bulkhead_cell *cell = c->args->cell;
	const struct bulkhead_vdevice *vdev = bulkhead_cell_vdevices(cell);
	unsigned int n;

	for (n = 0; n < cell->num_vdevices; n++, vdev++) {
		if (vdev->type == BULKHEAD_VDEV_PL011)
			add_pl011(c, vdev);
		else if (vdev->type == BULKHEAD_VDEV_POWER_BUTTON)
			add_power_button(c, vdev);
		else if (vdev->type == BULKHEAD_VDEV_SP805)
			add_sp805(c, vdev);
	}
}

/* The channels, as Documentation/running-an-os.md and the channel driver describe them. */
static void add_bulkhead(struct dtb_ctx *c)
{
	const struct bulkhead_cell *cell = c->args->cell;
	const struct bulkhead_channel *ch = bulkhead_cell_channels(cell);
	int node = node_at(c, 0, "bulkhead", cell->comm_region), chan;
	unsigned int n;
	char name[BULKHEAD_CELL_NAME_LEN + 1];

	PROP_STRINGS(c, node, "compatible", "bulkhead,cell");
	prop_reg1(c, node, cell->comm_region, 0x1000);
	snprintf(name, sizeof(name), "%.*s", BULKHEAD_CELL_NAME_LEN, cell->name);
	prop_str(c, node, "cell-name", name);
	prop_u32(c, node, "#address-cells", 2);
	prop_u32(c, node, "#size-cells", 2);
	prop_empty(c, node, "ranges");
	for (n = cell->num_channels; n-- > 0;) {
		chan = node_at(c, node, "channel", ch[n].virt_start);
		PROP_STRINGS(c, chan, "compatible", "bulkhead,channel");
		prop_reg1(c, chan, ch[n].virt_start, ch[n].size);
		snprintf(name, sizeof(name), "%.*s", BULKHEAD_CHANNEL_NAME_LEN, ch[n].name);
		prop_str(c, chan, "channel-name", name);
		snprintf(name, sizeof(name), "%.*s", BULKHEAD_CELL_NAME_LEN, ch[n].peer);
		prop_str(c, chan, "peer", name);
		prop_u32(c, chan, "bulkhead,index", n);
		if (!(ch[n].flags & BULKHEAD_CHANNEL_WRITE))
			prop_empty(c, chan, "read-only");
		if (ch[n].doorbell_irq)
			prop_spi(c, chan, ch[n].doorbell_irq, DT_EDGE_RISING);
	}
}

static void add_chosen(struct dtb_ctx *c)
{
	const struct hvctl_dtb_args *a = c->args;
	int node = fdt_path_offset(c->fdt, "/chosen");

	if (a->cmdline)
		prop_str(c, node, "bootargs", a->cmdline);
	if (!a->initrd_size || c->err)
		return;
	track(c, fdt_setprop_u64(c->fdt, node, "linux,initrd-start", a->initrd_start));
	track(c, fdt_setprop_u64(c->fdt, node, "linux,initrd-end",
				 a->initrd_start + a->initrd_size));
}

/* ----- devices passed through: their node from the board's device tree ----- */

/* The top-level node of the board's tree whose registers start at @phys, or -1. */
static int board_node_at(const struct dtb_ctx *c, __u64 phys)
{
	const void *board = c->args->board;
	__u64 address, size;
	int node;

	fdt_for_each_subnode(node, board, 0)
		if (hvctl_fdt_reg(board, node, 0, &address, &size) && address == phys)
			return node;
	return -1;
}

/* Properties that hold phandles of board nodes the cell does not get. */
static bool refers_to_board(const char *name)
{
	static const char *const exact[] = { "interrupts-extended", "gpios", "resets", "dmas",
		"power-domains", "phys", "iommus", "msi-parent", "interrupt-map", "memory-region",
		NULL };
	size_t len = strlen(name);
	unsigned int n;

	for (n = 0; exact[n]; n++)
		if (!strcmp(name, exact[n]))
			return true;
	return !strncmp(name, "pinctrl-", 8) || (len > 6 && !strcmp(name + len - 6, "-gpios"));
}

static bool owns_irq(const struct bulkhead_cell *cell, __u32 intid)
{
	const __u32 *irq = bulkhead_cell_irqs(cell);
	unsigned int n;

	for (n = 0; n < cell->num_irqs; n++)
		if (irq[n] == intid)
			return true;
	return false;
}

/* Keep the interrupts the cell owns (SPIs) or has anyway (its CPUs' PPIs). */
static void copy_interrupts(struct dtb_ctx *c, int board_node, int node, const char *name,
			    __u64 virt)
{
	__u32 kept[30];
	unsigned int n, num = 0;
	const fdt32_t *irq;
	int len;

	irq = fdt_getprop(c->args->board, board_node, "interrupts", &len);
	for (n = 0; irq && n + 3 <= len / sizeof(*irq) && num + 3 <= 30; n += 3) {
		__u32 type = fdt32_to_cpu(irq[n]), number = fdt32_to_cpu(irq[n + 1]);

		if (type == DT_SPI && !owns_irq(c->args->cell, number + BULKHEAD_IRQ_SPI_FIRST)) {
			note(c, name, virt, "its interrupt %u is not the cell's; left out",
			     number + BULKHEAD_IRQ_SPI_FIRST);
			continue;
		}
		kept[num++] = type;
		kept[num++] = number;
		kept[num++] = fdt32_to_cpu(irq[n + 2]);
	}
	if (num)
		prop_cells(c, node, "interrupts", kept, num);
}

#define MAX_DEVICE_CLOCKS	8

/*
 * The board's clocks of @board_node as clocks of the cell, made before the
 * device's node (a new node moves the ones after it): fixed clocks only.
 * Returns their number in @clocks, or -1.
 */
static int device_clocks(struct dtb_ctx *c, int board_node, __u32 clocks[MAX_DEVICE_CLOCKS])
{
	const void *board = c->args->board;
	const fdt32_t *p, *hz;
	int len, clk;
	unsigned int n;

	p = fdt_getprop(board, board_node, "clocks", &len);
	for (n = 0; p && n < len / sizeof(*p); n++) {
		clk = fdt_node_offset_by_phandle(board, fdt32_to_cpu(p[n]));
		hz = clk < 0 ? NULL : fdt_getprop(board, clk, "clock-frequency", NULL);
		if (n == MAX_DEVICE_CLOCKS || !hz ||
		    fdt_node_check_compatible(board, clk, "fixed-clock"))
			return -1;
		clocks[n] = fixed_clock(c, fdt32_to_cpu(*hz));
	}
	return n;
}

static bool copied_as_is(const char *name)
{
	return strcmp(name, "reg") && strcmp(name, "interrupts") && strcmp(name, "clocks") &&
	       strcmp(name, "interrupt-parent") && strcmp(name, "phandle") &&
	       strcmp(name, "linux,phandle");
}

static void copy_properties(struct dtb_ctx *c, int board_node, int node, const char *name,
			    __u64 virt)
{
	const void *board = c->args->board;
	const char *prop_name;
	const void *value;
	int prop, len;

	fdt_for_each_property_offset(prop, board, board_node) {
		value = fdt_getprop_by_offset(board, prop, &prop_name, &len);
		if (!value || !copied_as_is(prop_name))
			continue;
		if (refers_to_board(prop_name)) {
			note(c, name, virt, "property %s refers to other board nodes; left out",
			     prop_name);
			continue;
		}
		if (!c->err)
			track(c, fdt_setprop(c->fdt, node, prop_name, value, len));
	}
}

static void add_passed_through(struct dtb_ctx *c, const struct bulkhead_mem_region *r)
{
	int board_node = board_node_at(c, r->phys_start), node, num_clocks;
	__u32 clocks[MAX_DEVICE_CLOCKS];
	const char *full;
	char name[64];

	if (board_node < 0) {
		note(c, "device", r->virt_start, "no node in the root's device tree at 0x%" PRIx64
		     "; not described", (uint64_t)r->phys_start);
		return;
	}
	full = fdt_get_name(c->args->board, board_node, NULL);
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(full, "@"), full);
	num_clocks = device_clocks(c, board_node, clocks);
	if (num_clocks < 0) {
		note(c, name, r->virt_start, "a clock that is not a fixed clock; not described");
		return;
	}
	node = node_at(c, 0, name, r->virt_start);
	if (num_clocks)
		prop_cells(c, node, "clocks", clocks, num_clocks);
	prop_reg1(c, node, r->virt_start, r->size);
	copy_properties(c, board_node, node, name, r->virt_start);
	copy_interrupts(c, board_node, node, name, r->virt_start);
}

static void add_io(struct dtb_ctx *c)
{
	const struct bulkhead_cell *cell = c->args->cell;
	const struct bulkhead_mem_region *r = bulkhead_cell_mem_regions(cell);
	unsigned int n;

	for (n = 0; n < cell->num_mem_regions; n++, r++)
		if (r->flags & BULKHEAD_MEM_IO)
			add_passed_through(c, r);
}

/* The GIC as the board has it: its distributor and redistributor bases, the CPUs' model. */
static int read_board(struct dtb_ctx *c, __u64 *gicd, __u64 *gicr, const char **cpu_compatible,
		      char *why, size_t len)
{
	const void *board = c->args->board;
	const fdt32_t *cells;
	int acells, scells, gic, cpu;
	__u64 size;

	if (!board || fdt_check_header(board))
		return refuse(why, len, "the root's device tree is missing or damaged; it says "
			      "where the cell finds the GIC");
	cells = fdt_getprop(board, 0, "#address-cells", NULL);
	acells = cells ? fdt32_to_cpu(*cells) : 2;
	cells = fdt_getprop(board, 0, "#size-cells", NULL);
	scells = cells ? fdt32_to_cpu(*cells) : 1;
	if (acells < 1 || acells > 2 || scells < 1 || scells > 2)
		return refuse(why, len, "the root's device tree has #address-cells %d and "
			      "#size-cells %d; hvctl understands 1 or 2", acells, scells);
	gic = fdt_node_offset_by_compatible(board, -1, "arm,gic-v3");
	if (gic < 0 || !hvctl_fdt_reg(board, gic, 0, gicd, &size) ||
	    !hvctl_fdt_reg(board, gic, 1, gicr, &size))
		return refuse(why, len, "the root's device tree has no arm,gic-v3 node with "
			      "distributor and redistributor registers");
	*cpu_compatible = "arm,armv8";
	cpu = fdt_path_offset(board, "/cpus/cpu@0");
	if (cpu >= 0 && fdt_getprop(board, cpu, "compatible", NULL))
		*cpu_compatible = fdt_getprop(board, cpu, "compatible", NULL);
	return 0;
}

int hvctl_dtb_build(const struct hvctl_dtb_args *args, void *buf, int size, char *why,
		    size_t len)
{
	struct dtb_ctx c = { .fdt = buf, .args = args, .next_phandle = 1 };
	const char *cpu_compatible;
	__u64 gicd, gicr;
	char model[BULKHEAD_CELL_NAME_LEN + 32];

	if (read_board(&c, &gicd, &gicr, &cpu_compatible, why, len) < 0)
		return -1;
	track(&c, fdt_create_empty_tree(buf, size));
	snprintf(model, sizeof(model), "Bulkhead cell %.*s", BULKHEAD_CELL_NAME_LEN,
		 args->cell->name);
	prop_str(&c, 0, "model", model);
	PROP_STRINGS(&c, 0, "compatible", "bulkhead,virt-cell\0linux,dummy-virt");
	prop_u32(&c, 0, "#address-cells", 2);
	prop_u32(&c, 0, "#size-cells", 2);
	subnode(&c, 0, "aliases");
	subnode(&c, 0, "chosen");
	add_bulkhead(&c);
	add_io(&c);
	add_vdevices(&c);
	add_timer(&c);
	add_gic(&c, gicd, gicr);
	add_cpus(&c, cpu_compatible);
	add_memory(&c);
	add_psci(&c);
	add_chosen(&c);
	prop_u32(&c, 0, "interrupt-parent", c.gic_phandle);
	if (!c.err)
		track(&c, fdt_pack(buf));
	if (c.err == -FDT_ERR_NOSPACE)
		return refuse(why, len, "the device tree of cell \"%.*s\" needs more than %d bytes",
			      BULKHEAD_CELL_NAME_LEN, args->cell->name, size);
	if (c.err)
		return refuse(why, len, "building the device tree of cell \"%.*s\": %s",
			      BULKHEAD_CELL_NAME_LEN, args->cell->name, fdt_strerror(c.err));
	return 0;
}
