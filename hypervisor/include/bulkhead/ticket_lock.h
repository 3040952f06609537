/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket lock: FIFO, so a CPU under heavy contention still gets its turn in
 * bounded time (determinism matters more here than raw speed). Included by
 * each arch's asm/spinlock.h after it defined how a waiter idles
 * (spin_relax()) and how a release reaches the waiters (spin_released()).
 */
#ifndef _BULKHEAD_TICKET_LOCK_H
#define _BULKHEAD_TICKET_LOCK_H

#include <bulkhead/types.h>

typedef struct {
	u16 owner;
	u16 next;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	u16 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		spin_relax();
}

/* Takes the lock only if it is free now; never waits. */
static inline bool spin_trylock(spinlock_t *lock)
{
	spinlock_t seen = *(volatile spinlock_t *)lock, taken;

	if (seen.owner != seen.next)
		return false;
	taken = (spinlock_t){ .owner = seen.owner, .next = (u16)(seen.next + 1) };
	return __atomic_compare_exchange(lock, &seen, &taken, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, (u16)(lock->owner + 1), __ATOMIC_RELEASE);
	spin_released();
}

#endif /* !_BULKHEAD_TICKET_LOCK_H */
