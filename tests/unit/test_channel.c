// SPDX-License-Identifier: GPL-2.0
/*
 * The channel policy and the channel checks of cell create
 * (hypervisor/channel.c: channels_check_policy(), channels_check(); the
 * memory a channel takes in cell.c), and the rights they give, on the host
 * hypervisor of hv_fakes.c. The test system's policy: "linux <-> echo",
 * "a <-> b", "linux -> reader" (Linux writes, reader reads) and
 * "logger -> linux" (logger writes, Linux reads), "a -> c"; Linux declares
 * "root-echo" (doorbell 240), "root-feed" (no doorbell) and "root-log"
 * (read-only, doorbell 245).
 */
#include <stdio.h>

#include <bulkhead/errno.h>

#include "hv_fakes.h"
#include "unit.h"

#define RAM_A		0x71a00000UL
#define RAM_B		0x71c00000UL
#define RAM_C		0x72000000UL
#define AB_PHYS		0x7e200000UL
#define RW_RING		(BULKHEAD_CHANNEL_RIGHT_WRITE | BULKHEAD_CHANNEL_RIGHT_RING)

/* Root channel indices in the test system config. */
#define ROOT_ECHO	0
#define ROOT_FEED	1
#define ROOT_LOG	2

/* A channel node: @name to @peer, memory @phys+@size seen at 0x10000000. */
static const char *channel(const char *name, const char *peer, u64 phys, u64 size,
			   const char *access, unsigned int doorbell)
{
	static char node[512];
	char bell[40] = "";

	if (doorbell)
		snprintf(bell, sizeof(bell), " doorbell-irq = <%u>;", doorbell);
	snprintf(node, sizeof(node),
		 "channel@%llx { channel-name = \"%s\"; peer = \"%s\"; "
		 "reg = <0x0 0x%llx 0x0 0x%llx>; virt = <0x0 0x10000000>; access = \"%s\";%s };",
		 (unsigned long long)phys, name, peer, (unsigned long long)phys,
		 (unsigned long long)size, access, bell);
	return node;
}

static struct cell *create_ok(const char *name, const char *cpus, u64 ram, const char *node)
{
	return hv_create_ok(hv_cell(name, cpus, "", ram, node));
}

static u32 rights(struct cell *cell, unsigned int index)
{
	long ret = channel_info(cell, index, BULKHEAD_CHANNEL_INFO_RIGHTS);

	ck_assert_int_ge(ret, 0);
	return ret;
}

/* @cell's only CPU runs now: started, and out of its parking as the real CPU would be. */
static void start(struct cell *cell)
{
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(__builtin_ctzll(cell->cpu_set))->state = BULKHEAD_CPU_RUNNING;
}

static long ring(unsigned int cpu, unsigned long index)
{
	return hypercall(per_cpu(cpu), BULKHEAD_HC_CHANNEL_RING, index, 0);
}

static bool raised(unsigned int intid)
{
	return fake_raised_irqs[intid / 32] & (1U << (intid % 32));
}

/* A linked pair: both sides get what their config asks for, and see each other. */
START_TEST(test_policy_allows_a_link)
{
	struct cell *echo = create_ok("echo", "1", RAM_A, channel("root-echo", "linux",
						HV_ROOT_ECHO_PHYS, 0x100000, "read-write", 241));

	ck_assert_uint_eq(rights(echo, 0), RW_RING);
	ck_assert_uint_eq(rights(&root_cell, ROOT_ECHO), RW_RING);
	ck_assert_int_eq(channel_info(&root_cell, ROOT_ECHO, BULKHEAD_CHANNEL_INFO_PEER_STATE),
			 BULKHEAD_PEER_DOWN);
	ck_assert_int_eq(channel_info(echo, 0, BULKHEAD_CHANNEL_INFO_PEER_STATE), BULKHEAD_PEER_UP);
	/* Root channel memory stays the root's. */
	ck_assert_uint_eq(hv_root_maps(HV_ROOT_ECHO_PHYS), HV_ROOT_ECHO_PHYS);
}
END_TEST

