/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arm64 helpers of the inmate library: system registers, MMIO, barriers.
 * Included by <inmate.h>; do not include directly.
 */
#ifndef _INMATE_ARCH_H
#define _INMATE_ARCH_H

#define read_sysreg(reg) ({						\
	unsigned long __val;						\
	asm volatile("mrs %0, " #reg : "=r" (__val));			\
	__val;								\
})

#define write_sysreg(reg, val)						\
	asm volatile("msr " #reg ", %0" : : "r" ((unsigned long)(val)))

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define dmb(opt)	asm volatile("dmb " #opt : : : "memory")
#define cpu_relax()	asm volatile("yield" : : : "memory")
#define wfi()		asm volatile("wfi" : : : "memory")

/* Generic timer: the virtual counter and its frequency register. */
static inline unsigned long arch_timer_ticks(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline unsigned long arch_timer_frequency(void)
{
	return read_sysreg(cntfrq_el0);
}

/*
 * smc #0 with x0 = fn, x1..x3 = args (SMC Calling Convention); returns x0.
 * In a cell, the hypervisor handles the call (PSCI) or fails the cell.
 */
long smc_call(unsigned long fn, unsigned long arg1, unsigned long arg2, unsigned long arg3);
/*
 * hvc #0 with x0 = fn unchanged, otherwise like smc_call(): the PSCI conduit
 * of a machine without EL3 firmware. In a cell, use hypercall() instead.
 */
long hvc_call(unsigned long fn, unsigned long arg1, unsigned long arg2, unsigned long arg3);

/* MPIDR_EL1 affinity fields Aff3..Aff0, the id PSCI expects. */
#define MPIDR_AFF_MASK	0xff00ffffffUL

static inline unsigned long this_cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

/*
 * Device accesses as single loads and stores without write-back, so that
 * a trapped access carries a valid syndrome the hypervisor can emulate.
 */
static inline unsigned int mmio_read32(unsigned long addr)
{
	unsigned int val;

	asm volatile("ldr %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

static inline void mmio_write32(unsigned long addr, unsigned int val)
{
	asm volatile("str %w0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

static inline unsigned long mmio_read64(unsigned long addr)
{
	unsigned long val;

	asm volatile("ldr %0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

static inline void mmio_write64(unsigned long addr, unsigned long val)
{
	asm volatile("str %x0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

static inline unsigned char mmio_read8(unsigned long addr)
{
	unsigned int val;

	asm volatile("ldrb %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

static inline void mmio_write8(unsigned long addr, unsigned char val)
{
	asm volatile("strb %w0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

/* PSTATE.I: IRQs taken (enable) or held pending (disable) on this CPU. */
static inline void irq_local_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_local_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

/* Masks IRQs; returns the DAIF value to give irq_local_restore(). */
static inline unsigned long irq_local_save(void)
{
	unsigned long flags = read_sysreg(daif);

	irq_local_disable();
	return flags;
}

static inline void irq_local_restore(unsigned long flags)
{
	write_sysreg(daif, flags);
}

/*
 * Sleeps until an interrupt is pending, lets it be handled, and returns
 * with PSTATE.I as it was. Called with IRQs disabled after checking the
 * condition waited for, no wake-up is lost: an interrupt that came in
 * between is pending, so wfi returns at once.
 */
static inline void wait_for_interrupt(void)
{
	unsigned long flags = read_sysreg(daif);

	wfi();
	irq_local_enable();
	isb();
	write_sysreg(daif, flags);
}

/* Smallest data cache line, bytes (CTR_EL0.DminLine: log2 of 4-byte words). */
static inline unsigned long dcache_line_size(void)
{
	return 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

/*
 * "dc op" (cvac: clean, ivac: invalidate, civac: both, to the point of
 * coherency) on every data cache line of [start, start + size), then
 * dsb sy: the way between cached and uncached views of memory.
 */
#define dcache_range(op, start, size) do {					\
	unsigned long __line = dcache_line_size();				\
	unsigned long __pos = (unsigned long)(start) & ~(__line - 1);		\
	unsigned long __end = (unsigned long)(start) + (size);			\
									\
	for (; __pos < __end; __pos += __line)					\
		asm volatile("dc " #op ", %0" : : "r" (__pos) : "memory");	\
	dsb(sy);								\
} while (0)

/*
 * GICv3 of the QEMU "virt" board, as a cell sees it too: the distributor,
 * and the redistributors, 128 KiB each, in GICR_BASE..+GICR_SIZE. Which one
 * is this CPU's is found by its GICR_TYPER affinity, not by its position.
 */
#define GICD_BASE	0x08000000UL
#define GICR_BASE	0x080a0000UL
#define GICR_SIZE	0x00f60000UL

/* INTID of the EL1 virtual timer (a PPI): the one the timer_* calls use. */
#define TIMER_IRQ	27

#endif /* !_INMATE_ARCH_H */
