/* SPDX-License-Identifier: GPL-2.0 */
/* x86: waiters PAUSE; stores are seen by other CPUs in order, a release needs nothing more. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#define spin_relax()	asm volatile("pause" : : : "memory")
#define spin_released()	do { } while (0)

#include <bulkhead/ticket_lock.h>

#endif /* !_ASM_SPINLOCK_H */
