// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's exits besides hypercalls: what VMX makes exit always
 * (CPUID, INVD, XSETBV, INIT, SIPI, triple faults, the VMX instructions)
 * and what the hypervisor asked for (host-owned CR0/CR4 bits, the guarded
 * MSRs and ports, EPT violations). Each handler says why it does what it
 * does; the policies themselves live in cpuid.c, cr.c, msr.c and io.c.
 */
#include <bulkhead/control.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <asm/apic.h>
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/ept.h>
#include <asm/exits.h>
#include <asm/insn.h>
#include <asm/io.h>
#include <asm/mmu.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/vmx.h>
#include <asm/x86.h>

/* Exit qualification of control-register accesses (SDM table 28-3). */
#define CR_QUAL_NUMBER(q)	((q) & 0xf)
#define CR_QUAL_TYPE(q)		(((q) >> 4) & 3)
#define CR_QUAL_REG(q)		(((q) >> 8) & 0xf)
#define CR_TYPE_MOV_TO		0

/* Exit qualification of I/O instructions (table 28-5). */
#define IO_QUAL_SIZE(q)		(((q) & 7) + 1)
#define IO_QUAL_IN		BIT(3)
#define IO_QUAL_STRING		BIT(4)
#define IO_QUAL_PORT(q)		((u16)((q) >> 16))

#define INTR_INFO_VECTOR_TYPE	0x7ff
#define INTR_TYPE_MASK		(7U << 8)
#define INTR_TYPE_SOFT_INTR	(4U << 8)
#define INTR_TYPE_PRIV_SOFT_EXCEPTION (5U << 8)
#define INTERRUPTIBILITY_NMI	BIT(3)

#define INVVPID_SINGLE_CONTEXT	1
/* The L and D bits of a code segment's access rights: 64-bit code, 32-bit default. */
#define AR_CS_LONG		BIT(13)
#define AR_CS_DEFAULT32		BIT(14)
/* xAPIC registers are 16-byte aligned; the root's stores to them are 32-bit. */
#define APIC_REG_ALIGN		16

static void inject_gp(void)
{
	vmx_inject_exception(X86_EXC_GP, true, 0);
}

/*
 * The root's translations tagged with its VPID go, as a real CR write
 * would drop them. Without VPIDs, every VM entry and exit drops them.
 */
static void flush_root_tlb(void)
{
	struct {
		u64 vpid;
		u64 address;
	} desc = { vmcs_read(VMCS_VPID), 0 };

	if (!(vmcs_read(SECONDARY_VM_EXEC_CONTROL) & SEC_ENABLE_VPID))
		return;
	asm volatile("invvpid %0, %1" : : "m"(desc), "r"((u64)INVVPID_SINGLE_CONTEXT)
		     : "cc", "memory");
}

bool vmx_handle_cpuid(struct per_cpu *cpu, struct trap_frame *frame)
{
	u32 leaf = (u32)frame->gpr[REG_RAX], subleaf = (u32)frame->gpr[REG_RCX], raw[4];
	struct cpuid_regs regs;

	cpu->stats[BULKHEAD_CPU_STAT_SYSREG]++;
	cpuid(leaf, subleaf, raw);
	regs = (struct cpuid_regs){ raw[0], raw[1], raw[2], raw[3] };
	cpuid_filter(leaf, subleaf, vmcs_read(GUEST_CR4), &regs);
	frame->gpr[REG_RAX] = regs.eax;
	frame->gpr[REG_RBX] = regs.ebx;
	frame->gpr[REG_RCX] = regs.ecx;
	frame->gpr[REG_RDX] = regs.edx;
	vmx_skip_instruction();
	return true;
}

/* INVD would drop dirty lines of memory that is not the root's: write them back instead. */
bool vmx_handle_invd(struct per_cpu *cpu, struct trap_frame *frame)
{
	asm volatile("wbinvd" : : : "memory");
	vmx_skip_instruction();
	return true;
}

bool vmx_handle_undefined(struct per_cpu *cpu, struct trap_frame *frame)
{
	vmx_inject_exception(X86_EXC_UD, false, 0);
	return true;
}

