// SPDX-License-Identifier: GPL-2.0
/*
 * Console rings: the hypervisor's own, in a page-aligned section of the
 * image, and one per cell from the page pool. Each is mapped read-only into
 * the root cell so that the driver can show it without a hypercall. The
 * hypervisor's output also goes to the debug UART once the config is checked.
 */
#include <bulkhead/control.h>
#include <bulkhead/printk.h>

struct bulkhead_console_ring console_ring __section(".console") __aligned(PAGE_SIZE);
spinlock_t console_lock;

static void ring_append(struct bulkhead_console_ring *ring, const char *text, size_t len)
{
	u64 pos = ring->written;
	size_t n;

	for (n = 0; n < len; n++)
		ring->buf[(pos + n) % BULKHEAD_CONSOLE_RING_SIZE] = text[n];
	/* Readers copy first and check "written" after: publish bytes first. */
	__atomic_store_n(&ring->written, pos + len, __ATOMIC_RELEASE);
}

void console_ring_write(struct bulkhead_console_ring *ring, spinlock_t *lock, const char *text,
			size_t len)
{
	spin_lock(lock);
	ring_append(ring, text, len);
	spin_unlock(lock);
}

void console_write(const char *text, size_t len)
{
	console_ring_write(&console_ring, &console_lock, text, len);
	arch_dbg_write(text, len);
}

/*
 * For a CPU stopping after a hypervisor bug: no lock, which another CPU, or
 * this one, interrupted by its own fault, may hold for ever now. Two CPUs
 * failing at once may mix their lines; neither waits.
 */
static void console_write_unlocked(const char *text, size_t len)
{
	arch_dbg_write(text, len);
	ring_append(&console_ring, text, len);
}

void panic_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_line(console_write_unlocked, fmt, ap);
	va_end(ap);
}