/* No link at all between the two: catches a channel the policy never allowed. */
START_TEST(test_policy_refuses_unlinked_cells)
{
	assert_refused(hv_cell("x", "1", "", RAM_A, channel("root-echo", "linux",
			       HV_ROOT_ECHO_PHYS, 0x100000, "read-only", 0)),
		       -EPERM, "peer \"linux\" but the policy has no link between \"x\" and "
		       "\"linux\"");
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-echo", "echo", AB_PHYS, 0x100000,
							    "read-only", 0)),
		       -EPERM, "peer \"echo\" but the policy has no link between \"a\" and \"echo\"");
}
END_TEST

/*
 * Writing needs the link from the writer: catches a reader declaring write
 * access to memory only Linux may fill.
 */
START_TEST(test_policy_write_needs_outward_link)
{
	struct cell *reader;

	assert_refused(hv_cell("reader", "1", "", RAM_A, channel("root-feed", "linux",
			       HV_ROOT_FEED_PHYS, 0x10000, "read-write", 0)),
		       -EPERM, "flags 0x1 (write) but the policy has no link \"reader\" -> "
		       "\"linux\"");
	reader = create_ok("reader", "1", RAM_A, channel("root-feed", "linux", HV_ROOT_FEED_PHYS,
							 0x10000, "read-only", 0));
	ck_assert_uint_eq(rights(reader, 0), 0);
	ck_assert_uint_eq(rights(&root_cell, ROOT_FEED), BULKHEAD_CHANNEL_RIGHT_WRITE);
}
END_TEST

/*
 * A doorbell (the peer rings this side) needs the link from the peer:
 * catches a cell taking interrupts from Linux the policy does not send.
 */
START_TEST(test_policy_doorbell_needs_inward_link)
{
	struct cell *logger;

	assert_refused(hv_cell("logger", "1", "", RAM_A, channel("root-log", "linux",
			       HV_ROOT_LOG_PHYS, 0x10000, "read-write", 246)),
		       -EPERM, "doorbell_irq 246 but the policy has no link \"linux\" -> "
		       "\"logger\"");
	logger = create_ok("logger", "1", RAM_A, channel("root-log", "linux", HV_ROOT_LOG_PHYS,
							 0x10000, "read-write", 0));
	ck_assert_uint_eq(rights(logger, 0), RW_RING);
	/* Linux reads only, and may not ring the logger. */
	ck_assert_uint_eq(rights(&root_cell, ROOT_LOG), 0);
}
END_TEST

/*
 * What a side may do shows before its peer exists: catches a cell told it
 * may ring (or write) where the policy points the other way.
 */
START_TEST(test_rights_before_the_peer_exists)
{
	struct cell *c = create_ok("c", "2", RAM_C, channel("a-c", "a", AB_PHYS, 0x100000,
							    "read-only", 244));
	struct cell *a;

	ck_assert_int_eq(channel_info(c, 0, BULKHEAD_CHANNEL_INFO_PEER_STATE),
			 BULKHEAD_PEER_ABSENT);
	ck_assert_uint_eq(rights(c, 0), 0);
	a = create_ok("a", "1", RAM_A, channel("a-c", "c", AB_PHYS, 0x100000, "read-write", 0));
	ck_assert_uint_eq(rights(a, 0), RW_RING);
	ck_assert_uint_eq(rights(c, 0), 0);
}
END_TEST

/*
 * Rings go where the policy points and only to a running peer that takes
 * doorbells; Linux's doorbell is raised once until it reads its counts.
 * Catches a ring against the policy's direction, to a stopped peer, or
 * a ringing loop flooding Linux with interrupts.
 */
