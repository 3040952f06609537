// SPDX-License-Identifier: GPL-2.0
/*
 * The tables the GIC itself reads and writes, past stage 2: each
 * redistributor's LPI configuration and pending tables (GICR_PROPBASER,
 * GICR_PENDBASER) and the ITS's tables and command queue (GITS_BASER<n>,
 * GITS_CBASER). A base pointing into the hypervisor or a cell would let the
 * root write there through the GIC, so for the root the ITS control frame
 * and every RD_base frame trap here: writes of those bases take effect only
 * if the table lies in RAM the root holds, everything else passes through.
 *
 * A root write cannot set up a two-level ITS table (GITS_BASER.Indirect is
 * cleared, so Linux probing for one falls back to a flat table): the ITS
 * would follow level-1 entries in memory the root writes directly, which no
 * register check sees. Tables Linux set up before enable stay as they are.
 */
#include <bulkhead/config_check.h>
#include <bulkhead/control.h>
#include <bulkhead/printk.h>
#include <asm/gic.h>

#define GITS_CBASER		0x0080
#define GITS_BASER		0x0100
#define GITS_BASER_COUNT	8
#define GICR_CTLR		0x0000
#define GICR_CTLR_ENABLE_LPIS	(1U << 0)
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078

#define BASE_VALID		(1UL << 63)
#define GITS_BASER_INDIRECT	(1UL << 62)
#define PA_BITS(hi, lo)		((~0UL >> (63 - (hi))) & ~((1UL << (lo)) - 1))

u8 *gits_base;

/* Where a table is: @size bytes from @pa; size 0 when the GIC uses none. */
struct gic_table {
	u64 pa;
	u64 size;
};

/* INTID bits the distributor implements (GICD_TYPER.IDbits + 1). */
static unsigned int gic_id_bits(void)
{
	return ((gic_read32(gicd_base + GICD_TYPER) >> 19) & 0x1f) + 1;
}

/* GITS_BASER<n>: Size + 1 pages of 4, 16 or 64 KiB; with 64 KiB pages PA[51:48] is in 15:12. */
static struct gic_table its_table(u64 *val)
{
	unsigned int page_shift = 12 + 2 * MIN((unsigned int)(*val >> 8) & 3, 2U);
	struct gic_table table = { 0, 0 };

	*val &= ~GITS_BASER_INDIRECT;
	if (!(*val & BASE_VALID))
		return table;
	table.pa = *val & PA_BITS(47, page_shift);
	if (page_shift == 16)
		table.pa |= ((*val >> 12) & 0xf) << 48;
	table.size = ((*val & 0xff) + 1) << page_shift;
	return table;
}

/* GITS_CBASER: Size + 1 pages of 4 KiB. */
static struct gic_table command_queue(u64 *val)
{
	struct gic_table table = { *val & PA_BITS(51, 12), ((*val & 0xff) + 1) << 12 };

	if (!(*val & BASE_VALID))
		table.size = 0;
	return table;
}

/* GICR_PROPBASER: a byte per LPI, up to the IDbits it names (at most the GIC's). */
static struct gic_table lpi_config_table(u64 *val)
{
	unsigned int bits = MIN((unsigned int)(*val & 0x1f) + 1, gic_id_bits());
	struct gic_table table = { *val & PA_BITS(51, 12), 0 };

	/* One byte for each LPI, from INTID_LPI_FIRST on. */
	if ((1UL << bits) > INTID_LPI_FIRST)
		table.size = (1UL << bits) - INTID_LPI_FIRST;
	return table;
}

/* GICR_PENDBASER: a bit per INTID the GIC implements. */
static struct gic_table lpi_pending_table(u64 *val)
{
	return (struct gic_table){ *val & PA_BITS(51, 16), (1UL << gic_id_bits()) / 8 };
}

typedef struct gic_table (*table_decoder)(u64 *val);

/* A base register write that cell_root_ram_commit() lets through. */
struct base_write {
	u8 *reg;
	u64 val;
};

static void write_base(void *arg)
{
	const struct base_write *w = arg;

	gic_write64(w->reg, w->val);
}

/*
 * A 32- or 64-bit root access to the 64-bit table base register @reg
 * (@name); @half: which half a 32-bit access is for. The new value is
 * written whole, and only if the table it makes the GIC use is the root's.
 */
