// SPDX-License-Identifier: GPL-2.0
/*
 * chantest: either side of the channel demo protocol
 * (inmates/demos/arm64/channel-proto.h) from Linux, the root's or a Linux
 * cell's, through the channel device API only: open, mmap, write() to ring,
 * poll() and read() to wait. The other side is an inmate or another chantest.
 *
 *   chantest [-t MS] ping NAME ROUNDS       round trips of empty requests
 *   chantest [-t MS] bulk NAME BYTES CHUNK  BYTES to the peer and back, CHUNK at
 *                                           a time: copies only (throughput),
 *                                           then SINK and SOURCE with CRC checks
 *   chantest [-t MS] serve NAME REQUESTS    the responder: answers REQUESTS
 *                                           requests, then stops serving
 *   chantest memcpy BYTES CHUNK             the same copy inside Linux
 *
 * Every wait gives up after MS milliseconds (default 2000). Times come from
 * CLOCK_MONOTONIC; MB/s counts 10^6 bytes. Numbers are decimal or 0x hex.
 * Exit status: 0 success, 1 failure (timeout, CRC mismatch...), 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/types.h>

#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

#include "../../inmates/demos/arm64/channel-proto.h"

#define DEFAULT_TIMEOUT_MS	2000
#define MAX_TIMEOUT_MS		3600000
#define MAX_ROUNDS		10000000
#define MAX_BYTES		(UINT64_C(1) << 30)
/* Each bulk request keeps its result and sequence number for the check at the end. */
#define MAX_REQUESTS		(1U << 20)
#define NS_PER_MS		UINT64_C(1000000)
#define NS_PER_S		UINT64_C(1000000000)

#define USAGE	"usage: chantest [-t MS] ping NAME ROUNDS\n" \
		"       chantest [-t MS] bulk NAME BYTES CHUNK\n" \
		"       chantest [-t MS] serve NAME REQUESTS\n" \
		"       chantest memcpy BYTES CHUNK\n"

/* The root side of one channel, mapped. */
struct chan {
	const char *name;
	int fd;
	struct bulkhead_channel_info info;
	struct chan_proto *proto;
	uint8_t *payload;
	uint32_t max_chunk;
	uint32_t seq;			/* the last request_seq written */
};

static uint64_t timeout_ns = DEFAULT_TIMEOUT_MS * NS_PER_MS;

