// SPDX-License-Identifier: GPL-2.0
/*
 * Structure offsets for the assembly code, extracted at build time into
 * include/generated/asm-defines.h so that entry.S never hard-codes them.
 */
#include <bulkhead/control.h>
#include <bulkhead/header.h>
#include <asm/traps.h>
#include <asm/vmx.h>

#define DEFINE(sym, val) asm volatile("\n.ascii \"->" #sym " %c0\"" : : "i"((unsigned long)(val)))

void asm_defines(void);

void asm_defines(void)
{
	DEFINE(HEADER_CORE_SIZE, offsetof(struct bulkhead_header, core_size));
	DEFINE(HEADER_CONFIG_SIZE, offsetof(struct bulkhead_header, config_size));
	DEFINE(PERCPU_SIZE, sizeof(struct per_cpu));
	DEFINE(PERCPU_STACK_END, offsetof(struct per_cpu, stack) + PERCPU_STACK_SIZE);
	DEFINE(PERCPU_SELF, offsetof(struct per_cpu, arch.self));
	DEFINE(PERCPU_NMIS, offsetof(struct per_cpu, arch.nmis));
	DEFINE(PERCPU_KICKED, offsetof(struct per_cpu, arch.kicked));
	DEFINE(PERCPU_VMX_ON, offsetof(struct per_cpu, arch.vmx_on));
	DEFINE(VMCS_CPU_BASED_CONTROLS, CPU_BASED_VM_EXEC_CONTROL);
	DEFINE(VMCS_NMI_WINDOW_EXITING, CPU_NMI_WINDOW_EXITING);
	DEFINE(FRAME_SIZE, sizeof(struct trap_frame));
	DEFINE(ABI_VERSION, BULKHEAD_ABI_VERSION);
	DEFINE(ARCH_X86_64, BULKHEAD_ARCH_X86_64);
}
