// SPDX-License-Identifier: GPL-2.0
/*
 * What the root cell may do on x86 without the hypervisor's say, and what
 * it sees when it asks: the MSR and I/O bitmaps (hypervisor/arch/x86/msr.c,
 * io.c), the CPUID filter (cpuid.c), the CR0/CR4 masks and checks and the
 * XSETBV check (cr.c). The bitmaps are read back with the SDM's layout,
 * independently of how the files fill them.
 */
#include <string.h>

#include <bulkhead/errno.h>
#include <asm/apic.h>
#include <asm/cpuid.h>
#include <asm/cr.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/vmx.h>

#include "../unit.h"

/* SDM 25.6.9: read low, read high, write low, write high; 1 KiB each. */
static bool msr_exits(const u8 *bitmap, u32 msr, bool write)
{
	unsigned int base = write ? 2048 : 0;

	if (msr >= 0xc0000000 && msr <= 0xc0001fff) {
		base += 1024;
		msr -= 0xc0000000;
	} else if (msr > 0x1fff) {
		return true;
	}
	return bitmap[base + msr / 8] & (1 << (msr % 8));
}

static unsigned int bits_set(const u8 *bitmap, size_t size)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < size; i++)
		n += __builtin_popcount(bitmap[i]);
	return n;
}

START_TEST(msr_bitmap_guards)
{
	static const u32 guarded[] = { 0x3a, 0x9b, 0x480, 0x48c, 0x491, 0x492, 0x560, 0x561, 0x570 };
	/* Switched by the VMCS or harmless: the root's own, no exit. */
	static const u32 passed[] = { 0x10, 0x1b, 0x174, 0x175, 0x176, 0x1d9, 0x277, 0x47f,
				      0x493, 0x571, 0x6e0, 0xc0000080, 0xc0000081, 0xc0000082,
				      0xc0000100, 0xc0000101, 0xc0000102, 0xc0000103 };
	u8 bitmap[MSR_BITMAP_SIZE];
	unsigned int n;

	memset(bitmap, 0xff, sizeof(bitmap));
	msr_bitmap_fill(bitmap);
	for (n = 0; n < ARRAY_SIZE(guarded); n++) {
		ck_assert_msg(msr_exits(bitmap, guarded[n], false), "read of 0x%x passes", guarded[n]);
		ck_assert_msg(msr_exits(bitmap, guarded[n], true), "write of 0x%x passes", guarded[n]);
	}
	for (n = 0; n < ARRAY_SIZE(passed); n++) {
		ck_assert_msg(!msr_exits(bitmap, passed[n], false), "read of 0x%x exits", passed[n]);
		ck_assert_msg(!msr_exits(bitmap, passed[n], true), "write of 0x%x exits", passed[n]);
	}
	/* The x2APIC's ICR exits on writes only: the root's IPIs go through apic.c. */
	ck_assert_msg(!msr_exits(bitmap, MSR_X2APIC_ICR, false), "read of the x2APIC ICR exits");
	ck_assert_msg(msr_exits(bitmap, MSR_X2APIC_ICR, true), "write of the x2APIC ICR passes");
	/* Nothing else: FEATURE_CONTROL, SMM_MONITOR_CTL, 19 VMX MSRs, 3 PT MSRs; both ways. */
	ck_assert_uint_eq(bits_set(bitmap, sizeof(bitmap)), 2 * (1 + 1 + 19 + 3) + 1);
}
END_TEST

START_TEST(msr_feature_control_says_vmx_off)
{
	u64 value = ~0ULL;

	ck_assert_int_eq(msr_read(MSR_IA32_FEATURE_CONTROL, &value), 0);
	/* Locked (bit 0), VMX neither inside (bit 1) nor outside (bit 2) SMX. */
	ck_assert_uint_eq(value & 1, 1);
	ck_assert_uint_eq(value & 6, 0);
	/* Every other MSR that exits on read: #GP. */
	ck_assert_int_eq(msr_read(MSR_IA32_VMX_BASIC, &value), -EPERM);
	ck_assert_int_eq(msr_read(MSR_IA32_RTIT_CTL, &value), -EPERM);
	ck_assert_int_eq(msr_read(MSR_IA32_SMM_MONITOR_CTL, &value), -EPERM);
	ck_assert_int_eq(msr_read(0x4b564d00, &value), -EPERM);
}
END_TEST

