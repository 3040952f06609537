// SPDX-License-Identifier: GPL-2.0
/*
 * Exits from EL1/EL0 into the hypervisor: synchronous traps dispatched by
 * exception class, and physical interrupts (taken here only on the CPUs of
 * non-root cells). The root Linux gets an abort it can handle like any bus
 * error when it touches what it may not, and so does a cell whose config
 * asks for it (BULKHEAD_CELL_BUS_ERRORS: an operating system that handles
 * them, as on the board); any other cell has that CPU stopped and is marked
 * failed, because nothing in it can be trusted to recover.
 */
#include <bulkhead/control.h>
#include <bulkhead/printk.h>
#include <bulkhead/mmio.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define VECTOR_CUR_SP0		0x000
#define VECTOR_CUR_SPX		0x200
#define VECTOR_LOWER_A64	0x400
#define VECTOR_LOWER_A32	0x600
#define SPSR_AARCH32		(1 << 4)

static bool is_root(const struct per_cpu *cpu)
{
	return cpu->cell == &root_cell;
}

u64 arch_exit_pc(void)
{
	return read_sysreg(elr_el2);
}

/* ESR_EL2.IL (@esr): a 32-bit instruction; clear only for 16-bit T32 at AArch32 EL0. */
static void skip_instruction(u64 esr)
{
	write_sysreg(read_sysreg(elr_el2) + (esr & ESR_IL ? 4 : 2), elr_el2);
}

/*
 * Delivers a synchronous external abort to EL1 as the hardware would have,
 * had the access reached a bus that said no.
 */
static void inject_abort(bool instruction, bool write, u64 far)
{
	u64 spsr = read_sysreg(spsr_el2);
	bool from_el0 = (spsr & SPSR_MODE_MASK) == SPSR_EL0T;
	unsigned long offset = (spsr & SPSR_AARCH32) ? VECTOR_LOWER_A32 :
			       from_el0 ? VECTOR_LOWER_A64 :
			       (spsr & 1) ? VECTOR_CUR_SPX : VECTOR_CUR_SP0;
	u64 ec = instruction ? (from_el0 ? ESR_EC_IABT_LOW : ESR_EC_IABT_CUR) :
			       (from_el0 ? ESR_EC_DABT_LOW : ESR_EC_DABT_CUR);
	u64 esr = (ec << ESR_EC_SHIFT) | ESR_IL | ESR_FSC_SEA;

	if (write && !instruction)
		esr |= ESR_DABT_WNR;
	write_sysreg(esr, esr_el1);
	write_sysreg(far, far_el1);
	write_sysreg(read_sysreg(elr_el2), elr_el1);
	write_sysreg(spsr, spsr_el1);
	write_sysreg(read_sysreg(vbar_el1) + offset, elr_el2);
	write_sysreg(SPSR_DAIF | SPSR_EL1H, spsr_el2);
}

/* Serialises the use of HV_DECODE_WINDOW and its page tables. */
static spinlock_t decode_window_lock;

/*
 * Reads the A64 instruction at the trapped CPU's @pc (EL0's if @el0) as the
 * cell sees it: through its stage 1 if on (PAR_EL1 is the cell's and kept),
 * then its stage 2, from memory it may execute.
 */
static bool fetch_instruction(struct cell *cell, u64 pc, bool el0, u32 *insn)
{
	u64 ipa = pc, phys, par;
	int err;

	if (read_sysreg(sctlr_el1) & SCTLR_M) {
		par = read_sysreg(par_el1);
		if (el0)
			asm volatile("at s1e0r, %0" : : "r" (pc));
		else
			asm volatile("at s1e1r, %0" : : "r" (pc));
		isb();
		ipa = read_sysreg(par_el1);
		write_sysreg(par, par_el1);
		if (ipa & PAR_F)
			return false;
		ipa = (ipa & PAR_PA_MASK) | (pc & (PAGE_SIZE - 1));
	}
	if ((ipa & 3) || !cell_region_seen_at(cell, ipa, 4, BULKHEAD_MEM_EXECUTE) ||
	    !paging_translate(&cell->stage2, ipa, &phys))
		return false;
	spin_lock(&decode_window_lock);
	err = paging_map(&hv_paging, HV_DECODE_WINDOW, phys & ~(PAGE_SIZE - 1), PAGE_SIZE,
			 PAGING_READ);
	if (!err)
		*insn = *(volatile u32 *)(HV_DECODE_WINDOW + (phys & (PAGE_SIZE - 1)));
	paging_unmap(&hv_paging, HV_DECODE_WINDOW, PAGE_SIZE);
	arch_flush_hv_tlb();
	spin_unlock(&decode_window_lock);
	return !err;
}

/*
 * A data abort with no syndrome (ISV = 0) on an address an MMIO handler
 * serves: an A64 load/store with writeback or a pair, decoded and replayed.
 */
