// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3, as far as the hypervisor itself needs it: an IPI to make a cell's
 * CPU exit (cells run with physical IRQs routed to EL2), and taking such
 * interrupts at EL2. The CPU interface is used through system registers,
 * which the kernel's hyp stub enabled at EL2 (ICC_SRE_EL2.SRE); each CPU's
 * redistributor is mapped to switch the kick SGI on and off, because Linux
 * enables only the SGIs it uses itself.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/sysregs.h>

#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_HPPIR1_EL1		S3_0_C12_C12_2
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_DIR_EL1		S3_0_C12_C11_1
#define ICC_SGI1R_EL1		S3_0_C12_C11_5

#define ICC_CTLR_EOIMODE	(1UL << 1)
#define INTID_MASK		0xffffffUL

#define GICR_TYPER		0x0008
#define GICR_TYPER_VLPIS	(1UL << 1)
#define GICR_TYPER_LAST		(1UL << 4)
#define GICR_TYPER_AFF_SHIFT	32
#define GICR_FRAMES_SIZE	0x20000UL	/* RD_base and SGI_base */
#define GICR_VLPI_FRAMES_SIZE	0x20000UL	/* GICv4: VLPI_base and a reserved frame */
#define GICR_SGI_BASE		0x10000UL
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180

static u8 *gicr_base;
static unsigned long gicr_size;

#define SGI1R_TARGET(aff0)	(1UL << ((aff0) & 0xf))
#define SGI1R_AFF1_SHIFT	16
#define SGI1R_INTID_SHIFT	24
#define SGI1R_AFF2_SHIFT	32
#define SGI1R_RS_SHIFT		44
#define SGI1R_AFF3_SHIFT	48

void gic_send_sgi(u64 mpidr, unsigned int sgi)
{
	u64 aff0 = mpidr & 0xff;
	u64 val = SGI1R_TARGET(aff0) | ((u64)sgi << SGI1R_INTID_SHIFT) |
		  ((aff0 >> 4) << SGI1R_RS_SHIFT) |
		  (((mpidr >> 8) & 0xff) << SGI1R_AFF1_SHIFT) |
		  (((mpidr >> 16) & 0xff) << SGI1R_AFF2_SHIFT) |
		  (((mpidr >> 32) & 0xff) << SGI1R_AFF3_SHIFT);

	/* The stop request must be visible before the interrupt arrives. */
	dsb(ish);
	write_sysreg(val, ICC_SGI1R_EL1);
	isb();
}

static void complete(u64 iar)
{
	write_sysreg(iar, ICC_EOIR1_EL1);
	/* Linux runs the GIC with split priority drop and deactivation. */
	if (read_sysreg(ICC_CTLR_EL1) & ICC_CTLR_EOIMODE)
		write_sysreg(iar, ICC_DIR_EL1);
}

unsigned int gic_ack_irq(void)
{
	u64 iar = read_sysreg(ICC_IAR1_EL1);
	unsigned int intid = iar & INTID_MASK;

	if (intid < INTID_SPURIOUS_MIN)
		complete(iar);
	return intid;
}

void gic_drop_pending_kick(void)
{
	while ((read_sysreg(ICC_HPPIR1_EL1) & INTID_MASK) == SGI_KICK)
		complete(read_sysreg(ICC_IAR1_EL1));
}

int gic_init(void)
{
	u64 phys = system_desc()->platform.arm64.gicr_base;
	int err;

	/* The largest redistributor layout (GICv4) for every possible CPU. */
	gicr_size = hypervisor_header.max_cpus * (GICR_FRAMES_SIZE + GICR_VLPI_FRAMES_SIZE);
	err = paging_map(&hv_paging, HV_GICR_BASE, phys, gicr_size,
			 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	if (!err)
		gicr_base = (u8 *)HV_GICR_BASE;
	return err;
}

/* MPIDR affinity in the layout of GICR_TYPER[63:32]. */
static u32 typer_affinity(u64 mpidr)
{
	return (u32)((mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24);
}

int gic_cpu_init(struct per_cpu *cpu)
{
	u8 *frame = gicr_base;
	u64 typer;

	while (frame < gicr_base + gicr_size) {
		typer = *(volatile u64 *)(frame + GICR_TYPER);
		if ((typer >> GICR_TYPER_AFF_SHIFT) == typer_affinity(cpu->arch.mpidr)) {
			cpu->arch.gicr_sgi = frame + GICR_SGI_BASE;
			return 0;
		}
		if (typer & GICR_TYPER_LAST)
			break;
		frame += GICR_FRAMES_SIZE + (typer & GICR_TYPER_VLPIS ? GICR_VLPI_FRAMES_SIZE : 0);
	}
	printk("bulkhead: CPU %u: no GICv3 redistributor for MPIDR 0x%llx at 0x%llx\n", cpu->id,
	       cpu->arch.mpidr, system_desc()->platform.arm64.gicr_base);
	return -EIO;
}

void gic_enable_kick(struct per_cpu *cpu, bool enable)
{
	u32 bit = 1U << SGI_KICK;

	*(volatile u32 *)(cpu->arch.gicr_sgi + (enable ? GICR_ISENABLER0 : GICR_ICENABLER0)) = bit;
	dsb(sy);
}
