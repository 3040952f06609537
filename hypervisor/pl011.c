// SPDX-License-Identifier: GPL-2.0
/*
 * An emulated Arm PrimeCell UART (PL011, revision r1p5), the programmer's
 * model of its technical reference manual (ARM DDI 0183G): what a cell
 * writes to UARTDR goes to its console ring at once (the transmit FIFO is
 * always empty: TXFE set, TXFF and BUSY clear); what the root types
 * (BULKHEAD_HC_CONSOLE_INPUT) fills the receive FIFO, 32 entries with FEN,
 * else a one-character holding register. Interrupts follow the manual's
 * rules on FIFO levels (UARTIFLS); the receive timeout counts as expired
 * when an input burst ends. As on the QEMU virt board, characters move
 * whatever UARTEN, TXE and RXE say: programs written for that board often
 * never set them. Modem lines are inactive; there is no DMA.
 */
#include <bulkhead/control.h>
#include <bulkhead/vdev.h>

#define UARTDR		0x000
#define UARTRSR		0x004		/* reads; writes are UARTECR */
#define UARTFR		0x018
#define UARTILPR	0x020
#define UARTIBRD	0x024
#define UARTFBRD	0x028
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTIFLS	0x034
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define UARTDMACR	0x048
#define UART_ID_BASE	0xfe0

/* UARTDR error bits, above the data; UARTRSR has them at bits 0-3. */
#define DR_OE		BIT(11)
#define DR_ERRORS	(0xfU << 8)
#define RSR_OE		BIT(3)

#define FR_RXFE		BIT(4)
#define FR_RXFF		BIT(6)
#define FR_TXFE		BIT(7)

#define LCR_H_FEN	BIT(4)
#define CR_LBE		BIT(7)

/* UARTRIS, UARTIMSC, UARTMIS, UARTICR bits. */
#define INT_RX		BIT(4)
#define INT_TX		BIT(5)
#define INT_RT		BIT(6)
#define INT_OE		BIT(10)
#define INT_ALL		0x7ffU

#define CR_RESET	0x0300		/* TXE, RXE */
#define IFLS_RESET	0x12		/* both at half full */

