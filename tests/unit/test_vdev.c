// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated PL011 UART and PL061 power button (hypervisor/pl011.c,
 * pl061.c, vdev.c) on the host hypervisor of hv_fakes.c: a cell created
 * from a config with both reaches their registers through the real MMIO
 * dispatch, the root types into the UART through the real hypercall, and
 * the device's interrupt line is what the GIC emulation (vgic-vspi.c) was
 * last told through arch_virtual_irq_set().
 * The register values are the technical reference manuals'.
 */
#include <bulkhead/errno.h>

#include "hv_fakes.h"
#include "unit.h"

#define ROOT_CPU	0
#define CELL_CPU	1
#define UART		0x09000000UL
#define GPIO		0x09030000UL
#define UART_IRQ	33
#define GPIO_IRQ	39

#define DR		0x000
#define RSR		0x004
#define FR		0x018
#define IBRD		0x024
#define LCR_H		0x02c
#define CR		0x030
#define IFLS		0x034
#define IMSC		0x038
#define RIS		0x03c
#define MIS		0x040
#define ICR		0x044
#define DMACR		0x048

#define FR_RXFE		0x10
#define FR_RXFF		0x40
#define FR_TXFE		0x80
#define INT_RX		0x10
#define INT_TX		0x20
#define INT_RT		0x40
#define INT_OE		0x400
#define DR_OE		0x800
#define LCR_H_FEN	0x10

#define GPIODIR		0x400
#define GPIOIS		0x404
#define GPIOIBE		0x408
#define GPIOIEV		0x40c
#define GPIOIE		0x410
#define GPIORIS		0x414
#define GPIOMIS		0x418
#define GPIOIC		0x41c
#define BUTTON		0x08		/* line 3 */

static const char devices[] =
	"vdevice@9000000 { type = \"pl011\"; reg = <0x0 0x09000000 0x0 0x1000>; "
	"interrupt = <33>; };\n"
	"vdevice@9030000 { type = \"power-button\"; reg = <0x0 0x09030000 0x0 0x1000>; "
	"interrupt = <39>; };\n";

static struct cell *cell;

/* Cell "a" with both devices, running on CPU 1. */
static void vdev_setup(void)
{
	hv_boot();
	cell = hv_create_ok(hv_cell("a", "1", "", 0x71a00000, devices));
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	console_capture_reset();
}

static u64 rd(u64 addr)
{
	u64 value;

	ck_assert_int_eq(hv_mmio(CELL_CPU, false, addr, 4, &value), MMIO_HANDLED);
	return value;
}

static void wr(u64 addr, u64 value)
{
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, addr, 4, &value), MMIO_HANDLED);
}

/* The device's interrupt output, as the GIC emulation was last told it (vgic-vspi.c). */
static bool line(unsigned int intid)
{
	unsigned int n;

	for (n = 0; n < cell->arch.num_vspis; n++)
		if (cell->arch.vspis[n].intid == intid)
			return cell->arch.vspis[n].line;
	ck_abort_msg("INTID %u is none of the cell's virtual SPIs", intid);
	return false;
}

/* The root types @text; returns what the hypercall returned. */
static long type(unsigned long id, const char *text)
{
	unsigned long count = strlen(text), bytes = 0;

	memcpy(&bytes, text, count);
	return hypercall(per_cpu(ROOT_CPU), BULKHEAD_HC_CONSOLE_INPUT, id | count << 32, bytes);
}

