// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell load of an operating system or board program, and hvctl cell
 * dtb: the files it reads (the program, --initrd, --dtb, the cell's config
 * from sysfs, the root's own device tree) and the segments and boot
 * parameters it hands to hvctl-cell.c, which talks to the driver. The
 * decisions (what the file is, where each piece goes, the device tree) are
 * hvctl-image.c's and hvctl-dtb.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "hvctl.h"

/* Booting.rst: a device tree is at most 2 MiB. */
#define DTB_MAX_FILE		(2 * 1024 * 1024)
/* Room a --dtb file gets for the initramfs properties hvctl adds to /chosen. */
#define DTB_EXTRA		4096
/* The largest program or initramfs hvctl reads: any cell's RAM is smaller. */
#define FILE_MAX		(1ULL << 32)

void hvctl_os_load_free(struct hvctl_os_load *os)
{
	unsigned int n;

	for (n = 0; n < BULKHEAD_MAX_LOAD_SEGMENTS; n++) {
		free(os->buf[n]);
		free(os->piece[n]);
	}
	free(os->file);
	free(os->initrd);
	free(os->config);
	memset(os, 0, sizeof(*os));
}

/* A whole file into a malloc()ed buffer; NULL after saying why. */
static void *read_file(const char *path, const char *what, __u64 max, size_t *size)
{
	struct stat st;
	void *buf = NULL;
	ssize_t got = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		hvctl_err("%s %s: cannot open: %s", what, path, hvctl_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (__u64)st.st_size > max) {
		hvctl_err("%s %s: not a regular file of at most %" PRIu64 " bytes", what, path,
			  (uint64_t)max);
		goto out;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	if (buf)
		got = hvctl_read_all(fd, buf, st.st_size);
	if (got != st.st_size) {
		hvctl_err("%s %s: cannot read: %s", what, path,
			  got < 0 ? hvctl_strerror(errno) : "it changed while being read");
		free(buf);
		buf = NULL;
	}
	*size = st.st_size;
out:
	close(fd);
	return buf;
}

/* The config cell @id was created from, as the driver keeps it, or the file @path. */
static void *read_cell_config(unsigned int id, const char *path, size_t *size)
{
	char sysfs[256], why[512];
	void *config;

	snprintf(sysfs, sizeof(sysfs), "%s/%u/config", HVCTL_CELLS_DIR, id);
	config = hvctl_config_load(path ? path : sysfs,
				   BULKHEAD_CONFIG_CELL | (path ? HVCTL_CONFIG_ANY_ARCH : 0),
				   path ? "hvctl cell sign" : "hvctl cell load", size, why,
				   sizeof(why));
	if (!config)
		hvctl_err("%s", why);
	return config;
}

/*
 * An arm64 Image or an ELF is an operating system or board program; so is a
 * raw binary given --initrd, --dtb or --cmdline, or loaded alone (no string,
 * no second IMAGE) into a cell with emulated devices, a board-native cell.
 * Any other raw binary is an inmate.
 */
static bool is_os_load(const struct hvctl_load_plan *plan, const struct hvctl_image *img,
		       const struct bulkhead_cell *desc)
{
	return img->kind != HVCTL_IMAGE_RAW || plan->initrd || plan->dtb || plan->cmdline ||
	       (desc->num_vdevices && plan->num == 1);
}

/* Builds the cell's device tree for the layout found, into @os->buf[slot]. */
static int make_dtb(struct hvctl_os_load *os, const struct hvctl_load_plan *plan,
		    unsigned int slot, size_t *size)
{
	struct hvctl_dtb_args args = {
		.cell = bulkhead_config_cell(os->config),
		.cmdline = plan->cmdline,
		.initrd_start = os->lay.initrd_address,
		.initrd_size = os->initrd_size,
		.notes = stderr,
	};
	const char *board_path = plan->board ?: hvctl_board_fdt("hvctl cell load");
	char why[512];
	size_t board_size;
	void *board = board_path ? read_file(board_path, "the root's device tree", DTB_MAX_FILE,
					     &board_size) : NULL;
	int ret;

	if (!board)
		return -1;
	args.board = board;
	os->buf[slot] = malloc(HVCTL_DTB_MAX_SIZE);
	ret = os->buf[slot] ? hvctl_dtb_build(&args, os->buf[slot], HVCTL_DTB_MAX_SIZE, why,
					      sizeof(why)) : -1;
	free(board);
	if (ret < 0) {
		hvctl_err("%s", os->buf[slot] ? why : "out of memory");
		return -1;
	}
	*size = fdt_totalsize(os->buf[slot]);
	return 0;
}

/* The user's --dtb, with the initramfs added to /chosen as QEMU adds it to a -dtb. */
static int user_dtb(struct hvctl_os_load *os, const char *path, unsigned int slot, size_t *size)
{
	size_t file_size;
	void *file = read_file(path, "device tree", DTB_MAX_FILE, &file_size);
	void *fdt = file ? malloc(file_size + DTB_EXTRA) : NULL;
	int chosen, err = -1;

	os->buf[slot] = fdt;
	if (!fdt)
		goto out;
	err = fdt_check_header(file) ?: fdt_open_into(file, fdt, file_size + DTB_EXTRA);
	if (!err && os->initrd_size) {
		chosen = fdt_path_offset(fdt, "/chosen");
		if (chosen == -FDT_ERR_NOTFOUND)
			chosen = fdt_add_subnode(fdt, 0, "chosen");
		err = chosen < 0 ? chosen :
		      fdt_setprop_u64(fdt, chosen, "linux,initrd-start", os->lay.initrd_address) ?:
		      fdt_setprop_u64(fdt, chosen, "linux,initrd-end",
				      os->lay.initrd_address + os->initrd_size);
	}
	if (!err)
		err = fdt_pack(fdt);
	if (err)
		hvctl_err("device tree %s: %s", path, fdt_strerror(err));
	else
		*size = fdt_totalsize(fdt);
out:
	free(file);
	return err ? -1 : 0;
}

static void add_segment(struct hvctl_os_load *os, __u64 address, void *data, __u64 size)
{
	struct bulkhead_boot_params *boot = &os->boot;

	os->seg[os->num_segs++] = (struct bulkhead_load_segment){
		.address = address, .size = size, .data = (uintptr_t)data };
	boot->segments[boot->num_segments++] = (struct bulkhead_boot_segment){
		.address = address, .size = size };
}

/* The program's parts: the file itself, or an ELF segment with its zeros. */
static int add_program(struct hvctl_os_load *os)
{
	const struct hvctl_image_part *part;
	unsigned int n;

	for (n = 0; n < os->img.num_parts; n++) {
		part = &os->img.part[n];
		if (part->mem_size == part->file_size && !part->offset) {
			add_segment(os, part->address, os->file, part->file_size);
			continue;
		}
		os->buf[n] = calloc(1, part->mem_size);
		if (!os->buf[n]) {
			hvctl_err("out of memory for ELF segment %u (%" PRIu64 " bytes)", n,
				  (uint64_t)part->mem_size);
			return -1;
		}
		memcpy(os->buf[n], (char *)os->file + part->offset, part->file_size);
		add_segment(os, part->address, os->buf[n], part->mem_size);
	}
	return 0;
}

/* What the IMAGE is, and whether it is an operating system (then loaded alone). */
static int recognize(struct hvctl_os_load *os, const struct hvctl_load_plan *plan)
{
	const struct hvctl_segment *image = &plan->seg[0];
	char why[1024];

	if (hvctl_image_parse(os->file, os->file_size, image->source,
			      le16toh(((const struct bulkhead_config_header *)os->config)->arch),
			      &os->img, why, sizeof(why)) < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	os->is_os = is_os_load(plan, &os->img, bulkhead_config_cell(os->config));
	if (os->is_os && plan->num > 1) {
		hvctl_err("%s: a %s is loaded alone, with --initrd, --dtb and --cmdline; no more "
			  "IMAGEs or -s STRINGs", image->source, hvctl_image_kind_name(os->img.kind));
		return -1;
	}
	return 0;
}

/* Where an operating system's pieces go in the cell's RAM (the initramfs: once read). */
static int place(struct hvctl_os_load *os, const struct hvctl_load_plan *plan,
		 const struct hvctl_cell *cell)
{
	const struct hvctl_segment *image = &plan->seg[0];
	char why[1024];

	os->lay.has_base = image->has_address;
	os->lay.base = image->address;
	os->lay.initrd_size = os->initrd_size;
	os->lay.dtb_size = plan->dtb ? DTB_MAX_FILE : HVCTL_DTB_MAX_SIZE;
	if (hvctl_boot_layout(&os->img, cell, &os->lay, why, sizeof(why)) < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	return 0;
}

/*
 * An inmate's IMAGEs and strings, placed, and laid into one span per
 * loadable region: what goes into the cell is what the digests cover.
 */
static int prepare_inmate(struct hvctl_os_load *os, struct hvctl_load_plan *plan,
			  const struct hvctl_cell *cell)
{
	struct bulkhead_load_segment pieces[BULKHEAD_MAX_LOAD_SEGMENTS];
	struct hvctl_segment *seg;
	const void *data;
	char why[1024];
	unsigned int n;
	size_t size;

	for (n = 0; n < plan->num; n++) {
		seg = &plan->seg[n];
		data = n ? (seg->is_string ? seg->source : NULL) : os->file;
		size = n ? seg->size : os->file_size;
		if (!data) {
			data = os->piece[n] = read_file(seg->source, "image", FILE_MAX, &size);
			if (!data)
				return -1;
		}
		seg->size = size;
		pieces[n].data = (uintptr_t)data;
	}
	if (hvctl_load_place(plan, cell, why, sizeof(why)) < 0 ||
	    hvctl_inmate_boot(plan, cell, bulkhead_config_cell(os->config), &os->boot, why,
			      sizeof(why)) < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	for (n = 0; n < plan->num; n++) {
		pieces[n].address = plan->seg[n].address;
		pieces[n].size = plan->seg[n].size;
	}
	if (hvctl_inmate_spans(pieces, plan->num, &os->boot, os->seg, os->buf) < 0) {
		hvctl_err("out of memory for the images");
		return -1;
	}
	os->num_segs = os->boot.num_segments;
	return 0;
}

int hvctl_os_load_prepare(struct hvctl_load_plan *plan, const struct hvctl_cell *cell,
			  struct hvctl_os_load *os)
{
	unsigned int dtb_slot = BULKHEAD_MAX_LOAD_SEGMENTS - 1;
	size_t config_size, dtb_size = 0;

	memset(os, 0, sizeof(*os));
	os->config = read_cell_config(cell->id, plan->config, &config_size);
	os->file = os->config ? read_file(plan->seg[0].source, "image", FILE_MAX,
					  &os->file_size) : NULL;
	if (!os->file || recognize(os, plan) < 0)
		return -1;
	if (!os->is_os) {
		if (prepare_inmate(os, plan, cell) < 0)
			return -1;
		hvctl_boot_digests(&os->boot, os->seg);
		return 0;
	}
	/* Placed before the initramfs is read: a kernel that does not fit fails fast. */
	if (place(os, plan, cell) < 0)
		return -1;
	if (plan->initrd) {
		os->initrd = read_file(plan->initrd, "initramfs", FILE_MAX, &os->initrd_size);
		/* Placed again now that its size is known. */
		if (!os->initrd || place(os, plan, cell) < 0)
			return -1;
	}
	if (add_program(os) < 0)
		return -1;
	if (os->lay.dtb_address && (plan->dtb ? user_dtb(os, plan->dtb, dtb_slot, &dtb_size) :
				    make_dtb(os, plan, dtb_slot, &dtb_size)) < 0)
		return -1;
	if (os->lay.dtb_address)
		add_segment(os, os->lay.dtb_address, os->buf[dtb_slot], dtb_size);
	if (os->initrd_size)
		add_segment(os, os->lay.initrd_address, os->initrd, os->initrd_size);
	os->boot.entry = os->lay.entry;
	os->boot.arg = os->lay.arg;
	hvctl_boot_digests(&os->boot, os->seg);
	return 0;
}

/* ----- hvctl cell dtb ----- */

static int write_dtb(const void *fdt, const char *output)
{
	int fd = output ? open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) :
			  STDOUT_FILENO;

	if (!output && isatty(fd)) {
		hvctl_err("the device tree is binary; give -o FILE, or pipe it into "
			  "'dtc -I dtb -O dts'");
		return -1;
	}
	if (fd < 0 || hvctl_write_all(fd, fdt, fdt_totalsize(fdt)) < 0) {
		hvctl_err("%s: cannot write: %s", output ? output : "standard output",
			  hvctl_strerror(errno));
		if (fd >= 0 && output)
			close(fd);
		return -1;
	}
	if (output)
		close(fd);
	return 0;
}

int hvctl_cmd_cell_dtb(unsigned int flags, int argc, char **args)
{
	const char *output = NULL, *board_path = NULL, *config_path = args[0];
	struct hvctl_dtb_args dtb = { .notes = stderr };
	char why[512], path[256];
	struct hvctl_cell cell;
	size_t size, board_size;
	void *config = NULL, *board = NULL, *fdt = malloc(HVCTL_DTB_MAX_SIZE);
	char *notes = NULL;
	size_t notes_size;
	int n, ret = EXIT_FAILURE;

	/* The options have their values (hvctl.c checked); anything else is a stray operand. */
	for (n = 1; n < argc; n++) {
		if (hvctl_is_opt(args[n], "-o", "--output")) {
			output = args[++n];
		} else if (!strcmp(args[n], "--board")) {
			board_path = args[++n];
		} else if (!strcmp(args[n], "--cmdline")) {
			dtb.cmdline = args[++n];
		} else {
			ret = hvctl_usage_error("hvctl cell dtb", "unexpected argument '%s'",
						args[n]);
			goto out;
		}
	}
	if (hvctl_json() && !output) {
		ret = hvctl_usage_error("hvctl cell dtb", "--json needs -o FILE for the device "
					"tree (the JSON goes to standard output)");
		goto out;
	}
	if (!board_path && !(board_path = hvctl_board_fdt("hvctl cell dtb")))
		goto out;
	/* A running cell's config, or a .cell file (no hypervisor needed). */
	if (!strstr(config_path, ".cell")) {
		if (hvctl_cell_find(HVCTL_CELLS_DIR, args[0], &cell, why, sizeof(why)) < 0) {
			hvctl_err("%s", why);
			goto out;
		}
		snprintf(path, sizeof(path), "%s/%u/config", HVCTL_CELLS_DIR, cell.id);
		config_path = path;
	}
	config = hvctl_config_load(config_path, BULKHEAD_CONFIG_CELL, "hvctl cell dtb", &size, why,
				   sizeof(why));
	if (!config)
		hvctl_err("%s", why);
	board = config ? read_file(board_path, "the root's device tree", DTB_MAX_FILE,
				   &board_size) : NULL;
	if (!board || !fdt)
		goto out;
	dtb.cell = bulkhead_config_cell(config);
	dtb.board = board;
	/* With --json what could not be described goes into the result, not to stderr. */
	if (hvctl_json())
		dtb.notes = open_memstream(&notes, &notes_size);
	if (hvctl_dtb_build(&dtb, fdt, HVCTL_DTB_MAX_SIZE, why, sizeof(why)) < 0)
		hvctl_err("%s", why);
	else if (write_dtb(fdt, output) == 0)
		ret = EXIT_SUCCESS;
	if (hvctl_json() && dtb.notes) {
		fclose(dtb.notes);
		hvctl_result_str("cell", dtb.cell->name);
		hvctl_result_str("output", output);
		hvctl_result_u64("size", fdt_totalsize(fdt));
		hvctl_result_str("notes", notes);
	}
out:
	free(notes);
	free(fdt);
	free(board);
	free(config);
	return ret;
}

void *hvctl_read_file(const char *path, const char *what, __u64 max, size_t *size)
{
	return read_file(path, what, max, size);
}

/* ----- signatures ----- */

int hvctl_read_signature(const char *path, struct bulkhead_boot_params *boot)
{
	size_t size;
	void *sig = read_file(path, "signature", BULKHEAD_ED25519_SIG_SIZE + 1, &size);

	if (sig && size != BULKHEAD_ED25519_SIG_SIZE)
		hvctl_err("signature %s: %zu bytes; an Ed25519 signature (hvctl cell sign -o FILE) "
			  "is %d", path, size, BULKHEAD_ED25519_SIG_SIZE);
	if (!sig || size != BULKHEAD_ED25519_SIG_SIZE) {
		free(sig);
		return -1;
	}
	memcpy(boot->signature, sig, BULKHEAD_ED25519_SIG_SIZE);
	boot->flags |= BULKHEAD_BOOT_SIGNED;
	free(sig);
	return 0;
}
