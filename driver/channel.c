// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's side of its channels: one device per channel the system
 * config's root cell declares, BULKHEAD_CHANNEL_DEV_DIR/<name>, from enable
 * to disable. The user interface is described in include/bulkhead/ioctl.h.
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
 * Doorbells are counted by the hypervisor (RINGS_RECEIVED), not by counting
 * interrupts: the SPI is edge-triggered, so rings close together arrive as
 * one interrupt, and the hypervisor raises it for peer state changes too.
 * The handler only wakes sleepers; they fetch the counters, which re-arms
 * the doorbell in the hypervisor (one interrupt per fetch, however often the
 * peer rings). A channel whose
 * doorbell_irq is 0 takes no interrupt: its read blocks forever (EAGAIN with
 * O_NONBLOCK), poll never reports POLLIN, and nothing wakes a poller waiting
 * for POLLPRI or POLLOUT (poll still reports both as they are at the call).
 *
 * Locking: enable and disable change the table under bulkhead.lock.
 * users_lock guards the open counts and @live, so that disable's "nobody
 * has a device open" and open's "the hypervisor is still there" cannot
 * cross. A channel's lock guards its counters; its interrupt handler takes
 * no lock. File operations call the hypervisor without
 * bulkhead.lock: an open file keeps the hypervisor enabled.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irqdomain.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/wait.h>
#include <dt-bindings/interrupt-controller/arm-gic.h>

#include "bulkhead.h"

#define ROOT_CELL_ID	0
/* Device nodes are named relative to /dev. */
#define NODE_DIR	(BULKHEAD_CHANNEL_DEV_DIR + sizeof("/dev/") - 1)
#define NAME_PREFIX	"bulkhead-channel-"

struct channel_dev {
	struct miscdevice misc;
	bool registered;
	const struct bulkhead_channel *desc;
	unsigned int index;
	/* Misc device name (also the interrupt's name); the node's path under /dev. */
	char name[sizeof(NAME_PREFIX) + BULKHEAD_CHANNEL_NAME_LEN];
	char nodename[sizeof(BULKHEAD_CHANNEL_DEV_DIR) + BULKHEAD_CHANNEL_NAME_LEN];
	/* Linux interrupt of the doorbell (0: none); whether we made its mapping. */
	unsigned int irq;
	bool irq_mapped;
	/* Open files, under users_lock. */
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
};

/* The root cell's channels, copied from the system config at enable. */
static struct bulkhead_channel *descs;
static struct channel_dev *channels;
static unsigned int num_channels;

static DEFINE_SPINLOCK(users_lock);
/* The hypervisor runs and is not being disabled: devices may be opened. */
static bool live;

static long channel_get(unsigned int cell, unsigned int index, unsigned int type)
{
	return bulkhead_hypercall(BULKHEAD_HC_CHANNEL_GET_INFO, (cell << 16) | index, type);
}

static long root_get(const struct channel_dev *ch, unsigned int type)
{
	return channel_get(ROOT_CELL_ID, ch->index, type);
}

int bulkhead_channel_state(unsigned int cell, unsigned int index,
			   struct bulkhead_channel_info *info)
{
	static const unsigned int types[] = {
		BULKHEAD_CHANNEL_INFO_RIGHTS, BULKHEAD_CHANNEL_INFO_PEER_STATE,
		BULKHEAD_CHANNEL_INFO_PEER_EVENTS, BULKHEAD_CHANNEL_INFO_RINGS_SENT,
		BULKHEAD_CHANNEL_INFO_RINGS_RECEIVED,
	};
	long val[ARRAY_SIZE(types)];
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(types); n++) {
		val[n] = channel_get(cell, index, types[n]);
		if (val[n] < 0)
			return val[n];
	}
	info->rights = val[0];
	info->peer_state = val[1];
	info->peer_events = val[2];
	info->rings_sent = val[3];
	info->rings_received = val[4];
	return 0;
}

const struct bulkhead_channel *bulkhead_root_channels(unsigned int *count)
{
	*count = num_channels;
	return descs;
}

/* Takes in the hypervisor's counters; they only grow, so an older read arriving late is ignored. */
static void refresh(struct channel_dev *ch)
{
	long received = root_get(ch, BULKHEAD_CHANNEL_INFO_RINGS_RECEIVED);
	long events = root_get(ch, BULKHEAD_CHANNEL_INFO_PEER_EVENTS);
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	if (received > 0)
		ch->received = max_t(u64, ch->received, received);
	if (events > 0)
		ch->peer_events = max_t(u64, ch->peer_events, events);
	spin_unlock_irqrestore(&ch->lock, flags);
}

