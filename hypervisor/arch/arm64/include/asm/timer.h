/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_TIMER_H
#define _ASM_TIMER_H

#include <bulkhead/types.h>

/*
 * Turns the calling CPU's counter event stream on (about one event a
 * millisecond) or off: a parked CPU waits in WFE with its interrupts masked,
 * and must still see its EL2 timer's deadline pass.
 */
void timer_event_stream(bool on);

#endif /* !_ASM_TIMER_H */
