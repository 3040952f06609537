// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hello demo: greets, shows its command line, then counts.
 *
 * Command line (all optional):
 *   count=N          stop counting after N steps (default 0: count forever)
 *   interval-ms=N    time between steps (default 100)
 *   deny-shutdown    answer shutdown requests with "denied"
 *   ignore-shutdown  never answer shutdown requests
 *   uart=0xADDR      also print on the PL011 at ADDR
 */
#include <inmate.h>

void inmate_main(void)
{
	struct bulkhead_comm_region *comm = comm_region();
	enum shutdown_policy policy = shutdown_policy_from_cmdline();
	unsigned long count = cmdline_get_ulong("count", 0);
	unsigned long interval = cmdline_get_ulong("interval-ms", 100);
	unsigned long n;

	printk("Hello from cell %.*s (id %u), CPU %lu, timer %lu Hz\n",
	       comm ? (int)sizeof(comm->cell_name) : 1, comm ? comm->cell_name : "?",
	       comm ? comm->cell_id : 0, this_cpu_mpidr() & 0xff, timer_frequency());
	printk("command line: \"%s\"\n", cmdline());
	printk("booted at counter %lu\n", inmate_boot_ticks);

	for (n = 1; !count || n <= count; n++) {
		printk("count %lu\n", n);
		idle_ms(interval, policy);
	}
	printk("done\n");
	idle(policy);
}
