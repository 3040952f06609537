// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channels: memory shared with a peer cell plus a doorbell interrupt each
 * way. The hypervisor lists the cell's channels in the communication region;
 * ringing the peer is a hypercall with the channel's index there, a doorbell
 * arriving here is the cell's own SPI. It is set up edge-triggered, so that
 * each ring is one event and none hides behind a level still high, routed to
 * the CPU that maps (or first waits on) the channel, and counted per channel
 * by the handler; channel_wait() compares the count with what it saw last.
 */
#include "internal.h"

#define NSEC_PER_SEC	1000000000UL

struct channel_state {
	volatile unsigned int doorbells;	/* counted by the interrupt handler */
	unsigned int doorbells_seen;		/* when channel_wait() last returned 0 */
	unsigned int events_seen;		/* peer_events then */
	bool open;				/* doorbell set up */
};

static struct channel_state channel_states[BULKHEAD_COMM_MAX_CHANNELS];
/* CPUs whose timer ends channel_wait()'s timeouts (TIMER_IRQ handler installed). */
static bool wakeup_timer_ready[INMATE_MAX_CPUS];

const struct bulkhead_comm_channel *channel_find(const char *name)
{
	struct bulkhead_comm_region *comm = comm_region();

	return comm ? comm_channel_find(comm, name) : NULL;
}

static int channel_index(const struct bulkhead_comm_channel *ch)
{
	struct bulkhead_comm_region *comm = comm_region();

	return comm ? comm_channel_index(comm, ch) : -1;
}

/* A doorbell SPI: one more for each channel it belongs to (one, as configs go). */
static void count_doorbell(unsigned int intid)
{
	struct bulkhead_comm_region *comm = comm_region();
	unsigned int n, count = comm_num_channels(comm);

	for (n = 0; n < count; n++)
		if (CHANNEL_U32(&comm->channels[n], doorbell_irq) == intid)
			channel_states[n].doorbells++;
}

/* The timer only wakes channel_wait(), which looks at the clock itself. */
static void stop_wakeup_timer(unsigned int intid)
{
	(void)intid;
	timer_stop();
}

/* Sets up the doorbell of channel n (entry ch) on the calling CPU, once. */
static int channel_open(const struct bulkhead_comm_channel *ch, int n)
{
	struct channel_state *state = &channel_states[n];
	unsigned int irq = CHANNEL_U32(ch, doorbell_irq);

	if (state->open)
		return 0;
	if (irq && (gic_init() || irq_set_trigger(irq, IRQ_EDGE) ||
		    irq_enable(irq, count_doorbell, IRQ_PRIORITY_DEFAULT))) {
		printk("channel %.32s: cannot set up doorbell interrupt %u\n", ch->name, irq);
		return -EINVAL;
	}
	state->events_seen = CHANNEL_U32(ch, peer_events);
	state->open = true;
	return 0;
}

/*
 * The MMU goes on here, not at the inmate's discretion: the peer (the root,
 * at least) maps the memory cacheable, and accesses with other attributes
 * would not be coherent with it. Turning it on before handing out the
 * pointer means no access ever goes out with the wrong ones.
 */
void *channel_map(const struct bulkhead_comm_channel *ch)
{
	int n = channel_index(ch);

	if (n < 0 || inmate_mmu_enable() || channel_open(ch, n))
		return NULL;
	return (void *)(unsigned long)CHANNEL_U64(ch, address);
}

int channel_ring(const struct bulkhead_comm_channel *ch)
{
	int n = channel_index(ch);

	if (n < 0)
		return -EINVAL;
	/* The peer's handler is to see what we wrote. */
	dsb(sy);
	return hypercall(BULKHEAD_HC_CHANNEL_RING, n, 0);
}

static int wakeup_timer_init(void)
{
	unsigned int cpu = this_cpu_index();

	if (wakeup_timer_ready[cpu])
		return 0;
	if (gic_init() || irq_enable(TIMER_IRQ, stop_wakeup_timer, IRQ_PRIORITY_DEFAULT))
		return -EINVAL;
	wakeup_timer_ready[cpu] = true;
	return 0;
}

/* True if a doorbell or a peer change arrived since the last time this said so. */
static bool take_news(const struct bulkhead_comm_channel *ch, struct channel_state *state)
{
	unsigned int doorbells = state->doorbells, events = CHANNEL_U32(ch, peer_events);

	if (doorbells == state->doorbells_seen && events == state->events_seen)
		return false;
	state->doorbells_seen = doorbells;
	state->events_seen = events;
	return true;
}

int channel_wait(const struct bulkhead_comm_channel *ch, uint64_t timeout_ns)
{
	bool timed = timeout_ns != CHANNEL_WAIT_FOREVER;
	int n = channel_index(ch), ret = 0;
	unsigned long deadline = 0, flags;

	if (n < 0 || !CHANNEL_U32(ch, doorbell_irq) || channel_open(ch, n) ||
	    (timed && wakeup_timer_init()))
		return -EINVAL;
	if (timed)
		deadline = timer_ticks() + mul_div(timeout_ns, timer_frequency(), NSEC_PER_SEC) + 1;

	/* Masked between each check and wfi: what comes in between ends the wfi. */
	flags = irq_local_save();
	while (!take_news(ch, &channel_states[n])) {
		if (timed && (long)(timer_ticks() - deadline) >= 0) {
			ret = -ETIMEDOUT;
			break;
		}
		if (timed)
			timer_start_at(deadline);
		wait_for_interrupt();
	}
	if (timed)
		timer_stop();
	irq_local_restore(flags);
	/* Reads of what the peer wrote before ringing come after the ring's arrival. */
	dmb(sy);
	return ret;
}

unsigned int channel_peer_state(const struct bulkhead_comm_channel *ch)
{
	return channel_index(ch) < 0 ? BULKHEAD_PEER_ABSENT : CHANNEL_U32(ch, peer_state);
}
