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
/*
 * Values of key name as a comma-separated list of numbers ("2,3" or
 * "0x100,0x101"), stored into vals[0..max-1]. Returns how many there are,
 * 0 if the key is absent or empty, or -1 if an element is not a number or
 * there are more than max.
 */
int cmdline_get_ulong_list(const char *name, unsigned long *vals, unsigned int max);

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

/*
 * Feeds the heartbeat watchdog (communication region): call it at least
 * every watchdog_timeout_ms() milliseconds; 0 there means none watches.
 */
void inmate_heartbeat(void);
unsigned long watchdog_timeout_ms(void);

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
/* Counter ticks converted to nanoseconds (rounded down). */
unsigned long ticks_to_ns(unsigned long ticks);
/* Microseconds converted to counter ticks (rounded up). */
unsigned long us_to_ticks(unsigned long us);
/*
 * val * mul / div, rounded down, without overflow as long as
 * (div - 1) * mul fits in 64 bits (true for any counter frequency with mul
 * up to 10^9). 0 if div is 0.
 */
unsigned long mul_div(unsigned long val, unsigned long mul, unsigned long div);

/*
 * One-shot interrupt of this CPU's EL1 virtual timer, INTID TIMER_IRQ
 * (register a handler with irq_enable() first). The timer signals a level:
 * its handler must program a new deadline or stop the timer, or the
 * interrupt comes straight back.
 */

/* Fires once the counter reaches deadline (CNTV_CVAL_EL0). */
void timer_start_at(unsigned long deadline);
/* Fires ticks from now; returns the deadline. */
unsigned long timer_start_oneshot(unsigned long ticks);
/* Disarms the timer; its interrupt, if pending, goes away. */
void timer_stop(void);

/* ---- Statistics ------------------------------------------------------- */

/* Minimum, maximum and sum of a series of samples (latencies, say). */
struct stats {
	unsigned long count;
	unsigned long min;	/* ~0UL while count is 0 */
	unsigned long max;
	unsigned long sum;	/* wraps after 2^64: keep samples * max below */
};

void stats_init(struct stats *s);
void stats_add(struct stats *s, unsigned long sample);
/* Mean of the samples, rounded to nearest; 0 without samples. */
unsigned long stats_avg(const struct stats *s);

/* ---- Hypervisor ------------------------------------------------------- */

/* Issues hypercall code (BULKHEAD_HC_*); returns x0. */
long hypercall(unsigned int code, unsigned long arg1, unsigned long arg2);

/* Error values the hypercalls and the channel calls return negated (Linux numbers). */
#define EPERM		1
#define EINVAL		22
#define ENOTCONN	107
#define ETIMEDOUT	110

/* ---- Interrupts -------------------------------------------------------- */

/*
 * arm64: a GICv3 as on the QEMU "virt" board, which a cell sees too
 * (GICD_BASE, GICR_BASE in inmate-arch.h). All interrupts are Group 1,
 * taken as IRQs at EL1, one at a time: a handler runs with IRQs masked.
 * irq_local_enable(), irq_local_disable(), irq_local_save(),
 * irq_local_restore() and wait_for_interrupt() are arch inlines.
 */

/* Largest valid INTID (SGIs 0-15, PPIs 16-31, SPIs 32-1019). */
#define IRQ_MAX_INTID		1019
/*
 * Priorities: lower is more urgent. A GIC may implement as few as the top
 * 4 or 5 bits, and ICC_PMR_EL1 = 0xff lets through what is below 0xf0 at
 * worst: use values up to 0xe0.
 */
#define IRQ_PRIORITY_DEFAULT	0xa0

typedef void (*irq_handler_t)(unsigned int intid);

/*
 * Sets up this CPU's side of the GIC: wakes its redistributor, enables the
 * system-register CPU interface, unmasks all priorities and Group 1. The
 * first call on any CPU also enables the distributor (ARE, Group 1).
 * IRQs stay masked in PSTATE (irq_local_enable()). Returns 0, or -1 if no
 * redistributor matches this CPU or the GIC does not respond (a message
 * says which).
 */
int gic_init(void);
/*
 * Installs handler for intid and enables the interrupt as Group 1 with
 * priority. SGIs and PPIs (0-31) are enabled on the calling CPU only, SPIs
 * are routed to the calling CPU. The handler table is one for all CPUs:
 * a handler is per INTID, not per CPU. Call gic_init() on this CPU first.
 * Returns 0, or -1 for a bad INTID or without gic_init().
 */
int irq_enable(unsigned int intid, irq_handler_t handler, unsigned int priority);

enum irq_trigger {
	IRQ_LEVEL,
	IRQ_EDGE,
};

/*
 * Sets the trigger mode of SPI intid (GICD_ICFGR<n>; the modes of SGIs and
 * PPIs are fixed). Call it while the SPI is disabled, before irq_enable().
 * Returns 0, or -1 if intid is not an SPI.
 */
int irq_set_trigger(unsigned int intid, enum irq_trigger trigger);
/*
 * Disables intid (for SGIs and PPIs: on the calling CPU) and waits until
 * the GIC no longer signals it. The handler stays installed, for an
 * instance already on its way.
 */
int irq_disable(unsigned int intid);
/*
 * Sends SGI sgi (0-15) to the CPU with affinity mpidr (ICC_SGI1R_EL1,
 * Aff0 above 15 through the range selector). Memory writes before the call
 * are visible to the target's handler. Returns 0, or -1 for a bad sgi.
 */
