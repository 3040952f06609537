// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: /dev/bulkhead for hvctl, /sys/devices/bulkhead for
 * scripts. The work is done in hypervisor.c; the root cell's channel
 * devices are channel.c's.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bulkhead.h"
#include "trace.h"

struct bulkhead_state bulkhead = {
	.lock = __MUTEX_INITIALIZER(bulkhead.lock),
};

static long ioctl_enable(void __user *arg)
{
	struct bulkhead_enable_args args;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	if (args.flags) {
		pr_err("bulkhead: enable: unknown flags 0x%x\n", args.flags);
		return -EINVAL;
	}
	return bulkhead_enable(u64_to_user_ptr(args.config), args.config_size);
}

/* Hands a report too large for the stack to user space if @err is 0, and frees it. */
static long report_to_user(void __user *arg, void *report, size_t size, int err)
{
	if (!err && copy_to_user(arg, report, size))
		err = -EFAULT;
	kfree(report);
	return err;
}

static long ioctl_get_status(void __user *arg)
{
	struct bulkhead_status *status = kzalloc(sizeof(*status), GFP_KERNEL);

	if (!status)
		return -ENOMEM;
	return report_to_user(arg, status, sizeof(*status), bulkhead_get_status(status));
}

static long ioctl_cell_create(void __user *arg)
{
	struct bulkhead_cell_create_args args;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	if (args.flags) {
		pr_err("bulkhead: cell create: unknown flags 0x%x\n", args.flags);
		return -EINVAL;
	}
	return bulkhead_cell_create(u64_to_user_ptr(args.config), args.config_size);
}

static long ioctl_cell_load(void __user *arg, s32 *cell)
{
	struct bulkhead_cell_load_args args;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	*cell = args.cell;
	return bulkhead_cell_load(&args);
}

static long ioctl_cell_set_boot(void __user *arg, s32 *cell)
{
	struct bulkhead_cell_boot_args args;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	*cell = args.cell;
	return bulkhead_cell_set_boot(&args);
}

static long ioctl_cell_console(void __user *arg, s32 *cell)
{
	struct bulkhead_console_read_args args;
	long ret;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	*cell = args.cell;
	ret = bulkhead_cell_console(&args);
	if (ret >= 0 && copy_to_user(arg, &args, sizeof(args)))
		return -EFAULT;
	return ret;
}

static long ioctl_cell_console_input(void __user *arg, s32 *cell)
{
	struct bulkhead_console_input_args args;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	*cell = args.cell;
	return bulkhead_cell_console_input(&args);
}

/*
 * Status and consoles tell what the cells do; they need the privilege that
 * management needs. It is checked on every call, not only at open, so that
 * a file root opened and handed on (fork, exec, SCM_RIGHTS) gives nothing.
 */
