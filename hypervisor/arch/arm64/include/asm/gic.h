/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GICv3: the physical side (gic.c) and its virtualization for cells (vgic.c).
 */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <bulkhead/mmio.h>
#include <bulkhead/types.h>
#include <asm/sysregs.h>

struct cell;
struct per_cpu;
struct trap_frame;

/* SGI the hypervisor sends to a cell's CPU to make it exit; Linux uses 0-7. */
#define SGI_KICK		15
/* GICv3 maintenance interrupt (a PPI): list registers need a refill. */
#define PPI_MAINTENANCE		25
/* EL2 physical timer: ours, never a cell's. */
#define PPI_HYP_TIMER		26
#define INTID_SPURIOUS_MIN	1020
#define NUM_INTIDS		1024
/* Locality-specific peripheral interrupts (message-based, from the ITS) start here. */
#define INTID_LPI_FIRST		8192

/* 1020-1023: nothing (more) to acknowledge. Below are SGIs, PPIs and SPIs; above, LPIs. */
static inline bool gic_spurious(unsigned int intid)
{
	return intid >= INTID_SPURIOUS_MIN && intid < INTID_LPI_FIRST;
}

#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_HPPIR1_EL1		S3_0_C12_C12_2
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_DIR_EL1		S3_0_C12_C11_1
#define ICC_SGI1R_EL1		S3_0_C12_C11_5
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_CTLR_EOIMODE	(1UL << 1)

#define ICH_AP0R0_EL2		S3_4_C12_C8_0
#define ICH_AP1R0_EL2		S3_4_C12_C9_0
#define ICH_HCR_EL2		S3_4_C12_C11_0
#define ICH_VTR_EL2		S3_4_C12_C11_1
#define ICH_ELRSR_EL2		S3_4_C12_C11_5
#define ICH_VMCR_EL2		S3_4_C12_C11_7
#define ICH_HCR_EN		(1UL << 0)
#define ICH_HCR_UIE		(1UL << 1)

#define ICH_MISR_EL2		S3_4_C12_C11_2
#define ICH_EISR_EL2		S3_4_C12_C11_3

/* ICH_LR<n>_EL2 fields */
#define LR_PINTID_SHIFT		32
#define LR_PRIORITY_SHIFT	48
#define LR_GROUP1		(1UL << 60)
/* With HW 0: a maintenance interrupt when the guest deactivates it. */
#define LR_EOI			(1UL << 41)
#define LR_HW			(1UL << 61)
#define LR_PENDING		(1UL << 62)
#define LR_ACTIVE		(1UL << 63)
#define LR_STATE_MASK		(3UL << 62)
#define LR_VINTID_MASK		0xffffffffUL

/* ICC_SGI1R_EL1 fields */
#define SGI1R_TARGETS_MASK	0xffffUL
#define SGI1R_AFF1_SHIFT	16
#define SGI1R_INTID_SHIFT	24
#define SGI1R_AFF2_SHIFT	32
#define SGI1R_IRM		(1UL << 40)
#define SGI1R_RS_SHIFT		44
#define SGI1R_AFF3_SHIFT	48

/* Distributor registers (offsets from GICD_base) */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	0x7fe0
#define GICD_TYPER_MBIS		(1U << 16)
#define GICD_TYPER_LPIS		(1U << 17)
#define GICD_TYPER_DVIS		(1U << 18)
#define GICD_TYPER_NO1N		(1U << 25)
#define GICD_TYPER_NO_CELL	(GICD_TYPER_MBIS | GICD_TYPER_LPIS | GICD_TYPER_DVIS)
#define GICD_CTLR_ENABLE_GRP0	(1U << 0)
#define GICD_CTLR_ENABLE_GRP1	(1U << 1)
#define GICD_CTLR_ARE		(1U << 4)
#define GICD_CTLR_DS		(1U << 6)
#define GICD_CTLR_RWP		(1U << 31)
#define IROUTER_IRM		(1UL << 31)
/* GICD_IROUTER's affinity fields: Aff3 in 39:32, Aff2-0 in 23:0. */
#define IROUTER_AFF_MASK	0xff00ffffffUL
#define GICD_ID_REGS		0xffd0
#define GICD_SIZE		0x10000UL

/* ITS: the control frame (registers), then the translation frame (GITS_TRANSLATER). */
#define GITS_CTRL_SIZE		0x10000UL
#define GITS_SIZE		0x20000UL

