/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvctl config check (hvctl-config-check.c): a set of configs checked
 * offline against each other, the way the hypervisor would check them when
 * enabled with the first and asked to create the others in order.
 */
#ifndef _HVCTL_CONFIG_CHECK_H
#define _HVCTL_CONFIG_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <bulkhead/types.h>
#include <bulkhead/config.h>

#include "cellc.h"

enum check_severity {
	CHECK_ERROR,
	CHECK_WARNING,
	/* Said, but counted as neither: what the check cannot know. */
	CHECK_NOTE,
};

/* One line of the report: "FILE: NODE: error: MSG". */
struct check_problem {
	const char *file;
	/* A source's DT node path, or the item's index and address in a .cell. */
	char node[CELLC_PATH_LEN];
	enum check_severity severity;
	char msg[512];
};

struct check_config {
	const char *file;
	const struct bulkhead_config_header *hdr;
	size_t size;
	/* A source: what the compiler's front end knows of its nodes; NULL for a .cell. */
	struct cellc *src;
	void *fdt;
	/* A .cell: the file as read. */
	void *data;
};

struct check_set {
	/* The system config first, then the cells in the order they are created. */
	struct check_config *configs;
	/* Which of them passed the validator: the set checks skip the others. */
	bool *valid;
	unsigned int num_configs;
	struct check_problem *problems;
	unsigned int num_problems, cap_problems;
	unsigned int errors, warnings;
	/*
	 * RAM Linux uses (an EFI machine's /proc/iomem lists many pieces), and
	 * where that is known from ("" if it is not).
	 */
	struct check_ram {
		u64 start, size;
	} *ram;
	unsigned int num_ram, cap_ram;
	char ram_source[128];
};

/* What a problem is about, for its NODE: a DT path for sources, index and address for .cell. */
enum check_item {
	ITEM_CELL,
	ITEM_REGION,
	ITEM_CHANNEL,
	ITEM_IRQ,
	ITEM_VDEVICE,
	ITEM_HV_MEMORY,
};

static inline const struct bulkhead_cell *config_cell(const struct check_config *cfg)
{
	return bulkhead_config_cell(cfg->hdr);
}

/* The system config's system block and root cell (the set's first config). */
static inline const struct bulkhead_system *set_system(const struct check_set *set)
{
	return bulkhead_config_system(set->configs[0].hdr);
}

static inline const struct bulkhead_cell *set_root(const struct check_set *set)
{
	return config_cell(&set->configs[0]);
}

/* Adds a problem as it is; @node may be "". */
void hvctl_check_add(struct check_set *set, const char *file, const char *node,
		     enum check_severity severity, const char *msg);

/* Adds a problem about item @idx of @cfg, located as its source or binary allows. */
void hvctl_check_report(struct check_set *set, const struct check_config *cfg, enum check_item item,
			unsigned int idx, enum check_severity severity, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
#define check_error(set, cfg, item, idx, ...)                                              \
	hvctl_check_report(set, cfg, item, idx, CHECK_ERROR, __VA_ARGS__)
#define check_warning(set, cfg, item, idx, ...)                                            \
	hvctl_check_report(set, cfg, item, idx, CHECK_WARNING, __VA_ARGS__)

/* The validator's last line without "config: " and its newline, in @buf. */
const char *hvctl_check_validator_text(char *buf, size_t len);

/* Reads and validates each of @files (a system config, then cell configs); -1: out of memory. */
int hvctl_check_load(struct check_set *set, char **files, unsigned int num);

/*
 * What Linux uses, from a /proc/iomem (top-level "System RAM") or a
 * /proc/cmdline (mem=, applied to the RAM the system config knows of).
 * The set's system config must be valid. 0, or -1 with the reason in @why.
 */
int hvctl_check_read_iomem(struct check_set *set, const char *path, char *why, size_t len);
int hvctl_check_read_cmdline(struct check_set *set, const char *path, char *why, size_t len);

/* The checks across the set: what the creates, in order, would refuse (hvctl-config-set.c). */
void hvctl_check_creates(struct check_set *set);

/* The hypervisor's, cells' and channels' memory against Linux's RAM (hvctl-config-ram.c). */
void hvctl_check_linux_ram(struct check_set *set);

/* Both of the above, if the system config is valid. */
void hvctl_check_set(struct check_set *set);

/* Every problem, one line each, then "N errors, N warnings". */
void hvctl_check_print(FILE *out, const struct check_set *set);

void hvctl_check_free(struct check_set *set);

#endif /* !_HVCTL_CONFIG_CHECK_H */
