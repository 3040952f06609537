/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /dev/bulkhead ioctl ABI, shared by the driver and hvctl.
 *
 * Every call returns 0 or -1 with errno set; the driver logs the reason in
 * the kernel log with the "bulkhead:" prefix.
 */
#ifndef _BULKHEAD_IOCTL_H
#define _BULKHEAD_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <bulkhead/boot.h>

#define BULKHEAD_DEVICE			"/dev/bulkhead"
/*
 * Hypervisor events (bulkhead/event.h): read() gives whole struct
 * bulkhead_event records from the file position on, which is the sequence
 * number of the next event wanted (lseek(fd, 0, SEEK_END): only new ones);
 * poll() says POLLIN when there are some. Documentation/resilience.md.
 */
#define BULKHEAD_EVENTS_DEVICE		"/dev/bulkhead-events"
#define BULKHEAD_IOCTL_VERSION		6

struct bulkhead_enable_args {
	__u64 config;			/* user address of the system .cell */
	__u32 config_size;
	__u32 flags;			/* 0 */
};

#define BULKHEAD_INFO_CPUS		64

struct bulkhead_cpu_status {
	__u32 online;			/* online in Linux */
	__u32 state;			/* BULKHEAD_CPU_* */
	__u32 mode;			/* BULKHEAD_CPU_MODE_* (0 when parked) */
	__u32 cell;
	__u64 stats[16];		/* BULKHEAD_CPU_STAT_* */
};

struct bulkhead_status {
	__u32 ioctl_version;		/* BULKHEAD_IOCTL_VERSION */
	__u32 enabled;
	__u32 hv_version;
	__u32 num_cpus;			/* entries used in cpu[] */
	__u64 hv_mem_start;
	__u64 hv_mem_size;
	__u64 pool_pages;
	__u64 pool_used;
	char root_name[32];
	__u64 root_cpus;
	struct bulkhead_cpu_status cpu[BULKHEAD_INFO_CPUS];
};

/* Returns the new cell's id. */
struct bulkhead_cell_create_args {
	__u64 config;			/* user address of the cell's .cell */
	__u32 config_size;
	__u32 flags;			/* 0 */
};

/* One blob to copy into a cell, at a cell (intermediate physical) address. */
struct bulkhead_load_segment {
	__u64 address;
	__u64 size;
	__u64 data;			/* user address */
};

#define BULKHEAD_MAX_LOAD_SEGMENTS	16

struct bulkhead_cell_load_args {
	__u32 cell;
	__u32 num_segments;
	__u64 segments;			/* user address of struct bulkhead_load_segment[] */
};

/*
 * Reads a cell's console from stream position @pos (bytes ever written);
 * returns the number of bytes copied and advances @pos. When @pos is older
 * than the ring holds, reading resumes at the oldest byte still there.
 */
struct bulkhead_console_read_args {
	__u32 cell;
	__u32 size;
	__u64 pos;
	__u64 buf;			/* user address */
};

/*
 * How a loaded cell starts (BULKHEAD_HC_CELL_SET_BOOT, bulkhead/boot.h):
 * its first CPU at params.entry with x0 = params.arg, and what a restart
 * loads again. Reset to the config's by the next load.
 */
struct bulkhead_cell_boot_args {
	__u32 cell;
	__u32 flags;			/* 0 */
	struct bulkhead_boot_params params;
};

/*
 * Bytes typed into a cell's emulated UART (at most BULKHEAD_CONSOLE_INPUT_MAX);
 * returns how many its receive FIFO took, which may be fewer (then try the
 * rest again later); -ENODEV if the cell has no emulated UART. Size 0 types
 * nothing and only asks whether it has one (0 or -ENODEV).
 */
#define BULKHEAD_CONSOLE_INPUT_MAX	256
struct bulkhead_console_input_args {
	__u32 cell;
	__u32 size;
	__u64 buf;			/* user address */
};

/*
 * A/B update of a running cell with an image store (hvctl cell update): the
 * new images, params.segments[n] with its bytes at data[n], are staged in
 * the free part of the store, checked by the hypervisor and run on
 * probation (BULKHEAD_HC_CELL_UPDATE). On any failure the cell runs on as
 * before.
 */
struct bulkhead_cell_update_args {
	__u32 cell;
	__u32 flags;			/* 0 */
	__u64 data[BULKHEAD_BOOT_MAX_SEGMENTS];	/* user addresses */
	struct bulkhead_boot_params params;
};

/* A cell's update, as BULKHEAD_UPDATE_INFO tells it; offsets and sizes in its store. */
struct bulkhead_update_status {
	__u32 cell;			/* in: the cell's id */
	__u32 state;			/* BULKHEAD_UPDATE_STATE_* */
	__u32 cause;			/* of the last rollback: BULKHEAD_RESTART_*, or 0 */
	__u32 probation_ms;
	__u64 probation_left_ms;
	__u64 store_size;
	__u64 running_offset;
	__u64 running_size;
	__u64 other_offset;		/* staging area, or on probation the previous images */
	__u64 other_size;
	__u64 updates;			/* committed, since create */
	__u64 rollbacks;
};

/*
 * Channel devices: the root cell's side of each channel it declares is
 * BULKHEAD_CHANNEL_DEV_DIR/<channel name> while the hypervisor is enabled.
 *   mmap	the shared memory, MAP_SHARED (offset 0..size; PROT_WRITE only
 *		if this side writes it; never PROT_EXEC)
 *   read	8 bytes: the doorbells received since the last read (__u64, at
 *		least 1); blocks unless O_NONBLOCK
 *   write	8 bytes (any value): ring the peer once
 *   poll	POLLIN doorbells pending; POLLPRI the peer's state changed
 *		since the last BULKHEAD_CHANNEL_INFO; POLLOUT ringing would
 *		succeed now
 * Ringing (write, BULKHEAD_CHANNEL_RING) needs the file open for writing
 * (EBADF). Its errors: EPERM (the policy does not let the root ring this
 * peer, or the peer takes no doorbells), ENOTCONN (peer not running).
 */
