/* SPDX-License-Identifier: GPL-2.0 */
/* The root cell's I/O ports: which accesses exit. */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <bulkhead/types.h>
#include <bulkhead/config.h>
#include <asm/spinlock.h>

/* I/O bitmaps A (ports 0-0x7fff) and B (0x8000-0xffff), one after the other (SDM 25.6.4). */
#define IO_BITMAP_SIZE		(2 * 4096)

/**
 * Fills @bitmap (IO_BITMAP_SIZE bytes) so that the root's IN and OUT exit
 * on the ports of @console if it is an x86 port-I/O UART (the hypervisor's
 * debug console) and on no other port: the root keeps the rest.
 */
void io_bitmap_fill(u8 *bitmap, const struct bulkhead_console *console);

/*
 * Serializes the debug UART: the hypervisor's output (arch_dbg_write())
 * and the root's accesses that exit to it take it around each access.
 */
extern spinlock_t dbg_uart_lock;

#endif /* !_ASM_IO_H */
