// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 page-table formats (hypervisor/arch/x86/mmu.c) through the core's
 * walker (hypervisor/paging.c): EPT for the root cell, as root_cell_init()
 * maps a PC's regions, and the hypervisor's own 4-level tables. Entries are
 * checked bit by bit against the SDM, walked here independently of the
 * walker.
 */
#include <bulkhead/page_alloc.h>
#include <bulkhead/paging.h>
#include <asm/ept.h>

#include "../unit.h"
#include "x86_fakes.h"

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL

#define RWX		(PAGING_READ | PAGING_WRITE | PAGING_EXECUTE)
#define IO_RW		(PAGING_READ | PAGING_WRITE | PAGING_DEVICE)

/* SDM vol. 3C 29.3.2 and vol. 3A 4.5: the bits both formats share. */
#define ADDR_MASK	0x000ffffffffff000ULL
#define LARGE		(1ULL << 7)
/* EPT */
#define EPT_R		(1ULL << 0)
#define EPT_W		(1ULL << 1)
#define EPT_X		(1ULL << 2)
#define EPT_MEMTYPE(e)	(((e) >> 3) & 7)
#define EPT_IPAT	(1ULL << 6)
#define MEMTYPE_UC	0
#define MEMTYPE_WB	6
/* Host tables */
#define PTE_P		(1ULL << 0)
#define PTE_W		(1ULL << 1)
#define PTE_US		(1ULL << 2)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_NX		(1ULL << 63)

/* The PC's memory map as configs/x86 describes it (RAM below 768 MiB, devices at the top). */
#define PC_LOW_RAM	0x0ULL
#define PC_LOW_SIZE	0xa0000ULL
#define PC_RAM		0x100000ULL
#define PC_RAM_END	0x30000000ULL
#define PC_HV		PC_RAM_END
#define PC_HV_SIZE	0x1000000ULL
#define PC_IOAPIC	0xfec00000ULL

static struct paging_structure ps;

/* The table index of @addr at @level (level 0: PML4). */
static unsigned int index_at(u64 addr, unsigned int level)
{
	return (addr >> (12 + 9 * (3 - level))) & 511;
}

/*
 * The entry that maps @addr and its level, walked by hand: a non-leaf
 * entry has no large bit and at least one access (EPT) or present (host)
 * bit. 0 if nothing maps it.
 */
static u64 walk(u64 addr, bool ept, unsigned int *level)
{
	u64 *table = ps.root, entry;
	unsigned int l;

	for (l = 0; l < 4; l++) {
		entry = table[index_at(addr, l)];
		if (!(entry & (ept ? (EPT_R | EPT_W | EPT_X) : PTE_P)))
			return 0;
		if (l == 3 || (entry & LARGE)) {
			*level = l;
			return entry;
		}
		table = paging_phys2hvirt(entry & ADDR_MASK);
	}
	return 0;
}

static void ept_setup(void)
{
	x86_pool_setup();
	ck_assert_int_eq(paging_create(&ps, &cell_paging_format), 0);
}

static void hv_setup(void)
{
	x86_pool_setup();
	ck_assert_int_eq(paging_create(&ps, &hv_paging_format), 0);
}

static void teardown(void)
{
	paging_destroy(&ps);
	x86_pool_teardown();
}

/* The root of a PC: its RAM and an I/O APIC page, never the hypervisor's region. */
static void map_pc(void)
{
	ck_assert_int_eq(paging_map(&ps, PC_LOW_RAM, PC_LOW_RAM, PC_LOW_SIZE, RWX), 0);
	ck_assert_int_eq(paging_map(&ps, PC_RAM, PC_RAM, PC_RAM_END - PC_RAM, RWX), 0);
	ck_assert_int_eq(paging_map(&ps, PC_IOAPIC, PC_IOAPIC, SZ_4K, IO_RW), 0);
}

START_TEST(ept_ram_is_write_back_rwx)
{
	unsigned int level;
	u64 entry;

	map_pc();
	entry = walk(PC_RAM + 0x5000, true, &level);
	ck_assert_msg(entry, "RAM not mapped");
	ck_assert_uint_eq(entry & (EPT_R | EPT_W | EPT_X), EPT_R | EPT_W | EPT_X);
	ck_assert_uint_eq(EPT_MEMTYPE(entry), MEMTYPE_WB);
	/* The root's PAT must still apply on top (its write-combining mappings). */
	ck_assert_uint_eq(entry & EPT_IPAT, 0);
	ck_assert_uint_eq(entry & ADDR_MASK, (PC_RAM + 0x5000) & ~(SZ_4K - 1));
}
END_TEST

