// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 distributor and redistributor filters and the SGI trap of
 * hypervisor/arch/arm64/vgic.c, on the host hypervisor of hv_fakes.c: trapped
 * accesses go through the real mmio_handle() to the real handlers, which
 * act on fake register files (gicd_base, gicr_base: plain memory holding
 * HV_GIC_FILL bytes, so every write shows and every read returns exactly
 * what the handler let through).
 *
 * Cells, created by the real cell_create(): "a" on CPUs 2 and 3 owns SPIs
 * 33, 47 and 64; "b" on CPU 1 owns SPI 34; the root (Linux, CPU 0) owns the
 * rest. Each test names the isolation bug it catches.
 */
#include <string.h>

#include <bulkhead/errno.h>

#include <asm/traps.h>

#include "hv_fakes.h"
#include "unit.h"

#define ROOT_CPU	0
#define B_CPU		1
#define A_CPU		2
#define A_CPU2		3

/* What a handler leaves in a read it forgot to fill. */
#define FILL32		(HV_GIC_FILL * 0x01010101U)
#define FILL64		(FILL32 * 0x100000001ULL)

/* Private interrupts the hypervisor keeps on every CPU of a cell. */
/* The physical PPIs the hypervisor keeps; a cell's SGIs are all virtual. */
#define HV_PRIVATE	((1U << PPI_MAINTENANCE) | (1U << PPI_HYP_TIMER))

static const unsigned int a_irqs[] = { 33, 47, 64 };
static const unsigned int b_irqs[] = { 34 };

/* Registers with one field of @bits per interrupt, from GICD_IGROUPR to GICD_IGRPMODR. */
static const struct bank {
	const char *name;
	u64 base;
	unsigned int bits;
	/* Write-one-to-set/clear: a written zero changes nothing. */
	bool set_clear;
} banks[] = {
	{ "IGROUPR", GICD_IGROUPR, 1, false },
	{ "ISENABLER", GICD_ISENABLER, 1, true },
	{ "ICENABLER", GICD_ICENABLER, 1, true },
	{ "ISPENDR", GICD_ISPENDR, 1, true },
	{ "ICPENDR", GICD_ICPENDR, 1, true },
	{ "ISACTIVER", GICD_ISACTIVER, 1, true },
	{ "ICACTIVER", GICD_ICACTIVER, 1, true },
	{ "IPRIORITYR", GICD_IPRIORITYR, 8, false },
	{ "ICFGR", GICD_ICFGR, 2, false },
	{ "IGRPMODR", GICD_IGRPMODR, 1, false },
};

static void vgic_setup(void)
{
	hv_boot();
	hv_create_ok(hv_cell("a", "2 3", "33 47 64", 0x71a00000, ""));
	hv_create_ok(hv_cell("b", "1", "34", 0x71c00000, ""));
	console_capture_reset();
}

static bool listed(const unsigned int *list, unsigned int len, unsigned int intid)
{
	unsigned int n;

	for (n = 0; n < len; n++)
		if (list[n] == intid)
			return true;
	return false;
}

/* The test's own account of who owns SPI @intid: the cell of @cpu or not. */
static bool owns(unsigned int cpu, unsigned int intid)
{
	if (intid < 32 || intid >= HV_NUM_IRQS)
		return false;
	if (cpu == A_CPU || cpu == A_CPU2)
		return listed(a_irqs, ARRAY_SIZE(a_irqs), intid);
	if (cpu == B_CPU)
		return listed(b_irqs, ARRAY_SIZE(b_irqs), intid);
	return !listed(a_irqs, ARRAY_SIZE(a_irqs), intid) &&
	       !listed(b_irqs, ARRAY_SIZE(b_irqs), intid);
}

/* Bits of the 32-bit word of @bank starting at INTID @first that @cpu's cell owns. */
static u32 owned_bits(unsigned int cpu, const struct bank *bank, unsigned int first)
{
	u32 mask = 0, field = bank->bits == 32 ? ~0U : (1U << bank->bits) - 1;
	unsigned int n;

	for (n = 0; n < 32 / bank->bits; n++)
		if (owns(cpu, first + n))
			mask |= field << (n * bank->bits);
	return mask;
}

static bool group_bank(const struct bank *bank)
{
	return bank->base == GICD_IGROUPR || bank->base == GICD_IGRPMODR;
}

static u64 word_offset(const struct bank *bank, unsigned int first)
{
	return bank->base + first * bank->bits / 8;
}

static u64 dist_read(unsigned int cpu, u64 off, unsigned int size)
{
	u64 value;

	ck_assert_int_eq(hv_mmio(cpu, false, HV_GICD_PHYS + off, size, &value), MMIO_HANDLED);
	return value;
}

static void dist_write(unsigned int cpu, u64 off, unsigned int size, u64 value)
{
	ck_assert_int_eq(hv_mmio(cpu, true, HV_GICD_PHYS + off, size, &value), MMIO_HANDLED);
}

/* Redistributor frame of CPU @frame, register at @off within it. */
static u64 redist_read(unsigned int cpu, unsigned int frame, u64 off, unsigned int size)
{
	u64 value;

	ck_assert_int_eq(hv_mmio(cpu, false, HV_GICR_PHYS + frame * GICR_FRAMES_SIZE + off, size,
				 &value), MMIO_HANDLED);
	return value;
}

static void redist_write(unsigned int cpu, unsigned int frame, u64 off, unsigned int size,
			 u64 value)
{
	ck_assert_int_eq(hv_mmio(cpu, true, HV_GICR_PHYS + frame * GICR_FRAMES_SIZE + off, size,
				 &value), MMIO_HANDLED);
}

static u32 gicd_hw(u64 off)
{
	return gic_read32(gicd_base + off);
}

static void gicd_hw_set(u64 off, u32 val)
{
	gic_write32(gicd_base + off, val);
}

static u8 *sgi_frame(unsigned int cpu)
{
	return per_cpu(cpu)->arch.gicr + GICR_SGI_BASE;
}

#define assert_hex_eq(got, expected, what, ...)                                            \
	ck_assert_msg((u64)(got) == (u64)(expected), what ": 0x%llx, expected 0x%llx",      \
		      ##__VA_ARGS__, (unsigned long long)(got), (unsigned long long)(expected))

/*
 * Reads show a cell its own interrupts' fields and nothing of the others'.
 * Catches a read filter that leaks another cell's state (which interrupts it
 * has enabled, pending, active, their priorities) or hides the cell's own.
 */
START_TEST(test_dist_read_shows_own_fields_only)
{
	const struct bank *bank = &banks[_i];
	static const unsigned int cpus[] = { ROOT_CPU, B_CPU, A_CPU, A_CPU2 };
	static const unsigned int firsts[] = { 32, 64 };
	unsigned int c, f;
	u64 off;

	for (f = 0; f < ARRAY_SIZE(firsts); f++) {
		off = word_offset(bank, firsts[f]);
		gicd_hw_set(off, ~0U);
		for (c = 0; c < ARRAY_SIZE(cpus); c++)
			if (!group_bank(bank) || cpus[c] == ROOT_CPU)
				assert_hex_eq(dist_read(cpus[c], off, 4),
					      owned_bits(cpus[c], bank, firsts[f]),
					      "%s of INTID %u read by CPU %u", bank->name,
					      firsts[f], cpus[c]);
	}
}
END_TEST

/*
 * A write reaches the register only for the writer's own fields; the
 * others keep what they held. Catches a cell (or Linux) enabling,
 * disabling, triggering, deactivating, regrouping, reprioritizing or
 * retriggering another cell's interrupt.
 */
START_TEST(test_dist_write_changes_own_fields_only)
{
	const struct bank *bank = &banks[_i];
	static const unsigned int cpus[] = { ROOT_CPU, B_CPU, A_CPU };
	u64 off = word_offset(bank, 32);
	u32 mask, written, expected;
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(cpus); c++) {
		/* Other cells' groups are virtual: test_dist_groups_virtual. */
		if (group_bank(bank) && cpus[c] != ROOT_CPU)
			continue;
		mask = owned_bits(cpus[c], bank, 32);
		/* Set/clear registers get the owned ones written; the others keep their fields. */
		written = bank->set_clear ? ~0U : ~FILL32;
		expected = bank->set_clear ? mask : (FILL32 & ~mask) | (written & mask);
		gicd_hw_set(off, FILL32);
		dist_write(cpus[c], off, 4, written);
		assert_hex_eq(gicd_hw(off), expected, "%s after CPU %u wrote 0x%x", bank->name,
			      cpus[c], written);

		/* Only others' fields written: nothing may change. */
		gicd_hw_set(off, FILL32);
		dist_write(cpus[c], off, 4, bank->set_clear ? ~mask : (FILL32 & mask) | ~mask);
		assert_hex_eq(gicd_hw(off), FILL32, "%s after CPU %u wrote others' fields",
			      bank->name, cpus[c]);
	}
}
END_TEST