/* Redistributor: RD_base, then SGI_base with the same layout as GICD for INTIDs 0-31. */
#define GICR_IIDR		0x0004
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_TYPER_VLPIS	(1UL << 1)
#define GICR_TYPER_LAST		(1UL << 4)
#define GICR_TYPER_PROC_SHIFT	8
#define GICR_WAKER_PROCESSOR_SLEEP	(1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP	(1U << 2)
#define GICR_TYPER_AFF_SHIFT	32
#define GICR_FRAMES_SIZE	0x20000UL	/* RD_base and SGI_base */
#define GICR_VLPI_FRAMES_SIZE	0x20000UL	/* GICv4: VLPI_base and a reserved frame */
#define GICR_SGI_BASE		0x10000UL

/* Hypervisor mappings of the distributor, the redistributors and the ITS control frame. */
extern u8 *gicd_base;
extern u8 *gicr_base;
extern unsigned long gicr_size;
extern u8 *gits_base;

/*
 * How far a redistributor's frames reach, by its GICR_TYPER: RD_base and
 * SGI_base, with GICv4 also VLPI_base and a reserved one.
 */
unsigned long gic_frame_span(u64 typer);

/* Where, from the redistributors' start, the frame holding @offset begins; -1 past the last. */
long gic_redist_frame(unsigned long offset);

static inline u32 gic_read32(const u8 *reg)
{
	return *(const volatile u32 *)reg;
}

static inline void gic_write32(u8 *reg, u32 val)
{
	*(volatile u32 *)reg = val;
}

static inline u64 gic_read64(const u8 *reg)
{
	return *(const volatile u64 *)reg;
}

static inline void gic_write64(u8 *reg, u64 val)
{
	*(volatile u64 *)reg = val;
}

/* Maps distributor and redistributors; once, before gic_cpu_init(). */
int gic_init(void);

/* Finds the calling CPU's redistributor. */
int gic_cpu_init(struct per_cpu *cpu);

/* Sends SGI @sgi to the CPU with affinity @mpidr. */
void gic_send_sgi(u64 mpidr, unsigned int sgi);

/* Acknowledges the highest pending interrupt; returns its INTID (>= 1020: none). */
unsigned int gic_ack_irq(void);

/* The INTID gic_ack_irq() would return now, leaving it pending (>= 1020: none). */
unsigned int gic_highest_pending(void);

/* Priority drop and deactivation of an acknowledged interrupt we keep. */
void gic_complete(unsigned int intid);

/* Priority drop only: a guest's virtual EOI deactivates it (list register HW bit). */
void gic_priority_drop(unsigned int intid);

/* MPIDR affinity in the layout of GICR_TYPER[63:32] and GICD_IROUTER. */
u64 gic_mpidr_to_irouter(u64 mpidr);

/* List registers */
unsigned int gic_num_lrs(void);
u64 gic_read_lr(unsigned int n);
void gic_write_lr(unsigned int n, u64 val);

/* vgic.c */
int vgic_cell_init(struct cell *cell);
void vgic_cell_reset_irqs(struct cell *cell, u64 route_mpidr);
void vgic_cpu_reset(struct per_cpu *cpu);
void vgic_cpu_park(struct per_cpu *cpu);
void vgic_handle_irq(struct per_cpu *cpu);
bool vgic_handle_sysreg(struct per_cpu *cpu, struct trap_frame *frame, u64 esr);
void vgic_flush(struct per_cpu *cpu);
/* A list register of the calling CPU holds a pending virtual interrupt. */
bool vgic_lrs_pending(void);

/* Shared by vgic.c, vgic-redist.c and vgic-vspi.c. */
/*
 * Physical PPIs a cell's CPU never gets to see or change. Its SGIs are all
 * virtual, SGI 15 included: the physical kick never reaches it.
 */
#define HYPERVISOR_PRIVATE	((1U << PPI_MAINTENANCE) | (1U << PPI_HYP_TIMER))
#define CELL_SGIS		0x0000ffffU
#define CELL_PPIS		(0xffff0000U & ~HYPERVISOR_PRIVATE)
/*
 * One access to a register with a field per interrupt, for the bits @mask
 * allows. Set/clear registers (@rmw false) act only on the bits written as
 * one; the others keep the bits of interrupts the caller does not own.
 */
