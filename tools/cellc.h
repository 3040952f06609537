/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The config compiler's front end (tools/cellc-compile.c): device-tree source
 * or a .dtb in, the binary of include/bulkhead/config.h out, with the DT node
 * of every region, channel, emulated device and link kept so that problems
 * found later can be pointed back at the source. bulkhead-cellc writes the
 * binary to a file; hvctl config check compiles sources in memory with it.
 */
#ifndef _BULKHEAD_CELLC_H
#define _BULKHEAD_CELLC_H

#include <stddef.h>
#include <bulkhead/types.h>
#include <bulkhead/config.h>

#define CELLC_MAX_INCLUDE_DIRS	16
/* Longest node path or note a message names. */
#define CELLC_PATH_LEN		256

struct cellc {
	const char *input;
	const void *fdt;
	unsigned int errors;
	/*
	 * Each schema error goes here: the node's path, the property (or
	 * NULL) and the message. NULL: "INPUT: NODE: property "P": MESSAGE"
	 * on stderr.
	 */
	void (*report)(const struct cellc *c, const char *node, const char *prop,
		       const char *msg);
	void *report_arg;
	unsigned int kind;
	unsigned int arch;
	struct bulkhead_system system;
	struct bulkhead_cell cell;
	/* Nodes of the cell, of the hypervisor memory and of the channel policy, or -1. */
	int cell_node, hypervisor_node, policy_node;
	struct bulkhead_mem_region regions[BULKHEAD_MAX_MEM_REGIONS];
	/* DT node of each region, to point validator messages back at the source. */
	int region_nodes[BULKHEAD_MAX_MEM_REGIONS];
	struct bulkhead_channel channels[BULKHEAD_MAX_CHANNELS];
	int channel_nodes[BULKHEAD_MAX_CHANNELS];
	u32 irqs[BULKHEAD_MAX_IRQS];
	struct bulkhead_vdevice vdevices[BULKHEAD_MAX_VDEVICES];
	int vdevice_nodes[BULKHEAD_MAX_VDEVICES];
	struct bulkhead_link links[BULKHEAD_MAX_LINKS];
	/* Entry of the policy's "links" property each link comes from. */
	unsigned int link_entries[BULKHEAD_MAX_LINKS];
};

/*
 * The device tree in @input: a .dtb as it is, anything else run through
 * $CPP and $DTC (syntax errors from them on stderr, with file:line). Returns
 * a malloc()ed blob checked to be a device tree, or NULL after saying why
 * on stderr.
 */
void *cellc_load(const char *input, const char *const include_dirs[], unsigned int num_dirs);

/*
 * Parses the device tree @fdt (named @input in messages) into @c, which the
 * caller zeroed except for report and report_arg, and lays the binary out in
 * @buf (BULKHEAD_CONFIG_MAX_SIZE bytes). Returns its size, or 0 if the
 * schema had errors (c->errors of them, each reported). The validator has
 * not run yet.
 */
size_t cellc_build(struct cellc *c, const char *input, const void *fdt, u8 *buf);

/* The path of DT node @node of @c in @path, or "(unknown node)". */
const char *cellc_node_path(const struct cellc *c, int node, char *path, size_t len);

/*
 * What a line of the validator (hypervisor/config.c) about @c's binary
 * refers to in the source: up to @max notes, most specific item first
 * after the fields it names, e.g. "memory region 0 is /cell/memory@70100000"
 * with @nodes[i] that node's path. Returns the number of notes.
 */
unsigned int cellc_explain(const struct cellc *c, const char *line,
			   char notes[][CELLC_PATH_LEN * 2], char nodes[][CELLC_PATH_LEN],
			   unsigned int max);

#endif /* !_BULKHEAD_CELLC_H */
