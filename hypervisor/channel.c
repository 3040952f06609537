// SPDX-License-Identifier: GPL-2.0
/*
 * Inter-cell channels: memory two cells share plus a doorbell interrupt
 * each way, under the system config's policy.
 *
 * Both cells declare a channel (the root in the system config). The side
 * created second is checked against the first and connected to it; until
 * then its peer is absent. Memory of a channel between two non-root cells
 * leaves the root with the first side and comes back with the last; memory
 * of a root channel stays the root's (read-only there if the root's side
 * does not write). A doorbell is an interrupt source the peer owns, made
 * pending by the arch (arm64: an SPI in the distributor), so it arrives like
 * any interrupt the peer owns: for the root straight at Linux, for a cell
 * through the usual injection.
 *
 * channel_lock guards the links between sides and the counters; it nests
 * inside manager_lock and takes no other lock. Cells' own CPUs take it too
 * (ring, info, a fault announcing the failure), never the manager's.
 */
#include <bulkhead/config_check.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>

static spinlock_t channel_lock;

#define channel_error(cell, desc, fmt, ...)                                                 \
	printk("bulkhead: cell \"%s\" channel \"%s\": " fmt "\n", (cell)->name, (desc)->name, \
	       ##__VA_ARGS__)

static unsigned int num_channels(const struct cell *cell)
{
	return cell->config->num_channels;
}

static bool policy_allows(const char *from, const char *to)
{
	return config_has_link(system_config, from, to);
}

/*
 * What the policy and the config let @cell do on @desc: BULKHEAD_CHANNEL_RIGHT_*.
 * Ringing also needs a peer that takes doorbells: see current_rights().
 */
static u32 channel_rights(const struct cell *cell, const struct bulkhead_channel *desc)
{
	u32 rights = 0;

	if (desc->flags & BULKHEAD_CHANNEL_WRITE)
		rights |= BULKHEAD_CHANNEL_RIGHT_WRITE;
	if (policy_allows(cell->name, desc->peer))
		rights |= BULKHEAD_CHANNEL_RIGHT_RING;
	return rights;
}

/* How @cell looks to its peers: BULKHEAD_PEER_*. */
static unsigned int state_seen(const struct cell *cell)
{
	if (cell == &root_cell || cell->state == BULKHEAD_CELL_STATE_RUNNING)
		return BULKHEAD_PEER_UP;
	return cell->state == BULKHEAD_CELL_STATE_FAILED ? BULKHEAD_PEER_FAILED :
							    BULKHEAD_PEER_DOWN;
}

static unsigned int peer_state(const struct channel_end *end)
{
	return end->peer ? state_seen(end->peer->cell) : BULKHEAD_PEER_ABSENT;
}

/* @end's rights now: once the peer is known, ringing needs its doorbell. */
static u32 current_rights(const struct channel_end *end)
{
	if (end->peer && !end->peer->desc->doorbell_irq)
		return end->rights & ~BULKHEAD_CHANNEL_RIGHT_RING;
	return end->rights;
}

/* The side of channel @name that @cell declares, or NULL. */
static struct channel_end *find_end(struct cell *cell, const char *name)
{
	unsigned int n;

	for (n = 0; n < num_channels(cell); n++)
		if (same_name(cell->channels[n].desc->name, name))
			return &cell->channels[n];
	return NULL;
}

const char *channel_memory_user(u64 phys, u64 size, const struct cell *except)
{
	const struct bulkhead_channel *desc;
	const struct cell *cell;
	unsigned int id, n;

	for (id = 0; id <= system_desc()->max_cells; id++) {
		cell = cell_by_id(id);
		if (!cell || cell == except)
			continue;
		for (n = 0; n < num_channels(cell); n++) {
			desc = cell->channels[n].desc;
			if (ranges_overlap(phys, size, desc->phys_start, desc->size))
				return desc->name;
		}
	}
	return NULL;
}

/* @desc's doorbell, if any, must be an interrupt the machine has. */
static int check_doorbell_exists(const struct cell *cell, const struct bulkhead_channel *desc)
{
	if (desc->doorbell_irq < arch_num_irqs())
		return 0;
	channel_error(cell, desc, "doorbell_irq %u does not exist (the machine has interrupt "
		      "sources up to %u)", desc->doorbell_irq, arch_num_irqs() - 1);
	return -EINVAL;
}

int channels_root_init(void)
{
	const struct bulkhead_channel *desc = bulkhead_cell_channels(root_cell.config);
	struct channel_end *end;
	unsigned int n;
	int err;

	for (n = 0; n < num_channels(&root_cell); n++, desc++) {
		err = check_doorbell_exists(&root_cell, desc);
		if (err)
			return err;
		end = &root_cell.channels[n];
		end->desc = desc;
		end->cell = &root_cell;
		end->armed = true;
		end->rights = channel_rights(&root_cell, desc);
		if (desc->flags & BULKHEAD_CHANNEL_WRITE)
			continue;
		/* Root memory is identity-mapped: remap the channel read-only over it. */
		err = paging_map(&root_cell.stage2, desc->phys_start, desc->phys_start,
				 desc->size, PAGING_READ);
		if (err)
			return err;
	}
	root_cell.announced_state = BULKHEAD_PEER_UP;
	return 0;
}

/* The peer exists: it must declare the same channel, back to @cell. */
static int check_peer(const struct cell *cell, const struct bulkhead_channel *desc,
		      struct cell *peer)
{
	const struct channel_end *other = find_end(peer, desc->name);

	if (!other) {
		channel_error(cell, desc, "cell \"%s\" declares no channel of that name",
			      peer->name);
		return -ENOENT;
	}
	if (!same_name(other->desc->peer, cell->name)) {
		channel_error(cell, desc, "cell \"%s\" declares it towards \"%s\"", peer->name,
			      other->desc->peer);
		return -EINVAL;
	}
	if (other->desc->phys_start != desc->phys_start || other->desc->size != desc->size) {
		channel_error(cell, desc, "memory 0x%llx+0x%llx differs from cell \"%s\"'s "
			      "0x%llx+0x%llx", desc->phys_start, desc->size, peer->name,
			      other->desc->phys_start, other->desc->size);
		return -EINVAL;
	}
	return 0;
}

/* Nobody but the peer may already use the name: channel names are system-wide. */
static int check_unique(const struct cell *cell, const struct bulkhead_channel *desc,
			const struct cell *peer)
{
	struct cell *other;
	unsigned int id;

	for (id = 0; id <= system_desc()->max_cells; id++) {
		other = cell_by_id(id);
		if (!other || other == peer || other == cell || !find_end(other, desc->name))
			continue;
		channel_error(cell, desc, "the name is taken by a channel of cell \"%s\"",
			      other->name);
		return -EEXIST;
	}
	return 0;
}

const char *root_doorbell_channel(unsigned int irq)
{
	unsigned int n;

	for (n = 0; n < num_channels(&root_cell); n++)
		if (root_cell.channels[n].desc->doorbell_irq == irq)
			return root_cell.channels[n].desc->name;
	return NULL;
}

/* The doorbell is an interrupt source the root still owns and takes no doorbells on itself. */
static int claim_doorbell(struct cell *cell, const struct bulkhead_channel *desc)
{
	unsigned int irq = desc->doorbell_irq;
	const char *root_channel = irq ? root_doorbell_channel(irq) : NULL;
	int err;

	if (!irq)
		return 0;
	err = check_doorbell_exists(cell, desc);
	if (err)
		return err;
	if (root_channel) {
		channel_error(cell, desc, "doorbell_irq %u is the root's doorbell of channel "
			      "\"%s\"", irq, root_channel);
		return -EBUSY;
	}
	if (irq == system_desc()->event_irq) {
		channel_error(cell, desc, "doorbell_irq %u is the root's event_irq", irq);
		return -EBUSY;
	}
	if (!cell_owns_irq(&root_cell, irq)) {
		channel_error(cell, desc, "doorbell_irq %u belongs to another cell", irq);
		return -EBUSY;
	}
	cell_take_irq(cell, irq);
	return 0;
}

int channels_check_policy(const struct cell *cell)
{
	unsigned int n;
	int err;

	for (n = 0; n < num_channels(cell); n++) {
		err = config_check_channel_policy(system_config, cell->config, n);
		if (err)
			return err;
	}
	return 0;
}

int channels_check(struct cell *cell)
{
	const struct bulkhead_channel *desc = bulkhead_cell_channels(cell->config);
	struct channel_end *end;
	struct cell *peer;
	unsigned int n;
	int err;

	for (n = 0; n < num_channels(cell); n++, desc++) {
		peer = cell_by_name(desc->peer);
		err = check_unique(cell, desc, peer);
		if (!err && peer)
			err = check_peer(cell, desc, peer);
		err = err ?: claim_doorbell(cell, desc);
		if (err)
			return err;
		end = &cell->channels[n];
		end->desc = desc;
		end->cell = cell;
		end->rights = channel_rights(cell, desc);
		/*
		 * The first side of a cell<->cell channel takes its memory from the
		 * root (cell.c checks that it may).
		 */
		end->holds_memory = !peer;
	}
	return 0;
}

int channels_map(struct cell *cell)
{
	const struct channel_end *end;
	unsigned int n;
	int err;

	for (n = 0; n < num_channels(cell); n++) {
		end = &cell->channels[n];
		err = paging_map(&cell->stage2, end->desc->virt_start, end->desc->phys_start,
				 end->desc->size, PAGING_READ |
				 (end->rights & BULKHEAD_CHANNEL_RIGHT_WRITE ? PAGING_WRITE : 0));
		if (err)
			return err;
	}
	return 0;
}

/*
 * The comm region's copy of @end's peer state, and of its rights, which
 * depend on the peer once it is known. The cell may run with caches off.
 */
static void publish_peer_state(struct channel_end *end)
{
	struct bulkhead_comm_channel *entry;

	if (!end->cell->comm)
		return;
	entry = &end->cell->comm->channels[end - end->cell->channels];
	entry->rights = current_rights(end);
	entry->peer_state = peer_state(end);
	entry->peer_events = (u32)end->peer_events;
	arch_dcache_flush(entry, sizeof(*entry));
}

/*
 * Raises @end's doorbell. The root's, once until it reads its counts: a peer
 * ringing in a loop must not keep Linux taking interrupts. A cell's doorbell
 * stays pending until the cell takes it, which bounds a flood the same way.
 */
static void raise_doorbell(struct channel_end *end)
{
	if (end->cell == &root_cell) {
		if (!end->armed)
			return;
		end->armed = false;
	}
	arch_irq_raise(end->desc->doorbell_irq);
}

/* @end's peer changed state: count it, publish it, and ring the doorbell if it runs. */
static void notify(struct channel_end *end)
{
	end->peer_events++;
	publish_peer_state(end);
	if (end->desc->doorbell_irq && state_seen(end->cell) == BULKHEAD_PEER_UP)
		raise_doorbell(end);
}

void channels_fill_comm(struct cell *cell)
{
	struct bulkhead_comm_region *comm = cell->comm;
	struct channel_end *end;
	unsigned int n;

	spin_lock(&channel_lock);
	comm->num_channels = num_channels(cell);
	for (n = 0; n < num_channels(cell); n++) {
		end = &cell->channels[n];
		memcpy(comm->channels[n].name, end->desc->name, sizeof(comm->channels[n].name));
		memcpy(comm->channels[n].peer, end->desc->peer, sizeof(comm->channels[n].peer));
		comm->channels[n].address = end->desc->virt_start;
		comm->channels[n].size = end->desc->size;
		comm->channels[n].doorbell_irq = end->desc->doorbell_irq;
		publish_peer_state(end);
	}
	spin_unlock(&channel_lock);
}

void channels_connect(struct cell *cell)
{
	struct channel_end *end;
	struct cell *peer;
	unsigned int n;

	cell->announced_state = BULKHEAD_PEER_DOWN;
	spin_lock(&channel_lock);
	for (n = 0; n < num_channels(cell); n++) {
		end = &cell->channels[n];
		peer = cell_by_name(end->desc->peer);
		if (peer) {
			end->peer = find_end(peer, end->desc->name);
			end->peer->peer = end;
			notify(end->peer);
		}
	}
	spin_unlock(&channel_lock);
	channels_fill_comm(cell);
}

void channels_disconnect(struct cell *cell)
{
	struct channel_end *end, *peer;
	unsigned int n;

	spin_lock(&channel_lock);
	for (n = 0; n < num_channels(cell); n++) {
		end = &cell->channels[n];
		peer = end->peer;
		if (!peer)
			continue;
		/* The peer's side keeps the memory away from the root now. */
		if (end->holds_memory) {
			peer->holds_memory = true;
			end->holds_memory = false;
		}
		peer->peer = NULL;
		end->peer = NULL;
		notify(peer);
	}
	spin_unlock(&channel_lock);
}

/*
 * Also a barrier: callers changed @cell's state before and quiet its
 * interrupts after, so a ring that saw it running has raised its doorbell
 * by the time this takes channel_lock, and the quieting clears it.
 */
void channels_announce(struct cell *cell)
{
	unsigned int state = state_seen(cell), n;

	spin_lock(&channel_lock);
	if (cell->announced_state != state) {
		cell->announced_state = state;
		for (n = 0; n < num_channels(cell); n++)
			if (cell->channels[n].peer)
				notify(cell->channels[n].peer);
	}
	spin_unlock(&channel_lock);
}

long channel_ring(struct per_cpu *cpu, unsigned long index)
{
	struct channel_end *end, *peer;
	long ret = 0;

	if (index >= num_channels(cpu->cell))
		return -EINVAL;
	end = &cpu->cell->channels[index];
	/* Checked again under the lock: the peer may not take doorbells. */
	if (!(end->rights & BULKHEAD_CHANNEL_RIGHT_RING))
		return -EPERM;
	spin_lock(&channel_lock);
	peer = end->peer;
	if (!peer || state_seen(peer->cell) != BULKHEAD_PEER_UP) {
		ret = -ENOTCONN;
	} else if (!peer->desc->doorbell_irq) {
		ret = -EPERM;
	} else {
		/* Counted first: the peer's handler may read the count at once. */
		end->rings_sent++;
		peer->rings_received++;
		raise_doorbell(peer);
	}
	spin_unlock(&channel_lock);
	return ret;
}

bool channel_peer(const struct cell *cell, unsigned long index, unsigned int *peer_id,
		  unsigned int *peer_index)
{
	const struct channel_end *peer;

	if (index >= num_channels(cell))
		return false;
	spin_lock(&channel_lock);
	peer = cell->channels[index].peer;
	if (peer) {
		*peer_id = peer->cell->id;
		*peer_index = (unsigned int)(peer - peer->cell->channels);
	}
	spin_unlock(&channel_lock);
	return peer;
}

long channel_info(struct cell *cell, unsigned int index, unsigned int type)
{
	struct channel_end *end;
	long ret;

	if (index >= num_channels(cell))
		return -EINVAL;
	end = &cell->channels[index];
	spin_lock(&channel_lock);
	switch (type) {
	case BULKHEAD_CHANNEL_INFO_PEER_STATE:
		ret = peer_state(end);
		break;
	case BULKHEAD_CHANNEL_INFO_RINGS_SENT:
		ret = (long)end->rings_sent;
		break;
	case BULKHEAD_CHANNEL_INFO_RINGS_RECEIVED:
		ret = (long)end->rings_received;
		end->armed = true;
		break;
	case BULKHEAD_CHANNEL_INFO_PEER_EVENTS:
		ret = (long)end->peer_events;
		end->armed = true;
		break;
	case BULKHEAD_CHANNEL_INFO_RIGHTS:
		ret = current_rights(end);
		break;
	default:
		ret = -EINVAL;
	}
	spin_unlock(&channel_lock);
	return ret;
}
