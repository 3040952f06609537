/* SPDX-License-Identifier: GPL-2.0 */
/* arm64: waiters sleep in WFE; a release wakes them with SEV once its store is visible. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#define spin_relax()	asm volatile("wfe")
#define spin_released()	asm volatile("dsb ishst\n\tsev" : : : "memory")

#include <bulkhead/ticket_lock.h>

#endif /* !_ASM_SPINLOCK_H */
