// SPDX-License-Identifier: GPL-2.0
/*
 * One side of a channel as a device (channel-dev.h), for the root's driver
 * and a Linux cell's alike.
 *
 * Doorbells are counted by the hypervisor (RINGS_RECEIVED), not by counting
 * interrupts: the SPI is edge-triggered, so rings close together arrive as
 * one interrupt, and the hypervisor raises it for peer state changes too.
 * The handler only wakes sleepers; they fetch the counters, which re-arms
 * the doorbell in the hypervisor (one interrupt per fetch, however often the
 * peer rings). A channel whose side takes no doorbells has no interrupt: its
 * read blocks forever (EAGAIN with O_NONBLOCK), poll never reports POLLIN,
 * and nothing wakes a poller waiting for POLLPRI or POLLOUT (poll still
 * reports both as they are at the call).
 *
 * Locking: users_lock guards the open counts and @live, so that stop's
 * "nobody has a device open" and open's "the hypervisor is still there"
 * cannot cross. A channel's lock guards its counters; its interrupt handler
 * takes no lock.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#include "channel-dev.h"

/* Device nodes are named relative to /dev. */
#define NODE_DIR	(BULKHEAD_CHANNEL_DEV_DIR + sizeof("/dev/") - 1)

static DEFINE_SPINLOCK(users_lock);
/* The hypervisor runs and is not being disabled: devices may be opened. */
static bool live;

static long channel_get(unsigned int cell, unsigned int index, unsigned int type)
{
	return bulkhead_hypercall(BULKHEAD_HC_CHANNEL_GET_INFO, (cell << 16) | index, type);
}

static long side_get(const struct channel_dev *ch, unsigned int type)
{
	return channel_get(ch->cell, ch->index, type);
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

/* Takes in the hypervisor's counters; they only grow, so an older read arriving late is ignored. */
static void refresh(struct channel_dev *ch)
{
	long received = side_get(ch, BULKHEAD_CHANNEL_INFO_RINGS_RECEIVED);
	long events = side_get(ch, BULKHEAD_CHANNEL_INFO_PEER_EVENTS);
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
	trace_drv_doorbell(READ_ONCE(ch->peer_cell), ch->index);
	if (trace_drv_doorbell_wake_enabled())
		WRITE_ONCE(ch->kicked_ns, ktime_get_ns());
	WRITE_ONCE(ch->kicked, true);
	wake_up_interruptible(&ch->wait);
	return IRQ_HANDLED;
}

/* A reader or poller saw the doorbells: how long since the interrupt, if traced. */
static void note_wake(struct channel_dev *ch)
{
	u64 kicked_ns;

	if (!trace_drv_doorbell_wake_enabled())
		return;
	kicked_ns = xchg(&ch->kicked_ns, 0);
	if (kicked_ns)
		trace_drv_doorbell_wake(ktime_get_ns() - kicked_ns, READ_ONCE(ch->peer_cell),
					ch->index);
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
	long rights = side_get(ch, BULKHEAD_CHANNEL_INFO_RIGHTS);

	return rights >= 0 && (rights & BULKHEAD_CHANNEL_RIGHT_RING) &&
	       side_get(ch, BULKHEAD_CHANNEL_INFO_PEER_STATE) == BULKHEAD_PEER_UP;
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
		if (n) {
			note_wake(ch);
			break;
		}
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
	if (mask & EPOLLIN)
		note_wake(ch);
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
	u64 size = ch->size, len = vma->vm_end - vma->vm_start;
	long rights;

	/* VM_MAYSHARE: a read-only file's MAP_SHARED mapping lacks VM_SHARED. */
	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (vma->vm_pgoff > size >> PAGE_SHIFT || len > size - ((u64)vma->vm_pgoff << PAGE_SHIFT))
		return -EINVAL;
	rights = side_get(ch, BULKHEAD_CHANNEL_INFO_RIGHTS);
	if (rights < 0)
		return -EIO;
	if (!(rights & BULKHEAD_CHANNEL_RIGHT_WRITE)) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		/* Stage 2 maps it read-only for this side: no mprotect(PROT_WRITE) later. */
		clear_vm_flags(vma, VM_MAYWRITE);
	}
	/* Data a peer writes is never code here (stage 2 does not allow it either). */
	if (vma->vm_flags & VM_EXEC)
		return -EACCES;
	clear_vm_flags(vma, VM_MAYEXEC);
	/* Not Linux RAM; mapped as the cells map it, normal write-back cacheable. */
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(ch->address) + vma->vm_pgoff,
			       len, vma->vm_page_prot);
}

