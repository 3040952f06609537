// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl: the command line users drive Bulkhead with, through /dev/bulkhead.
 *
 * Commands live in tables (struct hvctl_cmd); a command with a sub-table is a
 * group ("hvctl cell ..."). The dispatcher (hvctl-cli.c) handles --help,
 * options, the number of operands, --json, -q and the exit status for every
 * command, so handlers only do the work. The handlers of enable, disable and
 * info are here; the console's are in hvctl-console.c, the cells' in
 * hvctl-cell.c, the channels' in hvctl-channel.c.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "hvctl.h"
#include <bulkhead/header.h>

#ifndef BULKHEAD_RELEASE
#define BULKHEAD_RELEASE	"unknown"
#endif

/* ----- the validator's printk() sink (hypervisor/config.c via hvctl-config.c) ----- */

static char validator_line[256];

void console_write(const char *text, size_t len)
{
	if (len >= sizeof(validator_line))
		len = sizeof(validator_line) - 1;
	memcpy(validator_line, text, len);
	validator_line[len] = '\0';
}

const char *hvctl_validator_message(void)
{
	return validator_line;
}

/* ----- talking to the driver ----- */

static const struct hvctl_errno_hint common_hints[] = {
	{ EPERM, HVCTL_NEED_ROOT },
	{ EACCES, HVCTL_NEED_ROOT },
	{ ENOTTY, "the bulkhead module does not know this request; load the bulkhead.ko of the "
		  "same release as hvctl (see 'hvctl --version')" },
	{ 0, NULL }
};

const char *hvctl_hint_for(int err, const struct hvctl_errno_hint *hints)
{
	hvctl_note_errno(err);
	for (; hints && hints->err; hints++)
		if (hints->err == err)
			return hints->text;
	/* Root is refused only by the hypervisor's own checks, whose reason is printed with it. */
	if ((err == EPERM || err == EACCES) && geteuid() == 0)
		return "not allowed (the hypervisor's reason is above)";
	for (hints = common_hints; hints->err; hints++)
		if (hints->err == err)
			return hints->text;
	return strerror(err);
}