/* UARTPeriphID0-3 (part 0x011, Arm, revision 3: r1p5) and UARTPCellID0-3. */
static const u8 pl011_id[8] = { 0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* Trigger levels of UARTIFLS's 3-bit fields, in eighths of the FIFO; 5-7 are reserved. */
static unsigned int fifo_level(unsigned int select)
{
	static const u8 eighths[8] = { 1, 2, 4, 6, 7, 7, 7, 7 };

	return PL011_FIFO_DEPTH * eighths[select & 7] / 8;
}

static bool fifo_enabled(const struct vpl011 *uart)
{
	return uart->lcr_h & LCR_H_FEN;
}

/* Without FEN the FIFO is one holding register, and its "trigger level" one character. */
static unsigned int rx_depth(const struct vpl011 *uart)
{
	return fifo_enabled(uart) ? PL011_FIFO_DEPTH : 1;
}

static unsigned int rx_trigger(const struct vpl011 *uart)
{
	return fifo_enabled(uart) ? fifo_level(uart->ifls >> 3) : 1;
}

/* The interrupt output is UARTMIS ORed together: tell the GIC when it changes. */
static void update_line(struct vpl011 *uart)
{
	bool level = uart->ris & uart->imsc;

	if (level == uart->line)
		return;
	uart->line = level;
	arch_virtual_irq_set(uart->cell, uart->intid, level);
}

/* One received character; false if the FIFO was full and it is lost (an overrun). */
static bool rx_push(struct vpl011 *uart, u8 byte)
{
	if (uart->rx_count == rx_depth(uart)) {
		uart->overrun = true;
		uart->rsr |= RSR_OE;
		uart->ris |= INT_OE;
		return false;
	}
	uart->rx_fifo[(uart->rx_head + uart->rx_count) % PL011_FIFO_DEPTH] =
		byte | (uart->overrun ? DR_OE : 0);
	uart->overrun = false;
	uart->rx_count++;
	/* The receive interrupt rises when the FIFO reaches its trigger level. */
	if (uart->rx_count >= rx_trigger(uart))
		uart->ris |= INT_RX;
	return true;
}

static void rx_flush(struct vpl011 *uart)
{
	uart->rx_head = 0;
	uart->rx_count = 0;
	uart->ris &= ~(INT_RX | INT_RT);
}

static u16 read_dr(struct vpl011 *uart)
{
	u16 entry;

	if (!uart->rx_count)
		return 0;
	entry = uart->rx_fifo[uart->rx_head];
	uart->rx_head = (uart->rx_head + 1) % PL011_FIFO_DEPTH;
	uart->rx_count--;
	/* UARTRSR holds the errors of the character read last, and any overrun. */
	uart->rsr = (uart->rsr & RSR_OE) | ((entry & DR_ERRORS & ~DR_OE) >> 8);
	if (uart->rx_count < rx_trigger(uart))
		uart->ris &= ~INT_RX;
	if (!uart->rx_count)
		uart->ris &= ~INT_RT;
	return entry;
}

/* A character written leaves at once; the FIFO level falling to 0 raises TX. */
static void write_dr(struct vpl011 *uart, u8 byte)
{
	if (uart->cr & CR_LBE) {
		if (rx_push(uart, byte))
			uart->ris |= INT_RT;
	} else {
		cell_console_write(uart->cell, (const char *)&byte, 1);
	}
	uart->ris |= INT_TX;
}

static u16 read_fr(const struct vpl011 *uart)
{
	u16 fr = FR_TXFE;

	if (!uart->rx_count)
		fr |= FR_RXFE;
	if (uart->rx_count == rx_depth(uart))
		fr |= FR_RXFF;
	return fr;
}

/* False for an offset no register is at, or one that cannot be read. */
static bool reg_read(struct vpl011 *uart, unsigned int off, u64 *value)
{
	switch (off) {
	case UARTDR:
		*value = read_dr(uart);
		break;
	case UARTRSR:
		*value = uart->rsr;
		break;
	case UARTFR:
		*value = read_fr(uart);
		break;
	case UARTILPR:
		*value = uart->ilpr;
		break;
	case UARTIBRD:
		*value = uart->ibrd;
		break;
	case UARTFBRD:
		*value = uart->fbrd;
		break;
	case UARTLCR_H:
		*value = uart->lcr_h;
		break;
	case UARTCR:
		*value = uart->cr;
		break;
	case UARTIFLS:
		*value = uart->ifls;
		break;
	case UARTIMSC:
		*value = uart->imsc;
		break;
	case UARTRIS:
		*value = uart->ris;
		break;
	case UARTMIS:
		*value = uart->ris & uart->imsc;
		break;
	case UARTDMACR:
		*value = 0;
		break;
	default:
		if (off < UART_ID_BASE)
			return false;
		*value = pl011_id[(off - UART_ID_BASE) / 4];
	}
	return true;
}

static void write_lcr_h(struct vpl011 *uart, u16 value)
{
	/* Switching between FIFO and holding register empties it. */
	if ((uart->lcr_h ^ value) & LCR_H_FEN)
		rx_flush(uart);
	uart->lcr_h = value;
}

/* False for an offset no register is at, or one that cannot be written. */
static bool reg_write(struct vpl011 *uart, unsigned int off, u64 value)
{
	switch (off) {
	case UARTDR:
		write_dr(uart, (u8)value);
		break;
	/* UARTECR: any write clears the error status. */
	case UARTRSR:
		uart->rsr = 0;
		break;
	case UARTILPR:
		uart->ilpr = value & 0xff;
		break;
	case UARTIBRD:
		uart->ibrd = value & 0xffff;
		break;
	case UARTFBRD:
		uart->fbrd = value & 0x3f;
		break;
	case UARTLCR_H:
		write_lcr_h(uart, value & 0xff);
		break;
	case UARTCR:
		uart->cr = value & 0xff87;
		break;
	case UARTIFLS:
		uart->ifls = value & 0x3f;
		break;
	case UARTIMSC:
		uart->imsc = value & INT_ALL;
		break;
	case UARTICR:
		uart->ris &= ~value;
		break;
	/* No DMA: the enables read as zero. */
	case UARTDMACR:
		break;
	default:
		return false;
	}
	return true;
}

/*
 * 8-, 16- and 32-bit accesses at a register's offset (Linux's driver uses
 * 16-bit ones, board programs often bytes); anything else, and an access the
 * manual does not define (writing a read-only register, reading UARTICR, an
 * offset with no register), fails the cell.
 */
enum mmio_result pl011_access(struct per_cpu *cpu, struct mmio_access *access, void *arg)
{
	struct vpl011 *uart = arg;
	unsigned int off = (unsigned int)access->addr;
	bool done;

	if (access->size > 4 || (off & 3))
		return MMIO_ERROR;
	spin_lock(&uart->lock);
	done = access->write ? reg_write(uart, off, access->value) :
			       reg_read(uart, off, &access->value);
	update_line(uart);
	spin_unlock(&uart->lock);
	return done ? MMIO_HANDLED : MMIO_ERROR;
}

unsigned int pl011_receive(struct vpl011 *uart, const u8 *bytes, unsigned int count)
{
	unsigned int taken = 0;

	spin_lock(&uart->lock);
	while (taken < count && rx_push(uart, bytes[taken]))
		taken++;
	/* Nothing follows the burst: the receive timeout runs out. */
	if (uart->rx_count)
		uart->ris |= INT_RT;
	update_line(uart);
	spin_unlock(&uart->lock);
	return taken;
}

void pl011_reset(struct vpl011 *uart)
{
	spin_lock(&uart->lock);
	rx_flush(uart);
	uart->overrun = false;
	uart->rsr = 0;
	uart->ilpr = 0;
	uart->ibrd = 0;
	uart->fbrd = 0;
	uart->lcr_h = 0;
	uart->cr = CR_RESET;
	uart->ifls = IFLS_RESET;
	uart->imsc = 0;
	uart->ris = 0;
	update_line(uart);
	spin_unlock(&uart->lock);
}

void pl011_init(struct vpl011 *uart, struct cell *cell, unsigned int intid)
{
	uart->cell = cell;
	uart->intid = intid;
	uart->line = false;
	pl011_reset(uart);
}