static int may_use(void)
{
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

static int bulkhead_open(struct inode *inode, struct file *file)
{
	return may_use();
}

static long ioctl_cell_update(void __user *arg, s32 *cell)
{
	struct bulkhead_cell_update_args *args = memdup_user(arg, sizeof(*args));
	long ret;

	if (IS_ERR(args))
		return PTR_ERR(args);
	*cell = args->cell;
	ret = bulkhead_cell_update(args);
	kfree(args);
	return ret;
}

static long ioctl_cell_update_status(void __user *arg, s32 *cell)
{
	struct bulkhead_update_status status;
	long ret;

	if (copy_from_user(&status, arg, sizeof(status)))
		return -EFAULT;
	*cell = status.cell;
	ret = bulkhead_cell_update_status(&status);
	if (!ret && copy_to_user(arg, &status, sizeof(status)))
		return -EFAULT;
	return ret;
}

static long ioctl_trace_set(void __user *arg, s32 *cell)
{
	struct bulkhead_trace_args args;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	*cell = args.cell;
	return bulkhead_trace_set(&args);
}

static long ioctl_trace_status(void __user *arg)
{
	struct bulkhead_trace_status *status = kzalloc(sizeof(*status), GFP_KERNEL);

	if (!status)
		return -ENOMEM;
	return report_to_user(arg, status, sizeof(*status), bulkhead_trace_status(status));
}

/* *@cell: the cell the call names, for the drv_ioctl tracepoint (-1: none). */
static long do_ioctl(unsigned int cmd, unsigned long arg, s32 *cell)
{
	void __user *uarg = (void __user *)arg;
	long ret;

	switch (cmd) {
	case BULKHEAD_ENABLE:
		return ioctl_enable(uarg);
	case BULKHEAD_DISABLE:
		return bulkhead_disable();
	case BULKHEAD_GET_STATUS:
		return ioctl_get_status(uarg);
	case BULKHEAD_CELL_CREATE:
		ret = ioctl_cell_create(uarg);
		*cell = ret >= 0 ? ret : -1;
		return ret;
	case BULKHEAD_CELL_LOAD:
		return ioctl_cell_load(uarg, cell);
	case BULKHEAD_CELL_START:
		*cell = arg;
		return bulkhead_cell_start(arg);
	case BULKHEAD_CELL_SHUTDOWN:
		*cell = arg;
		return bulkhead_cell_shutdown(arg);
	case BULKHEAD_CELL_DESTROY:
		*cell = arg;
		return bulkhead_cell_destroy(arg);
	case BULKHEAD_CELL_CONSOLE:
		return ioctl_cell_console(uarg, cell);
	case BULKHEAD_CELL_SET_BOOT:
		return ioctl_cell_set_boot(uarg, cell);
	case BULKHEAD_CELL_CONSOLE_INPUT:
		return ioctl_cell_console_input(uarg, cell);
	case BULKHEAD_CELL_UPDATE:
		return ioctl_cell_update(uarg, cell);
	case BULKHEAD_CELL_UPDATE_STATUS:
		return ioctl_cell_update_status(uarg, cell);
	case BULKHEAD_TRACE_SET:
		return ioctl_trace_set(uarg, cell);
	case BULKHEAD_TRACE_STATUS:
		return ioctl_trace_status(uarg);
	default:
		return -ENOTTY;
	}
}

static long bulkhead_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	s32 cell = -1;
	u64 start;
	long ret;

	/* The clock is read only while someone listens; refusals are traced too. */
	if (!trace_drv_ioctl_enabled())
		return may_use() ?: do_ioctl(cmd, arg, &cell);
	start = ktime_get_ns();
	ret = may_use() ?: do_ioctl(cmd, arg, &cell);
	trace_drv_ioctl(ktime_get_ns() - start, cmd, ret, cell);
	return ret;
}

static ssize_t bulkhead_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	return may_use() ?: bulkhead_console_read(buf, count, pos);
}

static const struct file_operations bulkhead_fops = {
	.owner = THIS_MODULE,
	.open = bulkhead_open,
	.unlocked_ioctl = bulkhead_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = bulkhead_read,
	.llseek = noop_llseek,
};

static struct miscdevice bulkhead_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bulkhead_fops,
	.mode = 0600,
};

static int __init bulkhead_init(void)
{
	int err;

	bulkhead.dev = root_device_register("bulkhead");
	if (IS_ERR(bulkhead.dev))
		return PTR_ERR(bulkhead.dev);
	err = bulkhead_sysfs_init(bulkhead.dev);
	if (err)
		goto err_root;
	err = misc_register(&bulkhead_misc);
	if (err)
		goto err_sysfs;
	err = bulkhead_events_init();
	if (err)
		goto err_misc;
	return 0;

err_misc:
	misc_deregister(&bulkhead_misc);
err_sysfs:
	bulkhead_sysfs_exit();
err_root:
	root_device_unregister(bulkhead.dev);
	return err;
}

static void __exit bulkhead_exit(void)
{
	/* Enable holds a reference: we only get here with the hypervisor disabled. */
	bulkhead_events_exit();
	misc_deregister(&bulkhead_misc);
	bulkhead_sysfs_exit();
	root_device_unregister(bulkhead.dev);
}

module_init(bulkhead_init);
module_exit(bulkhead_exit);

MODULE_DESCRIPTION("Bulkhead partitioning hypervisor: loader and control interface");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE("bulkhead.bin");