/*
 * INTIDs 0-31 in the distributor (banked per CPU, not used with affinity
 * routing) are nobody's. Catches a filter that counts SGIs and PPIs as a
 * cell's own here, where they are no CPU's in particular.
 */
START_TEST(test_dist_private_interrupts_are_nobodys)
{
	const struct bank *bank = &banks[_i];
	unsigned int cpu;

	for (cpu = 0; cpu < HV_CPUS; cpu++) {
		ck_assert_uint_eq(dist_read(cpu, bank->base, 4), 0);
		dist_write(cpu, bank->base, 4, ~0ULL);
		assert_hex_eq(gicd_hw(bank->base), FILL32, "%s of INTIDs 0-31 after CPU %u wrote",
			      bank->name, cpu);
	}
}
END_TEST

/*
 * Only priorities may be accessed a byte at a time, and then only the
 * owner's byte. Catches byte writes (or wider ones) slipping past the
 * word-based filter.
 */
START_TEST(test_dist_access_sizes)
{
	const struct bank *bank = &banks[_i];
	/* 8-byte aligned, so that the handler, not mmio_handle()'s alignment check, decides. */
	u64 off = word_offset(bank, 64), value;
	static const unsigned int sizes[] = { 1, 2, 8 };
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(sizes); n++) {
		if (bank->base == GICD_IPRIORITYR && sizes[n] == 1)
			continue;
		value = ~0ULL;
		ck_assert_int_eq(hv_mmio(A_CPU, true, HV_GICD_PHYS + off, sizes[n], &value),
				 MMIO_ERROR);
		ck_assert_int_eq(hv_mmio(A_CPU, false, HV_GICD_PHYS + off, sizes[n], &value),
				 MMIO_ERROR);
		assert_hex_eq(gic_read64(gicd_base + off), FILL64, "%s after a %u-byte write",
			      bank->name, sizes[n]);
	}
}
END_TEST

/*
 * A cell's groups are its own view: the physical interrupt stays Group 1,
 * IGRPMODR is RAZ/WI, and a reset puts Group 0 back in the view and Group 1
 * in the hardware. Catches a cell making a physical interrupt Group 0 (an
 * FIQ at EL2).
 */
START_TEST(test_dist_groups_virtual)
{
	u32 own = (1U << 1) | (1U << 15);

	dist_write(A_CPU, GICD_IGROUPR + 4, 4, ~0U);
	ck_assert_uint_eq(gicd_hw(GICD_IGROUPR + 4), FILL32);
	assert_hex_eq(dist_read(A_CPU, GICD_IGROUPR + 4, 4), own, "IGROUPR1 read by cell a");
	ck_assert_uint_eq(dist_read(B_CPU, GICD_IGROUPR + 4, 4), 0);
	dist_write(A_CPU, GICD_IGROUPR + 4, 4, 0);
	ck_assert_uint_eq(gicd_hw(GICD_IGROUPR + 4), FILL32);
	ck_assert_uint_eq(dist_read(A_CPU, GICD_IGROUPR + 4, 4), 0);
	dist_write(A_CPU, GICD_IGRPMODR + 4, 4, ~0U);
	ck_assert_uint_eq(gicd_hw(GICD_IGRPMODR + 4), FILL32);
	ck_assert_uint_eq(dist_read(A_CPU, GICD_IGRPMODR + 4, 4), 0);

	dist_write(A_CPU, GICD_IGROUPR + 4, 4, own);
	gicd_hw_set(GICD_IGROUPR + 4, 0);
	gicd_hw_set(GICD_CTLR, 0);
	vgic_cell_reset_irqs(per_cpu(A_CPU)->cell, per_cpu(A_CPU)->arch.mpidr);
	ck_assert_uint_eq(dist_read(A_CPU, GICD_IGROUPR + 4, 4), 0);
	assert_hex_eq(gicd_hw(GICD_IGROUPR + 4), own, "physical IGROUPR1 after cell a's reset");
	/* And priority 0, level-sensitive: reset values. */
	ck_assert_uint_eq(gicd_base[GICD_IPRIORITYR + 33], 0);
	assert_hex_eq(gicd_hw(GICD_ICFGR + 8) & (3U << 2), 0, "ICFGR of SPI 33 after the reset");
}
END_TEST

/* Priority bytes: the owner's changes, a neighbour's (B's SPI 34) reads 0 and stays. */
START_TEST(test_dist_priority_bytes)
{
	u64 own = GICD_IPRIORITYR + 33, other = GICD_IPRIORITYR + 34;

	dist_write(A_CPU, own, 1, 0x40);
	ck_assert_uint_eq(gicd_base[own], 0x40);
	ck_assert_uint_eq(dist_read(A_CPU, own, 1), 0x40);
	dist_write(A_CPU, other, 1, 0x10);
	ck_assert_uint_eq(gicd_base[other], HV_GIC_FILL);
	ck_assert_uint_eq(dist_read(A_CPU, other, 1), 0);
	/* Nor may Linux reprioritize a cell's interrupt. */
	dist_write(ROOT_CPU, own, 1, 0x00);
	ck_assert_uint_eq(gicd_base[own], 0x40);
}
END_TEST

static u64 irouter(unsigned int intid)
{
	return GICD_IROUTER + intid * 8;
}

/* GICD_IROUTER naming @cpu: physically, and in its cell's numbering. */
static u64 route_to(unsigned int cpu)
{
	return per_cpu(cpu)->arch.mpidr & 0xff00ffffffULL;
}

static u64 vroute(unsigned int cpu)
{
	return per_cpu(cpu)->arch.vmpidr & 0xff00ffffffULL;
}

/*
 * A cell routes its own SPIs to its own CPUs only, named in its numbering
 * (vCPU 0 and 1 of cell a are CPUs 2 and 3): the hardware gets the physical
 * affinity. Catches a cell steering its interrupts at another cell's CPU
 * (an interrupt storm there), at "any CPU" (IRM), at a vCPU it does not
 * have, or re-routing an interrupt it does not own.
 */
