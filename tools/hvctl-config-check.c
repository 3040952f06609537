// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config check SYSTEM [CELL...]: what the hypervisor would refuse when
 * it is enabled with SYSTEM and the CELLs are created in the order given,
 * found offline and reported like a compiler: "FILE: NODE: error: ...".
 *
 * Here: each file on its own through the hypervisor's validator
 * (hypervisor/config.c), sources through the compiler's front end first
 * (cellc-compile.c) so that node paths can be named; where each problem is;
 * the report and the command. The set's rules are in hvctl-config-set.c,
 * the RAM Linux uses in hvctl-config-ram.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cellc.h"
#include "hvctl.h"
#include "hvctl-config-check.h"
#include <bulkhead/config_check.h>

static const char *source_node(const struct check_config *cfg, int node, char *buf, size_t len)
{
	return node >= 0 ? cellc_node_path(cfg->src, node, buf, len) : "/";
}

/* The DT node of item @idx of a source: irqs are entries of the cell's "interrupts". */
static int source_item_node(const struct cellc *c, enum check_item item, unsigned int idx)
{
	switch (item) {
	case ITEM_REGION:
		return c->region_nodes[idx];
	case ITEM_CHANNEL:
		return c->channel_nodes[idx];
	case ITEM_VDEVICE:
		return c->vdevice_nodes[idx];
	case ITEM_HV_MEMORY:
		return c->hypervisor_node;
	default:
		return c->cell_node;
	}
}

/* Where item @idx of @cfg is, as a source's node path or by index and address. */
static void locate(const struct check_config *cfg, enum check_item item, unsigned int idx,
		   char *buf, size_t len)
{
	const struct bulkhead_cell *cell = config_cell(cfg);

	if (cfg->src) {
		source_node(cfg, source_item_node(cfg->src, item, idx), buf, len);
		return;
	}
	switch (item) {
	case ITEM_CELL:
		snprintf(buf, len, "cell \"%.*s\"", BULKHEAD_CELL_NAME_LEN, cell->name);
		break;
	case ITEM_REGION:
		snprintf(buf, len, "memory region %u (0x%llx)", idx,
			 (unsigned long long)bulkhead_cell_mem_regions(cell)[idx].phys_start);
		break;
	case ITEM_CHANNEL:
		snprintf(buf, len, "channel %u \"%.*s\"", idx, BULKHEAD_CHANNEL_NAME_LEN,
			 bulkhead_cell_channels(cell)[idx].name);
		break;
	case ITEM_IRQ:
		snprintf(buf, len, "irq %u (INTID %u)", idx, bulkhead_cell_irqs(cell)[idx]);
		break;
	case ITEM_VDEVICE:
		snprintf(buf, len, "vdevice %u (0x%llx)", idx,
			 (unsigned long long)bulkhead_cell_vdevices(cell)[idx].address);
		break;
	case ITEM_HV_MEMORY:
		snprintf(buf, len, "hypervisor memory (0x%llx)",
			 (unsigned long long)bulkhead_config_system(cfg->hdr)
				 ->hypervisor_memory.phys_start);
		break;
	}
}

void hvctl_check_add(struct check_set *set, const char *file, const char *node,
		     enum check_severity severity, const char *msg)
{
	struct check_problem *p;

	if (set->num_problems == set->cap_problems) {
		set->cap_problems = set->cap_problems ? 2 * set->cap_problems : 32;
		set->problems = realloc(set->problems, set->cap_problems * sizeof(*set->problems));
		if (!set->problems) {
			perror("hvctl");
			exit(EXIT_FAILURE);
		}
	}
	p = &set->problems[set->num_problems++];
	p->file = file;
	snprintf(p->node, sizeof(p->node), "%s", node);
	p->severity = severity;
	snprintf(p->msg, sizeof(p->msg), "%s", msg);
	if (severity == CHECK_ERROR)
		set->errors++;
	else if (severity == CHECK_WARNING)
		set->warnings++;
}

void hvctl_check_report(struct check_set *set, const struct check_config *cfg, enum check_item item,
			unsigned int idx, enum check_severity severity, const char *fmt, ...)
{
	char node[CELLC_PATH_LEN], msg[sizeof(set->problems->msg)];
	va_list ap;

	locate(cfg, item, idx, node, sizeof(node));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	hvctl_check_add(set, cfg->file, node, severity, msg);
}

/* ----- each file on its own ----- */

/* Schema errors of a source, from the compiler's front end. */
static void source_error(const struct cellc *c, const char *node, const char *prop, const char *msg)
{
	char text[sizeof(((struct check_problem *)0)->msg)];

	if (prop)
		snprintf(text, sizeof(text), "property \"%s\": %s", prop, msg);
	else
		snprintf(text, sizeof(text), "%s", msg);
	hvctl_check_add(c->report_arg, c->input, node, CHECK_ERROR, text);
}

/* The validator's last line without "config: " and its newline. */
const char *hvctl_check_validator_text(char *buf, size_t len)
{
	const char *line = hvctl_validator_message();

	if (!strncmp(line, "config: ", 8))
		line += 8;
	snprintf(buf, len, "%.*s", (int)strcspn(line, "\n"), line);
	return buf;
}

