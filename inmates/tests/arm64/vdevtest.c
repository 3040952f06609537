// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test inmate for the emulated devices (the system group vdev): drives the
 * PL011 UART and the PL061 power button a cell config gives it through
 * their registers itself, as a board program would, and reports each step
 * on its console as "vdev: ..." lines the group looks for. The library is
 * used for the rest (GIC, PSCI, printk through the console hypercall).
 *
 * Command line: uart-base=0xA (0x9000000), uart-irq=N (33), gpio-base=0xA
 * (0x9030000), gpio-irq=N (39), and action=:
 *   action=run     (default) identity and reset values; output through
 *                  UARTDR; two lines typed by the root come in through the
 *                  RX interrupt and are echoed; an overrun of the holding
 *                  register; loopback; then waits for the power button,
 *                  reports its interrupts and powers off (PSCI SYSTEM_OFF)
 *   action=wide    a 64-bit read of UARTDR (no PL011 allows it)
 *   action=flood   writes bytes=N characters (default 1000000) to UARTDR
 */
#include <inmate.h>

#define UARTDR		0x000
#define UARTRSR		0x004
#define UARTFR		0x018
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTIFLS	0x034
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define FR_RXFE		0x10
#define FR_TXFF		0x20
#define FR_RXFF		0x40
#define FR_TXFE		0x80
#define INT_RX		0x10
#define INT_RT		0x40
#define RSR_OE		0x8
#define DR_OE		0x800
#define LCR_H_FEN	0x10
#define CR_LBE		0x80

#define GPIODIR		0x400
#define GPIOIBE		0x408
#define GPIOIE		0x410
#define GPIOMIS		0x418
#define GPIOIC		0x41c
#define BUTTON		0x08

#define ID_BASE		0xfe0

static unsigned long uart, gpio;
static volatile unsigned int rx_interrupts, presses, releases;
static char line[64];
static volatile unsigned int line_len;
static volatile bool line_done;

static void uart_putc(char c)
{
	while (mmio_read32(uart + UARTFR) & FR_TXFF)
		;
	mmio_write32(uart + UARTDR, (unsigned char)c);
}

static void uart_puts(const char *s)
{
	for (; *s; s++)
		uart_putc(*s);
}

/* The ids as 8 bytes in one number, first lowest. */
static unsigned long read_ids(unsigned long base)
{
	unsigned long ids = 0;
	unsigned int n;

	for (n = 0; n < 8; n++)
		ids |= (unsigned long)(mmio_read32(base + ID_BASE + 4 * n) & 0xff) << (8 * n);
	return ids;
}

static void identify(void)
{
	printk("vdev: uart id 0x%016lx gpio id 0x%016lx\n", read_ids(uart), read_ids(gpio));
	printk("vdev: uart reset fr 0x%x cr 0x%x ifls 0x%x imsc 0x%x ris 0x%x lcr_h 0x%x\n",
	       mmio_read32(uart + UARTFR), mmio_read32(uart + UARTCR),
	       mmio_read32(uart + UARTIFLS), mmio_read32(uart + UARTIMSC),
	       mmio_read32(uart + UARTRIS), mmio_read32(uart + UARTLCR_H));
}

/* RX and receive timeout: everything waiting, echoed through TX, up to a newline. */
static void uart_handler(unsigned int intid)
{
	unsigned int c;

	(void)intid;
	rx_interrupts++;
	if (!(mmio_read32(uart + UARTMIS) & (INT_RX | INT_RT)))
		printk("vdev: uart interrupt without RX/RT (mis 0x%x)\n",
		       mmio_read32(uart + UARTMIS));
	while (!(mmio_read32(uart + UARTFR) & FR_RXFE)) {
		c = mmio_read32(uart + UARTDR) & 0xff;
		uart_putc((char)c);
		if (c == '\n' || c == '\r')
			line_done = true;
		else if (line_len < sizeof(line) - 1)
			line[line_len++] = (char)c;
	}
}

/* Line @n, typed by the root: echoed, and reported with the interrupts it took. */
static void receive_line(unsigned int n)
{
	unsigned int waited;

	line_len = 0;
	line_done = false;
	printk("vdev: waiting for line %u\n", n);
	for (waited = 0; !line_done && waited < 300; waited++)
		idle_ms(100, SHUTDOWN_IGNORE);
	line[line_len] = '\0';
	printk("vdev: line %u \"%s\" after %u rx interrupts, fr 0x%x ris 0x%x\n", n, line,
	       rx_interrupts, mmio_read32(uart + UARTFR), mmio_read32(uart + UARTRIS));
}

