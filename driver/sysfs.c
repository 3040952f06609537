// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead: enabled, version, mem_pool_size, mem_pool_used
 * (pages), enable_time_ns, and cells/<id>/{name,state,cpus,failed_cpus,reason,
 * loadable,statistics,channels,config,trace_mask} for the cells that exist, the
 * root cell being 0. trace_mask: the BULKHEAD_TRACE_CLASS_* bits the hypervisor
 * traces of the cell, in hex ("0x0" when none, or no rings are set up). Every file is mode 0400: what cells are and do is root's to read.
 *
 * config: the binary cell config the cell was created from, as handed to the
 * hypervisor (empty for the root cell): hvctl generates the device tree of an
 * operating system in the cell from it.
 *
 * channels: one line per channel of the cell, in config order, fields
 * separated by one space (hvctl channel list parses it):
 *   <name> <peer> <peer_state> <rights> 0x<phys_start>+0x<size> irq=<n> sent=<n>
 *   received=<n> events=<n>
 * (one line). peer_state is absent, down, up or failed; rights rw+ring, rw,
 * ro+ring or ro (BULKHEAD_CHANNEL_INFO_RIGHTS); addresses in hex, the rest
 * decimal: the cell's doorbell_irq (0: none), then the hypervisor's counters:
 * doorbells this side raised, doorbells raised at this side, peer state
 * changes. A channel the hypervisor no longer answers for (its cell being
 * destroyed) reads "absent ro ... sent=0 received=0 events=0". Empty when
 * the cell has no channels.
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "bulkhead.h"

static struct kobject *cells_kobj;
static struct cell_kobj *root_cell_kobj;

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

/* How long the last enable took inside the hypervisor (make bench). */
static ssize_t enable_time_ns_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "init %ld\nall %ld\n", info_or_zero(BULKHEAD_INFO_ENABLE_INIT_NS),
			  info_or_zero(BULKHEAD_INFO_ENABLE_NS));
}

/* Memory zeroed as it changed owner since enable, and what it cost (make bench). */
static ssize_t scrub_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "bytes %ld\nns %ld\n", info_or_zero(BULKHEAD_INFO_SCRUB_BYTES),
			  info_or_zero(BULKHEAD_INFO_SCRUB_NS));
}

static DEVICE_ATTR_ADMIN_RO(enabled);
static DEVICE_ATTR_ADMIN_RO(enable_time_ns);
static DEVICE_ATTR_ADMIN_RO(scrub);
static DEVICE_ATTR_ADMIN_RO(version);
static DEVICE_ATTR_ADMIN_RO(mem_pool_size);
static DEVICE_ATTR_ADMIN_RO(mem_pool_used);

static struct attribute *bulkhead_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_version.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_scrub.attr,
	&dev_attr_enable_time_ns.attr,
	NULL,
};

static const struct attribute_group bulkhead_group = {
	.attrs = bulkhead_attrs,
};

/*
 * cells/<id>/: the reads go straight to the hypervisor, without
 * bulkhead.lock, because a cell's directory is removed with that lock held.
 * A directory exists only while its cell does, and the root's only while
 * the driver is loaded; reading the root's before enable shows "none".
 * Destroy removes a cell's directory just after the hypervisor let the cell
 * go: in between, its files that ask the hypervisor fail with ENODEV, as
 * files of a directory being removed do, so that a reader takes the cell
 * for gone rather than the hypervisor for disabled.
 */
struct cell_kobj {
	struct kobject kobj;
	unsigned int id;
	char name[BULKHEAD_CELL_NAME_LEN];
	/* Loadable regions, "0xvirt 0xsize" per line, from the config. */
	char *loadable;
	/* A copy of the config's channels; the root's are channel.c's. */
	struct bulkhead_channel *channels;
	unsigned int num_channels;
	/* A copy of the cell's config (NULL for the root cell). */
	void *config;
	u32 config_size;
};

#define to_cell_kobj(k) container_of(k, struct cell_kobj, kobj)

