/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead inmate library: what a bare-metal program running in a cell needs
 * to print, read its command line, talk to the hypervisor through the
 * communication region, measure time and report faults.
 *
 * An inmate defines inmate_main(); the library's startup code runs it on the
 * cell's first CPU once the stack, the BSS, the exception vectors and the
 * library itself are set up. Returning from inmate_main() halts that CPU.
 * Documentation/inmates.md describes the image layout and the build.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The ABI headers use the Linux fixed-width type names. */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;

#include <bulkhead/hypercall.h>
#include <bulkhead/inmate.h>

#include <inmate-arch.h>

#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Provided by the inmate: runs on the first CPU. */
void inmate_main(void);

/* Stops the calling CPU for good (interrupts stay masked). */
void __noreturn halt(void);

/* ---- Console ---------------------------------------------------------- */

/*
 * Formatted output to the cell's virtual console (hypercall) and, if the
 * command line holds uart=0xADDR, to the PL011 UART at that address.
 * Conversions: %d %i %u %x %X %p %s %c %%, length modifiers l, ll, z, flags
 * '0' and '-', a field width, and a precision for %s. One call emits at most
 * PRINTK_MAX - 1 characters. Output of concurrent calls from several CPUs
 * may interleave in 8-byte pieces.
 */
#define PRINTK_MAX	256
void __printf(1, 2) printk(const char *fmt, ...);
void vprintk(const char *fmt, va_list ap);
/* Unformatted output of len bytes. */
void console_write(const char *str, size_t len);

/* Like the C library's: the result is always NUL-terminated (size > 0). */
int __printf(3, 4) snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ---- Command line ----------------------------------------------------- */

/*
 * The string hvctl cell load -s stored in the image: words separated by
 * blanks, each either "key=value" or a bare "flag". When a key appears more
 * than once, the last word counts.
 */
const char *cmdline(void);
/*
 * Copies the value of key name into buf (truncated, always NUL-terminated)
 * and returns the value's full length, or -1 if the key is absent. A bare
 * flag has the empty value.
 */
int cmdline_get_str(const char *name, char *buf, size_t size);
/* Value of key name as a decimal or 0x-prefixed hex number, else def. */
unsigned long cmdline_get_ulong(const char *name, unsigned long def);
/* True if name appears as a bare flag or as a key. */
bool cmdline_has(const char *name);

/* ---- Communication region and shutdown -------------------------------- */

/*
 * The region the hypervisor passed at entry, or NULL if what x0 pointed to
 * does not carry the expected signature and revision (as when the image runs
 * without Bulkhead). Without a region the library issues no hypercalls.
 */
struct bulkhead_comm_region *comm_region(void);
/* True while the hypervisor asks the cell to shut down and no answer is given. */
bool shutdown_requested(void);
/* Answers a shutdown request: ok = stop me now, !ok = keep me running. */
void shutdown_answer(bool ok);

enum shutdown_policy {
	SHUTDOWN_APPROVE,	/* answer "ok", then halt */
	SHUTDOWN_DENY,		/* answer "denied", keep running */
	SHUTDOWN_IGNORE,	/* never answer: the hypervisor times out */
};

/*
 * SHUTDOWN_DENY if the command line has the word deny-shutdown,
 * SHUTDOWN_IGNORE for ignore-shutdown, else SHUTDOWN_APPROVE.
 */
enum shutdown_policy shutdown_policy_from_cmdline(void);
/*
 * Handles a pending shutdown request as policy says and prints
 * "shutdown request: approved|denied|ignored" (once per request). Does not
 * return when it approved. Returns true if a request was seen.
 */
bool shutdown_poll(enum shutdown_policy policy);
/* Waits ms milliseconds, polling for shutdown requests meanwhile. */
void idle_ms(unsigned long ms, enum shutdown_policy policy);
/* Waits for good, polling for shutdown requests. */
void __noreturn idle(enum shutdown_policy policy);

/* ---- Time ------------------------------------------------------------- */

/* Counter frequency in Hz: the comm region's, else CNTFRQ_EL0. */
unsigned long timer_frequency(void);
/* The virtual counter (ordered after earlier instructions). */
unsigned long timer_ticks(void);
/* The counter (timer_ticks()) at the image's first instruction. */
extern unsigned long inmate_boot_ticks;
/* Counter value converted to nanoseconds. */
unsigned long timer_ns(void);
/* Busy-waits at least us microseconds. */
void delay_us(unsigned long us);

/* ---- Hypervisor ------------------------------------------------------- */

/* Issues hypercall code (BULKHEAD_HC_*); returns x0. */
long hypercall(unsigned int code, unsigned long arg1, unsigned long arg2);

/* ---- CPUs ------------------------------------------------------------- */

/* Maximum CPUs the library keeps stacks for (the first one included). */
#define INMATE_MAX_CPUS		8
#define INMATE_STACK_SIZE	4096

/*
 * Starts the CPU with affinity mpidr through PSCI CPU_ON; it runs fn(arg) on
 * its own stack, with the library's exception vectors, and halts when fn
 * returns. Call from one CPU at a time. Returns 0, a negative PSCI error, or
 * -1 when all INMATE_MAX_CPUS stacks are taken.
 */
int psci_cpu_on(unsigned long mpidr, void (*fn)(void *arg), void *arg);

/* ---- Strings ---------------------------------------------------------- */

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif /* !_INMATE_H */
