// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead channels for a Linux that runs in a cell: the same
 * /dev/bulkhead-channel/<name> devices as the root has (../channel-dev.c),
 * for the channels the cell's device tree describes
 * (Documentation/channels.md, "Channels in a Linux cell"):
 *
 *   bulkhead { compatible = "bulkhead,cell"; reg = <the communication region>;
 *       channel@... { compatible = "bulkhead,channel"; reg = <memory as the cell sees it>;
 *           channel-name; peer; bulkhead,index; [read-only;] [interrupts = <doorbell>;] }; };
 *
 * A platform driver for the "bulkhead,cell" node: Linux makes devices of the
 * root's children only, and the channels need the communication region the
 * cell node holds, which names the cell (its id, for the hypervisor's
 * channel questions) and lists the channels as the hypervisor set them up:
 * a device tree that disagrees with it is refused, naming the node. Rights,
 * peer state and doorbell counts come from the hypervisor at each use.
 */
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include <bulkhead/inmate.h>

#include "../channel-dev.h"

struct cell_channels {
	unsigned int count;
	struct channel_dev chs[];
};

static int map_comm_region(struct device *dev, struct bulkhead_comm_region **comm)
{
	struct resource res;
	int err = of_address_to_resource(dev->of_node, 0, &res);

	if (err || resource_size(&res) < sizeof(**comm)) {
		dev_err(dev, "%pOF: reg must be the communication region (0x%zx bytes)\n",
			dev->of_node, sizeof(**comm));
		return -EINVAL;
	}
	*comm = devm_memremap(dev, res.start, sizeof(**comm), MEMREMAP_WB);
	if (IS_ERR(*comm)) {
		dev_err(dev, "%pOF: cannot map the communication region at %pa\n", dev->of_node,
			&res.start);
		return PTR_ERR(*comm);
	}
	if (memcmp((*comm)->signature, BULKHEAD_COMM_SIGNATURE, sizeof((*comm)->signature)) ||
	    (*comm)->revision != BULKHEAD_COMM_REVISION ||
	    (*comm)->num_channels > BULKHEAD_COMM_MAX_CHANNELS) {
		dev_err(dev, "%pOF: no Bulkhead communication region (revision %u) at %pa\n",
			dev->of_node, BULKHEAD_COMM_REVISION, &res.start);
		return -ENODEV;
	}
	return 0;
}

static int init_channel(struct device *dev, struct device_node *np,
			const struct bulkhead_comm_region *comm, struct channel_dev *ch)
{
	const struct bulkhead_comm_channel *hv;
	const char *name, *peer;
	struct resource res;
	u32 index;
	int irq, err;

	if (of_property_read_string(np, "channel-name", &name) ||
	    of_property_read_string(np, "peer", &peer) ||
	    of_property_read_u32(np, "bulkhead,index", &index) ||
	    of_address_to_resource(np, 0, &res)) {
		dev_err(dev, "%pOF: a channel needs reg, channel-name, peer and bulkhead,index\n",
			np);
		return -EINVAL;
	}
	if (index >= comm->num_channels) {
		dev_err(dev, "%pOF: bulkhead,index %u, but the cell has %u channel(s)\n", np, index,
			comm->num_channels);
		return -EINVAL;
	}
	hv = &comm->channels[index];
	if (strncmp(hv->name, name, sizeof(hv->name)) || hv->address != res.start ||
	    hv->size != resource_size(&res)) {
		dev_err(dev, "%pOF: \"%s\" at %pa size 0x%llx, but the cell's channel %u is "
			"\"%.*s\" at 0x%llx size 0x%llx\n", np, name, &res.start,
			(u64)resource_size(&res), index, (int)sizeof(hv->name), hv->name,
			hv->address, hv->size);
		return -EINVAL;
	}
	err = channel_dev_init(ch, "cell", comm->cell_id, index, name, peer, res.start,
			       resource_size(&res), hv->doorbell_irq);
	if (err || !hv->doorbell_irq)
		return err;
	irq = of_irq_get(np, 0);
	if (irq <= 0) {
		if (irq != -EPROBE_DEFER)
			dev_err(dev, "%pOF: the channel takes doorbells (INTID %u), its node has "
				"no usable interrupts property (%d)\n", np, hv->doorbell_irq, irq);
		return irq ?: -EINVAL;
	}
	return channel_dev_request_irq(ch, irq);
}

static void release_channels(struct cell_channels *cc, unsigned int count)
{
	while (count--) {
		channel_dev_deregister(&cc->chs[count]);
		channel_dev_free_irq(&cc->chs[count]);
	}
}

static int cell_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct bulkhead_comm_region *comm;
	struct device_node *np;
	struct cell_channels *cc;
	unsigned int count = 0, n = 0;
	int err;

	err = map_comm_region(dev, &comm);
	if (err)
		return err;
	for_each_available_child_of_node(dev->of_node, np)
		if (of_device_is_compatible(np, "bulkhead,channel"))
			count++;
	cc = devm_kzalloc(dev, struct_size(cc, chs, count), GFP_KERNEL);
	if (!cc)
		return -ENOMEM;
	for_each_available_child_of_node(dev->of_node, np) {
		if (!of_device_is_compatible(np, "bulkhead,channel"))
			continue;
		err = init_channel(dev, np, comm, &cc->chs[n]);
		if (err) {
			of_node_put(np);
			channel_dev_free_irq(&cc->chs[n]);
			release_channels(cc, n);
			return err;
		}
		n++;
	}
	cc->count = n;
	channel_devs_start();
	for (n = 0; n < cc->count; n++)
		channel_dev_register(&cc->chs[n]);
	platform_set_drvdata(pdev, cc);
	dev_info(dev, "cell %u \"%.*s\": %u channel(s)\n", comm->cell_id,
		 (int)sizeof(comm->cell_name), comm->cell_name, cc->count);
	return 0;
}

static int cell_remove(struct platform_device *pdev)
{
	struct cell_channels *cc = platform_get_drvdata(pdev);

	/* The module cannot go while a device is open (the files hold it). */
	release_channels(cc, cc->count);
	return 0;
}

static const struct of_device_id cell_of_match[] = {
	{ .compatible = "bulkhead,cell" },
	{}
};
MODULE_DEVICE_TABLE(of, cell_of_match);

static struct platform_driver cell_driver = {
	.probe = cell_probe,
	.remove = cell_remove,
	.driver = {
		.name = "bulkhead-cell",
		.of_match_table = cell_of_match,
		/* Unbinding while a device is open would free it under the file. */
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(cell_driver);

MODULE_DESCRIPTION("Bulkhead channels for a Linux running in a cell");
MODULE_LICENSE("GPL");
