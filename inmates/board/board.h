/* SPDX-License-Identifier: BSD-2-Clause */
/* The board program's own helpers: types, MMIO, system registers, output. */
#ifndef BOARD_H
#define BOARD_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_CPUS	8
#define STACK_SIZE	(16 * 1024)	/* start.S's STACK_SHIFT */

#define sysreg_read(reg) ({ uint64_t __v; asm volatile("mrs %0, " #reg : "=r"(__v)); __v; })
#define sysreg_write(reg, v) asm volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)))

/* GICv3 CPU interface, by encoding (older assemblers lack the names). */
#define ICC_PMR_EL1	s3_0_c4_c6_0
#define ICC_IAR1_EL1	s3_0_c12_c12_0
#define ICC_EOIR1_EL1	s3_0_c12_c12_1
#define ICC_BPR1_EL1	s3_0_c12_c12_3
#define ICC_CTLR_EL1	s3_0_c12_c12_4
#define ICC_SRE_EL1	s3_0_c12_c12_5
#define ICC_IGRPEN1_EL1	s3_0_c12_c12_7
#define ICC_SGI1R_EL1	s3_0_c12_c11_5

static inline void isb(void) { asm volatile("isb" ::: "memory"); }
static inline void dsb(void) { asm volatile("dsb sy" ::: "memory"); }
static inline void cpu_relax(void) { asm volatile("yield" ::: "memory"); }
static inline void irqs_on(void) { asm volatile("msr daifclr, #2" ::: "memory"); }
static inline void irqs_off(void) { asm volatile("msr daifset, #2" ::: "memory"); }

/*
 * Device accesses as single loads and stores without writeback: a trapping
 * hypervisor (or KVM) learns register, size and direction from the syndrome
 * only for those, so no compiler choice may turn them into post-indexed ones.
 */
static inline uint32_t mmio_read32(uint64_t addr)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	dsb();
	return v;
}

static inline uint64_t mmio_read64(uint64_t addr)
{
	uint64_t v;

	asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	dsb();
	return v;
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
	dsb();
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
	dsb();
}

static inline void mmio_write64(uint64_t addr, uint64_t v)
{
	dsb();
	asm volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
	dsb();
}

static inline unsigned int this_cpu(void)
{
	return sysreg_read(tpidr_el1);
}

/* Affinity fields of an MPIDR as one number: Aff3..Aff0. */
static inline uint32_t mpidr_affinity(uint64_t mpidr)
{
	return ((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff);
}

/* output.c */
void uart_init(uint64_t base);
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* psci.c */
uint64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void psci_use_smc(bool smc);

/* board.c */
void __attribute__((noreturn)) board_fail(const char *why);

#endif
