// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: entering and leaving EL2 (driver/arch.h).
 *
 * Every online CPU enters through the kernel's hyp stub: HVC_SET_VECTORS
 * points VBAR_EL2 at our bootstrap vectors, and the next HVC lands in the
 * hypervisor. No unexported kernel symbol is used: the stub's own vectors,
 * which the hypervisor puts back when it hands EL2 back, are found through
 * kallsyms.
 */
#include <linux/kprobes.h>
#include <linux/sizes.h>
#include <linux/smp.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include "bulkhead.h"

/* The kernel's hyp stub calls (arch/arm64/include/asm/virt.h). */
#define STUB_HVC_SET_VECTORS	0

const struct bulkhead_arch_desc bulkhead_arch = {
	.id = BULKHEAD_ARCH_ARM64,
	.name = "arm64",
	/* The hypervisor maps itself with 2 MiB blocks before it can check anything. */
	.hv_mem_align = SZ_2M,
	.hv_mem_max = SZ_1G,
	/* Its identity map must stay below its own virtual base (256 GiB). */
	.hv_mem_limit = 256ULL << 30,
	.reserve_hint = "mem=768M on the QEMU board, or memmap=",
	.trap_detail = "ESR",
};

/* entry.S: an HVC that keeps the registers the hypervisor does not. */
long bulkhead_hvc_clobbering(unsigned long x0, unsigned long x1);

static u64 hyp_stub_vectors_pa;

/* kallsyms_lookup_name is not exported; a kprobe on it yields its address. */
static unsigned long lookup_kernel_symbol(const char *name)
{
	unsigned long (*lookup)(const char *name);
	struct kprobe probe = { .symbol_name = "kallsyms_lookup_name" };

	if (register_kprobe(&probe))
		return 0;
	lookup = (void *)probe.addr;
	unregister_kprobe(&probe);
	return lookup ? lookup(name) : 0;
}

int bulkhead_arch_check(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned long stub;

	if (read_sysreg(CurrentEL) == CurrentEL_EL2) {
		pr_err("bulkhead: Linux runs at EL2 (VHE) and owns it; boot with kvm-arm.mode=none "
		       "and arm64.nopauth id_aa64mmfr1.vh=0 to leave EL2 to Bulkhead\n");
		return -ENODEV;
	}
	if (!((pfr0 >> ID_AA64PFR0_EL1_EL2_SHIFT) & 0xf)) {
		pr_err("bulkhead: this CPU has no EL2 (virtualization extensions); for QEMU use "
		       "-machine virt,virtualization=on\n");
		return -ENODEV;
	}
	if (!hyp_stub_vectors_pa) {
		stub = lookup_kernel_symbol("__hyp_stub_vectors");
		if (!stub) {
			pr_err("bulkhead: cannot find the kernel's hyp stub (__hyp_stub_vectors) "
			       "through kallsyms; CONFIG_KPROBES and CONFIG_KALLSYMS are needed\n");
			return -ENODEV;
		}
		hyp_stub_vectors_pa = __pa_symbol(stub);
	}
	return 0;
}

/* The hypervisor gives EL2 back to the stub when Linux disables it. */
int bulkhead_arch_prepare(void *mem)
{
	struct bulkhead_header *hdr = mem;

	hdr->arch_return = hyp_stub_vectors_pa;
	return 0;
}

int bulkhead_arch_enter_cpu(void *mem)
{
	const struct bulkhead_header *hdr = mem;
	long ret;

	ret = bulkhead_hvc_clobbering(STUB_HVC_SET_VECTORS, bulkhead.hv_phys + hdr->entry);
	if (ret) {
		pr_err("bulkhead: CPU %u: EL2 is not held by the kernel's hyp stub (KVM active? "
		       "boot with kvm-arm.mode=none)\n", smp_processor_id());
		return -ENODEV;
	}
	return bulkhead_hvc_clobbering(BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_ENTER,
				       smp_processor_id());
}

int bulkhead_arch_leave_cpu(void)
{
	return bulkhead_hvc_clobbering(BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_DISABLE, 0) ? -EIO : 0;
}

/* Nothing is allocated for the entry on arm64: the stub's vectors are the kernel's. */
void bulkhead_arch_release(void)
{
}