static irqreturn_t doorbell(int irq, void *data)
{
	struct channel_dev *ch = data;

	/*
	 * Only a wake-up: readers and pollers fetch the counts (refresh()),
	 * which is also what lets the hypervisor raise this doorbell again. A
	 * peer ringing in a loop costs Linux one interrupt per read, not one
	 * per ring.
	 */
	WRITE_ONCE(ch->kicked, true);
	wake_up_interruptible(&ch->wait);
	return IRQ_HANDLED;
}

/* Doorbells not read yet; @take marks them read. */
static u64 doorbells(struct channel_dev *ch, bool take)
{
	unsigned long flags;
	u64 n;

	spin_lock_irqsave(&ch->lock, flags);
	n = ch->received - ch->consumed;
	if (take)
		ch->consumed = ch->received;
	spin_unlock_irqrestore(&ch->lock, flags);
	return n;
}

static int ring(const struct channel_dev *ch)
{
	long ret = bulkhead_hypercall(BULKHEAD_HC_CHANNEL_RING, ch->index, 0);

	/* Not allowed, peer not running, no such channel: as the hypervisor says. */
	if (ret == -EPERM || ret == -ENOTCONN || ret == -EINVAL)
		return ret;
	return ret < 0 ? -EIO : 0;
}

static bool can_ring(const struct channel_dev *ch)
{
	long rights = root_get(ch, BULKHEAD_CHANNEL_INFO_RIGHTS);

	return rights >= 0 && (rights & BULKHEAD_CHANNEL_RIGHT_RING) &&
	       root_get(ch, BULKHEAD_CHANNEL_INFO_PEER_STATE) == BULKHEAD_PEER_UP;
}

static int channel_open(struct inode *inode, struct file *file)
{
	struct channel_dev *ch = container_of(file->private_data, struct channel_dev, misc);
	bool ok;

	/*
	 * Root's only, like /dev/bulkhead, whatever the node's mode says. The
	 * open file carries the right: a service may open it, then drop privileges.
	 */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	spin_lock(&users_lock);
	ok = live;
	if (ok)
		ch->users++;
	spin_unlock(&users_lock);
	if (!ok)
		return -ENODEV;
	file->private_data = ch;
	return nonseekable_open(inode, file);
}

static int channel_release(struct inode *inode, struct file *file)
{
	struct channel_dev *ch = file->private_data;

	spin_lock(&users_lock);
	ch->users--;
	spin_unlock(&users_lock);
	return 0;
}

static ssize_t channel_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct channel_dev *ch = file->private_data;
	u64 n;
	int err;

	if (count < sizeof(n))
		return -EINVAL;
	for (;;) {
		/* Cleared before the counts are fetched: a doorbell after that sets it. */
		WRITE_ONCE(ch->kicked, false);
		refresh(ch);
		n = doorbells(ch, true);
		if (n)
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(ch->wait, READ_ONCE(ch->kicked));
		if (err)
			return err;
	}
	if (put_user(n, (u64 __user *)buf)) {
		/* Not delivered: the next read reports them. */
		spin_lock_irq(&ch->lock);
		ch->consumed -= n;
		spin_unlock_irq(&ch->lock);
		return -EFAULT;
	}
	return sizeof(n);
}

static ssize_t channel_write(struct file *file, const char __user *buf, size_t count,
			     loff_t *pos)
{
	u64 value;
	int err;

	if (count < sizeof(value))
		return -EINVAL;
	/* The value means nothing; the buffer must still be readable. */
	if (get_user(value, (const u64 __user *)buf))
		return -EFAULT;
	err = ring(file->private_data);
	return err ?: sizeof(value);
}

static __poll_t channel_poll(struct file *file, poll_table *wait)
{
	struct channel_dev *ch = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &ch->wait, wait);
	refresh(ch);
	spin_lock_irq(&ch->lock);
	if (ch->received != ch->consumed)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (ch->peer_events != ch->acked_events)
		mask |= EPOLLPRI;
	spin_unlock_irq(&ch->lock);
	if (can_ring(ch))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

/* Linux 6.3 made vm_flags read-only outside its helpers. */
static void clear_vm_flags(struct vm_area_struct *vma, unsigned long flags)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_clear(vma, flags);
#else
	vma->vm_flags &= ~flags;
