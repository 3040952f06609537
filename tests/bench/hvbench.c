// SPDX-License-Identifier: GPL-2.0
/*
 * Runs on the board under QEMU -icount shift=0, where one nanosecond of
 * virtual time is one guest instruction: enable and disable cost, and the
 * null-hypercall round trip measured as the difference between reading a
 * sysfs attribute that makes one hypercall and one that makes none. With a
 * cell config and the hello inmate it also times a cell's life: create,
 * load, start, the inmate's first instruction (it prints the counter it
 * read there) and destroy. With --enabled it measures only the round trip,
 * of a hypervisor enabled beforehand (with tracing on, say).
 * On the emulated PC (Bochs, clock sync=none) the clock is the TSC, which
 * follows executed instructions in the same way.
 */
#include <fcntl.h>
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/config.h>
#include <bulkhead/crypto.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

#include "counter.h"

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

	if (ioctl(fd, cmd, arg) < 0) {
		perror("ioctl");
		exit(1);
	}
	return now_ns() - t0;
}

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size);

	if (n <= 0) {
		perror(path);
		exit(1);
	}
	close(fd);
	return n;
}

/* Waits for "booted at counter N" on the cell's console; returns N. */
static unsigned long long inmate_boot_counter(int dev, unsigned int id)
{
	static char text[16384];
	struct bulkhead_console_read_args args = { .cell = id };
	size_t len = 0;
	const char *line;
	long n;

	while (!(line = strstr(text, "booted at counter ")) || !strchr(line, '\n')) {
		args.buf = (unsigned long)(text + len);
		args.size = sizeof(text) - 1 - len;
		n = ioctl(dev, BULKHEAD_CELL_CONSOLE, &args);
		if (n < 0 || (n == 0 && len == sizeof(text) - 1))
			exit(1);
		len += n;
		text[len] = '\0';
	}
	return strtoull(line + strlen("booted at counter "), NULL, 10);
}

/* Bytes the hypervisor has scrubbed since enable, and the ns it took. */
static void scrub_counts(long long *bytes, long long *ns)
{
	char text[64] = "";

	read_file(SYSFS "scrub", text, sizeof(text) - 1);
	if (sscanf(text, "bytes %lld ns %lld", bytes, ns) != 2) {
		fprintf(stderr, "hvbench: cannot parse %sscrub: '%s'\n", SYSFS, text);
		exit(1);
	}
}

static void bench_cell(int dev, const char *config_path, const char *image_path)
{
	long long scrub_bytes[2], scrub_ns[2];
	static char config[BULKHEAD_CONFIG_MAX_SIZE], image[1 << 20];
	struct bulkhead_cell_create_args create = { .config = (unsigned long)config };
	struct bulkhead_load_segment seg = { .data = (unsigned long)image };
	struct bulkhead_cell_load_args load = { .num_segments = 1,
						.segments = (unsigned long)&seg };
	struct bulkhead_cell_boot_args boot = { .params.num_segments = 1 };
	const struct bulkhead_cell *desc;
	unsigned long long t0, booted, freq = counter_freq();
	long long created, loaded, started, destroyed;
	int id;

	create.config_size = read_file(config_path, config, sizeof(config));
	seg.size = read_file(image_path, image, sizeof(image));
	/* What hvctl hands over for an inmate loaded at the cell's address 0. */
	desc = bulkhead_config_cell((const void *)config);
	boot.params.entry = desc->entry;
	boot.params.arg = desc->comm_region;
	boot.params.segments[0].size = seg.size;
	sha256(image, seg.size, boot.params.segments[0].sha256);
	t0 = counter();
	created = now_ns();
	id = ioctl(dev, BULKHEAD_CELL_CREATE, &create);
	if (id < 0) {
		perror("cell create");
		exit(1);
	}
	created = now_ns() - created;
	load.cell = id;
	boot.cell = id;
	/* Loading is the image and its boot parameters (digest included). */
	loaded = timed_ioctl(dev, BULKHEAD_CELL_LOAD, &load) +
		 timed_ioctl(dev, BULKHEAD_CELL_SET_BOOT, &boot);
	started = timed_ioctl(dev, BULKHEAD_CELL_START, (void *)(long)id);
	booted = inmate_boot_counter(dev, id);
	scrub_counts(&scrub_bytes[0], &scrub_ns[0]);
	destroyed = timed_ioctl(dev, BULKHEAD_CELL_DESTROY, (void *)(long)id);
	scrub_counts(&scrub_bytes[1], &scrub_ns[1]);
	printf("BENCH cell_create_ns %lld\n", created);
	printf("BENCH cell_load_ns %lld\n", loaded);
	printf("BENCH cell_start_ns %lld\n", started);
	printf("BENCH cell_create_to_first_insn_ns %lld\n",
	       (long long)((booted - t0) * 1000000000ULL / freq));
	printf("BENCH cell_destroy_ns %lld\n", destroyed);
	printf("BENCH cell_destroy_scrub_ns %lld %lld\n", scrub_ns[1] - scrub_ns[0],
	       scrub_bytes[1] - scrub_bytes[0]);
}

/* The round trip as the difference of a sysfs read with and without a hypercall. */
static long long hypercall_roundtrip_ns(int n)
{
	return sysfs_read_ns("mem_pool_size", n) - sysfs_read_ns("enabled", n);
}

int main(int argc, char **argv)
{
	static char config[BULKHEAD_CONFIG_MAX_SIZE];
	struct bulkhead_enable_args args = { 0 };
	long long enable, disable, with_hc, without_hc, enable_init, enable_all;
	char timing[64] = "";
	int dev, cfg, n = argc > 2 ? atoi(argv[2]) : 20000;
	ssize_t size;

	if (argc != 2 && argc != 3 && argc != 5) {
		fprintf(stderr, "usage: hvbench SYSTEM.cell [ITERATIONS [CELL.cell INMATE.bin]]\n"
				"       hvbench --enabled [ITERATIONS]\n");
		return 2;
	}
	if (!strcmp(argv[1], "--enabled")) {
		printf("BENCH hypercall_roundtrip_ns %lld\n", hypercall_roundtrip_ns(n));
		return 0;
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
	read_file(SYSFS "enable_time_ns", timing, sizeof(timing) - 1);
	if (sscanf(timing, "init %lld all %lld", &enable_init, &enable_all) != 2)
		return 1;
	with_hc = sysfs_read_ns("mem_pool_size", n);
	without_hc = sysfs_read_ns("enabled", n);
	if (argc == 5)
		bench_cell(dev, argv[3], argv[4]);
	disable = timed_ioctl(dev, BULKHEAD_DISABLE, NULL);
	printf("BENCH enable_ns %lld\n", enable);
	printf("BENCH enable_hv_init_ns %lld\n", enable_init);
	printf("BENCH enable_hv_all_ns %lld\n", enable_all);
	printf("BENCH disable_ns %lld\n", disable);
	printf("BENCH sysfs_with_hypercall_ns %lld\n", with_hc);
	printf("BENCH sysfs_without_hypercall_ns %lld\n", without_hc);
	printf("BENCH hypercall_roundtrip_ns %lld\n", with_hc - without_hc);
	return 0;
}