START_TEST(ept_devices_are_uncacheable)
{
	unsigned int level;
	u64 entry;

	map_pc();
	entry = walk(PC_IOAPIC, true, &level);
	ck_assert_msg(entry, "I/O APIC not mapped");
	ck_assert_uint_eq(level, 3);
	ck_assert_uint_eq(EPT_MEMTYPE(entry), MEMTYPE_UC);
	ck_assert_uint_eq(entry & (EPT_R | EPT_W | EPT_X), EPT_R | EPT_W);
	ck_assert_uint_eq(entry & ADDR_MASK, PC_IOAPIC);
}
END_TEST

START_TEST(ept_hypervisor_region_absent)
{
	unsigned int level;
	u64 addr, phys;

	map_pc();
	for (addr = PC_HV; addr < PC_HV + PC_HV_SIZE; addr += SZ_2M / 2) {
		ck_assert_msg(!walk(addr, true, &level), "hypervisor memory 0x%llx mapped",
			      (unsigned long long)addr);
		ck_assert(!paging_translate(&ps, addr, &phys));
	}
	/* The legacy hole between low RAM and 1 MiB is no RAM either. */
	ck_assert(!walk(PC_LOW_SIZE, true, &level));
	ck_assert(!walk(PC_RAM - SZ_4K, true, &level));
	ck_assert(walk(PC_RAM_END - SZ_4K, true, &level));
}
END_TEST

START_TEST(ept_large_pages_where_aligned)
{
	unsigned int level;
	u64 entry;

	/* 2 GiB at 1 GiB: two 1 GiB leaves. */
	ck_assert_int_eq(paging_map(&ps, SZ_1G, SZ_1G, 2 * SZ_1G, RWX), 0);
	entry = walk(SZ_1G + 0x1234000, true, &level);
	ck_assert_uint_eq(level, 1);
	ck_assert_uint_ne(entry & LARGE, 0);
	ck_assert_uint_eq(entry & ADDR_MASK, SZ_1G);
	ck_assert_uint_eq(EPT_MEMTYPE(entry), MEMTYPE_WB);
	/* 4 MiB at 2 MiB: 2 MiB leaves; 1 MiB at 1 MiB: 4 KiB leaves. */
	map_pc();
	entry = walk(PC_RAM + 3 * SZ_2M, true, &level);
	ck_assert_uint_eq(level, 2);
	ck_assert_uint_ne(entry & LARGE, 0);
	entry = walk(PC_RAM, true, &level);
	ck_assert_uint_eq(level, 3);
	/* 4 KiB leaves have no large bit: at that level bit 7 is ignored, not "large". */
	ck_assert_uint_eq(entry & LARGE, 0);
}
END_TEST

START_TEST(ept_tables_grant_all_leaves_decide)
{
	unsigned int l;
	u64 *table, entry;

	map_pc();
	table = ps.root;
	for (l = 0; l < 3; l++) {
		entry = table[index_at(PC_RAM, l)];
		ck_assert_uint_eq(entry & (EPT_R | EPT_W | EPT_X), EPT_R | EPT_W | EPT_X);
		/* Bits 7:3 of a non-leaf entry are reserved (memory type, IPAT, large). */
		ck_assert_uint_eq(entry & 0xf8, 0);
		table = paging_phys2hvirt(entry & ADDR_MASK);
	}
}
END_TEST

START_TEST(ept_permissions_honoured)
{
	unsigned int level;
	u64 entry;

	ck_assert_int_eq(paging_map(&ps, 0x1000000, 0x1000000, SZ_4K, PAGING_READ), 0);
	ck_assert_int_eq(paging_map(&ps, 0x1001000, 0x1001000, SZ_4K,
				    PAGING_READ | PAGING_EXECUTE), 0);
	ck_assert_int_eq(paging_map(&ps, 0x1002000, 0x1002000, SZ_4K, PAGING_WRITE), 0);
	ck_assert_int_eq(paging_map(&ps, 0x1003000, 0x1003000, SZ_4K, PAGING_EXECUTE), 0);
	entry = walk(0x1000000, true, &level);
	ck_assert_uint_eq(entry & (EPT_R | EPT_W | EPT_X), EPT_R);
	entry = walk(0x1001000, true, &level);
	ck_assert_uint_eq(entry & (EPT_R | EPT_W | EPT_X), EPT_R | EPT_X);
	/* Write or execute without read: never a misconfiguration, nothing at all. */
	ck_assert(!walk(0x1002000, true, &level));
	ck_assert(!walk(0x1003000, true, &level));
}
END_TEST

