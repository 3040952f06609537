// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell load: what goes where. The operands become a list of segments
 * (an IMAGE file or a -s STRING, each with an optional -a address); segments
 * without an address get their default, and every segment must fit inside
 * one loadable region of the cell. Pure functions: hvctl-cell.c reads the
 * files and talks to the driver.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hvctl.h"
#include <bulkhead/crypto.h>
#include <bulkhead/inmate.h>

#define LABEL_TEXT_MAX		24

#define refuse(why, len, ...)	hvctl_reject(-1, why, len, __VA_ARGS__)

bool hvctl_is_opt(const char *arg, const char *letter, const char *name)
{
	return !strcmp(arg, letter) || !strcmp(arg, name);
}

bool hvctl_parse_address(const char *text, __u64 *address)
{
	int base = 10;
	char *end;

	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		base = 16;
		text += 2;
	}
	if (base == 16 ? !isxdigit((unsigned char)*text) : !isdigit((unsigned char)*text))
		return false;
	errno = 0;
	*address = strtoull(text, &end, base);
	return !errno && !*end;
}

const char *hvctl_segment_label(const struct hvctl_segment *seg, char *buf, size_t len)
{
	size_t text_len = strlen(seg->source);

	if (!seg->is_string)
		snprintf(buf, len, "%s", seg->source);
	else if (text_len > LABEL_TEXT_MAX)
		snprintf(buf, len, "string \"%.*s...\"", LABEL_TEXT_MAX, seg->source);
	else
		snprintf(buf, len, "string \"%s\"", seg->source);
	return buf;
}

static int add_segment(struct hvctl_load_plan *plan, const char *source, bool is_string,
		       char *why, size_t len)
{
	struct hvctl_segment *seg;

	if (plan->num == BULKHEAD_MAX_LOAD_SEGMENTS)
		return refuse(why, len, "more than %d IMAGEs and STRINGs; load at most %d at once",
			      BULKHEAD_MAX_LOAD_SEGMENTS, BULKHEAD_MAX_LOAD_SEGMENTS);
	if (!plan->num && is_string)
		return refuse(why, len, "'-s %s' before the IMAGE; the IMAGE comes first", source);
	seg = &plan->seg[plan->num++];
	seg->source = source;
	seg->is_string = is_string;
	seg->size = is_string ? strlen(source) + 1 : 0;
	return 0;
}

static int set_address(struct hvctl_load_plan *plan, const char *opt, const char *value,
		       char *why, size_t len)
{
	struct hvctl_segment *seg;
	char label[64];

	if (!plan->num)
		return refuse(why, len, "'%s %s' before the IMAGE; it goes after the IMAGE or "
			      "-s STRING it places", opt, value);
	seg = &plan->seg[plan->num - 1];
	if (seg->has_address)
		return refuse(why, len, "%s: two addresses ('%s %s' is the second)",
			      hvctl_segment_label(seg, label, sizeof(label)), opt, value);
	if (!hvctl_parse_address(value, &seg->address))
		return refuse(why, len, "'%s %s': not an address; give a cell address in hex "
			      "(0x...) or decimal", opt, value);
	seg->has_address = true;
	return 0;
}

/*
 * --initrd, --dtb and --cmdline: once each, for the boot of an operating
 * system; --sig, once, for any load.
 */
static int set_boot_option(struct hvctl_load_plan *plan, const char *opt, const char *value,
			   char *why, size_t len)
{
	const char **field = !strcmp(opt, "--initrd") ? &plan->initrd :
			     !strcmp(opt, "--dtb") ? &plan->dtb :
			     !strcmp(opt, "--sig") ? &plan->sig : &plan->cmdline;

	if (*field)
		return refuse(why, len, "'%s' given twice", opt);
	*field = value;
	return 0;
}

static bool is_boot_option(const char *arg)
{
	return !strcmp(arg, "--initrd") || !strcmp(arg, "--dtb") || !strcmp(arg, "--cmdline") ||
	       !strcmp(arg, "--sig");
}