START_TEST(test_dist_routing_to_own_cpus_only)
{
	static const u64 absent[] = { 2, 3, 0x100, 0x100000000ULL };
	u64 before;
	unsigned int n;

	ck_assert_uint_eq(vroute(A_CPU2), 1);
	dist_write(A_CPU, irouter(33), 8, 1);
	assert_hex_eq(gic_read64(gicd_base + irouter(33)), route_to(A_CPU2),
		      "IROUTER33 routed by its owner to its vCPU 1");
	ck_assert_uint_eq(dist_read(A_CPU, irouter(33), 8), 1);
	for (n = 0; n < ARRAY_SIZE(absent); n++)
		dist_write(A_CPU, irouter(33), 8, absent[n]);
	assert_hex_eq(gic_read64(gicd_base + irouter(33)), route_to(A_CPU2),
		      "IROUTER33 after routings to vCPUs cell a does not have");
	assert_console_says("cell \"a\" routing of interrupt 33 to 0x2 ignored (not one of its "
			    "CPUs)");
	/* No 1-of-N for cells: IRM is RAZ/WI, the affinity counts. */
	dist_write(A_CPU, irouter(33), 8, 0 | (1ULL << 31));
	assert_hex_eq(gic_read64(gicd_base + irouter(33)), route_to(A_CPU),
		      "IROUTER33 after a routing with IRM");
	assert_hex_eq(dist_read(A_CPU, irouter(33), 8), 0, "IROUTER33 read back");
	/* The root has it: refused there. */
	dist_write(ROOT_CPU, irouter(40), 8, route_to(ROOT_CPU) | (1ULL << 31));
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(40)), FILL64);

	/* Not A's: neither routed nor seen; and the root may not route its SPI 40 to A's CPU. */
	before = gic_read64(gicd_base + irouter(34));
	dist_write(A_CPU, irouter(34), 8, 0);
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(34)), before);
	ck_assert_uint_eq(dist_read(A_CPU, irouter(34), 8), 0);
	dist_write(ROOT_CPU, irouter(40), 8, route_to(A_CPU));
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(40)), FILL64);
	dist_write(ROOT_CPU, irouter(40), 8, route_to(ROOT_CPU));
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(40)), route_to(ROOT_CPU));
}
END_TEST

/* Own routes read back whole or by halves; 32-bit writes are refused (no torn route). */
START_TEST(test_dist_routing_access_sizes)
{
	u64 value = 0;

	gic_write64(gicd_base + irouter(64), route_to(A_CPU2));
	ck_assert_uint_eq(dist_read(A_CPU, irouter(64), 8), 1);
	ck_assert_uint_eq(dist_read(A_CPU, irouter(64), 4), 1);
	ck_assert_uint_eq(dist_read(A_CPU, irouter(64) + 4, 4), 0);
	ck_assert_uint_eq(dist_read(B_CPU, irouter(64), 4), 0);
	ck_assert_int_eq(hv_mmio(A_CPU, true, HV_GICD_PHYS + irouter(64), 4, &value), MMIO_ERROR);
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(64)), route_to(A_CPU2));
	/* A route to no CPU of the cell (another's) reads as none. */
	gic_write64(gicd_base + irouter(64), route_to(B_CPU));
	ck_assert_uint_eq(dist_read(A_CPU, irouter(64), 8), 0);
}
END_TEST

/* Message-based SPIs: catches a cell raising or clearing another cell's SPI by number. */
START_TEST(test_dist_setspi_own_only)
{
	static const u64 regs[] = { GICD_SETSPI_NSR, GICD_CLRSPI_NSR };
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(regs); n++) {
		dist_write(A_CPU, regs[n], 4, 34);
		dist_write(A_CPU, regs[n], 4, 40);
		dist_write(B_CPU, regs[n], 4, 33);
		assert_hex_eq(gicd_hw(regs[n]), FILL32, "register 0x%llx after others' SPIs",
			      (unsigned long long)regs[n]);
		dist_write(A_CPU, regs[n], 4, 47);
		ck_assert_uint_eq(gicd_hw(regs[n]), 47);
		ck_assert_uint_eq(dist_read(A_CPU, regs[n], 4), 0);
	}
}
END_TEST

/*
 * GICD_CTLR and GICD_TYPER of the hardware: read as they are by the root,
 * written by nobody. Catches a cell (or Linux) switching groups or affinity
 * routing off for the whole machine. Other cells have a GICD_CTLR of their
 * own: ARE and DS set, the group enables theirs, reset to 0.
 */