static bool emulate_mmio_insn(struct per_cpu *cpu, struct trap_frame *frame, u64 esr, u64 ipa)
{
	u64 spsr = read_sysreg(spsr_el2), mode = spsr & SPSR_MODE_MASK, sp;
	struct mmio_insn mi;
	u32 insn;

	if ((spsr & SPSR_AARCH32) || (esr & (ESR_DABT_FNV | ESR_DABT_S1PTW)) ||
	    !mmio_serves(cpu->cell, ipa) ||
	    !fetch_instruction(cpu->cell, read_sysreg(elr_el2), mode == SPSR_EL0T, &insn) ||
	    !mmio_insn_decode(insn, &mi))
		return false;
	/* The SP as base: SP_EL1 in EL1h, SP_EL0 in EL1t and EL0. */
	sp = mode == SPSR_EL1H ? read_sysreg(sp_el1) : read_sysreg(sp_el0);
	if (!mmio_insn_emulate(cpu, frame, &sp, &mi, read_sysreg(far_el2), ipa))
		return false;
	if (mode == SPSR_EL1H)
		write_sysreg(sp, sp_el1);
	else
		write_sysreg(sp, sp_el0);
	/* Always 4 bytes: A64. */
	write_sysreg(read_sysreg(elr_el2) + 4, elr_el2);
	return true;
}

/*
 * A data abort the hardware decoded for us (ISV): one load or store of a
 * general register, which an MMIO handler may serve. Returns true if one did.
 */
static bool emulate_mmio(struct per_cpu *cpu, struct trap_frame *frame, u64 esr, u64 ipa)
{
	unsigned int reg = (esr >> ESR_DABT_SRT_SHIFT) & 0x1f;
	struct mmio_access access = {
		.addr = ipa,
		.size = 1U << ((esr >> ESR_DABT_SAS_SHIFT) & 3),
		.write = esr & ESR_DABT_WNR,
	};

	if (!(esr & ESR_DABT_ISV))
		return emulate_mmio_insn(cpu, frame, esr, ipa);
	/* x31 is the zero register here. */
	if (access.write)
		access.value = reg == 31 ? 0 : frame->x[reg];
	if (mmio_handle(cpu, &access) != MMIO_HANDLED)
		return false;
	if (!access.write && reg != 31)
		frame->x[reg] = mmio_loaded_value(access.value, access.size, esr & ESR_DABT_SSE,
						  esr & ESR_DABT_SF ? 64 : 32);
	skip_instruction(esr);
	return true;
}

static void handle_abort(struct per_cpu *cpu, struct trap_frame *frame, u64 esr,
			 bool instruction)
{
	u64 ipa = HPFAR_TO_IPA(read_sysreg(hpfar_el2)) | (read_sysreg(far_el2) & 0xfff);
	bool write = !instruction && (esr & ESR_DABT_WNR);

	cpu->stats[BULKHEAD_CPU_STAT_MMIO]++;
	if (!instruction && emulate_mmio(cpu, frame, esr, ipa))
		return;
	/* An operating system that handles bus errors gets the board's, where it asked. */
	if (!is_root(cpu) && (cpu->cell->config->flags & BULKHEAD_CELL_BUS_ERRORS)) {
		cell_report(cpu->cell, "CPU %u: %s at 0x%llx: bus error (pc 0x%lx)", cpu->id,
			    instruction ? "instruction fetch" : write ? "write" : "read", ipa,
			    read_sysreg(elr_el2));
		inject_abort(instruction, write, read_sysreg(far_el2));
		return;
	}
	if (!is_root(cpu)) {
		cell_fail_cpu(cpu, instruction ? BULKHEAD_FAULT_FETCH :
				   write ? BULKHEAD_FAULT_WRITE : BULKHEAD_FAULT_READ,
			      ipa, read_sysreg(elr_el2), esr);
		return;
	}
	if (ESR_FSC_IS_TRANSLATION(esr) && cell_root_maps(ipa))
		return;
	printk("bulkhead: cell \"%s\" CPU %u: %s at 0x%llx denied (outside its memory map, "
	       "pc 0x%lx)\n", cpu->cell->name, cpu->id,
	       instruction ? "instruction fetch" : write ? "write" : "read", ipa,
	       read_sysreg(elr_el2));
	inject_abort(instruction, write, read_sysreg(far_el2));
}

static void refuse_trap(struct per_cpu *cpu, u64 esr)
{
	if (!is_root(cpu)) {
		cell_fail_cpu(cpu, BULKHEAD_FAULT_TRAP, 0, read_sysreg(elr_el2), esr);
		return;
	}
	printk("bulkhead: cell \"%s\" CPU %u: unexpected exit, ESR 0x%llx at pc 0x%lx\n",
	       cpu->cell->name, cpu->id, esr, read_sysreg(elr_el2));
	inject_abort(false, false, read_sysreg(elr_el2));
}

