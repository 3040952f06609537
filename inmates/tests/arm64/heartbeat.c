// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test inmate for the system group "health": feeds the heartbeat watchdog,
 * then fails the way its command line says, and shows at each boot what the
 * previous run left behind.
 *
 * Command line:
 *   beats=N       feeds the heartbeat N times (default 10), period-ms=P apart
 *                 (default: a quarter of the watchdog timeout, else 10 ms)
 *   then=hang     afterwards: stops feeding but keeps running (the default)
 *   then=fault    afterwards: a load where the cell has no memory (fails the CPU)
 *   then=feed     afterwards: goes on feeding for good
 *   then=off      afterwards: PSCI SYSTEM_OFF
 *   tamper        first writes the largest timeout into its communication
 *                 region, as a cell that wants more time would (the
 *                 hypervisor keeps the config's): "heartbeat: tampered"
 *   second        first starts its second CPU (vCPU 1), which prints
 *                 "heartbeat: cpu 1 alive N" every 50 ms for good
 *
 * Each boot prints "heartbeat: boot data D scratch 0xS timeout T freq F at T0": D
 * is a word of its image that every run changes from 1 to 2 (a restart from
 * the pristine image shows 1 again), S a word of its RAM outside the image
 * that every run sets (0 if the RAM was scrubbed in between), T the watchdog
 * timeout its communication region announces, F the counter's frequency
 * (Hz) and T0 the counter at its first instruction.
 * When it stops feeding: "heartbeat: fed N times at T1".
 */
#include <inmate.h>

/* In the cell's RAM (1 MiB from 0), well past the image and its stack. */
#define SCRATCH			0xc0000UL
#define SCRATCH_MARK		0x5ca1ab1eU
/* Nothing of the cell's is mapped here: a load fails its CPU. */
#define UNMAPPED		0x10000000UL

static volatile unsigned int image_data = 1;

static void second_cpu(void *arg __attribute__((unused)))
{
	unsigned long n;

	for (n = 1;; n++) {
		printk("heartbeat: cpu 1 alive %lu\n", n);
		delay_us(50000);
	}
}

static void feed(unsigned long beats, unsigned long period_ms)
{
	unsigned long n;

	for (n = 0; n < beats; n++) {
		inmate_heartbeat();
		idle_ms(period_ms, SHUTDOWN_APPROVE);
	}
}

void inmate_main(void)
{
	unsigned long timeout = watchdog_timeout_ms();
	unsigned long beats = cmdline_get_ulong("beats", 10);
	unsigned long period = cmdline_get_ulong("period-ms", timeout ? timeout / 4 : 10);
	char then[8] = "hang";

	printk("heartbeat: boot data %u scratch 0x%x timeout %lu freq %lu at %lu\n", image_data,
	       mmio_read32(SCRATCH), timeout, timer_frequency(), inmate_boot_ticks);
	image_data = 2;
	mmio_write32(SCRATCH, SCRATCH_MARK);
	cmdline_get_str("then", then, sizeof(then));
	if (cmdline_has("tamper")) {
		comm_region()->watchdog_timeout_ms = ~0U;
		printk("heartbeat: tampered, timeout now %lu\n", watchdog_timeout_ms());
	}
	if (cmdline_has("second") && psci_cpu_on(1, second_cpu, NULL))
		printk("heartbeat: cannot start cpu 1\n");

	feed(beats, period);
	printk("heartbeat: fed %lu times at %lu\n", beats, timer_ticks());
	if (!strcmp(then, "fault"))
		printk("heartbeat: read 0x%x\n", mmio_read32(UNMAPPED));
	else if (!strcmp(then, "off"))
		psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	else if (!strcmp(then, "feed"))
		for (;;)
			feed(1, period);
	idle(SHUTDOWN_APPROVE);
}