START_TEST(test_dist_control_read_only)
{
	unsigned int cpu;

	gicd_hw_set(GICD_CTLR, 0x00000052);
	gicd_hw_set(GICD_TYPER, 0x0037ff08);
	ck_assert_uint_eq(dist_read(ROOT_CPU, GICD_CTLR, 4), 0x52);
	ck_assert_uint_eq(dist_read(A_CPU, GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS);
	/* LPIs, MBIs, DVIs hidden from cells, No1N set. */
	ck_assert_uint_eq(dist_read(ROOT_CPU, GICD_TYPER, 4), 0x0037ff08);
	ck_assert_uint_eq(dist_read(A_CPU, GICD_TYPER, 4), 0x0230ff08);
	for (cpu = 0; cpu < HV_CPUS; cpu++) {
		dist_write(cpu, GICD_CTLR, 4, ~0U);
		dist_write(cpu, GICD_TYPER, 4, 0);
	}
	ck_assert_uint_eq(gicd_hw(GICD_CTLR), 0x52);
	ck_assert_uint_eq(gicd_hw(GICD_TYPER), 0x0037ff08);
	ck_assert_uint_eq(dist_read(A_CPU2, GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS |
			  GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1);
	dist_write(B_CPU, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP1);
	ck_assert_uint_eq(dist_read(B_CPU, GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS |
			  GICD_CTLR_ENABLE_GRP1);
	vgic_cell_reset_irqs(per_cpu(B_CPU)->cell, per_cpu(B_CPU)->arch.mpidr);
	ck_assert_uint_eq(dist_read(B_CPU, GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS);
}
END_TEST

/*
 * Identification registers read as the hardware's (drivers probe them);
 * everything else without a filter reads 0 and ignores writes. Catches a
 * default that passes unknown registers through.
 */
START_TEST(test_dist_other_registers)
{
	static const u64 raz_wi[] = { 0x0008, 0x0010, 0x0030, 0x0044, 0x0e00, 0x7fe0, 0xc000,
				      0xffcc };
	u64 pidr2 = 0xffe8;
	unsigned int n;

	ck_assert_uint_eq(dist_read(A_CPU, pidr2, 4), FILL32);
	dist_write(A_CPU, pidr2, 4, 0);
	ck_assert_uint_eq(gicd_hw(pidr2), FILL32);
	for (n = 0; n < ARRAY_SIZE(raz_wi); n++) {
		ck_assert_uint_eq(dist_read(A_CPU, raz_wi[n], 4), 0);
		ck_assert_uint_eq(dist_read(ROOT_CPU, raz_wi[n], 4), 0);
		dist_write(A_CPU, raz_wi[n], 4, 0);
		assert_hex_eq(gicd_hw(raz_wi[n]), FILL32, "register 0x%llx after a write",
			      (unsigned long long)raz_wi[n]);
	}
}
END_TEST

/*
 * A cell CPU's own redistributor: its SGIs (all 16 virtual) and PPIs but
 * the hypervisor's two. Catches a cell disabling the physical kick SGI,
 * the maintenance interrupt or the EL2 timer (the hypervisor would lose the
 * CPU), or an SGI write reaching the physical SGI bits.
 */
START_TEST(test_redist_own_frame_hides_hypervisor_interrupts)
{
	u8 *frame = sgi_frame(A_CPU);
	u32 ppis = 0xffff0000U & ~HV_PRIVATE;

	gic_write32(frame + GICD_ISENABLER, ~0U);
	assert_hex_eq(redist_read(A_CPU, 0, GICR_SGI_BASE + GICD_ISENABLER, 4), ppis,
		      "ISENABLER0 read on CPU 2");
	gic_write32(frame + GICD_ISENABLER, 0);
	redist_write(A_CPU, 0, GICR_SGI_BASE + GICD_ISENABLER, 4, ~0ULL);
	assert_hex_eq(gic_read32(frame + GICD_ISENABLER), ppis, "ISENABLER0 after writing ones");
	/* SGIs are virtual: their enables are the cell's view, SGI 15 among them. */
	assert_hex_eq(per_cpu(A_CPU)->arch.sgi_enabled, 0xffffU, "virtual SGI enables");
	assert_hex_eq(redist_read(A_CPU, 0, GICR_SGI_BASE + GICD_ISENABLER, 4),
		      ppis | 0xffffU, "ISENABLER0 read back");

	gic_write32(frame + GICD_ICENABLER, 0);
	redist_write(A_CPU, 0, GICR_SGI_BASE + GICD_ICENABLER, 4, ~0ULL);
	assert_hex_eq(gic_read32(frame + GICD_ICENABLER), ppis,
		      "ICENABLER0 after writing ones (maintenance and EL2 timer must stay)");
	ck_assert_uint_eq(per_cpu(A_CPU)->arch.sgi_enabled, 0);

	gic_write32(frame + GICD_ICACTIVER, FILL32);
	redist_write(A_CPU, 0, GICR_SGI_BASE + GICD_ICACTIVER, 4, HV_PRIVATE);
	ck_assert_uint_eq(gic_read32(frame + GICD_ICACTIVER), FILL32);
}
END_TEST

/*
 * Pending SGIs are queued as virtual interrupts for the target CPU of the
 * cell, which is kicked; SGI 15 is a virtual one like the others, never the
 * physical kick. Catches a cell forging the hypervisor's kick or a
 * maintenance interrupt.
 */
START_TEST(test_redist_pending_sgis_are_virtual)
{
	struct per_cpu *target = per_cpu(A_CPU2);

	redist_write(A_CPU, 1, GICR_SGI_BASE + GICD_ISPENDR, 4,
		     (1U << 3) | (1U << SGI_KICK) | HV_PRIVATE);
	ck_assert_uint_eq(target->arch.pending_virqs[0], (1U << 3) | (1U << SGI_KICK));
	ck_assert_uint_eq(fake_kicks[A_CPU2], 1);
	assert_hex_eq(gic_read32(sgi_frame(A_CPU2) + GICD_ISPENDR), FILL32,
		      "physical ISPENDR0 after a write of the kick SGI and hypervisor PPIs");
}
END_TEST

/*
 * Priorities: SGIs' are the cell's view (SGI 15's too); PPIs' are the
 * hardware's but for the hypervisor's two. Catches a cell
 * lowering the maintenance or timer interrupt's priority below its own.
 */
START_TEST(test_redist_priorities)
{
	u8 *frame = sgi_frame(A_CPU);
	u64 prio = GICR_SGI_BASE + GICD_IPRIORITYR;

	redist_write(A_CPU, 0, prio + 3, 1, 0x30);
	redist_write(A_CPU, 0, prio + SGI_KICK, 1, 0xf0);
	ck_assert_uint_eq(per_cpu(A_CPU)->arch.sgi_priority[3], 0x30);
	ck_assert_uint_eq(per_cpu(A_CPU)->arch.sgi_priority[SGI_KICK], 0xf0);
	ck_assert_uint_eq(redist_read(A_CPU, 0, prio + 3, 1), 0x30);

	/* PPIs 24-27 in one word: 25 and 26 are the hypervisor's. */
	redist_write(A_CPU, 0, prio + 24, 4, 0x11223344);
	assert_hex_eq(gic_read32(frame + GICD_IPRIORITYR + 24),
		      (FILL32 & 0x00ffff00U) | 0x11000044U, "IPRIORITYR6 after a word write");
	assert_hex_eq(redist_read(A_CPU, 0, prio + 24, 4), 0x11000044U, "IPRIORITYR6 read");
	redist_write(A_CPU, 0, prio + PPI_MAINTENANCE, 1, 0xff);
	ck_assert_uint_eq(frame[GICD_IPRIORITYR + PPI_MAINTENANCE], HV_GIC_FILL);
	ck_assert_uint_eq(redist_read(A_CPU, 0, prio + PPI_HYP_TIMER, 1), 0);
}
END_TEST

/* Trigger modes read as the hardware's and stay: catches a cell retriggering PPIs. */
START_TEST(test_redist_trigger_modes_read_only)
{
	u64 icfgr1 = GICR_SGI_BASE + GICD_ICFGR + 4;

	ck_assert_uint_eq(redist_read(A_CPU, 0, icfgr1, 4), FILL32);
	redist_write(A_CPU, 0, icfgr1, 4, 0);
	ck_assert_uint_eq(gic_read32(sgi_frame(A_CPU) + GICD_ICFGR + 4), FILL32);
}
END_TEST

/*
 * A cell sees its own CPUs' frames only, numbered from 0 with GICR_TYPER in
 * its numbering (Aff0 and Processor_Number the vCPU's index, Last on the
 * last, no LPIs); behind the last, nothing. Catches a cell reaching the
 * root's or another cell's redistributor, or finding its frames by
 * physical MPIDR.
 */
START_TEST(test_redist_cell_frames)
{
	static const u64 regs[] = { GICD_ISENABLER, GICD_ICENABLER, GICD_ISPENDR,
				    GICD_ICACTIVER, GICD_IPRIORITYR + 28, GICD_IGROUPR };
	unsigned int f, r, cpu;

	assert_hex_eq(redist_read(A_CPU, 0, GICR_TYPER, 8), 0, "TYPER of cell a's vCPU 0");
	assert_hex_eq(redist_read(A_CPU, 1, GICR_TYPER, 8),
		      (1ULL << 32) | (1 << 8) | GICR_TYPER_LAST, "TYPER of cell a's vCPU 1");
	ck_assert_uint_eq(redist_read(A_CPU, 1, GICR_TYPER + 4, 4), 1);
	assert_hex_eq(redist_read(B_CPU, 0, GICR_TYPER, 8), GICR_TYPER_LAST,
		      "TYPER of cell b's only vCPU");
	ck_assert_uint_eq(redist_read(A_CPU, 1, GICR_IIDR, 4), FILL32);
	ck_assert_uint_eq(redist_read(A_CPU, 1, 0xffe8, 4), FILL32);
	/* Frame 1 is CPU 3's. */
	redist_write(A_CPU, 1, GICR_SGI_BASE + GICD_ISENABLER, 4, 1U << 27);
	ck_assert_uint_eq(gic_read32(sgi_frame(A_CPU2) + GICD_ISENABLER), 1U << 27);
	gic_write32(sgi_frame(A_CPU2) + GICD_ISENABLER, FILL32);

	for (f = 2; f < HV_CPUS; f++) {
		ck_assert_uint_eq(redist_read(A_CPU, f, GICR_TYPER, 8), 0);
		for (r = 0; r < ARRAY_SIZE(regs); r++) {
			ck_assert_uint_eq(redist_read(A_CPU, f, GICR_SGI_BASE + regs[r], 4), 0);
			redist_write(A_CPU, f, GICR_SGI_BASE + regs[r], 4, ~0ULL);
		}
	}
	for (cpu = 0; cpu < HV_CPUS; cpu++)
		for (r = 0; r < ARRAY_SIZE(regs); r++)
			assert_hex_eq(gic_read32(sgi_frame(cpu) + regs[r]), FILL32,
				      "CPU %u's register 0x%llx after cell a wrote past its frames",
				      cpu, (unsigned long long)regs[r]);
	ck_assert_uint_eq(per_cpu(B_CPU)->arch.sgi_enabled, 0);
	ck_assert_uint_eq(per_cpu(B_CPU)->arch.pending_virqs[0], 0);
}
END_TEST

/*
 * The control part of a cell's own frame (GICR_CTLR, PROPBASER, PENDBASER):
 * nothing to see or change; GICR_WAKER answers the sleep handshake in the
 * cell's view only. Catches a cell putting its redistributor to sleep or
 * pointing LPI tables at memory not its own.
 */
START_TEST(test_redist_control_frame)
{
	static const u64 regs[] = { 0x0000, GICR_WAKER, 0x0070, 0x0078 };
	u32 asleep = GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP;
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(regs); n++) {
		if (regs[n] != GICR_WAKER)
			ck_assert_uint_eq(redist_read(A_CPU, 0, regs[n], 4), 0);
		redist_write(A_CPU, 0, regs[n], 4, regs[n] == GICR_WAKER ? asleep : 0);
		ck_assert_uint_eq(gic_read32(per_cpu(A_CPU)->arch.gicr + regs[n]), FILL32);
	}
	ck_assert_uint_eq(redist_read(A_CPU, 0, GICR_WAKER, 4), asleep);
	redist_write(A_CPU, 0, GICR_WAKER, 4, 0);
	ck_assert_uint_eq(redist_read(A_CPU, 0, GICR_WAKER, 4), 0);
	ck_assert_uint_eq(redist_read(A_CPU, 1, GICR_WAKER, 4), 0);
}
END_TEST

/*
 * Linux lost the frames of the CPUs it gave away: they read 0, writes do
 * nothing. Catches the root disabling a cell's timer or kick SGI.
 */
START_TEST(test_redist_root_on_a_cells_frame)
{
	ck_assert_uint_eq(redist_read(ROOT_CPU, A_CPU, GICR_SGI_BASE + GICD_ISENABLER, 4), 0);
	redist_write(ROOT_CPU, A_CPU, GICR_SGI_BASE + GICD_ICENABLER, 4, ~0ULL);
	redist_write(ROOT_CPU, A_CPU, GICR_SGI_BASE + GICD_IPRIORITYR + 28, 4, 0);
	ck_assert_uint_eq(gic_read32(sgi_frame(A_CPU) + GICD_ICENABLER), FILL32);
	ck_assert_uint_eq(gic_read32(sgi_frame(A_CPU) + GICD_IPRIORITYR + 28), FILL32);
	ck_assert_uint_eq(redist_read(ROOT_CPU, A_CPU, GICR_TYPER, 8), FILL64);
}
END_TEST

/* Byte accesses but to priorities are refused in a frame too. */
START_TEST(test_redist_access_sizes)
{
	u64 value = 0xff;

	ck_assert_int_eq(hv_mmio(A_CPU, true, HV_GICR_PHYS + GICR_SGI_BASE +
				 GICD_ICENABLER + 3, 1, &value), MMIO_ERROR);
	ck_assert_uint_eq(gic_read32(sgi_frame(A_CPU) + GICD_ICENABLER), FILL32);
}
END_TEST

/*
 * The dispatch in front of the filters: a misaligned access never reaches
 * them (a word at offset 2 would straddle two interrupts' fields), and
 * nothing past the GIC is emulated.
 */
START_TEST(test_mmio_dispatch)
{
	u64 value = ~0ULL;

	ck_assert_int_eq(hv_mmio(A_CPU, true, HV_GICD_PHYS + GICD_ICENABLER + 6, 4, &value),
			 MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(A_CPU, true, HV_GICD_PHYS + irouter(33) + 4, 8, &value),
			 MMIO_ERROR);
	ck_assert_uint_eq(gicd_hw(GICD_ICENABLER + 4), FILL32);
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(33)), FILL64);
	ck_assert_int_eq(hv_mmio(A_CPU, false, HV_GICD_PHYS + GICD_SIZE, 4, &value), MMIO_UNHANDLED);
	ck_assert_int_eq(hv_mmio(A_CPU, false, HV_GICR_PHYS + gicr_size, 4, &value), MMIO_UNHANDLED);
}
END_TEST

/* ESR_EL2 of a trapped write of ICC_SGI1R_EL1 from register @rt. */
static u64 sgi1r_esr(unsigned int rt)
{
	return ((u64)ESR_EC_SYSREG << ESR_EC_SHIFT) | ESR_IL | (3U << 20) | (5U << 17) |
	       (12U << 10) | (rt << 5) | (11U << 1);
}

static void send_sgi(unsigned int cpu, u64 sgi1r)
{
	struct trap_frame frame = { .x = { [4] = sgi1r } };

	ck_assert(vgic_handle_sysreg(per_cpu(cpu), &frame, sgi1r_esr(4)));
}

/* SGI @intid to Aff0 @aff0 (cluster 0): ICC_SGI1R_EL1 with a one-bit target list. */
static u64 sgi_to(unsigned int intid, unsigned int aff0)
{
	return ((u64)intid << SGI1R_INTID_SHIFT) | (1U << aff0);
}

/*
 * IPIs go to the cell's own CPUs only, named in its numbering. Catches an
 * SGI reaching another cell's (or Linux's) CPU, by target list, a vCPU the
 * cell does not have, or broadcast, and a forged kick.
 */
START_TEST(test_sgis_reach_own_cpus_only)
{
	unsigned int cpu;

	send_sgi(A_CPU, sgi_to(5, 1));
	ck_assert_uint_eq(per_cpu(A_CPU2)->arch.pending_virqs[0], 1U << 5);
	ck_assert_uint_eq(fake_kicks[A_CPU2], 1);

	/* vCPUs 2 and 3 (physical ids of others), Aff1 1, RS 1: nobody. */
	send_sgi(A_CPU, sgi_to(6, 2) | sgi_to(6, 3));
	send_sgi(A_CPU, sgi_to(6, 0) | (1ULL << SGI1R_AFF1_SHIFT));
	send_sgi(A_CPU, sgi_to(6, 0) | (1ULL << SGI1R_RS_SHIFT));
	send_sgi(A_CPU, SGI1R_IRM | ((u64)7 << SGI1R_INTID_SHIFT));
	for (cpu = 0; cpu < HV_CPUS; cpu++)
		if (cpu != A_CPU2)
			assert_hex_eq(per_cpu(cpu)->arch.pending_virqs[0], 0,
				      "SGIs pending for CPU %u", cpu);
	ck_assert_uint_eq(fake_kicks[B_CPU] + fake_kicks[ROOT_CPU] + fake_kicks[A_CPU], 0);
	/* The broadcast reached the other CPU of the cell, not the sender. */
	ck_assert_uint_eq(per_cpu(A_CPU2)->arch.pending_virqs[0], (1U << 5) | (1U << 7));
	/* SGI 15 is the cell's too: virtual, to its own CPU, no physical kick of others. */
	send_sgi(A_CPU, sgi_to(SGI_KICK, 1));
	ck_assert_uint_eq(per_cpu(A_CPU2)->arch.pending_virqs[0],
			  (1U << 5) | (1U << 7) | (1U << SGI_KICK));
	ck_assert_uint_eq(fake_kicks[B_CPU] + fake_kicks[ROOT_CPU] + fake_kicks[A_CPU], 0);
	ck_assert_uint_eq(per_cpu(A_CPU)->stats[BULKHEAD_CPU_STAT_SGI], 6);
}
END_TEST

/*
 * A physical interrupt of a group the cell's GICD_CTLR has off waits in the
 * queue, and goes into a list register, with the group bit of the cell's
 * view, once the group is on. Catches delivery that ignores the group
 * enables, or a Group 0 interrupt signalled as Group 1.
 */
START_TEST(test_physical_irq_waits_for_its_group)
{
	struct per_cpu *cpu = per_cpu(A_CPU);
	unsigned int n;

	memset(fake_lrs, 0, sizeof(fake_lrs));
	cpu->arch.private_group1 = 1U << 27;
	fake_acks[0] = 27;
	fake_acks[1] = 30;
	fake_acks_left = 2;
	vgic_handle_irq(cpu);
	for (n = 0; n < HV_NUM_LRS; n++)
		ck_assert_uint_eq(fake_lrs[n], 0);
	ck_assert_uint_eq(cpu->arch.pending_virqs[0], (1U << 27) | (1U << 30));

	dist_write(A_CPU, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP1);
	vgic_flush(cpu);
	ck_assert_uint_eq(fake_lrs[0] & LR_VINTID_MASK, 27);
	ck_assert_uint_eq(fake_lrs[0] & (LR_GROUP1 | LR_HW), LR_GROUP1 | LR_HW);
	ck_assert_uint_eq(fake_lrs[1], 0);
	dist_write(A_CPU, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP0);
	vgic_flush(cpu);
	ck_assert_uint_eq(fake_lrs[1] & LR_VINTID_MASK, 30);
	ck_assert_uint_eq(fake_lrs[1] & LR_GROUP1, 0);
	ck_assert_uint_eq(cpu->arch.pending_virqs[0], 0);

	/* An SPI made Group 0 in the view waits; back in Group 1 it goes in. */
	memset(fake_lrs, 0, sizeof(fake_lrs));
	dist_write(A_CPU, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP1);
	dist_write(A_CPU, GICD_IGROUPR + 8, 4, 0);
	fake_acks[0] = 64;
	fake_acks_left = 1;
	vgic_handle_irq(cpu);
	ck_assert_uint_eq(fake_lrs[0], 0);
	ck_assert_uint_eq(cpu->arch.pending_virqs[2], 1);
	/* Held: pending in the cell's view, not active (as the hardware has it, acknowledged). */
	gicd_hw_set(GICD_ISPENDR + 8, 0);
	gicd_hw_set(GICD_ISACTIVER + 8, 1);
	ck_assert_uint_eq(dist_read(A_CPU, GICD_ISPENDR + 8, 4), 1);
	ck_assert_uint_eq(dist_read(A_CPU2, GICD_ICPENDR + 8, 4), 1);
	ck_assert_uint_eq(dist_read(A_CPU, GICD_ISACTIVER + 8, 4), 0);
	dist_write(A_CPU, GICD_IGROUPR + 8, 4, 1);
	vgic_flush(cpu);
	ck_assert_uint_eq(fake_lrs[0] & LR_VINTID_MASK, 64);
}
END_TEST

/* ESR_EL2 of a trapped write of ICC_SGI0R_EL1 (@op2 7) or ICC_ASGI1R_EL1 (6) from x4. */
static u64 sgi_esr(unsigned int op2)
{
	return (sgi1r_esr(4) & ~(7U << 17)) | (op2 << 17);
}

/*
 * ICC_SGI0R_EL1 and ICC_ASGI1R_EL1 raise only SGIs the target has in Group
 * 0; ICC_SGI1R_EL1 either (one security state). Catches a cell failed for
 * using them, or a Group 1 SGI raised through them.
 */
START_TEST(test_sgi_registers_by_group)
{
	struct trap_frame frame = { .x = { [4] = sgi_to(4, 1) } };
	struct per_cpu *target = per_cpu(A_CPU2);

	target->arch.private_group1 = 1U << 4;
	ck_assert(vgic_handle_sysreg(per_cpu(A_CPU), &frame, sgi_esr(7)));
	ck_assert(vgic_handle_sysreg(per_cpu(A_CPU), &frame, sgi_esr(6)));
	ck_assert_uint_eq(target->arch.pending_virqs[0], 0);
	target->arch.private_group1 = 0;
	ck_assert(vgic_handle_sysreg(per_cpu(A_CPU), &frame, sgi_esr(7)));
	ck_assert_uint_eq(target->arch.pending_virqs[0], 1U << 4);
	/* The root's are its own hardware's, never trapped here. */
	ck_assert(!vgic_handle_sysreg(per_cpu(ROOT_CPU), &frame, sgi_esr(7)));
}
END_TEST

/*
 * Virtual SPIs (vgic-vspi.c): cell "b" (CPU 1) gets emulated devices on
 * INTIDs 33 (physically cell "a"'s) and 35 (the root's), set up as
 * vspi_cell_init() does from a config's vdevices.
 */
#define VSPI_UART	33
#define VSPI_OTHER	35

static struct cell *vspi_cell(void)
{
	return per_cpu(B_CPU)->cell;
}

static void vspi_setup(void)
{
	struct cell *cell;

	vgic_setup();
	cell = vspi_cell();
	cell->arch.vspis[0].intid = VSPI_UART;
	cell->arch.vspis[1].intid = VSPI_OTHER;
	cell->arch.num_vspis = 2;
	/* The reset waits for the distributor (RWP). */
	gicd_hw_set(GICD_CTLR, 0);
	vgic_cell_reset_irqs(cell, per_cpu(B_CPU)->arch.mpidr);
	memset(fake_lrs, 0, sizeof(fake_lrs));
	memset(fake_kicks, 0, sizeof(fake_kicks));
}

/* Bit of INTID @intid in its 32-bit word of a one-bit-per-interrupt bank at @bank. */
static u64 bit_reg(u64 bank, unsigned int intid)
{
	return bank + intid / 32 * 4;
}

/* Cell b enables @intid, Group 1, level-sensitive, priority 0x80, routed to its vCPU 0. */
static void vspi_configure(unsigned int intid)
{
	dist_write(B_CPU, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP1);
	dist_write(B_CPU, bit_reg(GICD_IGROUPR, intid), 4, 1U << (intid % 32));
	dist_write(B_CPU, GICD_IPRIORITYR + intid, 1, 0x80);
	dist_write(B_CPU, irouter(intid), 8, vroute(B_CPU));
	dist_write(B_CPU, bit_reg(GICD_ISENABLER, intid), 4, 1U << (intid % 32));
}

static bool queued(unsigned int cpu, unsigned int intid)
{
	return per_cpu(cpu)->arch.pending_virqs[intid / 32] & (1U << (intid % 32));
}

/* The list register holding virtual @intid, or -1. */
static int lr_of(unsigned int intid)
{
	unsigned int n;

	for (n = 0; n < HV_NUM_LRS; n++)
		if ((fake_lrs[n] & LR_STATE_MASK) && (fake_lrs[n] & LR_VINTID_MASK) == intid)
			return n;
	return -1;
}

/* The guest acknowledges and deactivates what list register @n holds; the GIC signals it. */
static void guest_completes(int n)
{
	ck_assert_int_ge(n, 0);
	fake_lrs[n] &= ~LR_STATE_MASK;
	fake_acks[0] = PPI_MAINTENANCE;
	fake_acks_left = 1;
	vgic_handle_irq(per_cpu(B_CPU));
}

/*
 * The distributor serves a virtual SPI's fields next to the physical ones
 * the cell owns; nothing of it reaches the hardware. Catches a device's
 * interrupt written through to the physical INTID (cell "a"'s 33 here).
 */
START_TEST(test_vspi_distributor_fields)
{
	u32 own34 = 1U << 2, uart = 1U << 1;

	gicd_hw_set(GICD_ISENABLER + 4, FILL32);
	assert_hex_eq(dist_read(B_CPU, GICD_ISENABLER + 4, 4), FILL32 & own34,
		      "ISENABLER1 after reset: virtual SPIs disabled");
	dist_write(B_CPU, GICD_ISENABLER + 4, 4, uart);
	ck_assert_uint_eq(gicd_hw(GICD_ISENABLER + 4), FILL32);
	assert_hex_eq(dist_read(B_CPU, GICD_ISENABLER + 4, 4), (FILL32 & own34) | uart,
		      "ISENABLER1 with the UART's enabled");
	dist_write(B_CPU, GICD_ICENABLER + 4, 4, uart);
	assert_hex_eq(dist_read(B_CPU, GICD_ISENABLER + 4, 4), FILL32 & own34,
		      "ISENABLER1 after ICENABLER");

	/* Priority, group, configuration, route: stored, read back, hardware untouched. */
	dist_write(B_CPU, GICD_IPRIORITYR + 32, 4, 0x44332211);
	assert_hex_eq(dist_read(B_CPU, GICD_IPRIORITYR + 32, 4), 0x44332200, "IPRIORITYR8");
	ck_assert_uint_eq(gicd_base[GICD_IPRIORITYR + VSPI_UART], HV_GIC_FILL);
	dist_write(B_CPU, GICD_ICFGR + 8, 4, 2U << 2);
	assert_hex_eq(dist_read(B_CPU, GICD_ICFGR + 8, 4) & (3U << 2), 2U << 2, "ICFGR2 edge");
	/* Only the field of b's physical SPI 34 changed in the hardware. */
	ck_assert_uint_eq(gicd_hw(GICD_ICFGR + 8), FILL32 & ~(3U << 4));
	dist_write(B_CPU, GICD_IGRPMODR + 4, 4, ~0U);
	ck_assert_uint_eq(dist_read(B_CPU, GICD_IGRPMODR + 4, 4) & uart, 0);
	dist_write(B_CPU, irouter(VSPI_UART), 8, vroute(B_CPU) | (1ULL << 31));
	assert_hex_eq(dist_read(B_CPU, irouter(VSPI_UART), 8), vroute(B_CPU),
		      "IROUTER33 (IRM is RAZ/WI)");
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(VSPI_UART)), FILL64);
}
END_TEST