START_TEST(io_bitmap_only_debug_uart)
{
	struct bulkhead_console com1 = { .address = 0x3f8, .size = 8,
					 .type = BULKHEAD_CONSOLE_8250_PIO };
	u8 bitmap[IO_BITMAP_SIZE];
	unsigned int port;

	memset(bitmap, 0xff, sizeof(bitmap));
	io_bitmap_fill(bitmap, &com1);
	for (port = 0x3f8; port < 0x400; port++)
		ck_assert_msg(bitmap[port / 8] & (1 << (port % 8)), "port 0x%x passes", port);
	ck_assert_uint_eq(bits_set(bitmap, sizeof(bitmap)), 8);

	/* A port at the top of bitmap B. */
	com1.address = 0xfff8;
	io_bitmap_fill(bitmap, &com1);
	ck_assert_uint_eq(bitmap[IO_BITMAP_SIZE - 1], 0xff);
	ck_assert_uint_eq(bits_set(bitmap, sizeof(bitmap)), 8);

	/* No UART in port space: the root keeps every port. */
	com1.type = BULKHEAD_CONSOLE_NONE;
	io_bitmap_fill(bitmap, &com1);
	ck_assert_uint_eq(bits_set(bitmap, sizeof(bitmap)), 0);
	com1.type = BULKHEAD_CONSOLE_8250;
	io_bitmap_fill(bitmap, &com1);
	ck_assert_uint_eq(bits_set(bitmap, sizeof(bitmap)), 0);
}
END_TEST

static struct cpuid_regs filtered(u32 leaf, u32 subleaf, u64 cr4, struct cpuid_regs hw)
{
	cpuid_filter(leaf, subleaf, cr4, &hw);
	return hw;
}

START_TEST(cpuid_hides_vmx_and_smx)
{
	struct cpuid_regs hw = { 0x306c3, 0x00010800, 0xffffffff & ~CPUID_1_ECX_HYPERVISOR,
				 0xbfebfbff };
	struct cpuid_regs got = filtered(1, 0, X86_CR4_OSXSAVE, hw);

	ck_assert_uint_eq(got.ecx & (CPUID_1_ECX_VMX | CPUID_1_ECX_SMX), 0);
	ck_assert_uint_ne(got.ecx & CPUID_1_ECX_HYPERVISOR, 0);
	/* The rest as the hardware said. */
	ck_assert_uint_eq(got.ecx | CPUID_1_ECX_VMX | CPUID_1_ECX_SMX, 0xffffffff);
	ck_assert_uint_eq(got.eax, hw.eax);
	ck_assert_uint_eq(got.ebx, hw.ebx);
	ck_assert_uint_eq(got.edx, hw.edx);
}
END_TEST

START_TEST(cpuid_os_bits_follow_root_cr4)
{
	struct cpuid_regs leaf1 = { 0, 0, CPUID_1_ECX_XSAVE | CPUID_1_ECX_OSXSAVE, 0 };
	struct cpuid_regs leaf7 = { 0, CPUID_7_EBX_PT | 1, CPUID_7_ECX_PKU | CPUID_7_ECX_OSPKE, 0 };

	/* The hypervisor's CR4 has them, the root's not: the root's count. */
	ck_assert_uint_eq(filtered(1, 0, 0, leaf1).ecx & CPUID_1_ECX_OSXSAVE, 0);
	ck_assert_uint_ne(filtered(1, 0, X86_CR4_OSXSAVE, leaf1).ecx & CPUID_1_ECX_OSXSAVE, 0);
	leaf1.ecx = 0;
	ck_assert_uint_eq(filtered(1, 0, X86_CR4_OSXSAVE, leaf1).ecx & CPUID_1_ECX_OSXSAVE, 0);
	ck_assert_uint_eq(filtered(7, 0, 0, leaf7).ecx & CPUID_7_ECX_OSPKE, 0);
	ck_assert_uint_ne(filtered(7, 0, X86_CR4_PKE, leaf7).ecx & CPUID_7_ECX_OSPKE, 0);
	/* Processor trace hidden, the rest of leaf 7 kept; subleaf 1 untouched. */
	ck_assert_uint_eq(filtered(7, 0, 0, leaf7).ebx, 1);
	ck_assert_uint_eq(filtered(7, 1, 0, leaf7).ebx, leaf7.ebx);
	leaf7 = (struct cpuid_regs){ 1, 2, 3, 4 };
	leaf7 = filtered(0x14, 0, 0, leaf7);
	ck_assert_uint_eq(leaf7.eax | leaf7.ebx | leaf7.ecx | leaf7.edx, 0);
}
END_TEST