void vgic_filtered_access(struct mmio_access *access, u8 *reg, u32 mask, bool rmw);
/* Priority bytes: those @mask allows, one by one. */
void vgic_priority_access(struct mmio_access *access, u8 *reg, u32 mask);
/*
 * A cell's read @value of register bank @bank (ISPENDR to ICACTIVER) for the
 * INTIDs of @word, corrected for the physical interrupts its CPUs (@cpu_set)
 * acknowledged and hold in their queues: pending in its view, not active.
 */
u32 vgic_held_view(u64 cpu_set, unsigned int word, u64 bank, u32 value);
/* A cell's access to the redistributors (vgic-redist.c). */
enum mmio_result vgic_redist_access(struct per_cpu *cpu, struct mmio_access *access, void *arg);
/* SPI @intid is one of @cell's physical ones. */
bool vgic_spi_owned(const struct cell *cell, unsigned int intid);
/* Queues virtual interrupt @intid for @cpu (any CPU may call this); the caller kicks it. */
void vgic_queue_virq(struct per_cpu *cpu, unsigned int intid);
/* SPI @intid is in Group 1 in @cell's view (GICD_IGROUPR). */
bool vgic_spi_group1(const struct cell *cell, unsigned int intid);
/* @cell's virtual GICD_CTLR enables the group (1 if @group1, else 0). */
bool vgic_group_enabled(const struct cell *cell, bool group1);
/* The CPU of @cell whose virtual affinity @route (GICD_IROUTER layout) names, or NULL. */
struct per_cpu *vgic_vcpu_by_route(struct cell *cell, u64 route);

/* vgic-vspi.c: the SPIs of a cell's emulated devices (see there). */
enum vspi_take { VSPI_PHYSICAL, VSPI_DROP, VSPI_TAKEN };
/* Takes the interrupts of the config's emulated devices as @cell's virtual SPIs. */
void vspi_cell_init(struct cell *cell);
/* Every virtual SPI to its reset state, routed to @route; lines stay as they are. */
void vspi_cell_reset(struct cell *cell, u64 route);
/* Bits of @cell's virtual SPIs among the 32 INTIDs from @first. */
u32 vspi_bits(const struct cell *cell, unsigned int first);
/*
 * An access to the @count fields of @bits from INTID @first of a
 * distributor register bank at @bank: returns the virtual SPIs' fields
 * (after a write: as they are now), the other bits 0.
 */
u32 vspi_bank_access(struct cell *cell, u64 bank, unsigned int bits, unsigned int first,
		     unsigned int count, bool write, u32 val);
/* GICD_IROUTER<@intid>; false if @intid is no virtual SPI. */
bool vspi_irouter_access(struct cell *cell, unsigned int intid, struct mmio_access *access);
/* GICD_SETSPI_NSR (@pending) and CLRSPI_NSR; false if @intid is no virtual SPI. */
bool vspi_set_pending(struct cell *cell, unsigned int intid, bool pending);
u8 vspi_priority(struct cell *cell, unsigned int intid);
/*
 * @intid queued for @cpu goes into a list register: VSPI_TAKEN with *@lr
 * (but its state) filled; VSPI_DROP if it is no longer to be signalled;
 * VSPI_PHYSICAL if it is no virtual SPI.
 */
enum vspi_take vspi_take(struct per_cpu *cpu, unsigned int intid, u64 *lr);
/*
 * @cpu's list register gave virtual SPI @intid back: deactivated by the
 * guest, or taken away (@unseen: still only pending).
 */
void vspi_lr_returned(struct per_cpu *cpu, unsigned int intid, bool unseen);
/* @cpu parks or resets: the virtual SPIs handed to it go back to the distributor. */
void vspi_cpu_release(struct per_cpu *cpu);
/* Signals what became deliverable (a group enabled, say). */
void vspi_update_all(struct cell *cell);

/*
 * The root reaches the GIC's table base registers only through the checks of
 * gic-tables.c: unmaps every RD_base frame and the ITS control frame from its
 * stage 2 and registers the ITS emulation. Once, at root cell set-up.
 */
int gic_root_trap_tables(void);

/* The root's access at @off in the RD_base frame @frame of one of its own CPUs. */
enum mmio_result gic_root_rd_access(u8 *frame, struct mmio_access *access, u64 off);

#endif /* !_ASM_GIC_H */
