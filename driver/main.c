// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: /dev/bulkhead for hvctl, /sys/devices/bulkhead for
 * scripts. The work is done in hypervisor.c.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bulkhead.h"

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

static long ioctl_get_status(void __user *arg)
{
	struct bulkhead_status *status = kzalloc(sizeof(*status), GFP_KERNEL);
	long err;

	if (!status)
		return -ENOMEM;
	err = bulkhead_get_status(status);
	if (!err && copy_to_user(arg, status, sizeof(*status)))
		err = -EFAULT;
	kfree(status);
	return err;
}

static long bulkhead_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	/* Reading the status is harmless; changing the machine is not. */
	if (cmd != BULKHEAD_GET_STATUS && !capable(CAP_SYS_ADMIN))
		return -EPERM;

	switch (cmd) {
	case BULKHEAD_ENABLE:
		return ioctl_enable((void __user *)arg);
	case BULKHEAD_DISABLE:
		return bulkhead_disable();
	case BULKHEAD_GET_STATUS:
		return ioctl_get_status((void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static ssize_t bulkhead_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	return bulkhead_console_read(buf, count, pos);
}

static const struct file_operations bulkhead_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bulkhead_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = bulkhead_read,
	.llseek = noop_llseek,
};

static struct miscdevice bulkhead_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bulkhead_fops,
	.mode = 0644,
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
	return 0;

err_sysfs:
	bulkhead_sysfs_exit();
err_root:
	root_device_unregister(bulkhead.dev);
	return err;
}

static void __exit bulkhead_exit(void)
{
	/* Unloading the code the CPUs would return through is not an option. */
	if (bulkhead.enabled)
		bulkhead_disable();
	misc_deregister(&bulkhead_misc);
	bulkhead_sysfs_exit();
	root_device_unregister(bulkhead.dev);
}

module_init(bulkhead_init);
module_exit(bulkhead_exit);

MODULE_DESCRIPTION("Bulkhead partitioning hypervisor: loader and control interface");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE("bulkhead.bin");
