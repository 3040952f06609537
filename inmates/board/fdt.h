/* SPDX-License-Identifier: BSD-2-Clause */
/* A small reader of flattened device trees (the board's DTB), read in place. */
#ifndef BOARD_FDT_H
#define BOARD_FDT_H

#include "board.h"

#define FDT_MAX_DEPTH	16

struct fdt {
	const uint8_t *blob;
	uint32_t size;
	uint32_t structs, structs_size;
	uint32_t strings, strings_size;
};

struct fdt_node {
	const struct fdt *fdt;
	uint32_t props;		/* offset of the node's first token after its name */
	const char *name;
	int depth;
	uint32_t addr_cells, size_cells;	/* of its parent: how its reg reads */
};

/* Iterates over the nodes in document order. */
struct fdt_iter {
	const struct fdt *fdt;
	uint32_t pos;
	int depth;
	uint32_t addr_cells[FDT_MAX_DEPTH + 1], size_cells[FDT_MAX_DEPTH + 1];
};

bool fdt_open(struct fdt *fdt, uint64_t addr);
void fdt_iter_start(struct fdt_iter *it, const struct fdt *fdt);
bool fdt_iter_next(struct fdt_iter *it, struct fdt_node *node);

const void *fdt_prop(const struct fdt_node *node, const char *name, uint32_t *len);
bool fdt_is_compatible(const struct fdt_node *node, const char *compatible);
bool fdt_is_enabled(const struct fdt_node *node);
bool fdt_reg(const struct fdt_node *node, unsigned int index, uint64_t *addr, uint64_t *size);
bool fdt_u32(const struct fdt_node *node, const char *name, unsigned int index, uint32_t *v);
bool fdt_find_compatible(const struct fdt *fdt, const char *compatible, struct fdt_node *node);

#endif
