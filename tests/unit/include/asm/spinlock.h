/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the arm64 ticket lock, whose wfe/sev/dsb cannot build
 * on the build machine. Found before hypervisor/arch/arm64/include by the
 * unit test include order. The tests are single-threaded (Check forks one
 * process per test), so taking a lock only has to be legal, not exclusive.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <bulkhead/types.h>

typedef struct {
	u16 owner;
	u16 next;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	lock->next++;
}

static inline bool spin_trylock(spinlock_t *lock)
{
	lock->next++;
	return true;
}

static inline void spin_unlock(spinlock_t *lock)
{
	lock->owner++;
}

#endif /* !_ASM_SPINLOCK_H */
