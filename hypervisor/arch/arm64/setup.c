// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 CPU setup: switch to the shared EL2 tables, install the run-time
 * vectors and put the root Linux at EL1 under stage 2.
 */
#include <bulkhead/config_check.h>
#include <bulkhead/config_arch.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <bulkhead/tracing.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/traps.h>



/* The hypervisor validates configs of its own architecture only. */
const struct config_arch *const config_arches[] = { &config_arch_arm64, NULL };

static volatile u32 *dbg_uart;
static unsigned int vtcr_ps;

struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)read_sysreg(tpidr_el2);
}

/* PARange, capped at 48 bits: the largest our 4 KiB, 4-level tables reach. */
static unsigned int pa_range(void)
{
	unsigned int range = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return range > 5 ? 5 : range;
}

/* Leave the bootstrap tables for the shared ones (same mappings for our code). */
static void switch_to_hv_tables(void)
{
	write_sysreg(paging_hvirt2phys(hv_paging.root), ttbr0_el2);
	isb();
	asm volatile("tlbi alle2");
	dsb(nsh);
	isb();
}

int arch_init_early(void)
{
	const struct bulkhead_console *con = &system_desc()->debug_console;
	int err;

	vtcr_ps = pa_range();
	if (vtcr_ps < 2) {
		printk("bulkhead: CPU supports %u-bit physical addresses; need 40\n",
		       32 + 4 * vtcr_ps);
		return -EIO;
	}
	if (con->type == BULKHEAD_CONSOLE_PL011) {
		err = paging_map(&hv_paging, HV_MMIO_BASE, con->address, PAGE_SIZE,
				 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
		if (err)
			return err;
	}
	/* The UART is only mapped in the shared tables: this CPU uses them from now. */
	switch_to_hv_tables();
	if (con->type == BULKHEAD_CONSOLE_PL011)
		dbg_uart = (volatile u32 *)(HV_MMIO_BASE + (con->address & (PAGE_SIZE - 1)));
	/* It reads the redistributors through mappings only the shared tables have. */
	return gic_init();
}

#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	(1 << 5)

void arch_dbg_write(const char *text, size_t len)
{
	if (!dbg_uart)
		return;
	for (; len; len--, text++) {
		if (*text == '\n')
			arch_dbg_write("\r", 1);
		while (dbg_uart[PL011_FR / 4] & PL011_FR_TXFF)
			;
		dbg_uart[PL011_DR / 4] = (u8)*text;
	}
}

void arch_cell_activate(struct cell *cell)
{
	write_sysreg(paging_hvirt2phys(cell->stage2.root) | ((u64)cell->id << VTTBR_VMID_SHIFT),
		     vttbr_el2);
	isb();
	asm volatile("tlbi vmalls12e1");
	dsb(nsh);
	isb();
}

/* The first CPU of @set: where a cell's interrupts are routed by default. */
static u64 first_cpu_mpidr(u64 set)
{
	return per_cpu(__builtin_ctzll(set))->arch.mpidr;
}

int arch_cell_create(struct cell *cell)
{
	const struct bulkhead_platform_arm64 *gic = &system_desc()->platform.arm64;
	unsigned int id;
	int err;

	err = vgic_cell_init(cell);
	if (err)
		return err;
	/* The root reaches the distributor and the GIC's table bases only through emulations. */
	if (cell == &root_cell)
		return paging_unmap(&root_cell.stage2, gic->gicd_base, GICD_SIZE) ?:
		       gic_root_trap_tables();
	/* Nor may it touch the redistributors of CPUs it gave away, all their frames. */
	for_each_cpu(id, cell->cpu_set) {
		err = paging_unmap(&root_cell.stage2, per_cpu(id)->arch.gicr_phys,
				   per_cpu(id)->arch.gicr_span);
		if (err)
			return err;
	}
	vgic_cell_reset_irqs(cell, first_cpu_mpidr(cell->cpu_set));
	return 0;
}

bool arch_reserved_device(u64 phys, u64 size)
{
	const struct bulkhead_platform_arm64 *gic = &system_desc()->platform.arm64;

	return ranges_overlap(phys, size, gic->gicd_base, GICD_SIZE) ||
	       ranges_overlap(phys, size, gic->gicr_base, gicr_size) ||
	       (gic->gits_base && ranges_overlap(phys, size, gic->gits_base, GITS_SIZE));
}

void arch_cell_stopped(struct cell *cell)
{
	vgic_cell_reset_irqs(cell, first_cpu_mpidr(cell->cpu_set));
}

void arch_cell_destroy(struct cell *cell)
{
	unsigned int id;

	vgic_cell_reset_irqs(cell, first_cpu_mpidr(root_cell.cpu_set));
	for_each_cpu(id, cell->cpu_set)
		per_cpu(id)->arch.vmpidr = per_cpu(id)->arch.mpidr;
	/* From SGI_base on (VLPI frames too): RD_base frames stay trapped (gic-tables.c). */
	for_each_cpu(id, cell->cpu_set)
		if (paging_map(&root_cell.stage2, per_cpu(id)->arch.gicr_phys + GICR_SGI_BASE,
			       per_cpu(id)->arch.gicr_phys + GICR_SGI_BASE,
			       per_cpu(id)->arch.gicr_span - GICR_SGI_BASE,
			       PAGING_READ | PAGING_WRITE | PAGING_DEVICE))
			printk("bulkhead: out of memory giving CPU %u's redistributor back\n", id);
}

/* TLB maintenance acts on the current VMID: borrow the cell's for a moment. */
void arch_cell_flush_tlb(struct cell *cell)
{
	u64 vttbr = read_sysreg(vttbr_el2);

	write_sysreg(paging_hvirt2phys(cell->stage2.root) | ((u64)cell->id << VTTBR_VMID_SHIFT),
		     vttbr_el2);
	isb();
	dsb(ishst);
	asm volatile("tlbi vmalls12e1is");
	dsb(ish);
	write_sysreg(vttbr, vttbr_el2);
	isb();
}

void arch_flush_hv_tlb(void)
{
	dsb(ishst);
	asm volatile("tlbi alle2is");
	dsb(ish);
	isb();
}

void arch_dcache_flush(const void *addr, size_t size)
{
	/* CTR_EL0.DminLine: log2 of the smallest data cache line, in words. */
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 pos = (u64)addr & ~(line - 1);

	for (; pos < (u64)addr + size; pos += line)
		asm volatile("dc civac, %0" : : "r"(pos) : "memory");
	dsb(ish);
}

void arch_icache_invalidate(void)
{
	asm volatile("ic ialluis" : : : "memory");
	dsb(ish);
	isb();
}

void arch_scrub_memory(void *addr, size_t size)
{
	u64 dczid = read_sysreg(dczid_el0);
	/* DCZID_EL0.BS: log2 of the block DC ZVA zeroes, in words. */
	u64 block = 4UL << (dczid & 0xf);
	u64 pos = (u64)addr, end = pos + size;

	if (dczid & DCZID_DZP) {
		for (; pos < end; pos += 8)
			*(volatile u64 *)pos = 0;
	} else {
		for (; pos < end; pos += block)
			asm volatile("dc zva, %0" : : "r"(pos) : "memory");
	}
	arch_dcache_flush(addr, size);
}

u64 arch_counter(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

/*
 * The root runs as Linux expects. Other cells also have physical
 * interrupts, FIQs and SErrors routed here, so that a kick always reaches
 * the hypervisor and the cell cannot touch the physical GIC CPU interface;
 * and the EL1 doors to state they share with other cells trap: ID registers
 * (emulated: sysreg.c), auxiliary control, implementation-defined registers
 * and cache maintenance by set/way (emulated on the cell's own memory).
 */
static u64 cell_hcr(struct per_cpu *cpu)
{
	u64 hcr = cpu->arch.saved.hcr | HCR_VM | HCR_SWIO | HCR_FB | HCR_BSU_IS | HCR_TSC |
		  HCR_RW;

	return cpu->cell == &root_cell ? hcr :
	       hcr | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TID3 | HCR_TACR | HCR_TSW | HCR_TIDCP;
}

/* A 4-bit ID register field at @shift is non-zero: the feature is there. */
static bool has_feature(u64 id_reg, unsigned int shift)
{
	return (id_reg >> shift) & 0xf;
}

/*
 * Other cells do not get the performance monitors, the debug registers or
 * trace and profiling: they are shared state this hypervisor neither
 * switches nor resets, so an access traps and, being no cell's business,
 * fails the cell. The trace filter and profiling traps exist only with
 * their features.
 */
static u64 cell_mdcr(struct per_cpu *cpu)
{
	u64 mdcr = cpu->arch.saved.mdcr, dfr0 = read_sysreg(id_aa64dfr0_el1);

	if (cpu->cell == &root_cell)
		return mdcr;
	mdcr |= MDCR_TPMCR | MDCR_TPM | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA;
	if (has_feature(dfr0, ID_DFR0_TRACEFILT_SHIFT))
		mdcr |= MDCR_TTRF;
	if (has_feature(dfr0, ID_DFR0_PMSVER_SHIFT))
		mdcr |= MDCR_TPMS;
	return mdcr;
}

/* Pointer authentication keys, where the CPU has them: S3_0_C2_C{1,2,3}_{0-3}. */
static void reset_pauth_keys(void)
{
	u64 isar1 = read_sysreg(id_aa64isar1_el1), isar2 = read_sysreg(S3_0_C0_C6_2);

	/* ISAR1 APA (7:4), API (11:8), GPA (27:24), GPI (31:28); ISAR2 APA3 (15:12), GPA3 (11:8). */
	if (!(isar1 & 0xff000ff0) && !(isar2 & 0xff00))
		return;
	write_sysreg(0, S3_0_C2_C1_0);
	write_sysreg(0, S3_0_C2_C1_1);
	write_sysreg(0, S3_0_C2_C1_2);
	write_sysreg(0, S3_0_C2_C1_3);
	write_sysreg(0, S3_0_C2_C2_0);
	write_sysreg(0, S3_0_C2_C2_1);
	write_sysreg(0, S3_0_C2_C2_2);
	write_sysreg(0, S3_0_C2_C2_3);
	write_sysreg(0, S3_0_C2_C3_0);
	write_sysreg(0, S3_0_C2_C3_1);
}

/* Memory tagging state (TFSR_EL1, TFSRE0_EL1, RGSR_EL1, GCR_EL1), where there is MTE 2. */
static void reset_mte_state(void)
{
	if (((read_sysreg(id_aa64pfr1_el1) >> ID_PFR1_MTE_SHIFT) & 0xf) < 2)
		return;
	write_sysreg(0, S3_0_C5_C6_0);
	write_sysreg(0, S3_0_C5_C6_1);
	write_sysreg(0, S3_0_C1_C0_5);
	write_sysreg(0, S3_0_C1_C0_6);
}

/* EL1 state a CPU starts with, so that nothing of its previous owner leaks. */
static void reset_el1_state(void)
{
	write_sysreg(SCTLR_EL1_RES1, sctlr_el1);
	write_sysreg(0, actlr_el1);
	write_sysreg(0, csselr_el1);
	write_sysreg(0, ttbr0_el1);
	write_sysreg(0, ttbr1_el1);
	write_sysreg(0, tcr_el1);
	write_sysreg(0, mair_el1);
	write_sysreg(0, amair_el1);
	write_sysreg(0, vbar_el1);
	write_sysreg(0, contextidr_el1);
	write_sysreg(0, tpidr_el0);
	write_sysreg(0, tpidrro_el0);
	write_sysreg(0, tpidr_el1);
	write_sysreg(0, sp_el0);
	write_sysreg(0, sp_el1);
	write_sysreg(0, elr_el1);
	write_sysreg(0, spsr_el1);
	write_sysreg(0, esr_el1);
	write_sysreg(0, far_el1);
	write_sysreg(0, afsr0_el1);
	write_sysreg(0, afsr1_el1);
	write_sysreg(0, par_el1);
	write_sysreg(0, cpacr_el1);
	write_sysreg(0, mdscr_el1);
	write_sysreg(0, cntkctl_el1);
	write_sysreg(0, cntv_ctl_el0);
	write_sysreg(0, cntp_ctl_el0);
	write_sysreg(0, cntv_cval_el0);
	write_sysreg(0, cntp_cval_el0);
	/* Its virtual counter is the physical one: no offset left by a previous owner. */
	write_sysreg(0, cntvoff_el2);
	reset_pauth_keys();
	reset_mte_state();
	arch_clear_fp_state();
}

void arch_cpu_reset(struct per_cpu *cpu, struct trap_frame *frame)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(frame->x); n++)
		frame->x[n] = 0;
	frame->x[0] = cpu->wake_arg;
	reset_el1_state();
	write_sysreg(cpu->arch.vmpidr, vmpidr_el2);
	vgic_cpu_reset(cpu);
	write_sysreg(cell_hcr(cpu), hcr_el2);
	write_sysreg(cell_mdcr(cpu), mdcr_el2);
	write_sysreg(cpu->cell == &root_cell ? cpu->arch.saved.cptr : cpu->arch.saved.cptr | CPTR_TTA,
		     cptr_el2);
	/* Which IMPDEF control registers EL1 may write: none, but for the root. */
	write_sysreg(cpu->cell == &root_cell ? cpu->arch.root_actlr : 0, actlr_el2);
	arch_cell_activate(cpu->cell);
	/* It may run for another cell now, or its cell's mask changed while it was parked. */
	trace_cpu_sync(cpu);
	write_sysreg(cpu->wake_entry, elr_el2);
	write_sysreg(SPSR_DAIF | SPSR_EL1H, spsr_el2);
	asm volatile("tlbi vmalle1");
	dsb(nsh);
	isb();
}