static bool cell_visible(const struct cell_kobj *ck)
{
	return ck->id != 0 || READ_ONCE(bulkhead.enabled);
}

static long cell_info(const struct cell_kobj *ck, unsigned int type)
{
	return bulkhead_hypercall(BULKHEAD_HC_CELL_GET_INFO, ck->id, type);
}

/* The first thing a file asks of the cell: @none for the root before enable, -ENODEV if gone. */
static long first_cell_info(const struct cell_kobj *ck, unsigned int type, long none)
{
	long val;

	if (!cell_visible(ck))
		return none;
	val = cell_info(ck, type);
	return val < 0 ? -ENODEV : val;
}

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);

	return sysfs_emit(buf, "%s\n", cell_visible(ck) ? ck->name : "");
}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	static const char *const names[] = {
		[BULKHEAD_CELL_STATE_SHUT_DOWN] = "shut-down",
		[BULKHEAD_CELL_STATE_RUNNING] = "running",
		[BULKHEAD_CELL_STATE_FAILED] = "failed",
	};
	struct cell_kobj *ck = to_cell_kobj(kobj);
	long state = first_cell_info(ck, BULKHEAD_CELL_INFO_STATE, ARRAY_SIZE(names));

	if (state < 0)
		return state;
	return sysfs_emit(buf, "%s\n", state < ARRAY_SIZE(names) ? names[state] : "none");
}

static ssize_t show_cpu_set(struct kobject *kobj, unsigned int type, char *buf)
{
	long set = first_cell_info(to_cell_kobj(kobj), type, 0);
	unsigned long cpus = set;

	if (set < 0)
		return set;
	return sysfs_emit(buf, "%*pbl\n", BITS_PER_LONG, &cpus);
}

static ssize_t cpus_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_cpu_set(kobj, BULKHEAD_CELL_INFO_CPUS, buf);
}

static ssize_t failed_cpus_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_cpu_set(kobj, BULKHEAD_CELL_INFO_FAILED_CPUS, buf);
}

/* The first fault that failed the cell, in words; empty unless it failed. */
static ssize_t reason_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);
	long fault = first_cell_info(ck, BULKHEAD_CELL_INFO_FAULT, 0);
	unsigned long cpu, addr, pc, detail;

	if (fault < 0)
		return fault;
	if (!fault)
		return sysfs_emit(buf, "\n");
	cpu = cell_info(ck, BULKHEAD_CELL_INFO_FAULT_CPU);
	addr = cell_info(ck, BULKHEAD_CELL_INFO_FAULT_ADDR);
	pc = cell_info(ck, BULKHEAD_CELL_INFO_FAULT_PC);
	detail = cell_info(ck, BULKHEAD_CELL_INFO_FAULT_DETAIL);
	switch (fault) {
	case BULKHEAD_FAULT_READ:
	case BULKHEAD_FAULT_WRITE:
	case BULKHEAD_FAULT_FETCH:
		return sysfs_emit(buf, "CPU %lu: %s at 0x%lx denied (pc 0x%lx)\n", cpu,
				  fault == BULKHEAD_FAULT_READ ? "read" :
				  fault == BULKHEAD_FAULT_WRITE ? "write" : "instruction fetch",
				  addr, pc);
	case BULKHEAD_FAULT_HYPERCALL:
		return sysfs_emit(buf, "CPU %lu: hypercall 0x%lx not allowed (pc 0x%lx)\n", cpu,
				  detail, pc);
	case BULKHEAD_FAULT_SMC:
		return sysfs_emit(buf, "CPU %lu: SMC 0x%lx not allowed (pc 0x%lx)\n", cpu, detail,
				  pc);
	case BULKHEAD_FAULT_EXCEPTION:
		return sysfs_emit(buf, "CPU %lu: unhandled exception, %s 0x%lx (pc 0x%lx)\n", cpu,
				  bulkhead_arch.trap_detail, detail, pc);
	default:
		return sysfs_emit(buf, "CPU %lu: trap not allowed, %s 0x%lx (pc 0x%lx)\n", cpu,
				  bulkhead_arch.trap_detail, detail, pc);
	}
}