#endif
}

static int channel_mmap(struct file *file, struct vm_area_struct *vma)
{
	const struct channel_dev *ch = file->private_data;
	u64 size = ch->desc->size, len = vma->vm_end - vma->vm_start;
	long rights;

	/* VM_MAYSHARE: a read-only file's MAP_SHARED mapping lacks VM_SHARED. */
	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (vma->vm_pgoff > size >> PAGE_SHIFT || len > size - ((u64)vma->vm_pgoff << PAGE_SHIFT))
		return -EINVAL;
	rights = root_get(ch, BULKHEAD_CHANNEL_INFO_RIGHTS);
	if (rights < 0)
		return -EIO;
	if (!(rights & BULKHEAD_CHANNEL_RIGHT_WRITE)) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		/* Stage 2 maps it read-only for the root: no mprotect(PROT_WRITE) later. */
		clear_vm_flags(vma, VM_MAYWRITE);
	}
	/* Data a peer writes is never code here (stage 2 does not allow it either). */
	if (vma->vm_flags & VM_EXEC)
		return -EACCES;
	clear_vm_flags(vma, VM_MAYEXEC);
	/* Not Linux RAM; mapped as the cells map it, normal write-back cacheable. */
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(ch->desc->phys_start) + vma->vm_pgoff,
			       len, vma->vm_page_prot);
}

