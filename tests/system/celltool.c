// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper for the board: hands configs to the driver without hvctl's
 * checks, so that the system tests reach the hypervisor's own validation.
 *
 *   celltool create FILE                    raw BULKHEAD_CELL_CREATE
 *   celltool patch IN OUT OFFSET VALUE      set the 32-bit LE word at OFFSET
 *                                           and fix the checksum
 *   celltool load ID ADDR FILE              raw BULKHEAD_CELL_LOAD of FILE at ADDR,
 *                                           nothing else (no boot parameters)
 *   celltool boot ID ENTRY ARG FLAGS COUNT [ADDR+SIZE[:FILE]]...
 *                                           raw BULKHEAD_CELL_SET_BOOT: FLAGS
 *                                           goes into the parameters, COUNT
 *                                           into num_segments (up to 8 given),
 *                                           each segment's digest is FILE's
 *                                           SHA-256 (zero without FILE)
 *   celltool input ID SIZE TEXT|-          raw BULKHEAD_CELL_CONSOLE_INPUT of SIZE
 *                                           bytes of TEXT ("-": from an address
 *                                           nothing is mapped at); prints the
 *                                           number taken
 *   celltool trace CELL MASK PAGES PERIOD_US
 *                                           raw BULKHEAD_TRACE_SET (CELL 0xffff: new cells)
 *   celltool status < /dev/bulkhead         BULKHEAD_GET_STATUS on standard input
 *   celltool console ID < /dev/bulkhead     BULKHEAD_CELL_CONSOLE of cell ID there
 *
 * The last two use the device as the caller's shell opened it, so that the
 * privilege tests can hand a file root opened to an unprivileged process.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/types.h>

#include <bulkhead/config.h>
#include <bulkhead/crypto.h>
#include <bulkhead/ioctl.h>

static char buf[BULKHEAD_CONFIG_MAX_SIZE + 1];

static long read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f) {
		perror(path);
		exit(2);
	}
	n = (long)fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return n;
}

/* The management device, read-write; exits with 2 if it cannot be opened. */
static int open_device(void)
{
	int fd = open(BULKHEAD_DEVICE, O_RDWR);

	if (fd < 0) {
		perror(BULKHEAD_DEVICE);
		exit(2);
	}
	return fd;
}

static int create(const char *path)
{
	struct bulkhead_cell_create_args args = { 0 };
	int fd = open_device(), ret;

	args.config_size = (__u32)read_file(path);
	args.config = (__u64)(uintptr_t)buf;
	ret = ioctl(fd, BULKHEAD_CELL_CREATE, &args);
	if (ret < 0) {
		printf("create failed: %s\n", strerror(errno));
		return 1;
	}
	printf("created cell %d\n", ret);
	return 0;
}

static int patch(const char *in, const char *out, const char *offset, const char *value)
{
	struct bulkhead_config_header *hdr = (void *)buf;
	long size = read_file(in), off = strtol(offset, NULL, 0);
	__u32 word = (__u32)strtoul(value, NULL, 0);
	FILE *f;

	if (off < 0 || off + 4 > size)
		return 2;
	memcpy(buf + off, &word, sizeof(word));
	hdr->checksum = bulkhead_config_checksum(hdr, (unsigned long)size);
	f = fopen(out, "wb");
	if (!f || fwrite(buf, 1, (size_t)size, f) != (size_t)size) {
		perror(out);
		return 2;
	}
	return fclose(f) ? 2 : 0;
}

static int load(const char *id, const char *addr, const char *path)
{
	struct bulkhead_load_segment seg = {
		.address = strtoull(addr, NULL, 0),
		.data = (__u64)(uintptr_t)buf,
	};
	struct bulkhead_cell_load_args args = {
		.cell = (__u32)strtoul(id, NULL, 0),
		.num_segments = 1,
		.segments = (__u64)(uintptr_t)&seg,
	};
	int fd = open_device();

	seg.size = (__u64)read_file(path);
	if (ioctl(fd, BULKHEAD_CELL_LOAD, &args) < 0) {
		printf("load failed: %s\n", strerror(errno));
		return 1;
	}
	printf("loaded\n");
	return 0;
}

