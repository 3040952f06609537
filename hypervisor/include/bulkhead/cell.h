/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells: what the hypervisor keeps of each (struct cell) and the cell
 * manager's functions (cell.c, cell_check.c), for the hypercalls, the
 * arch code and the subsystems that act on cells.
 */
#ifndef _BULKHEAD_CELL_H
#define _BULKHEAD_CELL_H

#include <bulkhead/types.h>
#include <bulkhead/paging.h>
#include <bulkhead/percpu.h>
#include <asm/cell.h>
#include <asm/spinlock.h>

#include <bulkhead/config.h>
#include <bulkhead/config_arch.h>
#include <bulkhead/boot.h>
#include <bulkhead/channel.h>
#include <bulkhead/event.h>
#include <bulkhead/health.h>
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
 * For the parked calling @cpu: true once it has claimed its wake-up (it
 * runs again, any stop asked for on its way to park done with); the cell
 * manager may have cancelled it. Only the CPU's own wake lock: its cell
 * may be destroyed meanwhile.
 */
bool cpu_claim_wake(struct per_cpu *cpu);

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

#endif /* !_BULKHEAD_CELL_H */