int arch_cpu_init(struct per_cpu *cpu)
{
	struct arch_saved_el2 *saved = &cpu->arch.saved;

	switch_to_hv_tables();
	write_sysreg(hyp_vectors, vbar_el2);
	cpu->arch.mpidr = read_sysreg(mpidr_el1);
	cpu->arch.vmpidr = cpu->arch.mpidr;
	cpu->arch.root_actlr = read_sysreg(actlr_el2);
	if (gic_cpu_init(cpu))
		return -EIO;
	smccc_cpu_init(cpu);

	write_sysreg(saved->cnthctl | CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN, cnthctl_el2);
	write_sysreg(VTCR_FLAGS | ((u64)vtcr_ps << VTCR_PS_SHIFT), vtcr_el2);
	arch_cell_activate(cpu->cell);
	write_sysreg(cell_hcr(cpu), hcr_el2);
	isb();
	return 0;
}

unsigned int arch_cpu_mode(void)
{
	unsigned int mode = (read_sysreg(CurrentEL) >> 2) & 3;

	if (read_sysreg(hcr_el2) & HCR_VM)
		mode |= BULKHEAD_CPU_MODE_STAGE2;
	if (read_sysreg(sctlr_el2) & SCTLR_M)
		mode |= BULKHEAD_CPU_MODE_MMU;
	return mode;
}

void arch_system_power(bool reset)
{
	firmware_smc(reset ? 0x84000009 : 0x84000008, 0, 0, 0);
}
