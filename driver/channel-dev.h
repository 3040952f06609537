/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device of one side of a channel, BULKHEAD_CHANNEL_DEV_DIR/<name>
 * (interface: include/bulkhead/ioctl.h), shared by the root's driver
 * (channel.c) and a Linux cell's (cell/channels.c), which differ only in
 * where they learn of their channels: the system config or the cell's device
 * tree. Everything else comes from the hypervisor, which knows each side by
 * (cell id, channel index).
 *
 * Each module has its own copy of this code and so its own set of devices:
 * opens succeed only while the set is live (channel_devs_start()), and
 * channel_devs_stop() ends that unless a device is open.
 */
#ifndef _BULKHEAD_CHANNEL_DEV_H
#define _BULKHEAD_CHANNEL_DEV_H

#include <linux/miscdevice.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <bulkhead/config.h>
#include <bulkhead/ioctl.h>

#include "arch-hypercall.h"

#ifdef BULKHEAD_TRACEPOINTS
#include "trace.h"
#else
/* A Linux cell's module has no tracepoints of its own. */
static inline void trace_drv_doorbell(u16 cell, u16 channel) {}
static inline void trace_drv_doorbell_wake(u64 latency_ns, u16 cell, u16 channel) {}
static inline bool trace_drv_doorbell_wake_enabled(void)
{
	return false;
}
#endif

#define CHANNEL_DEV_PREFIX	"bulkhead-channel-"
#define CHANNEL_NO_PEER		0xffff

struct channel_dev {
	struct miscdevice misc;
	bool registered;
	/* How the hypervisor knows this side. */
	unsigned int cell;
	unsigned int index;
	/* What BULKHEAD_CHANNEL_INFO reports besides the hypervisor's counts. */
	char chan_name[BULKHEAD_CHANNEL_NAME_LEN + 1];
	char peer[BULKHEAD_CHANNEL_NAME_LEN + 1];
	/* The peer's cell id while it exists, for tracepoints (CHANNEL_NO_PEER: none). */
	u16 peer_cell;
	u64 address;		/* where this side's Linux sees the memory */
	u64 size;
	u32 doorbell_intid;	/* 0: this side takes no doorbells */
	/* Misc device name (also the interrupt's name); the node's path under /dev. */
	char name[sizeof(CHANNEL_DEV_PREFIX) + BULKHEAD_CHANNEL_NAME_LEN];
	char nodename[sizeof(BULKHEAD_CHANNEL_DEV_DIR) + BULKHEAD_CHANNEL_NAME_LEN];
	/* Linux interrupt of the doorbell, once requested (0: none). */
	unsigned int irq;
	/* Open files, under the set's lock. */
	unsigned int users;
	wait_queue_head_t wait;
	spinlock_t lock;
	/* The hypervisor's counters as last seen, and what user space has taken of them. */
	u64 received;
	u64 consumed;
	u64 peer_events;
	u64 acked_events;
	/* A doorbell arrived since a reader last fetched the counters. */
	bool kicked;
	/* When it arrived (ktime_get_ns()), kept only while drv_doorbell_wake is traced. */
	u64 kicked_ns;
};

/*
 * Fills in @ch; checks the name (a file name) and that the memory is in
 * whole Linux pages, saying which channel of @owner is wrong.
 */
int channel_dev_init(struct channel_dev *ch, const char *owner, unsigned int cell,
		     unsigned int index, const char *name, const char *peer, u64 address,
		     u64 size, u32 doorbell_intid);
/* Takes the doorbell's Linux interrupt @irq. */
int channel_dev_request_irq(struct channel_dev *ch, unsigned int irq);
void channel_dev_free_irq(struct channel_dev *ch);
/* The device node; a failure is logged and leaves that channel without one. */
void channel_dev_register(struct channel_dev *ch);
void channel_dev_deregister(struct channel_dev *ch);

void channel_devs_start(void);
/* Fails with -EBUSY, naming the device and @why it had to close, while one of @chs is open. */
int channel_devs_stop(const struct channel_dev *chs, unsigned int count, const char *why);

/* Rights, peer state and counters of one side, from the hypervisor; info untouched on error. */
int bulkhead_channel_state(unsigned int cell, unsigned int index,
			   struct bulkhead_channel_info *info);

#endif /* !_BULKHEAD_CHANNEL_DEV_H */