int hvctl_open_device(void)
{
	int fd = open(BULKHEAD_DEVICE, O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
		hvctl_err("%s not found: " HVCTL_NO_MODULE_TEXT "; load it with "
			  "'modprobe bulkhead' (or 'insmod bulkhead.ko')", BULKHEAD_DEVICE);
	else
		hvctl_err("cannot open %s: %s", BULKHEAD_DEVICE, hvctl_hint_for(errno, NULL));
	return -1;
}

bool hvctl_driver_loaded(void)
{
	int fd = hvctl_open_device();

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* BULKHEAD_GET_STATUS; "not enabled" is a status, not an error. Returns 0 or -errno. */
static int query_status(int fd, struct bulkhead_status *st)
{
	if (ioctl(fd, BULKHEAD_GET_STATUS, st) == 0)
		return 0;
	if (errno == ENODEV) {
		memset(st, 0, sizeof(*st));
		st->ioctl_version = BULKHEAD_IOCTL_VERSION;
		return 0;
	}
	return -errno;
}

static int get_status(int fd, struct bulkhead_status *st)
{
	int err = query_status(fd, st);

	if (err) {
		hvctl_err("cannot read the hypervisor status: %s", hvctl_hint_for(-err, NULL));
		return -1;
	}
	if (st->ioctl_version != BULKHEAD_IOCTL_VERSION) {
		hvctl_err("the bulkhead module speaks ioctl version %u, this hvctl version %d; use "
			  "the hvctl of the module's release", st->ioctl_version,
			  BULKHEAD_IOCTL_VERSION);
		return -1;
	}
	return 0;
}

/* ----- hvctl enable ----- */

static const struct hvctl_errno_hint enable_hints[] = {
	{ ENOENT, "the hypervisor firmware bulkhead.bin was not found; put it in /lib/firmware" },
	{ EINVAL, "the driver or the hypervisor rejected the config; the kernel log and "
		  "'hvctl console' name the field" },
	{ ENOMEM, "out of memory: the kernel could not allocate, or the config's hypervisor "
		  "memory is too small for the per-CPU areas and the page pool" },
	{ EIO, "the hypervisor failed to start on a CPU; Linux runs on without it" },
	{ 0, NULL }
};

static void enable_failed(int fd, int err, const void *config)
{
	const struct bulkhead_system *sys = bulkhead_config_system(config);
	struct bulkhead_status st;

	if (err == ENODEV)
		hvctl_err("cannot enable the hypervisor: %s", hvctl_arch.enable_enodev);
	else if (err != EBUSY)
		hvctl_err("cannot enable the hypervisor: %s", hvctl_hint_for(err, enable_hints));
	else if (query_status(fd, &st) == 0 && st.enabled)
		hvctl_err("the hypervisor is already enabled; run 'hvctl disable' first");
	else
		hvctl_err("cannot enable the hypervisor: its memory 0x%llx-0x%llx is busy; keep "
			  "Linux out of it (e.g. mem= on the kernel command line, see /proc/iomem)",
			  (unsigned long long)sys->hypervisor_memory.phys_start,
			  (unsigned long long)(sys->hypervisor_memory.phys_start +
					       sys->hypervisor_memory.size - 1));
	hvctl_hint(HVCTL_KERNEL_LOG_HINT);
}

/* Enabled or disabled, and on how many CPUs (0: unknown). */
static void enabled_say(bool enabled, unsigned int cpus)
{
	hvctl_result_bool("enabled", enabled);
	if (cpus) {
		hvctl_result_u64("cpus", cpus);
		hvctl_say("hypervisor enabled (%u CPUs)", cpus);
	} else {
		hvctl_say("hypervisor %s", enabled ? "enabled" : "disabled");
	}
}

/* Hand the checked @config to the driver; returns the exit status. */
static int enable(const void *config, size_t size)
{
	struct bulkhead_enable_args req = {
		.config = (uintptr_t)config,
		.config_size = size,
	};
	struct bulkhead_status st;
	int fd = hvctl_open_device();
	int ret;

	if (fd < 0)
		return EXIT_FAILURE;
	ret = ioctl(fd, BULKHEAD_ENABLE, &req);
	if (ret < 0)
		enable_failed(fd, errno, config);
	else if (query_status(fd, &st) == 0 && st.enabled)
		enabled_say(true, st.num_cpus);
	else
		enabled_say(true, 0);
	close(fd);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int cmd_enable(unsigned int flags, int argc, char **args)
{
	char why[512];
	size_t size;
	void *config;
	int ret;

	config = hvctl_config_load(args[0], BULKHEAD_CONFIG_SYSTEM, "hvctl enable", &size, why,
				   sizeof(why));
	if (!config) {
		hvctl_err("%s", why);
		return EXIT_FAILURE;
	}
	ret = enable(config, size);
	free(config);
	return ret;
}

/* ----- hvctl disable ----- */

static const struct hvctl_errno_hint disable_hints[] = {
	{ EBUSY, "cells other than the root cell still exist, a channel device is open or "
		 "mapped, or (x86) a root CPU is offline; destroy them, close it or bring the CPU "
		 "online first" },
	{ EIO, "a CPU failed to leave the hypervisor" },
	{ 0, NULL }
};

static int cmd_disable(unsigned int flags, int argc, char **args)
{
	int fd = hvctl_open_device();
	int ret;

	if (fd < 0)
		return EXIT_FAILURE;
	ret = ioctl(fd, BULKHEAD_DISABLE);
	if (ret < 0 && (errno == ENODEV || errno == EINVAL)) {
		hvctl_err("the hypervisor is not enabled; nothing to disable");
	} else if (ret < 0) {
		hvctl_err("cannot disable the hypervisor: %s",
			  hvctl_hint_for(errno, disable_hints));
		hvctl_hint(HVCTL_KERNEL_LOG_HINT);
	} else {
		enabled_say(false, 0);
	}
	close(fd);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ----- hvctl info ----- */

static int cmd_info(unsigned int flags, int argc, char **args)
{
	struct bulkhead_status st;
	int fd = hvctl_open_device();
	int ret;

	if (fd < 0)
		return EXIT_FAILURE;
	ret = get_status(fd, &st);
	close(fd);
	if (ret < 0)
		return EXIT_FAILURE;
	hvctl_print_info(stdout, &st, flags & HVCTL_OPT_JSON);
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ----- command tables ----- */

static const struct hvctl_opt info_opts[] = {
	{ "--json", NULL, HVCTL_OPT_JSON, "print the status as JSON", NULL },
	{ NULL }
};

static const struct hvctl_opt console_opts[] = {
	{ "--follow", "-f", HVCTL_OPT_FOLLOW, "keep printing new output until interrupted "
	  "(Ctrl-C)", NULL },
	{ "--attach", "-a", HVCTL_OPT_ATTACH, "interactive console of CELL (Ctrl-] leaves)",
	  NULL },
	{ "--send", "-s", 0, "type TEXT into CELL (escapes \\n \\r \\t \\e \\xHH ...)",
	  "TEXT" },
	{ NULL }
};

static const struct hvctl_opt events_opts[] = {
	{ "--follow", "-f", HVCTL_OPT_FOLLOW, "keep printing new events until interrupted, or "
	  "until the hypervisor is disabled", NULL },
	{ "--json", NULL, HVCTL_OPT_JSON, "one JSON object per line", NULL },
	{ "--new", NULL, HVCTL_OPT_NEW, "only events to come, none of those held", NULL },
	{ NULL }
};

static const struct hvctl_opt top_opts[] = {
	{ "--once", NULL, HVCTL_OPT_ONCE, "print one table, rates over one interval, and exit",
	  NULL },
	{ "--json", NULL, HVCTL_OPT_JSON, "print one snapshot as JSON (rates over one interval)",
	  NULL },
	{ "--interval", NULL, 0, "refresh (or measure rates) every SECONDS (default 1)",
	  "SECONDS" },
	{ NULL }
};

static const struct hvctl_opt list_opts[] = {
	{ "--json", NULL, HVCTL_OPT_JSON, "print the cells as JSON", NULL },
	{ NULL }
};

static const struct hvctl_opt stats_opts[] = {
	{ "--once", NULL, HVCTL_OPT_ONCE, "print the totals once and exit", NULL },
	{ "--json", NULL, HVCTL_OPT_JSON, "print the totals once as JSON", NULL },
	{ "--interval", NULL, 0, "refresh the live view every SECONDS (default 1)",
	  "SECONDS" },
	{ NULL }
};

/* What hvctl cell load and hvctl cell update both take: the images and how they start. */
#define IMAGE_OPTS(images)									\
	{ "--address", "-a", 0, "cell address of the IMAGE or STRING before it", "ADDR" },	\
	{ "--string", "-s", 0, "load STRING with its terminating NUL", "STRING" },		\
	{ "--initrd", NULL, 0, "an operating system's initramfs", "FILE" },			\
	{ "--dtb", NULL, 0, "this device tree instead of the one generated from the config",	\
	  "FILE" },										\
	{ "--cmdline", NULL, 0, "the kernel command line (/chosen/bootargs)", "TEXT" },	\
	{ "--sig", NULL, 0, "the signature of the " images " (hvctl cell sign) for a system "	\
	  "that pins an image key", "FILE" }

static const struct hvctl_opt load_opts[] = {
	IMAGE_OPTS("images"),
	{ NULL }
};

static const struct hvctl_opt run_opts[] = {
	{ "--attach", NULL, HVCTL_OPT_ATTACH, "then attach its console (Ctrl-] leaves)", NULL },
	IMAGE_OPTS("images"),
	{ NULL }
};

static const struct hvctl_opt update_opts[] = {
	{ "--status", NULL, HVCTL_OPT_STATUS, "show where CELL's update stands instead", NULL },
	IMAGE_OPTS("new images"),
	{ NULL }
};

static const struct hvctl_opt dtb_opts[] = {
	{ "--output", "-o", 0, "write the device tree to FILE (else to standard output)",
	  "FILE" },
	{ "--cmdline", NULL, 0, "the kernel command line (/chosen/bootargs)", "TEXT" },
	{ "--board", NULL, 0, "the board's device tree (default /sys/firmware/fdt)", "FILE" },
	{ NULL }
};

static const struct hvctl_opt sign_opts[] = {
	{ "--key", NULL, 0, "the Ed25519 private key (PEM) to sign with", "FILE" },
	{ "--output", "-o", 0, "write the signature (64 bytes) to FILE", "FILE" },
	{ "--board", NULL, 0, "the board's device tree for a generated one (default "
	  "/sys/firmware/fdt)", "FILE" },
	{ "--address", "-a", 0, "as for hvctl cell load", "ADDR" },
	{ "--string", "-s", 0, "as for hvctl cell load", "STRING" },
	{ "--initrd", NULL, 0, "as for hvctl cell load", "FILE" },
	{ "--dtb", NULL, 0, "as for hvctl cell load", "FILE" },
	{ "--cmdline", NULL, 0, "as for hvctl cell load", "TEXT" },
	{ NULL }
};

static const struct hvctl_opt channel_list_opts[] = {
	{ "--json", NULL, HVCTL_OPT_JSON, "print the channels as JSON", NULL },
	{ NULL }
};

static const struct hvctl_opt ring_opts[] = {
	{ "--count", "-c", 0, "ring COUNT times (default 1, at most 1000000)", "COUNT" },
	{ NULL }
};

static const struct hvctl_opt wait_opts[] = {
	{ "--timeout", "-t", 0, "give up after MS milliseconds (default: no limit)", "MS" },
	{ NULL }
};

#define OFFSET_OPT	{ "--offset", "-o", 0, "start at byte OFFSET of the memory (default 0)", \
			  "OFFSET" }

static const struct hvctl_opt read_opts[] = {
	OFFSET_OPT,
	{ "--length", "-n", 0, "read LENGTH bytes (default: up to the end)", "LENGTH" },
	{ NULL }
};

static const struct hvctl_opt write_opts[] = {
	OFFSET_OPT,
	{ NULL }
};

static const struct hvctl_opt key_generate_opts[] = {
	{ "--raw", NULL, 0, "also write the 32-byte public key to FILE (for image-key)", "FILE" },
	{ NULL }
};

static const struct hvctl_opt key_sign_opts[] = {
	{ "--key", NULL, 0, "the Ed25519 private key (PEM)", "PRIVATE.pem" },
	{ "--output", "-o", 0, "write the 64-byte signature to SIG (a new file)", "SIG" },
	{ NULL }
};

static const struct hvctl_opt key_public_opts[] = {
	{ "--output", "-o", 0, "write the 32 bytes to FILE (else hex to standard output)",
	  "FILE" },
	{ NULL }
};

static const struct hvctl_opt trace_on_opts[] = {
	{ "--class", NULL, 0, "trace these classes: exit, virq, state, doorbell, health, "
	  "comma-separated, or all (the default)", "CLASSES" },
	{ "--pages", NULL, 0, "record pages per CPU when the rings are set up (default 16, at "
	  "most 1024)", "N" },
	{ "--period-us", NULL, 0, "drain the rings every N microseconds (default 10000, 1000 "
	  "to 1000000)", "N" },
	{ NULL }
};

static const struct hvctl_opt trace_status_opts[] = {
	{ "--json", NULL, HVCTL_OPT_JSON, "print the status as JSON", NULL },
	{ NULL }
};

/* "hvctl trace ...": the hypervisor's trace, drained into Linux tracepoints. */
static const struct hvctl_cmd trace_cmds[] = {
	{
		.name = "on",
		.operands = "[CELL...] [--class CLASSES] [--pages N] [--period-us N]",
		.max_args = UINT_MAX,
		.opts = trace_on_opts,
		.run = hvctl_cmd_trace_on,
		.summary = "have the hypervisor trace cells; the driver emits bulkhead:hv_* "
			   "tracepoints",
		.help = "Sets the classes traced for each CELL (a name or an id; the root cell\n"
			"is id 0), or, with no CELL, for the root cell, every cell and the cells\n"
			"created later. The first call sets up a ring per CPU of N pages in the\n"
			"hypervisor's pool; the driver drains them every period into the\n"
			"tracepoints bulkhead:hv_exit, hv_virq, hv_cell, hv_doorbell and hv_lost:\n"
			"  echo 1 > /sys/kernel/tracing/events/bulkhead/enable\n"
			"  cat /sys/kernel/tracing/trace_pipe\n"
			"Documentation/tracing.md lists the fields.\n",
	},
	{
		.name = "off",
		.operands = "[CELL...]",
		.max_args = UINT_MAX,
		.run = hvctl_cmd_trace_off,
		.summary = "stop tracing cells; with none left the rings go back to the hypervisor",
		.help = "Clears the classes of each CELL, or, with no CELL, of the root cell, every\n"
			"cell and the cells created later. When no cell is traced any more the\n"
			"driver drains what is left and returns the rings to the hypervisor's\n"
			"pool.\n",
	},
	{
		.name = "status",
		.operands = "",
		.opts = trace_status_opts,
		.run = hvctl_cmd_trace_status,
		.summary = "show the rings, the classes of the root and of new cells, and per-CPU "
			   "counts",
		.help = "Drains the rings first, so the counts are exact up to now:\n"
			"  tracing: on (16 pages per CPU, drained every 10000 us, counter 62500000 "
			"Hz)\n"
			"  root cell: exit,virq,state,doorbell,health\n"
			"  new cells: none\n"
			"  cell hello (id 1): exit,state\n"
			"  cpu0   records 1234         lost 0\n"
			"records counts those drained into tracepoints since the rings were set\n"
			"up, lost those overwritten before the driver read them; both stay after\n"
			"'hvctl trace off' until the next set-up.\n",
	},
	{ NULL }
};

/* "hvctl key ...": signing keys, on the developer's host (OpenSSL). */
static const struct hvctl_cmd key_cmds[] = {
	{
		.name = "generate",
		.operands = "PRIVATE.pem PUBLIC.pem [--raw FILE]",
		.min_args = 2,
		.max_args = UINT_MAX,
		.opts = key_generate_opts,
		.run = hvctl_cmd_key_generate,
		.summary = "make an Ed25519 key pair for signing images",
		.help = "Writes a new Ed25519 private key (PKCS#8 PEM, mode 0600) and its public\n"
			"key (PEM); existing files are never overwritten. The system config pins\n"
			"the public key (image-key), the private key signs images on this\n"
			"machine and never goes to the board.\n",
	},
	{
		.name = "sign",
		.operands = "--key PRIVATE.pem FILE -o SIG",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = key_sign_opts,
		.run = hvctl_cmd_key_sign,
		.summary = "sign the bytes of FILE (e.g. a boot manifest) with an Ed25519 key",
		.help = "Writes the 64-byte Ed25519 signature (RFC 8032, R then S) of the whole\n"
			"of FILE into the new file SIG, after checking it with the hypervisor's\n"
			"own verifier.\n",
	},
	{
		.name = "public",
		.operands = "KEY.pem [-o FILE]",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = key_public_opts,
		.run = hvctl_cmd_key_public,
		.summary = "print the raw public key of a private or public key file",
		.help = "The 32 bytes the hypervisor verifies against, as hex pairs for a\n"
			"config's image-key = [ ... ]; or, with -o, into the new file FILE.\n",
	},
	{ NULL }
};

/* "hvctl channel ...": the root cell's side of its channels, and every cell's channels. */
static const struct hvctl_cmd channel_cmds[] = {
	{
		.name = "list",
		.operands = "",
		.opts = channel_list_opts,
		.run = hvctl_cmd_channel_list,
		.summary = "list every channel: its two sides, state and doorbells rung",
		.help = "One line per channel, for the channels of every cell that exists. A\n"
			"side is its cell, the cell's rights (rw/ro: writes the memory or not,\n"
			"+ring: may ring the peer) and the SPI it takes doorbells on; A->B and\n"
			"B->A count the doorbells each side rang:\n"
			"  CHANNEL    END A                            END B                 "
			"STATE  A->B  B->A\n"
			"  root-echo  qemu-virt-linux rw+ring irq=240  echo rw+ring irq=241  "
			"up     12    11\n"
			"A side whose cell does not exist shows its name only (STATE: echo absent).\n",
	},
	{
		.name = "info",
		.operands = "NAME",
		.min_args = 1,
		.max_args = 1,
		.run = hvctl_cmd_channel_info,
		.summary = "show the root cell's side of channel NAME",
		.help = "Prints what the driver says of the channel: peer, peer state, rights,\n"
			"memory, doorbell SPI and counters, one 'key: value' line each.\n",
	},
	{
		.name = "ring",
		.operands = "NAME [-c COUNT]",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = ring_opts,
		.run = hvctl_cmd_channel_ring,
		.summary = "ring the peer's doorbell through channel NAME",
		.help = "Raises the peer cell's doorbell interrupt COUNT times. It fails when\n"
			"the peer is not running or the policy does not let the root cell ring\n"
			"it (it needs a link root -> peer, and the peer a doorbell SPI).\n",
	},
	{
		.name = "wait",
		.operands = "NAME [-t MS]",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = wait_opts,
		.run = hvctl_cmd_channel_wait,
		.summary = "wait for the peer to ring through channel NAME",
		.help = "Waits until the peer rings, then prints the doorbells received since\n"
			"they were last read ('doorbells: N'). A change of the peer's state\n"
			"meanwhile is printed as 'peer echo: down' and the wait goes on. With -t\n"
			"it gives up after MS milliseconds (exit status 1).\n",
	},
	{
		.name = "read",
		.operands = "NAME [-o OFFSET] [-n LENGTH]",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = read_opts,
		.run = hvctl_cmd_channel_read,
		.summary = "copy the shared memory of channel NAME to stdout",
		.help = "Writes LENGTH raw bytes from OFFSET of the channel's memory to stdout\n"
			"(e.g. '| hexdump -C'). OFFSET and LENGTH are hex (0x...) or decimal.\n",
	},
	{
		.name = "write",
		.operands = "NAME [-o OFFSET]",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = write_opts,
		.run = hvctl_cmd_channel_write,
		.summary = "copy stdin into the shared memory of channel NAME",
		.help = "Copies all of stdin to OFFSET of the channel's memory; it must fit.\n"
			"The root cell's side must be writable (rights rw). The peer is not\n"
			"told: ring it afterwards.\n",
	},
	{ NULL }
};

static const struct hvctl_opt machine_opts_create[] = {
	{ "--output", "-o", 0, "write the config to FILE (else to standard output)", "FILE" },
	{ "--name", NULL, 0, "the root cell's name (default \"linux\")", "NAME" },
	{ "--board", NULL, 0, "the firmware's device tree (default /sys/firmware/fdt)", "DTB" },
	{ "--iomem", NULL, 0, "the memory map (default /proc/iomem)", "FILE" },
	{ "--cmdline", NULL, 0, "Linux's command line (default /proc/cmdline)", "FILE" },
	{ "--cpus", NULL, 0, "the CPUs Linux has online (default: as sysfs says)", "LIST" },
	{ NULL }
};

static const struct hvctl_opt config_check_opts[] = {
	{ "--iomem", NULL, 0, "the target's /proc/iomem: the RAM Linux uses", "FILE" },
	{ "--cmdline", NULL, 0, "the target's /proc/cmdline (its mem=), if no --iomem", "FILE" },
	{ NULL }
};

/* "hvctl config ...": system configs written for this machine, and checked before they reach it. */
static const struct hvctl_cmd config_cmds[] = {
	{
		.name = "create",
		.operands = "[-o FILE.dts] [--name NAME] [--board DTB] [--iomem FILE] "
			    "[--cmdline FILE] [--cpus LIST]",
		.max_args = UINT_MAX,
		.opts = machine_opts_create,
		.run = hvctl_cmd_config_create,
		.summary = "write a system config for this machine, from what firmware and Linux say",
		.help = "Run on the target's Linux before enable. Reads the firmware's device\n"
			"tree, /proc/iomem, /proc/cmdline and the online CPUs, and writes the\n"
			"system config DTS (compile it with bulkhead-cellc): CPUs, RAM, the GIC,\n"
			"devices with their interrupts (DMA masters marked \"dma\"), the debug\n"
			"UART, and the hypervisor's and the cells' memory with what keeps Linux\n"
			"out of it. Every choice made for you carries a CHECK comment, repeated\n"
			"on stderr; a machine Bulkhead cannot run on gets UNSUPPORTED comments\n"
			"and exit status 1. Documentation/board-bringup.md.\n",
	},
	{
		.name = "check",
		.operands = "SYSTEM.cell [CELL.cell...] [--iomem FILE] [--cmdline FILE]",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = config_check_opts,
		.run = hvctl_cmd_config_check,
		.summary = "check a system config and the cells to create in it, offline",
		.help = "Finds what the hypervisor would refuse when enabled with SYSTEM.cell and\n"
			"asked to create each CELL.cell in the order given: each file through its\n"
			"validator, then the set: cells' CPUs, memory, devices and interrupts\n"
			"against the root's and each other's, channels against their peers and the\n"
			"policy, max-cells, names, and memory Linux still uses (its /proc/iomem on\n"
			"the target, else --iomem or --cmdline; else it says it cannot tell).\n"
			"Files are compiled .cell or device-tree sources (then problems name the\n"
			"node):\n"
			"  configs/arm64/qemu-virt-hello.dts: /cell/memory@71000000: error: ...\n"
			"Ends with 'N errors, N warnings'; exit status 1 if there are errors.\n",
	},
	{ NULL }
};

/* "hvctl cell ...": the lifecycle of cells other than the root cell. */
static const struct hvctl_cmd cell_cmds[] = {
	{
		.name = "create",
		.operands = "FILE.cell",
		.min_args = 1,
		.max_args = 1,
		.run = hvctl_cmd_cell_create,
		.summary = "create a cell from a cell config; it starts out shut down",
		.help = "Checks FILE.cell (compiled, of kind 'cell') with the hypervisor's own\n"
			"validator, and that the cell leaves CPU 0 to the root cell and that no\n"
			"cell of its name exists. Then the hypervisor takes the cell's CPUs,\n"
			"memory and devices from the root cell. Prints the new cell's id:\n"
			"  hvctl: created cell \"hello\" (id 1)\n",
	},
	{
		.name = "load",
		.operands = "CELL IMAGE [-a ADDR] [-s STRING [-a ADDR]]...",
		.min_args = 2,
		.max_args = UINT_MAX,
		.opts = load_opts,
		.run = hvctl_cmd_cell_load,
		.summary = "copy an inmate, an operating system or a board program into a "
			   "shut-down cell",
		.help = "An inmate: copies the file IMAGE and each STRING (with its NUL) into\n"
			"the loadable memory of CELL, in the order given. '-a ADDR' after an\n"
			"IMAGE or a STRING sets where it goes, as a cell address (hex 0x... or\n"
			"decimal). By default the image goes to the start of the cell's lowest\n"
			"loadable region and a string into the image's command line area (image\n"
			"address + 0x100, at most 0x700 bytes). Each piece must fit inside one\n"
			"loadable region; at most 16 pieces. CELL is a name or an id.\n"
			"An operating system or board program, loaded as QEMU's virt board loads\n"
			"it with -kernel: an arm64 Image goes to the start of RAM (2 MiB aligned,\n"
			"+ text_offset; '-a' sets the base), its device tree and initramfs after\n"
			"it, and its first CPU starts with x0 = the device tree; an ELF program's\n"
			"segments go to their physical addresses, the device tree to the start\n"
			"of RAM if the program leaves room, and it starts at its entry with\n"
			"x0 = 0; a raw program loaded alone into a cell with emulated devices\n"
			"(or given --initrd, --dtb or --cmdline) goes to RAM + 0x80000 and starts\n"
			"like a kernel. The device tree is generated from the cell's config (see\n"
			"'hvctl cell dtb') unless --dtb gives one.\n"
			"Either way hvctl hands the hypervisor a SHA-256 digest of every piece\n"
			"(an inmate's pieces as one span per region, gaps zero), which it checks\n"
			"before the cell's first instruction; with --sig, the signature of that\n"
			"manifest, which a system config with an image-key requires.\n",
	},
	{
		.name = "update",
		.operands = "CELL IMAGE [options as for load] | --status CELL",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = update_opts,
		.run = hvctl_cmd_cell_update,
		.summary = "switch a running cell to new images, rolled back if they fail "
			   "their probation",
		.help = "The new images are prepared exactly as 'hvctl cell load' prepares\n"
			"them, then staged in the part of the cell's image store its running\n"
			"images leave free (the store must hold both). The hypervisor checks\n"
			"them, stops the cell, scrubs its RAM, copies them in and starts them on\n"
			"probation (the config's probation-ms, default 10 s). Passed: the update\n"
			"is committed, restarts run the new images. If the cell faults, its\n"
			"watchdog expires, or it resets or powers itself off during probation,\n"
			"the hypervisor runs the previous images again by itself (rolled back).\n"
			"Any refusal leaves the cell running its old images.\n"
			"--status CELL: the update's state (idle, staging, probation with the\n"
			"time left, committed, rolled back with the cause), where the images lie\n"
			"in the store, and the counts of updates and rollbacks.\n",
	},
	{
		.name = "dtb",
		.operands = "CELL|FILE.cell [-o FILE] [--cmdline TEXT] [--board FILE]",
		.min_args = 1,
		.max_args = 7,
		.opts = dtb_opts,
		.run = hvctl_cmd_cell_dtb,
		.summary = "write the device tree hvctl cell load generates for a cell",
		.help = "The device tree an operating system in CELL (a name or an id, or a\n"
			"compiled cell config FILE.cell) gets from 'hvctl cell load': its RAM,\n"
			"CPUs, PSCI, GIC, timer, emulated and passed-through devices, channels.\n"
			"Devices passed through take their node from the board's device tree\n"
			"(the root's, /sys/firmware/fdt, or --board FILE). Edit it and load it\n"
			"with 'hvctl cell load CELL KERNEL --dtb FILE'.\n",
	},
	{
		.name = "sign",
		.operands = "FILE.cell IMAGE [LOAD OPTIONS] --key PRIVATE.pem -o FILE.sig",
		.min_args = 2,
		.max_args = UINT_MAX,
		.opts = sign_opts,
		.run = hvctl_cmd_cell_sign,
		.summary = "sign the images a load would hand over (this host's hvctl only)",
		.help = "Lays out IMAGE and the load options exactly as 'hvctl cell load' does\n"
			"for a cell created from FILE.cell, and signs the manifest (entry, x0,\n"
			"segments and their SHA-256 digests) with the Ed25519 key PRIVATE.pem.\n"
			"Load with the same operands and '--sig FILE.sig'. A generated device\n"
			"tree depends on the board's: give it with --board (the board's\n"
			"/sys/firmware/fdt) or sign a --dtb of your own.\n",
	},
	{
		.name = "start",
		.operands = "CELL",
		.min_args = 1,
		.max_args = 1,
		.run = hvctl_cmd_cell_start,
		.summary = "start a loaded cell at its config's entry address",
		.help = "The hypervisor checks every loaded piece against its SHA-256 digest\n"
			"(and, if the system config pins an image key, the signature of the\n"
			"boot parameters) and refuses the start on a mismatch; the cell's first\n"
			"CPU starts at the entry of its boot parameters. From then on the root\n"
			"cell can no longer reach the cell's loadable memory.\n",
	},
	{
		.name = "run",
		.operands = "CONFIG IMAGE [LOAD OPTIONS]",
		.min_args = 2,
		.max_args = UINT_MAX,
		.opts = run_opts,
		.run = hvctl_cmd_cell_run,
		.summary = "create, load and start a cell in one step, or leave nothing",
		.help = "Creates a cell from CONFIG (as 'hvctl cell create'), loads IMAGE and the\n"
			"load options into it (as 'hvctl cell load', --sig included) and starts\n"
			"it. When a step fails, or Ctrl-C comes before the start, the cell is\n"
			"destroyed and the step named: its CPUs and memory go back to the root.\n"
			"--attach then attaches its console as 'hvctl console CELL --attach'\n"
			"(checked before the start: the cell needs an emulated PL011). With\n"
			"--json: {\"cell\": {\"id\": N, \"name\": ...}, \"pieces\": [...], \"state\": ...}.\n",
	},
	{
		.name = "shutdown",
		.operands = "CELL",
		.min_args = 1,
		.max_args = 1,
		.run = hvctl_cmd_cell_shutdown,
		.summary = "stop a cell, asking it first unless it is passive",
		.help = "The hypervisor asks the cell to stop through its communication region\n"
			"and stops its CPUs when it agrees, or when it does not answer within\n"
			"its shutdown timeout. A cell that refuses keeps running (exit status 1).\n"
			"A passive cell is stopped without being asked. A stopped cell can be\n"
			"loaded and started again.\n",
	},
	{
		.name = "destroy",
		.operands = "CELL",
		.min_args = 1,
		.max_args = 1,
		.run = hvctl_cmd_cell_destroy,
		.summary = "destroy a cell; its CPUs and memory return to the root cell",
		.help = "Running or not, the cell is stopped and destroyed: its CPUs come back\n"
			"online in Linux, its memory and devices return to the root cell.\n",
	},
	{
		.name = "list",
		.operands = "",
		.opts = list_opts,
		.run = hvctl_cmd_cell_list,
		.summary = "list the cells: id, name, state, CPUs, failed CPUs, restarts",
		.help = "One line per cell, the root cell (id 0) first:\n"
			"  ID  NAME             STATE    CPUS  FAILED-CPUS  RESTARTS  EXPIRIES  "
			"ROLLBACKS\n"
			"  0   qemu-virt-linux  running  0,3   -            0         0         0\n"
			"  1   hello            running  1     -            2         1         0\n"
			"RESTARTS, EXPIRIES (of its watchdog) and ROLLBACKS (of updates) are\n"
			"counted since create. A REASON column follows when a cell has failed.\n"
			"--json also gives the faults and the updates committed.\n",
	},
	{
		.name = "stats",
		.operands = "CELL [--interval SECONDS]",
		.min_args = 1,
		.max_args = UINT_MAX,
		.opts = stats_opts,
		.run = hvctl_cmd_cell_stats,
		.summary = "show a cell's exit counters per CPU, live or once",
		.help = "Shows the counters the hypervisor keeps for each CPU of CELL (total\n"
			"exits, then by reason), as the file statistics in the cell's sysfs\n"
			"directory names them. By default a live view, redrawn every second with\n"
			"each counter's rate per second, until Ctrl-C or until the cell is\n"
			"destroyed. --once prints the totals once; --json prints them as JSON:\n"
			"  {\"cell\": {\"id\": 1, \"name\": \"hello\"}, \"cpus\": [{\"cpu\": 1, "
			"\"total\": 1234, ...}]}\n",
	},
	{ NULL }
};


static const struct hvctl_opt hardware_check_opts[] = {
	{ "--board", NULL, 0, "the firmware's device tree (default /sys/firmware/fdt)", "DTB" },
	{ "--iomem", NULL, 0, "the memory map (default /proc/iomem)", "FILE" },
	{ "--cmdline", NULL, 0, "Linux's command line (default /proc/cmdline)", "FILE" },
	{ "--kmsg", NULL, 0, "a saved kernel log (default: this kernel's)", "FILE" },
	{ "--cpus", NULL, 0, "the CPUs Linux has online (default: as sysfs says)", "LIST" },
	{ NULL }
};

/* "hvctl hardware ...": this machine against what Bulkhead needs. */
static const struct hvctl_cmd hardware_cmds[] = {
	{
		.name = "check",
		.operands = "[SYSTEM.cell] [--board DTB] [--iomem FILE] [--cmdline FILE] "
			    "[--kmsg FILE] [--cpus LIST]",
		.max_args = UINT_MAX,
		.opts = hardware_check_opts,
		.run = hvctl_cmd_hardware_check,
		.summary = "say whether this machine can run Bulkhead, and what to change",
		.help = "One line per point, ok, warning or problem, with what to do: EL2\n"
			"available to Linux, VHE, KVM, the GIC, PSCI, the CPUs, RAM kept from\n"
			"Linux (with SYSTEM.cell: that config's memory against the RAM Linux\n"
			"uses), an SMMU. Exit status 0 when it can run, 1 when not. With\n"
			"--kmsg, KVM is judged from that log and the command line only.\n",
	},
	{ NULL }
};

static const struct hvctl_cmd main_cmds[] = {
	{
		.name = "enable",
		.operands = "FILE.cell",
		.min_args = 1,
		.max_args = 1,
		.run = cmd_enable,
		.summary = "start the hypervisor; the running Linux becomes the root cell",
		.help = "Checks the system config FILE.cell (compiled, of kind 'system', for this\n"
			"architecture), then has the bulkhead module load /lib/firmware/bulkhead.bin\n"
			"into the hypervisor memory the config names and start it on every online\n"
			"CPU.\n"
			"On failure the kernel log says why: dmesg | grep bulkhead\n",
	},
	{
		.name = "disable",
		.operands = "",
		.run = cmd_disable,
		.summary = "stop the hypervisor; the machine belongs to Linux alone again",
		.help = "Every CPU leaves the hypervisor and Linux runs on without it. Cells other\n"
			"than the root cell must be destroyed first.\n",
	},
	{
		.name = "info",
		.operands = "",
		.opts = info_opts,
		.run = cmd_info,
		.summary = "show the hypervisor status, memory and per-CPU exit counters",
		.help = "Prints 'enabled: no' when the hypervisor is not enabled. Otherwise prints\n"
			"its version, memory, page pool, the root cell and one line per CPU:\n"
			"  cpu0  online  running  EL2  stage-2 on  cell 0  exits 1234 (hypercall 10, "
			"mmio 2, psci 3, sysreg 0, other 0)\n"
			"Documentation/hvctl.md describes every field.\n",
	},
	{
		.name = "console",
		.operands = "[CELL] [-s|--send TEXT]",
		/* CELL, or CELL --send TEXT. */
		.max_args = 3,
		.opts = console_opts,
		.run = hvctl_cmd_console,
		.summary = "print the hypervisor console, or the console of CELL",
		.help = "Prints what the hypervisor (or, with CELL, that cell) wrote to its\n"
			"console and exits, or keeps following it with -f; following a cell\n"
			"ends when the cell is destroyed. Consoles are rings: when one wraps,\n"
			"the oldest output is lost.\n"
			"A cell whose config has an emulated PL011 (vdevice type \"pl011\") can be\n"
			"typed into: --send TEXT types TEXT and exits; --attach is an\n"
			"interactive console (raw terminal; Ctrl-] leaves; Ctrl-C goes to the\n"
			"cell). With input from a pipe, --attach types it all, shows the\n"
			"output until it pauses for a second, and exits.\n",
	},
	{
		.name = "events",
		.operands = "",
		.opts = events_opts,
		.run = hvctl_cmd_events,
		.summary = "print what happened to the cells: starts, faults, restarts, updates",
		.help = "Prints the events the hypervisor keeps (the oldest may be gone), one\n"
			"per line, and exits; -f keeps printing new ones as they come:\n"
			"     12.345678  #7     cell 1 \"hello\": fault on CPU 1: read outside "
			"its memory\n"
			"Time is since enable; #7 numbers the events from 1 without gaps, so a\n"
			"reader that fell behind is told what it lost (\"lost 3 events ...\").\n"
			"--json prints one object per line with the keys seq, time_ns, type,\n"
			"cell, cell_name, reason (when the type has one), detail, detail2; lost\n"
			"events as {\"type\": \"lost\", \"first_seq\": N, \"count\": N}.\n"
			"Documentation/resilience.md lists the types and wires them to systemd.\n",
	},
	{
		.name = "top",
		.operands = "[--interval SECONDS]",
		.max_args = 2,
		.opts = top_opts,
		.run = hvctl_cmd_top,
		.summary = "show every cell live: state, CPUs, exits, interrupts, doorbells, console",
		.help = "A row per cell, the root cell included, the busiest first, redrawn every\n"
			"second (or --interval SECONDS) to fit the terminal; q or Ctrl-C quits:\n"
			"  ID  NAME   STATE    CPUS  EXITS/S  VIRQS/S  DOORBELLS/S  LINES/S  "
			"RESTARTS  LAST LINE\n"
			"  1   hello  running  1     212      210      0            2        0 "
			"        Hello 7\n"
			"Rates are per second: exits, virtual interrupts injected, doorbells rung\n"
			"and received on its channels, console lines; LAST LINE is the last line\n"
			"the cell printed. --once prints the table once, --json as JSON, both with\n"
			"rates over one interval.\n",
	},
	{
		.name = "config",
		.operands = "COMMAND",
		.sub = config_cmds,
		.summary = "write a system config for this machine; check configs before they reach it",
		.help = "Configs are device-tree sources compiled to .cell files by bulkhead-cellc\n"
			"(Documentation/config-format.md).\n",
	},
	{
		.name = "cell",
		.operands = "COMMAND",
		.sub = cell_cmds,
		.summary = "create, load, start and stop cells",
		.help = "CELL is a cell's name or its id, as 'hvctl cell list' shows them;\n"
			"id:N is always the id N (names are never all digits). A\n"
			"cell's life: create, load, start, shutdown (then load and start again),\n"
			"destroy. When the hypervisor refuses a request, its reason follows as\n"
			"'hvctl: hypervisor: ...' lines.\n",
	},
	{
		.name = "key",
		.operands = "COMMAND",
		.sub = key_cmds,
		.summary = "make signing keys and sign images (the host's hvctl)",
		.help = "Keys and signatures for signed images (Documentation/resilience.md,\n"
			"'Integrity'), made with OpenSSL. Only the host's hvctl signs; the\n"
			"board's says so.\n",
	},
	{
		.name = "hardware",
		.operands = "COMMAND",
		.sub = hardware_cmds,
		.summary = "check this machine against what Bulkhead needs",
		.help = "",
	},
	{
		.name = "channel",
		.operands = "COMMAND",
		.sub = channel_cmds,
		.summary = "list channels, ring and wait for doorbells, read and write memory",
		.help = "Channels are shared memory plus doorbell interrupts between two cells,\n"
			"as the system config's policy allows. NAME is one of the root cell's\n"
			"channels, a device in " BULKHEAD_CHANNEL_DEV_DIR "; 'hvctl channel list'\n"
			"shows the channels of every cell.\n",
	},
	{
		.name = "trace",
		.operands = "COMMAND",
		.sub = trace_cmds,
		.summary = "trace exits, interrupts, cell events and doorbells into Linux tracepoints",
		.help = "The hypervisor records what happens on each CPU into rings the driver\n"
			"drains into the tracepoints of events/bulkhead/ in tracefs, where perf,\n"
			"trace-cmd or bulkhead-trace read them. Untraced cells run as without it.\n",
	},
	{
		.name = "help",
		.operands = "[COMMAND...]",
		.max_args = UINT_MAX,
		.run = hvctl_cmd_help,
		.summary = "show the help of hvctl or of a command",
		.help = "'hvctl help cell load' is 'hvctl cell load --help'.\n",
	},
	{ NULL }
};

/* Options before the command (hvctl_main() takes them); the global ones go anywhere. */
static const struct hvctl_opt main_opts[] = {
	{ "--version", NULL, 0, "print the release and the interface versions it was built for",
	  NULL },
	{ "--help", "-h", 0, "list the commands", NULL },
	{ NULL }
};

/* hvctl itself, as --help, the man page and completion see it. */
static const struct hvctl_cmd hvctl_root = {
	.name = "hvctl",
	.operands = "COMMAND [ARGS]",
	.opts = main_opts,
	.sub = main_cmds,
	.summary = "control the Bulkhead partitioning hypervisor through " BULKHEAD_DEVICE,
	.help = "With --json every command prints one JSON document on stdout, an error\n"
		"as {\"error\": TEXT, \"errno\": N, \"status\": N}; stderr stays empty.\n",
};

static void print_version(void)
{
	if (hvctl_json()) {
		hvctl_result_str("release", BULKHEAD_RELEASE);
		hvctl_result_u64("config_revision", BULKHEAD_CONFIG_REVISION);
		hvctl_result_u64("abi_version", BULKHEAD_ABI_VERSION);
		hvctl_result_u64("ioctl_version", BULKHEAD_IOCTL_VERSION);
		hvctl_result_str("arch", hvctl_arch_name(HVCTL_ARCH));
		return;
	}
	printf("hvctl %s\n", BULKHEAD_RELEASE);
	printf("config revision %d, hypervisor ABI version %d, ioctl version %d, arch %s\n",
	       BULKHEAD_CONFIG_REVISION, BULKHEAD_ABI_VERSION, BULKHEAD_IOCTL_VERSION,
	       hvctl_arch_name(HVCTL_ARCH));
}

int main(int argc, char **argv)
{
	/* Hidden: the man page ('make man') and bash completion (tools/bash-completion/hvctl). */
	if (argc > 1 && !strcmp(argv[1], "--man"))
		return hvctl_write_man(stdout, &hvctl_root, hvctl_global_opts) ? EXIT_FAILURE
									       : EXIT_SUCCESS;
	if (argc > 1 && !strcmp(argv[1], "__complete")) {
		hvctl_complete(stdout, &hvctl_root, hvctl_global_opts,
			       getenv("HVCTL_CELLS_DIR") ?: HVCTL_CELLS_DIR, argc - 2, argv + 2);
		return EXIT_SUCCESS;
	}
	return hvctl_main(&hvctl_root, print_version, argc, argv);
}