/* A real PL011 r1p5 and PL061 identify themselves so; reset values as their manuals say. */
START_TEST(test_ids_and_reset_values)
{
	static const u8 uart_id[] = { 0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	static const u8 gpio_id[] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	unsigned int n;

	for (n = 0; n < 8; n++) {
		ck_assert_uint_eq(rd(UART + 0xfe0 + 4 * n), uart_id[n]);
		ck_assert_uint_eq(rd(GPIO + 0xfe0 + 4 * n), gpio_id[n]);
	}
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE | FR_RXFE);
	ck_assert_uint_eq(rd(UART + CR), 0x300);
	ck_assert_uint_eq(rd(UART + IFLS), 0x12);
	ck_assert_uint_eq(rd(UART + IMSC), 0);
	ck_assert_uint_eq(rd(UART + RIS), 0);
	ck_assert_uint_eq(rd(UART + LCR_H), 0);
	ck_assert_uint_eq(rd(GPIO + GPIODIR), 0);
	ck_assert_uint_eq(rd(GPIO + GPIORIS), 0);
	ck_assert_uint_eq(rd(GPIO + 0x3fc), 0);
}
END_TEST

/* Output reaches the cell's console at once; TX rises, and the line follows UARTMIS. */
START_TEST(test_transmit)
{
	wr(UART + DR, 'h');
	wr(UART + DR, 0x169);	/* only the data byte is sent */
	ck_assert_str_eq(hv_cell_console(), "hi");
	ck_assert_uint_eq(rd(UART + FR) & FR_TXFE, FR_TXFE);
	ck_assert_uint_eq(rd(UART + RIS), INT_TX);
	ck_assert(!line(UART_IRQ));
	wr(UART + IMSC, INT_TX);
	ck_assert_uint_eq(rd(UART + MIS), INT_TX);
	ck_assert(line(UART_IRQ));
	wr(UART + ICR, INT_TX);
	ck_assert_uint_eq(rd(UART + RIS), 0);
	ck_assert(!line(UART_IRQ));
	/* Nothing went to the hypervisor's console. */
	ck_assert_str_eq(console_captured(), "");
}
END_TEST

/* Without FEN: a one-character holding register; what arrives while it is full is lost. */
START_TEST(test_receive_holding_register_and_overrun)
{
	wr(UART + IMSC, INT_RX | INT_OE);
	ck_assert_int_eq(type(cell->id, "abc"), 1);
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE | FR_RXFF);
	ck_assert_uint_eq(rd(UART + RIS), INT_RX | INT_RT | INT_OE);
	ck_assert_uint_eq(rd(UART + RSR), 0x8);
	ck_assert(line(UART_IRQ));
	ck_assert_uint_eq(rd(UART + DR), 'a');
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE | FR_RXFE);
	ck_assert_uint_eq(rd(UART + RIS), INT_OE);
	/* The character after an overrun carries OE; UARTECR clears the status. */
	ck_assert_int_eq(type(cell->id, "d"), 1);
	ck_assert_uint_eq(rd(UART + DR), DR_OE | 'd');
	ck_assert_uint_eq(rd(UART + RSR), 0x8);
	wr(UART + RSR, 0);
	ck_assert_uint_eq(rd(UART + RSR), 0);
	wr(UART + ICR, 0x7ff);
	ck_assert(!line(UART_IRQ));
	/* An empty FIFO reads 0 and changes nothing. */
	ck_assert_uint_eq(rd(UART + DR), 0);
}
END_TEST

