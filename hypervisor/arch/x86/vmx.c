// SPDX-License-Identifier: GPL-2.0
/*
 * VMX root operation and the root cell's VMCS: Linux continues in VMX
 * non-root operation exactly where the driver left it (the guest state is
 * the kernel's, captured by the driver), under EPT, with VPID-tagged TLB
 * entries, and exits only for what the controls below leave no choice
 * about or the exit handlers (exit.c) need.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <asm/apic.h>
#include <asm/cr.h>
#include <asm/ept.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/vmx.h>
#include <asm/x86.h>

#define VMX_BASIC_REVISION_MASK	0x7fffffffUL
/* CPUID.1:ECX.VMX */
#define CPUID_1_ECX_VMX		(1U << 5)
#define X86_VECTOR_NMI		2
#define EFER_LMA		(1UL << 10)
/* GUEST_INTERRUPTIBILITY_INFO: an NMI cannot be delivered now. */
#define BLOCKING_BY_MOV_SS	(1U << 1)
#define BLOCKING_BY_NMI		(1U << 3)

/* Chosen once on the first CPU (every CPU must offer the same), used by all. */
static struct {
	u32 pin, cpu, cpu2, exit, entry;
} controls;
static u32 vmcs_revision;
/*
 * The root's MSR bitmap and I/O bitmaps A and B: zero bits let an access
 * through, a set bit makes it exit (the handlers decide). Shared by all CPUs.
 */
static u8 *msr_bitmap, *io_bitmaps;

/*
 * @want | what the CPU forces on, if the CPU allows every bit of @want
 * (@msr: low half, bits that must be 1; high half, bits that may be 1);
 * @optional bits only where allowed.
 */
static int adjust_controls(u32 msr, u32 want, u32 optional, u32 *out, const char *what)
{
	u64 caps = rdmsr(msr);
	u32 must = (u32)caps, may = caps >> 32;

	if (want & ~may) {
		printk("bulkhead: x86: the CPU lacks VMX %s controls 0x%x\n", what, want & ~may);
		return -ENODEV;
	}
	*out = (want | optional | must) & may;
	return 0;
}

int vmx_check_features(void)
{
	u64 basic = rdmsr(MSR_IA32_VMX_BASIC);
	bool true_ctls = basic & VMX_BASIC_TRUE_CTLS;
	const char *missing;
	u32 regs[4];
	int err;

	cpuid(1, 0, regs);
	if (!(regs[2] & CPUID_1_ECX_VMX)) {
		printk("bulkhead: x86: the CPU has no VT-x (CPUID.1:ECX.VMX clear)\n");
		return -ENODEV;
	}
	vmcs_revision = basic & VMX_BASIC_REVISION_MASK;
	/*
	 * NMIs exit: a kick is an NMI (apic.c), and the root's own are
	 * forwarded. Virtual NMIs track the root's NMI blocking, so that an
	 * NMI it cannot take yet waits for its NMI window.
	 */
	err = adjust_controls(true_ctls ? MSR_IA32_VMX_TRUE_PINBASED_CTLS :
			      MSR_IA32_VMX_PINBASED_CTLS, PIN_NMI_EXITING | PIN_VIRTUAL_NMIS, 0,
			      &controls.pin, "pin-based");
	err = err ?: adjust_controls(true_ctls ? MSR_IA32_VMX_TRUE_PROCBASED_CTLS :
				     MSR_IA32_VMX_PROCBASED_CTLS,
				     CPU_USE_MSR_BITMAPS | CPU_USE_IO_BITMAPS |
				     CPU_ACTIVATE_SECONDARY | CPU_NMI_WINDOW_EXITING, 0,
				     &controls.cpu, "processor-based");
	/* Checked above; on only while an NMI waits (vmx_request_nmi_window()). */
	controls.cpu &= ~CPU_NMI_WINDOW_EXITING;
	/* What the CPU offers the root must stay usable: RDTSCP, INVPCID, XSAVES. */
	err = err ?: adjust_controls(MSR_IA32_VMX_PROCBASED_CTLS2,
				     SEC_ENABLE_EPT | SEC_UNRESTRICTED_GUEST,
				     SEC_ENABLE_VPID | SEC_ENABLE_RDTSCP | SEC_ENABLE_INVPCID |
				     SEC_ENABLE_XSAVES, &controls.cpu2, "secondary");
	err = err ?: adjust_controls(true_ctls ? MSR_IA32_VMX_TRUE_EXIT_CTLS :
				     MSR_IA32_VMX_EXIT_CTLS,
				     EXIT_HOST_ADDR_SPACE_SIZE | EXIT_SAVE_IA32_PAT |
				     EXIT_LOAD_IA32_PAT | EXIT_SAVE_IA32_EFER | EXIT_LOAD_IA32_EFER,
				     EXIT_SAVE_DEBUG_CONTROLS, &controls.exit, "VM-exit");
	err = err ?: adjust_controls(true_ctls ? MSR_IA32_VMX_TRUE_ENTRY_CTLS :
				     MSR_IA32_VMX_ENTRY_CTLS,
				     ENTRY_IA32E_MODE | ENTRY_LOAD_IA32_PAT | ENTRY_LOAD_IA32_EFER,
				     ENTRY_LOAD_DEBUG_CONTROLS, &controls.entry, "VM-entry");
	if (err)
		return err;
	/* Without true controls, CR3 accesses always exit: the root would need a handler. */
	if (controls.cpu & (CPU_CR3_LOAD_EXITING | CPU_CR3_STORE_EXITING)) {
		printk("bulkhead: x86: the CPU forces CR3-access exits (no true VMX controls)\n");
		return -ENODEV;
	}
	missing = ept_missing_feature(rdmsr(MSR_IA32_VMX_EPT_VPID_CAP));
	if (missing) {
		printk("bulkhead: x86: the CPU lacks %s\n", missing);
		return -ENODEV;
	}
	msr_bitmap = page_alloc(&mem_pool, 1, 1);
	io_bitmaps = page_alloc(&mem_pool, 2, 1);
	if (!msr_bitmap || !io_bitmaps) {
		printk("bulkhead: x86: no pool pages left for the MSR and I/O bitmaps\n");
		return -ENOMEM;
	}
	msr_bitmap_fill(msr_bitmap);
	io_bitmap_fill(io_bitmaps, &system_desc()->debug_console);
	return 0;
}