bool vmx_handle_rdmsr(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 value;

	cpu->stats[BULKHEAD_CPU_STAT_SYSREG]++;
	if (msr_read((u32)frame->gpr[REG_RCX], &value)) {
		inject_gp();
		return true;
	}
	frame->gpr[REG_RAX] = (u32)value;
	frame->gpr[REG_RDX] = value >> 32;
	vmx_skip_instruction();
	return true;
}

/* The x2APIC's ICR, guarded and unknown MSRs exit on write (msr.c): only the ICR is written. */
bool vmx_handle_wrmsr(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 value = (u32)frame->gpr[REG_RAX] | (frame->gpr[REG_RDX] << 32);

	cpu->stats[BULKHEAD_CPU_STAT_SYSREG]++;
	if ((u32)frame->gpr[REG_RCX] != MSR_X2APIC_ICR || !apic_root_x2apic_icr_write(cpu, value)) {
		inject_gp();
		return true;
	}
	vmx_skip_instruction();
	return true;
}

/*
 * CR0.PG changed in a write that exited, with EFER.LME set: long mode
 * comes or goes (EFER.LMA and the "IA-32e mode guest" entry control with
 * it), as the hardware would have done had the write not exited (SDM
 * 10.8.5); false if the change is not allowed (#GP).
 */
static bool switch_long_mode(u64 cr0)
{
	u64 efer = vmcs_read(GUEST_IA32_EFER), entry;

	if (!(efer & EFER_LME))
		return true;
	if ((cr0 & X86_CR0_PG) && !(vmcs_read(GUEST_CR4) & X86_CR4_PAE))
		return false;
	/* Paging off is refused to 64-bit code, which would lose its mode. */
	if (!(cr0 & X86_CR0_PG) && (vmcs_read(GUEST_CS_AR) & AR_CS_LONG))
		return false;
	entry = vmcs_read(VM_ENTRY_CONTROLS);
	if (cr0 & X86_CR0_PG) {
		vmcs_write(GUEST_IA32_EFER, efer | EFER_LMA);
		vmcs_write(VM_ENTRY_CONTROLS, entry | ENTRY_IA32E_MODE);
	} else {
		vmcs_write(GUEST_IA32_EFER, efer & ~EFER_LMA);
		vmcs_write(VM_ENTRY_CONTROLS, entry & ~ENTRY_IA32E_MODE);
	}
	return true;
}

static void write_cr0(struct per_cpu *cpu, u64 value)
{
	u64 real = cr0_real(value, cpu->arch.cr0_fixed0, cpu->arch.cr0_fixed1);
	u64 changed = vmcs_read(GUEST_CR0) ^ real;

	/*
	 * Paging on without long mode: PAE paging would need the PDPTEs loaded
	 * from the root's tables, which 64-bit Linux never asks for.
	 */
	if (cr0_check(value) || ((changed & X86_CR0_PG) && !switch_long_mode(real)) ||
	    ((real & X86_CR0_PG) && !(vmcs_read(GUEST_IA32_EFER) & EFER_LME) &&
	     (vmcs_read(GUEST_CR4) & X86_CR4_PAE))) {
		inject_gp();
		return;
	}
	vmcs_write(GUEST_CR0, real);
	vmcs_write(CR0_READ_SHADOW, value);
	flush_root_tlb();
	vmx_skip_instruction();
}

static void write_cr4(struct per_cpu *cpu, u64 value)
{
	/* Long mode needs PAE: the hardware's check, which an exit skips. */
	if (cr4_check(value, cpu->arch.cr4_fixed1) ||
	    ((vmcs_read(GUEST_IA32_EFER) & EFER_LMA) && !(value & X86_CR4_PAE))) {
		inject_gp();
		return;
	}
	vmcs_write(GUEST_CR4, cr4_real(value, cpu->arch.cr4_fixed0, cpu->arch.cr4_fixed1));
	vmcs_write(CR4_READ_SHADOW, value);
	flush_root_tlb();
	vmx_skip_instruction();
}

/*
 * Only MOV to CR0 and CR4 exit (the masks cover neither LMSW's nor CLTS's
 * bits, and CR3/CR8 accesses do not exit); anything else is reported.
 */
