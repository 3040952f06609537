// SPDX-License-Identifier: GPL-2.0
/*
 * The local APICs: the hypervisor's own IPIs (a kick is an NMI) and the
 * root's interrupt command register (ICR), which it writes through the
 * hypervisor. Every IPI goes out as the root asked, except INIT and
 * STARTUP: those start and stop CPUs, which is the hypervisor's business
 * (a real INIT would take a CPU out of VMX non-root operation for good on
 * some CPUs, and would leave a cell's CPU to the root). An INIT stops the
 * target in the hypervisor, the next STARTUP starts it in the root at the
 * vector's page, as INIT-SIPI does on a bare CPU (Documentation/x86.md).
 *
 * Linux uses the xAPIC (memory-mapped) or the x2APIC (MSRs) interface;
 * IA32_APIC_BASE says which, on each access, since the root may switch.
 */
#include <bulkhead/config_arch.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <asm/apic.h>
#include <asm/mmu.h>
#include <asm/processor.h>

#define MSR_IA32_APIC_BASE	0x1b
#define APIC_BASE_X2APIC	(1UL << 10)
#define APIC_BASE_ENABLED	(1UL << 11)
#define APIC_BASE_ADDR_MASK	0x000ffffffffff000UL
/* x2APIC registers are MSRs 0x800 + the xAPIC offset / 16. */
#define X2APIC_MSR(offset)	(0x800 + ((offset) >> 4))
#define APIC_ICR_HIGH		0x310
#define XAPIC_DEST_SHIFT	24

#define ICR_DELIVERY(low)	(((low) >> 8) & 7)
#define ICR_VECTOR(low)		((low) & 0xff)
#define ICR_LOGICAL		(1U << 11)
#define ICR_BUSY		(1U << 12)
#define ICR_ASSERT		(1U << 14)
#define ICR_SHORTHAND(low)	(((low) >> 18) & 3)
/* Bits 12, 13, 16, 17 and 20-31 of the x2APIC ICR's low half (SDM 11.12.9). */
#define X2APIC_ICR_RESERVED	0xfff33000U
#define DELIVERY_NMI		4
#define DELIVERY_INIT		5
#define DELIVERY_STARTUP	6

static volatile u32 *const xapic = (volatile u32 *)HV_APIC_WINDOW;

static bool x2apic_mode(void)
{
	return rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_X2APIC;
}

static u32 xapic_read(unsigned int offset)
{
	return xapic[offset / 4];
}

static void xapic_write(unsigned int offset, u32 value)
{
	xapic[offset / 4] = value;
}

/*
 * Sends @low to @dest (an APIC id) from the calling CPU. In xAPIC mode
 * the destination register is the root's too: what it held goes back.
 */
static void icr_send(u32 low, u32 dest)
{
	u32 saved;

	if (x2apic_mode()) {
		wrmsr(X2APIC_MSR(APIC_ICR), (u64)dest << 32 | low);
		return;
	}
	while (xapic_read(APIC_ICR) & ICR_BUSY)
		cpu_wait();
	saved = xapic_read(APIC_ICR_HIGH);
	xapic_write(APIC_ICR_HIGH, dest << XAPIC_DEST_SHIFT);
	xapic_write(APIC_ICR, low);
	xapic_write(APIC_ICR_HIGH, saved);
}

/*
 * The xAPIC window is the one the config names, enabled, on every CPU;
 * it is mapped uncached for the hypervisor's own accesses. In x2APIC mode
 * the window is unused, but Linux may fall back to it: it is checked alike.
 */
int apic_init(void)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE), expected = system_desc()->platform.x86.lapic_base;

	if (!(base & APIC_BASE_ENABLED) || (base & APIC_BASE_ADDR_MASK) != expected) {
		printk("bulkhead: x86: the local APIC is %s at 0x%llx, the config's lapic_base "
		       "is 0x%llx\n", base & APIC_BASE_ENABLED ? "enabled" : "disabled",
		       base & APIC_BASE_ADDR_MASK, expected);
		return -EINVAL;
	}
	return paging_map(&hv_paging, HV_APIC_WINDOW, expected, PAGE_SIZE,
			  PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
}

/* The calling CPU's APIC id, which the root's IPIs name it by. */
u32 apic_id(void)
{
	if (x2apic_mode())
		return (u32)rdmsr(X2APIC_MSR(APIC_ID));
	return xapic_read(APIC_ID) >> XAPIC_DEST_SHIFT;
}