/* Exit counters of the cell's CPUs: a header line, then one line per CPU. */
static ssize_t statistics_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	static const char *const names[BULKHEAD_CPU_STAT_COUNT] = {
		"total", "hypercall", "mmio", "psci", "sysreg", "other", "irq", "management",
		"sgi", "virq", "maintenance",
	};
	struct cell_kobj *ck = to_cell_kobj(kobj);
	long set = first_cell_info(ck, BULKHEAD_CELL_INFO_CPUS, 0);
	unsigned int cpu, n;
	int len;

	if (set < 0)
		return set;
	len = sysfs_emit(buf, "cpu");
	for (n = 0; n < BULKHEAD_CPU_STAT_COUNT; n++)
		len += sysfs_emit_at(buf, len, " %s", names[n]);
	len += sysfs_emit_at(buf, len, "\n");
	for (cpu = 0; set > 0 && cpu < BULKHEAD_MAX_CPUS; cpu++) {
		if (!(set & BIT_ULL(cpu)))
			continue;
		len += sysfs_emit_at(buf, len, "%u", cpu);
		for (n = 0; n < BULKHEAD_CPU_STAT_COUNT; n++) {
			long val = bulkhead_hypercall(BULKHEAD_HC_CPU_GET_INFO, cpu,
						      BULKHEAD_CPU_INFO_STAT_BASE + n);

			/* Counters are unsigned; an error (a CPU gone meanwhile) reads as 0. */
			len += sysfs_emit_at(buf, len, " %lu", val < 0 ? 0UL : (unsigned long)val);
		}
		len += sysfs_emit_at(buf, len, "\n");
	}
	return len;
}

/* A count the hypervisor keeps for the cell: 0 once the cell is gone. */
static ssize_t show_count(struct kobject *kobj, unsigned int type, char *buf)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);
	long count = cell_visible(ck) ? cell_info(ck, type) : 0;

	return sysfs_emit(buf, "%ld\n", count < 0 ? 0 : count);
}

/* Messages the cell caused beyond the hypervisor console's rate limit: its own console has them. */
static ssize_t messages_suppressed_show(struct kobject *kobj, struct kobj_attribute *attr,
					char *buf)
{
	return show_count(kobj, BULKHEAD_CELL_INFO_SUPPRESSED, buf);
}

/* Restarts the cell made itself (PSCI SYSTEM_RESET) since create. */
static ssize_t restarts_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_count(kobj, BULKHEAD_CELL_INFO_RESTARTS, buf);
}

/* Counted by the hypervisor as it posts the events (bulkhead/event.h), since create. */
static ssize_t watchdog_expiries_show(struct kobject *kobj, struct kobj_attribute *attr,
				      char *buf)
{
	return show_count(kobj, BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES, buf);
}

static ssize_t faults_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_count(kobj, BULKHEAD_CELL_INFO_FAULTS, buf);
}

static ssize_t rollbacks_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_count(kobj, BULKHEAD_CELL_INFO_ROLLBACKS, buf);
}

static ssize_t updates_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return show_count(kobj, BULKHEAD_CELL_INFO_UPDATES, buf);
}

static ssize_t trace_mask_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);
	long mask = cell_visible(ck) ? bulkhead_trace_mask(ck->id) : 0;

	return sysfs_emit(buf, "0x%lx\n", mask < 0 ? 0 : mask);
}

static ssize_t loadable_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);

	return sysfs_emit(buf, "%s", ck->loadable ? ck->loadable : "");
}