/* The validator refused @cfg: say so at the node its line is about. */
static void validator_error(struct check_set *set, struct check_config *cfg)
{
	static char notes[8][CELLC_PATH_LEN * 2], nodes[8][CELLC_PATH_LEN];
	char text[sizeof(set->problems->msg)], node[CELLC_PATH_LEN] = "";

	hvctl_check_validator_text(text, sizeof(text));
	/* A source: the node the line names; a .cell: the line names index and value. */
	if (cfg->src && cellc_explain(cfg->src, hvctl_validator_message(), notes, nodes, 8))
		snprintf(node, sizeof(node), "%s", nodes[0]);
	else if (cfg->src)
		source_node(cfg, cfg->src->cell_node, node, sizeof(node));
	hvctl_check_add(set, cfg->file, node, CHECK_ERROR, text);
}

/* A compiled .cell: is it a whole config of @kind? */
static bool load_binary(struct check_set *set, struct check_config *cfg, void *buf, size_t size,
			unsigned int kind)
{
	char why[384];

	if (hvctl_config_check(buf, size, kind | HVCTL_CONFIG_ANY_ARCH, "hvctl config check", why,
			       sizeof(why)) != HVCTL_CONFIG_VALID) {
		hvctl_check_add(set, cfg->file, "", CHECK_ERROR, why);
		return false;
	}
	cfg->hdr = buf;
	cfg->size = size;
	return true;
}

/* Device-tree source or a .dtb, compiled in memory as bulkhead-cellc would. */
static bool load_source(struct check_set *set, struct check_config *cfg, unsigned int kind)
{
	struct cellc *c = calloc(1, sizeof(*c));
	u8 *buf = malloc(BULKHEAD_CONFIG_MAX_SIZE);
	void *fdt = NULL;
	size_t size = 0;

	if (c && buf)
		fdt = cellc_load(cfg->file, NULL, 0);
	if (fdt) {
		c->report = source_error;
		c->report_arg = set;
		size = cellc_build(c, cfg->file, fdt, buf);
	} else {
		hvctl_check_add(set, cfg->file, "", CHECK_ERROR,
				"cannot read it as a compiled .cell or as device-tree source (see "
				"above)");
	}
	cfg->src = c;
	cfg->fdt = fdt;
	cfg->hdr = (void *)buf;
	if (size && c->kind != kind) {
		hvctl_check_add(set, cfg->file, "/", CHECK_ERROR,
				kind == BULKHEAD_CONFIG_SYSTEM
					? "the first file must be the system config "
					  "(compatible = \"bulkhead,system\")"
					: "after the system config come cell configs only "
					  "(compatible = \"bulkhead,cell\")");
		size = 0;
	}
	cfg->size = size;
	return size > 0;
}

static void *read_file(const char *path, size_t *size)
{
	size_t cap = BULKHEAD_CONFIG_MAX_SIZE + 1;
	char *buf = malloc(cap);
	ssize_t got = -1;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && buf)
		got = hvctl_read_all(fd, buf, cap);
	if (fd >= 0)
		close(fd);
	if (got < 0) {
		free(buf);
		return NULL;
	}
	*size = got;
	return buf;
}

/* Loads and validates @cfg as a config of @kind; false if the set checks must skip it. */
static bool check_file(struct check_set *set, struct check_config *cfg, unsigned int kind)
{
	size_t size;
	void *buf;
	char msg[320];

	buf = read_file(cfg->file, &size);
	if (!buf) {
		snprintf(msg, sizeof(msg), "cannot read: %s", hvctl_strerror(errno));
		hvctl_check_add(set, cfg->file, "", CHECK_ERROR, msg);
		return false;
	}
	if (size >= BULKHEAD_CONFIG_MAGIC_LEN &&
	    !memcmp(buf, BULKHEAD_CONFIG_MAGIC, BULKHEAD_CONFIG_MAGIC_LEN)) {
		cfg->data = buf;
		if (!load_binary(set, cfg, buf, size, kind))
			return false;
	} else {
		free(buf);
		if (!load_source(set, cfg, kind))
			return false;
	}
	if (config_check(cfg->hdr, cfg->size, kind, cfg->hdr->arch)) {
		validator_error(set, cfg);
		return false;
	}
	/* Cells run on the architecture of the system they are created in. */
	if (kind == BULKHEAD_CONFIG_CELL && set->valid[0] &&
	    cfg->hdr->arch != set->configs[0].hdr->arch) {
		hvctl_check_report(set, cfg, ITEM_CELL, 0, CHECK_ERROR,
				   "arch %s, but the system config is for %s",
				   hvctl_arch_name(cfg->hdr->arch),
				   hvctl_arch_name(set->configs[0].hdr->arch));
		return false;
	}
	return true;
}

/* ----- the whole check ----- */