/* The CPU's own VMX checks, then VMXON; the firmware must have allowed VMX. */
static int vmx_enable(struct per_cpu *cpu)
{
	u64 fc = rdmsr(MSR_IA32_FEATURE_CONTROL);
	u64 cr0 = read_cr(0), cr4 = read_cr(4) | X86_CR4_VMXE;

	if (!(fc & FEATURE_CONTROL_LOCKED) || !(fc & FEATURE_CONTROL_VMXON_OUTSIDE_SMX)) {
		printk("bulkhead: x86: CPU %u: VMX is disabled by the firmware "
		       "(IA32_FEATURE_CONTROL 0x%llx)\n", cpu->id, fc);
		return -ENODEV;
	}
	cpu->arch.cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	cpu->arch.cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	cpu->arch.cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	cpu->arch.cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	if ((cr0 & cpu->arch.cr0_fixed0) != cpu->arch.cr0_fixed0 || cr0 & ~cpu->arch.cr0_fixed1 ||
	    (cr4 & cpu->arch.cr4_fixed0) != cpu->arch.cr4_fixed0 || cr4 & ~cpu->arch.cr4_fixed1) {
		printk("bulkhead: x86: CPU %u: CR0 0x%llx / CR4 0x%llx do not suit VMX operation\n",
		       cpu->id, cr0, cr4);
		return -ENODEV;
	}
	write_cr(4, cr4);
	*(u32 *)cpu->arch.vmxon_region = vmcs_revision;
	if (vmx_on(paging_hvirt2phys(cpu->arch.vmxon_region))) {
		printk("bulkhead: x86: CPU %u: VMXON failed (is KVM or another hypervisor using "
		       "VT-x?)\n", cpu->id);
		write_cr(4, cr4 & ~X86_CR4_VMXE);
		return -EBUSY;
	}
	cpu->arch.vmx_on = true;
	*(u32 *)cpu->arch.vmcs = vmcs_revision;
	if (vmcs_clear(paging_hvirt2phys(cpu->arch.vmcs)) ||
	    vmcs_load(paging_hvirt2phys(cpu->arch.vmcs))) {
		printk("bulkhead: x86: CPU %u: VMCLEAR/VMPTRLD failed\n", cpu->id);
		return -EIO;
	}
	return 0;
}

static bool write_segment(unsigned int index, const struct bulkhead_x86_segment *seg)
{
	/* The selector, limit, access-rights and base fields of segment @index (ES = 0 ... TR = 7). */
	return vmcs_write(GUEST_ES_SELECTOR + 2 * index, seg->selector) &
	       vmcs_write(GUEST_ES_LIMIT + 2 * index, seg->limit) &
	       vmcs_write(GUEST_ES_AR + 2 * index, seg->access_rights) &
	       vmcs_write(GUEST_ES_BASE + 2 * index, seg->base);
}

