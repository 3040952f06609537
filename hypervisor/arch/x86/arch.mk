# SPDX-License-Identifier: GPL-2.0
# x86-64 part of the hypervisor build, included by hypervisor/Makefile (see
# Documentation/porting.md): native toolchain, code-generation flags, objects.

CROSS_COMPILE ?=
BULKHEAD_ARCH_CURRENT := BULKHEAD_ARCH_X86_64

# Linked in the top 2 GiB (asm/mmu.h), hence -mcmodel=kernel. No red zone:
# NMIs and exceptions push onto the stack the code is using. No SSE/x87
# registers: the root's stay live while the hypervisor runs.
ARCH_CFLAGS := -m64 -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-jump-tables

ARCH_OBJS := entry.o setup.o vmx.o exit.o hooks.o mmu.o ept.o config.o exits.o cpuid.o msr.o cr.o io.o \
	     apic.o insn.o
