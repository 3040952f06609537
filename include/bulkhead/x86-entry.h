/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86-64: what the driver hands the hypervisor when a CPU enters, and what
 * the hypervisor hands back when it leaves (driver/arch/x86/, hypervisor/arch/x86/).
 *
 * The hypervisor's region is not executable in the kernel's page tables, so
 * the driver builds small boot page tables for each CPU in that CPU's
 * per-CPU block (offset core_size + page-aligned config_size +
 * id * percpu_size of the region): they map the region at the hypervisor's
 * link address and the driver's trampoline page at its kernel address. The
 * trampoline switches CR3 to them and jumps to the entry point.
 */
#ifndef _BULKHEAD_X86_ENTRY_H
#define _BULKHEAD_X86_ENTRY_H

/* Where the hypervisor is linked: the boot page tables map its region here. */
#define BULKHEAD_X86_HV_VIRT_BASE	0xffffffff80000000ULL

/* Boot page-table pages per CPU: PML4, 2 PDPTs, 2 PDs, 1 PT at most. */
#define BULKHEAD_X86_BOOT_PT_PAGES	6

#ifndef __ASSEMBLY__
/* A segment register as VMX keeps it: access rights in the VMCS format (bit 16: unusable). */
struct bulkhead_x86_segment {
	__u16 selector;
	__u16 reserved;
	__u32 access_rights;
	__u32 limit;
	__u32 reserved2;
	__u64 base;
} __attribute__((packed));

#define BULKHEAD_X86_AR_UNUSABLE	0x10000

/*
 * A CPU's kernel state: written by the driver before entry (the state in
 * which Linux continues as the root cell, at @rip on stack @rsp with RAX =
 * 0), and by the hypervisor before it hands the CPU back (the root's state
 * after its last exit, or again the entry state if enable failed).
 */
struct bulkhead_x86_cpu_state {
	__u64 cr0, cr3, cr4;
	__u64 efer, pat, debugctl, dr7, rflags;
	__u64 sysenter_cs, sysenter_esp, sysenter_eip;
	__u64 fs_base, gs_base;
	__u64 gdt_base, idt_base;
	__u16 gdt_limit, idt_limit;
	__u32 reserved;
	struct bulkhead_x86_segment es, cs, ss, ds, fs, gs, ldtr, tr;
	__u64 rsp, rip;
} __attribute__((packed));

/*
 * The start of each CPU's per-CPU block: filled by the driver before the
 * CPU enters, read by the hypervisor on entry.
 */
struct bulkhead_x86_boot_area {
	/* Page tables the trampoline switches to; pt[0] is the PML4. */
	__u8 pt[BULKHEAD_X86_BOOT_PT_PAGES][4096];
	struct bulkhead_x86_cpu_state linux_state;
	/* Physical address of the hypervisor region (its first byte). */
	__u64 hv_phys;
	/*
	 * The driver's trampoline page: kernel virtual and physical address
	 * (the hypervisor maps it too, to leave through it), and the address
	 * of the code the hypervisor jumps to when it hands the CPU back.
	 */
	__u64 tramp_virt;
	__u64 tramp_phys;
	__u64 tramp_return;
} __attribute__((packed));
#endif /* !__ASSEMBLY__ */

#endif /* !_BULKHEAD_X86_ENTRY_H */
