// SPDX-License-Identifier: BSD-2-Clause
/*
 * The communication region's channel table (lib/channel-table.c) and the
 * channel demo's protocol helpers (demos/arm64/channel-proto.h).
 */
#include <check.h>
#include <string.h>
#include "../../lib/internal.h"
#include <bulkhead/config.h>
#include "../../demos/arm64/channel-proto.h"

static struct bulkhead_comm_region comm;

static void fill_comm(unsigned int num, ...)
{
	va_list ap;
	unsigned int n;

	memset(&comm, 0, sizeof(comm));
	comm.num_channels = num;
	va_start(ap, num);
	for (n = 0; n < num && n < BULKHEAD_COMM_MAX_CHANNELS; n++)
		strncpy(comm.channels[n].name, va_arg(ap, const char *),
			sizeof(comm.channels[n].name));
	va_end(ap);
}

START_TEST(find_by_name)
{
	fill_comm(3, "root-echo", "a-b", "a-bc");
	ck_assert_ptr_eq(comm_channel_find(&comm, "root-echo"), &comm.channels[0]);
	ck_assert_ptr_eq(comm_channel_find(&comm, "a-b"), &comm.channels[1]);
	ck_assert_ptr_eq(comm_channel_find(&comm, "a-bc"), &comm.channels[2]);
	/* No prefixes, no extensions, nothing past num_channels. */
	ck_assert_ptr_null(comm_channel_find(&comm, "a"));
	ck_assert_ptr_null(comm_channel_find(&comm, "root-echo2"));
	ck_assert_ptr_null(comm_channel_find(&comm, ""));
	comm.num_channels = 1;
	ck_assert_ptr_null(comm_channel_find(&comm, "a-b"));
}
END_TEST

START_TEST(find_full_length_names)
{
	char full[33];

	memset(full, 'x', 32);
	full[32] = '\0';
	fill_comm(1, full);
	/* The entry has no NUL: a name of 32 characters or more matches nothing. */
	ck_assert_ptr_null(comm_channel_find(&comm, full));
	full[31] = '\0';
	ck_assert_ptr_null(comm_channel_find(&comm, full));
	strcpy(comm.channels[0].name, full);
	ck_assert_ptr_eq(comm_channel_find(&comm, full), &comm.channels[0]);
}
END_TEST

START_TEST(count_and_index)
{
	fill_comm(2, "a", "b");
	ck_assert_uint_eq(comm_num_channels(&comm), 2);
	ck_assert_int_eq(comm_channel_index(&comm, &comm.channels[0]), 0);
	ck_assert_int_eq(comm_channel_index(&comm, &comm.channels[1]), 1);
	ck_assert_int_eq(comm_channel_index(&comm, &comm.channels[2]), -1);
	ck_assert_int_eq(comm_channel_index(&comm, (void *)((char *)&comm.channels[1] + 8)), -1);
	ck_assert_int_eq(comm_channel_index(&comm, (void *)&comm), -1);
	/* A wild count from the hypervisor stops at the table's end. */
	comm.num_channels = 1000;
	ck_assert_uint_eq(comm_num_channels(&comm), BULKHEAD_COMM_MAX_CHANNELS);
	ck_assert_int_eq(comm_channel_index(&comm, &comm.channels[15]), 15);
	ck_assert_int_eq(comm_channel_index(&comm, &comm.channels[16]), -1);
}
END_TEST

START_TEST(comm_layout)
{
	/* Every field the library reads in one access is naturally aligned. */
	ck_assert_uint_eq(offsetof(struct bulkhead_comm_region, channels) % 8, 0);
	ck_assert_uint_eq(sizeof(struct bulkhead_comm_channel) % 8, 0);
	ck_assert_uint_eq(offsetof(struct bulkhead_comm_channel, address) % 8, 0);
	ck_assert_uint_eq(offsetof(struct bulkhead_comm_channel, size) % 8, 0);
	ck_assert_uint_eq(offsetof(struct bulkhead_comm_channel, peer_state) % 4, 0);
	ck_assert_uint_eq(offsetof(struct bulkhead_comm_channel, peer_events) % 4, 0);
	ck_assert_uint_le(sizeof(struct bulkhead_comm_region), 4096);
}
END_TEST

START_TEST(proto_crc32)
{
	static unsigned char buf[4096];
	unsigned int n;

	ck_assert_uint_eq(chan_proto_crc32(0, "123456789", 9), 0xcbf43926);
	ck_assert_uint_eq(chan_proto_crc32(0, "", 0), 0);
	for (n = 0; n < sizeof(buf); n++)
		buf[n] = n * 7 + (n >> 5);
	ck_assert_uint_eq(chan_proto_crc32(0, buf, sizeof(buf)),
			  bulkhead_crc32(0, buf, sizeof(buf)));
	/* Continuing a CRC equals one pass. */
	ck_assert_uint_eq(chan_proto_crc32(chan_proto_crc32(0, buf, 1000), buf + 1000, 3096),
			  bulkhead_crc32(0, buf, sizeof(buf)));
}
END_TEST

