// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test inmate for the system group "trace": takes a known number of exits
 * of known kinds, so that a trace of the cell can be checked against exact
 * counts.
 *
 * Command line:
 *   calls=N       N hypercalls BULKHEAD_HC_GET_INFO(BULKHEAD_INFO_VERSION)
 *                 (default 0), each one exit of reason "hypercall"
 *   numbered      each of those calls asks instead for the type that is its
 *                 number (1, 2, ... over all rounds), which a trace shows
 *                 in the call's x1: the hypervisor refuses most of them
 *                 (-EPERM), an exit all the same, so the trace shows which
 *                 calls it saw and which it did not
 *   mmio=N        N reads of the distributor's GICD_TYPER, which the
 *                 hypervisor traps and emulates: N exits of reason "mmio"
 *   rounds=R      does the above R times (default 1), pause-ms=P apart
 *                 (default 0)
 *
 * Then it prints one line of fixed length, so that the console hypercalls
 * it takes do not depend on the numbers (8 characters per hypercall):
 *   "hypercalls: calls NNNNNNNNNN mmio NNNNNNNNNN version 0xVVVVVVVV\n"
 * (each number the total made, in 10 digits; the version the last call
 * returned, 0 when numbered), and idles, polling for
 * shutdown requests in memory: no exits after the line.
 */
#include <inmate.h>

#define GICD_TYPER	0x0004

void inmate_main(void)
{
	unsigned long calls = cmdline_get_ulong("calls", 0);
	unsigned long mmio = cmdline_get_ulong("mmio", 0);
	unsigned long rounds = cmdline_get_ulong("rounds", 1);
	unsigned long pause_ms = cmdline_get_ulong("pause-ms", 0);
	bool numbered = cmdline_has("numbered");
	unsigned long round, n, made = 0;
	long version = 0;

	for (round = 0; round < rounds; round++) {
		for (n = 0; n < calls; n++) {
			made++;
			version = hypercall(BULKHEAD_HC_GET_INFO,
					    numbered ? made : BULKHEAD_INFO_VERSION, 0);
		}
		for (n = 0; n < mmio; n++)
			(void)mmio_read32(GICD_BASE + GICD_TYPER);
		if (pause_ms)
			idle_ms(pause_ms, SHUTDOWN_APPROVE);
	}
	if (numbered)
		version = 0;
	printk("hypercalls: calls %010lu mmio %010lu version 0x%08lx\n", made, mmio * rounds,
	       (unsigned long)version);
	idle(SHUTDOWN_APPROVE);
}
