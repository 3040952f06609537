// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor events for supervisors: /dev/bulkhead-events.
 *
 * The hypervisor keeps the latest events in a small ring and raises the
 * system config's event_irq when new ones arrive (once, until we read). The
 * interrupt schedules fetch_work, which reads them a page at a time
 * (BULKHEAD_HC_EVENTS_READ) into a larger buffer here and wakes readers.
 * Without an event_irq the work polls once a second instead.
 *
 * A file's position is the sequence number of the next event it wants:
 * read() returns whole struct bulkhead_event records from there on, the
 * first one the oldest still held if that is later (the reader sees the gap
 * in the numbers: what it lost); lseek(fd, 0, SEEK_END) skips to the newest.
 * Sequence numbers start at 1 at each enable; after a disable, files opened
 * before it read end-of-file and poll reports POLLHUP.
 *
 * Locking: lock guards the buffer, the numbers and the fetch page; the
 * interrupt handler only queues the work.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irqdomain.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include <bulkhead/event.h>

#include "bulkhead.h"
#include "arch-hypercall.h"

/* Events held here; a power of two. The hypervisor holds fewer (256). */
#define BUFFERED	1024
#define PER_READ	(PAGE_SIZE / sizeof(struct bulkhead_event))

static struct {
	struct mutex lock;
	wait_queue_head_t wait;
	struct delayed_work fetch_work;
	struct bulkhead_event buf[BUFFERED];
	/* Events first .. next - 1 are in buf (at seq % BUFFERED). */
	u64 first, next;
	/* One page of our RAM the hypervisor writes events into. */
	struct page *page;
	/* Changes at each enable and disable: a file of another one reads EOF. */
	unsigned long generation;
	bool active;
	unsigned int intid;
	int irq;			/* Linux's number for the event_irq, 0: none */
	bool irq_created;
} ev = {
	.lock = __MUTEX_INITIALIZER(ev.lock),
	.wait = __WAIT_QUEUE_HEAD_INITIALIZER(ev.wait),
};

struct events_file {
	unsigned long generation;
};

/* Reads what the hypervisor has beyond what we hold; under ev.lock, while active. */
static void fetch(void)
{
	const struct bulkhead_event *got = page_address(ev.page);
	long count, n;

	do {
		count = bulkhead_hypercall(BULKHEAD_HC_EVENTS_READ, page_to_phys(ev.page),
					   ev.next);
		if (count < 0) {
			pr_err_ratelimited("bulkhead: events: the hypervisor refused the read "
					   "(error %ld)\n", count);
			return;
		}
		for (n = 0; n < count; n++) {
			ev.buf[got[n].seq % BUFFERED] = got[n];
			ev.next = got[n].seq + 1;
		}
		if (ev.next - ev.first > BUFFERED)
			ev.first = ev.next - BUFFERED;
	} while (count == PER_READ);
}

static void fetch_work(struct work_struct *work)
{
	bool fetched = false;

	mutex_lock(&ev.lock);
	if (ev.active) {
		fetch();
		fetched = true;
		/* Nothing will tell us: look again in a second. */
		if (!ev.irq)
			schedule_delayed_work(&ev.fetch_work, HZ);
	}
	mutex_unlock(&ev.lock);
	if (fetched)
		wake_up_interruptible(&ev.wait);
}

static irqreturn_t event_irq(int irq, void *data)
{
	/* The read may wait for the hypervisor's cell manager: not here. */
	schedule_delayed_work(&ev.fetch_work, 0);
	return IRQ_HANDLED;
}