static int set_boot(int argc, char **argv)
{
	struct bulkhead_cell_boot_args args = { 0 };
	int fd = open_device(), n;
	char *plus, *colon;

	args.cell = (__u32)strtoul(argv[0], NULL, 0);
	args.params.entry = strtoull(argv[1], NULL, 0);
	args.params.arg = strtoull(argv[2], NULL, 0);
	args.params.flags = (__u32)strtoul(argv[3], NULL, 0);
	args.params.num_segments = (__u32)strtoul(argv[4], NULL, 0);
	for (n = 0; n < argc - 5 && n < BULKHEAD_BOOT_MAX_SEGMENTS; n++) {
		args.params.segments[n].address = strtoull(argv[5 + n], &plus, 0);
		args.params.segments[n].size = *plus == '+' ? strtoull(plus + 1, &colon, 0) : 0;
		if (*plus == '+' && *colon == ':')
			sha256(buf, (size_t)read_file(colon + 1), args.params.segments[n].sha256);
	}
	if (ioctl(fd, BULKHEAD_CELL_SET_BOOT, &args) < 0) {
		printf("set boot failed: %s\n", strerror(errno));
		return 1;
	}
	printf("boot parameters set\n");
	return 0;
}

static int input(const char *id, const char *size, const char *text)
{
	struct bulkhead_console_input_args args = {
		.cell = (__u32)strtoul(id, NULL, 0),
		.size = (__u32)strtoul(size, NULL, 0),
		/* Page 0 of user space is never mapped. */
		.buf = strcmp(text, "-") ? (__u64)(uintptr_t)buf : 16,
	};
	int fd = open_device(), ret;

	strncpy(buf, text, sizeof(buf) - 1);
	ret = ioctl(fd, BULKHEAD_CELL_CONSOLE_INPUT, &args);
	if (ret < 0) {
		printf("input failed: %s\n", strerror(errno));
		return 1;
	}
	printf("input took %d\n", ret);
	return 0;
}

static int trace_set(char **argv)
{
	struct bulkhead_trace_args args = {
		.cell = (__u32)strtoul(argv[0], NULL, 0),
		.mask = (__u32)strtoul(argv[1], NULL, 0),
		.pages = (__u32)strtoul(argv[2], NULL, 0),
		.period_us = (__u32)strtoul(argv[3], NULL, 0),
	};

	if (ioctl(open_device(), BULKHEAD_TRACE_SET, &args) < 0) {
		printf("trace failed: %s\n", strerror(errno));
		return 1;
	}
	printf("trace set\n");
	return 0;
}

static int status(void)
{
	struct bulkhead_status st;

	if (ioctl(STDIN_FILENO, BULKHEAD_GET_STATUS, &st) < 0) {
		printf("status: %s\n", strerror(errno));
		return 1;
	}
	printf("enabled %u\n", st.enabled);
	return 0;
}

static int console(const char *id)
{
	struct bulkhead_console_read_args args = {
		.cell = (__u32)strtoul(id, NULL, 0),
		.buf = (__u64)(uintptr_t)buf,
		.size = sizeof(buf),
	};
	int ret = ioctl(STDIN_FILENO, BULKHEAD_CELL_CONSOLE, &args);

	if (ret < 0) {
		printf("console: %s\n", strerror(errno));
		return 1;
	}
	printf("console: %d bytes\n", ret);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "create"))
		return create(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "patch"))
		return patch(argv[2], argv[3], argv[4], argv[5]);
	if (argc == 5 && !strcmp(argv[1], "load"))
		return load(argv[2], argv[3], argv[4]);
	if (argc >= 7 && argc <= 7 + BULKHEAD_BOOT_MAX_SEGMENTS && !strcmp(argv[1], "boot"))
		return set_boot(argc - 2, argv + 2);
	if (argc == 5 && !strcmp(argv[1], "input"))
		return input(argv[2], argv[3], argv[4]);
	if (argc == 6 && !strcmp(argv[1], "trace"))
		return trace_set(argv + 2);
	if (argc == 2 && !strcmp(argv[1], "status"))
		return status();
	if (argc == 3 && !strcmp(argv[1], "console"))
		return console(argv[2]);
	fprintf(stderr, "usage: celltool create FILE | patch IN OUT OFFSET VALUE | load ID ADDR FILE | "
		"boot ID ENTRY ARG FLAGS COUNT [ADDR+SIZE[:FILE]]... | input ID SIZE TEXT|- | "
		"trace CELL MASK PAGES PERIOD_US | status | "
		"console ID\n");
	return 2;
}