START_TEST(ept_split_keeps_attributes)
{
	unsigned int level;
	u64 entry;

	ck_assert_int_eq(paging_map(&ps, 0, 0, SZ_1G, IO_RW), 0);
	/* Carving a page out of the 1 GiB leaf splits it down to 4 KiB around the hole. */
	ck_assert_int_eq(paging_unmap(&ps, 0x30000000, SZ_4K), 0);
	ck_assert(!walk(0x30000000, true, &level));
	entry = walk(0x30001000, true, &level);
	ck_assert_uint_eq(level, 3);
	ck_assert_uint_eq(entry & LARGE, 0);
	ck_assert_uint_eq(entry & ADDR_MASK, 0x30001000);
	ck_assert_uint_eq(EPT_MEMTYPE(entry), MEMTYPE_UC);
	ck_assert_uint_eq(entry & (EPT_R | EPT_W | EPT_X), EPT_R | EPT_W);
	entry = walk(0x10000000, true, &level);
	ck_assert_uint_eq(level, 2);
	ck_assert_uint_ne(entry & LARGE, 0);
	ck_assert_uint_eq(EPT_MEMTYPE(entry), MEMTYPE_UC);
}
END_TEST

START_TEST(ept_unmap_returns_tables)
{
	unsigned long used_before = mem_pool.used_pages;

	map_pc();
	ck_assert_uint_gt(mem_pool.used_pages, used_before);
	ck_assert_int_eq(paging_unmap(&ps, PC_LOW_RAM, PC_LOW_SIZE), 0);
	ck_assert_int_eq(paging_unmap(&ps, PC_RAM, PC_RAM_END - PC_RAM), 0);
	ck_assert_int_eq(paging_unmap(&ps, PC_IOAPIC, SZ_4K), 0);
	ck_assert_uint_eq(mem_pool.used_pages, used_before);
}
END_TEST

START_TEST(ept_pointer_format)
{
	u64 eptp = ept_pointer(&ps);

	/* SDM 25.6.11: memory type WB (6) in bits 2:0, walk length - 1 (3) in bits 5:3, no A/D. */
	ck_assert_uint_eq(eptp & 7, 6);
	ck_assert_uint_eq((eptp >> 3) & 7, 3);
	ck_assert_uint_eq(eptp & (1 << 6), 0);
	ck_assert_uint_eq(eptp & ADDR_MASK, paging_hvirt2phys(ps.root));
	ck_assert_uint_eq(eptp & 0xf80, 0);
}
END_TEST

START_TEST(ept_features_needed)
{
	/* Bochs 2.7 features (ept_x_only ept_ad ept_1gb, INVEPT and INVVPID types); each needed bit taken away. */
	const u64 bochs = 0x00000f0106334141ULL;
	const struct {
		u64 bit;
		const char *what;
	} needed[] = {
		{ 1ULL << 6, "4-level EPT walks" },
		{ 1ULL << 14, "write-back EPT tables" },
		{ 1ULL << 16, "2 MiB EPT pages" },
		{ 1ULL << 17, "1 GiB EPT pages" },
		{ 1ULL << 20, "INVEPT" },
		{ 1ULL << 25, "single-context INVEPT" },
	};
	unsigned int n;

	ck_assert_ptr_null(ept_missing_feature(bochs));
	for (n = 0; n < ARRAY_SIZE(needed); n++)
		ck_assert_str_eq(ept_missing_feature(bochs & ~needed[n].bit), needed[n].what);
	/* Execute-only and A/D flags are not needed. */
	ck_assert_ptr_null(ept_missing_feature(bochs & ~(1ULL | (1ULL << 21))));
}
END_TEST

