/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The channel demo's protocol (not ABI): one requester, one responder, over a
 * channel's shared memory and doorbells. Spoken by inmates/demos/arm64/channel.c
 * (either role) and by the root's tests/system/chantest.c, so it builds both
 * in an inmate and in Linux user space: <stdint.h> types, and memcpy() as the
 * includer declares it.
 *
 * Offset 0 of the shared memory holds struct chan_proto, the payload starts
 * at CHAN_PROTO_PAYLOAD. Each word has one writer:
 *
 * - responder: writes magic = CHAN_PROTO_MAGIC once it serves (0 before it
 *   stops, when it can), then answers every request_seq != response_seq:
 *   reads op, length (cut to the payload limit) and the payload, does the
 *   work, writes result, barrier, response_seq = request_seq, rings.
 * - requester: waits for magic, then per request: op, length, payload,
 *   barrier, request_seq + 1, rings; waits until response_seq equals it,
 *   barrier, reads result (and, for SOURCE, the payload).
 *
 * Results: PING 0; SINK the CRC-32 of the payload as the responder copied it
 * out into private memory; SOURCE the CRC-32 of the `length` bytes of
 * chan_proto_pattern(seed = request_seq) the responder wrote into the
 * payload; an unknown op CHAN_RESULT_BAD_OP. The requester compares with its
 * own CRC-32 of what it sent or received.
 *
 * SINK or SOURCE with CHAN_OP_UNCHECKED only copy (SOURCE: whatever the
 * responder's buffer holds) and return 0: a throughput measurement that a
 * CRC computed inside the round trip would otherwise dominate.
 */
#ifndef _CHANNEL_PROTO_H
#define _CHANNEL_PROTO_H

#include <stdint.h>

#define CHAN_PROTO_MAGIC	0x4e434842	/* "BHCN" */

#define CHAN_OP_PING		1
#define CHAN_OP_SINK		2
#define CHAN_OP_SOURCE		3
#define CHAN_OP_UNCHECKED	0x100

#define CHAN_RESULT_BAD_OP	0xffffffffU

#define CHAN_PROTO_PAYLOAD	0x1000
#define CHAN_PROTO_MAX_CHUNK	0x40000

struct chan_proto {
	volatile uint32_t magic;	/* responder */
	volatile uint32_t request_seq;	/* requester */
	volatile uint32_t op;		/* requester: CHAN_OP_* */
	volatile uint32_t length;	/* requester: payload bytes */
	volatile uint32_t response_seq;	/* responder */
	volatile uint32_t result;	/* responder */
	uint32_t reserved[10];
};

_Static_assert(sizeof(struct chan_proto) == 64, "struct chan_proto is 64 bytes");

/* Payload bytes a request may carry on a channel of size bytes. */
static inline uint32_t chan_proto_max_chunk(uint64_t size)
{
	if (size <= CHAN_PROTO_PAYLOAD)
		return 0;
	size -= CHAN_PROTO_PAYLOAD;
	return size < CHAN_PROTO_MAX_CHUNK ? (uint32_t)size : CHAN_PROTO_MAX_CHUNK;
}

/*
 * CRC-32 (IEEE 802.3, reflected, as bulkhead_crc32() in bulkhead/config.h)
 * of len bytes at data, continuing crc (0 to start), four bits per step.
 */
static inline uint32_t chan_proto_crc32(uint32_t crc, const void *data, uint64_t len)
{
	static const uint32_t nibble[16] = {
		0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
		0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
		0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
		0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
	};
	const uint8_t *p = (const uint8_t *)data;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ nibble[crc & 0xf];
		crc = (crc >> 4) ^ nibble[crc & 0xf];
	}
	return ~crc;
}

/* One step of Marsaglia's xorshift32 (shifts 13, 17, 5). */
static inline uint32_t chan_proto_xorshift32(uint32_t x)
{
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/*
 * The SOURCE payload: byte i is the low byte of the state after i + 1
 * xorshift32 steps from seed (a seed of 0, where xorshift32 would stay, counts
 * as 1).
 */
static inline void chan_proto_pattern(void *buf, uint32_t len, uint32_t seed)
{
	uint8_t *p = (uint8_t *)buf;
	uint32_t x = seed ? seed : 1;

	while (len--) {
		x = chan_proto_xorshift32(x);
		*p++ = (uint8_t)x;
	}
}

/*
 * The responder's work on one request, the same on both sides: op on the
 * first len bytes (cut to the payload limit) of payload, with private (the
 * responder's own memory, len bytes or more) as described above. Returns the
 * result to publish.
 */
static inline uint32_t chan_proto_answer(uint32_t op, uint32_t len, uint32_t seq,
					 uint8_t *payload, uint8_t *private)
{
	uint32_t result;

	switch (op) {
	case CHAN_OP_PING:
		return 0;
	case CHAN_OP_SINK:
		memcpy(private, payload, len);
		return chan_proto_crc32(0, private, len);
	case CHAN_OP_SINK | CHAN_OP_UNCHECKED:
		memcpy(private, payload, len);
		return 0;
	case CHAN_OP_SOURCE:
		chan_proto_pattern(private, len, seq);
		result = chan_proto_crc32(0, private, len);
		memcpy(payload, private, len);
		return result;
	case CHAN_OP_SOURCE | CHAN_OP_UNCHECKED:
		memcpy(payload, private, len);
		return 0;
	default:
		return CHAN_RESULT_BAD_OP;
	}
}

#endif /* !_CHANNEL_PROTO_H */