bool vmx_handle_cr_access(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 qual = vmcs_read(EXIT_QUALIFICATION), value;
	unsigned int reg = CR_QUAL_REG(qual);

	cpu->stats[BULKHEAD_CPU_STAT_SYSREG]++;
	if (CR_QUAL_TYPE(qual) != CR_TYPE_MOV_TO)
		return false;
	value = reg == REG_RSP ? vmcs_read(GUEST_RSP) : frame->gpr[reg];
	switch (CR_QUAL_NUMBER(qual)) {
	case 0:
		write_cr0(cpu, value);
		return true;
	case 4:
		write_cr4(cpu, value);
		return true;
	default:
		return false;
	}
}

/* XCR0 is the root's alone (the hypervisor saves no extended state): checked, then loaded. */
bool vmx_handle_xsetbv(struct per_cpu *cpu, struct trap_frame *frame)
{
	u32 index = (u32)frame->gpr[REG_RCX], xsave[4];
	u64 value = (u32)frame->gpr[REG_RAX] | (frame->gpr[REG_RDX] << 32);

	cpu->stats[BULKHEAD_CPU_STAT_SYSREG]++;
	cpuid(0xd, 0, xsave);
	if (xsetbv_check(index, value, xsave[0] | ((u64)xsave[3] << 32))) {
		inject_gp();
		return true;
	}
	asm volatile("xsetbv" : : "c"(index), "a"((u32)value), "d"((u32)(value >> 32)));
	vmx_skip_instruction();
	return true;
}

