// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's trace (hypervisor/trace.c) on the host hypervisor of
 * hv_fakes.c: BULKHEAD_HC_TRACE refusing each bad argument with its errno
 * and changing nothing; rings set up once, mapped into the root, released
 * only when no one traces; records numbered across a wrap; the NEW_CELLS
 * mask at create; a cell's CPUs taking up a new mask at their kick; exits
 * recorded whole, also when the CPU stops in the middle of one; and the
 * arm64 traced exit path (arch/arm64/trace.c): each exit's reason and
 * detail, the virtual interrupts an exit put in the list registers with
 * their latency, and the doorbells rung or refused.
 */
#include "hv_fakes.h"
#include "unit.h"

#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/tracing.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define ROOT_CPU	0
#define CELL_CPU	1
#define RAM_A		0x71a00000UL
#define PAGES		2
#define CAPACITY	(PAGES * PAGE_SIZE / BULKHEAD_TRACE_RECORD_SIZE)

static long trace_call(unsigned int op, unsigned long arg, unsigned long x2)
{
	return hypercall(per_cpu(ROOT_CPU), BULKHEAD_HC_TRACE, op | arg << 16, x2);
}

static struct bulkhead_trace_ring *ring_of(unsigned int cpu)
{
	long phys = trace_call(BULKHEAD_TRACE_OP_INFO, cpu, BULKHEAD_TRACE_INFO_RING);

	ck_assert_int_gt(phys, 0);
	return paging_phys2hvirt((u64)phys);
}

static const struct bulkhead_trace_record *record(const struct bulkhead_trace_ring *ring,
						  u64 seq)
{
	const struct bulkhead_trace_record *records =
		(const void *)((const u8 *)ring + BULKHEAD_TRACE_RING_HEADER);

	return &records[(seq - 1) % ring->capacity];
}

/* What a refused call must leave as it was. */
struct trace_state {
	unsigned long pool_used;
	long pages, root_mask, new_mask;
};

static void trace_state(struct trace_state *state)
{
	state->pool_used = mem_pool.used_pages;
	state->pages = trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_PAGES);
	state->root_mask = trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_MASK);
	state->new_mask = trace_call(BULKHEAD_TRACE_OP_INFO, BULKHEAD_TRACE_NEW_CELLS,
				     BULKHEAD_TRACE_INFO_MASK);
}

static void assert_trace_refused(unsigned long x1, unsigned long x2, long err, const char *text)
{
	struct trace_state before, after;
	long got;

	trace_state(&before);
	console_capture_reset();
	got = hypercall(per_cpu(ROOT_CPU), BULKHEAD_HC_TRACE, x1, x2);
	ck_assert_msg(got == err, "x1 0x%lx x2 0x%lx: %ld, expected %ld", x1, x2, got, err);
	assert_console_says(text);
	trace_state(&after);
	ck_assert_uint_eq(after.pool_used, before.pool_used);
	ck_assert_int_eq(after.pages, before.pages);
	ck_assert_int_eq(after.root_mask, before.root_mask);
	ck_assert_int_eq(after.new_mask, before.new_mask);
}

START_TEST(test_bad_arguments_refused)
{
	const unsigned long set = BULKHEAD_TRACE_OP_SET, info = BULKHEAD_TRACE_OP_INFO;

	/* Before any rings: */
	assert_trace_refused(set, BULKHEAD_TRACE_CLASS_EXIT, -ENODEV, "no rings");
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_RING), -ENODEV);
	assert_trace_refused(BULKHEAD_TRACE_OP_SETUP, 0, -EINVAL, "0 pages per CPU (1..1024)");
	assert_trace_refused(BULKHEAD_TRACE_OP_SETUP, BULKHEAD_TRACE_MAX_PAGES + 1, -EINVAL,
		       "1025 pages per CPU");
	assert_trace_refused(BULKHEAD_TRACE_OP_SETUP, BULKHEAD_TRACE_MAX_PAGES, -ENOMEM,
		       "out of hypervisor memory");
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);

	assert_trace_refused(0, 0, -EINVAL, "unknown operation 0");
	assert_trace_refused(6, 0, -EINVAL, "unknown operation 6");
	assert_trace_refused(set | 0x100, 0, -EINVAL, "bits besides the operation");
	assert_trace_refused(set | 1UL << 32, 0, -EINVAL, "bits besides the operation");
	assert_trace_refused(BULKHEAD_TRACE_OP_SETUP | 1 << 16, PAGES, -EINVAL,
			     "takes no argument");
	assert_trace_refused(BULKHEAD_TRACE_OP_SYNC, 1, -EINVAL, "takes no argument");
	assert_trace_refused(BULKHEAD_TRACE_OP_RELEASE, 1, -EINVAL, "takes no argument");
	assert_trace_refused(set, BULKHEAD_TRACE_CLASS_ALL + 1, -EINVAL, "mask 0x20 has bits");
	assert_trace_refused(set | 3 << 16, BULKHEAD_TRACE_CLASS_EXIT, -ENOENT,
			     "no cell with id 3");
	assert_trace_refused(info | 3 << 16, BULKHEAD_TRACE_INFO_MASK, -ENOENT,
			     "no cell with id 3");
	assert_trace_refused(info | HV_CPUS << 16, BULKHEAD_TRACE_INFO_RING, -EINVAL, "no CPU 4");
	assert_trace_refused(info, 9, -EINVAL, "unknown item 9");
	assert_trace_refused(BULKHEAD_TRACE_OP_SETUP, PAGES + 1, -EBUSY, "release them first");
}
END_TEST

