/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor console output: formatted text goes to the debug UART (if the
 * system config names one) and to the console ring the root cell can read.
 */
#ifndef _BULKHEAD_PRINTK_H
#define _BULKHEAD_PRINTK_H

#include <bulkhead/types.h>

#ifndef __ASSEMBLY__
#include <stdarg.h>

#ifdef BULKHEAD_HOST_BUILD
/* Keep clear of libc's functions of the same name in host builds. */
#define vsnprintf hv_vsnprintf
#define snprintf hv_snprintf
#endif

/*
 * Supports %s %c %d %i %u %x %lx %llx %p %%, with 'l'/'ll'/'z' length
 * modifiers, '0' padding and a field width. Returns the length it wanted.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Prints to the hypervisor console; "\n" ends a line. */
void printk(const char *fmt, ...) __printf(1, 2);

/* Like printk, taking no lock: for reports on the way to a stop (panic_stop()). */
void panic_printk(const char *fmt, ...) __printf(1, 2);

/* Formats one line of at most 255 characters and hands it to @write (printk's core). */
void print_line(void (*write)(const char *text, size_t len), const char *fmt, va_list ap);

/* Output sink for printk: one implementation in the hypervisor, others in tests. */
void console_write(const char *text, size_t len);
#endif

#endif /* !_BULKHEAD_PRINTK_H */