/* The root continues in the kernel's state @s (the driver's, at its trampoline's return). */
static bool setup_guest(struct per_cpu *cpu, const struct bulkhead_x86_cpu_state *s)
{
	const struct bulkhead_x86_segment *segs[] = {
		&s->es, &s->cs, &s->ss, &s->ds, &s->fs, &s->gs, &s->ldtr, &s->tr,
	};
	/* Bits VMX fixes but the root may not see as fixed: they exit (exit.c). */
	u64 cr0_mask = cr0_host_owned(cpu->arch.cr0_fixed0, cpu->arch.cr0_fixed1);
	u64 cr4_mask = cr4_host_owned(cpu->arch.cr4_fixed0, cpu->arch.cr4_fixed1);
	bool ok = true;
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(segs); n++)
		ok &= write_segment(n, segs[n]);
	ok &= vmcs_write(GUEST_CR0, s->cr0) & vmcs_write(CR0_GUEST_HOST_MASK, cr0_mask) &
	      vmcs_write(CR0_READ_SHADOW, s->cr0) & vmcs_write(GUEST_CR3, s->cr3) &
	      vmcs_write(GUEST_CR4, s->cr4 | X86_CR4_VMXE) &
	      vmcs_write(CR4_GUEST_HOST_MASK, cr4_mask) & vmcs_write(CR4_READ_SHADOW, s->cr4);
	ok &= vmcs_write(GUEST_GDTR_BASE, s->gdt_base) & vmcs_write(GUEST_GDTR_LIMIT, s->gdt_limit) &
	      vmcs_write(GUEST_IDTR_BASE, s->idt_base) & vmcs_write(GUEST_IDTR_LIMIT, s->idt_limit);
	ok &= vmcs_write(GUEST_RSP, s->rsp) & vmcs_write(GUEST_RIP, s->rip) &
	      vmcs_write(GUEST_RFLAGS, s->rflags) & vmcs_write(GUEST_DR7, s->dr7);
	ok &= vmcs_write(GUEST_IA32_DEBUGCTL, s->debugctl) & vmcs_write(GUEST_IA32_PAT, s->pat) &
	      vmcs_write(GUEST_IA32_EFER, s->efer) & vmcs_write(GUEST_SYSENTER_CS, s->sysenter_cs) &
	      vmcs_write(GUEST_SYSENTER_ESP, s->sysenter_esp) &
	      vmcs_write(GUEST_SYSENTER_EIP, s->sysenter_eip);
	ok &= vmcs_write(VMCS_LINK_POINTER, ~0ULL) &
	      vmcs_write(GUEST_ACTIVITY_STATE, GUEST_ACTIVITY_ACTIVE) &
	      vmcs_write(GUEST_INTERRUPTIBILITY_INFO, 0) &
	      vmcs_write(GUEST_PENDING_DBG_EXCEPTIONS, 0);
	return ok;
}

/* Exits land on the top of this CPU's stack, in the hypervisor's address space. */
static bool setup_host(struct per_cpu *cpu)
{
	struct { u16 limit; u64 base; } __attribute__((packed)) idtr;
	bool ok;

	asm volatile("sidt %0" : "=m"(idtr));
	ok = vmcs_write(HOST_CR0, read_cr(0)) &
	     vmcs_write(HOST_CR3, paging_hvirt2phys(hv_paging.root)) &
	     vmcs_write(HOST_CR4, read_cr(4));
	ok &= vmcs_write(HOST_CS_SELECTOR, GDT_CODE * 8) &
	      vmcs_write(HOST_SS_SELECTOR, GDT_DATA * 8) &
	      vmcs_write(HOST_DS_SELECTOR, GDT_DATA * 8) &
	      vmcs_write(HOST_ES_SELECTOR, GDT_DATA * 8) &
	      vmcs_write(HOST_FS_SELECTOR, GDT_DATA * 8) &
	      vmcs_write(HOST_GS_SELECTOR, 0) &
	      vmcs_write(HOST_TR_SELECTOR, GDT_TSS * 8);
	ok &= vmcs_write(HOST_FS_BASE, 0) & vmcs_write(HOST_GS_BASE, (u64)cpu) &
	      vmcs_write(HOST_TR_BASE, (u64)&cpu->arch.tss) &
	      vmcs_write(HOST_GDTR_BASE, (u64)cpu->arch.gdt) & vmcs_write(HOST_IDTR_BASE, idtr.base);
	ok &= vmcs_write(HOST_IA32_SYSENTER_CS, 0) & vmcs_write(HOST_IA32_SYSENTER_ESP, 0) &
	      vmcs_write(HOST_IA32_SYSENTER_EIP, 0) &
	      vmcs_write(HOST_IA32_PAT, rdmsr(MSR_IA32_PAT)) &
	      vmcs_write(HOST_IA32_EFER, rdmsr(MSR_EFER));
	ok &= vmcs_write(HOST_RSP, (u64)cpu->stack + sizeof(cpu->stack)) &
	      vmcs_write(HOST_RIP, (u64)vmx_exit_entry);
	return ok;
}