/*
 * Another cell's and the root's accesses to the same INTIDs reach their own
 * interrupts, never cell b's virtual ones. Catches ownership checks that
 * look at the number only.
 */
START_TEST(test_vspi_not_reachable_by_others)
{
	struct vspi *uart = &vspi_cell()->arch.vspis[0];

	dist_write(A_CPU, GICD_ISENABLER + 4, 4, ~0U);
	dist_write(ROOT_CPU, GICD_ISENABLER + 4, 4, ~0U);
	dist_write(A_CPU, GICD_ISPENDR + 4, 4, ~0U);
	dist_write(ROOT_CPU, GICD_SETSPI_NSR, 4, VSPI_OTHER);
	dist_write(A_CPU, irouter(VSPI_UART), 8, vroute(A_CPU));
	ck_assert(!uart->enabled && !uart->latch);
	ck_assert(!vspi_cell()->arch.vspis[1].enabled && !vspi_cell()->arch.vspis[1].latch);
	ck_assert_uint_eq(uart->route, vroute(B_CPU) & IROUTER_AFF_MASK);
	/* They did reach their own. */
	ck_assert_uint_eq(gicd_hw(GICD_ISPENDR + 4), (1U << 1) | (1U << 15));
	ck_assert_uint_eq(gicd_hw(GICD_SETSPI_NSR), VSPI_OTHER);
	ck_assert_uint_eq(gic_read64(gicd_base + irouter(VSPI_UART)), route_to(A_CPU));
}
END_TEST

