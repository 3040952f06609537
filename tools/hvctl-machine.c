// SPDX-License-Identifier: GPL-2.0
/*
 * The handlers of hvctl config create and hvctl hardware check: they read
 * what Linux shows of the machine (or the files given instead, so that a
 * saved machine can be examined anywhere) and hand it to the pure parts in
 * hvctl-config-create.c and hvctl-hardware.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#include <libfdt.h>

#include "hvctl.h"

#define IOMEM_PATH		"/proc/iomem"
#define CMDLINE_PATH		"/proc/cmdline"
#define CPUS_ONLINE_PATH	"/sys/devices/system/cpu/online"
#define KVM_DEVICE_PATH		"/dev/kvm"
/* The hypervisor's memory in a generated config; enough for the per-CPU data and page pool. */
#define HV_SIZE			(16ULL << 20)
/* RAM proposed for cells when Linux uses it all. */
#define CELL_RAM		(256ULL << 20)
#define SYSLOG_ACTION_READ_ALL	3
#define SYSLOG_ACTION_SIZE_BUFFER 10

/* The inputs, their paths and what was read. */
struct machine_files {
	const char *board, *iomem, *cmdline, *kmsg, *cpus, *name, *output;
	char *fdt_text, *iomem_text, *cmdline_text, *kmsg_text, *cpus_text;
};

/* The value options both commands take; -1 after a usage error. */
static int parse_machine_opts(const char *cmd, int argc, char **args, struct machine_files *mf,
			      const char **operand)
{
	int n;

	for (n = 0; n < argc; n++) {
		if (hvctl_is_opt(args[n], "-o", "--output"))
			mf->output = args[++n];
		else if (!strcmp(args[n], "--board"))
			mf->board = args[++n];
		else if (!strcmp(args[n], "--iomem"))
			mf->iomem = args[++n];
		else if (!strcmp(args[n], "--cmdline"))
			mf->cmdline = args[++n];
		else if (!strcmp(args[n], "--kmsg"))
			mf->kmsg = args[++n];
		else if (!strcmp(args[n], "--cpus"))
			mf->cpus = args[++n];
		else if (!strcmp(args[n], "--name"))
			mf->name = args[++n];
		else if (operand && !*operand)
			*operand = args[n];
		else
			return hvctl_usage_error(cmd, "unexpected argument '%s'", args[n]), -1;
	}
	return 0;
}

/*
 * Read @path (@what it is) into @text. A file given by an option must be
 * there; of the machine's own, only a missing one is taken as unknown.
 */
static int read_input(const char *path, const char *fallback, const char *what, char **text)
{
	*text = hvctl_read_text(path);
	if (*text || (path == fallback && errno == ENOENT))
		return 0;
	hvctl_err("%s %s: cannot read: %s%s", what, path, hvctl_strerror(errno),
		  errno == EACCES || errno == EPERM ? "; run hvctl as root" : "");
	return -1;
}

/* The kernel log, as dmesg reads it; NULL if unreadable. */
static char *read_kernel_log(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), got;
	char *buf = size > 0 ? malloc(size + 1) : NULL;

	got = buf ? klogctl(SYSLOG_ACTION_READ_ALL, buf, size) : -1;
	if (got < 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	return buf;
}

/* A list of CPUs without its newline (hvctl_parse_cpulist takes none). */
static void strip_newline(char *text)
{
	if (text)
		text[strcspn(text, "\n")] = '\0';
}

const char *hvctl_board_fdt(const char *cmd)
{
	if (!hvctl_arch.board_fdt)
		hvctl_err("%s: this %s machine has no device tree; the command is for arm64 "
			  "boards: give a board's .dtb with --board FILE", cmd,
			  hvctl_arch_name(hvctl_arch.id));
	return hvctl_arch.board_fdt;
}

static int read_machine(struct machine_files *mf, const char *cmd)
{
	if (!mf->board && !hvctl_board_fdt(cmd))
		return -1;
	if (read_input(mf->board, hvctl_arch.board_fdt, "device tree", &mf->fdt_text) < 0 ||
	    read_input(mf->iomem, IOMEM_PATH, "memory map", &mf->iomem_text) < 0 ||
	    read_input(mf->cmdline, CMDLINE_PATH, "kernel command line", &mf->cmdline_text) < 0 ||
	    (mf->kmsg && read_input(mf->kmsg, NULL, "kernel log", &mf->kmsg_text) < 0))
		return -1;
	if (mf->cpus)
		mf->cpus_text = strdup(mf->cpus);
	else if (read_input(CPUS_ONLINE_PATH, CPUS_ONLINE_PATH, "CPU list", &mf->cpus_text) < 0)
		return -1;
	strip_newline(mf->cpus_text);
	return 0;
}

