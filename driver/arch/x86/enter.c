// SPDX-License-Identifier: GPL-2.0
/*
 * x86: entering and leaving VMX root operation (driver/arch.h).
 *
 * The hypervisor's memory is mapped non-executable in the kernel (memremap),
 * and mapping it executable would take unexported symbols. So each CPU
 * collects its complete kernel state here, in C, under the kernel's page
 * tables, and writes it into its per-CPU block of the hypervisor region
 * together with small boot page tables; the trampoline (entry.S) switches
 * to those and jumps into the hypervisor, which enters VMX root operation
 * and resumes Linux, in VMX non-root operation, at the trampoline's return
 * label. Disable is the same path backwards (BULKHEAD_HC_DISABLE).
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/desc.h>
#include <asm/debugreg.h>
#include <asm/msr.h>
#include <asm/segment.h>
#include <asm/special_insns.h>

#include "bulkhead.h"
#include <bulkhead/x86-entry.h>

/* Boot page-table entries: present, writable, a 2 MiB page. */
#define BOOT_PTE_PRESENT	BIT_ULL(0)
#define BOOT_PTE_WRITE		BIT_ULL(1)
#define BOOT_PTE_LARGE		BIT_ULL(7)
#define BOOT_PTE_ADDR		0x000ffffffffff000ULL
/* Descriptor bits (SDM vol. 3A, 3.4.5): S (code/data), G; access rights as VMX keeps them. */
#define DESC_S			BIT_ULL(44)
#define DESC_G			BIT_ULL(55)
#define DESC_AR(d)		(((d) >> 40) & 0xf0ff)

/* entry.S */
extern char bulkhead_x86_tramp_start[], bulkhead_x86_tramp_end[];
extern char bulkhead_x86_resume[], bulkhead_x86_return[];
long bulkhead_x86_enter(u64 boot_cr3, u64 entry, unsigned int cpu, u64 *rsp);
long bulkhead_x86_disable(void);

static struct bulkhead_x86_boot_area *boot_area(void *mem, unsigned int cpu)
{
	const struct bulkhead_header *hdr = mem;

	return mem + hdr->core_size + PAGE_ALIGN(hdr->config_size) + (size_t)cpu * hdr->percpu_size;
}

/* Allocates boot page-table pages of one CPU's area in order; pt[0] is the PML4. */
struct boot_tables {
	struct bulkhead_x86_boot_area *area;
	u64 phys;
	unsigned int used;
};

static u64 *next_table(struct boot_tables *bt, u64 *entry)
{
	if (!(*entry & BOOT_PTE_PRESENT)) {
		if (bt->used == BULKHEAD_X86_BOOT_PT_PAGES)
			return NULL;
		memset(bt->area->pt[bt->used], 0, PAGE_SIZE);
		*entry = (bt->phys + bt->used * PAGE_SIZE) | BOOT_PTE_PRESENT | BOOT_PTE_WRITE;
		bt->used++;
	}
	return (u64 *)bt->area->pt[((*entry & BOOT_PTE_ADDR) - bt->phys) / PAGE_SIZE];
}

/* Maps a 2 MiB page (@large) or a read-only 4 KiB page at @virt. */
static int boot_map(struct boot_tables *bt, u64 virt, u64 phys, bool large)
{
	u64 *pdpt = next_table(bt, (u64 *)bt->area->pt[0] + ((virt >> 39) & 511));
	u64 *pd = pdpt ? next_table(bt, pdpt + ((virt >> 30) & 511)) : NULL;
	u64 *pt;

	if (!pd)
		return -ENOMEM;
	if (large) {
		pd[(virt >> 21) & 511] = phys | BOOT_PTE_PRESENT | BOOT_PTE_WRITE | BOOT_PTE_LARGE;
		return 0;
	}
	pt = next_table(bt, pd + ((virt >> 21) & 511));
	if (!pt)
		return -ENOMEM;
	pt[(virt >> 12) & 511] = phys | BOOT_PTE_PRESENT;
	return 0;
}

static int build_boot_tables(void *mem, unsigned int cpu, u64 tramp_phys)
{
	struct bulkhead_x86_boot_area *area = boot_area(mem, cpu);
	struct boot_tables bt = { area, bulkhead.hv_phys + ((void *)area - mem), 1 };
	u64 offset;
	int err = 0;

	memset(area->pt[0], 0, PAGE_SIZE);
	for (offset = 0; offset < bulkhead.hv_size && !err; offset += SZ_2M)
		err = boot_map(&bt, BULKHEAD_X86_HV_VIRT_BASE + offset, bulkhead.hv_phys + offset,
			       true);
	err = err ?: boot_map(&bt, (u64)bulkhead_x86_tramp_start, tramp_phys, false);
	area->hv_phys = bulkhead.hv_phys;
	area->tramp_virt = (u64)bulkhead_x86_tramp_start;
	area->tramp_phys = tramp_phys;
	area->tramp_return = (u64)bulkhead_x86_return;
	return err;
}