static bool setup_controls(void)
{
	return vmcs_write(PIN_BASED_VM_EXEC_CONTROL, controls.pin) &
	       vmcs_write(CPU_BASED_VM_EXEC_CONTROL, controls.cpu) &
	       vmcs_write(SECONDARY_VM_EXEC_CONTROL, controls.cpu2) &
	       vmcs_write(VM_EXIT_CONTROLS, controls.exit) &
	       vmcs_write(VM_ENTRY_CONTROLS, controls.entry) &
	       vmcs_write(EXCEPTION_BITMAP, 0) & vmcs_write(CR3_TARGET_COUNT, 0) &
	       vmcs_write(VM_EXIT_MSR_STORE_COUNT, 0) & vmcs_write(VM_EXIT_MSR_LOAD_COUNT, 0) &
	       vmcs_write(VM_ENTRY_MSR_LOAD_COUNT, 0) & vmcs_write(VM_ENTRY_INTR_INFO, 0) &
	       vmcs_write(MSR_BITMAP, paging_hvirt2phys(msr_bitmap)) &
	       vmcs_write(IO_BITMAP_A, paging_hvirt2phys(io_bitmaps)) &
	       vmcs_write(IO_BITMAP_B, paging_hvirt2phys(io_bitmaps + PAGE_SIZE)) &
	       vmcs_write(TSC_OFFSET, 0);
}

int vmx_cpu_init(struct per_cpu *cpu)
{
	int err = vmx_enable(cpu);

	if (err)
		return err;
	if (!setup_controls() || !setup_host(cpu) || !setup_guest(cpu, &cpu->arch.boot.linux_state)) {
		printk("bulkhead: x86: CPU %u: VMWRITE failed (VM-instruction error %llu)\n",
		       cpu->id, vmcs_read(VM_INSTRUCTION_ERROR));
		return -EIO;
	}
	cpu->arch.apic_id = apic_id();
	arch_cell_activate(cpu->cell);
	return 0;
}

void arch_cell_activate(struct cell *cell)
{
	vmcs_write(EPT_POINTER, ept_pointer(&cell->stage2));
	if (controls.cpu2 & SEC_ENABLE_VPID)
		vmcs_write(VMCS_VPID, cell->arch.vpid);
}

/*
 * Single-context INVEPT on the calling CPU. The other CPUs' entries are
 * ept's part (Documentation/x86.md): only the root exists, and its EPT
 * does not shrink while it runs yet.
 */
void arch_cell_flush_tlb(struct cell *cell)
{
	struct { u64 eptp, reserved; } desc = { ept_pointer(&cell->stage2), 0 };

	/* The root's EPT is built before VMXON: no CPU has used it yet (and INVEPT would #UD). */
	if (!this_cpu()->arch.vmx_on)
		return;
	asm volatile("invept %0, %1" : : "m"(desc), "r"(1UL) : "cc", "memory");
}

/*
 * The guest's registers start as the driver expects them at its return
 * label: RAX = 0. The stack is dropped: the exits start on its top.
 */
void __noreturn vmx_launch(struct per_cpu *cpu)
{
	vmx_launch_root(cpu->stack + sizeof(cpu->stack));
}

/*
 * The calling CPU's root state as INIT-SIPI-SIPI leaves it (SDM vol. 3A,
 * 9.1.1), starting in real mode at @vector << 12: unrestricted guest runs
 * it under EPT as it is. The CR0/CR4 bits VMX fixes stay set behind the
 * read shadows (NE, VMXE).
 */