#define BULKHEAD_CHANNEL_DEV_DIR	"/dev/bulkhead-channel"

struct bulkhead_channel_info {
	char name[32];
	char peer[32];
	__u64 phys_start;
	__u64 size;
	__u32 rights;			/* BULKHEAD_CHANNEL_RIGHT_* */
	__u32 doorbell_irq;
	__u32 peer_state;		/* BULKHEAD_PEER_* */
	__u32 reserved;
	__u64 peer_events;
	__u64 rings_sent;
	__u64 rings_received;
};

/*
 * Tracing (Documentation/tracing.md): the hypervisor's rings, drained by the
 * driver into the bulkhead:hv_* tracepoints while any mask is set.
 * cell = a cell id, or BULKHEAD_TRACE_NEW_CELLS (bulkhead/trace.h) for the
 * mask cells created later start with; mask = BULKHEAD_TRACE_CLASS_* bits, 0
 * turns that cell's tracing off. pages = record pages per CPU the rings get
 * when the first mask is set (0: the driver's default); period_us = how
 * often the driver drains them (0: its default). When every mask is 0 again
 * the driver drains what is left and gives the rings back to the hypervisor.
 */
struct bulkhead_trace_args {
	__u32 cell;
	__u32 mask;
	__u32 pages;
	__u32 period_us;
};

/* period_us: what the driver accepts besides 0, and what 0 gives. */
#define BULKHEAD_TRACE_PERIOD_MIN_US	1000
#define BULKHEAD_TRACE_PERIOD_MAX_US	1000000
#define BULKHEAD_TRACE_PERIOD_DEFAULT_US	10000
/* pages: what 0 gives (at most BULKHEAD_TRACE_MAX_PAGES of bulkhead/trace.h). */
#define BULKHEAD_TRACE_PAGES_DEFAULT	16

/* Records drained, and lost to overwriting, since the rings were set up. */
struct bulkhead_trace_status {
	__u32 pages;			/* per CPU; 0: no rings */
	__u32 period_us;
	__u32 root_mask;
	__u32 new_cells_mask;
	__u64 counter_hz;
	__u64 records[BULKHEAD_INFO_CPUS];	/* drained, per CPU */
	__u64 lost[BULKHEAD_INFO_CPUS];
};

#define BULKHEAD_IOCTL_MAGIC		0xb4
#define BULKHEAD_ENABLE		_IOW(BULKHEAD_IOCTL_MAGIC, 0, struct bulkhead_enable_args)
#define BULKHEAD_DISABLE	_IO(BULKHEAD_IOCTL_MAGIC, 1)
#define BULKHEAD_GET_STATUS	_IOR(BULKHEAD_IOCTL_MAGIC, 2, struct bulkhead_status)
#define BULKHEAD_CELL_CREATE	_IOW(BULKHEAD_IOCTL_MAGIC, 3, struct bulkhead_cell_create_args)
#define BULKHEAD_CELL_LOAD	_IOW(BULKHEAD_IOCTL_MAGIC, 4, struct bulkhead_cell_load_args)
/* The argument of these three is the cell id. */
#define BULKHEAD_CELL_START	_IO(BULKHEAD_IOCTL_MAGIC, 5)
/* Returns 0, or BULKHEAD_SHUTDOWN_TIMED_OUT; fails with EBUSY if the cell refused. */
#define BULKHEAD_CELL_SHUTDOWN	_IO(BULKHEAD_IOCTL_MAGIC, 6)
#define BULKHEAD_CELL_DESTROY	_IO(BULKHEAD_IOCTL_MAGIC, 7)
#define BULKHEAD_CELL_CONSOLE	_IOWR(BULKHEAD_IOCTL_MAGIC, 8, struct bulkhead_console_read_args)
#define BULKHEAD_CELL_SET_BOOT	_IOW(BULKHEAD_IOCTL_MAGIC, 9, struct bulkhead_cell_boot_args)
#define BULKHEAD_CELL_CONSOLE_INPUT _IOW(BULKHEAD_IOCTL_MAGIC, 10, struct bulkhead_console_input_args)
#define BULKHEAD_CELL_UPDATE	_IOW(BULKHEAD_IOCTL_MAGIC, 12, struct bulkhead_cell_update_args)
#define BULKHEAD_CELL_UPDATE_STATUS _IOWR(BULKHEAD_IOCTL_MAGIC, 13, struct bulkhead_update_status)
/* On a channel device: */
#define BULKHEAD_CHANNEL_RING	_IO(BULKHEAD_IOCTL_MAGIC, 16)
#define BULKHEAD_CHANNEL_INFO	_IOR(BULKHEAD_IOCTL_MAGIC, 17, struct bulkhead_channel_info)
#define BULKHEAD_TRACE_SET	_IOW(BULKHEAD_IOCTL_MAGIC, 18, struct bulkhead_trace_args)
/* Drains the rings now (records up to this moment reach the tracepoints), then reports. */
#define BULKHEAD_TRACE_STATUS	_IOR(BULKHEAD_IOCTL_MAGIC, 19, struct bulkhead_trace_status)

#endif /* !_BULKHEAD_IOCTL_H */