static void handle_sysreg(struct per_cpu *cpu, struct trap_frame *frame, u64 esr)
{
	bool retry = false;

	cpu->stats[BULKHEAD_CPU_STAT_SYSREG]++;
	if (vgic_handle_sysreg(cpu, frame, esr) || sysreg_emulate(cpu, frame, esr, &retry)) {
		if (!retry)
			skip_instruction(esr);
	} else {
		refuse_trap(cpu, esr);
	}
}

/* Ends every exit of a non-root cell's CPU: honour a stop request. */
static void check_stop_request(struct per_cpu *cpu, struct trap_frame *frame)
{
	unsigned int state = cpu->stop_request;

	if (state)
		cpu_stop(cpu, state, frame);
}

void arch_handle_trap(struct trap_frame *frame)
{
	struct per_cpu *cpu = this_cpu();
	u64 esr = read_sysreg(esr_el2);

	cpu->stats[BULKHEAD_CPU_STAT_TOTAL]++;
	if (!is_root(cpu))
		smccc_harden_exit(cpu);
	switch (ESR_EC(esr)) {
	case ESR_EC_HVC64:
		/* Bulkhead's own calls take the short way; smccc_handle() answers them too. */
		if (smccc_bulkhead_call(frame->x[0]))
			frame->x[0] = hypercall(cpu, frame->x[0] & 0xffff, frame->x[1], frame->x[2]);
		else
			smccc_handle(cpu, frame, false);
		break;
	case ESR_EC_SMC64:
		/* A trapped SMC returns to itself: step over it. */
		skip_instruction(esr);
		smccc_handle(cpu, frame, true);
		break;
	case ESR_EC_DABT_LOW:
		handle_abort(cpu, frame, esr, false);
		break;
	case ESR_EC_IABT_LOW:
		handle_abort(cpu, frame, esr, true);
		break;
	case ESR_EC_SYSREG:
		handle_sysreg(cpu, frame, esr);
		break;
	default:
		cpu->stats[BULKHEAD_CPU_STAT_OTHER]++;
		refuse_trap(cpu, esr);
	}
	if (is_root(cpu))
		return;
	health_exit(cpu);
	/*
	 * SGIs it just sent itself, made pending through its redistributor,
	 * or that a device's deadline (health_exit()) raised for it.
	 */
	if (cpu->arch.pending_words)
		vgic_flush(cpu);
	check_stop_request(cpu, frame);
}

/* A physical interrupt while a non-root cell ran: only its CPUs route them here. */
void arch_handle_irq(struct trap_frame *frame)
{
	struct per_cpu *cpu = this_cpu();

	cpu->stats[BULKHEAD_CPU_STAT_TOTAL]++;
	smccc_harden_exit(cpu);
	vgic_handle_irq(cpu);
	health_exit(cpu);
	/* What a device's deadline just raised for this very CPU (an SP805 at zero). */
	if (cpu->arch.pending_words)
		vgic_flush(cpu);
	check_stop_request(cpu, frame);
}

/*
 * An SError (or FIQ) routed here from a non-root cell: its own doing, e.g.
 * a device it owns that answered with an error. The cell fails; the root,
 * which runs without these routed to EL2, never gets here.
 */
void arch_handle_async_abort(struct trap_frame *frame)
{
	struct per_cpu *cpu = this_cpu();

	cpu->stats[BULKHEAD_CPU_STAT_TOTAL]++;
	cpu->stats[BULKHEAD_CPU_STAT_OTHER]++;
	smccc_harden_exit(cpu);
	cell_fail_cpu(cpu, BULKHEAD_FAULT_TRAP, 0, read_sysreg(elr_el2), read_sysreg(esr_el2));
	check_stop_request(cpu, frame);
}

void arch_cpu_kick(struct per_cpu *cpu)
{
	gic_send_sgi(cpu->arch.mpidr, SGI_KICK);
}

/*
 * An exception taken at EL2 itself: a hypervisor bug. The vectors put this
 * CPU on a stack of its own first (entry.S): the fault may be its stack's.
 */
void arch_handle_hyp_fault(struct trap_frame *frame)
{
	struct per_cpu *cpu = this_cpu();
	u64 far = read_sysreg(far_el2);
	bool overflow = far - (u64)cpu->stack_guard < PAGE_SIZE;

	panic_printk("bulkhead: EL2 exception on CPU %u: ESR 0x%lx ELR 0x%lx FAR 0x%llx%s\n",
		     cpu->id, read_sysreg(esr_el2), read_sysreg(elr_el2), far,
		     overflow ? " (its stack's guard page)" : "");
	panic_stop(overflow ? "stack overflow in the hypervisor" : "exception in the hypervisor");
}