START_TEST(cpuid_hypervisor_leaf)
{
	struct cpuid_regs junk = { 0xd, 0x756e6547, 0x6c65746e, 0x49656e69 }, got;
	char sig[13] = { 0 };

	got = filtered(0x40000000, 0, 0, junk);
	ck_assert_uint_eq(got.eax, 0x40000000);
	memcpy(sig, &got.ebx, 4);
	memcpy(sig + 4, &got.ecx, 4);
	memcpy(sig + 8, &got.edx, 4);
	ck_assert_str_eq(sig, "BulkheadHV");
	got = filtered(0x40000001, 0, 0, junk);
	ck_assert_uint_eq(got.eax | got.ebx | got.ecx | got.edx, 0);
	got = filtered(0x4fffffff, 0, 0, junk);
	ck_assert_uint_eq(got.eax | got.ebx | got.ecx | got.edx, 0);
	/* Other leaves pass as they are. */
	got = filtered(0, 0, 0, junk);
	ck_assert_mem_eq(&got, &junk, sizeof(got));
	got = filtered(0x50000000, 0, 0, junk);
	ck_assert_mem_eq(&got, &junk, sizeof(got));
}
END_TEST

/* IA32_VMX_CR*_FIXED* as Bochs's Haswell has them. */
#define CR0_FIXED0	0x80000021ULL
#define CR0_FIXED1	0xffffffffULL
#define CR4_FIXED0	0x00002000ULL
#define CR4_FIXED1	0x003727ffULL
/* What a running 64-bit Linux has. */
#define LINUX_CR0	0x80050033ULL
#define LINUX_CR4	0x003506f0ULL

START_TEST(cr0_mask_and_values)
{
	u64 owned = cr0_host_owned(CR0_FIXED0, CR0_FIXED1);

	/* NE (VMX needs it), and bits 63:32 the CPU cannot set; PE and PG are free (unrestricted). */
	ck_assert_uint_eq(owned, X86_CR0_NE | 0xffffffff00000000ULL);
	ck_assert_uint_eq(cr0_real(LINUX_CR0, CR0_FIXED0, CR0_FIXED1), LINUX_CR0);
	/* After INIT: CD NW ET, real mode, no NE; VMX adds NE only. */
	ck_assert_uint_eq(cr0_real(0x60000010, CR0_FIXED0, CR0_FIXED1), 0x60000030);
	ck_assert_int_eq(cr0_check(LINUX_CR0), 0);
	ck_assert_int_eq(cr0_check(0x60000010), 0);
	ck_assert_int_eq(cr0_check(0x11), 0);
	ck_assert_int_eq(cr0_check(LINUX_CR0 | (1ULL << 32)), -EINVAL);
	ck_assert_int_eq(cr0_check(X86_CR0_NW | X86_CR0_PE), -EINVAL);
	ck_assert_int_eq(cr0_check(X86_CR0_PG), -EINVAL);
}
END_TEST