int hvctl_check_load(struct check_set *set, char **files, unsigned int num)
{
	unsigned int n;

	set->configs = calloc(num, sizeof(*set->configs));
	set->valid = calloc(num, sizeof(*set->valid));
	if (!set->configs || !set->valid)
		return -1;
	set->num_configs = num;
	for (n = 0; n < num; n++) {
		set->configs[n].file = files[n];
		set->valid[n] = check_file(set, &set->configs[n],
					   n ? BULKHEAD_CONFIG_CELL : BULKHEAD_CONFIG_SYSTEM);
	}
	return 0;
}

void hvctl_check_set(struct check_set *set)
{
	/* Without a valid system config nothing else can be judged. */
	if (!set->valid[0])
		return;
	hvctl_check_creates(set);
	hvctl_check_linux_ram(set);
}

static const char *severity_name(enum check_severity severity)
{
	static const char *const names[] = { "error", "warning", "note" };

	return names[severity];
}

void hvctl_check_print(FILE *out, const struct check_set *set)
{
	const struct check_problem *p;
	unsigned int n;

	for (n = 0; n < set->num_problems; n++) {
		p = &set->problems[n];
		fprintf(out, "%s: %s%s%s: %s\n", p->file, p->node, p->node[0] ? ": " : "",
			severity_name(p->severity), p->msg);
	}
	fprintf(out, "%u error%s, %u warning%s\n", set->errors, set->errors == 1 ? "" : "s",
		set->warnings, set->warnings == 1 ? "" : "s");
}

/* --json: "problems", "errors" and "warnings" of the result (or of the error) object. */
static void add_result(const struct check_set *set)
{
	const struct check_problem *p;
	FILE *out = hvctl_result_member("problems");
	unsigned int n;

	for (n = 0; out && n < set->num_problems; n++) {
		p = &set->problems[n];
		fprintf(out, "%s{\"file\": ", n ? ", " : "[");
		hvctl_json_string(out, p->file, strlen(p->file));
		fprintf(out, ", \"node\": ");
		hvctl_json_string(out, p->node, sizeof(p->node));
		fprintf(out, ", \"severity\": \"%s\", \"message\": ", severity_name(p->severity));
		hvctl_json_string(out, p->msg, sizeof(p->msg));
		fprintf(out, "}");
	}
	if (out)
		fprintf(out, "%s", n ? "]" : "[]");
	hvctl_result_u64("errors", set->errors);
	hvctl_result_u64("warnings", set->warnings);
	hvctl_result_in_error();
}

void hvctl_check_free(struct check_set *set)
{
	unsigned int n;

	for (n = 0; n < set->num_configs; n++) {
		free(set->configs[n].src);
		free(set->configs[n].fdt);
		free(set->configs[n].data ? set->configs[n].data : (void *)set->configs[n].hdr);
	}
	free(set->configs);
	free(set->valid);
	free(set->problems);
	free(set->ram);
}

/* --iomem FILE, --cmdline FILE; or, on the target, its own /proc/iomem. */
static int read_linux_ram(struct check_set *set, const char *iomem, const char *cmdline)
{
	char why[384];

	if (!set->valid[0])
		return 0;
	if (iomem && hvctl_check_read_iomem(set, iomem, why, sizeof(why)))
		goto err;
	if (cmdline && !iomem && hvctl_check_read_cmdline(set, cmdline, why, sizeof(why)))
		goto err;
	/* On the machine the configs are for, its own view decides (if it may be read). */
	if (!iomem && !cmdline && set->configs[0].hdr->arch == HVCTL_ARCH)
		hvctl_check_read_iomem(set, "/proc/iomem", why, sizeof(why));
	return 0;
err:
	hvctl_err("%s", why);
	return -1;
}

int hvctl_cmd_config_check(unsigned int flags, int argc, char **args)
{
	const char *iomem = NULL, *cmdline = NULL;
	struct check_set set = { 0 };
	unsigned int num = 0;
	int n, ret;

	for (n = 0; n < argc; n++) {
		if (!strcmp(args[n], "--iomem"))
			iomem = args[++n];
		else if (!strcmp(args[n], "--cmdline"))
			cmdline = args[++n];
		else
			args[num++] = args[n];
	}
	if (!num)
		return hvctl_usage_error("hvctl config check", "missing argument SYSTEM for "
							       "'hvctl config check'");
	if (hvctl_check_load(&set, args, num)) {
		hvctl_err("out of memory");
		return EXIT_FAILURE;
	}
	if (read_linux_ram(&set, iomem, cmdline)) {
		hvctl_check_free(&set);
		return EXIT_FAILURE;
	}
	hvctl_check_set(&set);
	if (!hvctl_json())
		hvctl_check_print(stdout, &set);
	else
		add_result(&set);
	/* The report says it in text; the JSON error object needs its "error". */
	if (set.errors && hvctl_json())
		hvctl_err("%u error%s in the config set", set.errors, set.errors == 1 ? "" : "s");
	ret = set.errors ? EXIT_FAILURE : EXIT_SUCCESS;
	hvctl_check_free(&set);
	return fflush(stdout) == 0 ? ret : EXIT_FAILURE;
}