START_TEST(test_rings_follow_the_policy)
{
	struct cell *echo = create_ok("echo", "1", RAM_A, channel("root-echo", "linux",
						HV_ROOT_ECHO_PHYS, 0x100000, "read-write", 241));
	struct cell *reader = create_ok("reader", "2", RAM_B, channel("root-feed", "linux",
						HV_ROOT_FEED_PHYS, 0x10000, "read-only", 0));

	ck_assert_int_eq(ring(0, ROOT_ECHO), -ENOTCONN);
	ck_assert(!raised(241));
	start(echo);
	start(reader);
	ck_assert_int_eq(ring(0, ROOT_ECHO), 0);
	ck_assert(raised(241));

	/* Linux has read what the echo cell's creation and start told it: armed again. */
	ck_assert_int_eq(channel_info(&root_cell, ROOT_ECHO, BULKHEAD_CHANNEL_INFO_PEER_EVENTS), 2);
	memset(fake_raised_irqs, 0, sizeof(fake_raised_irqs));
	ck_assert_int_eq(ring(1, 0), 0);
	ck_assert(raised(HV_ROOT_ECHO_DOORBELL));
	memset(fake_raised_irqs, 0, sizeof(fake_raised_irqs));
	ck_assert_int_eq(ring(1, 0), 0);
	ck_assert(!raised(HV_ROOT_ECHO_DOORBELL));
	ck_assert_int_eq(channel_info(&root_cell, ROOT_ECHO, BULKHEAD_CHANNEL_INFO_RINGS_RECEIVED),
			 2);
	ck_assert_int_eq(ring(1, 0), 0);
	ck_assert(raised(HV_ROOT_ECHO_DOORBELL));

	/* Linux may send to the reader, which takes no doorbell; the reader may not ring. */
	ck_assert_int_eq(ring(0, ROOT_FEED), -EPERM);
	ck_assert_int_eq(ring(2, 0), -EPERM);
	ck_assert_uint_eq(reader->state, BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_uint_eq(echo->channels[0].rings_sent, 3);
}
END_TEST

/*
 * Memory of a cell<->cell channel leaves the root with the first side and
 * comes back with the last. Catches channel memory the root can still
 * write while cells use it, or that it never gets back.
 */
START_TEST(test_cell_channel_memory_changes_hands)
{
	struct hv_snapshot before;
	struct cell *a, *b;

	hv_snapshot(&before);
	a = create_ok("a", "1", RAM_A, channel("a-b", "b", AB_PHYS, 0x100000, "read-write", 242));
	ck_assert(a->channels[0].holds_memory);
	ck_assert_uint_eq(hv_root_maps(AB_PHYS), ~0ULL);
	ck_assert(!cell_owns_irq(&root_cell, 242));
	b = create_ok("b", "2", RAM_B, channel("a-b", "a", AB_PHYS, 0x100000, "read-only", 243));
	ck_assert(!b->channels[0].holds_memory);
	ck_assert_ptr_eq(a->channels[0].peer, &b->channels[0]);
	ck_assert_uint_eq(rights(b, 0), BULKHEAD_CHANNEL_RIGHT_RING);

	ck_assert_int_eq(cell_destroy(a->id), 0);
	ck_assert(b->channels[0].holds_memory);
	ck_assert_uint_eq(hv_root_maps(AB_PHYS), ~0ULL);
	ck_assert_int_eq(cell_destroy(b->id), 0);
	hv_assert_unchanged(&before);
}
END_TEST

/* The second side must match the first: name, direction, memory. */
START_TEST(test_peer_must_match)
{
	create_ok("a", "1", RAM_A, channel("a-b", "b", AB_PHYS, 0x100000, "read-write", 0));
	assert_refused(hv_cell("b", "2", "", RAM_B, channel("a-b", "a", 0x7e300000, 0x100000,
							    "read-write", 0)),
		       -EINVAL, "cell \"b\" channel \"a-b\": memory 0x7e300000+0x100000 differs from "
		       "cell \"a\"'s 0x7e200000+0x100000");
	assert_refused(hv_cell("b", "2", "", RAM_B, channel("b-a", "a", AB_PHYS, 0x100000,
							    "read-write", 0)),
		       -ENOENT, "cell \"b\" channel \"b-a\": cell \"a\" declares no channel of that "
		       "name");
}
END_TEST

/* Channel names are system-wide: catches a third cell joining a channel by its name. */
START_TEST(test_channel_name_taken)
{
	create_ok("a", "1", RAM_A, channel("a-b", "b", AB_PHYS, 0x100000, "read-write", 0));
	assert_refused(hv_cell("echo", "2", "", RAM_B, channel("a-b", "linux", 0x7e300000,
							       0x100000, "read-write", 0)),
		       -EEXIST, "cell \"echo\" channel \"a-b\": the name is taken by a channel of "
		       "cell \"a\"");
}
END_TEST

/* A doorbell is an SPI the root still owns, that exists and is no root doorbell. */
START_TEST(test_doorbell_must_be_the_roots)
{
	hv_create_ok(hv_cell("c", "2", "34", RAM_C, ""));
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-b", "b", AB_PHYS, 0x100000,
							    "read-write", 240)),
		       -EBUSY, "doorbell_irq 240 is the root's doorbell of channel \"root-echo\"");
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-b", "b", AB_PHYS, 0x100000,
							    "read-write", 34)),
		       -EBUSY, "doorbell_irq 34 belongs to another cell");
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-b", "b", AB_PHYS, 0x100000,
							    "read-write", 300)),
		       -EINVAL, "doorbell_irq 300 does not exist");
}
END_TEST

