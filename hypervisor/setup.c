// SPDX-License-Identifier: GPL-2.0
/*
 * Enable: every online CPU of the root Linux enters here (through the arch
 * entry code, MMU already on). The first CPU checks the config and builds
 * what all share; then each CPU sets itself up; then all agree on success
 * or all go back to Linux with the same error.
 */
#include <bulkhead/config_check.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <bulkhead/header.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <asm/mmu.h>

extern u8 __text_start[], __text_end[], __rodata_end[], __image_end[];
extern struct bulkhead_header hypervisor_header;

const struct bulkhead_config_header *system_config;
struct paging_structure hv_paging;

/* Physical base of hypervisor memory; entry.S reads it on the way out. */
u64 hv_phys_base;
static struct per_cpu *percpu_base;

/* Enable handshake; written with atomics by the entering CPUs. */
/* Counter values of the first CPU's entry, end of shared set-up, all CPUs in. */
static u64 enable_ticks[3];
static unsigned int cpus_entered;
static unsigned int cpus_done;
static int init_state;		/* 0 running, 1 done, < 0 error */
static int cpu_error;

u64 paging_hvirt2phys(const void *virt)
{
	return (u64)virt - HV_VIRT_BASE + hv_phys_base;
}

void *paging_phys2hvirt(u64 phys)
{
	return (void *)(phys - hv_phys_base + HV_VIRT_BASE);
}

u64 enable_time_ns(bool init_only)
{
	u64 ticks = enable_ticks[init_only ? 1 : 2] - enable_ticks[0];

	return ticks * 1000000000ULL / arch_counter_freq();
}

struct per_cpu *per_cpu(unsigned int id)
{
	return &percpu_base[id];
}

static unsigned long config_area_size(void)
{
	return ALIGN_UP(hypervisor_header.config_size, PAGE_SIZE);
}

static int check_header(void)
{
	const struct bulkhead_header *hdr = &hypervisor_header;

	if (hdr->online_cpus == 0 || hdr->online_cpus > hdr->max_cpus ||
	    hdr->max_cpus > BULKHEAD_MAX_CPUS) {
		printk("bulkhead: header: %u CPUs online, %u possible: out of range\n",
		       hdr->online_cpus, hdr->max_cpus);
		return -EINVAL;
	}
	return config_check(system_config, hdr->config_size, BULKHEAD_CONFIG_SYSTEM,
			    BULKHEAD_ARCH_CURRENT);
}

/* Pool: whatever follows the image, the config and the per-CPU areas. */
static int pool_init(void)
{
	const struct bulkhead_mem_region *hv_mem = &system_desc()->hypervisor_memory;
	unsigned long used = hypervisor_header.core_size + config_area_size() +
			     hypervisor_header.max_cpus * sizeof(struct per_cpu);

	if (hv_mem->phys_start != hv_phys_base || used >= hv_mem->size) {
		printk("bulkhead: hypervisor memory 0x%llx+0x%llx cannot hold the %lu bytes needed\n",
		       hv_mem->phys_start, hv_mem->size, used);
		return -ENOMEM;
	}
	return page_pool_init(&mem_pool, (u8 *)HV_VIRT_BASE + used, hv_mem->size - used);
}

/* W^X mappings of the image; config, per-CPU areas and pool read-write, not executable. */
/* Our own tables are live once the first CPU runs on them. */
static void flush_hv_tlb(void *unused)
{
	arch_flush_hv_tlb();
}

static int hv_paging_init(void)
{
	u64 text = (u64)__text_start, rodata = (u64)__text_end, data = (u64)__rodata_end;
	u64 size = system_desc()->hypervisor_memory.size;
	unsigned int id;
	int err;

	err = paging_create(&hv_paging, &hv_paging_format);
	hv_paging.flush_tlb = flush_hv_tlb;
	err = err ?: paging_map(&hv_paging, HV_VIRT_BASE, hv_phys_base, text - HV_VIRT_BASE,
				PAGING_READ | PAGING_WRITE);
	err = err ?: paging_map(&hv_paging, text, paging_hvirt2phys(__text_start), rodata - text,
				PAGING_READ | PAGING_EXECUTE);
	err = err ?: paging_map(&hv_paging, rodata, paging_hvirt2phys(__text_end), data - rodata,
				PAGING_READ);
	err = err ?: paging_map(&hv_paging, data, paging_hvirt2phys(__rodata_end),
				HV_VIRT_BASE + size - data, PAGING_READ | PAGING_WRITE);
	/* The code that turns the MMU off runs from its physical address. */
	err = err ?: paging_map(&hv_paging, paging_hvirt2phys(__text_start),
				paging_hvirt2phys(__text_start), rodata - text,
				PAGING_READ | PAGING_EXECUTE);
	/* A stack that overflows faults on its guard page. */
	for (id = 0; id < hypervisor_header.max_cpus && !err; id++)
		err = paging_unmap(&hv_paging, (u64)per_cpu(id)->stack_guard, PAGE_SIZE);
	return err;
}