static u32 port_in(u16 port, unsigned int size)
{
	u32 value;
	u16 word;
	u8 byte;

	if (size == 1) {
		asm volatile("inb %w1, %b0" : "=a"(byte) : "Nd"(port));
		return byte;
	}
	if (size == 2) {
		asm volatile("inw %w1, %w0" : "=a"(word) : "Nd"(port));
		return word;
	}
	asm volatile("inl %w1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static void port_out(u16 port, unsigned int size, u32 value)
{
	if (size == 1)
		asm volatile("outb %b0, %w1" : : "a"(value), "Nd"(port));
	else if (size == 2)
		asm volatile("outw %w0, %w1" : : "a"(value), "Nd"(port));
	else
		asm volatile("outl %0, %w1" : : "a"(value), "Nd"(port));
}

/*
 * Only the debug UART's ports exit (io.c): the access is made for the root
 * under dbg_uart_lock. String I/O there is not something a UART driver
 * does; it is refused rather than emulated through the root's page tables.
 */
bool vmx_handle_io(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 qual = vmcs_read(EXIT_QUALIFICATION);
	unsigned int size = IO_QUAL_SIZE(qual);
	u64 mask = size == 4 ? ~0ULL : BIT_ULL(size * 8) - 1;
	u16 port = IO_QUAL_PORT(qual);

	cpu->stats[BULKHEAD_CPU_STAT_OTHER]++;
	if (qual & IO_QUAL_STRING) {
		printk("bulkhead: cell \"%s\" CPU %u: string I/O on port 0x%x refused (rip 0x%llx)\n",
		       cpu->cell->name, cpu->id, port, vmcs_read(GUEST_RIP));
		inject_gp();
		return true;
	}
	spin_lock(&dbg_uart_lock);
	if (qual & IO_QUAL_IN)
		/* A 32-bit IN zeroes RAX's upper half, narrower ones keep the rest. */
		frame->gpr[REG_RAX] = (frame->gpr[REG_RAX] & ~mask) | port_in(port, size);
	else
		port_out(port, size, (u32)frame->gpr[REG_RAX]);
	spin_unlock(&dbg_uart_lock);
	vmx_skip_instruction();
	return true;
}

/*
 * The event whose delivery the exit interrupted goes in again at the next
 * entry, unless the handler injects something else (SDM 28.2.4, 27.6.1).
 */
static void reinject_vectoring(u32 vectoring)
{
	u32 type = vectoring & INTR_TYPE_MASK;

	vmcs_write(VM_ENTRY_INTR_INFO, vectoring & (INTR_INFO_VALID | INTR_INFO_DELIVER_CODE |
						    INTR_INFO_VECTOR_TYPE));
	if (vectoring & INTR_INFO_DELIVER_CODE)
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE, vmcs_read(IDT_VECTORING_ERROR_CODE));
	if (type == INTR_TYPE_SOFT_EXCEPTION || type == INTR_TYPE_SOFT_INTR ||
	    type == INTR_TYPE_PRIV_SOFT_EXCEPTION)
		vmcs_write(VM_ENTRY_INSTRUCTION_LEN, vmcs_read(VM_EXIT_INSTRUCTION_LEN));
}

/*
 * Each CPU's windows on root memory, mapped once to our own first page, so
 * that the tables above them exist: a CPU then only rewrites its own leaf
 * entries, which no other CPU's mappings share, and nothing is allocated or
 * freed concurrently.
 */
int x86_root_windows_init(void)
{
	unsigned int n;
	int err = 0;

	for (n = 0; n < hypervisor_header.max_cpus * ROOT_WINDOWS && !err; n++)
		err = paging_map(&hv_paging, HV_GUEST_WINDOW + n * PAGE_SIZE,
				 paging_hvirt2phys((void *)HV_VIRT_BASE), PAGE_SIZE, PAGING_READ);
	return err;
}

/*
 * This CPU's window on the root page @page: one that maps it already (the
 * same page tables and code on the next exit), else the next in turn,
 * remapped. A window is only read after its page passed read_root()'s checks.
 */
static const u8 *root_window(struct per_cpu *cpu, u64 page)
{
	u64 window = HV_GUEST_WINDOW + cpu->id * ROOT_WINDOWS * PAGE_SIZE;
	unsigned int n;

	for (n = 0; n < ROOT_WINDOWS; n++)
		if (cpu->arch.window_page[n] == (page | ROOT_WINDOW_USED))
			return (const u8 *)(window + n * PAGE_SIZE);
	n = cpu->arch.window_next++ % ROOT_WINDOWS;
	window += n * PAGE_SIZE;
	cpu->arch.window_page[n] = 0;
	if (paging_map(&hv_paging, window, page, PAGE_SIZE, PAGING_READ))
		return NULL;
	asm volatile("invlpg (%0)" : : "r"(window) : "memory");
	cpu->arch.window_page[n] = page | ROOT_WINDOW_USED;
	return (const u8 *)window;
}

/*
 * @len bytes of the root's memory at @gpa, within one page: only RAM of the
 * root's config (never a device, never the hypervisor's) that its EPT maps now.
 */
static bool read_root(u64 gpa, void *dst, unsigned int len)
{
	const u8 *window;
	u64 phys;

	if (!cell_region_seen_at(&root_cell, gpa, len, BULKHEAD_MEM_READ) ||
	    !paging_translate(&root_cell.stage2, gpa, &phys))
		return false;
	window = root_window(this_cpu(), phys & ~(PAGE_SIZE - 1));
	if (!window)
		return false;
	memcpy(dst, window + (gpa & (PAGE_SIZE - 1)), len);
	return true;
}

static bool read_root_entry(u64 gpa, u64 *entry, void *ctx)
{
	return !(gpa & 7) && read_root(gpa, entry, sizeof(*entry));
}

/* Up to @len bytes of the root's code at CS.base + RIP, through its page tables: how many. */
static unsigned int fetch_root_code(u8 *buf, unsigned int len)
{
	u64 efer = vmcs_read(GUEST_IA32_EFER), cr0 = vmcs_read(GUEST_CR0);
	u64 cr3 = vmcs_read(GUEST_CR3), cr4 = vmcs_read(GUEST_CR4);
	u64 start = vmcs_read(GUEST_CS_BASE) + vmcs_read(GUEST_RIP), linear, gpa;
	unsigned int done = 0, chunk;

	for (; done < len; done += chunk) {
		linear = efer & EFER_LMA ? start + done : (u32)(start + done);
		chunk = MIN(len - done, PAGE_SIZE - (linear & (PAGE_SIZE - 1)));
		if (guest_translate(cr0, cr4, efer, cr3, linear, read_root_entry, NULL, &gpa) ||
		    !read_root(gpa, buf + done, chunk))
			break;
	}
	return done;
}

/*
 * A store of the root to its xAPIC window, which its EPT maps read-only:
 * the instruction is fetched through the root's page tables and decoded
 * (insn.c), the store made for it (apic.c), the instruction skipped. One
 * that is not a plain MOV gets #GP; a store of another size, or not to a
 * register's start, does nothing, as the APIC ignores it.
 */
static bool emulate_apic_store(struct per_cpu *cpu, struct trap_frame *frame,
			       unsigned int offset)
{
	u64 cs_ar = vmcs_read(GUEST_CS_AR), regs[16];
	bool long_mode = (vmcs_read(GUEST_IA32_EFER) & EFER_LMA) && (cs_ar & AR_CS_LONG);
	struct x86_store store;
	u8 code[X86_INSN_MAX];
	unsigned int len;

	memcpy(regs, frame->gpr, sizeof(regs));
	regs[REG_RSP] = vmcs_read(GUEST_RSP);
	len = fetch_root_code(code, sizeof(code));
	if (x86_decode_store(code, len, regs, long_mode, cs_ar & AR_CS_DEFAULT32, &store)) {
		printk("bulkhead: cell \"%s\" CPU %u: store to its APIC at offset 0x%x by an "
		       "instruction not emulated (rip 0x%llx, %u bytes fetched, first 0x%02x)\n",
		       cpu->cell->name, cpu->id, offset, vmcs_read(GUEST_RIP), len,
		       len ? code[0] : 0);
		inject_gp();
		return true;
	}
	if (store.size == 4 && !(offset % APIC_REG_ALIGN))
		apic_root_mmio_write(cpu, offset, (u32)store.value);
	vmcs_write(GUEST_RIP, vmcs_read(GUEST_RIP) + store.length);
	return true;
}

/*
 * The root touched guest-physical memory it does not own (the hypervisor's,
 * or nothing at all) or wrote what it may only read (the console rings):
 * reported, and the faulting instruction gets #GP, which the kernel's
 * exception fixups catch (a probing read) or which oopses only the task
 * that ran it. A fault during event delivery is a double fault; one on an
 * address being remapped is retried (ept_fault_action()).
 */
bool vmx_handle_ept_violation(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 qual = vmcs_read(EXIT_QUALIFICATION), gpa = vmcs_read(GUEST_PHYSICAL_ADDRESS);
	u32 vectoring = vmcs_read(IDT_VECTORING_INFO);
	enum ept_fault action;

	cpu->stats[BULKHEAD_CPU_STAT_MMIO]++;
	if ((gpa & ~(PAGE_SIZE - 1)) == system_desc()->platform.x86.lapic_base &&
	    (qual & EPT_QUAL_WRITE) && !(vectoring & INTR_INFO_VALID))
		return emulate_apic_store(cpu, frame, gpa & (PAGE_SIZE - 1));
	action = ept_fault_action(qual, vectoring & INTR_INFO_VALID, cell_root_maps(gpa));
	if (action == EPT_FAULT_RETRY) {
		if (vectoring & INTR_INFO_VALID)
			reinject_vectoring(vectoring);
		return true;
	}
	printk("bulkhead: cell \"%s\" CPU %u: %s at 0x%llx denied (outside its memory map, "
	       "rip 0x%llx)\n", cpu->cell->name, cpu->id, ept_fault_access(qual), gpa,
	       vmcs_read(GUEST_RIP));
	if (action == EPT_FAULT_DOUBLE) {
		vmx_inject_exception(X86_EXC_DF, true, 0);
		return true;
	}
	/* The IRET that faulted had unblocked NMIs: block them again for its restart. */
	if (qual & EPT_QUAL_NMI_UNBLOCKED)
		vmcs_write(GUEST_INTERRUPTIBILITY_INFO,
			   vmcs_read(GUEST_INTERRUPTIBILITY_INFO) | INTERRUPTIBILITY_NMI);
	inject_gp();
	return true;
}

/* The hypervisor wrote an EPT entry the CPU cannot use: its own bug. */
bool vmx_handle_ept_misconfig(struct per_cpu *cpu, struct trap_frame *frame)
{
	printk("bulkhead: EPT misconfiguration at guest-physical 0x%llx\n",
	       vmcs_read(GUEST_PHYSICAL_ADDRESS));
	panic_stop("EPT misconfiguration");
}

/*
 * An NMI, or an NMI whose kick flag was set: the kick's, which only had to
 * make this CPU exit (arch.kicked, apic.c). Coinciding NMIs merge into one
 * on a bare CPU too, so the root may lose one to a kick, never get one more.
 */
static void nmi_taken(struct per_cpu *cpu)
{
	if (!__atomic_exchange_n(&cpu->arch.kicked, 0, __ATOMIC_ACQ_REL))
		__atomic_fetch_add(&cpu->arch.nmis, 1, __ATOMIC_RELEASE);
}

/*
 * An NMI that exits leaves the CPU blocking NMIs, as one delivered through
 * the IDT does, until an IRET; with virtual NMIs, VM entry does not change
 * that (SDM 26.7.1, 27.1). An IRET to the next instruction ends it here, or
 * no later NMI, no kick, would reach this CPU again.
 */
static void unblock_nmis(void)
{
	asm volatile("mov %%ss, %%rax\n\t"
		     "push %%rax\n\t"
		     "lea 8(%%rsp), %%rax\n\t"
		     "push %%rax\n\t"
		     "pushfq\n\t"
		     "mov %%cs, %%rax\n\t"
		     "push %%rax\n\t"
		     "lea 1f(%%rip), %%rax\n\t"
		     "push %%rax\n\t"
		     "iretq\n"
		     "1:" : : : "rax", "cc", "memory");
}

/*
 * An NMI (NMI exiting) goes to the root at the entry (vmx_prepare_entry()),
 * unless it was a kick; the event it interrupted is delivered again.
 * Exceptions exit only if the bitmap says so: the root gets them as they
 * happened.
 */
bool vmx_handle_exception(struct per_cpu *cpu, struct trap_frame *frame)
{
	u32 info = vmcs_read(VM_EXIT_INTR_INFO), vectoring;

	cpu->stats[BULKHEAD_CPU_STAT_OTHER]++;
	if ((info & INTR_TYPE_MASK) == INTR_TYPE_NMI) {
		nmi_taken(cpu);
		unblock_nmis();
		vectoring = vmcs_read(IDT_VECTORING_INFO);
		if (vectoring & INTR_INFO_VALID)
			reinject_vectoring(vectoring);
		return true;
	}
	vmcs_write(VM_ENTRY_INTR_INFO, info & (INTR_INFO_VALID | INTR_INFO_DELIVER_CODE |
					      INTR_INFO_VECTOR_TYPE));
	if (info & INTR_INFO_DELIVER_CODE)
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE, vmcs_read(VM_EXIT_INTR_ERROR_CODE));
	if ((info & INTR_TYPE_MASK) == INTR_TYPE_SOFT_EXCEPTION)
		vmcs_write(VM_ENTRY_INSTRUCTION_LEN, vmcs_read(VM_EXIT_INSTRUCTION_LEN));
	return true;
}

