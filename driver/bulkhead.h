/* SPDX-License-Identifier: GPL-2.0 */
/* Bulkhead driver internals shared by its files. */
#ifndef _BULKHEAD_DRIVER_H
#define _BULKHEAD_DRIVER_H

#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <bulkhead/config.h>
#include <bulkhead/header.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

#include "arch.h"
#include "channel-dev.h"

struct bulkhead_state {
	/* Serializes enable, disable and everything that reads the fields below. */
	struct mutex lock;
	bool enabled;
	u64 hv_phys;
	u64 hv_size;
	struct resource *hv_region;
	/* The hypervisor's console ring, mapped read-only for us by stage 2. */
	const struct bulkhead_console_ring *console;
	char root_name[BULKHEAD_CELL_NAME_LEN];
	u64 root_cpus;
	struct device *dev;
};

extern struct bulkhead_state bulkhead;

struct cell_kobj;

/* A cell besides the root, as the driver tracks it (cell.c). */
struct bulkhead_cell_dev {
	struct list_head node;
	unsigned int id;
	char name[BULKHEAD_CELL_NAME_LEN];
	/* The config as handed to the hypervisor (kmalloc: physically contiguous). */
	void *config;
	u32 config_size;
	const struct bulkhead_cell *desc;
	/* CPUs we took offline for it and devices whose drivers we unbound. */
	struct cpumask offlined;
	struct list_head unbound;
	/* Its interrupts (INTIDs) that a Linux driver held: disabled in Linux meanwhile. */
	DECLARE_BITMAP(quiesced, BULKHEAD_IRQ_SPI_LAST + 1);
	/* Its console ring, mapped read-only for us by stage 2. */
	const struct bulkhead_console_ring *console;
	struct cell_kobj *kobj;
	/* Its classes the hypervisor traces (BULKHEAD_TRACE_CLASS_*). */
	u32 trace_mask;
};

int bulkhead_enable(const void __user *config, u32 size);
int bulkhead_disable(void);
int bulkhead_get_status(struct bulkhead_status *status);
ssize_t bulkhead_console_read(char __user *buf, size_t count, loff_t *pos);
ssize_t bulkhead_ring_read(const struct bulkhead_console_ring *ring, char __user *buf,
			   size_t count, u64 *pos);
int bulkhead_check_config(const struct bulkhead_config_header *cfg, u32 size, unsigned int kind);

int bulkhead_cell_create(const void __user *config, u32 size);
int bulkhead_cell_load(const struct bulkhead_cell_load_args *args);
int bulkhead_cell_set_boot(const struct bulkhead_cell_boot_args *args);
int bulkhead_cell_start(unsigned int id);
/* The cell with @id, or NULL after logging that there is none; under bulkhead.lock. */
struct bulkhead_cell_dev *find_cell_or_complain(unsigned int id);
/* A hypercall about a cell; a refusal is logged as "@what refused by the hypervisor". */
long cell_hypercall(const char *what, unsigned long code, unsigned long arg1, unsigned long arg2);
/* update.c */
int bulkhead_cell_update(const struct bulkhead_cell_update_args *args);
int bulkhead_cell_update_status(struct bulkhead_update_status *status);
int bulkhead_cell_shutdown(unsigned int id);
int bulkhead_cell_destroy(unsigned int id);
int bulkhead_cell_console(struct bulkhead_console_read_args *args);
long bulkhead_cell_console_input(const struct bulkhead_console_input_args *args);
bool bulkhead_have_cells(void);
bool bulkhead_linux_ram(u64 start, u64 size);
/* Whether @res is MMIO that overlaps [@start, @start + @size). */
bool bulkhead_resource_overlaps(const struct resource *res, u64 start, u64 size);
int bulkhead_check_channel_memory(const struct bulkhead_cell *desc, const char *except_peer);

/*
 * The root cell's channel devices (channel.c). Enable: prepare before the
 * point of no return (release if the enable fails), start once the
 * hypervisor runs. Disable: stop (refused while a device is open), then
 * release once the CPUs left, or start again if they did not. All under
 * bulkhead.lock, as is bulkhead_root_channels().
 */
int bulkhead_channels_prepare(const struct bulkhead_cell *root);
void bulkhead_channels_start(void);
int bulkhead_channels_stop(void);
void bulkhead_channels_release(void);
const struct bulkhead_channel *bulkhead_root_channels(unsigned int *count);
/* Cell @peer now has @id (CHANNEL_NO_PEER: it is gone), as the doorbell tracepoints say. */
void bulkhead_channels_set_peer(const char *peer, unsigned int id);

/*
 * Hypervisor events (events.c), /dev/bulkhead-events: prepare before the
 * point of no return of enable (takes the event_irq; release if the enable
 * fails), start once the hypervisor runs (@fresh: a new enable, numbering
 * from 1). Disable: stop before the CPUs leave, then release, or start
 * again (not fresh) if they did not. All under bulkhead.lock.
 */
int bulkhead_events_init(void);
void bulkhead_events_exit(void);
int bulkhead_events_prepare(const struct bulkhead_system *sys);
void bulkhead_events_start(bool fresh);
void bulkhead_events_stop(void);
void bulkhead_events_release(void);

int bulkhead_sysfs_init(struct device *dev);
void bulkhead_sysfs_exit(void);
int bulkhead_sysfs_add_cell(struct bulkhead_cell_dev *cell);
void bulkhead_sysfs_remove_cell(struct bulkhead_cell_dev *cell);
void bulkhead_sysfs_set_root_name(const char *name);

/*
 * Tracing (trace.c), under bulkhead.lock: the ioctls; the mask a new cell
 * starts with; a cell destroyed (the rings go back when no mask is left);
 * disable (everything off first). cell.c keeps the cells' masks.
 */
int bulkhead_trace_set(const struct bulkhead_trace_args *args);
int bulkhead_trace_status(struct bulkhead_trace_status *status);
u32 bulkhead_trace_new_cell_mask(void);
/* The hypervisor's mask for cell @id (no lock needed), or a negative errno. */
long bulkhead_trace_mask(unsigned int id);
void bulkhead_trace_cell_gone(void);
void bulkhead_trace_disable(void);
void bulkhead_cell_set_trace_mask(unsigned int id, u32 mask);
bool bulkhead_cells_traced(void);

#endif /* !_BULKHEAD_DRIVER_H */
