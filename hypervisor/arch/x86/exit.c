// SPDX-License-Identifier: GPL-2.0
/*
 * VM exits: the dispatch by exit reason, and the hypercall (VMCALL). Which
 * exits can happen at all is set by the controls in vmx.c; the handlers of
 * the others the root needs live in their own files (see handlers[]).
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <asm/exits.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/vmx.h>
#include <asm/x86.h>

#define X86_VECTOR_UD		6
/* GUEST_SS_AR bits 6:5: the descriptor privilege level of SS, the CPL. */
#define AR_DPL(ar)		(((ar) >> 5) & 3)

void vmx_skip_instruction(void)
{
	vmcs_write(GUEST_RIP, vmcs_read(GUEST_RIP) + vmcs_read(VM_EXIT_INSTRUCTION_LEN));
}

void vmx_inject_exception(unsigned int vector, bool has_error, u32 error_code)
{
	u32 info = INTR_INFO_VALID | INTR_TYPE_HARD_EXCEPTION | vector;

	if (has_error) {
		info |= INTR_INFO_DELIVER_CODE;
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE, error_code);
	}
	vmcs_write(VM_ENTRY_INTR_INFO, info);
}

u64 arch_exit_pc(void)
{
	return vmcs_read(GUEST_RIP);
}

/*
 * RAX = code, RDI and RSI = arguments, RAX = result. Only the root's
 * kernel may call: its user space gets #UD, as for any unknown instruction.
 */
static bool handle_vmcall(struct per_cpu *cpu, struct trap_frame *frame)
{
	if (AR_DPL(vmcs_read(GUEST_SS_AR)) != 0) {
		vmx_inject_exception(X86_VECTOR_UD, false, 0);
		return true;
	}
	/* A successful BULKHEAD_HC_DISABLE does not come back. */
	frame->gpr[REG_RAX] = hypercall(cpu, frame->gpr[REG_RAX], frame->gpr[REG_RDI],
					frame->gpr[REG_RSI]);
	vmx_skip_instruction();
	return true;
}

static const vmx_exit_handler handlers[EXIT_REASONS] = {
	[EXIT_REASON_VMCALL] = handle_vmcall,
	[EXIT_REASON_EXCEPTION_NMI] = vmx_handle_exception,
	[EXIT_REASON_TRIPLE_FAULT] = vmx_handle_triple_fault,
	[EXIT_REASON_INIT_SIGNAL] = vmx_handle_init,
	[EXIT_REASON_NMI_WINDOW] = vmx_handle_nmi_window,
	[EXIT_REASON_CPUID] = vmx_handle_cpuid,
	[EXIT_REASON_GETSEC] = vmx_handle_undefined,
	[EXIT_REASON_INVD] = vmx_handle_invd,
	[EXIT_REASON_VMCLEAR] = vmx_handle_undefined,
	[EXIT_REASON_VMLAUNCH] = vmx_handle_undefined,
	[EXIT_REASON_VMPTRLD] = vmx_handle_undefined,
	[EXIT_REASON_VMPTRST] = vmx_handle_undefined,
	[EXIT_REASON_VMREAD] = vmx_handle_undefined,
	[EXIT_REASON_VMRESUME] = vmx_handle_undefined,
	[EXIT_REASON_VMWRITE] = vmx_handle_undefined,
	[EXIT_REASON_VMXOFF] = vmx_handle_undefined,
	[EXIT_REASON_VMXON] = vmx_handle_undefined,
	[EXIT_REASON_CR_ACCESS] = vmx_handle_cr_access,
	[EXIT_REASON_IO_INSTRUCTION] = vmx_handle_io,
	[EXIT_REASON_MSR_READ] = vmx_handle_rdmsr,
	[EXIT_REASON_MSR_WRITE] = vmx_handle_wrmsr,
	[EXIT_REASON_EPT_VIOLATION] = vmx_handle_ept_violation,
	[EXIT_REASON_EPT_MISCONFIG] = vmx_handle_ept_misconfig,
	[EXIT_REASON_INVEPT] = vmx_handle_undefined,
	[EXIT_REASON_INVVPID] = vmx_handle_undefined,
	[EXIT_REASON_XSETBV] = vmx_handle_xsetbv,
	[EXIT_REASON_VMFUNC] = vmx_handle_undefined,
};

static void report_exit(struct per_cpu *cpu, u32 reason, const char *what)
{
	panic_printk("bulkhead: x86: CPU %u: %s: exit reason %u, qualification 0x%llx, "
		     "RIP 0x%llx, RSP 0x%llx, CR0 0x%llx, CR4 0x%llx\n", cpu->id, what,
		     reason, vmcs_read(EXIT_QUALIFICATION), vmcs_read(GUEST_RIP),
		     vmcs_read(GUEST_RSP), vmcs_read(GUEST_CR0), vmcs_read(GUEST_CR4));
}

/*
 * The first entry into the root failed its checks: the CPU is still the
 * kernel's as the driver left it, so it goes back with -EIO. Later, the
 * root's state is lost: stop.
 */
static void __noreturn entry_failed(struct per_cpu *cpu, u32 reason)
{
	report_exit(cpu, reason & 0xffff, "VM entry failed");
	if (!cpu->arch.launched)
		x86_leave(cpu, &cpu->arch.boot.linux_state, -EIO);
	panic_stop("VM entry into the root failed");
}

void __noreturn vmx_entry_failed(struct per_cpu *cpu)
{
	printk("bulkhead: x86: CPU %u: VM%s failed, VM-instruction error %llu\n", cpu->id,
	       cpu->arch.launched ? "RESUME" : "LAUNCH", vmcs_read(VM_INSTRUCTION_ERROR));
	if (!cpu->arch.launched)
		x86_leave(cpu, &cpu->arch.boot.linux_state, -EIO);
	panic_stop("VMRESUME into the root failed");
}

void vmx_handle_exit(struct per_cpu *cpu, struct trap_frame *frame)
{
	u32 reason = vmcs_read(VM_EXIT_REASON);
	u16 basic = reason & 0xffff;

	cpu->stats[BULKHEAD_CPU_STAT_TOTAL]++;
	if (reason & EXIT_REASON_FAILED_ENTRY)
		entry_failed(cpu, reason);
	cpu->arch.launched = true;
	if (basic < EXIT_REASONS) {
		cpu->arch.exits[basic]++;
		if (handlers[basic] && handlers[basic](cpu, frame)) {
			/* INIT stopped this CPU (apic.c): it waits for its STARTUP IPI. */
			if (cpu->stop_request)
				cpu_stop(cpu, cpu->stop_request, frame);
			vmx_prepare_entry(cpu);
			return;
		}
	}
	report_exit(cpu, basic, "unexpected exit from the root cell");
	panic_stop("the root cell caused an exit the hypervisor does not handle");
}
