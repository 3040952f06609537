// SPDX-License-Identifier: BSD-2-Clause
/*
 * Flattened device tree reader: checks the header, walks the structure block
 * token by token (big-endian cells), never reads outside the blob.
 */
#include "fdt.h"

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9
#define FDT_MAX_SIZE	(2u << 20)

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t align4(uint32_t v)
{
	return (v + 3) & ~3u;
}

static size_t bounded_strlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* The token at structure offset pos, or FDT_END when it would not fit. */
static uint32_t token_at(const struct dt_blob *fdt, uint32_t pos)
{
	if (pos > fdt->structs_size - 4)
		return FDT_END;
	return be32(fdt->blob + fdt->structs + pos);
}

/* Offset after the node name that starts at pos, or 0 if it runs off the end. */
static uint32_t skip_name(const struct dt_blob *fdt, uint32_t pos)
{
	const char *name = (const char *)fdt->blob + fdt->structs + pos;
	size_t len = bounded_strlen(name, fdt->structs_size - pos);

	if (len == fdt->structs_size - pos)
		return 0;
	return align4(pos + len + 1);
}

/* A property at pos: its name, value and the offset after it; false if malformed. */
static bool prop_at(const struct dt_blob *fdt, uint32_t pos, const char **name, const void **value,
		    uint32_t *len, uint32_t *next)
{
	uint32_t nameoff;

	if (pos > fdt->structs_size - 12)
		return false;
	*len = be32(fdt->blob + fdt->structs + pos + 4);
	nameoff = be32(fdt->blob + fdt->structs + pos + 8);
	if (*len > fdt->structs_size - pos - 12 || nameoff >= fdt->strings_size)
		return false;
	*name = (const char *)fdt->blob + fdt->strings + nameoff;
	if (bounded_strlen(*name, fdt->strings_size - nameoff) == fdt->strings_size - nameoff)
		return false;
	*value = fdt->blob + fdt->structs + pos + 12;
	*next = align4(pos + 12 + *len);
	return true;
}

bool dt_open(struct dt_blob *fdt, uint64_t addr)
{
	const uint8_t *blob = (const uint8_t *)addr;

	if (!addr || (addr & 7) || be32(blob) != FDT_MAGIC)
		return false;
	fdt->blob = blob;
	fdt->size = be32(blob + 4);
	fdt->structs = be32(blob + 8);
	fdt->strings = be32(blob + 12);
	fdt->strings_size = be32(blob + 32);
	fdt->structs_size = be32(blob + 36);
	if (fdt->size > FDT_MAX_SIZE || be32(blob + 20) < 17 ||
	    fdt->structs > fdt->size || fdt->structs_size > fdt->size - fdt->structs ||
	    fdt->strings > fdt->size || fdt->strings_size > fdt->size - fdt->strings ||
	    fdt->structs_size < 4 || (fdt->structs & 3))
		return false;
	return true;
}

void dt_iter_start(struct dt_iter *it, const struct dt_blob *fdt)
{
	it->fdt = fdt;
	it->pos = 0;
	it->depth = 0;
	/* The root's reg would read with the defaults. */
	it->addr_cells[0] = 2;
	it->size_cells[0] = 1;
}

bool dt_iter_next(struct dt_iter *it, struct dt_node *node)
{
	const struct dt_blob *fdt = it->fdt;

	for (;;) {
		uint32_t token = token_at(fdt, it->pos);
		const char *name;
		const void *value;
		uint32_t len, next;

		switch (token) {
		case FDT_BEGIN_NODE:
			if (it->depth >= DT_MAX_DEPTH)
				return false;
			node->fdt = fdt;
			node->name = (const char *)fdt->blob + fdt->structs + it->pos + 4;
			node->props = skip_name(fdt, it->pos + 4);
			if (!node->props)
				return false;
			node->depth = it->depth;
			node->addr_cells = it->addr_cells[it->depth];
			node->size_cells = it->size_cells[it->depth];
			it->depth++;
			it->addr_cells[it->depth] = 2;
			it->size_cells[it->depth] = 1;
			dt_u32(node, "#address-cells", 0, &it->addr_cells[it->depth]);
			dt_u32(node, "#size-cells", 0, &it->size_cells[it->depth]);
			it->pos = node->props;
			return true;
		case FDT_END_NODE:
			if (it->depth == 0)
				return false;
			it->depth--;
			it->pos += 4;
			break;
		case FDT_PROP:
			if (!prop_at(fdt, it->pos, &name, &value, &len, &next))
				return false;
			it->pos = next;
			break;
		case FDT_NOP:
			it->pos += 4;
			break;
		default:
			return false;
		}
	}
}

const void *dt_prop(const struct dt_node *node, const char *wanted, uint32_t *len)
{
	const struct dt_blob *fdt = node->fdt;
	uint32_t pos = node->props;

	for (;;) {
		uint32_t token = token_at(fdt, pos);
		const char *name;
		const void *value;
		uint32_t next;

		if (token == FDT_NOP) {
			pos += 4;
			continue;
		}
		if (token != FDT_PROP || !prop_at(fdt, pos, &name, &value, len, &next))
			return NULL;
		if (str_eq(name, wanted))
			return value;
		pos = next;
	}
}

bool dt_is_compatible(const struct dt_node *node, const char *compatible)
{
	uint32_t len, at = 0;
	const char *list = dt_prop(node, "compatible", &len);

	while (list && at < len) {
		size_t n = bounded_strlen(list + at, len - at);

		if (n < len - at && str_eq(list + at, compatible))
			return true;
		at += n + 1;
	}
	return false;
}

bool dt_is_enabled(const struct dt_node *node)
{
	uint32_t len;
	const char *status = dt_prop(node, "status", &len);

	return !status || (len >= 3 && bounded_strlen(status, len) < len &&
			   (str_eq(status, "okay") || str_eq(status, "ok")));
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	uint64_t v = 0;

	while (cells--) {
		v = v << 32 | be32(p);
		p += 4;
	}
	return v;
}

bool dt_reg(const struct dt_node *node, unsigned int index, uint64_t *addr, uint64_t *size)
{
	uint32_t len, entry = (node->addr_cells + node->size_cells) * 4;
	const uint8_t *reg = dt_prop(node, "reg", &len);

	if (!reg || node->addr_cells > 2 || node->size_cells > 2 || !entry ||
	    len / entry <= index)
		return false;
	*addr = read_cells(reg + index * entry, node->addr_cells);
	*size = read_cells(reg + index * entry + node->addr_cells * 4, node->size_cells);
	return true;
}

bool dt_u32(const struct dt_node *node, const char *name, unsigned int index, uint32_t *v)
{
	uint32_t len;
	const uint8_t *cells = dt_prop(node, name, &len);

	if (!cells || len / 4 <= index)
		return false;
	*v = be32(cells + index * 4);
	return true;
}

bool dt_find_compatible(const struct dt_blob *fdt, const char *compatible, struct dt_node *node)
{
	struct dt_iter it;

	dt_iter_start(&it, fdt);
	while (dt_iter_next(&it, node))
		if (dt_is_compatible(node, compatible) && dt_is_enabled(node))
			return true;
	return false;
}