/*
 * The driver does not clear hypervisor memory between runs: every CPU's
 * state, locks and counters start from zero here, while the other CPUs
 * wait. Their arch part (saved EL2 state, boot tables) and their stacks,
 * in use already, are left alone.
 */
static void clear_percpu(void)
{
	size_t start = offsetof(struct per_cpu, id), end = offsetof(struct per_cpu, stack_guard);
	unsigned int id;

	for (id = 0; id < hypervisor_header.max_cpus; id++)
		memset((u8 *)per_cpu(id) + start, 0, end - start);
}

static int init_early(u64 hv_phys)
{
	int err;

	hv_phys_base = hv_phys;
	system_config = (void *)(HV_VIRT_BASE + hypervisor_header.core_size);
	percpu_base = (void *)((u8 *)system_config + config_area_size());
	printk("\nBulkhead hypervisor %u.%u.%u starting on %u CPUs\n",
	       BULKHEAD_VERSION_MAJOR(hypervisor_header.hv_version),
	       BULKHEAD_VERSION_MINOR(hypervisor_header.hv_version),
	       BULKHEAD_VERSION_PATCH(hypervisor_header.hv_version), hypervisor_header.online_cpus);

	err = check_header();
	if (!err)
		clear_percpu();
	err = err ?: pool_init();
	err = err ?: hv_paging_init();
	err = err ?: arch_init_early();
	err = err ?: event_init();
	err = err ?: root_cell_init();
	if (err)
		printk("bulkhead: enable failed (error %d)\n", err);
	return err;
}

/* Waits in wfe, not a busy loop: on an emulator a spinning CPU holds up the others. */
static void wait_for(unsigned int *counter, unsigned int value)
{
	while (__atomic_load_n(counter, __ATOMIC_ACQUIRE) < value)
		cpu_wait();
}

/*
 * Called by the arch entry code on each entering CPU, MMU on, on its own
 * stack. Returns 0 (the CPU now runs Linux as the root cell) or an error
 * that every CPU returns alike.
 */
int hypervisor_entry(unsigned int cpu_id, u64 hv_phys, struct per_cpu *cpu)
{
	int state, err;

	bool first = __atomic_fetch_add(&cpus_entered, 1, __ATOMIC_ACQ_REL) == 0;

	if (first) {
		enable_ticks[0] = arch_counter();
		state = init_early(hv_phys) ?: 1;
		enable_ticks[1] = arch_counter();
		__atomic_store_n(&init_state, state, __ATOMIC_RELEASE);
		cpu_wake_waiters();
	}
	while ((state = __atomic_load_n(&init_state, __ATOMIC_ACQUIRE)) == 0)
		cpu_wait();

	err = state < 0 ? state : 0;
	if (!err) {
		cpu->id = cpu_id;
		cpu->cell = &root_cell;
		cpu->state = BULKHEAD_CPU_RUNNING;
		err = arch_cpu_init(cpu);
		if (err)
			__atomic_store_n(&cpu_error, err, __ATOMIC_RELEASE);
	}
	__atomic_fetch_add(&cpus_done, 1, __ATOMIC_ACQ_REL);
	cpu_wake_waiters();
	wait_for(&cpus_done, hypervisor_header.online_cpus);
	if (first)
		enable_ticks[2] = arch_counter();

	err = err ?: __atomic_load_n(&cpu_error, __ATOMIC_ACQUIRE);
	if (err)
		return err;
	cpu->mode = arch_cpu_mode();
	printk("bulkhead: CPU %u: %s, root cell \"%s\" under stage 2\n", cpu_id,
	       bulkhead_cpu_level_name(cpu->mode), root_cell.name);
	return 0;
}
