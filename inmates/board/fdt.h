/* SPDX-License-Identifier: BSD-2-Clause */
/* A small reader of flattened device trees (the board's DTB), read in place. */
#ifndef BOARD_FDT_H
#define BOARD_FDT_H

#include "board.h"

#define DT_MAX_DEPTH	16

struct dt_blob {
	const uint8_t *blob;
	uint32_t size;
	uint32_t structs, structs_size;
	uint32_t strings, strings_size;
};

struct dt_node {
	const struct dt_blob *fdt;
	uint32_t props;		/* offset of the node's first token after its name */
	const char *name;
	int depth;
	uint32_t addr_cells, size_cells;	/* of its parent: how its reg reads */
};

/* Iterates over the nodes in document order. */
struct dt_iter {
	const struct dt_blob *fdt;
	uint32_t pos;
	int depth;
	uint32_t addr_cells[DT_MAX_DEPTH + 1], size_cells[DT_MAX_DEPTH + 1];
};

bool dt_open(struct dt_blob *fdt, uint64_t addr);
void dt_iter_start(struct dt_iter *it, const struct dt_blob *fdt);
bool dt_iter_next(struct dt_iter *it, struct dt_node *node);

const void *dt_prop(const struct dt_node *node, const char *name, uint32_t *len);
bool dt_is_compatible(const struct dt_node *node, const char *compatible);
bool dt_is_enabled(const struct dt_node *node);
bool dt_reg(const struct dt_node *node, unsigned int index, uint64_t *addr, uint64_t *size);
bool dt_u32(const struct dt_node *node, const char *name, unsigned int index, uint32_t *v);
bool dt_find_compatible(const struct dt_blob *fdt, const char *compatible, struct dt_node *node);

#endif