START_TEST(test_setup_maps_rings_into_root)
{
	unsigned long before = mem_pool.used_pages;
	struct bulkhead_trace_ring *ring;
	unsigned int cpu;
	u64 phys;

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_PAGES), 0);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	/* The rings, and the root's tables that map them. */
	ck_assert_uint_ge(mem_pool.used_pages, before + HV_CPUS * (1 + PAGES));
	/* The same size again is no change. */
	before = mem_pool.used_pages;
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	ck_assert_uint_eq(mem_pool.used_pages, before);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_PAGES), PAGES);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_COUNTER_HZ),
			 1000000);
	for (cpu = 0; cpu < HV_CPUS; cpu++) {
		ring = ring_of(cpu);
		phys = paging_hvirt2phys(ring);
		ck_assert_uint_eq(ring->cpu, cpu);
		ck_assert_uint_eq(ring->capacity, CAPACITY);
		ck_assert_uint_eq(ring->counter_hz, 1000000);
		ck_assert_uint_eq(ring->head, 0);
		/* Where it lies, header and the last record page. */
		ck_assert_uint_eq(hv_root_maps(phys), phys);
		ck_assert_uint_eq(hv_root_maps(phys + PAGES * PAGE_SIZE), phys + PAGES * PAGE_SIZE);
	}
}
END_TEST

START_TEST(test_release_waits_for_every_mask)
{
	unsigned long before = mem_pool.used_pages;
	u64 phys;

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	phys = paging_hvirt2phys(ring_of(ROOT_CPU));
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, BULKHEAD_TRACE_NEW_CELLS,
				    BULKHEAD_TRACE_CLASS_STATE), 0);
	assert_trace_refused(BULKHEAD_TRACE_OP_RELEASE, 0, -EBUSY, "new cells' mask is 0x4");
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, BULKHEAD_TRACE_NEW_CELLS, 0), 0);

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, 0, BULKHEAD_TRACE_CLASS_EXIT), 0);
	assert_trace_refused(BULKHEAD_TRACE_OP_RELEASE, 0, -EBUSY, "cell 0 still has mask 0x1");
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SYNC, 0, 0), 0);
	ck_assert(hv_traced_vectors());
	/* The mask is off, but the root's CPU still traces until it syncs. */
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, 0, 0), 0);
	/* Refused without a console line: the driver retries until the CPUs have synced. */
	console_capture_reset();
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_RELEASE, 0, 0), -EBUSY);
	ck_assert_str_eq(console_captured(), "");
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SYNC, 0, 0), 0);
	ck_assert(!hv_traced_vectors());

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_RELEASE, 0, 0), 0);
	ck_assert_uint_eq(mem_pool.used_pages, before);
	ck_assert_uint_eq(hv_root_maps(phys), ~0ULL);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_PAGES), 0);
	/* Released: a new size is fine now. */
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES + 1), 0);
}
END_TEST