static ssize_t show_channels(unsigned int id, const struct bulkhead_channel *desc,
			     unsigned int num, char *buf)
{
	static const char *const states[] = {
		[BULKHEAD_PEER_ABSENT] = "absent",
		[BULKHEAD_PEER_DOWN] = "down",
		[BULKHEAD_PEER_UP] = "up",
		[BULKHEAD_PEER_FAILED] = "failed",
	};
	unsigned int n;
	int len = 0;

	for (n = 0; n < num; n++, desc++) {
		struct bulkhead_channel_info info = {};

		bulkhead_channel_state(id, n, &info);
		len += sysfs_emit_at(buf, len, "%.*s %.*s %s %s%s 0x%llx+0x%llx irq=%u sent=%llu "
				     "received=%llu events=%llu\n",
				     BULKHEAD_CHANNEL_NAME_LEN, desc->name,
				     BULKHEAD_CELL_NAME_LEN, desc->peer,
				     states[info.peer_state < ARRAY_SIZE(states) ? info.peer_state : 0],
				     info.rights & BULKHEAD_CHANNEL_RIGHT_WRITE ? "rw" : "ro",
				     info.rights & BULKHEAD_CHANNEL_RIGHT_RING ? "+ring" : "",
				     desc->phys_start, desc->size, desc->doorbell_irq,
				     info.rings_sent, info.rings_received, info.peer_events);
	}
	return len;
}

static ssize_t channels_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);
	const struct bulkhead_channel *root;
	unsigned int num;
	ssize_t len;

	if (ck->id)
		return show_channels(ck->id, ck->channels, ck->num_channels, buf);
	/*
	 * The root's table lives from enable to disable, under bulkhead.lock;
	 * taking it is safe here because the root's directory is never removed
	 * with the lock held.
	 */
	mutex_lock(&bulkhead.lock);
	root = bulkhead_root_channels(&num);
	len = show_channels(0, root, num, buf);
	mutex_unlock(&bulkhead.lock);
	return len;
}

static struct kobj_attribute cell_name_attr = __ATTR_RO_MODE(name, 0400);
static struct kobj_attribute cell_state_attr = __ATTR_RO_MODE(state, 0400);
static struct kobj_attribute cell_cpus_attr = __ATTR_RO_MODE(cpus, 0400);
static struct kobj_attribute cell_failed_cpus_attr = __ATTR_RO_MODE(failed_cpus, 0400);
static struct kobj_attribute cell_reason_attr = __ATTR_RO_MODE(reason, 0400);
static struct kobj_attribute cell_loadable_attr = __ATTR_RO_MODE(loadable, 0400);
static struct kobj_attribute cell_statistics_attr = __ATTR_RO_MODE(statistics, 0400);
static struct kobj_attribute cell_channels_attr = __ATTR_RO_MODE(channels, 0400);
static struct kobj_attribute cell_messages_suppressed_attr =
	__ATTR_RO_MODE(messages_suppressed, 0400);
static struct kobj_attribute cell_restarts_attr = __ATTR_RO_MODE(restarts, 0400);
static struct kobj_attribute cell_watchdog_expiries_attr = __ATTR_RO_MODE(watchdog_expiries, 0400);
static struct kobj_attribute cell_faults_attr = __ATTR_RO_MODE(faults, 0400);
static struct kobj_attribute cell_rollbacks_attr = __ATTR_RO_MODE(rollbacks, 0400);
static struct kobj_attribute cell_updates_attr = __ATTR_RO_MODE(updates, 0400);
static struct kobj_attribute cell_trace_mask_attr = __ATTR_RO_MODE(trace_mask, 0400);

static ssize_t config_read(struct file *file, struct kobject *kobj, struct bin_attribute *attr,
			   char *buf, loff_t off, size_t count)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);

	return memory_read_from_buffer(buf, count, &off, ck->config, ck->config_size);
}

/* Sized as the largest config: readers read until the end, as for any file. */
static BIN_ATTR_ADMIN_RO(config, BULKHEAD_CONFIG_MAX_SIZE);

static struct attribute *cell_attrs[] = {
	&cell_name_attr.attr,
	&cell_state_attr.attr,
	&cell_cpus_attr.attr,
	&cell_failed_cpus_attr.attr,
	&cell_reason_attr.attr,
	&cell_loadable_attr.attr,
	&cell_statistics_attr.attr,
	&cell_channels_attr.attr,
	&cell_messages_suppressed_attr.attr,
	&cell_restarts_attr.attr,
	&cell_watchdog_expiries_attr.attr,
	&cell_faults_attr.attr,
	&cell_rollbacks_attr.attr,
	&cell_updates_attr.attr,
	&cell_trace_mask_attr.attr,
	NULL,
};

