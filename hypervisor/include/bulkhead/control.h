/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells and the hooks the arch-neutral core expects from each architecture.
 * Every arch_* function is declared and documented here, once.
 */
#ifndef _BULKHEAD_CONTROL_H
#define _BULKHEAD_CONTROL_H

#include <bulkhead/types.h>
#include <bulkhead/paging.h>
#include <bulkhead/percpu.h>
#include <asm/cell.h>
#include <asm/processor.h>
#include <asm/spinlock.h>

#include <bulkhead/config.h>
#include <bulkhead/config_arch.h>
#include <bulkhead/boot.h>
#include <bulkhead/event.h>
#include <bulkhead/health.h>
#include <bulkhead/header.h>
#include <bulkhead/inmate.h>
#include <bulkhead/mmio.h>
#include <bulkhead/update.h>
#include <bulkhead/vdev.h>

struct trap_frame;

/* The first fault that failed a cell, for the root to read (BULKHEAD_CELL_INFO_FAULT*). */
struct cell_fault {
	unsigned int reason;		/* BULKHEAD_FAULT_* */
	unsigned int cpu;
	u64 addr;
	u64 pc;
	u64 detail;
};

struct cell;

/*
 * One side of an inter-cell channel (channel.c). Slot n of a cell is the
 * config's channel n.
 */
struct channel_end {
	const struct bulkhead_channel *desc;
	struct cell *cell;
	/* The peer's side while both cells exist; changes under channel_lock. */
	struct channel_end *peer;
	/* Cell<->cell channels: this side took the memory from the root. */
	bool holds_memory;
	/*
	 * The root's sides: its doorbell is raised once, then again only after
	 * the root has read its counts (BULKHEAD_HC_CHANNEL_GET_INFO).
	 */
	bool armed;
	u32 rights;			/* BULKHEAD_CHANNEL_RIGHT_* */
	u64 rings_sent;
	u64 rings_received;
	u64 peer_events;
};

struct cell {
	unsigned int id;
	char name[BULKHEAD_CELL_NAME_LEN];
	u64 cpu_set;
	/* Points into the hypervisor's own, validated copy of the config. */
	const struct bulkhead_cell *config;
	/* Second-stage translation of the cell's memory. */
	struct paging_structure stage2;
	/* Guards the cell's CPU states, state, fault, failed_cpus and restarts. */
	spinlock_t lock;
	unsigned int state;		/* BULKHEAD_CELL_STATE_* */
	u64 failed_cpus;
	/* Restarts it made itself (PSCI SYSTEM_RESET), since create. */
	u64 restarts;
	/* Counted by event_post() under the event lock, since create. */
	u64 watchdog_expiries;
	u64 faults;
	u64 rollbacks;
	u64 updates;
	struct cell_fault fault;
	/* Emulated devices; fixed while the cell exists. */
	struct mmio_region mmio[MMIO_MAX_REGIONS];
	unsigned int num_mmio;
	struct cell_vdevs vdevs;
	/*
	 * Interrupt sources it owns (bulkhead/config_arch.h; for the root:
	 * every source no other cell owns): cell_owns_irq(), cell_take_irq().
	 */
	u32 irq_bitmap[CONFIG_MAX_IRQ_SOURCES / 32];
	/* Its console ring, mapped read-only into the root. */
	struct bulkhead_console_ring *console;
	struct arch_cell arch;
	spinlock_t console_lock;
	/*
	 * What it may still print on the hypervisor console in the current
	 * second (cell_report()), and what it could not; under report_lock.
	 */
	spinlock_t report_lock;
	u64 report_window;
	unsigned int report_budget;
	unsigned int window_suppressed;
	u64 reports_suppressed;
	/* Non-root cells: */
	struct bulkhead_comm_region *comm;
	/* The pages holding its config (config points into them). */
	void *config_base;
	unsigned int config_pages;
	/* The loadable regions are mapped into the root (until start). */
	bool loadable;
	/*
	 * How it starts and restarts: validated BULKHEAD_HC_CELL_SET_BOOT
	 * parameters, or, until they come, the config's entry with x0 = its
	 * communication region and no segments. Reset at every load.
	 */
	struct bulkhead_boot_params boot;
	/*
	 * Its BULKHEAD_MEM_IMAGE_STORE region, or NULL: no one maps it while
	 * the cell exists. Each start copies the boot segments there, one
	 * after the other (image_store_offset()); each restart copies them back.
	 */
	const struct bulkhead_mem_region *store;
	/* Where in the store the images it runs and restarts from lie (0 but after updates). */
	u64 images_offset;
	struct cell_update update;
	/* Its deadlines, watchdog and failure policy (health.c). */
	struct cell_health health;
	/* A shutdown request is posted; stop it anyway at this counter value. */
	bool shutdown_pending;
	u64 shutdown_deadline;
	struct channel_end channels[BULKHEAD_MAX_CHANNELS];
	/* The state its channel peers were last told about (BULKHEAD_PEER_*). */
	unsigned int announced_state;
	/* BULKHEAD_TRACE_CLASS_* its CPUs record; under manager_lock and trace_lock. */
	u32 trace_mask;
};