/*
 * The root can take the NMI that waited, or a kick's NMI hit the
 * hypervisor: the window is closed first, so that what it waited for is
 * seen by the entry (vmx_prepare_entry(), the stop request) even if an NMI
 * asks for the window again meanwhile.
 */
bool vmx_handle_nmi_window(struct per_cpu *cpu, struct trap_frame *frame)
{
	vmcs_write(CPU_BASED_VM_EXEC_CONTROL,
		   vmcs_read(CPU_BASED_VM_EXEC_CONTROL) & ~CPU_NMI_WINDOW_EXITING);
	return true;
}

/*
 * A triple fault would reset a bare CPU: the root's kernel is beyond help
 * on it. Reported with where it happened; the CPU is then stopped.
 */
bool vmx_handle_triple_fault(struct per_cpu *cpu, struct trap_frame *frame)
{
	printk("bulkhead: cell \"%s\" CPU %u: triple fault at rip 0x%llx (cr3 0x%llx)\n",
	       cpu->cell->name, cpu->id, vmcs_read(GUEST_RIP), vmcs_read(GUEST_CR3));
	return false;
}

/*
 * A real INIT: the root's own IPIs never send one (apic.c), but a device
 * can (an MSI or I/O APIC entry in INIT mode). The CPU stops as for the
 * root's INIT and waits in the hypervisor for a STARTUP IPI.
 */
bool vmx_handle_init(struct per_cpu *cpu, struct trap_frame *frame)
{
	cpu->stats[BULKHEAD_CPU_STAT_OTHER]++;
	apic_init_signal(cpu);
	return true;
}
