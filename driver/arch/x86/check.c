// SPDX-License-Identifier: GPL-2.0
/*
 * x86: can this PC host the hypervisor (driver/arch.h)? Before any resource
 * is claimed, refuse with what the user can do about it when the CPU has no
 * VT-x or no EPT, when the firmware disabled VT-x, or when KVM uses it. The
 * hypervisor checks the details again before VMXON; these checks exist for
 * a clear message in the kernel log.
 */
#include <linux/namei.h>
#include <linux/smp.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>

#include "bulkhead.h"

/* CPUID.1:ECX */
#define CPUID_1_ECX_VMX			BIT(5)
/* IA32_VMX_PROCBASED_CTLS: allowed-1 settings in the high half. */
#define PROCBASED_SECONDARY		BIT_ULL(32 + 31)
/* IA32_VMX_PROCBASED_CTLS2, high half. */
#define PROCBASED2_EPT			BIT_ULL(32 + 1)
#define PROCBASED2_UNRESTRICTED		BIT_ULL(32 + 7)
/* IA32_VMX_EPT_VPID_CAP */
#define EPT_CAP_WALK_4			BIT_ULL(6)
#define EPT_CAP_WB			BIT_ULL(14)

/*
 * Raw CPUID, not the kernel's feature flags: Linux clears X86_FEATURE_VMX
 * when the firmware disabled it, and we want to say which of the two it is.
 */
static int check_vmx(void)
{
	u64 feat;

	if (!(cpuid_ecx(1) & CPUID_1_ECX_VMX)) {
		pr_err("bulkhead: this CPU has no VT-x (CPUID.1:ECX.VMX is 0); for Bochs use "
		       "cpu: model=corei7_haswell_4770\n");
		return -ENODEV;
	}
	if (rdmsrl_safe(MSR_IA32_FEAT_CTL, &feat)) {
		pr_err("bulkhead: cannot read IA32_FEATURE_CONTROL (MSR 0x%x)\n",
		       MSR_IA32_FEAT_CTL);
		return -ENODEV;
	}
	if (!(feat & FEAT_CTL_LOCKED) || !(feat & FEAT_CTL_VMX_ENABLED_OUTSIDE_SMX)) {
		pr_err("bulkhead: VT-x is disabled by the firmware (IA32_FEATURE_CONTROL 0x%llx: "
		       "%s); enable VT-x (\"Intel Virtualization Technology\") in the BIOS "
		       "set-up\n", feat,
		       feat & FEAT_CTL_LOCKED ? "locked without VMX outside SMX" : "not locked");
		return -ENODEV;
	}
	return 0;
}

/* The capability MSRs fault without VT-x: read only after check_vmx(). */
static int check_ept(void)
{
	u64 ctls, ctls2 = 0, ept = 0;

	if (rdmsrl_safe(MSR_IA32_VMX_PROCBASED_CTLS, &ctls) ||
	    ((ctls & PROCBASED_SECONDARY) &&
	     (rdmsrl_safe(MSR_IA32_VMX_PROCBASED_CTLS2, &ctls2) ||
	      rdmsrl_safe(MSR_IA32_VMX_EPT_VPID_CAP, &ept)))) {
		pr_err("bulkhead: cannot read the VMX capability MSRs\n");
		return -ENODEV;
	}
	if (!(ctls & PROCBASED_SECONDARY) || !(ctls2 & PROCBASED2_EPT)) {
		pr_err("bulkhead: this CPU's VT-x has no EPT (IA32_VMX_PROCBASED_CTLS2 0x%llx); "
		       "Bulkhead needs it to keep the root cell out of its memory\n", ctls2);
		return -ENODEV;
	}
	if (!(ept & EPT_CAP_WALK_4) || !(ept & EPT_CAP_WB)) {
		pr_err("bulkhead: this CPU's EPT lacks 4-level tables or write-back tables "
		       "(IA32_VMX_EPT_VPID_CAP 0x%llx)\n", ept);
		return -ENODEV;
	}
	/* Offline CPUs restart in real mode under us (INIT-SIPI). */
	if (!(ctls2 & PROCBASED2_UNRESTRICTED)) {
		pr_err("bulkhead: this CPU's VT-x has no unrestricted guest mode "
		       "(IA32_VMX_PROCBASED_CTLS2 0x%llx)\n", ctls2);
		return -ENODEV;
	}
	return 0;
}

static void read_vmxe(void *data)
{
	if (__read_cr4() & X86_CR4_VMXE)
		cpumask_set_cpu(smp_processor_id(), data);
}

/*
 * KVM turns VMX on only while it has VMs, so its module is refused too: it
 * would VMXON under us later. Its sysfs directory tells whether it is loaded.
 * ENODEV, as on arm64 when KVM holds EL2: VT-x is not available to us.
 */
static int check_vmx_unused(void)
{
	cpumask_var_t in_vmx;
	struct path path;
	int cpu;

	if (!kern_path("/sys/module/kvm_intel", 0, &path)) {
		path_put(&path);
		pr_err("bulkhead: KVM (kvm_intel) holds VT-x; unload it first (rmmod kvm_intel)\n");
		return -ENODEV;
	}
	if (!zalloc_cpumask_var(&in_vmx, GFP_KERNEL))
		return -ENOMEM;
	on_each_cpu(read_vmxe, in_vmx, 1);
	cpu = cpumask_first(in_vmx);
	free_cpumask_var(in_vmx);
	if (cpu < nr_cpu_ids) {
		pr_err("bulkhead: CPU %d is in VMX operation already (CR4.VMXE set): another "
		       "hypervisor uses VT-x; unload it first (rmmod kvm_intel)\n", cpu);
		return -ENODEV;
	}
	return 0;
}

int bulkhead_arch_check(void)
{
	return check_vmx() ?: check_ept() ?: check_vmx_unused();
}