/* True if @cell owns interrupt source @irq (any number: past the bitmap none does). */
static inline bool cell_owns_irq(const struct cell *cell, unsigned int irq)
{
	return irq < CONFIG_MAX_IRQ_SOURCES && (cell->irq_bitmap[irq / 32] & (1U << (irq % 32)));
}

/* @cell owns interrupt source @irq, which the validator held to the arch's range. */
static inline void cell_take_irq(struct cell *cell, unsigned int irq)
{
	cell->irq_bitmap[irq / 32] |= 1U << (irq % 32);
}

/* The root cell: the Linux that enabled us. Lives as long as we do. */
extern struct cell root_cell;
extern struct bulkhead_header hypervisor_header;
/* Validated copy of the system config, in hypervisor memory. */
extern const struct bulkhead_config_header *system_config;
/* The hypervisor's own page tables. */
extern struct paging_structure hv_paging;

static inline const struct bulkhead_system *system_desc(void)
{
	return bulkhead_config_system(system_config);
}

#define for_each_cpu(cpu, set)						\
	for ((cpu) = 0; (cpu) < BULKHEAD_MAX_CPUS; (cpu)++)		\
		if ((set) & (1ULL << (cpu)))

/** The last enable's duration inside the hypervisor: shared set-up only, or until all CPUs were in. */
u64 enable_time_ns(bool init_only);

/** Builds the root cell from the system config (stage 2 included). */
int root_cell_init(void);

/** Leaves the hypervisor on every CPU; called by each root CPU via hypercall. */
long hypervisor_disable(struct per_cpu *cpu);

/** Hypercall dispatcher: @code and arguments as the cell passed them. */
long hypercall(struct per_cpu *cpu, unsigned long code, unsigned long arg1, unsigned long arg2);

/*
 * Cell management (cell.c), for the root cell's hypercalls. Each returns 0
 * or a negative errno and changes nothing on failure. Ids and types come
 * as the caller passed them, never narrowed: 0x100000001 is no cell.
 */
long cell_create(u64 config_addr, u64 size);
/* Every check cell_create() makes but that its CPUs are parked; creates nothing. */
long cell_check(u64 config_addr, u64 size);
long cell_set_loadable(unsigned long id);
/* @params_addr: a struct bulkhead_boot_params in root RAM (BULKHEAD_HC_CELL_SET_BOOT). */
long cell_set_boot(unsigned long id, u64 params_addr);
long cell_start(unsigned long id);
long cell_shutdown(unsigned long id);
long cell_destroy(unsigned long id);
long cell_get_info(struct per_cpu *caller, unsigned long id, unsigned long type);
/** Types @count (1-8) bytes of @bytes, first lowest, into the cell's emulated UART. */
long cell_console_input(unsigned long id, unsigned long count, unsigned long bytes);
/* @which: (cell id << 16) | channel index, as BULKHEAD_HC_CHANNEL_GET_INFO takes it. */
long cell_channel_get_info(struct per_cpu *caller, unsigned long which, unsigned long type);
unsigned int cell_count(void);
/** BULKHEAD_HC_CELL_UPDATE: operation @op (BULKHEAD_UPDATE_*) with @arg on cell @id. */
long cell_update(unsigned long id, unsigned int op, u64 arg);
/** Bytes of memory scrubbed as it changed owner, and the time it took, since enable. */
void cell_scrub_stats(u64 *bytes, u64 *ns);

/**
 * Copies @size bytes from @src to the root's RAM at @addr (its IPA,
 * identity-mapped), if all of it is plain root RAM; -EINVAL, with @what
 * named on the console, if not. Takes the manager lock.
 */
long cell_copy_to_root(u64 addr, const void *src, u64 size, const char *what);

