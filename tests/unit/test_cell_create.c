// SPDX-License-Identifier: GPL-2.0
/*
 * Ownership checks of cell create (hypervisor/cell.c), through the real
 * cell_create() on the host hypervisor of hv_fakes.c: a cell gets only
 * CPUs, memory, devices and interrupts the root still owns, never the
 * hypervisor's, another cell's or a device the hypervisor keeps. Every
 * refusal names what was wrong and leaves the root, the pool and the other
 * cells exactly as they were; a create followed by a destroy does too.
 */
#include <string.h>

#include <bulkhead/errno.h>
#include <bulkhead/page_alloc.h>

#include "hv_fakes.h"
#include "unit.h"

#define RAM_A		0x71a00000UL
#define RAM_B		0x71c00000UL

/* The positive control: what a create takes from the root, and that destroy gives it back. */
START_TEST(test_create_takes_and_destroy_returns)
{
	struct hv_snapshot before;
	struct cell *cell;
	u64 phys;

	hv_snapshot(&before);
	cell = hv_create_ok(hv_cell("a", "1 2", "34 35", RAM_A,
				    "device@9010000 { reg = <0x0 0x09010000 0x0 0x1000>; "
				    "flags = \"read\", \"write\", \"io\"; };"));
	assert_console_says("created cell \"a\" (id 1) on CPUs 0x6");
	ck_assert_uint_eq(cell->cpu_set, 0x6);
	ck_assert_uint_eq(root_cell.cpu_set, 0x9);
	ck_assert_ptr_eq(per_cpu(1)->cell, cell);
	ck_assert_ptr_eq(per_cpu(2)->cell, cell);
	/* RAM and device leave the root; the cell sees them where its config says. */
	ck_assert_uint_eq(hv_root_maps(RAM_A), ~0ULL);
	ck_assert_uint_eq(hv_root_maps(RAM_A + 0xff000), ~0ULL);
	ck_assert_uint_eq(hv_root_maps(HV_RTC_PHYS), ~0ULL);
	ck_assert_uint_eq(hv_root_maps(RAM_A + 0x100000), RAM_A + 0x100000);
	ck_assert(paging_translate(&cell->stage2, 0, &phys));
	ck_assert_uint_eq(phys, RAM_A);
	ck_assert(paging_translate(&cell->stage2, HV_RTC_PHYS, &phys));
	ck_assert_uint_eq(phys, HV_RTC_PHYS);
	/* Its interrupts are its own now, and no longer the root's. */
	ck_assert(cell_owns_irq(cell, 34) && cell_owns_irq(cell, 35) && !cell_owns_irq(cell, 36));
	ck_assert(!cell_owns_irq(&root_cell, 34) && !cell_owns_irq(&root_cell, 35));
	ck_assert(cell_owns_irq(&root_cell, 33) && cell_owns_irq(&root_cell, 36));

	ck_assert_int_eq(cell_destroy(cell->id), 0);
	hv_assert_unchanged(&before);
}
END_TEST

START_TEST(test_cpu_0_stays_with_root)
{
	assert_refused(hv_cell("a", "0 1", "", RAM_A, ""), -EINVAL,
		       "cell \"a\": cpus: CPU 0 stays with the root cell");
}
END_TEST

START_TEST(test_cpu_that_does_not_exist)
{
	assert_refused(hv_cell("a", "1 5", "", RAM_A, ""), -EINVAL,
		       "cell \"a\": cpus: CPU 5 does not exist (4 CPUs)");
}
END_TEST

/* Linux still runs on CPU 2 (not offlined), or is about to start it (a pending wake-up). */
START_TEST(test_cpu_online_in_root)
{
	per_cpu(2)->state = BULKHEAD_CPU_RUNNING;
	assert_refused(hv_cell("a", "2", "", RAM_A, ""), -EBUSY,
		       "cell \"a\": cpus: CPU 2 is still online in the root cell");
	per_cpu(2)->state = BULKHEAD_CPU_PARKED;
	per_cpu(2)->wake_pending = true;
	assert_refused(hv_cell("a", "2", "", RAM_A, ""), -EBUSY,
		       "cell \"a\": cpus: CPU 2 is still online in the root cell");
}
END_TEST

START_TEST(test_cpu_of_another_cell)
{
	hv_create_ok(hv_cell("a", "1 2", "", RAM_A, ""));
	assert_refused(hv_cell("b", "3 2", "", RAM_B, ""), -EBUSY,
		       "cell \"b\": cpus: CPU 2 belongs to cell \"a\", not the root");
}
END_TEST

START_TEST(test_name_taken)
{
	hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	assert_refused(hv_cell("linux", "2", "", RAM_B, ""), -EEXIST,
		       "cell \"linux\": name is already used by the root cell");
	assert_refused(hv_cell("a", "2", "", RAM_B, ""), -EEXIST,
		       "cell \"a\": name is already used by cell 1");
}
END_TEST