/* The kick: an NMI, which exits (NMI exiting) or, if it hits us, asks for an exit (entry.S). */
void apic_send_nmi(struct per_cpu *target)
{
	__atomic_store_n(&target->arch.kicked, 1, __ATOMIC_SEQ_CST);
	icr_send(DELIVERY_NMI << 8 | ICR_ASSERT, target->arch.apic_id);
}

static struct per_cpu *cell_cpu_by_apic_id(struct cell *cell, u32 dest)
{
	unsigned int id;

	for_each_cpu(id, cell->cpu_set)
		if (per_cpu(id)->arch.apic_id == dest)
			return per_cpu(id);
	return NULL;
}

/*
 * INIT for @target: it waits for a STARTUP from now on (one it had not
 * taken yet is void), and stops at its next exit.
 */
void apic_init_signal(struct per_cpu *target)
{
	spin_lock(&target->wake_lock);
	target->wake_pending = false;
	target->arch.wait_for_sipi = true;
	target->stop_request = BULKHEAD_CPU_PARKED;
	spin_unlock(&target->wake_lock);
}

/*
 * STARTUP: a target that waits for one since its INIT (parked, or on its
 * way there) starts at the vector's page; any other STARTUP is ignored, as
 * by a bare CPU (Linux sends two). Under the cell's lock, which orders it
 * against the cell manager, as PSCI's CPU_ON on arm64.
 */
static void startup(struct per_cpu *cpu, struct per_cpu *target, unsigned int vector)
{
	spin_lock(&cpu->cell->lock);
	spin_lock(&target->wake_lock);
	if (target->arch.wait_for_sipi) {
		target->arch.wait_for_sipi = false;
		target->wake_entry = (u64)vector << PAGE_SHIFT;
		target->wake_arg = 0;
		target->wake_pending = true;
	}
	spin_unlock(&target->wake_lock);
	spin_unlock(&cpu->cell->lock);
}

void apic_root_icr_write(struct per_cpu *cpu, u32 low, u32 dest)
{
	unsigned int mode = ICR_DELIVERY(low);
	struct per_cpu *target;

	cpu->stats[BULKHEAD_CPU_STAT_OTHER]++;
	if (mode != DELIVERY_INIT && mode != DELIVERY_STARTUP) {
		icr_send(low, dest);
		return;
	}
	/* INIT level de-assert: a no-op since the Pentium 4. */
	if (mode == DELIVERY_INIT && !(low & ICR_ASSERT))
		return;
	target = cell_cpu_by_apic_id(cpu->cell, dest);
	if (ICR_SHORTHAND(low) || (low & ICR_LOGICAL) || !target || target == cpu) {
		printk("bulkhead: cell \"%s\" CPU %u: %s IPI to %s 0x%x ignored (only to another "
		       "of its CPUs by physical APIC id)\n", cpu->cell->name, cpu->id,
		       mode == DELIVERY_INIT ? "INIT" : "STARTUP",
		       ICR_SHORTHAND(low) ? "shorthand" : low & ICR_LOGICAL ? "logical" : "APIC id",
		       ICR_SHORTHAND(low) ? ICR_SHORTHAND(low) : dest);
		return;
	}
	if (mode == DELIVERY_STARTUP) {
		startup(cpu, target, ICR_VECTOR(low));
		return;
	}
	apic_init_signal(target);
	arch_cpu_kick(target);
}

/*
 * WRMSR to the x2APIC's ICR (the only x2APIC MSR the bitmap makes exit):
 * false if the CPU would refuse it (#GP): not in x2APIC mode, or reserved
 * bits set, which our own WRMSR must not fault on either.
 */
bool apic_root_x2apic_icr_write(struct per_cpu *cpu, u64 value)
{
	if (!x2apic_mode() || (u32)value & X2APIC_ICR_RESERVED)
		return false;
	apic_root_icr_write(cpu, (u32)value, value >> 32);
	return true;
}

/*
 * A 32-bit store of the root to its xAPIC window (the EPT maps it
 * read-only): the ICR's low half sends, with the destination the root
 * wrote before; every other register gets the value as it is.
 */
void apic_root_mmio_write(struct per_cpu *cpu, unsigned int offset, u32 value)
{
	if (offset == APIC_ICR)
		apic_root_icr_write(cpu, value, xapic_read(APIC_ICR_HIGH) >> XAPIC_DEST_SHIFT);
	else
		xapic_write(offset, value);
}