static void receive_lines(void)
{
	mmio_write32(uart + UARTLCR_H, LCR_H_FEN | 0x60);
	mmio_write32(uart + UARTIMSC, INT_RX | INT_RT);
	if (irq_enable(cmdline_get_ulong("uart-irq", 33), uart_handler, IRQ_PRIORITY_DEFAULT)) {
		printk("vdev: cannot enable the uart interrupt\n");
		return;
	}
	irq_local_enable();
	receive_line(1);
	receive_line(2);
	mmio_write32(uart + UARTIMSC, 0);
}

/* The holding register (no FEN) takes one character; the next one is an overrun. */
static void overrun(void)
{
	unsigned int waited, first, second;

	mmio_write32(uart + UARTLCR_H, 0x60);
	mmio_write32(uart + UARTRSR, 0);
	printk("vdev: not reading\n");
	for (waited = 0; !(mmio_read32(uart + UARTRSR) & RSR_OE) && waited < 300; waited++)
		idle_ms(100, SHUTDOWN_IGNORE);
	printk("vdev: overrun rsr 0x%x fr 0x%x ris 0x%x\n", mmio_read32(uart + UARTRSR),
	       mmio_read32(uart + UARTFR), mmio_read32(uart + UARTRIS));
	first = mmio_read32(uart + UARTDR);
	for (waited = 0; (mmio_read32(uart + UARTFR) & FR_RXFE) && waited < 300; waited++)
		idle_ms(10, SHUTDOWN_IGNORE);
	second = mmio_read32(uart + UARTDR);
	printk("vdev: after the overrun dr 0x%x then 0x%x\n", first, second);
	mmio_write32(uart + UARTRSR, 0);
	mmio_write32(uart + UARTICR, 0x7ff);
}

static void loopback(void)
{
	unsigned int cr = mmio_read32(uart + UARTCR), c;

	mmio_write32(uart + UARTCR, cr | CR_LBE);
	mmio_write32(uart + UARTDR, 'L');
	c = mmio_read32(uart + UARTDR);
	mmio_write32(uart + UARTCR, cr);
	printk("vdev: loopback read 0x%x\n", c);
}

/* Both edges of line 3: the press, then the release. */
static void gpio_handler(unsigned int intid)
{
	unsigned int mis = mmio_read32(gpio + GPIOMIS);
	unsigned int level = mmio_read32(gpio + (BUTTON << 2));

	mmio_write32(gpio + GPIOIC, mis);
	if (level & BUTTON)
		presses++;
	else
		releases++;
	printk("vdev: gpio interrupt %u mis 0x%x button %s\n", intid, mis,
	       level & BUTTON ? "down" : "up");
}

static void power_button(void)
{
	mmio_write32(gpio + GPIODIR, 0);
	mmio_write32(gpio + GPIOIBE, BUTTON);
	mmio_write32(gpio + GPIOIE, BUTTON);
	if (irq_enable(cmdline_get_ulong("gpio-irq", 39), gpio_handler, IRQ_PRIORITY_DEFAULT)) {
		printk("vdev: cannot enable the gpio interrupt\n");
		return;
	}
	printk("vdev: waiting for the power button\n");
	while (!releases)
		wait_for_interrupt();
	printk("vdev: power button pressed %u released %u: powering off\n", presses, releases);
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

void inmate_main(void)
{
	char action[16] = "run";
	unsigned long n;

	uart = cmdline_get_ulong("uart-base", 0x9000000);
	gpio = cmdline_get_ulong("gpio-base", 0x9030000);
	cmdline_get_str("action", action, sizeof(action));
	if (!strcmp(action, "wide")) {
		printk("vdev: 64-bit read of UARTDR\n");
		printk("vdev: read 0x%lx\n", mmio_read64(uart + UARTDR));
	} else if (!strcmp(action, "flood")) {
		for (n = cmdline_get_ulong("bytes", 1000000); n; n--)
			uart_putc('f');
		printk("vdev: flood done\n");
	} else {
		identify();
		uart_puts("vdev: hello through the pl011\n");
		printk("vdev: after output fr 0x%x ris 0x%x\n", mmio_read32(uart + UARTFR),
		       mmio_read32(uart + UARTRIS));
		if (gic_init())
			printk("vdev: no GIC\n");
		receive_lines();
		overrun();
		loopback();
		power_button();
	}
	idle(SHUTDOWN_IGNORE);
}