static void table_base_access(struct mmio_access *access, u8 *reg, unsigned int half,
			      const char *name, table_decoder decode)
{
	u64 val = gic_read64(reg);
	struct base_write w = { reg, 0 };
	struct gic_table table;

	if (!access->write) {
		access->value = access->size == 8 ? val : (u32)(val >> (half * 32));
		return;
	}
	if (access->size == 8)
		val = access->value;
	else if (half)
		val = (val & 0xffffffffUL) | (access->value << 32);
	else
		val = (val & ~0xffffffffUL) | (u32)access->value;
	table = decode(&val);
	w.val = val;
	if (!table.size)
		write_base(&w);
	else if (!cell_root_ram_commit(table.pa, table.size, write_base, &w))
		printk("bulkhead: cell \"%s\": %s write 0x%llx refused: its table 0x%llx-0x%llx is "
		       "not RAM the root holds\n", root_cell.name, name, val, table.pa,
		       table.pa + table.size - 1);
}

static void pass_through(struct mmio_access *access, u8 *reg)
{
	if (access->write && access->size == 8)
		gic_write64(reg, access->value);
	else if (access->write)
		gic_write32(reg, (u32)access->value);
	else
		access->value = access->size == 8 ? gic_read64(reg) : gic_read32(reg);
}

/* The root's access to the ITS control frame. */
static enum mmio_result its_access(struct per_cpu *cpu, struct mmio_access *access, void *arg)
{
	static const char *const baser_names[GITS_BASER_COUNT] = {
		"GITS_BASER0", "GITS_BASER1", "GITS_BASER2", "GITS_BASER3",
		"GITS_BASER4", "GITS_BASER5", "GITS_BASER6", "GITS_BASER7",
	};
	u64 off = access->addr, reg = off & ~7UL;
	unsigned int half = (off >> 2) & 1;

	if (access->size != 4 && access->size != 8)
		return MMIO_ERROR;
	if (reg == GITS_CBASER)
		table_base_access(access, gits_base + reg, half, "GITS_CBASER", command_queue);
	else if (reg >= GITS_BASER && reg < GITS_BASER + 8 * GITS_BASER_COUNT)
		table_base_access(access, gits_base + reg, half,
				  baser_names[(reg - GITS_BASER) / 8], its_table);
	else
		pass_through(access, gits_base + off);
	return MMIO_HANDLED;
}

enum mmio_result gic_root_rd_access(u8 *frame, struct mmio_access *access, u64 off)
{
	u64 reg = off & ~7UL;
	unsigned int half = (off >> 2) & 1;

	if (access->size != 4 && access->size != 8)
		return MMIO_ERROR;
	if (reg == GICR_PROPBASER)
		table_base_access(access, frame + reg, half, "GICR_PROPBASER", lpi_config_table);
	else if (reg == GICR_PENDBASER)
		table_base_access(access, frame + reg, half, "GICR_PENDBASER", lpi_pending_table);
	else
		pass_through(access, frame + off);
	return MMIO_HANDLED;
}

/* The table @decode finds in the register at @reg overlaps [phys, phys + size). */
static bool table_overlaps(const u8 *reg, table_decoder decode, u64 phys, u64 size)
{
	u64 val = gic_read64(reg);
	struct gic_table table = decode(&val);

	return table.size && ranges_overlap(phys, size, table.pa, table.size);
}

bool arch_root_device_tables(u64 phys, u64 size)
{
	unsigned long off;
	unsigned int n;
	u64 typer;

	/* Only redistributors with LPIs on use their tables. */
	for (off = 0; off < gicr_size; off += gic_frame_span(typer)) {
		typer = gic_read64(gicr_base + off + GICR_TYPER);
		if (!(gic_read32(gicr_base + off + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS))
			continue;
		if (table_overlaps(gicr_base + off + GICR_PROPBASER, lpi_config_table, phys, size) ||
		    table_overlaps(gicr_base + off + GICR_PENDBASER, lpi_pending_table, phys, size))
			return true;
	}
	if (!gits_base)
		return false;
	for (n = 0; n < GITS_BASER_COUNT; n++)
		if (table_overlaps(gits_base + GITS_BASER + 8 * n, its_table, phys, size))
			return true;
	return table_overlaps(gits_base + GITS_CBASER, command_queue, phys, size);
}

int gic_root_trap_tables(void)
{
	const struct bulkhead_platform_arm64 *gic = &system_desc()->platform.arm64;
	unsigned long off;
	u64 typer;
	int err;

	for (off = 0; off < gicr_size; off += gic_frame_span(typer)) {
		typer = gic_read64(gicr_base + off + GICR_TYPER);
		err = paging_unmap(&root_cell.stage2, gic->gicr_base + off, GICR_SGI_BASE);
		if (err)
			return err;
	}
	if (!gic->gits_base)
		return 0;
	err = paging_unmap(&root_cell.stage2, gic->gits_base, GITS_CTRL_SIZE);
	return err ?: mmio_register(&root_cell, gic->gits_base, GITS_CTRL_SIZE, its_access, NULL);
}
