// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's side of its channels: one device per channel the system
 * config's root cell declares, BULKHEAD_CHANNEL_DEV_DIR/<name>, from enable
 * to disable. The devices themselves are channel-dev.c's; the user
 * interface is described in include/bulkhead/ioctl.h.
 *
 * Enable calls bulkhead_channels_prepare() before its point of no return:
 * everything that may be refused happens there (the copy of the channel
 * table, the memory check, taking the doorbell interrupts), so that a
 * refusal, e.g. a doorbell SPI some Linux driver holds, fails the enable
 * cleanly. The device nodes are made only once the hypervisor runs
 * (bulkhead_channels_start()), because their file operations call it; a
 * failure there cannot undo the enable, so it is logged and that channel
 * has no node. Disable is refused while a device is open: a mapping holds
 * its file open, so this covers mapped devices too.
 *
 * Enable and disable change the table under bulkhead.lock. File operations
 * call the hypervisor without bulkhead.lock: an open file keeps the
 * hypervisor enabled.
 */
#include <linux/irqdomain.h>
#include <linux/slab.h>

#include "bulkhead.h"

#define ROOT_CELL_ID	0

/* The root cell's channels, copied from the system config at enable. */
static struct bulkhead_channel *descs;
static struct channel_dev *channels;
/* The doorbells whose interrupt mapping we made: it goes at disable. */
static unsigned long *irq_mapped;
static unsigned int num_channels;

const struct bulkhead_channel *bulkhead_root_channels(unsigned int *count)
{
	*count = num_channels;
	return descs;
}

static void put_doorbell(unsigned int index)
{
	struct channel_dev *ch = &channels[index];
	unsigned int irq = ch->irq;

	channel_dev_free_irq(ch);
	if (irq && test_bit(index, irq_mapped))
		irq_dispose_mapping(irq);
}

static int take_doorbell(unsigned int index)
{
	struct channel_dev *ch = &channels[index];
	char what[sizeof(ch->nodename) + 24];
	bool mapped;
	int irq, err;

	snprintf(what, sizeof(what), "/dev/%s doorbell_irq", ch->nodename);
	irq = bulkhead_arch_map_irq(ch->doorbell_intid, what, &mapped);
	if (irq < 0)
		return irq;
	err = channel_dev_request_irq(ch, irq);
	if (err) {
		if (mapped)
			irq_dispose_mapping(irq);
		return err;
	}
	if (mapped)
		set_bit(index, irq_mapped);
	return 0;
}

/* The config is not validated yet (the hypervisor does that): names are bounded here. */
static int init_channel(unsigned int index)
{
	const struct bulkhead_channel *desc = &descs[index];
	char name[BULKHEAD_CHANNEL_NAME_LEN + 1], peer[BULKHEAD_CHANNEL_NAME_LEN + 1];
	int err;

	snprintf(name, sizeof(name), "%.*s", BULKHEAD_CHANNEL_NAME_LEN, desc->name);
	snprintf(peer, sizeof(peer), "%.*s", BULKHEAD_CHANNEL_NAME_LEN, desc->peer);
	err = channel_dev_init(&channels[index], "root cell", ROOT_CELL_ID, index, name, peer,
			       desc->phys_start, desc->size, desc->doorbell_irq);
	if (err)
		return err;
	return desc->doorbell_irq ? take_doorbell(index) : 0;
}

int bulkhead_channels_prepare(const struct bulkhead_cell *root)
{
	unsigned int n;
	int err;

	err = bulkhead_check_channel_memory(root, NULL);
	if (err)
		return err;
	descs = kmemdup(bulkhead_cell_channels(root), root->num_channels * sizeof(*descs),
			GFP_KERNEL);
	channels = kcalloc(root->num_channels, sizeof(*channels), GFP_KERNEL);
	irq_mapped = bitmap_zalloc(root->num_channels, GFP_KERNEL);
	/* Counted from here on, so that a failure below releases what exists. */
	num_channels = root->num_channels;
	err = descs && channels && irq_mapped ? 0 : -ENOMEM;
	for (n = 0; n < num_channels && !err; n++)
		err = init_channel(n);
	if (err)
		bulkhead_channels_release();
	return err;
}

void bulkhead_channels_start(void)
{
	unsigned int n;

	channel_devs_start();
	/* Again after a disable the hypervisor refused: only what is missing. */
	for (n = 0; n < num_channels; n++)
		if (!channels[n].registered)
			channel_dev_register(&channels[n]);
}

int bulkhead_channels_stop(void)
{
	return channel_devs_stop(channels, num_channels, "disable");
}

void bulkhead_channels_release(void)
{
	unsigned int n;

	for (n = 0; channels && n < num_channels; n++) {
		channel_dev_deregister(&channels[n]);
		put_doorbell(n);
	}
	kfree(channels);
	kfree(descs);
	bitmap_free(irq_mapped);
	channels = NULL;
	descs = NULL;
	irq_mapped = NULL;
	num_channels = 0;
}

void bulkhead_channels_set_peer(const char *peer, unsigned int id)
{
	unsigned int n;

	for (n = 0; n < num_channels; n++)
		if (!strcmp(channels[n].peer, peer))
			WRITE_ONCE(channels[n].peer_cell, id);
}
