// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channel demo: either end of the protocol in channel-proto.h over one of
 * the cell's channels.
 *
 * role=echo (the default) writes the magic and answers requests for good,
 * printing a line per 1000 requests served. role=initiator waits for the
 * responder's magic, then measures and prints
 *
 *   channel NAME: ping-pong N rounds, round trip avg X ns min Y ns
 *   channel NAME: sink N bytes in X ns = Y MB/s, crc ok
 *   channel NAME: source N bytes in X ns = Y MB/s, crc ok
 *   channel NAME: baseline memcpy N bytes in X ns = Y MB/s
 *   channel NAME: done
 *
 * ("crc MISMATCH" if a CRC differs; the baseline copies as much between two
 * private buffers). Either role then stays, asleep in wfi between doorbells,
 * answering shutdown requests and reporting its peer's state changes
 * ("channel NAME: peer PEER down").
 *
 * Command line (all optional):
 *   channel=NAME        the channel (default: the cell's first)
 *   role=echo|initiator
 *   rounds=N            ping-pong round trips (default 1000)
 *   bytes=N             bulk bytes each way (default 4 MiB)
 *   chunk=N             bytes per bulk request (default and at most the
 *                       channel's payload limit, 256 KiB or less)
 *   deny-shutdown, ignore-shutdown, uart=0xADDR: as for hello
 */
#include <inmate.h>
#include "channel-proto.h"

#define NSEC_PER_SEC		1000000000UL
/* How long a side without news sleeps before it looks for shutdown requests. */
#define IDLE_WAIT_NS		100000000UL
/* How long a request may go unanswered. */
#define REQUEST_TIMEOUT_NS	2000000000UL
#define PRINT_EVERY		1000

struct channel_demo {
	const struct bulkhead_comm_channel *ch;
	char name[sizeof(((struct bulkhead_comm_channel *)0)->name) + 1];
	struct chan_proto *proto;
	uint8_t *payload;
	uint32_t max_chunk;
	uint32_t seq;			/* initiator: its last request_seq */
	unsigned long timeout_ticks;	/* REQUEST_TIMEOUT_NS */
	unsigned int peer_state;	/* as last reported */
	bool responder;
	enum shutdown_policy policy;
};

/* The responder's copy; the initiator's source and sink. */
static uint8_t private_a[CHAN_PROTO_MAX_CHUNK] __attribute__((aligned(64)));
static uint8_t private_b[CHAN_PROTO_MAX_CHUNK] __attribute__((aligned(64)));

static const char *peer_state_name(unsigned int state)
{
	static const char *const names[] = {
		[BULKHEAD_PEER_ABSENT] = "absent",
		[BULKHEAD_PEER_DOWN] = "down",
		[BULKHEAD_PEER_UP] = "up",
		[BULKHEAD_PEER_FAILED] = "failed",
	};

	return state < ARRAY_SIZE(names) ? names[state] : "in an unknown state";
}

static void report_peer(struct channel_demo *d)
{
	unsigned int state = channel_peer_state(d->ch);

	if (state == d->peer_state)
		return;
	d->peer_state = state;
	printk("channel %s: peer %.32s %s\n", d->name, d->ch->peer, peer_state_name(state));
}

/* A responder about to be stopped withdraws its magic first. */
static void check_shutdown(struct channel_demo *d)
{
	if (d->responder && d->policy == SHUTDOWN_APPROVE && shutdown_requested()) {
		d->proto->magic = 0;
		dsb(sy);
	}
	shutdown_poll(d->policy);
}

/* Sleeps until a doorbell or for IDLE_WAIT_NS, then looks around. */
static void idle_wait(struct channel_demo *d)
{
	channel_wait(d->ch, IDLE_WAIT_NS);
	report_peer(d);
	check_shutdown(d);
}

/* ---- Responder -------------------------------------------------------- */

static void answer(struct channel_demo *d, uint32_t seq)
{
	struct chan_proto *p = d->proto;
	uint32_t len = p->length;

	if (len > d->max_chunk)
		len = d->max_chunk;
	p->result = chan_proto_answer(p->op, len, seq, d->payload, private_a);
	dmb(sy);
	p->response_seq = seq;
	channel_ring(d->ch);
}

static void __noreturn serve(struct channel_demo *d)
{
	unsigned long served = 0;
	uint32_t seq;

	d->proto->magic = CHAN_PROTO_MAGIC;
	/* A requester waiting for the magic looks again. */
	channel_ring(d->ch);
	printk("channel %s: echo serving\n", d->name);
	for (;;) {
		seq = d->proto->request_seq;
		if (seq == d->proto->response_seq) {
			idle_wait(d);
			continue;
		}
		/* The request's fields were written before its number. */
		dmb(sy);
		answer(d, seq);
		if (++served % PRINT_EVERY == 0)
			printk("channel %s: %lu requests served\n", d->name, served);
		check_shutdown(d);
	}
}

/* ---- Initiator -------------------------------------------------------- */

static void await_responder(struct channel_demo *d)
{
	bool said = false;

	while (channel_peer_state(d->ch) != BULKHEAD_PEER_UP ||
	       d->proto->magic != CHAN_PROTO_MAGIC) {
		if (!said)
			printk("channel %s: waiting for %.32s\n", d->name, d->ch->peer);
		said = true;
		idle_wait(d);
	}
}

/* Posts one request and waits for the answer: 0 and *result, or -1 after a message. */
static int request(struct channel_demo *d, uint32_t op, uint32_t len, uint32_t *result)
{
	struct chan_proto *p = d->proto;
	uint32_t seq = ++d->seq;
	unsigned long start = timer_ticks();
	int err;

	p->op = op;
	p->length = len;
	dmb(sy);
	p->request_seq = seq;
	err = channel_ring(d->ch);
	if (err) {
		printk("channel %s: ring failed (%d), peer %s\n", d->name, err,
		       peer_state_name(channel_peer_state(d->ch)));
		return -1;
	}
	while (p->response_seq != seq) {
		if (timer_ticks() - start > d->timeout_ticks) {
			printk("channel %s: request %u unanswered, peer %s\n", d->name, seq,
			       peer_state_name(channel_peer_state(d->ch)));
			return -1;
		}
		if (channel_wait(d->ch, IDLE_WAIT_NS))
			check_shutdown(d);
	}
	dmb(sy);
	*result = p->result;
	return 0;
}

static int ping_pong(struct channel_demo *d, unsigned long rounds)
{
	unsigned long n, start;
	struct stats rtt;
	uint32_t result;

	stats_init(&rtt);
	for (n = 0; n < rounds; n++) {
		start = timer_ticks();
		if (request(d, CHAN_OP_PING, 0, &result))
			return -1;
		stats_add(&rtt, timer_ticks() - start);
	}
	if (rounds)
		printk("channel %s: ping-pong %lu rounds, round trip avg %lu ns min %lu ns\n",
		       d->name, rounds, ticks_to_ns(stats_avg(&rtt)), ticks_to_ns(rtt.min));
	return 0;
}

static void print_rate(struct channel_demo *d, const char *what, unsigned long bytes,
		       unsigned long ticks, const char *verdict)
{
	unsigned long ns = ticks_to_ns(ticks);

	/* bytes / ns * 10^9 / 10^6 */
	printk("channel %s: %s %lu bytes in %lu ns = %lu MB/s%s\n", d->name, what, bytes, ns,
	       mul_div(bytes, 1000, ns), verdict);
}

static uint32_t chunk_length(unsigned long bytes, unsigned long done, uint32_t chunk)
{
	return bytes - done < chunk ? bytes - done : chunk;
}

/*
 * SINK: private_a into the payload, the responder's CRC against ours.
 * SOURCE: the payload's CRC against the responder's, then into private_b.
 */
static int bulk(struct channel_demo *d, uint32_t op, unsigned long bytes, uint32_t chunk)
{
	uint32_t len, result, expected, full_crc = 0, last_crc = 0;
	unsigned long done, start;
	bool ok = true;

	if (op == CHAN_OP_SINK) {
		/* Reckoned before the clock runs: the data is the same each time. */
		full_crc = chan_proto_crc32(0, private_a, chunk);
		last_crc = chan_proto_crc32(0, private_a, bytes % chunk);
	}
	start = timer_ticks();
	for (done = 0; done < bytes; done += len) {
		len = chunk_length(bytes, done, chunk);
		if (op == CHAN_OP_SINK)
			memcpy(d->payload, private_a, len);
		if (request(d, op, len, &result))
			return -1;
		if (op == CHAN_OP_SINK) {
			expected = len == chunk ? full_crc : last_crc;
		} else {
			expected = chan_proto_crc32(0, d->payload, len);
			memcpy(private_b, d->payload, len);
		}
		ok &= result == expected;
	}
	print_rate(d, op == CHAN_OP_SINK ? "sink" : "source", bytes, timer_ticks() - start,
		   ok ? ", crc ok" : ", crc MISMATCH");
	return 0;
}

/*
 * Throughput without the CRCs: @op (SINK or SOURCE) unchecked, each side
 * copying between the payload and its private memory.
 */
static int copy_rate(struct channel_demo *d, uint32_t op, unsigned long bytes, uint32_t chunk)
{
	unsigned long done, start = timer_ticks();
	uint32_t len, result;

	for (done = 0; done < bytes; done += len) {
		len = chunk_length(bytes, done, chunk);
		if (op == CHAN_OP_SINK)
			memcpy(d->payload, private_a, len);
		if (request(d, op | CHAN_OP_UNCHECKED, len, &result))
			return -1;
		if (op == CHAN_OP_SOURCE)
			memcpy(private_b, d->payload, len);
	}
	print_rate(d, op == CHAN_OP_SINK ? "copy to peer" : "copy from peer", bytes,
		   timer_ticks() - start, "");
	return 0;
}

/* The same copies without a channel: memory to memory inside the cell. */
static void baseline(struct channel_demo *d, unsigned long bytes, uint32_t chunk)
{
	unsigned long done, start = timer_ticks();
	uint32_t len;

	for (done = 0; done < bytes; done += len) {
		len = chunk_length(bytes, done, chunk);
		memcpy(private_b, private_a, len);
	}
	print_rate(d, "baseline memcpy", bytes, timer_ticks() - start, "");
}

static void initiate(struct channel_demo *d)
{
	unsigned long rounds = cmdline_get_ulong("rounds", 1000);
	unsigned long bytes = cmdline_get_ulong("bytes", 4UL << 20);
	unsigned long chunk = cmdline_get_ulong("chunk", d->max_chunk);

	if (!chunk || chunk > d->max_chunk) {
		printk("channel %s: chunk %lu bytes, payload limit %u: using %u\n", d->name, chunk,
		       d->max_chunk, d->max_chunk);
		chunk = d->max_chunk;
	}
	chan_proto_pattern(private_a, chunk, 1);
	d->timeout_ticks = mul_div(REQUEST_TIMEOUT_NS, timer_frequency(), NSEC_PER_SEC);

	await_responder(d);
	d->seq = d->proto->request_seq;
	if (ping_pong(d, rounds) || copy_rate(d, CHAN_OP_SINK, bytes, chunk) ||
	    copy_rate(d, CHAN_OP_SOURCE, bytes, chunk) || bulk(d, CHAN_OP_SINK, bytes, chunk) ||
	    bulk(d, CHAN_OP_SOURCE, bytes, chunk))
		return;
	baseline(d, bytes, chunk);
	printk("channel %s: done\n", d->name);
}

/* ---- Set-up ----------------------------------------------------------- */

static const struct bulkhead_comm_channel *pick_channel(char *name, size_t size)
{
	struct bulkhead_comm_region *comm = comm_region();

	if (cmdline_get_str("channel", name, size) >= 0)
		return channel_find(name);
	snprintf(name, size, "(first)");
	return comm && comm->num_channels ? &comm->channels[0] : NULL;
}

/* Finds, checks and maps the channel; -1 after a message. */
static int open_channel(struct channel_demo *d)
{
	const struct bulkhead_comm_channel *ch = pick_channel(d->name, sizeof(d->name));

	if (!ch) {
		printk("channel %s: no such channel in this cell\n", d->name);
		return -1;
	}
	d->ch = ch;
	snprintf(d->name, sizeof(d->name), "%.32s", ch->name);
	if (!ch->doorbell_irq || !(ch->rights & BULKHEAD_CHANNEL_RIGHT_WRITE)) {
		printk("channel %s: needs a doorbell and write access\n", d->name);
		return -1;
	}
	d->max_chunk = chan_proto_max_chunk(ch->size);
	if (!d->max_chunk) {
		printk("channel %s: too small for the protocol\n", d->name);
		return -1;
	}
	d->proto = channel_map(ch);
	if (!d->proto) {
		printk("channel %s: cannot map it\n", d->name);
		return -1;
	}
	d->payload = (uint8_t *)d->proto + CHAN_PROTO_PAYLOAD;
	d->peer_state = channel_peer_state(ch);
	printk("channel %s: %s, peer %.32s %s, %lu KiB at 0x%lx, doorbell %u\n", d->name,
	       d->responder ? "echo" : "initiator", ch->peer, peer_state_name(d->peer_state),
	       (unsigned long)(ch->size >> 10), (unsigned long)ch->address, ch->doorbell_irq);
	return 0;
}

void inmate_main(void)
{
	struct channel_demo d = { .policy = shutdown_policy_from_cmdline() };
	char role[16] = "echo";

	cmdline_get_str("role", role, sizeof(role));
	if (strcmp(role, "echo") && strcmp(role, "initiator")) {
		printk("channel: unknown role \"%s\"\n", role);
		idle(d.policy);
	}
	d.responder = !strcmp(role, "echo");
	if (open_channel(&d))
		idle(d.policy);

	if (d.responder)
		serve(&d);
	initiate(&d);
	for (;;)
		idle_wait(&d);
}