/* With FEN: 32 entries; RX at the trigger level (half full at reset), RT after a burst. */
START_TEST(test_receive_fifo_levels)
{
	unsigned int n;

	wr(UART + LCR_H, 0x60 | LCR_H_FEN);
	wr(UART + IMSC, INT_RX | INT_RT);
	ck_assert_int_eq(type(cell->id, "01234567"), 8);
	ck_assert_int_eq(type(cell->id, "89abcde"), 7);
	ck_assert_uint_eq(rd(UART + RIS), INT_RT);
	ck_assert(line(UART_IRQ));
	ck_assert_int_eq(type(cell->id, "f"), 1);
	ck_assert_uint_eq(rd(UART + RIS), INT_RX | INT_RT);
	ck_assert_uint_eq(rd(UART + DR), '0');
	ck_assert_uint_eq(rd(UART + RIS), INT_RT);
	/* Fill it: 17 more fit, then nothing. */
	ck_assert_int_eq(type(cell->id, "ghijklmn"), 8);
	ck_assert_int_eq(type(cell->id, "opqrstuv"), 8);
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE);
	ck_assert_int_eq(type(cell->id, "wxyz"), 1);
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE | FR_RXFF);
	ck_assert_uint_eq(rd(UART + RIS) & INT_OE, INT_OE);
	ck_assert_int_eq(type(cell->id, "xyz"), 0);
	for (n = 1; n < 33; n++)
		ck_assert_uint_eq(rd(UART + DR), (u64)"0123456789abcdefghijklmnopqrstuvw"[n]);
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE | FR_RXFE);
	ck_assert_uint_eq(rd(UART + RIS) & (INT_RX | INT_RT), 0);
	/* A quarter: 8 characters raise RX. Leaving FIFO mode empties the FIFO. */
	wr(UART + IFLS, 1 << 3);
	ck_assert_int_eq(type(cell->id, "1234567"), 7);
	ck_assert_uint_eq(rd(UART + RIS) & INT_RX, 0);
	ck_assert_int_eq(type(cell->id, "8"), 1);
	ck_assert_uint_eq(rd(UART + RIS) & INT_RX, INT_RX);
	wr(UART + LCR_H, 0x60);
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE | FR_RXFE);
	ck_assert_uint_eq(rd(UART + RIS) & (INT_RX | INT_RT), 0);
}
END_TEST

/* Loopback (UARTCR.LBE) sends output to the receiver, not the console. */
START_TEST(test_loopback)
{
	wr(UART + CR, 0x381);
	wr(UART + DR, 'x');
	ck_assert_str_eq(hv_cell_console(), "");
	ck_assert_uint_eq(rd(UART + DR), 'x');
}
END_TEST

/* 8-, 16- and 32-bit at a register's offset; the rest, and undefined accesses, fail the cell. */
START_TEST(test_uart_access_rules)
{
	u64 value = 0;

	ck_assert_int_eq(hv_mmio(CELL_CPU, false, UART + FR, 2, &value), MMIO_HANDLED);
	ck_assert_uint_eq(value, FR_TXFE | FR_RXFE);
	value = 'k';
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, UART + DR, 1, &value), MMIO_HANDLED);
	ck_assert_str_eq(hv_cell_console(), "k");
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, UART + DR, 8, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, false, UART + FR + 1, 1, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, UART + 0xfe0, 4, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, UART + FR, 4, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, UART + MIS, 4, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, false, UART + ICR, 4, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, false, UART + 0x100, 4, &value), MMIO_ERROR);
	/* No DMA: UARTDMACR keeps reading 0. */
	wr(UART + DMACR, 7);
	ck_assert_uint_eq(rd(UART + DMACR), 0);
	ck_assert_str_eq(hv_cell_console(), "k");
}
END_TEST

/* The hypercall's arguments, each checked; nothing arrives for a bad call. */
START_TEST(test_console_input_arguments)
{
	struct cell *plain;

	ck_assert_int_eq(type(cell->id, ""), -EINVAL);
	assert_console_says("console input: 0 bytes (1-8 at a time)");
	ck_assert_int_eq(hypercall(per_cpu(ROOT_CPU), BULKHEAD_HC_CONSOLE_INPUT,
				   cell->id | 9UL << 32, 0x41), -EINVAL);
	ck_assert_int_eq(hypercall(per_cpu(ROOT_CPU), BULKHEAD_HC_CONSOLE_INPUT,
				   cell->id | 0x80000001UL << 32, 0x41), -EINVAL);
	ck_assert_int_eq(type(0, "x"), -ENOENT);
	ck_assert_int_eq(type(7, "x"), -ENOENT);
	ck_assert_uint_eq(rd(UART + FR) & FR_RXFE, FR_RXFE);
	plain = hv_create_ok(hv_cell("b", "2", "", 0x71c00000, ""));
	ck_assert_int_eq(type(plain->id, "x"), -ENODEV);
	ck_assert_int_eq(type(cell->id, "x"), 1);
	ck_assert_uint_eq(rd(UART + DR), 'x');
}
END_TEST