START_TEST(cr4_mask_hides_vmxe)
{
	u64 owned = cr4_host_owned(CR4_FIXED0, CR4_FIXED1);

	ck_assert_uint_ne(owned & X86_CR4_VMXE, 0);
	ck_assert_uint_ne(owned & X86_CR4_SMXE, 0);
	ck_assert_uint_eq(owned & ~CR4_FIXED1, ~CR4_FIXED1);
	/* Linux's own bits are its own: no exit when it flips PGE, OSXSAVE, ... */
	ck_assert_uint_eq(owned & LINUX_CR4, 0);
	ck_assert_uint_eq(cr4_real(LINUX_CR4, CR4_FIXED0, CR4_FIXED1), LINUX_CR4 | X86_CR4_VMXE);
	ck_assert_uint_eq(cr4_real(0, CR4_FIXED0, CR4_FIXED1), X86_CR4_VMXE);
	ck_assert_int_eq(cr4_check(LINUX_CR4, CR4_FIXED1), 0);
	/* VMXE and SMXE: #GP, as on a CPU without VMX and SMX; unsupported bits too. */
	ck_assert_int_eq(cr4_check(LINUX_CR4 | X86_CR4_VMXE, CR4_FIXED1), -EINVAL);
	ck_assert_int_eq(cr4_check(LINUX_CR4 | X86_CR4_SMXE, CR4_FIXED1), -EINVAL);
	ck_assert_int_eq(cr4_check(LINUX_CR4 | (1ULL << 23), CR4_FIXED1), -EINVAL);
	ck_assert_int_eq(cr4_check(LINUX_CR4 | (1ULL << 40), CR4_FIXED1), -EINVAL);
}
END_TEST

START_TEST(xsetbv_checks)
{
	const u64 avx = 0x7, avx512 = 0xff;

	ck_assert_int_eq(xsetbv_check(0, 0x7, avx), 0);
	ck_assert_int_eq(xsetbv_check(0, 0x3, avx), 0);
	ck_assert_int_eq(xsetbv_check(0, 0x1, avx), 0);
	ck_assert_int_eq(xsetbv_check(0, 0xe7, avx512), 0);
	ck_assert_int_eq(xsetbv_check(0, 0x1f, avx512), 0);
	/* Only XCR0 exists. */
	ck_assert_int_eq(xsetbv_check(1, 0x7, avx), -EINVAL);
	/* x87 always on; AVX only with SSE; nothing unsupported. */
	ck_assert_int_eq(xsetbv_check(0, 0x6, avx), -EINVAL);
	ck_assert_int_eq(xsetbv_check(0, 0x5, avx), -EINVAL);
	ck_assert_int_eq(xsetbv_check(0, 0xf, avx), -EINVAL);
	ck_assert_int_eq(xsetbv_check(0, 1ULL << 63 | 1, avx), -EINVAL);
	/* MPX and AVX-512 as whole groups, AVX-512 only with AVX. */
	ck_assert_int_eq(xsetbv_check(0, 0x0f, avx512), -EINVAL);
	ck_assert_int_eq(xsetbv_check(0, 0x27, avx512), -EINVAL);
	ck_assert_int_eq(xsetbv_check(0, 0xe3, avx512), -EINVAL);
	/* AMX: tile config and tile data together. */
	ck_assert_int_eq(xsetbv_check(0, 0x60007, 0x60007), 0);
	ck_assert_int_eq(xsetbv_check(0, 0x20007, 0x60007), -EINVAL);
	ck_assert_int_eq(xsetbv_check(0, 0x40007, 0x60007), -EINVAL);
}
END_TEST

Suite *x86_exits_suite(void)
{
	Suite *s = suite_create("x86 exits");
	TCase *tc = tcase_create("policies");

	tcase_add_test(tc, msr_bitmap_guards);
	tcase_add_test(tc, msr_feature_control_says_vmx_off);
	tcase_add_test(tc, io_bitmap_only_debug_uart);
	tcase_add_test(tc, cpuid_hides_vmx_and_smx);
	tcase_add_test(tc, cpuid_os_bits_follow_root_cr4);
	tcase_add_test(tc, cpuid_hypervisor_leaf);
	tcase_add_test(tc, cr0_mask_and_values);
	tcase_add_test(tc, cr4_mask_hides_vmxe);
	tcase_add_test(tc, xsetbv_checks);
	suite_add_tcase(s, tc);
	return s;
}