int hvctl_load_parse(int argc, char **argv, struct hvctl_load_plan *plan, char *why,
		     size_t why_len)
{
	bool value_opt;
	int i, err = 0;
	unsigned int n;

	memset(plan, 0, sizeof(*plan));
	for (i = 0; i < argc && !err; i++) {
		value_opt = hvctl_is_opt(argv[i], "-a", "--address") ||
			    hvctl_is_opt(argv[i], "-s", "--string") || is_boot_option(argv[i]);
		if (value_opt && i + 1 == argc)
			return refuse(why, why_len, "'%s' needs a value", argv[i]);
		if (is_boot_option(argv[i]))
			err = set_boot_option(plan, argv[i], argv[i + 1], why, why_len);
		else if (hvctl_is_opt(argv[i], "-a", "--address"))
			err = set_address(plan, argv[i], argv[i + 1], why, why_len);
		else if (hvctl_is_opt(argv[i], "-s", "--string"))
			err = add_segment(plan, argv[i + 1], true, why, why_len);
		else
			err = add_segment(plan, argv[i], false, why, why_len);
		i += value_opt;
	}
	if (err)
		return err;
	if (!plan->num)
		return refuse(why, why_len, "missing IMAGE");
	if (plan->dtb && plan->cmdline)
		return refuse(why, why_len, "--cmdline with --dtb: the command line goes into a "
			      "generated device tree; put it into FILE's /chosen/bootargs instead");
	/* Only the first image has a default place: the others would land on top of it. */
	for (n = 1; n < plan->num; n++)
		if (!plan->seg[n].is_string && !plan->seg[n].has_address)
			return refuse(why, why_len, "%s: only the first IMAGE has a default "
				      "address; give '-a ADDR' after it", plan->seg[n].source);
	return 0;
}

bool hvctl_region_holds(const struct hvctl_region *r, __u64 address, __u64 size)
{
	return address >= r->start && address - r->start <= r->size &&
	       size <= r->size - (address - r->start);
}

bool hvctl_cell_fits(const struct hvctl_cell *cell, __u64 address, __u64 size)
{
	unsigned int n;

	for (n = 0; n < cell->num_loadable; n++)
		if (hvctl_region_holds(&cell->loadable[n], address, size))
			return true;
	return false;
}

const char *hvctl_loadable_list(const struct hvctl_cell *cell)
{
	static char list[512];
	size_t used = 0;
	unsigned int n;

	snprintf(list, sizeof(list), "none");
	for (n = 0; n < cell->num_loadable && used < sizeof(list); n++)
		used += snprintf(list + used, sizeof(list) - used, "%s0x%" PRIx64 "-0x%" PRIx64,
				 n ? ", " : "", (uint64_t)cell->loadable[n].start,
				 (uint64_t)(cell->loadable[n].start + cell->loadable[n].size - 1));
	return list;
}

static __u64 lowest_loadable(const struct hvctl_cell *cell)
{
	__u64 lowest = cell->loadable[0].start;
	unsigned int n;

	for (n = 1; n < cell->num_loadable; n++)
		if (cell->loadable[n].start < lowest)
			lowest = cell->loadable[n].start;
	return lowest;
}

/* A string without -a goes into the command line area of the first image. */
static int place_string(struct hvctl_segment *seg, __u64 image, char *why, size_t len)
{
	char label[64];

	seg->address = image + BULKHEAD_INMATE_CMDLINE_OFFSET;
	if (seg->size <= BULKHEAD_INMATE_CMDLINE_SIZE)
		return 0;
	return refuse(why, len, "%s: %" PRIu64 " bytes with its NUL do not fit the %d-byte command "
		      "line area at 0x%" PRIx64 " (image + 0x%x); shorten it or place it with "
		      "'-a ADDR'", hvctl_segment_label(seg, label, sizeof(label)),
		      (uint64_t)seg->size, BULKHEAD_INMATE_CMDLINE_SIZE, (uint64_t)seg->address,
		      BULKHEAD_INMATE_CMDLINE_OFFSET);
}