/* The privilege management needs, at every call: a file handed on gives nothing. */
static int may_read(void)
{
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

static int events_open(struct inode *inode, struct file *file)
{
	struct events_file *ef;
	int err = may_read();

	if (err)
		return err;
	ef = kzalloc(sizeof(*ef), GFP_KERNEL);
	if (!ef)
		return -ENOMEM;
	mutex_lock(&ev.lock);
	if (!ev.active) {
		err = -ENODEV;
	} else {
		ef->generation = ev.generation;
		/* From the oldest held. */
		file->f_pos = ev.first;
	}
	mutex_unlock(&ev.lock);
	if (err) {
		pr_err("bulkhead: /dev/bulkhead-events: the hypervisor is not enabled\n");
		kfree(ef);
		return err;
	}
	file->private_data = ef;
	return 0;
}

static int events_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/* The file was opened under this enable, which still runs; under ev.lock. */
static bool current_file(const struct events_file *ef)
{
	return ev.active && ef->generation == ev.generation;
}

/*
 * Copies the events from *@pos on (or the oldest held, if later) into
 * @ubuf, as many as fit; under ev.lock. Returns bytes, or -EFAULT.
 */
static ssize_t copy_events(char __user *ubuf, size_t count, loff_t *pos)
{
	u64 seq = max_t(u64, *pos, ev.first), n = 0;
	const struct bulkhead_event *event;

	for (; seq < ev.next && (n + 1) * sizeof(*event) <= count; seq++) {
		event = &ev.buf[seq % BUFFERED];
		/* Lost in the hypervisor's ring before we fetched it: a gap. */
		if (event->seq != seq)
			continue;
		if (copy_to_user(ubuf + n * sizeof(*event), event, sizeof(*event)))
			return -EFAULT;
		n++;
	}
	*pos = seq;
	return n * sizeof(*event);
}

static ssize_t events_read(struct file *file, char __user *ubuf, size_t count, loff_t *pos)
{
	struct events_file *ef = file->private_data;
	ssize_t ret;
	int err = may_read();

	if (err)
		return err;
	if (count < sizeof(struct bulkhead_event))
		return -EINVAL;
	for (;;) {
		mutex_lock(&ev.lock);
		if (!current_file(ef)) {
			mutex_unlock(&ev.lock);
			return 0;
		}
		fetch();
		/* Nothing to copy if all that came was lost: wait for more. */
		ret = ev.next > *pos ? copy_events(ubuf, count, pos) : 0;
		mutex_unlock(&ev.lock);
		if (ret)
			return ret;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(ev.wait, READ_ONCE(ev.next) > *pos ||
					       !READ_ONCE(ev.active) ||
					       READ_ONCE(ev.generation) != ef->generation);
		if (err)
			return err;
	}
}

static __poll_t events_poll(struct file *file, poll_table *wait)
{
	struct events_file *ef = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &ev.wait, wait);
	mutex_lock(&ev.lock);
	if (!current_file(ef))
		mask = EPOLLHUP;
	else if (ev.next > file->f_pos)
		mask = EPOLLIN | EPOLLRDNORM;
	mutex_unlock(&ev.lock);
	return mask;
}

/* SEEK_SET: that sequence number; SEEK_CUR: from here; SEEK_END: from the next to come. */
static loff_t events_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t pos;

	mutex_lock(&ev.lock);
	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = file->f_pos + offset;
		break;
	case SEEK_END:
		/* What has happened so far is not to come: fetch it first. */
		if (ev.active)
			fetch();
		pos = ev.next + offset;
		break;
	default:
		pos = -EINVAL;
	}
	if (pos < 0)
		pos = -EINVAL;
	else
		file->f_pos = pos;
	mutex_unlock(&ev.lock);
	return pos;
}

static const struct file_operations events_fops = {
	.owner = THIS_MODULE,
	.open = events_open,
	.release = events_release,
	.read = events_read,
	.poll = events_poll,
	.llseek = events_llseek,
};

static struct miscdevice events_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead-events",
	.fops = &events_fops,
	.mode = 0600,
};

int bulkhead_events_init(void)
{
	INIT_DELAYED_WORK(&ev.fetch_work, fetch_work);
	return misc_register(&events_misc);
}

void bulkhead_events_exit(void)
{
	misc_deregister(&events_misc);
}

int bulkhead_events_prepare(const struct bulkhead_system *sys)
{
	int err;

	ev.page = alloc_page(GFP_KERNEL);
	if (!ev.page)
		return -ENOMEM;
	ev.intid = sys->event_irq;
	if (!ev.intid)
		return 0;
	ev.irq = bulkhead_arch_map_irq(ev.intid, "event_irq", &ev.irq_created);
	if (ev.irq < 0) {
		err = ev.irq;
		goto err_page;
	}
	err = request_irq(ev.irq, event_irq, 0, "bulkhead-events", &ev);
	if (!err)
		return 0;
	pr_err("bulkhead: cannot take event_irq %u (error %d); does a Linux driver use it?\n",
	       ev.intid, err);
	if (ev.irq_created)
		irq_dispose_mapping(ev.irq);
err_page:
	ev.irq = 0;
	__free_page(ev.page);
	ev.page = NULL;
	return err;
}

void bulkhead_events_start(bool fresh)
{
	mutex_lock(&ev.lock);
	if (fresh) {
		/* No record of the last enable may pass for one of this. */
		memset(ev.buf, 0, sizeof(ev.buf));
		ev.first = 1;
		ev.next = 1;
		ev.generation++;
	}
	ev.active = true;
	mutex_unlock(&ev.lock);
	/* What happened since enable, and the first look when nothing will tell us. */
	schedule_delayed_work(&ev.fetch_work, 0);
}

void bulkhead_events_stop(void)
{
	mutex_lock(&ev.lock);
	ev.active = false;
	mutex_unlock(&ev.lock);
	/* No hypercall after this: the hypervisor may leave. */
	cancel_delayed_work_sync(&ev.fetch_work);
	wake_up_interruptible(&ev.wait);
}

void bulkhead_events_release(void)
{
	if (ev.irq) {
		free_irq(ev.irq, &ev);
		if (ev.irq_created)
			irq_dispose_mapping(ev.irq);
	}
	ev.irq = 0;
	/* An interrupt between stop and free_irq queued it; it does nothing now. */
	cancel_delayed_work_sync(&ev.fetch_work);
	if (ev.page)
		__free_page(ev.page);
	ev.page = NULL;
	mutex_lock(&ev.lock);
	ev.generation++;
	mutex_unlock(&ev.lock);
}
