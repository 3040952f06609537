// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module for the emulated PC: what the root kernel sees of VT-x
 * and of the hypervisor's exit handlers, from the attacker's side. Each
 * check logs one line under the test's tag, "<name> <value>", which
 * tests/system/guest/vtx.sh judges: CPUID (VMX hidden, the hypervisor
 * leaf), IA32_FEATURE_CONTROL (locked, VMX off; writes refused), the VMX
 * capability MSRs (#GP), CR4.VMXE (reads 0; setting it faults), VMXON
 * (faults), XSETBV of an unsupported feature (faults), and an INIT IPI to
 * every other CPU (the hypervisor must not let it reach them). Faults are
 * caught by exception-table fixups, so the module always loads.
 */
#include <linux/io.h>
#include <linux/module.h>
#include <asm/apic.h>
#include <asm/asm.h>
#include <asm/fpu/xcr.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/special_insns.h>

static unsigned int tag;
module_param(tag, uint, 0444);

#define log(fmt, ...) pr_info("bulkhead_probe %u: " fmt "\n", tag, ##__VA_ARGS__)

/* 1 if MOV to CR4 of @value faulted; else CR4 is put back. */
static int cr4_write_faults(unsigned long value, unsigned long old)
{
	int faulted = 1;

	asm volatile("1: mov %1, %%cr4\n"
		     "   xor %0, %0\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+r"(faulted) : "r"(value) : "memory");
	if (!faulted)
		asm volatile("mov %0, %%cr4" : : "r"(old) : "memory");
	return faulted;
}

/* 1 if VMXON faulted (its operand: a zeroed page, never a real VMXON region). */
static int vmxon_faults(void)
{
	static u8 region[PAGE_SIZE] __aligned(PAGE_SIZE);
	u64 phys = virt_to_phys(region);
	int faulted = 1;

	asm volatile("1: vmxon %1\n"
		     "   xor %0, %0\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+r"(faulted) : "m"(phys) : "cc", "memory");
	return faulted;
}

/* 1 if XSETBV of XCR0 | @bit faulted; else XCR0 is put back. */
static int xsetbv_faults(u64 bit)
{
	u64 xcr0 = xgetbv(XCR_XFEATURE_ENABLED_MASK), value = xcr0 | bit;
	int faulted = 1;

	asm volatile("1: xsetbv\n"
		     "   xor %0, %0\n"
		     "2:\n" _ASM_EXTABLE(1b, 2b)
		     : "+r"(faulted) : "c"(0), "a"((u32)value), "d"((u32)(value >> 32))
		     : "memory");
	if (!faulted)
		xsetbv(XCR_XFEATURE_ENABLED_MASK, xcr0);
	return faulted;
}

/*
 * INIT to every CPU but this one (the all-excluding-self shorthand), as a
 * hostile root kernel would send it: on a bare PC they would all stop.
 */
static void init_other_cpus(void)
{
	unsigned long flags;

	local_irq_save(flags);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT | APIC_DEST_ALLBUT, 0);
	local_irq_restore(flags);
}

static int __init probe_init(void)
{
	unsigned int eax, ebx, ecx, edx;
	unsigned long cr4 = __read_cr4();
	char sig[13] = { 0 };
	u64 value = 0;
	int err;

	cpuid(1, &eax, &ebx, &ecx, &edx);
	log("cpuid-vmx %u", (ecx >> 5) & 1);
	log("cpuid-hypervisor %u", ecx >> 31);
	cpuid(0x40000000, &eax, &ebx, &ecx, &edx);
	memcpy(sig, &ebx, 4);
	memcpy(sig + 4, &ecx, 4);
	memcpy(sig + 8, &edx, 4);
	log("cpuid-signature %s", sig);
	/* The read first: argument evaluation order is unspecified. */
	err = rdmsrl_safe(MSR_IA32_FEAT_CTL, &value);
	log("feature-control-read %d 0x%llx", err, value);
	log("feature-control-write %d", wrmsrl_safe(MSR_IA32_FEAT_CTL, value));
	log("vmx-basic-read %d", rdmsrl_safe(MSR_IA32_VMX_BASIC, &value));
	log("cr4-vmxe %lu", (cr4 >> 13) & 1);
	log("cr4-vmxe-write-faults %d", cr4_write_faults(cr4 | X86_CR4_VMXE, cr4));
	log("vmxon-faults %d", vmxon_faults());
	if (boot_cpu_has(X86_FEATURE_OSXSAVE))
		log("xsetbv-unsupported-faults %d", xsetbv_faults(1ULL << 62));
	init_other_cpus();
	log("init-other-cpus sent");
	/* Loaded, so that the test unloads it (busybox insmod retries a failed init). */
	return 0;
}

static void __exit probe_exit(void)
{
}

module_init(probe_init);
module_exit(probe_exit);
MODULE_LICENSE("GPL");