int hvctl_load_place(struct hvctl_load_plan *plan, const struct hvctl_cell *cell, char *why,
		     size_t why_len)
{
	struct hvctl_segment *seg;
	char label[64];
	unsigned int n;
	__u64 image;

	if (!cell->num_loadable)
		return refuse(why, why_len, "cell \"%s\" has no loadable memory; nothing can be "
			      "loaded into it", cell->name);
	image = plan->seg[0].has_address ? plan->seg[0].address : lowest_loadable(cell);
	for (n = 0; n < plan->num; n++) {
		seg = &plan->seg[n];
		hvctl_segment_label(seg, label, sizeof(label));
		if (!seg->size)
			return refuse(why, why_len, "%s: empty file; nothing to load", label);
		if (seg->is_string && !seg->has_address &&
		    place_string(seg, image, why, why_len) < 0)
			return -1;
		if (!seg->is_string && !seg->has_address)
			seg->address = image;
		if (!hvctl_cell_fits(cell, seg->address, seg->size))
			return refuse(why, why_len, "%s: %" PRIu64 " bytes at 0x%" PRIx64
				      " do not fit in a loadable region of cell \"%s\" (loadable: "
				      "%s)", label, (uint64_t)seg->size, (uint64_t)seg->address,
				      cell->name, hvctl_loadable_list(cell));
	}
	return 0;
}

/*
 * What an inmate's restart puts back: per loadable region, the span from the
 * first to the end of the last piece loaded into it (strings lie inside the
 * image; a gap between two pieces is kept as loaded, whatever it holds).
 */
int hvctl_inmate_boot(const struct hvctl_load_plan *plan, const struct hvctl_cell *cell,
		      const struct bulkhead_cell *desc, struct bulkhead_boot_params *boot,
		      char *why, size_t why_len)
{
	const struct hvctl_segment *seg;
	const struct hvctl_region *r;
	__u64 start, end;
	unsigned int n, i;

	memset(boot, 0, sizeof(*boot));
	boot->entry = desc->entry;
	boot->arg = desc->comm_region;
	for (i = 0; i < cell->num_loadable; i++) {
		r = &cell->loadable[i];
		start = end = 0;
		for (n = 0; n < plan->num; n++) {
			seg = &plan->seg[n];
			if (!hvctl_region_holds(r, seg->address, 1))
				continue;
			if (end == start || seg->address < start)
				start = seg->address;
			if (seg->address + seg->size > end)
				end = seg->address + seg->size;
		}
		if (end == start)
			continue;
		if (boot->num_segments == BULKHEAD_BOOT_MAX_SEGMENTS)
			return refuse(why, why_len, "pieces in more than %d loadable regions; a "
				      "restart puts back at most %d", BULKHEAD_BOOT_MAX_SEGMENTS,
				      BULKHEAD_BOOT_MAX_SEGMENTS);
		boot->segments[boot->num_segments].address = start;
		boot->segments[boot->num_segments].size = end - start;
		boot->num_segments++;
	}
	return 0;
}

int hvctl_inmate_spans(const struct bulkhead_load_segment pieces[], unsigned int num_pieces,
		       const struct bulkhead_boot_params *boot, struct bulkhead_load_segment spans[],
		       void *bufs[])
{
	const struct bulkhead_boot_segment *span;
	const struct bulkhead_load_segment *piece;
	unsigned int n, i;

	for (n = 0; n < boot->num_segments; n++) {
		span = &boot->segments[n];
		bufs[n] = calloc(1, span->size);
		if (!bufs[n])
			return -1;
		/* In load order: a later piece overwrites an earlier one, as in the cell's RAM. */
		for (i = 0; i < num_pieces; i++) {
			piece = &pieces[i];
			if (piece->address >= span->address &&
			    piece->address - span->address < span->size)
				memcpy((char *)bufs[n] + (piece->address - span->address),
				       (const void *)(uintptr_t)piece->data, piece->size);
		}
		spans[n] = (struct bulkhead_load_segment){ .address = span->address,
			.size = span->size, .data = (uintptr_t)bufs[n] };
	}
	return 0;
}

void hvctl_boot_digests(struct bulkhead_boot_params *boot, const struct bulkhead_load_segment segs[])
{
	unsigned int n;

	for (n = 0; n < boot->num_segments; n++)
		sha256((const void *)(uintptr_t)segs[n].data, segs[n].size,
		       boot->segments[n].sha256);
}