/*
 * Level-sensitive: pending while the line is high; after the guest's
 * deactivation (EOI maintenance interrupt) pending again if still high.
 * Catches a device interrupt lost or stuck.
 */
START_TEST(test_vspi_level)
{
	int n;

	vspi_configure(VSPI_UART);
	ck_assert(!queued(B_CPU, VSPI_UART));
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	ck_assert(queued(B_CPU, VSPI_UART));
	ck_assert_uint_eq(fake_kicks[B_CPU], 1);
	vgic_flush(per_cpu(B_CPU));
	n = lr_of(VSPI_UART);
	ck_assert_int_ge(n, 0);
	assert_hex_eq(fake_lrs[n], VSPI_UART | LR_EOI | LR_GROUP1 | LR_PENDING |
		      (0x80UL << LR_PRIORITY_SHIFT), "list register of the UART's interrupt");
	/* In a list register: not offered twice. */
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	ck_assert(!queued(B_CPU, VSPI_UART));

	/* Line still high at the guest's EOI: pending again at once. */
	guest_completes(n);
	n = lr_of(VSPI_UART);
	ck_assert_int_ge(n, 0);
	ck_assert_uint_eq(fake_lrs[n] & LR_STATE_MASK, LR_PENDING);

	/* Line low, then EOI: gone, list register free. */
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, false);
	guest_completes(n);
	ck_assert_int_eq(lr_of(VSPI_UART), -1);
	ck_assert_uint_eq(fake_lrs[n], 0);
	ck_assert(!queued(B_CPU, VSPI_UART));
	ck_assert_uint_eq(dist_read(B_CPU, GICD_ISPENDR + 4, 4) & (1U << 1), 0);
}
END_TEST