/** The cell with @id (0: the root), or NULL. Callers hold manager_lock or are the cell. */
struct cell *cell_by_id(unsigned long id);
/** The cell named @name (the root included), or NULL; under manager_lock. */
struct cell *cell_by_name(const char *name);
/**
 * The region of @cell that holds all of [addr, addr + size) where the cell
 * sees it and has every flag of @flags; never a device or the image store.
 * NULL if none does (also if the range wraps). In cell_check.c.
 */
const struct bulkhead_mem_region *cell_region_seen_at(const struct cell *cell, u64 addr,
							u64 size, u32 flags);

/* Lines a cell may cause on the hypervisor console per second (cell_report()). */
#define CELL_REPORTS_PER_SECOND	10

/*
 * Channels (channel.c); see there for the life of a channel. The manager
 * calls them under manager_lock, but for channels_root_init() (at enable),
 * channels_announce() (also from a cell's CPU on a fault, reset or power
 * off) and the hypercalls.
 */
/** Sets up the root's sides at enable: rights, read-only mappings. */
int channels_root_init(void);
/** Checks @cell's channels against the system policy, before anything else of it. */
int channels_check_policy(const struct cell *cell);
/** Checks @cell's channels against peers and memory; claims doorbells. */
int channels_check(struct cell *cell);
/** Maps @cell's channel memory into its stage 2. */
int channels_map(struct cell *cell);
/** Connects a newly created @cell to the peers that exist; fills its comm region. */
void channels_connect(struct cell *cell);
/** (Re)writes @cell's channel table and peer states in its communication region. */
void channels_fill_comm(struct cell *cell);
/** The root channel that takes doorbells on interrupt source @irq, or NULL: no cell may own it. */
const char *root_doorbell_channel(unsigned int irq);
/** Disconnects @cell (being destroyed); its peers keep the memory if they hold it. */
void channels_disconnect(struct cell *cell);
/** Tells @cell's peers when its state changed since they last heard. */
void channels_announce(struct cell *cell);
/** Name of the channel whose memory touches [phys, phys + size), or NULL. */
const char *channel_memory_user(u64 phys, u64 size, const struct cell *except);
/** BULKHEAD_HC_CHANNEL_RING and BULKHEAD_HC_CHANNEL_GET_INFO. */
long channel_ring(struct per_cpu *cpu, unsigned long index);
long channel_info(struct cell *cell, unsigned int index, unsigned int type);
/** The cell id and channel index of the other side of @cell's channel @index; false if none. */
bool channel_peer(const struct cell *cell, unsigned long index, unsigned int *peer_id,
		  unsigned int *peer_index);

/**
 * Cleans and invalidates @cell's memory from the caches, by address, for a
 * CPU of its own; false if the cell manager is busy (try again later).
 */
bool cell_clean_caches(const struct cell *cell);

/**
 * Copies @what (a cell config, boot parameters) that the root passed at
 * @addr (its IPA, identity-mapped) into @dst; -EINVAL if that is not the
 * root's RAM. Under the manager lock (the copy window is its).
 */
int copy_from_root(void *dst, u64 addr, u64 size, const char *what);

/**
 * Cleans [offset, offset + size) of @cell's image store from the caches,
 * or with @scrub zeroes it; page-aligned. Under the manager lock.
 */
void cell_store_clean(const struct cell *cell, u64 offset, u64 size, bool scrub);

/**
 * Runs @cell from its image store: stops it, scrubs its RAM but the store,
 * copies the boot segments from the store at cell->images_offset and starts
 * its first CPU at the boot entry. Under the manager lock.
 */
int cell_run_images(struct cell *cell);

/** Maps @cell's config regions into its stage 2. */
int cell_map_regions(struct cell *cell);

/**
 * Stops the calling CPU of a non-root cell for good (until the cell is shut
 * down or destroyed) and marks the cell failed; reported on the hypervisor
 * console and the cell's own. Takes effect when the exit ends.
 */
void cell_fail_cpu(struct per_cpu *cpu, unsigned int reason, u64 addr, u64 pc, u64 detail);

/** The calling CPU's cell powers itself off (PSCI SYSTEM_OFF): all its CPUs stop. */
void cell_stop_self(struct per_cpu *cpu);

/**
 * The calling CPU's cell restarts, on this CPU: its other CPUs stop, a cell
 * with an image store gets its RAM scrubbed and its boot segments copied
 * back, and the caller starts over at the boot entry (wake_entry/wake_arg).
 * @cause BULKHEAD_RESTART_REQUEST: the running cell asked (PSCI
 * SYSTEM_RESET); otherwise its failure policy restarts the failed cell from
 * its parked timer CPU (health.c). False if the cell is being stopped
 * anyway, or its images could not be put back; then the caller stays or
 * becomes stopped. @cause BULKHEAD_RESTART_POWER_OFF: the running cell
 * powered itself off while new images were on probation (update.c); on
 * probation, a restart runs the previous images instead.
 */
