// SPDX-License-Identifier: GPL-2.0
/*
 * A/B updates of a running cell (BULKHEAD_CELL_UPDATE, _UPDATE_STATUS). The
 * hypervisor maps a staging area of the cell's image store into the root
 * for the time of one call; the new images are copied there, one after the
 * other as a store keeps them, and the hypervisor takes the area back,
 * checks the images and switches the cell to them.
 */
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bulkhead.h"
#include "arch-hypercall.h"
#include "trace.h"

static u64 update_target(unsigned int cell, unsigned int op)
{
	return (u64)op << 32 | cell;
}

/* Bytes the segments take in a store, or 0 after saying what is wrong. */
static u64 staged_size(const struct bulkhead_cell_update_args *args)
{
	const struct bulkhead_boot_params *params = &args->params;
	u64 size = 0;
	unsigned int n;

	if (args->flags || !params->num_segments ||
	    params->num_segments > BULKHEAD_BOOT_MAX_SEGMENTS) {
		pr_err("bulkhead: cell update: flags 0x%x, %u segments (1 to %u)\n", args->flags,
		       params->num_segments, BULKHEAD_BOOT_MAX_SEGMENTS);
		return 0;
	}
	for (n = 0; n < params->num_segments; n++) {
		/* No cell sees more than 40 bits: a larger segment cannot fit, nor the sum wrap. */
		if (!params->segments[n].size ||
		    params->segments[n].size > BULKHEAD_CELL_IPA_LIMIT) {
			pr_err("bulkhead: cell update: segment %u has %llu bytes\n", n,
			       params->segments[n].size);
			return 0;
		}
		size += ALIGN(params->segments[n].size, BULKHEAD_STORE_ALIGN);
	}
	return size;
}

/* Uncached, as a load writes: the hypervisor reads the store through memory. */
static int stage(const struct bulkhead_cell_update_args *args, u64 phys, u64 size)
{
	const struct bulkhead_boot_params *params = &args->params;
	void *area = memremap(phys, size, MEMREMAP_WC);
	u64 offset = 0;
	unsigned int n;
	int err = 0;

	if (!area)
		return -ENOMEM;
	for (n = 0; n < params->num_segments && !err; n++) {
		if (copy_from_user(area + offset, u64_to_user_ptr(args->data[n]),
				   params->segments[n].size))
			err = -EFAULT;
		offset += ALIGN(params->segments[n].size, BULKHEAD_STORE_ALIGN);
	}
	wmb();
	memunmap(area);
	return err;
}

static int update_cell(const struct bulkhead_cell_update_args *args)
{
	struct bulkhead_boot_params *params;
	u64 size = staged_size(args);
	long phys, err;

	if (!size)
		return -EINVAL;
	/* kmalloc: physically contiguous, as the hypervisor reads it by address. */
	params = kmemdup(&args->params, sizeof(*params), GFP_KERNEL);
	if (!params)
		return -ENOMEM;
	mutex_lock(&bulkhead.lock);
	err = find_cell_or_complain(args->cell) ? 0 : -ENOENT;
	phys = err ?: cell_hypercall("cell update", BULKHEAD_HC_CELL_UPDATE,
				     update_target(args->cell, BULKHEAD_UPDATE_OPEN), size);
	if (phys > 0) {
		err = stage(args, phys, size);
		/* The hypervisor closes the area itself when it refuses the switch. */
		if (err)
			bulkhead_hypercall(BULKHEAD_HC_CELL_UPDATE,
					   update_target(args->cell, BULKHEAD_UPDATE_ABORT), 0);
		else
			err = cell_hypercall("cell update", BULKHEAD_HC_CELL_UPDATE,
					     update_target(args->cell, BULKHEAD_UPDATE_SWITCH),
					     virt_to_phys(params));
	} else {
		err = phys;
	}
	mutex_unlock(&bulkhead.lock);
	kfree(params);
	return err;
}

int bulkhead_cell_update(const struct bulkhead_cell_update_args *args)
{
	int err = update_cell(args);

	trace_drv_cell(err, args->cell, BULKHEAD_CELL_OP_UPDATE);
	return err;
}

int bulkhead_cell_update_status(struct bulkhead_update_status *status)
{
	/* The BULKHEAD_UPDATE_INFO_* facts, by type; the first says if it has a store at all. */
	u64 info[BULKHEAD_UPDATE_INFO_PROBATION_MS + 1];
	unsigned int id = status->cell, type;
	long ret;

	mutex_lock(&bulkhead.lock);
	ret = find_cell_or_complain(id) ? 0 : -ENOENT;
	for (type = 0; type < ARRAY_SIZE(info) && ret >= 0; type++) {
		ret = cell_hypercall("cell update status", BULKHEAD_HC_CELL_UPDATE,
				     update_target(id, BULKHEAD_UPDATE_INFO), type);
		info[type] = ret;
	}
	if (ret >= 0)
		*status = (struct bulkhead_update_status){
			.cell = id,
			.state = info[BULKHEAD_UPDATE_INFO_STATE],
			.cause = info[BULKHEAD_UPDATE_INFO_CAUSE],
			.probation_ms = info[BULKHEAD_UPDATE_INFO_PROBATION_MS],
			.probation_left_ms = info[BULKHEAD_UPDATE_INFO_PROBATION_LEFT_MS],
			.store_size = info[BULKHEAD_UPDATE_INFO_STORE_SIZE],
			.running_offset = info[BULKHEAD_UPDATE_INFO_RUNNING_OFFSET],
			.running_size = info[BULKHEAD_UPDATE_INFO_RUNNING_SIZE],
			.other_offset = info[BULKHEAD_UPDATE_INFO_OTHER_OFFSET],
			.other_size = info[BULKHEAD_UPDATE_INFO_OTHER_SIZE],
			.updates = bulkhead_hypercall(BULKHEAD_HC_CELL_GET_INFO, id,
						      BULKHEAD_CELL_INFO_UPDATES),
			.rollbacks = bulkhead_hypercall(BULKHEAD_HC_CELL_GET_INFO, id,
							BULKHEAD_CELL_INFO_ROLLBACKS),
		};
	mutex_unlock(&bulkhead.lock);
	return ret < 0 ? ret : 0;
}