static struct bin_attribute *cell_bin_attrs[] = {
	&bin_attr_config,
	NULL,
};

static const struct attribute_group cell_group = {
	.attrs = cell_attrs,
	.bin_attrs = cell_bin_attrs,
};
__ATTRIBUTE_GROUPS(cell);

static void cell_kobj_release(struct kobject *kobj)
{
	struct cell_kobj *ck = to_cell_kobj(kobj);

	kfree(ck->loadable);
	kfree(ck->channels);
	kfree(ck->config);
	kfree(ck);
}

static const struct kobj_type cell_ktype = {
	.release = cell_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = cell_groups,
};

static char *loadable_text(const struct bulkhead_cell *desc)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(desc);
	size_t size = desc->num_mem_regions * 40 + 1, len = 0;
	char *text = kzalloc(size, GFP_KERNEL);
	unsigned int n;

	for (n = 0; text && n < desc->num_mem_regions; n++, region++)
		if (region->flags & BULKHEAD_MEM_LOADABLE)
			len += scnprintf(text + len, size - len, "0x%llx 0x%llx\n",
					 region->virt_start, region->size);
	return text;
}

/* @cell is NULL for the root cell. */
static struct cell_kobj *add_cell_kobj(unsigned int id, const char *name,
				       const struct bulkhead_cell_dev *cell)
{
	struct cell_kobj *ck = kzalloc(sizeof(*ck), GFP_KERNEL);
	const struct bulkhead_cell *desc = cell ? cell->desc : NULL;

	if (!ck)
		return NULL;
	ck->id = id;
	strscpy(ck->name, name, sizeof(ck->name));
	if (desc) {
		ck->loadable = loadable_text(desc);
		ck->num_channels = desc->num_channels;
		ck->channels = kmemdup(bulkhead_cell_channels(desc),
				       desc->num_channels * sizeof(*ck->channels), GFP_KERNEL);
		ck->config = kmemdup(cell->config, cell->config_size, GFP_KERNEL);
		ck->config_size = cell->config_size;
		if (!ck->loadable || !ck->channels || !ck->config) {
			kfree(ck->loadable);
			kfree(ck->channels);
			kfree(ck->config);
			kfree(ck);
			return NULL;
		}
	}
	if (kobject_init_and_add(&ck->kobj, &cell_ktype, cells_kobj, "%u", id)) {
		kobject_put(&ck->kobj);
		return NULL;
	}
	return ck;
}

int bulkhead_sysfs_add_cell(struct bulkhead_cell_dev *cell)
{
	cell->kobj = add_cell_kobj(cell->id, cell->name, cell);
	return cell->kobj ? 0 : -ENOMEM;
}

void bulkhead_sysfs_remove_cell(struct bulkhead_cell_dev *cell)
{
	kobject_put(&cell->kobj->kobj);
	cell->kobj = NULL;
}

/* The root cell's name is only known after enable. */
void bulkhead_sysfs_set_root_name(const char *name)
{
	strscpy(root_cell_kobj->name, name, sizeof(root_cell_kobj->name));
}

int bulkhead_sysfs_init(struct device *dev)
{
	int err = sysfs_create_group(&dev->kobj, &bulkhead_group);

	if (err)
		return err;
	cells_kobj = kobject_create_and_add("cells", &dev->kobj);
	root_cell_kobj = cells_kobj ? add_cell_kobj(0, "", NULL) : NULL;
	if (!root_cell_kobj) {
		bulkhead_sysfs_exit();
		return -ENOMEM;
	}
	return 0;
}

void bulkhead_sysfs_exit(void)
{
	if (root_cell_kobj)
		kobject_put(&root_cell_kobj->kobj);
	kobject_put(cells_kobj);
	sysfs_remove_group(&bulkhead.dev->kobj, &bulkhead_group);
}