/* A stop resets the devices: a new run finds them as at power-on, lines low. */
START_TEST(test_reset_at_stop)
{
	wr(UART + LCR_H, LCR_H_FEN);
	wr(UART + IBRD, 13);
	wr(UART + IMSC, INT_RT);
	ck_assert_int_eq(type(cell->id, "zz"), 2);
	wr(GPIO + GPIODIR, 0xff);
	ck_assert(line(UART_IRQ));
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_PARKED;
	ck_assert_int_eq(cell_shutdown(cell->id), BULKHEAD_SHUTDOWN_PENDING);
	cell_stop_self(per_cpu(CELL_CPU));
	ck_assert(!line(UART_IRQ));
	ck_assert_int_eq(cell_shutdown(cell->id), 0);
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	ck_assert_uint_eq(rd(UART + FR), FR_TXFE | FR_RXFE);
	ck_assert_uint_eq(rd(UART + LCR_H), 0);
	ck_assert_uint_eq(rd(UART + IBRD), 0);
	ck_assert_uint_eq(rd(UART + IMSC), 0);
	ck_assert_uint_eq(rd(GPIO + GPIODIR), 0);
	ck_assert_uint_eq(rd(GPIO + GPIORIS), 0);
}
END_TEST

/* GPIODATA: address bits 9:2 select the lines; only outputs take writes. */
START_TEST(test_gpio_data_mask)
{
	wr(GPIO + GPIODIR, 0x03);
	wr(GPIO + 0x3fc, 0xff);
	ck_assert_uint_eq(rd(GPIO + 0x3fc), 0x03);
	ck_assert_uint_eq(rd(GPIO + (0x02 << 2)), 0x02);
	wr(GPIO + (0x01 << 2), 0x00);
	ck_assert_uint_eq(rd(GPIO + 0x3fc), 0x02);
	ck_assert_uint_eq(rd(GPIO + (BUTTON << 2)), 0);
	ck_assert(vdev_power_button_press(cell));
	ck_assert_uint_eq(rd(GPIO + (BUTTON << 2)), BUTTON);
	ck_assert_uint_eq(rd(GPIO + 0x3fc), BUTTON | 0x02);
}
END_TEST

/* Both-edge sensing (what gpio-keys asks for) sees the press and the release. */
START_TEST(test_gpio_edges_and_levels)
{
	u64 value = 0;

	wr(GPIO + GPIOIBE, BUTTON);
	wr(GPIO + GPIOIE, BUTTON);
	ck_assert(vdev_power_button_press(cell));
	ck_assert_uint_eq(rd(GPIO + GPIORIS), BUTTON);
	ck_assert_uint_eq(rd(GPIO + GPIOMIS), BUTTON);
	ck_assert(line(GPIO_IRQ));
	wr(GPIO + GPIOIC, BUTTON);
	ck_assert(!line(GPIO_IRQ));
	pl061_set_input(&cell->vdevs.button, 3, false);
	ck_assert(line(GPIO_IRQ));
	wr(GPIO + GPIOIC, 0xff);
	/* Rising edge only: the release goes unseen. */
	wr(GPIO + GPIOIBE, 0);
	wr(GPIO + GPIOIEV, BUTTON);
	pl061_set_input(&cell->vdevs.button, 3, true);
	ck_assert_uint_eq(rd(GPIO + GPIORIS), BUTTON);
	wr(GPIO + GPIOIC, BUTTON);
	pl061_set_input(&cell->vdevs.button, 3, false);
	ck_assert_uint_eq(rd(GPIO + GPIORIS), 0);
	/* Level, high: pending while pressed, whatever GPIOIC says. */
	wr(GPIO + GPIOIS, BUTTON);
	pl061_set_input(&cell->vdevs.button, 3, true);
	wr(GPIO + GPIOIC, BUTTON);
	ck_assert_uint_eq(rd(GPIO + GPIORIS), BUTTON);
	ck_assert(line(GPIO_IRQ));
	pl061_set_input(&cell->vdevs.button, 3, false);
	ck_assert_uint_eq(rd(GPIO + GPIORIS), 0);
	ck_assert(!line(GPIO_IRQ));
	/* Undefined accesses fail the cell. */
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, GPIO + GPIORIS, 4, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, GPIO + 0xfe0, 1, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, false, GPIO + GPIOIC, 4, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, false, GPIO + GPIODIR, 8, &value), MMIO_ERROR);
	ck_assert_int_eq(hv_mmio(CELL_CPU, false, GPIO + 0x500, 4, &value), MMIO_ERROR);
}
END_TEST