void vmx_reset_to_sipi(struct per_cpu *cpu, struct trap_frame *frame, unsigned int vector)
{
	const struct bulkhead_x86_segment code = {
		.selector = vector << 8, .base = vector << 12, .limit = 0xffff,
		.access_rights = 0x9b,
	};
	const struct bulkhead_x86_segment data = { .limit = 0xffff, .access_rights = 0x93 };
	const struct bulkhead_x86_segment ldtr = { .limit = 0xffff, .access_rights = 0x82 };
	const struct bulkhead_x86_segment tr = { .limit = 0xffff, .access_rights = 0x8b };
	const struct bulkhead_x86_cpu_state state = {
		.cr0 = X86_CR0_ET | X86_CR0_NE, .rflags = X86_RFLAGS_RESERVED1, .dr7 = 0x400,
		.pat = rdmsr(MSR_IA32_PAT), .gdt_limit = 0xffff, .idt_limit = 0xffff,
		.es = data, .cs = code, .ss = data, .ds = data, .fs = data, .gs = data,
		.ldtr = ldtr, .tr = tr,
	};

	memset(frame, 0, sizeof(*frame));
	setup_guest(cpu, &state);
	/* Nothing from before the reset is delivered after it. */
	vmcs_write(VM_ENTRY_INTR_INFO, 0);
	cpu->arch.nmis_forwarded = cpu->arch.nmis;
	vmcs_write(CR0_READ_SHADOW, X86_CR0_ET | X86_CR0_CD | X86_CR0_NW);
	vmcs_write(VM_ENTRY_CONTROLS, controls.entry & ~ENTRY_IA32E_MODE);
}

void vmx_request_nmi_window(void)
{
	vmcs_write(CPU_BASED_VM_EXEC_CONTROL,
		   vmcs_read(CPU_BASED_VM_EXEC_CONTROL) | CPU_NMI_WINDOW_EXITING);
}

/*
 * An NMI for the root (an NMI exit, or one that hit the hypervisor: entry.S)
 * goes in when nothing else does and the root does not block NMIs; else
 * it waits for the root's NMI window. Concurrent NMIs only add to the count.
 */
static void forward_nmi(struct per_cpu *cpu)
{
	if (__atomic_load_n(&cpu->arch.nmis, __ATOMIC_ACQUIRE) == cpu->arch.nmis_forwarded)
		return;
	if (vmcs_read(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID ||
	    vmcs_read(GUEST_INTERRUPTIBILITY_INFO) & (BLOCKING_BY_MOV_SS | BLOCKING_BY_NMI)) {
		vmx_request_nmi_window();
		return;
	}
	cpu->arch.nmis_forwarded++;
	vmcs_write(VM_ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_NMI | X86_VECTOR_NMI);
}

/*
 * "IA-32e mode guest" needs no care here: every VM exit stores EFER.LMA
 * into it, and the one change of LMA an exit makes itself (an emulated
 * CR0.PG write, exits.c) writes it there.
 */
void vmx_prepare_entry(struct per_cpu *cpu)
{
	forward_nmi(cpu);
}

static void read_segment(unsigned int index, struct bulkhead_x86_segment *seg)
{
	seg->selector = vmcs_read(GUEST_ES_SELECTOR + 2 * index);
	seg->limit = vmcs_read(GUEST_ES_LIMIT + 2 * index);
	seg->access_rights = vmcs_read(GUEST_ES_AR + 2 * index);
	seg->base = vmcs_read(GUEST_ES_BASE + 2 * index);
}

void vmx_save_root_state(struct bulkhead_x86_cpu_state *s)
{
	struct bulkhead_x86_segment *segs[] = {
		&s->es, &s->cs, &s->ss, &s->ds, &s->fs, &s->gs, &s->ldtr, &s->tr,
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(segs); n++)
		read_segment(n, segs[n]);
	s->cr0 = vmcs_read(GUEST_CR0);
	s->cr3 = vmcs_read(GUEST_CR3);
	s->cr4 = vmcs_read(GUEST_CR4) & ~X86_CR4_VMXE;
	s->gdt_base = vmcs_read(GUEST_GDTR_BASE);
	s->gdt_limit = vmcs_read(GUEST_GDTR_LIMIT);
	s->idt_base = vmcs_read(GUEST_IDTR_BASE);
	s->idt_limit = vmcs_read(GUEST_IDTR_LIMIT);
	s->rsp = vmcs_read(GUEST_RSP);
	s->rip = vmcs_read(GUEST_RIP) + vmcs_read(VM_EXIT_INSTRUCTION_LEN);
	s->rflags = vmcs_read(GUEST_RFLAGS);
	s->dr7 = vmcs_read(GUEST_DR7);
	s->debugctl = vmcs_read(GUEST_IA32_DEBUGCTL);
	s->pat = vmcs_read(GUEST_IA32_PAT);
	s->efer = vmcs_read(GUEST_IA32_EFER);
	s->sysenter_cs = vmcs_read(GUEST_SYSENTER_CS);
	s->sysenter_esp = vmcs_read(GUEST_SYSENTER_ESP);
	s->sysenter_eip = vmcs_read(GUEST_SYSENTER_EIP);
	s->fs_base = s->fs.base;
	s->gs_base = s->gs.base;
}