START_TEST(test_ring_wraps)
{
	const unsigned int extra = 5;
	const struct bulkhead_trace_record *rec;
	struct bulkhead_trace_ring *ring;
	u64 seq;

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	ring = ring_of(ROOT_CPU);
	for (seq = 1; seq <= CAPACITY + extra; seq++)
		trace_write(per_cpu(ROOT_CPU), BULKHEAD_TRACE_EXIT, BULKHEAD_EXIT_SYSREG, 7,
			    seq * 10, seq * 100, (u32)seq);
	ck_assert_uint_eq(ring->head, CAPACITY + extra);
	/* The first `extra` slots hold the newest records, the rest the oldest kept. */
	for (seq = extra + 1; seq <= CAPACITY + extra; seq++) {
		rec = record(ring, seq);
		ck_assert_uint_eq(rec->seq, seq);
		ck_assert_uint_eq(rec->time, seq * 10);
		ck_assert_uint_eq(rec->detail, seq * 100);
		ck_assert_uint_eq(rec->value, seq);
		ck_assert_uint_eq(rec->cell, 7);
		ck_assert_uint_eq(rec->type, BULKHEAD_TRACE_EXIT);
		ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_SYSREG);
	}
	ck_assert_uint_eq(record(ring, 1)->seq, CAPACITY + 1);
	/* No other CPU's ring moved. */
	ck_assert_uint_eq(ring_of(CELL_CPU)->head, 0);
}
END_TEST

START_TEST(test_new_cells_mask_at_create)
{
	struct bulkhead_trace_ring *ring;
	const struct bulkhead_trace_record *rec;
	struct cell *cell;

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, BULKHEAD_TRACE_NEW_CELLS,
				    BULKHEAD_TRACE_CLASS_STATE | BULKHEAD_TRACE_CLASS_EXIT), 0);
	cell = hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_INFO, cell->id, BULKHEAD_TRACE_INFO_MASK),
			 BULKHEAD_TRACE_CLASS_STATE | BULKHEAD_TRACE_CLASS_EXIT);
	/* Its creation is recorded by the root CPU that made it. */
	ring = ring_of(ROOT_CPU);
	ck_assert_uint_eq(ring->head, 1);
	rec = record(ring, 1);
	ck_assert_uint_eq(rec->type, BULKHEAD_TRACE_CELL_EVENT);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EVENT_CREATED);
	ck_assert_uint_eq(rec->cell, cell->id);
	ck_assert_uint_eq(rec->detail, 1UL << 1);
	/* Health events are another class: not recorded. */
	event_post(cell, BULKHEAD_EVENT_WATCHDOG, 0, 0);
	ck_assert_uint_eq(ring->head, 1);
	/* The root's mask stays as it was. */
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_MASK), 0);
}
END_TEST

START_TEST(test_cell_cpus_take_mask_at_kick)
{
	unsigned int kicks = fake_kicks[CELL_CPU];
	struct per_cpu *cpu = per_cpu(CELL_CPU);
	struct cell *cell;

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	cell = hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	cpu->state = BULKHEAD_CPU_RUNNING;
	kicks = fake_kicks[CELL_CPU];

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, cell->id, BULKHEAD_TRACE_CLASS_EXIT), 0);
	ck_assert_uint_eq(fake_kicks[CELL_CPU], kicks + 1);
	ck_assert(!hv_traced_vectors());
	/* The kick arrives on the cell's CPU: */
	fake_current_cpu = CELL_CPU;
	fake_acks[0] = SGI_KICK;
	fake_acks_left = 1;
	vgic_handle_irq(cpu);
	ck_assert(hv_traced_vectors());
	ck_assert_uint_eq(cpu->trace.active, BULKHEAD_TRACE_CLASS_EXIT);
	/* STATE alone needs no traced exit path. */
	fake_current_cpu = ROOT_CPU;
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, cell->id, BULKHEAD_TRACE_CLASS_STATE),
			 0);
	fake_current_cpu = CELL_CPU;
	fake_acks[0] = SGI_KICK;
	fake_acks_left = 1;
	vgic_handle_irq(cpu);
	ck_assert(!hv_traced_vectors());
	ck_assert_uint_eq(cpu->trace.active, BULKHEAD_TRACE_CLASS_STATE);
}
END_TEST

