/* SPDX-License-Identifier: GPL-2.0 */
/* Bulkhead driver internals shared by its files. */
#ifndef _BULKHEAD_DRIVER_H
#define _BULKHEAD_DRIVER_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <bulkhead/config.h>
#include <bulkhead/header.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

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

int bulkhead_enable(const void __user *config, u32 size);
int bulkhead_disable(void);
int bulkhead_get_status(struct bulkhead_status *status);
long bulkhead_hypercall(unsigned long code, unsigned long arg1, unsigned long arg2);
ssize_t bulkhead_console_read(char __user *buf, size_t count, loff_t *pos);

int bulkhead_sysfs_init(struct device *dev);
void bulkhead_sysfs_exit(void);

/* arm64-entry.S */
long bulkhead_hvc_clobbering(unsigned long x0, unsigned long x1);

#endif /* !_BULKHEAD_DRIVER_H */