static bool fdt_usable(const char *path, const char *fdt)
{
	if (fdt && fdt_check_header(fdt) == 0)
		return true;
	if (fdt)
		hvctl_err("%s: not a flattened device tree (a .dtb); give the firmware's, "
			  "/sys/firmware/fdt", path);
	return false;
}

static void free_machine(struct machine_files *mf)
{
	free(mf->fdt_text);
	free(mf->iomem_text);
	free(mf->cmdline_text);
	free(mf->kmsg_text);
	free(mf->cpus_text);
}

/* Write @text to @path through a temporary file: on failure nothing changes. */
static int write_output(const char *path, const char *text, size_t len)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0 || rename(tmp, path) < 0) {
		hvctl_err("%s: cannot write: %s", path, hvctl_strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* A cell name as the schema takes it, that can go between quotes in DTS. */
static bool valid_name(const char *name)
{
	size_t n, len = strlen(name);

	for (n = 0; n < len; n++)
		if (name[n] < 0x20 || name[n] > 0x7e || name[n] == '"' || name[n] == '\\')
			return false;
	return len > 0 && len < BULKHEAD_CELL_NAME_LEN;
}

/* The notes of hvctl_config_create(), a line each, as hints ("hvctl: check: ..."). */
static void pass_notes(char *notes)
{
	char *line, *next;

	for (line = notes; line && *line; line = next) {
		next = strchrnul(line, '\n');
		if (*next)
			*next++ = '\0';
		hvctl_hint("%s", line);
	}
}

int hvctl_cmd_config_create(unsigned int flags, int argc, char **args)
{
	struct machine_files mf = { .board = hvctl_arch.board_fdt, .iomem = IOMEM_PATH,
				    .cmdline = CMDLINE_PATH, .name = "linux" };
	struct hvctl_create_args ca = { .hv_size = HV_SIZE, .cell_ram = CELL_RAM };
	char *text = NULL, *notes = NULL, why[512];
	size_t len = 0, notes_len = 0;
	int ret = EXIT_FAILURE, checks;
	FILE *out, *note_stream;

	if (parse_machine_opts("hvctl config create", argc, args, &mf, NULL) < 0)
		return HVCTL_EXIT_USAGE;
	if (!valid_name(mf.name))
		return hvctl_usage_error("hvctl config create", "--name '%s': a cell name has 1 to "
					 "%d printable characters, no quotes or backslashes",
					 mf.name, BULKHEAD_CELL_NAME_LEN - 1);
	if (read_machine(&mf, "hvctl config create") < 0 || !fdt_usable(mf.board, mf.fdt_text))
		goto out;
	ca.fdt = mf.fdt_text;
	ca.iomem = mf.iomem_text;
	ca.cmdline = mf.cmdline_text;
	ca.cpus_online = mf.cpus_text;
	ca.root_name = mf.name;
	out = open_memstream(&text, &len);
	note_stream = open_memstream(&notes, &notes_len);
	if (!out || !note_stream) {
		hvctl_err("out of memory");
		goto out;
	}
	checks = hvctl_config_create(&ca, out, note_stream, why, sizeof(why));
	if (fclose(out) != 0 || fclose(note_stream) != 0 || checks == -1) {
		hvctl_err("%s: %s", mf.board, checks == -1 ? why : hvctl_strerror(errno));
		goto out;
	}
	pass_notes(notes);
	if (checks == HVCTL_CREATE_UNSUPPORTED)
		hvctl_err("this machine cannot run Bulkhead as it is (UNSUPPORTED%s%s)",
			  mf.output ? " in " : " comments", mf.output ? mf.output : "");
	if (mf.output && write_output(mf.output, text, len) < 0)
		goto out;
	if (!mf.output && hvctl_json())
		hvctl_result_str("config", text);
	else if (!mf.output && fwrite(text, 1, len, stdout) != len)
		goto out;
	if (checks == HVCTL_CREATE_UNSUPPORTED)
		goto out;
	hvctl_result_str("output", mf.output);
	hvctl_result_u64("checks", checks);
	/* Standard output may hold the config: the count goes with the notes then. */
	if (mf.output)
		hvctl_say("wrote %s: %d CHECK comment%s to review (Documentation/board-bringup.md)",
			  mf.output, checks, checks == 1 ? "" : "s");
	else
		hvctl_hint("%d CHECK comment%s to review (Documentation/board-bringup.md)", checks,
			   checks == 1 ? "" : "s");
	ret = EXIT_SUCCESS;
out:
	free(text);
	free(notes);
	free_machine(&mf);
	return ret;
}

/*
 * The findings: a table on stdout, or with --json the result's "can_run" and
 * "findings". A machine that cannot run Bulkhead is an error; with --json its
 * problems are the error's hints.
 */
static void report_findings(const struct hvctl_finding *f, unsigned int num, bool can_run)
{
	unsigned int n, problems = 0;
	FILE *out;

	for (n = 0; n < num; n++)
		problems += f[n].verdict == HVCTL_PROBLEM;
	if (!hvctl_json()) {
		for (n = 0; n < num; n++)
			printf("%-8s %-9s %s\n", hvctl_verdict_name(f[n].verdict), f[n].topic,
			       f[n].text);
		if (can_run)
			printf("This machine can run Bulkhead.\n");
	} else if (can_run) {
		hvctl_result_bool("can_run", true);
		out = hvctl_result_member("findings");
		for (n = 0; out && n < num; n++) {
			fprintf(out, "%s{\"verdict\": \"%s\", \"topic\": \"%s\", \"text\": ",
				n ? ", " : "[", hvctl_verdict_name(f[n].verdict), f[n].topic);
			hvctl_json_string(out, f[n].text, sizeof(f[n].text));
			fputc('}', out);
		}
		if (out)
			fputc(']', out);
	}
	if (can_run)
		return;
	hvctl_err("this machine cannot run Bulkhead: %u problem%s%s", problems,
		  problems == 1 ? "" : "s", hvctl_json() ? "" : " above");
	for (n = 0; hvctl_json() && n < num; n++)
		if (f[n].verdict == HVCTL_PROBLEM)
			hvctl_hint("%s: %s", f[n].topic, f[n].text);
}

int hvctl_cmd_hardware_check(unsigned int flags, int argc, char **args)
{
	struct machine_files mf = { .board = hvctl_arch.board_fdt, .iomem = IOMEM_PATH,
				    .cmdline = CMDLINE_PATH };
	struct hvctl_finding f[HVCTL_MAX_FINDINGS];
	struct hvctl_machine m = { .kvm_device = -1 };
	const char *config_path = NULL;
	unsigned int num, n;
	void *config = NULL;
	char why[512];
	size_t size;
	bool can_run = true;

	if (parse_machine_opts("hvctl hardware check", argc, args, &mf, &config_path) < 0)
		return HVCTL_EXIT_USAGE;
	if (config_path) {
		config = hvctl_config_load(config_path, BULKHEAD_CONFIG_SYSTEM | HVCTL_CONFIG_ANY_ARCH,
					   "hvctl hardware check", &size, why, sizeof(why));
		if (!config) {
			hvctl_err("%s", why);
			return EXIT_FAILURE;
		}
	}
	if (read_machine(&mf, "hvctl hardware check") < 0) {
		free_machine(&mf);
		free(config);
		return EXIT_FAILURE;
	}
	/* A saved kernel log stands for a saved machine: this one's /dev/kvm says nothing of it. */
	if (!mf.kmsg) {
		mf.kmsg_text = read_kernel_log();
		m.kvm_device = access(KVM_DEVICE_PATH, F_OK) == 0;
	}
	m.fdt = mf.fdt_text;
	m.iomem = mf.iomem_text;
	m.cmdline = mf.cmdline_text;
	m.kmsg = mf.kmsg_text;
	m.cpus_online = mf.cpus_text;
	m.config = config;
	num = hvctl_hardware_check(&m, f);
	for (n = 0; n < num; n++)
		can_run &= f[n].verdict != HVCTL_PROBLEM;
	report_findings(f, num, can_run);
	free_machine(&mf);
	free(config);
	return can_run ? EXIT_SUCCESS : EXIT_FAILURE;
}
