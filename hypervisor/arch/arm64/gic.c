// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3, the physical side: the CPU interface through system registers
 * (the kernel's hyp stub enabled them at EL2: ICC_SRE_EL2.SRE), the
 * distributor and each CPU's redistributor through our own mappings, and the
 * list registers that carry virtual interrupts into cells (vgic.c).
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <asm/gic.h>
#include <asm/mmu.h>

#define INTID_MASK		0xffffffUL

u8 *gicd_base;
u8 *gicr_base;
unsigned long gicr_size;
/* Read once at gic_init(): every CPU of the machine has as many. */
static unsigned int num_lrs;
/* INTIDs below this exist (GICD_TYPER.ITLinesNumber), read once too. */
static unsigned int num_intids;

u64 gic_mpidr_to_irouter(u64 mpidr)
{
	return (mpidr & 0xffffff) | (((mpidr >> 32) & 0xff) << 32);
}

void gic_send_sgi(u64 mpidr, unsigned int sgi)
{
	u64 aff0 = mpidr & 0xff;
	u64 val = (1UL << (aff0 & 0xf)) | ((u64)sgi << SGI1R_INTID_SHIFT) |
		  ((aff0 >> 4) << SGI1R_RS_SHIFT) |
		  (((mpidr >> 8) & 0xff) << SGI1R_AFF1_SHIFT) |
		  (((mpidr >> 16) & 0xff) << SGI1R_AFF2_SHIFT) |
		  (((mpidr >> 32) & 0xff) << SGI1R_AFF3_SHIFT);

	/* What the target is to act on must be visible before the interrupt arrives. */
	dsb(ish);
	write_sysreg(val, ICC_SGI1R_EL1);
	isb();
}

void arch_irq_raise(unsigned int intid)
{
	gic_write32(gicd_base + GICD_ISPENDR + (intid / 32) * 4, 1U << (intid % 32));
}

unsigned int gic_ack_irq(void)
{
	return read_sysreg(ICC_IAR1_EL1) & INTID_MASK;
}

unsigned int gic_highest_pending(void)
{
	return read_sysreg(ICC_HPPIR1_EL1) & INTID_MASK;
}

void gic_priority_drop(unsigned int intid)
{
	write_sysreg(intid, ICC_EOIR1_EL1);
}

/* Only on cells' CPUs, which run with EOImode 1 (vgic_cpu_reset). */
void gic_complete(unsigned int intid)
{
	write_sysreg(intid, ICC_EOIR1_EL1);
	write_sysreg(intid, ICC_DIR_EL1);
}

unsigned long gic_frame_span(u64 typer)
{
	return GICR_FRAMES_SIZE + (typer & GICR_TYPER_VLPIS ? GICR_VLPI_FRAMES_SIZE : 0);
}

/*
 * The frames really there, up to the one marked last: nothing is read
 * beyond, where a board may have no device to answer.
 */
static unsigned long redistributors_size(void)
{
	u8 *frame = gicr_base;
	u64 typer;

	while (frame < gicr_base + gicr_size) {
		typer = gic_read64(frame + GICR_TYPER);
		frame += gic_frame_span(typer);
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return frame - gicr_base;
}

long gic_redist_frame(unsigned long offset)
{
	unsigned long pos = 0;

	while (pos < gicr_size) {
		unsigned long span = gic_frame_span(gic_read64(gicr_base + pos + GICR_TYPER));

		if (offset < pos + span)
			return (long)pos;
		pos += span;
	}
	return -1;
}

int gic_init(void)
{
	const struct bulkhead_platform_arm64 *gic = &system_desc()->platform.arm64;
	int err;

	/* The largest redistributor layout (GICv4) for every possible CPU. */
	gicr_size = hypervisor_header.max_cpus * (GICR_FRAMES_SIZE + GICR_VLPI_FRAMES_SIZE);
	err = paging_map(&hv_paging, HV_GICD_BASE, gic->gicd_base, GICD_SIZE,
			 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	err = err ?: paging_map(&hv_paging, HV_GICR_BASE, gic->gicr_base, gicr_size,
				PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	if (err)
		return err;
	if (gic->gits_base) {
		err = paging_map(&hv_paging, HV_GITS_BASE, gic->gits_base, GITS_CTRL_SIZE,
				 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
		if (err)
			return err;
		gits_base = (u8 *)HV_GITS_BASE;
	}
	gicd_base = (u8 *)HV_GICD_BASE;
	gicr_base = (u8 *)HV_GICR_BASE;
	gicr_size = redistributors_size();
	num_lrs = (read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	num_intids = MIN(32 * ((gic_read32(gicd_base + GICD_TYPER) & 0x1f) + 1),
			 INTID_SPURIOUS_MIN);
	return 0;
}

unsigned int arch_num_irqs(void)
{
	return num_intids;
}

int gic_cpu_init(struct per_cpu *cpu)
{
	u64 affinity = gic_mpidr_to_irouter(cpu->arch.mpidr);
	u8 *frame = gicr_base;
	u64 typer, aff;

	while (frame < gicr_base + gicr_size) {
		typer = gic_read64(frame + GICR_TYPER);
		aff = typer >> GICR_TYPER_AFF_SHIFT;
		/* GICR_TYPER packs Aff3 into bits 31:24; IROUTER keeps it at 39:32. */
		if ((aff & 0xffffff) == (affinity & 0xffffff) && (aff >> 24) == (affinity >> 32)) {
			cpu->arch.gicr = frame;
			cpu->arch.gicr_phys = system_desc()->platform.arm64.gicr_base +
					      (frame - gicr_base);
			cpu->arch.gicr_span = gic_frame_span(typer);
			return 0;
		}
		if (typer & GICR_TYPER_LAST)
			break;
		frame += gic_frame_span(typer);
	}
	printk("bulkhead: CPU %u: no GICv3 redistributor for MPIDR 0x%llx at 0x%llx\n", cpu->id,
	       cpu->arch.mpidr, system_desc()->platform.arm64.gicr_base);
	return -EIO;
}

unsigned int gic_num_lrs(void)
{
	return num_lrs;
}

/* ICH_LR<n>_EL2: op0 3, op1 4, CRn 12, CRm 12 + n / 8, op2 n % 8. */
#define LR_CASE(n, crm, op2)						\
	case n:								\
		if (write)						\
			write_sysreg(val, S3_4_C12_##crm##_##op2);	\
		else							\
			val = read_sysreg(S3_4_C12_##crm##_##op2);	\
		break

static u64 access_lr(unsigned int n, bool write, u64 val)
{
	switch (n) {
	LR_CASE(0, C12, 0); LR_CASE(1, C12, 1); LR_CASE(2, C12, 2); LR_CASE(3, C12, 3);
	LR_CASE(4, C12, 4); LR_CASE(5, C12, 5); LR_CASE(6, C12, 6); LR_CASE(7, C12, 7);
	LR_CASE(8, C13, 0); LR_CASE(9, C13, 1); LR_CASE(10, C13, 2); LR_CASE(11, C13, 3);
	LR_CASE(12, C13, 4); LR_CASE(13, C13, 5); LR_CASE(14, C13, 6); LR_CASE(15, C13, 7);
	}
	return val;
}

u64 gic_read_lr(unsigned int n)
{
	return access_lr(n, false, 0);
}

void gic_write_lr(unsigned int n, u64 val)
{
	access_lr(n, true, val);
}
