// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 CPU setup: the hypervisor's own descriptor tables and page tables,
 * and the way back to Linux (failed enable, disable).
 */
#include <bulkhead/config_arch.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <asm/mmu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/x86.h>

/* Descriptors: 64-bit code, data, and the two halves of a 64-bit available TSS. */
#define DESC_CODE64		0x00af9b000000ffffUL
#define DESC_DATA		0x00cf93000000ffffUL
#define DESC_TSS_AVAILABLE	0x89UL

const struct config_arch *const config_arches[] = { &config_arch_x86, NULL };

int hypervisor_entry(unsigned int cpu_id, u64 hv_phys, struct per_cpu *cpu);

/* 32 interrupt gates to the exception stubs (entry.S), shared by all CPUs. */
static u64 idt[32 * 2] __aligned(16);

struct per_cpu *this_cpu(void)
{
	struct per_cpu *cpu;

	asm volatile("mov %%gs:%c1, %0" : "=r"(cpu) : "i"(offsetof(struct per_cpu, arch.self)));
	return cpu;
}

static void load_descriptor_tables(struct per_cpu *cpu)
{
	struct { u16 limit; u64 base; } __attribute__((packed)) gdtr, idtr;
	u64 tss = (u64)&cpu->arch.tss;
	unsigned int v;

	cpu->arch.gdt[GDT_NULL] = 0;
	cpu->arch.gdt[GDT_CODE] = DESC_CODE64;
	cpu->arch.gdt[GDT_DATA] = DESC_DATA;
	cpu->arch.gdt[GDT_TSS] = (sizeof(struct x86_tss) - 1) | ((tss & 0xffffff) << 16) |
				 (DESC_TSS_AVAILABLE << 40) | ((tss >> 24 & 0xff) << 56);
	cpu->arch.gdt[GDT_TSS + 1] = tss >> 32;
	cpu->arch.tss.iomap_base = sizeof(struct x86_tss);
	for (v = 0; v < 32; v++) {
		u64 stub = (u64)x86_exception_stubs + 16 * v;

		/* Present, DPL 0, 64-bit interrupt gate: IF stays clear in the handler. */
		idt[2 * v] = (stub & 0xffff) | ((u64)(GDT_CODE * 8) << 16) | (0x8eUL << 40) |
			     ((stub >> 16 & 0xffff) << 48);
		idt[2 * v + 1] = stub >> 32;
	}
	gdtr.limit = sizeof(cpu->arch.gdt) - 1;
	gdtr.base = (u64)cpu->arch.gdt;
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (u64)idt;
	asm volatile("lgdt %0; lidt %1" : : "m"(gdtr), "m"(idtr));
	/* CS by a far return; the data segments, then the TSS (marks it busy). */
	asm volatile("pushq %0; lea 1f(%%rip), %%rax; pushq %%rax; lretq; 1:"
		     : : "i"(GDT_CODE * 8) : "rax", "memory");
	asm volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%ss; mov %0, %%fs"
		     : : "r"(GDT_DATA * 8));
	asm volatile("ltr %w0" : : "r"(GDT_TSS * 8));
}

/*
 * From x86_entry (entry.S), on the boot page tables and the CPU's own
 * stack. GS is ours from here on (this_cpu()); the driver saved Linux's.
 */
void __noreturn x86_cpu_entry(unsigned int id, struct per_cpu *cpu)
{
	int err;

	BUILD_BUG_ON(HV_VIRT_BASE != BULKHEAD_X86_HV_VIRT_BASE);
	BUILD_BUG_ON(offsetof(struct per_cpu, arch.boot) != 0);
	/*
	 * Nothing of a previous run counts: the memory is not cleared between
	 * runs, and the core clears only its own part (clear_percpu()). The
	 * driver's boot area and the VMX pages come before arch.self.
	 */
	memset(&cpu->arch.self, 0, sizeof(cpu->arch) - offsetof(struct arch_per_cpu, self));
	cpu->arch.self = cpu;
	wrmsr(MSR_GS_BASE, (u64)cpu);
	load_descriptor_tables(cpu);
	err = hypervisor_entry(id, cpu->arch.boot.hv_phys, cpu);
	if (!err)
		vmx_launch(cpu);
	x86_leave(cpu, &cpu->arch.boot.linux_state, err);
}

/* The trampoline page: checked once, mapped for every CPU's way back. */
int x86_map_trampoline(void)
{
	const struct bulkhead_x86_boot_area *boot = &this_cpu()->arch.boot;

	if (boot->tramp_virt < HV_VIRT_BASE + system_desc()->hypervisor_memory.size ||
	    boot->tramp_virt & (PAGE_SIZE - 1) || boot->tramp_phys & (PAGE_SIZE - 1) ||
	    boot->tramp_return - boot->tramp_virt >= PAGE_SIZE) {
		printk("bulkhead: x86: driver trampoline at 0x%llx (phys 0x%llx, return 0x%llx) "
		       "is not one page above the hypervisor\n", boot->tramp_virt, boot->tramp_phys,
		       boot->tramp_return);
		return -EINVAL;
	}
	return paging_map(&hv_paging, boot->tramp_virt, boot->tramp_phys, PAGE_SIZE,
			  PAGING_READ | PAGING_EXECUTE);
}