/* Edge-triggered: one interrupt per rising edge. Catches a high line firing forever. */
START_TEST(test_vspi_edge)
{
	int n;

	vspi_configure(VSPI_UART);
	dist_write(B_CPU, GICD_ICFGR + 8, 4, 2U << 2);
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	vgic_flush(per_cpu(B_CPU));
	n = lr_of(VSPI_UART);
	guest_completes(n);
	ck_assert_int_eq(lr_of(VSPI_UART), -1);
	/* Still high: no new edge. Low, high: one. */
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	ck_assert(!queued(B_CPU, VSPI_UART));
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, false);
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	ck_assert(queued(B_CPU, VSPI_UART));
}
END_TEST

/*
 * Disabled, group disabled or active: pending but not signalled, until
 * that changes. Catches delivery that ignores the guest's masking.
 */
START_TEST(test_vspi_masking)
{
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	ck_assert(!queued(B_CPU, VSPI_UART));
	ck_assert_uint_eq(dist_read(B_CPU, GICD_ISPENDR + 4, 4) & (1U << 1), 1U << 1);
	dist_write(B_CPU, GICD_IGROUPR + 4, 4, 1U << 1);
	dist_write(B_CPU, GICD_ISENABLER + 4, 4, 1U << 1);
	ck_assert(!queued(B_CPU, VSPI_UART));
	dist_write(B_CPU, GICD_ISACTIVER + 4, 4, 1U << 1);
	dist_write(B_CPU, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP1);
	ck_assert(!queued(B_CPU, VSPI_UART));
	dist_write(B_CPU, GICD_ICACTIVER + 4, 4, 1U << 1);
	ck_assert(queued(B_CPU, VSPI_UART));
	ck_assert_uint_eq(fake_kicks[B_CPU], 1);
	/* Group 0 is enabled separately. */
	dist_write(B_CPU, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP0);
	dist_write(B_CPU, GICD_ICENABLER + 4, 4, 1U << 1);
	vgic_flush(per_cpu(B_CPU));
	ck_assert_int_eq(lr_of(VSPI_UART), -1);
	dist_write(B_CPU, GICD_IGROUPR + 4, 4, 0);
	dist_write(B_CPU, GICD_ISENABLER + 4, 4, 1U << 1);
	vgic_flush(per_cpu(B_CPU));
	ck_assert_int_ge(lr_of(VSPI_UART), 0);
	ck_assert_uint_eq(fake_lrs[lr_of(VSPI_UART)] & LR_GROUP1, 0);
}
END_TEST