int bulkhead_arch_prepare(void *mem)
{
	const struct bulkhead_header *hdr = mem;
	u64 tramp_phys = page_to_phys(vmalloc_to_page(bulkhead_x86_tramp_start));
	unsigned int cpu;
	int err;

	if (hdr->percpu_size < sizeof(struct bulkhead_x86_boot_area) ||
	    !PAGE_ALIGNED(bulkhead_x86_tramp_start) ||
	    bulkhead_x86_tramp_end - bulkhead_x86_tramp_start > PAGE_SIZE ||
	    (void *)boot_area(mem, hdr->max_cpus) > mem + bulkhead.hv_size) {
		pr_err("bulkhead: x86: the hypervisor's per-CPU blocks (%u bytes, %u CPUs) do not "
		       "fit its memory, or the trampoline is not one page\n", hdr->percpu_size, hdr->max_cpus);
		return -EINVAL;
	}
	for (cpu = 0; cpu < hdr->max_cpus; cpu++) {
		err = build_boot_tables(mem, cpu, tramp_phys);
		if (err) {
			pr_err("bulkhead: x86: CPU %u: boot page tables need more than %u pages\n",
			       cpu, BULKHEAD_X86_BOOT_PT_PAGES);
			return err;
		}
	}
	wmb();
	return 0;
}

/* A segment as VMX wants it, from its descriptor in the GDT at @gdt; null ones are unusable. */
static void save_segment(struct bulkhead_x86_segment *seg, u16 selector, unsigned long gdt)
{
	const u64 *desc = (const u64 *)gdt + (selector >> 3);

	memset(seg, 0, sizeof(*seg));
	seg->selector = selector;
	if (!(selector & ~3) || (selector & SEGMENT_TI_MASK)) {
		seg->access_rights = BULKHEAD_X86_AR_UNUSABLE;
		return;
	}
	seg->limit = (desc[0] & 0xffff) | ((desc[0] >> 32) & 0xf0000);
	if (desc[0] & DESC_G)
		seg->limit = (seg->limit << 12) | 0xfff;
	seg->base = ((desc[0] >> 16) & 0xffffff) | ((desc[0] >> 32) & 0xff000000);
	/* System descriptors (TSS, LDT) are 16 bytes: the upper half of the base follows. */
	if (!(desc[0] & DESC_S))
		seg->base |= desc[1] << 32;
	seg->access_rights = DESC_AR(desc[0]);
}

/*
 * The calling CPU's kernel state, as it will be at bulkhead_x86_resume
 * (RSP comes from the trampoline). Interrupts are off.
 */
static void save_linux_state(struct bulkhead_x86_cpu_state *s)
{
	struct desc_ptr gdt, idt;
	u16 sel;

	native_store_gdt(&gdt);
	store_idt(&idt);
	s->cr0 = read_cr0();
	s->cr3 = __read_cr3();
	s->cr4 = __read_cr4();
	rdmsrl(MSR_EFER, s->efer);
	rdmsrl(MSR_IA32_CR_PAT, s->pat);
	rdmsrl(MSR_IA32_DEBUGCTLMSR, s->debugctl);
	s->dr7 = native_get_debugreg(7);
	s->rflags = native_save_fl();
	rdmsrl(MSR_IA32_SYSENTER_CS, s->sysenter_cs);
	rdmsrl(MSR_IA32_SYSENTER_ESP, s->sysenter_esp);
	rdmsrl(MSR_IA32_SYSENTER_EIP, s->sysenter_eip);
	rdmsrl(MSR_FS_BASE, s->fs_base);
	rdmsrl(MSR_GS_BASE, s->gs_base);
	s->gdt_base = gdt.address;
	s->gdt_limit = gdt.size;
	s->idt_base = idt.address;
	s->idt_limit = idt.size;
	save_segment(&s->cs, __KERNEL_CS, gdt.address);
	savesegment(ss, sel);
	/* An interrupt from user space leaves SS null; Linux runs the same with __KERNEL_DS. */
	save_segment(&s->ss, sel & ~3 ? sel : __KERNEL_DS, gdt.address);
	savesegment(ds, sel);
	save_segment(&s->ds, sel, gdt.address);
	savesegment(es, sel);
	save_segment(&s->es, sel, gdt.address);
	savesegment(fs, sel);
	save_segment(&s->fs, sel, gdt.address);
	s->fs.base = s->fs_base;
	savesegment(gs, sel);
	save_segment(&s->gs, sel, gdt.address);
	s->gs.base = s->gs_base;
	asm volatile("sldt %0" : "=r"(sel));
	save_segment(&s->ldtr, sel, gdt.address);
	asm volatile("str %0" : "=r"(sel));
	save_segment(&s->tr, sel, gdt.address);
	s->rip = (u64)bulkhead_x86_resume;
}

int bulkhead_arch_enter_cpu(void *mem)
{
	struct bulkhead_x86_boot_area *area = boot_area(mem, smp_processor_id());
	const struct bulkhead_header *hdr = mem;
	long ret;

	save_linux_state(&area->linux_state);
	ret = bulkhead_x86_enter(bulkhead.hv_phys + ((void *)area->pt[0] - mem),
				 BULKHEAD_X86_HV_VIRT_BASE + hdr->entry, smp_processor_id(),
				 &area->linux_state.rsp);
	/* Back from a failed entry: TR still names the hypervisor's TSS. */
	if (ret)
		force_reload_TR();
	return ret;
}

int bulkhead_arch_leave_cpu(void)
{
	long ret = bulkhead_x86_disable();

	if (ret)
		return -EIO;
	force_reload_TR();
	return 0;
}

/* The boot data lives in the hypervisor's region, released with it. */
void bulkhead_arch_release(void)
{
}