void arch_flush_hv_tlb(void)
{
	/* Our mappings are not global: reloading CR3 drops them on this CPU. */
	write_cr(3, read_cr(3));
}

static u32 seg_selectors(const struct bulkhead_x86_segment *a, const struct bulkhead_x86_segment *b)
{
	return a->selector | (u32)b->selector << 16;
}

/*
 * Hands the calling CPU back to Linux in @state with @result in RAX: VMX
 * off, the kernel's control registers, MSRs and descriptor tables back,
 * then the trampoline reloads CR3, the segments and the stack (its
 * register contract: driver/arch/x86/entry.S). The driver reloads TR.
 */
void __noreturn x86_leave(struct per_cpu *cpu, const struct bulkhead_x86_cpu_state *state,
			  long result)
{
	struct { u16 limit; u64 base; } __attribute__((packed)) gdtr, idtr;
	u64 regs[16];

	if (cpu->arch.vmx_on) {
		vmcs_clear(paging_hvirt2phys(cpu->arch.vmcs));
		/* Before VMXOFF: an NMI handler must not VMREAD outside VMX operation. */
		cpu->arch.vmx_on = false;
		vmx_off();
	}
	/*
	 * The driver writes our region through a write-combining mapping at
	 * the next enable: no line of it may stay in this CPU's caches.
	 */
	asm volatile("wbinvd" : : : "memory");
	write_cr(4, read_cr(4) & ~X86_CR4_VMXE);
	wrmsr(MSR_IA32_PAT, state->pat);
	wrmsr(MSR_EFER, state->efer);
	wrmsr(MSR_IA32_SYSENTER_CS, state->sysenter_cs);
	wrmsr(MSR_IA32_SYSENTER_ESP, state->sysenter_esp);
	wrmsr(MSR_IA32_SYSENTER_EIP, state->sysenter_eip);
	wrmsr(MSR_IA32_DEBUGCTL, state->debugctl);
	asm volatile("mov %0, %%dr7" : : "r"(state->dr7));
	write_cr(0, state->cr0);
	/* PCIDE may only be set with PCID 0 in CR3: ours has it, the kernel's may not. */
	write_cr(4, state->cr4);

	memset(regs, 0, sizeof(regs));
	regs[REG_RAX] = result;
	regs[REG_RDI] = state->cr3;
	regs[REG_RSI] = state->rsp;
	regs[REG_RDX] = state->rip;
	regs[REG_RCX] = state->rflags;
	regs[REG_RBX] = cpu->arch.boot.tramp_return;
	regs[REG_R8] = seg_selectors(&state->cs, &state->ss) |
		       (u64)seg_selectors(&state->ds, &state->es) << 32;
	regs[REG_R8 + 1] = seg_selectors(&state->fs, &state->gs) | (u64)state->ldtr.selector << 32;
	regs[REG_R8 + 6] = state->fs_base;
	regs[REG_R15] = state->gs_base;
	gdtr.limit = state->gdt_limit;
	gdtr.base = state->gdt_base;
	idtr.limit = state->idt_limit;
	idtr.base = state->idt_base;
	/* From here, no exception may happen in the hypervisor: the kernel's IDT is live. */
	asm volatile("lgdt %0; lidt %1" : : "m"(gdtr), "m"(idtr));
	x86_jump_to_linux(regs);
}

void __noreturn arch_cpu_return_to_linux(struct per_cpu *cpu, long result)
{
	vmx_save_root_state(&cpu->arch.exit_state);
	x86_leave(cpu, &cpu->arch.exit_state, result);
}

static const char *const exception_names[32] = {
	[0] = "divide error", [1] = "debug", [3] = "breakpoint", [4] = "overflow",
	[5] = "bound range", [6] = "invalid opcode", [7] = "device not available",
	[8] = "double fault", [10] = "invalid TSS", [11] = "segment not present",
	[12] = "stack fault", [13] = "general protection", [14] = "page fault",
	[16] = "x87 error", [17] = "alignment check", [18] = "machine check",
	[19] = "SIMD error",
};

/* An exception in the hypervisor itself is a bug: report where, then stop. */
void __noreturn x86_exception(const u64 *frame)
{
	unsigned int vector = frame[0];
	const char *name = vector < 32 && exception_names[vector] ? exception_names[vector] : "?";

	panic_printk("bulkhead: x86: exception %u (%s) in the hypervisor at RIP 0x%llx, "
		     "error code 0x%llx, CR2 0x%llx, RSP 0x%llx\n", vector, name, frame[2],
		     frame[1], read_cr(2), frame[5]);
	panic_stop("exception in the hypervisor");
}

/*
 * Live: in VMX root operation (CR4.VMXE, which VMXON requires and VMXOFF
 * clears only with us), paging on, and EPT on in the VMCS the root runs with.
 */
unsigned int arch_cpu_mode(void)
{
	unsigned int mode = read_cr(4) & X86_CR4_VMXE ? BULKHEAD_CPU_MODE_VMX_ROOT : 0;

	if (read_cr(0) & X86_CR0_PG)
		mode |= BULKHEAD_CPU_MODE_MMU;
	if (vmcs_read(SECONDARY_VM_EXEC_CONTROL) & SEC_ENABLE_EPT)
		mode |= BULKHEAD_CPU_MODE_STAGE2;
	return mode;
}