START_TEST(proto_pattern)
{
	unsigned char buf[4];
	uint32_t x = 1;
	unsigned int n;

	ck_assert_uint_eq(chan_proto_xorshift32(1), 270369);
	chan_proto_pattern(buf, sizeof(buf), 1);
	for (n = 0; n < sizeof(buf); n++) {
		x = chan_proto_xorshift32(x);
		ck_assert_uint_eq(buf[n], x & 0xff);
	}
	ck_assert_uint_eq(buf[0], 0x21);
	/* Seed 0 would stay 0: it counts as 1. */
	memset(buf, 0, sizeof(buf));
	chan_proto_pattern(buf, sizeof(buf), 0);
	ck_assert_uint_eq(buf[0], 0x21);
}
END_TEST

/* Each op's work and result, as both responders (channel.c, chantest) do it. */
START_TEST(proto_answer)
{
	uint8_t payload[64], private[64], expect[64];

	memset(payload, 0x5a, sizeof(payload));
	memset(private, 0, sizeof(private));
	ck_assert_uint_eq(chan_proto_answer(CHAN_OP_PING, 64, 7, payload, private), 0);
	ck_assert_uint_eq(private[0], 0);
	ck_assert_uint_eq(chan_proto_answer(CHAN_OP_SINK, 48, 7, payload, private),
			  chan_proto_crc32(0, payload, 48));
	ck_assert_uint_eq(private[47], 0x5a);
	ck_assert_uint_eq(private[48], 0);
	chan_proto_pattern(expect, 32, 9);
	ck_assert_uint_eq(chan_proto_answer(CHAN_OP_SOURCE, 32, 9, payload, private),
			  chan_proto_crc32(0, expect, 32));
	ck_assert_int_eq(memcmp(payload, expect, 32), 0);
	ck_assert_uint_eq(payload[32], 0x5a);
	/* Unchecked: copies only, SOURCE sending what the responder's buffer holds. */
	memset(private, 0x11, sizeof(private));
	ck_assert_uint_eq(chan_proto_answer(CHAN_OP_SOURCE | CHAN_OP_UNCHECKED, 16, 9, payload,
					    private), 0);
	ck_assert_uint_eq(payload[15], 0x11);
	ck_assert_uint_eq(payload[16], expect[16]);
	ck_assert_uint_eq(chan_proto_answer(CHAN_OP_SINK | CHAN_OP_UNCHECKED, 8, 9, payload,
					    private), 0);
	ck_assert_uint_eq(private[0], 0x11);
	ck_assert_uint_eq(chan_proto_answer(CHAN_OP_UNCHECKED, 8, 9, payload, private),
			  CHAN_RESULT_BAD_OP);
	ck_assert_uint_eq(chan_proto_answer(4, 8, 9, payload, private), CHAN_RESULT_BAD_OP);
}
END_TEST

START_TEST(proto_limits)
{
	ck_assert_uint_eq(sizeof(struct chan_proto), 64);
	ck_assert_uint_eq(offsetof(struct chan_proto, response_seq), 16);
	ck_assert_uint_eq(chan_proto_max_chunk(0x100000), CHAN_PROTO_MAX_CHUNK);
	ck_assert_uint_eq(chan_proto_max_chunk(0x10000), 0xf000);
	ck_assert_uint_eq(chan_proto_max_chunk(0x1000), 0);
	ck_assert_uint_eq(chan_proto_max_chunk(0x41000), CHAN_PROTO_MAX_CHUNK);
	ck_assert_uint_eq(chan_proto_max_chunk(1ULL << 40), CHAN_PROTO_MAX_CHUNK);
	ck_assert_uint_eq(CHAN_PROTO_MAGIC, 'B' | 'H' << 8 | 'C' << 16 | 'N' << 24);
}
END_TEST

Suite *channel_suite(void)
{
	Suite *suite = suite_create("channel");
	TCase *table = tcase_create("table");
	TCase *proto = tcase_create("proto");

	tcase_add_test(table, find_by_name);
	tcase_add_test(table, find_full_length_names);
	tcase_add_test(table, count_and_index);
	tcase_add_test(table, comm_layout);
	tcase_add_test(proto, proto_crc32);
	tcase_add_test(proto, proto_pattern);
	tcase_add_test(proto, proto_answer);
	tcase_add_test(proto, proto_limits);
	suite_add_tcase(suite, table);
	suite_add_tcase(suite, proto);
	return suite;
}