int sgi_send(unsigned long mpidr, unsigned int sgi);

/* ---- CPUs ------------------------------------------------------------- */

/* Maximum CPUs the library keeps stacks for (the first one included). */
#define INMATE_MAX_CPUS		8
#define INMATE_STACK_SIZE	4096

/*
 * Starts the CPU with affinity mpidr through PSCI CPU_ON (psci_call()); it
 * runs fn(arg) on its own stack, with the library's exception vectors and
 * IRQs masked, and halts when fn returns. Call from one CPU at a time.
 * Returns 0, a negative PSCI error, or -1 when all INMATE_MAX_CPUS stacks
 * are taken.
 */
int psci_cpu_on(unsigned long mpidr, void (*fn)(void *arg), void *arg);
/* PSCI function IDs (SMC64 for the calls that take an address or an affinity). */
#define PSCI_VERSION		0x84000000UL
#define PSCI_CPU_SUSPEND_64	0xc4000001UL
#define PSCI_CPU_OFF		0x84000002UL
#define PSCI_CPU_ON_64		0xc4000003UL
#define PSCI_AFFINITY_INFO_64	0xc4000004UL
#define PSCI_MIGRATE_INFO_TYPE	0x84000006UL
#define PSCI_SYSTEM_OFF		0x84000008UL
#define PSCI_SYSTEM_RESET	0x84000009UL
#define PSCI_FEATURES		0x8400000aUL

/*
 * A PSCI call (SMCCC): smc #0 by default, as under Bulkhead; hvc #0 if the
 * command line says psci=hvc (a bare machine without EL3, QEMU virt without
 * virtualization=on). Returns x0.
 */
long psci_call(unsigned long fn, unsigned long arg1, unsigned long arg2, unsigned long arg3);
/*
 * This CPU's library slot: 0 on the first CPU, 1.. in the order
 * psci_cpu_on() started the others. Below INMATE_MAX_CPUS.
 */
unsigned int this_cpu_index(void);

/* ---- Memory ----------------------------------------------------------- */

/*
 * Turns on the calling CPU's MMU and caches (arm64: SCTLR_EL1.M, C, I) with
 * an identity map of the low 4 GiB: the image (text, data, BSS, stacks) and
 * the memory of every channel in the communication region Normal
 * write-back cacheable, inner shareable (channels this cell may not write
 * read-only, not executable); everything else Device-nGnRE, not
 * executable. Then accesses to the image need no alignment and the channels'
 * memory has the attributes the peer (Linux, say) maps it with. The first call
 * builds the tables (in the image's BSS) for good. Call it on the first CPU
 * before psci_cpu_on(): CPUs started afterwards turn theirs on before they
 * touch memory; one started before must call it itself and must not have
 * written memory the others use. channel_map() calls it. Returns 0 (also
 * if already on), or -1 after a message if a range does not fit (beyond
 * 4 GiB, or too many channels for the tables): the MMU stays off.
 */
int inmate_mmu_enable(void);

/* ---- Channels ---------------------------------------------------------- */

/*
 * Memory shared with one other cell plus a doorbell interrupt each way,
 * under the hypervisor's policy. The communication region lists the cell's
 * channels (struct bulkhead_comm_channel: name, peer, address, size,
 * rights, doorbell_irq, peer_state); these calls take a pointer to one of
 * those entries. Without a communication region there are no channels.
 */

/* The channel called name, or NULL. */
const struct bulkhead_comm_channel *channel_find(const char *name);
/*
 * The channel's shared memory (ch->size bytes), or NULL after a message if
 * ch is not a channel, the MMU cannot be turned on or its doorbell not set
 * up. Turns on the MMU and caches first (inmate_mmu_enable()) and, if the
 * channel takes doorbells, sets up its interrupt on the calling CPU:
 * edge-triggered, routed to this CPU, enabled, counted by the library.
 */
void *channel_map(const struct bulkhead_comm_channel *ch);
/*
 * Raises the peer's doorbell (BULKHEAD_HC_CHANNEL_RING), after making what
 * this CPU wrote before visible. Returns 0, -EPERM (the policy does not let
 * this side ring, or the peer takes no doorbells), -ENOTCONN (the peer is
 * not running) or -EINVAL (ch is not a channel).
 */
int channel_ring(const struct bulkhead_comm_channel *ch);

#define CHANNEL_WAIT_FOREVER	UINT64_MAX
/*
 * Sleeps (wfi, IRQs unmasked meanwhile) until a doorbell or a change of the
 * peer's state arrived since the previous channel_wait() on ch returned 0,
 * or timeout_ns passed. Returns 0 (memory the peer wrote before ringing is
 * then visible), -ETIMEDOUT, or -EINVAL if ch is not a channel, takes no
 * doorbells or its interrupt cannot be set up. Sets up the doorbell like
 * channel_map() if need be; call it on the CPU that did. A finite timeout
 * uses the calling CPU's virtual timer (TIMER_IRQ, whose handler it
 * installs): do not combine with timer_start_*() on that CPU.
 */
int channel_wait(const struct bulkhead_comm_channel *ch, uint64_t timeout_ns);
/* BULKHEAD_PEER_ABSENT, _DOWN, _UP or _FAILED (ABSENT if ch is not a channel). */
unsigned int channel_peer_state(const struct bulkhead_comm_channel *ch);

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