/*
 * A route naming no CPU of the cell: the interrupt stays pending and
 * reaches nobody. Catches a virtual SPI sent to another cell's CPU.
 */
START_TEST(test_vspi_route_to_absent_cpu)
{
	unsigned int cpu;

	vspi_configure(VSPI_UART);
	/* Cell b has vCPU 0 only; 2 is CPU 2's physical affinity. */
	dist_write(B_CPU, irouter(VSPI_UART), 8, 2);
	assert_hex_eq(dist_read(B_CPU, irouter(VSPI_UART), 8), 2, "IROUTER33 as written");
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	for (cpu = 0; cpu < HV_CPUS; cpu++) {
		ck_assert(!queued(cpu, VSPI_UART));
		ck_assert_uint_eq(fake_kicks[cpu], 0);
	}
	ck_assert_uint_eq(dist_read(B_CPU, GICD_ISPENDR + 4, 4) & (1U << 1), 1U << 1);
	dist_write(B_CPU, irouter(VSPI_UART), 8, vroute(B_CPU));
	ck_assert(queued(B_CPU, VSPI_UART));
}
END_TEST

/*
 * SETSPI/CLRSPI and ISPENDR/ICPENDR act on the pending latch; a reset of
 * the cell puts every field back but leaves the device's line alone.
 */
START_TEST(test_vspi_latch_and_reset)
{
	struct vspi *uart = &vspi_cell()->arch.vspis[0];

	dist_write(B_CPU, GICD_SETSPI_NSR, 4, VSPI_UART);
	ck_assert(uart->latch);
	dist_write(B_CPU, GICD_CLRSPI_NSR, 4, VSPI_UART);
	ck_assert(!uart->latch);
	dist_write(B_CPU, GICD_ISPENDR + 4, 4, 1U << 1);
	ck_assert(uart->latch);
	vspi_configure(VSPI_UART);
	arch_virtual_irq_set(vspi_cell(), VSPI_UART, true);
	ck_assert(queued(B_CPU, VSPI_UART));

	vgic_cell_reset_irqs(vspi_cell(), per_cpu(B_CPU)->arch.mpidr);
	ck_assert(!uart->enabled && !uart->latch && !uart->active &&
		  !vgic_spi_group1(vspi_cell(), VSPI_UART) &&
		  !uart->edge && uart->priority == 0 && uart->cpu == -1 && uart->line);
	/* The stale queue entry is dropped: no list register for a disabled interrupt. */
	vgic_flush(per_cpu(B_CPU));
	ck_assert_int_eq(lr_of(VSPI_UART), -1);
}
END_TEST

/*
 * End to end: a config's emulated device gives its cell a virtual SPI that
 * the distributor serves and the device's line raises, on INTID 33, which
 * physically is the root's UART's; the cell's CPUs 1 and 2 are its 0 and 1.
 * Catches a device interrupt that never reaches the cell, or reaches the
 * physical INTID.
 */
START_TEST(test_vspi_from_config)
{
	struct cell *cell;

	hv_boot();
	cell = hv_create_ok(hv_cell("v", "1 2", "", 0x71a00000,
				    "vdevice@9000000 { type = \"pl011\"; "
				    "reg = <0x0 0x09000000 0x0 0x1000>; interrupt = <33>; };"));
	ck_assert_uint_eq(cell->arch.num_vspis, 1);
	ck_assert_uint_eq(per_cpu(1)->arch.vmpidr, 0x80000000);
	ck_assert_uint_eq(per_cpu(2)->arch.vmpidr, 0x80000001);
	dist_write(1, GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP1);
	dist_write(1, GICD_IGROUPR + 4, 4, 1U << 1);
	dist_write(1, GICD_IROUTER + 33 * 8, 8, 1);
	dist_write(1, GICD_ISENABLER + 4, 4, 1U << 1);
	ck_assert_uint_eq(gicd_hw(GICD_ISENABLER + 4), FILL32);
	ck_assert_uint_eq(dist_read(1, GICD_ISENABLER + 4, 4), 1U << 1);
	ck_assert_uint_eq(dist_read(ROOT_CPU, GICD_ISENABLER + 4, 4) & (1U << 1),
			  FILL32 & (1U << 1));
	arch_virtual_irq_set(cell, 33, true);
	ck_assert_uint_eq(per_cpu(2)->arch.pending_virqs[1], 1U << 1);
	ck_assert_uint_eq(per_cpu(1)->arch.pending_virqs[1], 0);
	ck_assert_int_eq(cell_destroy(cell->id), 0);
	hv_shutdown();
}
END_TEST

Suite *vgic_suite(void)
{
	Suite *suite = suite_create("vgic");
	TCase *dist = tcase_create("distributor");
	TCase *redist = tcase_create("redistributor");
	TCase *vspi = tcase_create("virtual SPIs");
	TCase *config = tcase_create("virtual SPIs from a config");
	int nbanks = ARRAY_SIZE(banks);

	tcase_add_checked_fixture(dist, vgic_setup, hv_shutdown);
	tcase_add_loop_test(dist, test_dist_read_shows_own_fields_only, 0, nbanks);
	tcase_add_loop_test(dist, test_dist_write_changes_own_fields_only, 0, nbanks);
	tcase_add_loop_test(dist, test_dist_private_interrupts_are_nobodys, 0, nbanks);
	tcase_add_loop_test(dist, test_dist_access_sizes, 0, nbanks);
	tcase_add_test(dist, test_dist_groups_virtual);
	tcase_add_test(dist, test_dist_priority_bytes);
	tcase_add_test(dist, test_dist_routing_to_own_cpus_only);
	tcase_add_test(dist, test_dist_routing_access_sizes);
	tcase_add_test(dist, test_dist_setspi_own_only);
	tcase_add_test(dist, test_dist_control_read_only);
	tcase_add_test(dist, test_dist_other_registers);
	tcase_add_test(dist, test_mmio_dispatch);
	suite_add_tcase(suite, dist);

	tcase_add_checked_fixture(redist, vgic_setup, hv_shutdown);
	tcase_add_test(redist, test_redist_own_frame_hides_hypervisor_interrupts);
	tcase_add_test(redist, test_redist_pending_sgis_are_virtual);
	tcase_add_test(redist, test_redist_priorities);
	tcase_add_test(redist, test_redist_trigger_modes_read_only);
	tcase_add_test(redist, test_redist_cell_frames);
	tcase_add_test(redist, test_redist_control_frame);
	tcase_add_test(redist, test_redist_root_on_a_cells_frame);
	tcase_add_test(redist, test_redist_access_sizes);
	tcase_add_test(redist, test_sgis_reach_own_cpus_only);
	tcase_add_test(redist, test_sgi_registers_by_group);
	tcase_add_test(redist, test_physical_irq_waits_for_its_group);
	suite_add_tcase(suite, redist);

	tcase_add_checked_fixture(vspi, vspi_setup, hv_shutdown);
	tcase_add_test(vspi, test_vspi_distributor_fields);
	tcase_add_test(vspi, test_vspi_not_reachable_by_others);
	tcase_add_test(vspi, test_vspi_level);
	tcase_add_test(vspi, test_vspi_edge);
	tcase_add_test(vspi, test_vspi_masking);
	tcase_add_test(vspi, test_vspi_route_to_absent_cpu);
	tcase_add_test(vspi, test_vspi_latch_and_reset);
	tcase_add_test(config, test_vspi_from_config);
	suite_add_tcase(suite, config);
	suite_add_tcase(suite, vspi);
	return suite;
}