START_TEST(test_exit_recorded_whole)
{
	struct per_cpu *cpu = per_cpu(ROOT_CPU);
	const struct bulkhead_trace_record *rec;
	struct bulkhead_trace_ring *ring;
	u64 start;

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	ring = ring_of(ROOT_CPU);
	/* Not traced: an exit leaves nothing. */
	trace_exit_begin(cpu, arch_counter(), BULKHEAD_EXIT_HYPERCALL, 5);
	trace_exit_end(cpu, arch_counter());
	ck_assert_uint_eq(ring->head, 0);

	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, 0, BULKHEAD_TRACE_CLASS_EXIT), 0);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SYNC, 0, 0), 0);
	fake_counter_step = 0;
	start = arch_counter();
	trace_exit_begin(cpu, start, BULKHEAD_EXIT_HYPERCALL, 18 | 3UL << 32);
	hv_counter_advance(250);
	trace_exit_end(cpu, arch_counter());
	ck_assert_uint_eq(ring->head, 1);
	rec = record(ring, 1);
	ck_assert_uint_eq(rec->type, BULKHEAD_TRACE_EXIT);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_HYPERCALL);
	ck_assert_uint_eq(rec->time, start);
	ck_assert_uint_eq(rec->value, 250);
	ck_assert_uint_eq(rec->detail, 18 | 3UL << 32);
	ck_assert_uint_eq(rec->cell, 0);

	/* It stops (parks) inside the exit: recorded up to the stop, once. */
	trace_exit_begin(cpu, arch_counter(), BULKHEAD_EXIT_PSCI, 0x84000002);
	hv_counter_advance(40);
	trace_cpu_stop(cpu);
	ck_assert_uint_eq(ring->head, 2);
	ck_assert_uint_eq(record(ring, 2)->value, 40);
	ck_assert(!hv_traced_vectors());
	hv_counter_advance(1000);
	trace_exit_end(cpu, arch_counter());
	ck_assert_uint_eq(ring->head, 2);
	/* Parked, it holds no mask: the rings may go. */
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, 0, 0), 0);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_RELEASE, 0, 0), 0);
}
END_TEST

/* The root's CPU traces @mask: rings set up, the mask set and synced. */
static struct bulkhead_trace_ring *trace_root(u32 mask)
{
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SETUP, 0, PAGES), 0);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SET, 0, mask), 0);
	ck_assert_int_eq(trace_call(BULKHEAD_TRACE_OP_SYNC, 0, 0), 0);
	ck_assert(hv_traced_vectors());
	fake_counter_step = 0;
	return ring_of(ROOT_CPU);
}

/* The handler takes this long, in counter ticks. */
#define HANDLER_TICKS	70

static void slow_handler(struct trap_frame *frame)
{
	hv_counter_advance(HANDLER_TICKS);
}

/* A trap with @esr and x0 = @x0, x1 = @x1 on the traced path: its EXIT record. */
static const struct bulkhead_trace_record *traced_trap(struct bulkhead_trace_ring *ring, u64 esr,
							u64 x0, u64 x1)
{
	struct trap_frame frame = { .x = { x0, x1 } };
	u64 head = ring->head;

	write_sysreg(esr, esr_el2);
	fake_exit_handler = slow_handler;
	arch_trace_trap(&frame, arch_counter() - 30);
	ck_assert_uint_eq(ring->head, head + 1);
	ck_assert_uint_eq(record(ring, head + 1)->type, BULKHEAD_TRACE_EXIT);
	ck_assert_uint_eq(record(ring, head + 1)->value, 30 + HANDLER_TICKS);
	return record(ring, head + 1);
}

#define EC(ec)		((u64)(ec) << ESR_EC_SHIFT)

