// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor console: a ring in its own page-aligned section, mapped
 * read-only into the root cell so that the driver can show it without a
 * hypercall, plus the debug UART once the config has been checked.
 */
#include <bulkhead/types.h>
#include <bulkhead/header.h>
#include <bulkhead/printk.h>
#include <asm/percpu.h>
#include <asm/spinlock.h>

struct bulkhead_console_ring console_ring __section(".console") __aligned(PAGE_SIZE);
static spinlock_t console_lock;

void arch_dbg_write(const char *text, size_t len);

void console_write(const char *text, size_t len)
{
	u64 pos;
	size_t n;

	spin_lock(&console_lock);
	pos = console_ring.written;
	for (n = 0; n < len; n++)
		console_ring.buf[(pos + n) % BULKHEAD_CONSOLE_RING_SIZE] = text[n];
	/* Readers copy first and check "written" after: publish bytes first. */
	__atomic_store_n(&console_ring.written, pos + len, __ATOMIC_RELEASE);
	arch_dbg_write(text, len);
	spin_unlock(&console_lock);
}
