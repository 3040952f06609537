// SPDX-License-Identifier: GPL-2.0
/*
 * Runs on the board under QEMU -icount shift=0, where one nanosecond of
 * virtual time is one guest instruction: enable and disable cost, and the
 * null-hypercall round trip measured as the difference between reading a
 * sysfs attribute that makes one hypercall and one that makes none.
 */
#include <fcntl.h>
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>

#define SYSFS "/sys/devices/bulkhead/"

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Average time of one pread() of a sysfs attribute (the show() runs each time). */
static long long sysfs_read_ns(const char *attr, int n)
{
	char path[128], buf[64];
	long long t0;
	int fd, i;

	snprintf(path, sizeof(path), SYSFS "%s", attr);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		exit(1);
	}
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (pread(fd, buf, sizeof(buf), 0) <= 0)
			exit(1);
	t0 = now_ns() - t0;
	close(fd);
	return t0 / n;
}

static long long timed_ioctl(int fd, unsigned long cmd, void *arg)
{
	long long t0 = now_ns();

	if (ioctl(fd, cmd, arg)) {
		perror("ioctl");
		exit(1);
	}
	return now_ns() - t0;
}

int main(int argc, char **argv)
{
	static char config[BULKHEAD_IOCTL_VERSION * 65536];
	struct bulkhead_enable_args args = { 0 };
	long long enable, disable, with_hc, without_hc;
	int dev, cfg, n = argc > 2 ? atoi(argv[2]) : 20000;
	ssize_t size;

	if (argc < 2) {
		fprintf(stderr, "usage: hvbench SYSTEM.cell [ITERATIONS]\n");
		return 2;
	}
	cfg = open(argv[1], O_RDONLY);
	size = cfg < 0 ? -1 : read(cfg, config, sizeof(config));
	dev = open(BULKHEAD_DEVICE, O_RDONLY);
	if (size <= 0 || dev < 0) {
		perror("hvbench: open");
		return 1;
	}
	args.config = (unsigned long)config;
	args.config_size = size;
	enable = timed_ioctl(dev, BULKHEAD_ENABLE, &args);
	with_hc = sysfs_read_ns("mem_pool_size", n);
	without_hc = sysfs_read_ns("enabled", n);
	disable = timed_ioctl(dev, BULKHEAD_DISABLE, NULL);
	printf("BENCH enable_ns %lld\n", enable);
	printf("BENCH disable_ns %lld\n", disable);
	printf("BENCH sysfs_with_hypercall_ns %lld\n", with_hc);
	printf("BENCH sysfs_without_hypercall_ns %lld\n", without_hc);
	printf("BENCH hypercall_roundtrip_ns %lld\n", with_hc - without_hc);
	return 0;
}