START_TEST(test_exit_reasons)
{
	struct bulkhead_trace_ring *ring = trace_root(BULKHEAD_TRACE_CLASS_EXIT);
	const struct bulkhead_trace_record *rec;
	struct trap_frame frame = { 0 };

	rec = traced_trap(ring, EC(ESR_EC_HVC64), BULKHEAD_HC_ARM64_BASE | 8, 0x100000003UL);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_HYPERCALL);
	ck_assert_uint_eq(rec->detail, 8 | 3UL << 32);
	rec = traced_trap(ring, EC(ESR_EC_HVC64), 0x84000003, 0);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_PSCI);
	ck_assert_uint_eq(rec->detail, 0x84000003);
	/* Bulkhead's calls are HVCs: as an SMC it is just another SMCCC call. */
	rec = traced_trap(ring, EC(ESR_EC_SMC64), BULKHEAD_HC_ARM64_BASE | 8, 0);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_SMCCC);
	rec = traced_trap(ring, EC(ESR_EC_SMC64), 0xc4000003, 0);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_PSCI);

	write_sysreg(0x8000000 >> 8, hpfar_el2);
	write_sysreg(0xffff000012345abcUL, far_el2);
	rec = traced_trap(ring, EC(ESR_EC_DABT_LOW) | ESR_DABT_WNR, 0, 0);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_MMIO);
	ck_assert_uint_eq(rec->detail, 0x8000abc | BULKHEAD_EXIT_MMIO_WRITE);
	rec = traced_trap(ring, EC(ESR_EC_DABT_LOW), 0, 0);
	ck_assert_uint_eq(rec->detail, 0x8000abc);
	rec = traced_trap(ring, EC(ESR_EC_IABT_LOW), 0, 0);
	ck_assert_uint_eq(rec->detail, 0x8000abc | BULKHEAD_EXIT_MMIO_FETCH);

	rec = traced_trap(ring, EC(ESR_EC_SYSREG) | ESR_IL | 0x30c816, 0, 0);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_SYSREG);
	ck_assert_uint_eq(rec->detail, 0x30c816);
	rec = traced_trap(ring, EC(0x01) | ESR_IL, 0, 0);
	ck_assert_uint_eq(rec->reason, BULKHEAD_EXIT_OTHER);
	ck_assert_uint_eq(rec->detail, EC(0x01) | ESR_IL);

	/* An interrupt: the INTID about to be taken; an SError: its syndrome. */
	fake_acks[0] = 27;
	fake_acks_left = 1;
	arch_trace_irq(&frame, arch_counter());
	ck_assert_uint_eq(record(ring, ring->head)->reason, BULKHEAD_EXIT_IRQ);
	ck_assert_uint_eq(record(ring, ring->head)->detail, 27);
	write_sysreg(0xbe000000, esr_el2);
	arch_trace_async_abort(&frame, arch_counter());
	ck_assert_uint_eq(record(ring, ring->head)->reason, BULKHEAD_EXIT_ABORT);
	ck_assert_uint_eq(record(ring, ring->head)->detail, 0xbe000000);
}
END_TEST

/* The handler puts INTID 27 (the virtual timer) in LR 1 and SPI 40 in LR 2, as injections do. */
static void injecting_handler(struct trap_frame *frame)
{
	hv_counter_advance(HANDLER_TICKS);
	fake_lrs[1] = LR_PENDING | LR_GROUP1 | 27;
	fake_lrs[2] = LR_PENDING | LR_GROUP1 | 40;
}

START_TEST(test_injections_recorded_with_latency)
{
	struct bulkhead_trace_ring *ring = trace_root(BULKHEAD_TRACE_CLASS_VIRQ);
	const struct bulkhead_trace_record *rec;
	struct trap_frame frame = { 0 };
	u64 start, end;

	/* The virtual timer fired 500 ticks ago on the virtual count (offset 1000). */
	hv_counter_advance(1000000);
	start = arch_counter();
	write_sysreg(1000, cntvoff_el2);
	write_sysreg(1, cntv_ctl_el0);
	write_sysreg(start - 1000 - 500, cntv_cval_el0);
	/* SPI 40 already waited in LR 3 before this exit: not this exit's doing. */
	memset(fake_lrs, 0, sizeof(fake_lrs));
	fake_lrs[3] = LR_PENDING | 40;
	fake_exit_handler = injecting_handler;
	arch_trace_irq(&frame, start);
	end = start + HANDLER_TICKS;
	/* VIRQ only: no EXIT record. */
	ck_assert_uint_eq(ring->head, 2);
	rec = record(ring, 1);
	ck_assert_uint_eq(rec->type, BULKHEAD_TRACE_VIRQ);
	ck_assert_uint_eq(rec->detail, 27);
	ck_assert_uint_eq(rec->reason, BULKHEAD_VIRQ_SOURCE_TIMER);
	ck_assert_uint_eq(rec->time, end);
	ck_assert_uint_eq(rec->value, 500 + HANDLER_TICKS);
	rec = record(ring, 2);
	ck_assert_uint_eq(rec->detail, 40);
	ck_assert_uint_eq(rec->reason, BULKHEAD_VIRQ_SOURCE_EXIT);
	ck_assert_uint_eq(rec->value, HANDLER_TICKS);

	/* Again, nothing new in the list registers: nothing recorded. */
	arch_trace_irq(&frame, arch_counter());
	ck_assert_uint_eq(ring->head, 2);
	/* A timer that is off (or not yet due) counts from the exit. */
	memset(fake_lrs, 0, sizeof(fake_lrs));
	write_sysreg(0, cntv_ctl_el0);
	arch_trace_irq(&frame, arch_counter());
	ck_assert_uint_eq(ring->head, 4);
	ck_assert_uint_eq(record(ring, 3)->reason, BULKHEAD_VIRQ_SOURCE_EXIT);
	ck_assert_uint_eq(record(ring, 3)->value, HANDLER_TICKS);
}
END_TEST