bool cell_restart(struct per_cpu *cpu, unsigned int cause);

/**
 * Marks @cell failed and asks all its running CPUs, the caller's included,
 * to stop (its failure policy); a CPU that faulted stays failed; its
 * deadlines are off. False if the root is shutting it down already.
 */
bool cell_stop_failed(struct cell *cell);

/**
 * Lets parked @cpu resume at @entry with @arg as first argument. Callers
 * hold its cell's lock (the cell is running); the CPU's wake lock orders
 * this against the CPU claiming it and the manager cancelling it.
 */
void cpu_set_wake(struct per_cpu *cpu, u64 entry, u64 arg);

/**
 * If all of [phys, phys + size) is RAM of the root's config that no cell and
 * no channel holds (where the root may point a device's tables), calls
 * @commit(@arg) and returns true. Both happen under the manager lock, so no
 * cell can take that memory between the check and the commit.
 */
bool cell_root_ram_commit(u64 phys, u64 size, void (*commit)(void *arg), void *arg);

/**
 * Holds the manager lock, for other subsystems that change the root's
 * stage 2 or look at every cell (trace.c): what cell.c's callers hold.
 */
void cell_manager_lock(void);
void cell_manager_unlock(void);

/**
 * True if the root's stage 2 maps @ipa now: a translation fault there came
 * from the break-before-make window of a change, and the access is retried.
 */
bool cell_root_maps(u64 ipa);

/**
 * Reports an event @cell caused (a fault, a reset, a refused access): to its
 * own console, and to the hypervisor's at most CELL_REPORTS_PER_SECOND times
 * a second per cell, so that no cell can drown what others print there. The
 * root's reports go to the hypervisor console unlimited.
 */
void cell_report(struct cell *cell, const char *fmt, ...) __printf(2, 3);

/** Appends @len bytes to @cell's console ring (the hypervisor's own for the root). */
void cell_console_write(struct cell *cell, const char *text, size_t len);

/*
 * Guards the hypervisor's console ring and the debug UART (console_write(),
 * console.c); the reports on the way to a stop never take it.
 */
extern spinlock_t console_lock;

/** Appends to @ring under @lock, as console_write() does for the hypervisor console. */
void console_ring_write(struct bulkhead_console_ring *ring, spinlock_t *lock, const char *text,
			size_t len);

/**
 * Parks the calling CPU in @state (BULKHEAD_CPU_PARKED or _FAILED) until it
 * is woken with wake_entry/wake_arg set, then lets the arch reset it into
 * its (possibly new) cell. Called at the end of an exit.
 */
void cpu_stop(struct per_cpu *cpu, unsigned int state, struct trap_frame *frame);

/**
 * Test images only (TEST_FAULTS=1, test-faults.c): takes the exception at
 * EL2 that @kind (BULKHEAD_TEST_FAULT_*) names; returns -EINVAL for others.
 */
long test_fault(struct per_cpu *cpu, unsigned long kind);

/** Stops the calling CPU for good after a hypervisor bug; prints @reason. */
void __noreturn panic_stop(const char *reason);

/*
 * Arch hooks.
 */

/** Once, on the first CPU, before any arch_cpu_init(): map devices, probe features. */
int arch_init_early(void);

/** On each CPU: install the run-time vectors and put the root under stage 2. */
int arch_cpu_init(struct per_cpu *cpu);

/**
 * The arch's share of building the root cell (at enable) or another cell
 * (create), e.g. the interrupt controller's emulation and ownership. The
 * cell's CPUs are already its own. 0 or a negative errno; after a failure
 * the caller undoes it with arch_cell_destroy().
 */
int arch_cell_create(struct cell *cell);

/** Undoes arch_cell_create() for a non-root cell whose CPUs are all stopped. */
void arch_cell_destroy(struct cell *cell);

/**
 * Interrupt sources (bulkhead/config_arch.h) below this exist on the
 * machine (arm64: the GIC's INTIDs); 0 if cells can be given none.
 */
unsigned int arch_num_irqs(void);

/**
 * Makes interrupt source @intid pending for the cell that owns it: a channel
 * doorbell, or the root's event interrupt (arm64: an SPI made pending).
 */