/*
 * Memory a channel takes from the root: root RAM nobody else uses. Catches
 * a channel mapping hypervisor memory, a root channel or another cell's RAM
 * into two cells.
 */
START_TEST(test_channel_memory_must_be_free_root_ram)
{
	create_ok("c", "2", RAM_C, "");
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-b", "b", 0x70100000, 0x100000,
							    "read-write", 0)),
		       -EINVAL, "channel \"a-b\": memory 0x70100000+0x100000 is not inside one RAM "
		       "region of the root cell");
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-b", "b", HV_UART_PHYS, 0x1000,
							    "read-write", 0)),
		       -EINVAL, "channel \"a-b\": memory 0x9000000+0x1000 is not inside one RAM "
		       "region of the root cell");
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-b", "b", HV_ROOT_ECHO_PHYS + 0xf0000,
							    0x20000, "read-write", 0)),
		       -EBUSY, "channel \"a-b\": memory 0x7e0f0000+0x20000 overlaps channel "
		       "\"root-echo\"");
	assert_refused(hv_cell("a", "1", "", RAM_A, channel("a-b", "b", RAM_C, 0x100000,
							    "read-write", 0)),
		       -EBUSY, "channel \"a-b\": memory 0x72000000+0x100000 overlaps memory of cell "
		       "\"c\"");
}
END_TEST

Suite *channel_suite(void)
{
	Suite *suite = suite_create("channel");
	TCase *tc = tcase_create("policy");

	tcase_add_checked_fixture(tc, hv_boot, hv_shutdown);
	tcase_add_test(tc, test_policy_allows_a_link);
	tcase_add_test(tc, test_policy_refuses_unlinked_cells);
	tcase_add_test(tc, test_policy_write_needs_outward_link);
	tcase_add_test(tc, test_policy_doorbell_needs_inward_link);
	tcase_add_test(tc, test_rights_before_the_peer_exists);
	tcase_add_test(tc, test_rings_follow_the_policy);
	tcase_add_test(tc, test_cell_channel_memory_changes_hands);
	tcase_add_test(tc, test_peer_must_match);
	tcase_add_test(tc, test_channel_name_taken);
	tcase_add_test(tc, test_doorbell_must_be_the_roots);
	tcase_add_test(tc, test_channel_memory_must_be_free_root_ram);
	suite_add_tcase(suite, tc);
	return suite;
}
