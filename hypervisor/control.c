// SPDX-License-Identifier: GPL-2.0
/*
 * Cell control: the root cell built from the system config, and the way
 * out of the hypervisor.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/header.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>

extern struct bulkhead_console_ring console_ring;

struct cell root_cell;

/* Disable handshake: CPUs that have called in, and parked CPUs that have left. */
static unsigned int cpus_leaving;
static unsigned int parked_left;
volatile bool hypervisor_leaving;

static unsigned int cpu_count(u64 set)
{
	return (unsigned int)__builtin_popcountll(set);
}

/* The root's stage 2 changes while Linux runs on it (paging_structure.flush_tlb). */
static void flush_root_tlb(void *cell)
{
	arch_cell_flush_tlb(cell);
}

int root_cell_init(void)
{
	const struct bulkhead_cell *config = bulkhead_config_cell(system_config);
	u64 ring = paging_hvirt2phys(&console_ring);
	const struct config_arch *arch;
	unsigned int n;
	int err;

	root_cell.id = 0;
	root_cell.config = config;
	root_cell.cpu_set = config->cpu_set;
	root_cell.state = BULKHEAD_CELL_STATE_RUNNING;
	root_cell.console = &console_ring;
	memcpy(root_cell.name, config->name, sizeof(root_cell.name));
	if (cpu_count(config->cpu_set) != hypervisor_header.online_cpus) {
		printk("bulkhead: root cell \"%s\" lists %u CPUs but %u are online\n",
		       root_cell.name, cpu_count(config->cpu_set), hypervisor_header.online_cpus);
		return -EINVAL;
	}

	/* Every interrupt source is the root's until a cell takes it. */
	arch = config_arch_find(BULKHEAD_ARCH_CURRENT);
	for (n = arch->irq_first; n <= arch->irq_last; n++)
		cell_take_irq(&root_cell, n);

	err = paging_create(&root_cell.stage2, &cell_paging_format);
	root_cell.stage2.flush_tlb = flush_root_tlb;
	root_cell.stage2.flush_ctx = &root_cell;
	err = err ?: cell_map_regions(&root_cell);
	err = err ?: channels_root_init();
	err = err ?: arch_cell_create(&root_cell);
	/* The console ring is the one piece of our memory the root may read. */
	err = err ?: paging_map(&root_cell.stage2, ring, ring, hypervisor_header.console_size,
				PAGING_READ);
	if (err) {
		printk("bulkhead: out of memory building the root cell's stage 2\n");
		paging_destroy(&root_cell.stage2);
	}
	return err;
}

static unsigned int count_cpus(unsigned int state)
{
	unsigned int cpu, n = 0;

	for_each_cpu(cpu, root_cell.cpu_set)
		if (per_cpu(cpu)->state == state)
			n++;
	return n;
}

void cpu_set_wake(struct per_cpu *cpu, u64 entry, u64 arg)
{
	spin_lock(&cpu->wake_lock);
	cpu->wake_entry = entry;
	cpu->wake_arg = arg;
	cpu->wake_pending = true;
	spin_unlock(&cpu->wake_lock);
}

bool cpu_claim_wake(struct per_cpu *cpu)
{
	bool woken;

	spin_lock(&cpu->wake_lock);
	woken = cpu->wake_pending;
	if (woken) {
		cpu->wake_pending = false;
		cpu->stop_request = 0;
		cpu->state = BULKHEAD_CPU_RUNNING;
	}
	spin_unlock(&cpu->wake_lock);
	return woken;
}

/* Called by parked CPUs when they see hypervisor_leaving. */
void hypervisor_parked_cpu_leaves(void)
{
	__atomic_fetch_add(&parked_left, 1, __ATOMIC_ACQ_REL);
}

long hypervisor_disable(struct per_cpu *cpu)
{
	unsigned int running = count_cpus(BULKHEAD_CPU_RUNNING);
	unsigned int parked = count_cpus(BULKHEAD_CPU_PARKED);

	/* Checked by the driver first; every CPU sees the same count here. */
	if (cell_count() > 1) {
		printk("bulkhead: cannot disable while %u cells exist; destroy them first\n",
		       cell_count() - 1);
		return -EBUSY;
	}
	if (parked && !arch_parked_cpus_can_leave()) {
		printk("bulkhead: cannot disable while %u root CPUs are stopped (an INIT without "
		       "its STARTUP); bring them online first\n", parked);
		return -EBUSY;
	}
	if (__atomic_add_fetch(&cpus_leaving, 1, __ATOMIC_ACQ_REL) == running) {
		printk("bulkhead: disabling, handing %u CPUs back to Linux\n", running);
		hypervisor_leaving = true;
		cpu_wake_waiters();
	}
	while (!hypervisor_leaving || __atomic_load_n(&parked_left, __ATOMIC_ACQUIRE) < parked)
		cpu_wait();
	arch_cpu_return_to_linux(cpu, 0);
}

/*
 * Nothing the hypervisor guards can be trusted after one of its own bugs:
 * the report goes out without a lock, then the machine is powered off,
 * which is what a board's watchdog or its operator can act on. Should the
 * firmware not power off, this CPU stays stopped.
 */
void __noreturn panic_stop(const char *reason)
{
	panic_printk("bulkhead: FATAL on CPU %u: %s; powering the machine off\n", this_cpu()->id,
		     reason);
	arch_system_power(false);
	for (;;)
		cpu_halt();
}
