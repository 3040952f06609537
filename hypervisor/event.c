// SPDX-License-Identifier: GPL-2.0
/*
 * Events for supervisors: what happened to which cell, numbered from 1 since
 * enable without gaps, kept in a ring of the latest EVENT_RING_SIZE. Posting
 * takes only event_lock, briefly and with no other lock inside, so that a
 * fault path, a timer interrupt or a cell's CPU can post while the manager
 * holds its lock for seconds. The root reads with BULKHEAD_HC_EVENTS_READ; a
 * reader that fell behind sees the gap in the sequence numbers.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/tracing.h>

#define EVENTS_PER_READ		(PAGE_SIZE / sizeof(struct bulkhead_event))

/* Guards the ring, next_seq and armed; also the cells' event counters. */
static spinlock_t event_lock;
static struct bulkhead_event ring[EVENT_RING_SIZE];
/* Number the next event gets: events 1 .. next_seq - 1 happened. */
static u64 next_seq;
/* The event_irq is raised once, then again only after the root has read. */
static bool armed;
static u64 epoch;

/*
 * A page of events on its way to the root (all of it: the root's page is
 * checked whole, however many events there are); under read_lock, which
 * no one takes under event_lock.
 */
static spinlock_t read_lock;
static union {
	struct bulkhead_event events[EVENTS_PER_READ];
	u8 page[PAGE_SIZE];
} staging;

int event_init(void)
{
	unsigned int irq = system_desc()->event_irq;

	/* 0: none (the only choice where cells take no interrupt sources). */
	if (irq && irq >= arch_num_irqs()) {
		printk("bulkhead: event_irq %u does not exist (the machine has interrupt sources "
		       "up to %u)\n", irq, arch_num_irqs() - 1);
		return -EINVAL;
	}
	epoch = arch_counter();
	next_seq = 1;
	armed = true;
	return 0;
}

/* Counter ticks to ns without overflow for centuries of uptime. */
static u64 ticks_to_ns(u64 ticks)
{
	u64 freq = arch_counter_freq();

	return ticks / freq * 1000000000ULL + ticks % freq * 1000000000ULL / freq;
}

/* The cell's counter that @type adds to, if any (reported by cell_info()). */
static u64 *event_counter(struct cell *cell, u32 type)
{
	switch (type) {
	case BULKHEAD_EVENT_FAULT:
		return &cell->faults;
	case BULKHEAD_EVENT_WATCHDOG:
		return &cell->watchdog_expiries;
	case BULKHEAD_EVENT_ROLLED_BACK:
		return &cell->rollbacks;
	case BULKHEAD_EVENT_UPDATE_COMMITTED:
		return &cell->updates;
	default:
		return NULL;
	}
}

void event_post(struct cell *cell, u32 type, u64 detail, u64 detail2)
{
	u64 now = arch_counter(), *counter = event_counter(cell, type);
	unsigned int irq = system_desc()->event_irq;
	struct bulkhead_event *event;
	bool raise;

	spin_lock(&event_lock);
	event = &ring[next_seq % EVENT_RING_SIZE];
	event->seq = next_seq++;
	event->time_ns = ticks_to_ns(now - epoch);
	event->type = type;
	event->cell = cell->id;
	memcpy(event->cell_name, cell->name, sizeof(event->cell_name));
	event->detail = detail;
	event->detail2 = detail2;
	if (counter)
		__atomic_store_n(counter, *counter + 1, __ATOMIC_RELAXED);
	raise = armed && irq;
	if (raise)
		armed = false;
	spin_unlock(&event_lock);
	if (raise)
		arch_irq_raise(irq);
	trace_cell_event(cell, type, detail, detail2);
}

/*
 * Copies what the ring holds from @first_seq on, at most a page, into
 * staging (the rest zeroed) and re-arms the event_irq. Returns how many.
 */
static unsigned int take_events(u64 first_seq)
{
	unsigned int count = 0;
	u64 seq;

	spin_lock(&event_lock);
	seq = next_seq > EVENT_RING_SIZE ? next_seq - EVENT_RING_SIZE : 1;
	for (seq = MAX(seq, first_seq); seq < next_seq && count < EVENTS_PER_READ; seq++)
		staging.events[count++] = ring[seq % EVENT_RING_SIZE];
	armed = true;
	spin_unlock(&event_lock);
	memset(&staging.events[count], 0, sizeof(staging) - count * sizeof(staging.events[0]));
	return count;
}

long events_read(u64 page, u64 first_seq)
{
	unsigned int count;
	long err;

	if (page & (PAGE_SIZE - 1)) {
		printk("bulkhead: events read: buffer 0x%llx is not page aligned\n", page);
		return -EINVAL;
	}
	spin_lock(&read_lock);
	count = take_events(first_seq);
	err = cell_copy_to_root(page, &staging, sizeof(staging), "event buffer");
	spin_unlock(&read_lock);
	return err ?: count;
}
