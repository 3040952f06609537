// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 answers to the core's arch hooks (bulkhead/control.h). Only the
 * root cell exists on x86 so far: what concerns other cells refuses with
 * a clear error, and nothing reports success for work it did not do.
 */
#include <bulkhead/config_arch.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <asm/apic.h>
#include <asm/cpuid.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/vmx.h>
#include <asm/x86.h>

/* Interrupt numbers: the 24 pins of the PC's I/O APIC. */
#define X86_IOAPIC_PINS		24
#define UART_THR		0
#define UART_LSR		5
#define UART_LSR_THRE		0x20
/* PIT channel 2, gated through port 0x61: the reference the TSC is measured against. */
#define PIT_HZ			1193182
#define PIT_CH2			0x42
#define PIT_MODE		0x43
#define PIT_GATE		0x61
#define PIT_GATE_ON		0x01
#define PIT_SPEAKER		0x02
#define PIT_OUT2		0x20
#define TSC_MEASURE_MS		10
/* Far more tries than another CPU's longest line takes to go out. */
#define DBG_LOCK_TRIES		10000000UL
/* The PC's reset control register (chipset): full reset. */
#define PORT_RESET_CONTROL	0xcf9
#define RESET_CONTROL_FULL	0x06

static u16 dbg_port;
static u64 tsc_hz;

static const char not_yet[] = "bulkhead: x86: cells other than the root are not supported yet\n";