/* "chantest NAME: problem" and exit 1; a channel of NULL prints "chantest: ...". */
static void __attribute__((noreturn, format(printf, 2, 3)))
fail(const struct chan *ch, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "chantest%s%s: ", ch ? " " : "", ch ? ch->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void __attribute__((noreturn, format(printf, 1, 2))) usage(const char *fmt, ...)
{
	va_list ap;

	fputs("chantest: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n" USAGE, stderr);
	exit(2);
}

/* Decimal, or hex with 0x; from @min to @max. */
static uint64_t parse_number(const char *what, const char *text, uint64_t min, uint64_t max)
{
	bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
	const char *digits = text + (hex ? 2 : 0);
	size_t len = strlen(digits);
	uint64_t value;

	errno = 0;
	value = strtoull(digits, NULL, hex ? 16 : 10);
	/* strtoull() alone would take blanks, signs and a second 0x. */
	if (!len || strspn(digits, hex ? "0123456789abcdefABCDEF" : "0123456789") != len ||
	    errno || value < min || value > max)
		usage("%s '%s' is not a number from %" PRIu64 " to %" PRIu64, what, text, min, max);
	return value;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* MB/s (10^6 bytes) of @bytes in @ns. */
static uint64_t mb_per_s(uint64_t bytes, uint64_t ns)
{
	return bytes * 1000 / (ns ? ns : 1);
}

static const char *peer_state_name(uint32_t state)
{
	static const char *const names[] = {
		[BULKHEAD_PEER_ABSENT] = "absent",
		[BULKHEAD_PEER_DOWN] = "down",
		[BULKHEAD_PEER_UP] = "up",
		[BULKHEAD_PEER_FAILED] = "failed",
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "unknown";
}

/* BULKHEAD_CHANNEL_INFO, which also acknowledges a peer state change; the peer must run. */
static void check_peer(struct chan *ch)
{
	if (ioctl(ch->fd, BULKHEAD_CHANNEL_INFO, &ch->info) < 0)
		fail(ch, "cannot read the channel's info: %s", strerror(errno));
	if (ch->info.peer_state != BULKHEAD_PEER_UP)
		fail(ch, "peer %s is %s", ch->info.peer, peer_state_name(ch->info.peer_state));
}

static void chan_open(struct chan *ch, const char *name)
{
	char path[sizeof(BULKHEAD_CHANNEL_DEV_DIR) + BULKHEAD_CHANNEL_NAME_LEN + 1];
	void *mem;

	ch->name = name;
	/* A channel name, not a path: nothing else under /dev is opened. */
	if (strlen(name) >= BULKHEAD_CHANNEL_NAME_LEN || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		usage("NAME '%s' is not a channel name", name);
	snprintf(path, sizeof(path), "%s/%s", BULKHEAD_CHANNEL_DEV_DIR, name);
	ch->fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (ch->fd < 0)
		fail(ch, "cannot open %s: %s", path, strerror(errno));
	check_peer(ch);
	if ((ch->info.rights & (BULKHEAD_CHANNEL_RIGHT_WRITE | BULKHEAD_CHANNEL_RIGHT_RING)) !=
	    (BULKHEAD_CHANNEL_RIGHT_WRITE | BULKHEAD_CHANNEL_RIGHT_RING))
		fail(ch, "this side may not write the memory and ring %s; the protocol needs both",
		     ch->info.peer);
	ch->max_chunk = chan_proto_max_chunk(ch->info.size);
	if (!ch->max_chunk)
		fail(ch, "%" PRIu64 " bytes leave no room for a payload after the %#x bytes of "
		     "the header", (uint64_t)ch->info.size, CHAN_PROTO_PAYLOAD);
	mem = mmap(NULL, ch->info.size, PROT_READ | PROT_WRITE, MAP_SHARED, ch->fd, 0);
	if (mem == MAP_FAILED)
		fail(ch, "cannot map its memory: %s", strerror(errno));
	ch->proto = mem;
	ch->payload = (uint8_t *)mem + CHAN_PROTO_PAYLOAD;
}

static void ring(const struct chan *ch)
{
	const uint64_t one = 1;

	if (write(ch->fd, &one, sizeof(one)) == sizeof(one))
		return;
	if (errno == ENOTCONN)
		fail(ch, "cannot ring %s: it is not running", ch->info.peer);
	if (errno == EPERM)
		fail(ch, "cannot ring %s: the policy does not allow it", ch->info.peer);
	fail(ch, "cannot ring %s: %s", ch->info.peer, strerror(errno));
}

/*
 * Sleep until a doorbell (taking it), a peer state change or @deadline.
 * Returns false once @deadline has passed; the caller checks what it waits for.
 */
static bool wait_event(struct chan *ch, uint64_t deadline)
{
	struct pollfd pfd = { .fd = ch->fd, .events = POLLIN | POLLPRI };
	uint64_t now = now_ns(), count;
	int n;

	if (now >= deadline)
		return false;
	/* Rounded up: a wakeup before the deadline just comes round again. */
	n = poll(&pfd, 1, (int)((deadline - now + NS_PER_MS - 1) / NS_PER_MS));
	if (n < 0 && errno != EINTR)
		fail(ch, "cannot wait for a doorbell: %s", strerror(errno));
	if (n <= 0)
		return true;
	if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL))
		fail(ch, "the channel device went away (hypervisor disabled?)");
	if (pfd.revents & POLLPRI)
		check_peer(ch);
	if ((pfd.revents & POLLIN) && read(ch->fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		fail(ch, "cannot read the doorbells: %s", strerror(errno));
	return true;
}

/* The responder's ring after its magic may be long gone (taken by another): look every ms. */
static void wait_magic(struct chan *ch)
{
	const struct timespec tick = { .tv_nsec = NS_PER_MS };
	uint64_t deadline = now_ns() + timeout_ns;

	while (ch->proto->magic != CHAN_PROTO_MAGIC) {
		if (now_ns() >= deadline)
			fail(ch, "timed out waiting for %s to serve (no magic %#x after %" PRIu64
			     " ms)", ch->info.peer, CHAN_PROTO_MAGIC, timeout_ns / NS_PER_MS);
		nanosleep(&tick, NULL);
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

static void wait_response(struct chan *ch, uint32_t seq)
{
	uint64_t deadline = now_ns() + timeout_ns;

	while (ch->proto->response_seq != seq)
		if (!wait_event(ch, deadline))
			fail(ch, "timed out waiting for %s (request %" PRIu32 ", %" PRIu64 " ms)",
			     ch->info.peer, seq, timeout_ns / NS_PER_MS);
	/* The result and the payload after the sequence number. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

/* Open channel @name, wait until the responder serves and has answered any older request. */
static void chan_start(struct chan *ch, const char *name)
{
	chan_open(ch, name);
	wait_magic(ch);
	/* Carry on from an earlier requester's sequence numbers. */
	ch->seq = ch->proto->request_seq;
	wait_response(ch, ch->seq);
}

/* @op on the @length payload bytes already in place; returns the responder's result. */
static uint32_t request(struct chan *ch, uint32_t op, uint32_t length)
{
	struct chan_proto *p = ch->proto;

	p->op = op;
	p->length = length;
	/* Payload, op and length before the sequence number... */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	p->request_seq = ++ch->seq;
	/* ...and the sequence number before the doorbell. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ring(ch);
	wait_response(ch, ch->seq);
	return p->result;
}

/* ----- ping ----- */

static void ping(struct chan *ch, uint32_t rounds)
{
	uint64_t total = 0, min = UINT64_MAX, start, ns;
	uint32_t n, result;

	for (n = 0; n < rounds; n++) {
		start = now_ns();
		result = request(ch, CHAN_OP_PING, 0);
		ns = now_ns() - start;
		if (result)
			fail(ch, "ping %" PRIu32 " answered %#" PRIx32 ", not 0", ch->seq, result);
		total += ns;
		if (ns < min)
			min = ns;
	}
	printf("chantest %s: ping-pong %" PRIu32 " rounds, round trip avg %" PRIu64 " ns min %"
	       PRIu64 " ns\n", ch->name, rounds, total / rounds, min);
}

/* ----- bulk ----- */

/* A transfer of @bytes in chunks of @chunk: what each request returned. */
struct transfer {
	uint64_t bytes;
	uint32_t chunk;
	uint32_t num;			/* requests */
	uint32_t *result;
	uint32_t *seq;
};

static uint32_t chunk_len(const struct transfer *t, uint32_t n)
{
	uint64_t left = t->bytes - (uint64_t)n * t->chunk;

	return left < t->chunk ? (uint32_t)left : t->chunk;
}

/* Each chunk of @data must have the CRC-32 the responder returned; else the first that does not. */
static bool crc_ok(const struct chan *ch, const char *what, const struct transfer *t,
		   const uint8_t *data)
{
	uint32_t n, crc;

	for (n = 0; n < t->num; n++) {
		crc = chan_proto_crc32(0, data + (uint64_t)n * t->chunk, chunk_len(t, n));
		if (crc == t->result[n])
			continue;
		fprintf(stderr, "chantest %s: %s chunk %" PRIu32 " (request %" PRIu32 "): crc "
			"%#010" PRIx32 ", %s answered %#010" PRIx32 "\n", ch->name, what, n,
			t->seq[n], crc, ch->info.peer, t->result[n]);
		return false;
	}
	return true;
}

/* @check: ", crc ok" or ", crc MISMATCH", or "" for a measurement without checks. */
static void report(const struct chan *ch, const char *what, uint64_t bytes, uint64_t ns,
		   const char *check)
{
	printf("chantest%s%s: %s %" PRIu64 " bytes in %" PRIu64 " ns = %" PRIu64 " MB/s%s\n",
	       ch ? " " : "", ch ? ch->name : "", what, bytes, ns, mb_per_s(bytes, ns), check);
	fflush(stdout);
}

static const char *crc_word(bool ok)
{
	return ok ? ", crc ok" : ", crc MISMATCH";
}

/*
 * Throughput without the CRCs: SINK then SOURCE unchecked, each side copying
 * between the payload and its own memory.
 */
static void copy_rates(struct chan *ch, const struct transfer *t, const uint8_t *src,
		       uint8_t *dst)
{
	uint64_t start = now_ns();
	uint32_t n, len;

	for (n = 0; n < t->num; n++) {
		len = chunk_len(t, n);
		memcpy(ch->payload, src + (uint64_t)n * t->chunk, len);
		request(ch, CHAN_OP_SINK | CHAN_OP_UNCHECKED, len);
	}
	report(ch, "copy to peer", t->bytes, now_ns() - start, "");
	start = now_ns();
	for (n = 0; n < t->num; n++) {
		len = chunk_len(t, n);
		request(ch, CHAN_OP_SOURCE | CHAN_OP_UNCHECKED, len);
		memcpy(dst + (uint64_t)n * t->chunk, ch->payload, len);
	}
	report(ch, "copy from peer", t->bytes, now_ns() - start, "");
}

/* SINK: @src goes to the responder, which returns the CRC-32 of what it copied out. */
static bool sink(struct chan *ch, struct transfer *t, const uint8_t *src)
{
	uint64_t start = now_ns(), ns;
	uint32_t n, len;
	bool ok;

	for (n = 0; n < t->num; n++) {
		len = chunk_len(t, n);
		memcpy(ch->payload, src + (uint64_t)n * t->chunk, len);
		t->result[n] = request(ch, CHAN_OP_SINK, len);
		t->seq[n] = ch->seq;
	}
	ns = now_ns() - start;
	ok = crc_ok(ch, "sink", t, src);
	report(ch, "sink", t->bytes, ns, crc_word(ok));
	return ok;
}

/* SOURCE: the responder fills the payload with its pattern, copied into @dst. */
static bool source(struct chan *ch, struct transfer *t, uint8_t *dst, uint8_t *scratch)
{
	uint64_t start = now_ns(), ns;
	uint32_t n, len;
	bool ok;

	for (n = 0; n < t->num; n++) {
		len = chunk_len(t, n);
		t->result[n] = request(ch, CHAN_OP_SOURCE, len);
		t->seq[n] = ch->seq;
		memcpy(dst + (uint64_t)n * t->chunk, ch->payload, len);
	}
	ns = now_ns() - start;
	/* What arrived must match its CRC, and be the pattern the protocol names. */
	for (n = 0; n < t->num; n++)
		chan_proto_pattern(scratch + (uint64_t)n * t->chunk, chunk_len(t, n), t->seq[n]);
	ok = crc_ok(ch, "source", t, dst) && crc_ok(ch, "source pattern", t, scratch);
	report(ch, "source", t->bytes, ns, crc_word(ok));
	return ok;
}

/* Two buffers of @bytes, the first filled with a pattern, both touched before any timing. */
static void alloc_buffers(const struct chan *ch, uint64_t bytes, uint8_t **src, uint8_t **dst)
{
	*src = malloc(bytes);
	*dst = malloc(bytes);
	if (!*src || !*dst)
		fail(ch, "cannot allocate 2 x %" PRIu64 " bytes", bytes);
	chan_proto_pattern(*src, (uint32_t)bytes, (uint32_t)bytes);
	memset(*dst, 0, bytes);
}

static bool bulk(struct chan *ch, uint64_t bytes, uint32_t chunk)
{
	struct transfer t = { .bytes = bytes, .chunk = chunk };
	uint8_t *src, *dst;
	bool ok;

	if (chunk > ch->max_chunk)
		usage("CHUNK %" PRIu32 " is larger than the %" PRIu32 " payload bytes of channel "
		      "'%s'", chunk, ch->max_chunk, ch->name);
	if ((bytes + chunk - 1) / chunk > MAX_REQUESTS)
		usage("BYTES / CHUNK makes more than %u requests; use a larger CHUNK",
		      MAX_REQUESTS);
	t.num = (uint32_t)((bytes + chunk - 1) / chunk);
	t.result = calloc(t.num, sizeof(*t.result));
	t.seq = calloc(t.num, sizeof(*t.seq));
	if (!t.result || !t.seq)
		fail(ch, "cannot allocate the results of %" PRIu32 " requests", t.num);
	alloc_buffers(ch, bytes, &src, &dst);
	copy_rates(ch, &t, src, dst);
	ok = sink(ch, &t, src);
	/* @src served its purpose: it takes the expected pattern now. */
	ok = source(ch, &t, dst, src) && ok;
	free(src);
	free(dst);
	free(t.result);
	free(t.seq);
	return ok;
}

/* ----- serve ----- */

/* Answers request @seq as the protocol says, into @private (max_chunk bytes). */
static void answer(struct chan *ch, uint32_t seq, uint8_t *private)
{
	struct chan_proto *p = ch->proto;
	uint32_t len = p->length < ch->max_chunk ? p->length : ch->max_chunk;

	p->result = chan_proto_answer(p->op, len, seq, ch->payload, private);
	/* Result and payload before the sequence number, that before the doorbell. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	p->response_seq = seq;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ring(ch);
}

/* The requester's ring after its request may be long gone: look every ms as well. */
static void serve(struct chan *ch, uint32_t requests)
{
	struct chan_proto *p = ch->proto;
	uint8_t *private = malloc(ch->max_chunk);
	uint32_t served = 0, seq;
	uint64_t deadline;

	if (!private)
		fail(ch, "cannot allocate %" PRIu32 " bytes", ch->max_chunk);
	p->magic = CHAN_PROTO_MAGIC;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* A requester waiting for the magic looks again. */
	ring(ch);
	printf("chantest %s: serving %s\n", ch->name, ch->info.peer);
	fflush(stdout);
	while (served < requests) {
		deadline = now_ns() + timeout_ns;
		while ((seq = p->request_seq) == p->response_seq)
			if (!wait_event(ch, deadline))
				fail(ch, "no request from %s for %" PRIu64 " ms (%" PRIu32 " of %"
				     PRIu32 " served)", ch->info.peer, timeout_ns / NS_PER_MS,
				     served, requests);
		/* The request's fields were written before its number. */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		answer(ch, seq, private);
		served++;
	}
	p->magic = 0;
	printf("chantest %s: served %" PRIu32 " requests\n", ch->name, served);
	free(private);
}

/* ----- memcpy baseline ----- */

static void baseline(uint64_t bytes, uint32_t chunk)
{
	uint64_t off, start, ns;
	uint8_t *src, *dst;

	alloc_buffers(NULL, bytes, &src, &dst);
	start = now_ns();
	for (off = 0; off < bytes; off += chunk) {
		memcpy(dst + off, src + off, bytes - off < chunk ? bytes - off : chunk);
		/* Each copy happens, as the transfers' copies do. */
		__asm__ volatile("" : : "r"(dst) : "memory");
	}
	ns = now_ns() - start;
	if (memcmp(src, dst, bytes))
		fail(NULL, "baseline memcpy: the copy differs from its source");
	report(NULL, "baseline memcpy", bytes, ns, "");
	free(src);
	free(dst);
}

int main(int argc, char **argv)
{
	struct chan ch = { .fd = -1 };
	int arg = 1;

	if (argc > 2 && !strcmp(argv[1], "-t")) {
		timeout_ns = parse_number("MS", argv[2], 1, MAX_TIMEOUT_MS) * NS_PER_MS;
		arg = 3;
	}
	argc -= arg;
	argv += arg;
	if (argc == 3 && !strcmp(argv[0], "ping")) {
		uint32_t rounds = (uint32_t)parse_number("ROUNDS", argv[2], 1, MAX_ROUNDS);

		chan_start(&ch, argv[1]);
		ping(&ch, rounds);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[0], "bulk")) {
		uint64_t bytes = parse_number("BYTES", argv[2], 1, MAX_BYTES);
		uint32_t chunk = (uint32_t)parse_number("CHUNK", argv[3], 1, CHAN_PROTO_MAX_CHUNK);

		chan_start(&ch, argv[1]);
		return bulk(&ch, bytes, chunk) ? 0 : 1;
	}
	if (argc == 3 && !strcmp(argv[0], "serve")) {
		uint32_t requests = (uint32_t)parse_number("REQUESTS", argv[2], 1, MAX_ROUNDS);

		chan_open(&ch, argv[1]);
		serve(&ch, requests);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[0], "memcpy")) {
		baseline(parse_number("BYTES", argv[1], 1, MAX_BYTES),
			 (uint32_t)parse_number("CHUNK", argv[2], 1, CHAN_PROTO_MAX_CHUNK));
		return 0;
	}
	usage("unknown command or wrong number of arguments");
}