/* What arch_handle_trap() does with a Bulkhead hypercall. */
static void hypercall_handler(struct trap_frame *frame)
{
	frame->x[0] = hypercall(this_cpu(), frame->x[0] & 0xffff, frame->x[1], frame->x[2]);
}

static const struct bulkhead_trace_record *ring_doorbell(struct bulkhead_trace_ring *ring,
							  unsigned long index, long result)
{
	struct trap_frame frame = { .x = { BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_CHANNEL_RING,
					   index } };
	u64 head = ring->head;

	write_sysreg(EC(ESR_EC_HVC64), esr_el2);
	fake_exit_handler = hypercall_handler;
	arch_trace_trap(&frame, arch_counter());
	ck_assert_int_eq((long)frame.x[0], result);
	ck_assert_uint_eq(ring->head, head + 1);
	ck_assert_uint_eq(record(ring, head + 1)->type, BULKHEAD_TRACE_DOORBELL);
	ck_assert_uint_eq(record(ring, head + 1)->reason, (u8)index);
	ck_assert_uint_eq(record(ring, head + 1)->cell, 0);
	return record(ring, head + 1);
}

START_TEST(test_doorbells_recorded)
{
	struct bulkhead_trace_ring *ring = trace_root(BULKHEAD_TRACE_CLASS_DOORBELL);
	struct trap_frame frame = { .x = { BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_GET_INFO } };
	struct cell *echo;

	/* No such channel; a channel whose peer does not exist yet; then rung. */
	ck_assert_uint_eq(ring_doorbell(ring, 7, -EINVAL)->detail,
			  0xffff | 0xffffUL << 16 | (u64)(u32)-EINVAL << 32);
	ck_assert_uint_eq(ring_doorbell(ring, 0, -ENOTCONN)->detail,
			  0xffff | 0xffffUL << 16 | (u64)(u32)-ENOTCONN << 32);
	echo = hv_create_ok(hv_cell("echo", "1", "", RAM_A,
				    "channel@7e000000 { channel-name = \"root-echo\"; "
				    "peer = \"linux\"; reg = <0x0 0x7e000000 0x0 0x100000>; "
				    "virt = <0x0 0x10000000>; access = \"read-write\"; "
				    "doorbell-irq = <241>; };"));
	hv_load(echo);
	ck_assert_int_eq(cell_start(echo->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	ck_assert_uint_eq(ring_doorbell(ring, 0, 0)->detail, echo->id | 0UL << 16);
	/* Channel 1 << 32 is none, not channel 0. */
	ck_assert_uint_eq(ring_doorbell(ring, 1UL << 32, -EINVAL)->detail,
			  0xffff | 0xffffUL << 16 | (u64)(u32)-EINVAL << 32);
	/* Other hypercalls are no doorbells. */
	write_sysreg(EC(ESR_EC_HVC64), esr_el2);
	arch_trace_trap(&frame, arch_counter());
	ck_assert_uint_eq(record(ring, ring->head)->type, BULKHEAD_TRACE_DOORBELL);
	ck_assert_uint_eq(ring->head, 4);
}
END_TEST

Suite *trace_suite(void)
{
	Suite *suite = suite_create("trace");
	TCase *tc = tcase_create("rings");

	tcase_add_checked_fixture(tc, hv_boot, hv_shutdown);
	tcase_add_test(tc, test_bad_arguments_refused);
	tcase_add_test(tc, test_setup_maps_rings_into_root);
	tcase_add_test(tc, test_release_waits_for_every_mask);
	tcase_add_test(tc, test_ring_wraps);
	tcase_add_test(tc, test_new_cells_mask_at_create);
	tcase_add_test(tc, test_cell_cpus_take_mask_at_kick);
	tcase_add_test(tc, test_exit_recorded_whole);
	tcase_add_test(tc, test_exit_reasons);
	tcase_add_test(tc, test_injections_recorded_with_latency);
	tcase_add_test(tc, test_doorbells_recorded);
	suite_add_tcase(suite, tc);
	return suite;
}
