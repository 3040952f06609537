/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the hypervisor hands a cell's program (an inmate) besides its memory:
 * the entry contract and the communication region.
 *
 * Entry (arm64): the cell's first CPU starts at the config's entry address
 * at EL1h, MMU and caches off, all interrupts masked, with x0 = the
 * intermediate physical address of the communication region and every other
 * general register 0. CPUs the inmate starts itself (PSCI CPU_ON) get the
 * CPU_ON context in x0 instead.
 *
 * The communication region is one page the hypervisor owns and maps
 * read-write into the cell at the config's comm_region address. The cell
 * writes only reply_from_cell and heartbeat; the hypervisor re-reads them
 * once per check and never trusts anything else the cell may have scribbled
 * there.
 */
#ifndef _BULKHEAD_INMATE_H
#define _BULKHEAD_INMATE_H

#define BULKHEAD_COMM_SIGNATURE		"BHCOMMRG"
#define BULKHEAD_COMM_REVISION		3

/* bulkhead_comm_region.msg_to_cell */
#define BULKHEAD_MSG_NONE		0
/* The root asks the cell to stop; answer in reply_from_cell. */
#define BULKHEAD_MSG_SHUTDOWN_REQUEST	1

/* bulkhead_comm_region.reply_from_cell */
#define BULKHEAD_REPLY_NONE		0
#define BULKHEAD_REPLY_SHUTDOWN_OK	1	/* stop me now */
#define BULKHEAD_REPLY_SHUTDOWN_DENIED	2	/* keep me running */

/*
 * Where the inmate library keeps the command line inside an inmate image,
 * counted from the image's load address; hvctl cell load -s without -a
 * writes the string there.
 */
#define BULKHEAD_INMATE_CMDLINE_OFFSET	0x100
#define BULKHEAD_INMATE_CMDLINE_SIZE	0x700

/*
 * One of the cell's channels (config order: the index BULKHEAD_HC_CHANNEL_RING
 * takes). peer_state and peer_events change while the cell runs; the cell's
 * doorbell interrupt is raised after each change, as after a ring.
 */
struct bulkhead_comm_channel {
	char name[32];
	char peer[32];
	__u64 address;			/* where the cell sees the shared memory */
	__u64 size;
	__u32 rights;			/* BULKHEAD_CHANNEL_RIGHT_* */
	__u32 doorbell_irq;		/* INTID, 0 if this side takes no doorbells */
	volatile __u32 peer_state;	/* BULKHEAD_PEER_* */
	volatile __u32 peer_events;	/* incremented on each peer state change */
} __attribute__((packed));

#define BULKHEAD_COMM_MAX_CHANNELS	16

struct bulkhead_comm_region {
	char signature[8];		/* BULKHEAD_COMM_SIGNATURE */
	__u32 revision;			/* BULKHEAD_COMM_REVISION */
	__u32 cell_id;
	char cell_name[32];
	/* Written by the hypervisor. */
	volatile __u32 msg_to_cell;	/* BULKHEAD_MSG_* */
	/* Written by the cell; cleared by the hypervisor with each new message. */
	volatile __u32 reply_from_cell;	/* BULKHEAD_REPLY_* */
	__u32 num_cpus;			/* CPUs the cell owns */
	/*
	 * Written by the cell: any change feeds its watchdog (a cell without
	 * an emulated SP805 whose config sets watchdog_timeout_ms).
	 */
	volatile __u32 heartbeat;
	__u64 timer_frequency;		/* generic timer counter, Hz */
	__u32 num_channels;
	/* Feed the heartbeat at least this often (0: no watchdog watches it). */
	__u32 watchdog_timeout_ms;
	struct bulkhead_comm_channel channels[BULKHEAD_COMM_MAX_CHANNELS];
} __attribute__((packed));

#endif /* !_BULKHEAD_INMATE_H */
