/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events for supervisors (event.c): a ring of the latest ones, which the
 * root reads with BULKHEAD_HC_EVENTS_READ and learns of on the system
 * config's event_irq. Types and record: the ABI's bulkhead/event.h.
 */
#ifndef _BULKHEAD_EVENTS_H
#define _BULKHEAD_EVENTS_H

#include <bulkhead/types.h>
#include <bulkhead/event.h>

struct cell;

/* Events held; the oldest go first. A power of two, one read takes fewer. */
#define EVENT_RING_SIZE		256

/** Starts the event clock and the numbering, at enable; checks the event_irq exists. */
int event_init(void);

/**
 * Records that @type (BULKHEAD_EVENT_*) happened to @cell, with @detail and
 * @detail2 as bulkhead/event.h says, counts it in the cell's counters
 * (watchdog_expiries, faults, rollbacks, updates: callers do not count
 * those themselves) and raises the event_irq if the root read all before.
 * Any CPU, any context: it takes only the event lock, which nothing holds
 * for long and under which no other lock is taken.
 */
void event_post(struct cell *cell, u32 type, u64 detail, u64 detail2);

/** BULKHEAD_HC_EVENTS_READ: events from @first_seq on into the root's page at @page. */
long events_read(u64 page, u64 first_seq);

#endif /* !_BULKHEAD_EVENTS_H */