static long ioctl_info(struct channel_dev *ch, void __user *arg)
{
	struct bulkhead_channel_info info = {};
	int err = bulkhead_channel_state(ch->cell, ch->index, &info);

	if (err)
		return err;
	strscpy(info.name, ch->chan_name, sizeof(info.name));
	strscpy(info.peer, ch->peer, sizeof(info.peer));
	info.phys_start = ch->address;
	info.size = ch->size;
	info.doorbell_irq = ch->doorbell_intid;
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

/* The name becomes a file name under NODE_DIR: not a path, not "." or "..". */
static bool node_name_ok(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

int channel_dev_init(struct channel_dev *ch, const char *owner, unsigned int cell,
		     unsigned int index, const char *name, const char *peer, u64 address,
		     u64 size, u32 doorbell_intid)
{
	ch->cell = cell;
	ch->index = index;
	ch->peer_cell = CHANNEL_NO_PEER;
	ch->address = address;
	ch->size = size;
	ch->doorbell_intid = doorbell_intid;
	init_waitqueue_head(&ch->wait);
	spin_lock_init(&ch->lock);
	strscpy(ch->chan_name, name, sizeof(ch->chan_name));
	strscpy(ch->peer, peer, sizeof(ch->peer));
	snprintf(ch->name, sizeof(ch->name), CHANNEL_DEV_PREFIX "%s", ch->chan_name);
	snprintf(ch->nodename, sizeof(ch->nodename), "%s/%s", NODE_DIR, ch->chan_name);
	if (!node_name_ok(ch->chan_name)) {
		pr_err("bulkhead: %s channel %u: \"%s\" cannot be a device name\n", owner, index,
		       ch->chan_name);
		return -EINVAL;
	}
	/* mmap works in Linux pages, which may be larger than the hypervisor's. */
	if (!PAGE_ALIGNED(address) || !PAGE_ALIGNED(size) || !size) {
		pr_err("bulkhead: %s channel \"%s\": memory 0x%llx+0x%llx is not whole pages of "
		       "this kernel's %lu bytes\n", owner, ch->chan_name, address, size, PAGE_SIZE);
		return -EINVAL;
	}
	return 0;
}

int channel_dev_request_irq(struct channel_dev *ch, unsigned int irq)
{
	int err = request_irq(irq, doorbell, 0, ch->name, ch);

	if (err) {
		pr_err("bulkhead: /dev/%s: cannot take doorbell_irq %u (error %d); does a Linux "
		       "driver use it?\n", ch->nodename, ch->doorbell_intid, err);
		return err;
	}
	ch->irq = irq;
	return 0;
}

void channel_dev_free_irq(struct channel_dev *ch)
{
	if (ch->irq)
		free_irq(ch->irq, ch);
	ch->irq = 0;
}

void channel_dev_register(struct channel_dev *ch)
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

void channel_dev_deregister(struct channel_dev *ch)
{
	/* After this no open can start; stop made sure none is under way. */
	if (ch->registered)
		misc_deregister(&ch->misc);
	ch->registered = false;
}

void channel_devs_start(void)
{
	spin_lock(&users_lock);
	WRITE_ONCE(live, true);
	spin_unlock(&users_lock);
}

int channel_devs_stop(const struct channel_dev *chs, unsigned int count, const char *why)
{
	const struct channel_dev *busy = NULL;
	unsigned int n;

	spin_lock(&users_lock);
	for (n = 0; n < count && !busy; n++)
		if (chs[n].users)
			busy = &chs[n];
	if (!busy)
		WRITE_ONCE(live, false);
	spin_unlock(&users_lock);
	if (!busy)
		return 0;
	pr_err("bulkhead: %s: channel device /dev/%s is open or mapped; close it first\n", why,
	       busy->nodename);
	return -EBUSY;
}