/*
 * Shutting down a cell with a power button presses it (no message in its
 * communication region), releases it after a while, and the cell's own
 * power-off ends the request.
 */
START_TEST(test_shutdown_presses_the_button)
{
	unsigned int polls;

	wr(GPIO + GPIOIBE, BUTTON);
	wr(GPIO + GPIOIE, BUTTON);
	ck_assert_int_eq(cell_shutdown(cell->id), BULKHEAD_SHUTDOWN_PENDING);
	ck_assert_uint_eq(cell->comm->msg_to_cell, BULKHEAD_MSG_NONE);
	ck_assert_uint_eq(rd(GPIO + (BUTTON << 2)), BUTTON);
	ck_assert(line(GPIO_IRQ));
	wr(GPIO + GPIOIC, BUTTON);
	for (polls = 0; polls < 1000 && rd(GPIO + (BUTTON << 2)); polls++)
		ck_assert_int_eq(cell_shutdown(cell->id), BULKHEAD_SHUTDOWN_PENDING);
	ck_assert_uint_eq(rd(GPIO + (BUTTON << 2)), 0);
	ck_assert_uint_eq(rd(GPIO + GPIORIS), BUTTON);
	ck_assert_uint_gt(polls, 1);
	cell_stop_self(per_cpu(CELL_CPU));
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_PARKED;
	ck_assert_int_eq(cell_shutdown(cell->id), 0);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_SHUT_DOWN);
}
END_TEST

/* A cell without a button still gets the message, as before. */
START_TEST(test_shutdown_without_button)
{
	struct cell *plain = hv_create_ok(hv_cell("b", "2", "", 0x71c00000, ""));

	hv_load(plain);
	ck_assert_int_eq(cell_start(plain->id), 0);
	per_cpu(2)->state = BULKHEAD_CPU_RUNNING;
	ck_assert_int_eq(cell_shutdown(plain->id), BULKHEAD_SHUTDOWN_PENDING);
	ck_assert_uint_eq(plain->comm->msg_to_cell, BULKHEAD_MSG_SHUTDOWN_REQUEST);
	ck_assert(!vdev_power_button_press(plain));
}
END_TEST

Suite *vdev_suite(void)
{
	Suite *suite = suite_create("vdev");
	TCase *tc = tcase_create("devices");

	tcase_add_checked_fixture(tc, vdev_setup, hv_shutdown);
	tcase_add_test(tc, test_ids_and_reset_values);
	tcase_add_test(tc, test_transmit);
	tcase_add_test(tc, test_receive_holding_register_and_overrun);
	tcase_add_test(tc, test_receive_fifo_levels);
	tcase_add_test(tc, test_loopback);
	tcase_add_test(tc, test_uart_access_rules);
	tcase_add_test(tc, test_console_input_arguments);
	tcase_add_test(tc, test_reset_at_stop);
	tcase_add_test(tc, test_gpio_data_mask);
	tcase_add_test(tc, test_gpio_edges_and_levels);
	tcase_add_test(tc, test_shutdown_presses_the_button);
	tcase_add_test(tc, test_shutdown_without_button);
	suite_add_tcase(suite, tc);
	return suite;
}