/* The first, second and last MiB of hypervisor memory, and a region straddling its end. */
START_TEST(test_memory_of_the_hypervisor)
{
	assert_refused(hv_cell("a", "1", "", 0x70000000, ""), -EINVAL,
		       "memory region 0 (0x70000000+0x100000) overlaps the hypervisor's memory");
	assert_refused(hv_cell("a", "1", "", 0x70f00000, ""), -EINVAL,
		       "memory region 0 (0x70f00000+0x100000) overlaps the hypervisor's memory");
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "memory@70f80000 { reg = <0x0 0x70f80000 0x0 0x100000>; "
			       "virt = <0x0 0x200000>; flags = \"read\"; };"),
		       -EINVAL, "memory region 1 (0x70f80000+0x100000) overlaps the hypervisor's memory");
}
END_TEST

/* Memory the root never had, or that spans two of its regions. */
START_TEST(test_memory_not_the_roots)
{
	assert_refused(hv_cell("a", "1", "", 0x80000000, ""), -EINVAL,
		       "memory region 0 (0x80000000+0x100000) is not inside one region of the "
		       "root cell");
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "device@9010000 { reg = <0x0 0x09010000 0x0 0x2000>; "
			       "flags = \"read\", \"write\", \"io\"; };"),
		       -EINVAL, "memory region 1 (0x9010000+0x2000) is not inside one region");
}
END_TEST

/* A device mapped as RAM (cacheable) or RAM as a device would change what the root shares. */
START_TEST(test_memory_type_differs_from_root)
{
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "device@72000000 { reg = <0x0 0x72000000 0x0 0x1000>; "
			       "flags = \"read\", \"write\", \"io\"; };"),
		       -EINVAL, "memory region 1 (0x72000000+0x1000) is io, but the root cell maps "
		       "it as memory");
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "memory@9010000 { reg = <0x0 0x09010000 0x0 0x1000>; "
			       "flags = \"read\", \"write\"; };"),
		       -EINVAL, "memory region 1 (0x9010000+0x1000) is memory, but the root cell "
		       "maps it as io");
}
END_TEST

/* The distributor, a redistributor frame and the debug UART stay the hypervisor's. */
START_TEST(test_devices_the_hypervisor_keeps)
{
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "device@8000000 { reg = <0x0 0x08000000 0x0 0x10000>; "
			       "flags = \"read\", \"write\", \"io\"; };"),
		       -EINVAL, "memory region 1 (0x8000000+0x10000) overlaps a device the "
		       "hypervisor keeps");
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "device@8100000 { reg = <0x0 0x08100000 0x0 0x20000>; "
			       "flags = \"read\", \"write\", \"io\"; };"),
		       -EINVAL, "memory region 1 (0x8100000+0x20000) overlaps a device the "
		       "hypervisor keeps");
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "device@9000000 { reg = <0x0 0x09000000 0x0 0x1000>; "
			       "flags = \"read\", \"write\", \"io\"; };"),
		       -EINVAL, "memory region 1 (0x9000000+0x1000) overlaps a device the "
		       "hypervisor keeps");
}
END_TEST

/* Same start, and a partial overlap at the other cell's end. */
START_TEST(test_memory_of_another_cell)
{
	hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	assert_refused(hv_cell("b", "2", "", RAM_A, ""), -EBUSY,
		       "cell \"b\": memory region 0 (0x71a00000+0x100000) overlaps memory of "
		       "cell \"a\"");
	assert_refused(hv_cell("b", "2", "", RAM_B,
			       "memory@71af0000 { reg = <0x0 0x71af0000 0x0 0x20000>; "
			       "virt = <0x0 0x200000>; flags = \"read\"; };"),
		       -EBUSY, "memory region 1 (0x71af0000+0x20000) overlaps memory of cell \"a\"");
}
END_TEST

/* Root channel memory, and memory another cell's channel took from the root. */
START_TEST(test_memory_of_a_channel)
{
	assert_refused(hv_cell("a", "1", "", HV_ROOT_ECHO_PHYS, ""), -EBUSY,
		       "memory region 0 (0x7e000000+0x100000) overlaps the memory of channel "
		       "\"root-echo\"");
	hv_create_ok(hv_cell("a", "1", "", RAM_A,
			     "channel@7e200000 { channel-name = \"a-b\"; peer = \"b\"; "
			     "reg = <0x0 0x7e200000 0x0 0x100000>; virt = <0x0 0x10000000>; "
			     "access = \"read-write\"; };"));
	assert_refused(hv_cell("c", "2", "", 0x7e200000, ""), -EBUSY,
		       "memory region 0 (0x7e200000+0x100000) overlaps the memory of channel "
		       "\"a-b\"");
}
END_TEST

