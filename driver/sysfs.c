// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead: enabled, version, mem_pool_size, mem_pool_used
 * (pages), and cells/<id>/{name,state,cpus} for the cells that exist.
 */
#include <linux/kobject.h>
#include <linux/sysfs.h>

#include "bulkhead.h"

static struct kobject *cells_kobj;
static struct kobject *root_cell_kobj;

static long info_or_zero(unsigned long type)
{
	long val = 0;

	mutex_lock(&bulkhead.lock);
	if (bulkhead.enabled)
		val = bulkhead_hypercall(BULKHEAD_HC_GET_INFO, type, 0);
	mutex_unlock(&bulkhead.lock);
	return val < 0 ? 0 : val;
}

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", bulkhead.enabled);
}

static ssize_t version_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	long v = info_or_zero(BULKHEAD_INFO_VERSION);

	if (!v)
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "%ld.%ld.%ld\n", BULKHEAD_VERSION_MAJOR(v),
			  BULKHEAD_VERSION_MINOR(v), BULKHEAD_VERSION_PATCH(v));
}

static ssize_t mem_pool_size_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n", info_or_zero(BULKHEAD_INFO_POOL_PAGES));
}

static ssize_t mem_pool_used_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%ld\n", info_or_zero(BULKHEAD_INFO_POOL_USED));
}

static DEVICE_ATTR_RO(enabled);
static DEVICE_ATTR_RO(version);
static DEVICE_ATTR_RO(mem_pool_size);
static DEVICE_ATTR_RO(mem_pool_used);

static struct attribute *bulkhead_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_version.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	NULL,
};

static const struct attribute_group bulkhead_group = {
	.attrs = bulkhead_attrs,
};

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", bulkhead.enabled ? bulkhead.root_name : "");
}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", bulkhead.enabled ? "running" : "none");
}

static ssize_t cpus_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	unsigned long cpus = bulkhead.enabled ? bulkhead.root_cpus : 0;

	return sysfs_emit(buf, "%*pbl\n", BITS_PER_LONG, &cpus);
}

static struct kobj_attribute cell_name_attr = __ATTR_RO(name);
static struct kobj_attribute cell_state_attr = __ATTR_RO(state);
static struct kobj_attribute cell_cpus_attr = __ATTR_RO(cpus);

static struct attribute *cell_attrs[] = {
	&cell_name_attr.attr,
	&cell_state_attr.attr,
	&cell_cpus_attr.attr,
	NULL,
};

static const struct attribute_group cell_group = {
	.attrs = cell_attrs,
};

int bulkhead_sysfs_init(struct device *dev)
{
	int err = sysfs_create_group(&dev->kobj, &bulkhead_group);

	if (err)
		return err;
	cells_kobj = kobject_create_and_add("cells", &dev->kobj);
	root_cell_kobj = cells_kobj ? kobject_create_and_add("0", cells_kobj) : NULL;
	if (!root_cell_kobj || sysfs_create_group(root_cell_kobj, &cell_group)) {
		bulkhead_sysfs_exit();
		return -ENOMEM;
	}
	return 0;
}

void bulkhead_sysfs_exit(void)
{
	kobject_put(root_cell_kobj);
	kobject_put(cells_kobj);
	sysfs_remove_group(&bulkhead.dev->kobj, &bulkhead_group);
}