static long ioctl_info(struct channel_dev *ch, void __user *arg)
{
	struct bulkhead_channel_info info = {};
	int err = bulkhead_channel_state(ROOT_CELL_ID, ch->index, &info);

	if (err)
		return err;
	strscpy(info.name, ch->desc->name, sizeof(info.name));
	strscpy(info.peer, ch->desc->peer, sizeof(info.peer));
	info.phys_start = ch->desc->phys_start;
	info.size = ch->desc->size;
	info.doorbell_irq = ch->desc->doorbell_irq;
	/* What the caller is told of counts as acknowledged: POLLPRI clears. */
	spin_lock_irq(&ch->lock);
	ch->peer_events = max(ch->peer_events, info.peer_events);
	ch->acked_events = info.peer_events;
	spin_unlock_irq(&ch->lock);
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long channel_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct channel_dev *ch = file->private_data;

	switch (cmd) {
	case BULKHEAD_CHANNEL_RING:
		/* As write(): ringing is for those who opened it for writing. */
		return file->f_mode & FMODE_WRITE ? ring(ch) : -EBADF;
	case BULKHEAD_CHANNEL_INFO:
		return ioctl_info(ch, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations channel_fops = {
	.owner = THIS_MODULE,
	.open = channel_open,
	.release = channel_release,
	.read = channel_read,
	.write = channel_write,
	.poll = channel_poll,
	.mmap = channel_mmap,
	.unlocked_ioctl = channel_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

static void put_doorbell(struct channel_dev *ch, bool requested)
{
	if (!ch->irq)
		return;
	if (requested)
		free_irq(ch->irq, ch);
	if (ch->irq_mapped)
		irq_dispose_mapping(ch->irq);
	ch->irq = 0;
}

static int take_doorbell(struct channel_dev *ch)
{
	unsigned int intid = ch->desc->doorbell_irq;
	struct irq_fwspec spec = {
		.param_count = 3,
		.param = { GIC_SPI, intid - BULKHEAD_IRQ_SPI_FIRST, IRQ_TYPE_EDGE_RISING },
	};
	struct irq_domain *domain;
	struct device_node *gic;
	int err;

	if (intid < BULKHEAD_IRQ_SPI_FIRST || intid > BULKHEAD_IRQ_SPI_LAST) {
		pr_err("bulkhead: /dev/%s: doorbell_irq %u is not an SPI\n", ch->nodename, intid);
		return -EINVAL;
	}
	gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!gic) {
		pr_err("bulkhead: no GICv3 in the device tree for the channel doorbells\n");
		return -ENODEV;
	}
	spec.fwnode = of_node_to_fwnode(gic);
	/* Only a mapping we made goes at disable: an existing one may be a device's. */
	domain = irq_find_host(gic);
	ch->irq_mapped = !domain || !irq_find_mapping(domain, intid);
	ch->irq = irq_create_fwspec_mapping(&spec);
	of_node_put(gic);
	if (!ch->irq) {
		pr_err("bulkhead: /dev/%s: cannot map doorbell_irq %u\n", ch->nodename, intid);
		return -EINVAL;
	}
	err = request_irq(ch->irq, doorbell, 0, ch->name, ch);
	if (err) {
		pr_err("bulkhead: /dev/%s: cannot take doorbell_irq %u (error %d); does a Linux "
		       "driver use it?\n", ch->nodename, intid, err);
		put_doorbell(ch, false);
	}
	return err;
}

/* The name becomes a file name under NODE_DIR: not a path, not "." or "..". */
static bool node_name_ok(const char *name)
{
	return !strnchr(name, BULKHEAD_CHANNEL_NAME_LEN, '/') &&
	       strncmp(name, ".", BULKHEAD_CHANNEL_NAME_LEN) &&
	       strncmp(name, "..", BULKHEAD_CHANNEL_NAME_LEN);
}

/* The config is not validated yet (the hypervisor does that): names are bounded here. */
static int init_channel(struct channel_dev *ch, unsigned int index)
{
	const struct bulkhead_channel *desc = &descs[index];
	int len = BULKHEAD_CHANNEL_NAME_LEN;

	ch->desc = desc;
	ch->index = index;
	init_waitqueue_head(&ch->wait);
	spin_lock_init(&ch->lock);
	snprintf(ch->name, sizeof(ch->name), NAME_PREFIX "%.*s", len, desc->name);
	snprintf(ch->nodename, sizeof(ch->nodename), "%s/%.*s", NODE_DIR, len, desc->name);
	if (!node_name_ok(desc->name)) {
		pr_err("bulkhead: root cell channel %u: \"%.*s\" cannot be a device name\n",
		       index, len, desc->name);
		return -EINVAL;
	}
	/* mmap works in Linux pages, which may be larger than the hypervisor's. */
	if (!PAGE_ALIGNED(desc->phys_start) || !PAGE_ALIGNED(desc->size)) {
		pr_err("bulkhead: root cell channel \"%.*s\": memory 0x%llx+0x%llx is not aligned "
		       "to this kernel's %lu-byte pages\n", len, desc->name, desc->phys_start,
		       desc->size, PAGE_SIZE);
		return -EINVAL;
	}
	return desc->doorbell_irq ? take_doorbell(ch) : 0;
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
	/* Counted from here on, so that a failure below releases what exists. */
	num_channels = root->num_channels;
	err = descs && channels ? 0 : -ENOMEM;
	for (n = 0; n < num_channels && !err; n++)
		err = init_channel(&channels[n], n);
	if (err)
		bulkhead_channels_release();
	return err;
}

static void register_channel(struct channel_dev *ch)
{
	int err;

	ch->misc.minor = MISC_DYNAMIC_MINOR;
	ch->misc.name = ch->name;
	ch->misc.nodename = ch->nodename;
	ch->misc.mode = 0600;
	ch->misc.fops = &channel_fops;
	err = misc_register(&ch->misc);
	if (err)
		pr_err("bulkhead: cannot create /dev/%s (error %d); the channel has no device\n",
		       ch->nodename, err);
	ch->registered = !err;
}

void bulkhead_channels_start(void)
{
	unsigned int n;

	spin_lock(&users_lock);
	WRITE_ONCE(live, true);
	spin_unlock(&users_lock);
	/* Again after a disable the hypervisor refused: only what is missing. */
	for (n = 0; n < num_channels; n++)
		if (!channels[n].registered)
			register_channel(&channels[n]);
}

int bulkhead_channels_stop(void)
{
	const struct channel_dev *busy = NULL;
	unsigned int n;

	spin_lock(&users_lock);
	for (n = 0; n < num_channels && !busy; n++)
		if (channels[n].users)
			busy = &channels[n];
	if (!busy)
		WRITE_ONCE(live, false);
	spin_unlock(&users_lock);
	if (!busy)
		return 0;
	pr_err("bulkhead: disable: channel device /dev/%s is open or mapped; close it first\n",
	       busy->nodename);
	return -EBUSY;
}

void bulkhead_channels_release(void)
{
	unsigned int n;

	for (n = 0; channels && n < num_channels; n++) {
		/* After this no open can start; stop() made sure none is under way. */
		if (channels[n].registered)
			misc_deregister(&channels[n].misc);
		put_doorbell(&channels[n], true);
	}
	kfree(channels);
	kfree(descs);
	channels = NULL;
	descs = NULL;
	num_channels = 0;
}