START_TEST(test_irq_that_does_not_exist)
{
	assert_refused(hv_cell("a", "1", "34 300", RAM_A, ""), -EINVAL,
		       "cell \"a\": interrupts: 300 does not exist (the machine has interrupt "
		       "sources up to 287)");
}
END_TEST

/* A root doorbell is Linux's interrupt for its channel: taking it would cut the channel off. */
START_TEST(test_irq_that_is_a_root_doorbell)
{
	assert_refused(hv_cell("a", "1", "245", RAM_A, ""), -EBUSY,
		       "cell \"a\": interrupts: 245 is the root's doorbell of channel \"root-log\"");
}
END_TEST

START_TEST(test_irq_of_another_cell)
{
	hv_create_ok(hv_cell("a", "1", "40 34", RAM_A, ""));
	assert_refused(hv_cell("b", "2", "35 34", RAM_B, ""), -EBUSY,
		       "cell \"b\": interrupts: 34 belongs to cell \"a\", not the root");
}
END_TEST

/* Refused after everything was taken (the interrupt controller set-up failed): all goes back. */
START_TEST(test_late_failure_gives_everything_back)
{
	fake_arch_cell_create_error = -ENOMEM;
	assert_refused(hv_cell("a", "1 2", "34", RAM_A,
			       "channel@7e200000 { channel-name = \"a-b\"; peer = \"b\"; "
			       "reg = <0x0 0x7e200000 0x0 0x100000>; virt = <0x0 0x10000000>; "
			       "access = \"read-write\"; doorbell-irq = <242>; };"),
		       -ENOMEM, "cell \"a\": cannot set up its interrupt controller (error -12)");
}
END_TEST

/* An emulated device where the cell sees the board's interrupt controller: refused. */
START_TEST(test_vdevice_on_gic)
{
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "vdevice@80a0000 { type = \"pl011\"; "
			       "reg = <0x0 0x080a0000 0x0 0x1000>; interrupt = <33>; };"),
		       -EINVAL, "cell \"a\": vdevice 0 at 0x80a0000 overlaps the interrupt "
		       "controller the cell sees there");
	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "vdevice@800f000 { type = \"pl011\"; "
			       "reg = <0x0 0x0800f000 0x0 0x1000>; interrupt = <33>; };"),
		       -EINVAL, "vdevice 0 at 0x800f000 overlaps the interrupt controller");
}
END_TEST

/* Its interrupt is virtual, so it may be the root's (33 is the root's UART), but must exist. */
START_TEST(test_vdevice_irq)
{
	struct hv_snapshot before;
	struct cell *cell;

	assert_refused(hv_cell("a", "1", "", RAM_A,
			       "vdevice@9000000 { type = \"pl011\"; "
			       "reg = <0x0 0x09000000 0x0 0x1000>; interrupt = <300>; };"),
		       -EINVAL, "cell \"a\": vdevice 0: irq 300 does not exist (the machine has "
		       "interrupt sources up to 287)");
	hv_snapshot(&before);
	cell = hv_create_ok(hv_cell("a", "1", "", RAM_A,
				    "vdevice@9000000 { type = \"pl011\"; "
				    "reg = <0x0 0x09000000 0x0 0x1000>; interrupt = <33>; };"));
	ck_assert(!cell_owns_irq(cell, 33));
	ck_assert(cell_owns_irq(&root_cell, 33));
	ck_assert_int_eq(cell_destroy(cell->id), 0);
	hv_assert_unchanged(&before);
}
END_TEST

Suite *cell_create_suite(void)
{
	Suite *suite = suite_create("cell-create");
	TCase *tc = tcase_create("ownership");

	tcase_add_checked_fixture(tc, hv_boot, hv_shutdown);
	tcase_add_test(tc, test_create_takes_and_destroy_returns);
	tcase_add_test(tc, test_cpu_0_stays_with_root);
	tcase_add_test(tc, test_cpu_that_does_not_exist);
	tcase_add_test(tc, test_cpu_online_in_root);
	tcase_add_test(tc, test_cpu_of_another_cell);
	tcase_add_test(tc, test_name_taken);
	tcase_add_test(tc, test_memory_of_the_hypervisor);
	tcase_add_test(tc, test_memory_not_the_roots);
	tcase_add_test(tc, test_memory_type_differs_from_root);
	tcase_add_test(tc, test_devices_the_hypervisor_keeps);
	tcase_add_test(tc, test_memory_of_another_cell);
	tcase_add_test(tc, test_memory_of_a_channel);
	tcase_add_test(tc, test_irq_that_does_not_exist);
	tcase_add_test(tc, test_irq_that_is_a_root_doorbell);
	tcase_add_test(tc, test_irq_of_another_cell);
	tcase_add_test(tc, test_vdevice_on_gic);
	tcase_add_test(tc, test_vdevice_irq);
	tcase_add_test(tc, test_late_failure_gives_everything_back);
	suite_add_tcase(suite, tc);
	return suite;
}
