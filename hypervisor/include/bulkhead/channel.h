/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inter-cell channels (channel.c): one side of a channel as a cell holds it,
 * and what the cell manager and the hypercalls ask of channels.
 */
#ifndef _BULKHEAD_CHANNEL_H
#define _BULKHEAD_CHANNEL_H

#include <bulkhead/types.h>
#include <bulkhead/config.h>

struct cell;
struct per_cpu;

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

#endif /* !_BULKHEAD_CHANNEL_H */