void arch_irq_raise(unsigned int intid);

/**
 * The interrupt output of one of @cell's emulated devices, whose interrupt
 * is @intid (its config's bulkhead_vdevice.irq), is now at @level. The
 * interrupt is purely virtual and served like any of the cell's interrupts:
 * a level-sensitive one is pending while the line is high, an edge-triggered
 * one on each rising edge. Any CPU may call it, with @cell existing; an
 * @intid that is none of the cell's devices' is ignored.
 */
void arch_virtual_irq_set(struct cell *cell, unsigned int intid, bool level);

/** True if [phys, phys + size) touches a device the hypervisor keeps (GIC, ITS). */
bool arch_reserved_device(u64 phys, u64 size);

/**
 * True if [phys, phys + size) holds a table the root set its interrupt
 * controller to write (GICv3: LPI and ITS tables); no cell may take it.
 * Called with the manager lock held.
 */
bool arch_root_device_tables(u64 phys, u64 size);

/** A non-root cell stopped: its interrupts go quiet (disabled, nothing pending). */
void arch_cell_stopped(struct cell *cell);

/** Turns on @cell's second-stage translation on the calling CPU. */
void arch_cell_activate(struct cell *cell);

/** Invalidates second-stage TLB entries of @cell on all CPUs. */
void arch_cell_flush_tlb(struct cell *cell);

/** Invalidates the hypervisor's own TLB entries on all CPUs. */
void arch_flush_hv_tlb(void);

/**
 * Switches the calling CPU's exits to the traced path (@traced) or back
 * to the plain one, which has no trace code at all (bulkhead/tracing.h).
 * The traced path calls trace_exit_begin() and trace_exit_end() around the
 * normal handlers. Called by trace.c under trace_lock.
 */
void arch_trace_vectors(bool traced);

/** Makes @cpu (running a cell) exit to the hypervisor soon: an IPI. */
void arch_cpu_kick(struct per_cpu *cpu);

/**
 * Resets the calling CPU to start in its cell at cpu->wake_entry with
 * cpu->wake_arg as first argument, as a firmware would after CPU_ON:
 * EL1, MMU off, registers cleared, the cell's traps and stage 2 in place,
 * and its cell's trace mask taken up (trace_cpu_sync()).
 */
void arch_cpu_reset(struct per_cpu *cpu, struct trap_frame *frame);

/** Where the guest was when the current exit happened (its pc). */
u64 arch_exit_pc(void);

/** Cleans and invalidates the data cache over a range, to the point of coherency. */
void arch_dcache_flush(const void *addr, size_t size);

/**
 * Invalidates every CPU's instruction caches, after code was written
 * through the data side (a cell's images put back for a restart).
 */
void arch_icache_invalidate(void);

/**
 * Zeroes a page-aligned range of whole pages and pushes the zeroes to the
 * point of coherency, so that the next owner reads zeroes with its caches
 * on or off.
 */
void arch_scrub_memory(void *addr, size_t size);

/**
 * Programs the calling CPU's EL2 timer to interrupt at counter value @when
 * (arch_counter()), 0: off. The timer and its interrupt are the
 * hypervisor's alone, never seen by a cell: on a non-root cell's CPU the
 * interrupt ends the exit it causes with health_exit(); a parked CPU sees
 * the deadline pass in its loop (health_parked()).
 */
void arch_timer_set(u64 when);

/** Free-running counter and its frequency (Hz), for timeouts. */
u64 arch_counter(void);
u64 arch_counter_freq(void);

/**
 * Hands the calling CPU back to Linux: EL2 as the kernel's stub left it,
 * the MMU off, the caller's hypercall returning @result. Does not return.
 */
void __noreturn arch_cpu_return_to_linux(struct per_cpu *cpu, long result);

/**
 * Parks the calling CPU in @state until another CPU wakes it (PSCI CPU_ON,
 * cell start), or hands it back to the firmware if the hypervisor leaves.
 * First it ends its open traced exit and drops its trace mask (trace_cpu_stop()).
 */
void arch_cpu_park(struct per_cpu *cpu, unsigned int state);

/** Reads the calling CPU's live privilege state as BULKHEAD_CPU_MODE_* bits. */
unsigned int arch_cpu_mode(void);

/** Writes @text to the debug UART, if the system config names one. */
void arch_dbg_write(const char *text, size_t len);

/** Powers the machine off (or resets it) on behalf of the root cell. */
void arch_system_power(bool reset);

#endif /* !_BULKHEAD_CONTROL_H */