START_TEST(host_leaves)
{
	unsigned int level;
	u64 entry;

	ck_assert_int_eq(paging_map(&ps, 0xffffffff80000000ULL, PC_HV, SZ_2M,
				    PAGING_READ | PAGING_EXECUTE), 0);
	ck_assert_int_eq(paging_map(&ps, 0xffffffff80200000ULL, PC_HV + SZ_2M, SZ_4K,
				    PAGING_READ | PAGING_WRITE), 0);
	ck_assert_int_eq(paging_map(&ps, 0xffffffff80201000ULL, 0x3f8000, SZ_4K,
				    PAGING_READ | PAGING_WRITE | PAGING_DEVICE), 0);
	/* Text: a 2 MiB leaf, read-only, executable, write-back, supervisor only. */
	entry = walk(0xffffffff80001000ULL, false, &level);
	ck_assert_uint_eq(level, 2);
	ck_assert_uint_eq(entry & (PTE_P | PTE_W | PTE_US | PTE_PWT | PTE_PCD | LARGE | PTE_NX),
			  PTE_P | LARGE);
	ck_assert_uint_eq(entry & ADDR_MASK, PC_HV);
	/* Data: no execute. */
	entry = walk(0xffffffff80200000ULL, false, &level);
	ck_assert_uint_eq(level, 3);
	ck_assert_uint_eq(entry & (PTE_P | PTE_W | PTE_US | PTE_PWT | PTE_PCD | LARGE | PTE_NX),
			  PTE_P | PTE_W | PTE_NX);
	/* A device: uncacheable (PAT entry 3 of the power-on PAT). */
	entry = walk(0xffffffff80201000ULL, false, &level);
	ck_assert_uint_eq(entry & (PTE_PWT | PTE_PCD | PTE_NX), PTE_PWT | PTE_PCD | PTE_NX);
	ck_assert_uint_eq(entry & ADDR_MASK, 0x3f8000);
}
END_TEST

START_TEST(host_no_1g_pages)
{
	unsigned int level;
	u64 entry, *table = ps.root;
	unsigned int l;

	/* 1 GiB pages are optional in long mode: a 1 GiB aligned map gets 2 MiB leaves. */
	ck_assert_int_eq(paging_map(&ps, SZ_1G, SZ_1G, SZ_1G, RWX), 0);
	entry = walk(SZ_1G, false, &level);
	ck_assert_uint_eq(level, 2);
	ck_assert_uint_ne(entry & LARGE, 0);
	/* Tables: present, writable, executable; supervisor only. */
	for (l = 0; l < 2; l++) {
		entry = table[index_at(SZ_1G, l)];
		ck_assert_uint_eq(entry & (PTE_P | PTE_W | PTE_US | PTE_NX | LARGE), PTE_P | PTE_W);
		table = paging_phys2hvirt(entry & ADDR_MASK);
	}
}
END_TEST

START_TEST(ept_fault_decisions)
{
	const u64 read = 1, write = 2, fetch = 4, was_readable = 1 << 3;

	/* Nothing was mapped and now is: the break-before-make window, access again. */
	ck_assert_int_eq(ept_fault_action(read, false, true), EPT_FAULT_RETRY);
	ck_assert_int_eq(ept_fault_action(read, true, true), EPT_FAULT_RETRY);
	/* Nothing mapped, still nothing: the hypervisor's memory or a hole. */
	ck_assert_int_eq(ept_fault_action(read, false, false), EPT_FAULT_DENY);
	ck_assert_int_eq(ept_fault_action(write, false, false), EPT_FAULT_DENY);
	/* A write to a read-only page (the console ring) is never retried, though mapped. */
	ck_assert_int_eq(ept_fault_action(write | was_readable, false, true), EPT_FAULT_DENY);
	/* Denied during event delivery: a double fault. */
	ck_assert_int_eq(ept_fault_action(read, true, false), EPT_FAULT_DOUBLE);
	ck_assert_int_eq(ept_fault_action(write | was_readable, true, true), EPT_FAULT_DOUBLE);
	ck_assert_str_eq(ept_fault_access(read), "read");
	ck_assert_str_eq(ept_fault_access(write | read), "write");
	ck_assert_str_eq(ept_fault_access(fetch | read), "instruction fetch");
}
END_TEST

Suite *x86_paging_suite(void)
{
	Suite *s = suite_create("x86 paging");
	TCase *ept = tcase_create("ept");
	TCase *host = tcase_create("host");

	tcase_add_checked_fixture(ept, ept_setup, teardown);
	tcase_add_test(ept, ept_ram_is_write_back_rwx);
	tcase_add_test(ept, ept_devices_are_uncacheable);
	tcase_add_test(ept, ept_hypervisor_region_absent);
	tcase_add_test(ept, ept_large_pages_where_aligned);
	tcase_add_test(ept, ept_tables_grant_all_leaves_decide);
	tcase_add_test(ept, ept_permissions_honoured);
	tcase_add_test(ept, ept_split_keeps_attributes);
	tcase_add_test(ept, ept_unmap_returns_tables);
	tcase_add_test(ept, ept_pointer_format);
	tcase_add_test(ept, ept_features_needed);
	tcase_add_test(ept, ept_fault_decisions);
	suite_add_tcase(s, ept);
	tcase_add_checked_fixture(host, hv_setup, teardown);
	tcase_add_test(host, host_leaves);
	tcase_add_test(host, host_no_1g_pages);
	suite_add_tcase(s, host);
	return s;
}