static inline void outb(u16 port, u8 value)
{
	asm volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 value;

	asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

/* Counts TSC ticks over TSC_MEASURE_MS of PIT channel 2 (mode 0: OUT rises at 0). */
static u64 measure_tsc_hz(void)
{
	u16 count = PIT_HZ * TSC_MEASURE_MS / 1000;
	u8 gate = inb(PIT_GATE);
	unsigned long spins = 0;
	u64 start;

	outb(PIT_GATE, (gate & ~PIT_SPEAKER) | PIT_GATE_ON);
	outb(PIT_MODE, 0xb0);		/* channel 2, low then high byte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	start = rdtsc();
	while (!(inb(PIT_GATE) & PIT_OUT2) && ++spins < 100000000UL)
		;
	outb(PIT_GATE, gate);
	if (!(inb(PIT_GATE) & PIT_OUT2) && spins >= 100000000UL)
		return 0;
	return (rdtsc() - start) * (1000 / TSC_MEASURE_MS);
}

int x86_tsc_init(void)
{
	u32 khz = system_desc()->platform.x86.tsc_khz;

	tsc_hz = khz ? (u64)khz * 1000 : measure_tsc_hz();
	if (!tsc_hz) {
		printk("bulkhead: x86: cannot measure the TSC against the PIT; give tsc-khz in "
		       "the config's platform node\n");
		return -ENODEV;
	}
	return 0;
}

int arch_init_early(void)
{
	const struct bulkhead_console *con = &system_desc()->debug_console;

	if (con->type == BULKHEAD_CONSOLE_8250_PIO)
		dbg_port = con->address;
	return x86_tsc_init() ?: vmx_check_features() ?: apic_init() ?: x86_root_windows_init() ?:
	       x86_map_trampoline();
}

/* Leaves the driver's boot tables for the shared ones, then enters VMX operation. */
int arch_cpu_init(struct per_cpu *cpu)
{
	write_cr(3, paging_hvirt2phys(hv_paging.root));
	return vmx_cpu_init(cpu);
}

int arch_cell_create(struct cell *cell)
{
	u64 lapic = system_desc()->platform.x86.lapic_base;

	if (cell != &root_cell) {
		printk(not_yet);
		return -ENOSYS;
	}
	/* Its TLB entries never mix with the hypervisor's, which are VPID 0's. */
	cell->arch.vpid = 1;
	/* Its stores to its xAPIC exit, so that its IPIs go through apic.c. */
	return paging_map(&cell->stage2, lapic, lapic, PAGE_SIZE, PAGING_READ | PAGING_DEVICE);
}

/* Only the root cell's arch part exists, and it is never destroyed. */
void arch_cell_destroy(struct cell *cell)
{
}

unsigned int arch_num_irqs(void)
{
	return X86_IOAPIC_PINS;
}

/* Doorbells and emulated devices' interrupts belong to other cells' channels and devices. */
void arch_irq_raise(unsigned int intid)
{
	printk(not_yet);
}

void arch_virtual_irq_set(struct cell *cell, unsigned int intid, bool level)
{
	printk(not_yet);
}

/* The hypervisor keeps no memory-mapped device on x86: the APICs stay the root's. */
bool arch_reserved_device(u64 phys, u64 size)
{
	return false;
}

/* No IOMMU or interrupt-controller tables in RAM are the hypervisor's concern yet. */
bool arch_root_device_tables(u64 phys, u64 size)
{
	return false;
}

void arch_cell_stopped(struct cell *cell)
{
	printk(not_yet);
}

/* The root's exits are not traced on x86 yet: the plain path serves both. */
void arch_trace_vectors(bool traced)
{
	if (traced)
		printk("bulkhead: x86: exit tracing is not supported yet\n");
}

void arch_cpu_kick(struct per_cpu *cpu)
{
	apic_send_nmi(cpu);
}

/*
 * A root CPU stopped by INIT starts where its STARTUP IPI says, in real
 * mode, with EDX = the CPU's signature (CPUID.1:EAX), as a bare one does.
 */
void arch_cpu_reset(struct per_cpu *cpu, struct trap_frame *frame)
{
	u32 signature[4];

	vmx_reset_to_sipi(cpu, frame, cpu->wake_entry >> PAGE_SHIFT);
	cpuid(1, 0, signature);
	frame->gpr[REG_RDX] = signature[0];
	arch_cell_flush_tlb(cpu->cell);
}

/* A stopped CPU stays in the hypervisor until disable: x86 has no off state to give it to. */
bool arch_parked_cpus_can_leave(void)
{
	return false;
}

/*
 * Only the root's CPUs park, stopped by INIT (apic.c), and wait for their
 * STARTUP IPI; disable is refused meanwhile (arch_parked_cpus_can_leave()).
 */
void arch_cpu_park(struct per_cpu *cpu, unsigned int state)
{
	cpu->state = state;
	do {
		while (!cpu->wake_pending)
			cpu_wait();
	} while (!cpu_claim_wake(cpu));
}

/* x86 caches are coherent with memory and with instruction fetch: nothing to clean. */
void arch_dcache_flush(const void *addr, size_t size)
{
}

void arch_icache_invalidate(void)
{
}

void arch_scrub_memory(void *addr, size_t size)
{
	memset(addr, 0, size);
}

/* Deadlines only watch non-root cells, which x86 does not run yet. */
void arch_timer_set(u64 when)
{
	if (when)
		printk(not_yet);
}

u64 arch_counter(void)
{
	return rdtsc();
}

u64 arch_counter_freq(void)
{
	return tsc_hz;
}

static void dbg_putc(char c)
{
	while (!(inb(dbg_port + UART_LSR) & UART_LSR_THRE))
		;
	outb(dbg_port + UART_THR, c);
}

/*
 * A whole write under the UART's lock, so that two CPUs' lines do not mix
 * character by character. A holder that does not let go (a CPU stopped by
 * a bug while it held it) is not waited for beyond DBG_LOCK_TRIES.
 */
void arch_dbg_write(const char *text, size_t len)
{
	unsigned long tries;
	bool locked = false;

	if (!dbg_port)
		return;
	for (tries = 0; tries < DBG_LOCK_TRIES && !locked; tries++)
		locked = spin_trylock(&dbg_uart_lock);
	for (; len; len--, text++) {
		if (*text == '\n')
			dbg_putc('\r');
		dbg_putc(*text);
	}
	if (locked)
		spin_unlock(&dbg_uart_lock);
}

/* Reset through the chipset; power off has no port on a PC without ACPI: the CPU stops. */
void arch_system_power(bool reset)
{
	if (reset)
		outb(PORT_RESET_CONTROL, RESET_CONTROL_FULL);
	for (;;)
		cpu_halt();
}
