# SPDX-License-Identifier: GPL-2.0
# arm64 part of the hypervisor build, included by hypervisor/Makefile (see
# Documentation/porting.md): default toolchain, code-generation flags, objects.

CROSS_COMPILE ?= aarch64-linux-gnu-
BULKHEAD_ARCH_CURRENT := BULKHEAD_ARCH_ARM64

# No FP/SIMD registers at EL2 (the guest's stay live), no outline atomics
# (they call into libgcc helpers probing HWCAPs), no unaligned accesses while
# the EL2 MMU may be off.
ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics -mcmodel=small -mstrict-align

ARCH_OBJS := entry.o setup.o traps.o mmio-insn.o psci.o smccc.o sysreg.o mmu.o gic.o timer.o \
	vgic.o vgic-redist.o vgic-vspi.o gic-tables.o sha256-ce.o trace.o config.o
