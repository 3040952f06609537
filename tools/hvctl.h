/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvctl internals shared by tools/hvctl*.c and the unit tests. The functions
 * of hvctl-config.c, hvctl-info.c, hvctl-sysfs.c, hvctl-load.c, hvctl-stats.c
 * and hvctl-channel-parse.c print nothing on their own (except to @out) and
 * touch no device, so that the unit tests can build them without main(); the
 * command handlers talk to the driver and print.
 */
#ifndef _HVCTL_H
#define _HVCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <termios.h>
#include <linux/types.h>
#include <libfdt.h>
#include <bulkhead/config.h>
#include <bulkhead/event.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

#include "hvctl-cmd.h"

/*
 * What differs between the architectures hvctl runs on: one definition per
 * architecture, tools/arch/hvctl-<arch>.c, chosen when hvctl is linked (the
 * host's hvctl gets the host's).
 */
struct hvctl_arch_desc {
	/* BULKHEAD_ARCH_*: configs are checked against it. */
	unsigned int id;
	/* What ENODEV from 'hvctl enable' means here. */
	const char *enable_enodev;
	/* Its name for second-stage translation, in 'hvctl info': "stage-2", "EPT". */
	const char *stage2_name;
	/* The machine's own device tree, or NULL: it has none (x86). */
	const char *board_fdt;
};

extern const struct hvctl_arch_desc hvctl_arch;

/* Configs are checked against the architecture this hvctl runs on. */
#define HVCTL_ARCH		(hvctl_arch.id)

/*
 * The device tree of the machine hvctl runs on, for @cmd that reads one when
 * no --board is given; NULL after saying that this machine has none.
 */
const char *hvctl_board_fdt(const char *cmd);

/* The hypervisor's page pool counts 4 KiB pages. */
#define HVCTL_POOL_PAGE_SIZE	4096

/*
 * Exit statuses, one table for every command (Documentation/hvctl.md, "Exit
 * status"): EXIT_SUCCESS (0), EXIT_FAILURE (1: the operation failed), then:
 */
#define HVCTL_EXIT_USAGE	2	/* unknown option, missing operand, ... */
#define HVCTL_EXIT_NOT_ENABLED	3	/* the command needs the hypervisor, which is not enabled */
#define HVCTL_EXIT_NO_MODULE	4	/* /dev/bulkhead is missing: the module is not loaded */

/*
 * Saying these gives the exit status above (hvctl-cli.c): every message
 * about the two states must contain them.
 */
#define HVCTL_NOT_ENABLED_TEXT	"the hypervisor is not enabled"
#define HVCTL_NO_MODULE_TEXT	"the bulkhead module is not loaded"
#define HVCTL_NOT_ENABLED	\
	HVCTL_NOT_ENABLED_TEXT "; enable it with 'hvctl enable FILE.cell'"
/* Every use of the driver, reads included, needs CAP_SYS_ADMIN (Documentation/abi.md). */
#define HVCTL_NEED_ROOT		"permission denied; run hvctl as root (it needs CAP_SYS_ADMIN)"
#define HVCTL_KERNEL_LOG_HINT	"the driver's reason is in the kernel log: dmesg | grep bulkhead"
/* Ends the messages about sysfs contents hvctl does not understand. */
#define HVCTL_MODULE_HINT	"is the bulkhead module of this release loaded?"

/* Where the driver describes every cell, the root cell (id 0) included. */
#define HVCTL_CELLS_DIR		"/sys/devices/bulkhead/cells"
/* The root cell and at most BULKHEAD_MAX_CELLS others. */
#define HVCTL_MAX_LISTED	(BULKHEAD_MAX_CELLS + 1)
#define HVCTL_REASON_LEN	256

/* Result of hvctl_config_check(), in the order the checks run. */
enum hvctl_config_status {
	HVCTL_CONFIG_VALID,
	HVCTL_CONFIG_TOO_SMALL,
	HVCTL_CONFIG_TOO_LARGE,
	HVCTL_CONFIG_BAD_MAGIC,
	HVCTL_CONFIG_BAD_REVISION,
	HVCTL_CONFIG_BAD_ARCH,
	HVCTL_CONFIG_BAD_KIND,
	HVCTL_CONFIG_BAD_SIZE,
	HVCTL_CONFIG_BAD_CHECKSUM,
	HVCTL_CONFIG_BAD_LAYOUT,
};

/*
 * Check the @size bytes at @buf as a config of @kind (BULKHEAD_CONFIG_*) for
 * HVCTL_ARCH, or for any architecture with HVCTL_CONFIG_ANY_ARCH in @kind
 * (hvctl cell sign, on a host). @cmd names the command that needs it ("hvctl
 * enable"). On a problem, @why receives one sentence saying what is wrong
 * and how to fix it.
 */
#define HVCTL_CONFIG_ANY_ARCH	0x10000
enum hvctl_config_status hvctl_config_check(const void *buf, size_t size, unsigned int kind,
					    const char *cmd, char *why, size_t why_len);

/*
 * Read and check the config file @path for @cmd. Returns a malloc()ed copy and
 * its size in @size, or NULL with "PATH: problem; fix" in @why.
 */
void *hvctl_config_load(const char *path, unsigned int kind, const char *cmd, size_t *size,
			char *why, size_t why_len);

/*
 * Run the hypervisor's own validator (hypervisor/config.c) on a config that
 * passed hvctl_config_check(), and for cell configs check that CPU 0 stays
 * with the root cell. Returns 0, or -1 with "problem; fix" in @why.
 */
int hvctl_config_validate(const void *buf, size_t size, unsigned int kind, char *why,
			  size_t why_len);

/* The line the validator printed last (its printk() sink lives in hvctl.c). */
const char *hvctl_validator_message(void);

/* printk() sink of the validator, as declared in hypervisor/include/bulkhead/printk.h. */
void console_write(const char *text, size_t len);

/* Read up to @size bytes; returns the count read, or -1 on a read error. */
ssize_t hvctl_read_all(int fd, void *buf, size_t size);

/* Write one sentence into @why (for the functions that explain a failure). */
void hvctl_explain(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Explain the problem in @why and evaluate to @status. */
#define hvctl_reject(status, why, len, ...)	(hvctl_explain(why, len, __VA_ARGS__), (status))

const char *hvctl_arch_name(unsigned int arch);
/* How Linux is kept out of memory on machines of @arch (BULKHEAD_ARCH_*), for errors. */
const char *hvctl_arch_reserve_hint(unsigned int arch);
const char *hvctl_kind_name(unsigned int kind);

/* @arg is the option @letter ("-a") or @name ("--address"). */
bool hvctl_is_opt(const char *arg, const char *letter, const char *name);
/* Hex with 0x, or decimal, within 64 bits; nothing else (no sign, no octal, no trailing text). */
bool hvctl_parse_address(const char *text, __u64 *value);
/* Decimal digits only, no sign, no blanks, within 64 bits. */
bool hvctl_parse_decimal(const char *text, __u64 *value);

/* Describe the problem on line @line of the sysfs file @path, and evaluate to -EIO. */
#define hvctl_bad_line(why, len, path, line, fmt, ...)                                    \
	hvctl_reject(-EIO, why, len, "%s: line %u: " fmt "; " HVCTL_MODULE_HINT, path, line,  \
		     ##__VA_ARGS__)

/* Write all @len bytes of @data to @fd; 0, or -1 with errno. */
int hvctl_write_all(int fd, const void *data, size_t len);

/* Write the CPU ids in @mask as "0-3,6" ("none" when empty) into @buf. */
void hvctl_format_cpus(__u64 mask, char *buf, size_t len);

/* Print what BULKHEAD_GET_STATUS returned, as text or as JSON. */
void hvctl_print_info(FILE *out, const struct bulkhead_status *st, bool json);

/* JSON helpers: a string of at most @len bytes of @s, and a CPU set as an array. */
void hvctl_json_string(FILE *out, const char *s, size_t len);
void hvctl_json_cpus(FILE *out, __u64 mask);

/* ----- cells, as the driver shows them in sysfs (hvctl-sysfs.c) ----- */

struct hvctl_region {
	__u64 start;
	__u64 size;
};

struct hvctl_cell {
	unsigned int id;
	char name[BULKHEAD_CELL_NAME_LEN];
	char state[16];			/* "shut-down", "running" or "failed" */
	__u64 cpus;
	__u64 failed_cpus;
	char reason[HVCTL_REASON_LEN];	/* empty unless failed */
	/* Counted since create (sysfs files of the same names). */
	__u64 restarts;
	__u64 watchdog_expiries;
	__u64 faults;
	__u64 rollbacks;
	__u64 updates;
	unsigned int num_loadable;
	struct hvctl_region loadable[BULKHEAD_MAX_MEM_REGIONS];
};

/*
 * Read @file of cell @id below @dir into @buf, without the final newline.
 * Returns 0, -ENOENT if the cell (or the file) does not exist or the cell is
 * being destroyed (the driver answers ENODEV then), or -EIO with the
 * sentence to print in @why.
 */
int hvctl_cell_read_file(const char *dir, unsigned int id, const char *file, char *buf,
			 size_t size, char *why, size_t why_len);

/*
 * Cell @id below @dir is there, and not being destroyed: its state can be
 * read. A file that hvctl_cell_read_file() finds missing in a cell that
 * exists means a driver of another release; a cell being destroyed loses
 * its files (or they fail with ENODEV) before its directory goes.
 */
bool hvctl_cell_exists(const char *dir, unsigned int id);

/*
 * Read cell @id below @dir. Returns 0, -ENOENT if it does not exist (any
 * more), or a negative errno as hvctl_cells_read() does.
 */
int hvctl_cell_read(const char *dir, unsigned int id, struct hvctl_cell *cell, char *why,
		    size_t why_len);

/* Parse a Linux CPU list ("1-2,4"; empty is no CPU) into @mask. Returns 0 or -1. */
int hvctl_parse_cpulist(const char *text, __u64 *mask);

/*
 * Read every cell below @dir (HVCTL_CELLS_DIR; tests pass another) into
 * @cells, sorted by id. Returns the number of cells, or a negative errno
 * with the sentence to print in @why: -ENODEV when the hypervisor is not
 * enabled (@dir does not exist, or the root cell's state is "none"), -EIO
 * for unreadable or unexpected contents.
 */
int hvctl_cells_read(const char *dir, struct hvctl_cell *cells, unsigned int max, char *why,
		     size_t why_len);

/* "id:3" always means the cell of id 3. */
#define HVCTL_ID_PREFIX		"id:"

/*
 * Resolve @arg below @dir: "id:N" is the cell of id N; otherwise a cell's
 * name, or a decimal id (names cannot be all digits). Returns 0, or a
 * negative errno as hvctl_cells_read() does; -ENOENT if there is no such
 * cell, -EINVAL for "id:" without a decimal id or a number that is an id
 * and the name of another cell (from a hypervisor before the rule).
 */
int hvctl_cell_find(const char *dir, const char *arg, struct hvctl_cell *cell, char *why,
		    size_t why_len);

/* The table of 'hvctl cell list', or its JSON form. */
void hvctl_print_cells(FILE *out, const struct hvctl_cell *cells, unsigned int num, bool json);

/* The first @num_cols columns, two spaces apart, padded to @width; no trailing blanks. */
void hvctl_print_row(FILE *out, const char *const col[], const int width[],
		     unsigned int num_cols);

/* ----- hvctl cell stats: a cell's exit counters per CPU (hvctl-stats.c) ----- */

/* Capacity only: the statistics file's header names the counters. */
#define HVCTL_STATS_MAX_COUNTERS	32
#define HVCTL_STATS_NAME_LEN		32

struct hvctl_cpu_stats {
	unsigned int cpu;
	__u64 value[HVCTL_STATS_MAX_COUNTERS];
};

/* The statistics file of one cell: counter names, then one row per CPU. */
struct hvctl_stats {
	unsigned int num_counters;
	char names[HVCTL_STATS_MAX_COUNTERS][HVCTL_STATS_NAME_LEN];
	unsigned int num_cpus;
	struct hvctl_cpu_stats cpu[BULKHEAD_MAX_CPUS];
};

/* How 'hvctl cell stats' was asked to show them. */
struct hvctl_stats_args {
	const char *cell;		/* the CELL operand */
	double interval;		/* seconds between refreshes of the live view */
	bool interval_given;
};

/*
 * Parse the operands of 'hvctl cell stats' (CELL and "--interval SECONDS",
 * the latter in place as the dispatcher leaves it); @flags are its option
 * flags. Returns 0, or -1 with the usage problem in @why.
 */
int hvctl_stats_parse_args(unsigned int flags, int argc, char **argv,
			   struct hvctl_stats_args *args, char *why, size_t why_len);

/* "--interval @text": seconds from 0.1 to 3600 into @seconds; 0, or -1 with @why. */
int hvctl_parse_interval(const char *text, double *seconds, char *why, size_t why_len);

/*
 * Parse @text, the contents of @path: a header line "cpu NAME...", then one
 * line "ID VALUE..." per CPU. Returns 0, or -EIO with @why naming @path and
 * the line.
 */
int hvctl_stats_parse(char *text, const char *path, struct hvctl_stats *st, char *why,
		      size_t why_len);

/*
 * Read and parse the statistics of cell @id below @dir. Returns 0, -ENOENT
 * if the cell does not exist (any more), or -EIO with @why.
 */
int hvctl_stats_read(const char *dir, unsigned int id, struct hvctl_stats *st, char *why,
		     size_t why_len);

/*
 * The table of totals; with @prev (an earlier sample @seconds before), each
 * counter is followed by its rate per second ("-" for a CPU @prev lacks).
 */
void hvctl_stats_print_table(FILE *out, const struct hvctl_stats *st,
			     const struct hvctl_stats *prev, double seconds);

/*
 * One frame of the live view, refreshed every @interval seconds: name the
 * cell, print the table (with rates when @prev is given).
 */
void hvctl_stats_print_live(FILE *out, const struct hvctl_cell *cell, double interval,
			    const struct hvctl_stats *st, const struct hvctl_stats *prev,
			    double seconds);

/* {"cell": {"id": .., "name": ..}, "cpus": [{"cpu": N, "NAME": VALUE, ...}]} */
void hvctl_stats_print_json(FILE *out, const struct hvctl_cell *cell,
			    const struct hvctl_stats *st);

/* ----- live views on a terminal (hvctl-screen.c) ----- */

#define HVCTL_SCREEN_CLEAR	"\033[H\033[2J"

/*
 * The terminal of a live view. On a terminal the view takes the alternate
 * screen, hides the cursor and reads keys without echo (q quits; Ctrl-C
 * still raises SIGINT); frames are cut to its size, which it reads again on
 * SIGWINCH. Elsewhere (a pipe, a file) frames go out whole.
 */
struct hvctl_screen {
	bool keys;			/* standard input is a terminal: keys are read */
	bool fit;			/* standard output is a terminal: frames fit it */
	unsigned int width, height;	/* its size; 0 where there is no limit */
	struct termios saved;
};

/*
 * Write @frame to @out as one screen: the clear sequence, then its lines,
 * each cut to @width columns (0: no limit), at most @height of them.
 */
void hvctl_screen_fit(FILE *out, const char *frame, unsigned int width, unsigned int height);

/* Take the terminal for a live view (and catch SIGINT, SIGTERM, SIGWINCH). */
void hvctl_screen_open(struct hvctl_screen *s);
/* Give it back as it was. */
void hvctl_screen_close(struct hvctl_screen *s);
/* Wait up to @seconds (less on a resize); false when the view is to end: q or a signal. */
bool hvctl_screen_wait(struct hvctl_screen *s, double seconds);

/*
 * One frame of a live view into @out, at most @width columns wide (0: no
 * limit). Returns -1 to go on, or the exit status that ends the view, with
 * what to say then (after the terminal is restored) in @why, or "".
 */
typedef int (*hvctl_frame_fn)(FILE *out, void *ctx, unsigned int width, char *why,
			      size_t why_len);

/*
 * Draw @frame every @interval seconds (at once on a resize) until it ends the
 * view, q is typed, or SIGINT or SIGTERM comes; the terminal is restored in
 * every case. Returns the exit status. (hvctl-live.c)
 */
int hvctl_live_view(hvctl_frame_fn frame, void *ctx, double interval);

/* ----- hvctl top: every cell at a glance (hvctl-top.c; the command in hvctl-live.c) ----- */

/* The last console line shown, cut to this many bytes. */
#define HVCTL_TOP_LINE_LEN	160

struct hvctl_top_cell {
	struct hvctl_cell cell;		/* name, state, CPUs, restarts */
	__u64 exits;			/* over its CPUs: exits (statistics "total") */
	__u64 virqs;			/* virtual interrupts injected (statistics "virq") */
	__u64 doorbells;		/* rung and received on its channels */
	/* Its console (none for the root cell): where we are, lines seen, the last one. */
	bool has_console;
	__u64 console_pos;
	__u64 console_lines;
	bool line_open;			/* @last_line is still being written */
	char last_line[HVCTL_TOP_LINE_LEN];
};

struct hvctl_top_sample {
	unsigned int num;
	struct hvctl_top_cell cell[HVCTL_MAX_LISTED];
};

/*
 * Read every cell below @dir into @now: its sysfs files, the sums of its
 * statistics and of its channels' doorbells. A cell @prev had (same id and
 * name) keeps its console state. Returns 0, or a negative errno with @why
 * as hvctl_cells_read() does.
 */
int hvctl_top_read(const char *dir, struct hvctl_top_sample *now,
		   const struct hvctl_top_sample *prev, char *why, size_t why_len);

/*
 * The operands of hvctl top: only "--interval SECONDS" (in place, as the
 * dispatcher leaves it) into @interval (default 1). 0, or -1 with @why.
 */
int hvctl_top_parse_args(int argc, char **argv, double *interval, char *why, size_t why_len);

/* @len new bytes of @c's console: lines counted, the last non-empty one kept. */
void hvctl_top_console_feed(struct hvctl_top_cell *c, const char *bytes, size_t len);

/*
 * The table of hvctl top: a row per cell, the busiest (exits per second)
 * first, with rates over @seconds since @prev (none without it: "-"). The
 * last column, the last console line, is cut to fit @width (0: no limit).
 */
void hvctl_top_print(FILE *out, const struct hvctl_top_sample *now,
		     const struct hvctl_top_sample *prev, double seconds, unsigned int width);

/* The same as one JSON object: {"interval": S, "cells": [...]}. */
void hvctl_top_print_json(FILE *out, const struct hvctl_top_sample *now,
			  const struct hvctl_top_sample *prev, double seconds);

/* ----- hvctl cell load: segments and where they go (hvctl-load.c) ----- */

struct hvctl_segment {
	const char *source;		/* the IMAGE path, or the STRING itself */
	bool is_string;
	bool has_address;		/* -a given; otherwise hvctl_load_place() picks it */
	__u64 address;			/* cell address */
	__u64 size;			/* file size, or string length with its NUL */
};

struct hvctl_load_plan {
	unsigned int num;
	struct hvctl_segment seg[BULKHEAD_MAX_LOAD_SEGMENTS];
	/* For an operating system (NULL when not given): --initrd, --dtb, --cmdline. */
	const char *initrd;
	const char *dtb;
	const char *cmdline;
	/* hvctl cell sign: the CELL.cell file and the board's device tree (NULL: this board's). */
	const char *config;
	const char *board;
	/* --sig: the signature file a load attaches (NULL: none). */
	const char *sig;
};

/*
 * Parse what follows CELL: IMAGE [-a ADDR] [-s STRING [-a ADDR]]..., options
 * in place as the dispatcher leaves them. Sizes of strings are set, those of
 * images are left to the caller. Returns 0, or -1 with the problem in @why.
 */
int hvctl_load_parse(int argc, char **argv, struct hvctl_load_plan *plan, char *why,
		     size_t why_len);

/*
 * Give every segment without -a its default address and check that each
 * fits inside one loadable region of @cell. Returns 0, or -1 with @why.
 */
int hvctl_load_place(struct hvctl_load_plan *plan, const struct hvctl_cell *cell, char *why,
		     size_t why_len);

/* Does [@address, @address + @size) lie inside @r (no overflow)? */
bool hvctl_region_holds(const struct hvctl_region *r, __u64 address, __u64 size);
/* Does [@address, @address + @size) lie inside one loadable region of @cell? */
bool hvctl_cell_fits(const struct hvctl_cell *cell, __u64 address, __u64 size);
/* "0x0-0xfffff, 0x200000-0x2fffff", or "none" (a static buffer). */
const char *hvctl_loadable_list(const struct hvctl_cell *cell);

/*
 * The boot parameters of an inmate placed by @plan in @cell (config @desc):
 * the config's entry, x0 = its communication region, and per loadable
 * region one segment spanning what was loaded there, for restarts. Returns
 * 0, or -1 with @why.
 */
int hvctl_inmate_boot(const struct hvctl_load_plan *plan, const struct hvctl_cell *cell,
		      const struct bulkhead_cell *desc, struct bulkhead_boot_params *boot,
		      char *why, size_t why_len);

/*
 * What goes into the cell for @boot's spans (hvctl_inmate_boot()): per span
 * a buffer in @bufs[n] (the caller frees them), zero but for the @pieces in
 * it, laid in load order; @spans[n] points at it. Loading the spans, not the
 * pieces, makes the cell's memory equal what the digests cover, gaps
 * included. Returns 0, or -1 when out of memory.
 */
int hvctl_inmate_spans(const struct bulkhead_load_segment pieces[], unsigned int num_pieces,
		       const struct bulkhead_boot_params *boot, struct bulkhead_load_segment spans[],
		       void *bufs[]);

/* The SHA-256 digest of each of @boot's segments, @segs[n] holding segment n's bytes. */
void hvctl_boot_digests(struct bulkhead_boot_params *boot, const struct bulkhead_load_segment segs[]);

/* "IMAGE" or "string \"TEXT\"" (shortened): how messages name @seg. */
const char *hvctl_segment_label(const struct hvctl_segment *seg, char *buf, size_t len);

/* ----- operating systems and board programs: image kinds and boot layout (hvctl-image.c) ----- */

enum hvctl_image_kind {
	HVCTL_IMAGE_RAW,		/* an inmate, or a raw board program */
	HVCTL_IMAGE_ARM64,		/* a Linux arm64 Image */
	HVCTL_IMAGE_ELF,		/* an ELF64 AArch64 executable */
};

/* The device tree takes one boot segment; the program the rest. */
#define HVCTL_IMAGE_MAX_PARTS	(BULKHEAD_BOOT_MAX_SEGMENTS - 1)

/* A piece of the file that goes into the cell; mem_size - file_size bytes of zeros follow. */
struct hvctl_image_part {
	__u64 address;
	__u64 offset;			/* in the file */
	__u64 file_size;
	__u64 mem_size;
};

struct hvctl_image {
	enum hvctl_image_kind kind;
	__u64 file_size;
	/* Image and raw: offset from a 2 MiB aligned base, memory it takes (Image: image_size). */
	__u64 text_offset;
	__u64 mem_size;
	const char *page_size;		/* Image: "4K", ... */
	__u64 entry;			/* ELF: e_entry */
	unsigned int num_parts;		/* ELF: its PT_LOAD segments; else set by the layout */
	struct hvctl_image_part part[HVCTL_IMAGE_MAX_PARTS];
};

/*
 * Recognize the @size bytes of @path at @buf, a program for a cell of @arch
 * (BULKHEAD_ARCH_*): an ELF file (checked: ELF64, little-endian, the arch's
 * machine, ET_EXEC, program headers and PT_LOAD segments inside the file, no
 * overlap), an arm64 Image (its header checked; arm64 cells only) or else raw.
 * Returns 0, or -1 with the problem in @why.
 */
int hvctl_image_parse(const void *buf, __u64 size, const char *path, unsigned int arch,
		      struct hvctl_image *img,
		      char *why, size_t len);
const char *hvctl_image_kind_name(enum hvctl_image_kind kind);

/* Where an operating system's pieces go and how its first CPU starts. */
struct hvctl_boot_layout {
	/* In: -a for an Image or raw program (a 2 MiB aligned base), the other pieces' sizes. */
	bool has_base;
	__u64 base;
	__u64 dtb_size;
	__u64 initrd_size;
	/* Out: entry and x0 of the first CPU, where the device tree (0: none) and initrd go. */
	__u64 entry;
	__u64 arg;
	__u64 dtb_address;
	__u64 initrd_address;
	__u64 image_mem_size;
};

/*
 * Place @img (its parts set for an Image or raw program), the device tree and
 * the initramfs in the loadable RAM of @cell as QEMU's virt board would (see
 * hvctl-image.c). Returns 0, or -1 with what does not fit, and where, in @why.
 */
int hvctl_boot_layout(struct hvctl_image *img, const struct hvctl_cell *cell,
		      struct hvctl_boot_layout *lay, char *why, size_t len);

/* ----- the device tree of a cell (hvctl-dtb.c) ----- */

/*
 * A cell's redistributor frames, RD_base + SGI_base, GICR_TYPER.VLPIS 0 also
 * on a GICv4 board (Documentation/interrupts.md).
 */
#define HVCTL_GICR_FRAME_SPAN	0x20000
/* Room for a generated device tree (it is packed to its size). */
#define HVCTL_DTB_MAX_SIZE	(64 * 1024)

struct hvctl_dtb_args {
	const struct bulkhead_cell *cell;	/* from a config that passed the checks */
	const void *board;		/* the root's device tree (/sys/firmware/fdt) */
	const char *cmdline;		/* /chosen/bootargs, or NULL */
	__u64 initrd_start;
	__u64 initrd_size;		/* 0: no initramfs */
	FILE *notes;			/* what could not be described, or NULL */
};

/*
 * Build the device tree of @args->cell into @buf (@size bytes), packed.
 * Returns 0, or -1 with the problem in @why.
 */
int hvctl_dtb_build(const struct hvctl_dtb_args *args, void *buf, int size, char *why,
		    size_t len);

/* ----- the machine, as its firmware and Linux describe it (hvctl-board.c) ----- */

/* GIC #interrupt-cells: type (0 SPI, 1 PPI), number, flags. */
#define HVCTL_DT_SPI		0
#define HVCTL_DT_PPI		1

/* The number in @num cells at @p (big-endian, as device trees store them). */
__u64 hvctl_fdt_read_cells(const fdt32_t *p, int num);

/*
 * @addr, an address as the children of @bus see it, as the CPU sees it: up
 * through each ancestor's "ranges". False if a bus has no "ranges" (its
 * children are not memory-mapped, e.g. an I2C bus) or none covers @addr.
 */
bool hvctl_fdt_translate(const void *fdt, int bus, __u64 *addr);

/*
 * Entry @index of @node's "reg" as the CPU sees it: translated through the
 * "ranges" of every bus above it. False if there is no such entry or it is
 * not memory-mapped (a bus without "ranges", no range covering it).
 */
bool hvctl_fdt_reg(const void *fdt, int node, unsigned int index, __u64 *addr, __u64 *size);
/* How many "reg" entries of @node hvctl_fdt_reg() translates. */
unsigned int hvctl_fdt_num_reg(const void *fdt, int node);
/* @node is an Arm GIC (v2 or v3) interrupt controller. */
bool hvctl_fdt_is_gic(const void *fdt, int node);

struct hvctl_irq {
	__u32 intid;			/* GIC INTID: SPI n is 32 + n, PPI n 16 + n */
	__u32 flags;			/* the specifier's trigger flags */
};

/*
 * @node's interrupts that go to the GIC, as INTIDs (at most @max); @foreign
 * counts those that go elsewhere (a GPIO or another controller, an
 * extended SPI). Returns their number.
 */
int hvctl_fdt_irqs(const void *fdt, int node, struct hvctl_irq *irqs, unsigned int max,
		   unsigned int *foreign);

/* Physical ranges [start, end), sorted, merged where they touch. */
/* An EFI machine's /proc/iomem has a few hundred pieces of RAM. */
#define HVCTL_MAX_SPANS		512
struct hvctl_spans {
	unsigned int num;
	struct {
		__u64 start, end;
	} span[HVCTL_MAX_SPANS];
};

/* Add a range (false when the set is full), cut one out, ask about one. */
bool hvctl_spans_add(struct hvctl_spans *set, __u64 start, __u64 end);
void hvctl_spans_remove(struct hvctl_spans *set, __u64 start, __u64 end);
bool hvctl_spans_overlap(const struct hvctl_spans *set, __u64 start, __u64 end);
bool hvctl_spans_hold(const struct hvctl_spans *set, __u64 start, __u64 end);

/*
 * The RAM of the firmware's tree (its memory nodes) and what it reserves
 * (/reserved-memory, /memreserve/). Returns 0, or -1 when there are more
 * than HVCTL_MAX_SPANS ranges.
 */
int hvctl_fdt_ram(const void *fdt, struct hvctl_spans *ram, struct hvctl_spans *reserved);

/* The top-level entries of /proc/iomem, [start, end). */
#define HVCTL_MAX_IOMEM		1024
struct hvctl_iomem {
	unsigned int num;
	struct {
		__u64 start, end;
		char name[48];
	} entry[HVCTL_MAX_IOMEM];
};

/* Parse the text of /proc/iomem. Returns 0, or -1 with the problem in @why. */
int hvctl_iomem_parse(const char *text, struct hvctl_iomem *io, char *why, size_t len);
/* The "System RAM" Linux uses, and every other top-level entry; -1 if more than fit. */
int hvctl_iomem_ram(const struct hvctl_iomem *io, struct hvctl_spans *used,
		    struct hvctl_spans *other);

/*
 * The tree's RAM into @ram, and into @unused what nobody uses: @ram less
 * every top-level entry of @io (Linux's "System RAM", the firmware's
 * "reserved") and the tree's reservations. @io NULL: nothing counts as
 * unused. Returns 0, or -1 when there are more than HVCTL_MAX_SPANS ranges
 * of one kind.
 */
int hvctl_unused_ram(const void *fdt, const struct hvctl_iomem *io, struct hvctl_spans *ram,
		     struct hvctl_spans *unused);

enum hvctl_gic_frame { HVCTL_GICD, HVCTL_GICR, HVCTL_GICC, HVCTL_GICH, HVCTL_GICV,
		       HVCTL_GIC_FRAMES };

struct hvctl_gic {
	int version;			/* 2 or 3 */
	int node;
	/* Size 0: the tree does not describe this frame. GICR: the first region. */
	struct {
		__u64 start, size;
	} frame[HVCTL_GIC_FRAMES];
	int num_redist;			/* #redistributor-regions */
	unsigned int num_its;
	__u64 its[4];
	int its_node[4];
};

/* The GIC of the tree (a GICv3 first). Returns 0, or -1 when there is none. */
int hvctl_fdt_gic(const void *fdt, struct hvctl_gic *gic);

struct hvctl_psci {
	char method[8];			/* "smc", "hvc", or "" when the node has none */
	const char *version;		/* "1.0", "0.2" or "0.1", from its compatible */
};

/* The PSCI node of the tree. Returns 0, or -1 when there is none. */
int hvctl_fdt_psci(const void *fdt, struct hvctl_psci *psci);

struct hvctl_cpu {
	__u64 mpidr;			/* its reg */
	char enable_method[16];
	char compatible[32];
};

/* The CPU nodes below /cpus, in their order (Linux's CPU numbers). -1 if more than @max. */
int hvctl_fdt_cpus(const void *fdt, struct hvctl_cpu *cpus, unsigned int max);

/* A whole text file (also /proc, /sys), NUL-terminated, malloc()ed; NULL with errno. */
char *hvctl_read_text(const char *path);

/* ----- hvctl config create (hvctl-config-create.c) ----- */

struct hvctl_create_args {
	const void *fdt;		/* the firmware's device tree */
	const char *iomem;		/* the text of /proc/iomem, NULL: unknown */
	const char *cmdline;		/* Linux's command line, NULL: unknown */
	const char *cpus_online;	/* "0-3", NULL: unknown */
	const char *root_name;		/* the root cell's name */
	__u64 hv_size;			/* the hypervisor's memory, 2 MiB aligned */
	__u64 cell_ram;			/* RAM for cells when it has to be taken from Linux */
};

/* hvctl_config_create() wrote a config that marks why this machine cannot run Bulkhead. */
#define HVCTL_CREATE_UNSUPPORTED	-2

/*
 * Write the system config DTS for the machine @args describes to @out, and a
 * line per CHECK or UNSUPPORTED comment to @notes (or NULL): "check: TEXT",
 * "unsupported: TEXT". Returns the
 * number of CHECK comments, HVCTL_CREATE_UNSUPPORTED, or -1 with the
 * problem in @why (then @out holds nothing usable).
 */
int hvctl_config_create(const struct hvctl_create_args *args, FILE *out, FILE *notes,
			char *why, size_t len);

/* ----- hvctl hardware check (hvctl-hardware.c) ----- */

enum hvctl_verdict { HVCTL_OK, HVCTL_WARNING, HVCTL_PROBLEM };

/* What hvctl hardware check looks at; NULL (or -1) where it could not be read. */
struct hvctl_machine {
	const void *fdt;		/* /sys/firmware/fdt */
	const char *iomem;		/* /proc/iomem */
	const char *cmdline;		/* /proc/cmdline */
	const char *kmsg;		/* the kernel log (dmesg) */
	const char *cpus_online;	/* /sys/devices/system/cpu/online */
	int kvm_device;			/* /dev/kvm exists: 1, 0, -1 unknown */
	const void *config;		/* a system config (.cell) to check against, or NULL */
};

struct hvctl_finding {
	enum hvctl_verdict verdict;
	const char *topic;		/* "el2", "vhe", "kvm", "gic", ... */
	char text[384];			/* what was found, and what to do */
};

#define HVCTL_MAX_FINDINGS	16

/* Look at @m; fills @f (room for HVCTL_MAX_FINDINGS) and returns how many. */
unsigned int hvctl_hardware_check(const struct hvctl_machine *m, struct hvctl_finding *f);
/* "ok", "warning", "problem". */
const char *hvctl_verdict_name(enum hvctl_verdict v);

/* hvctl config create, hvctl hardware check (hvctl-machine.c). */
int hvctl_cmd_config_create(unsigned int flags, int argc, char **args);
int hvctl_cmd_hardware_check(unsigned int flags, int argc, char **args);

/* ----- loading an operating system or board program (hvctl-os.c) ----- */

/* What hvctl cell load hands the driver for an Image, an ELF or a board program. */
struct hvctl_os_load {
	bool is_os;			/* false: an inmate, loaded as before */
	void *config;			/* the cell's, from sysfs */
	void *file;			/* the IMAGE */
	size_t file_size;
	void *initrd;
	size_t initrd_size;
	struct hvctl_image img;
	struct hvctl_boot_layout lay;
	/*
	 * Buffers the segments point into besides file and initrd (ELF zeros,
	 * the device tree, an inmate's spans), and an inmate's other IMAGEs.
	 */
	void *buf[BULKHEAD_MAX_LOAD_SEGMENTS];
	void *piece[BULKHEAD_MAX_LOAD_SEGMENTS];
	unsigned int num_segs;
	struct bulkhead_load_segment seg[BULKHEAD_MAX_LOAD_SEGMENTS];
	struct bulkhead_boot_params boot;
};

/*
 * Read plan->seg[0] and decide: an arm64 Image or ELF, or a raw program in a
 * board-native cell (one with emulated devices) or with --initrd, --dtb or
 * --cmdline, is an operating system: its segments are program, device tree
 * and initramfs. Otherwise @os->is_os is false and the segments are an
 * inmate's spans (its IMAGEs and strings placed by @plan). Either way @os
 * gets the segments and the boot parameters with their SHA-256 digests: the
 * manifest hvctl cell sign signs and hvctl cell load hands over. Returns 0,
 * or -1 after saying why.
 */
int hvctl_os_load_prepare(struct hvctl_load_plan *plan, const struct hvctl_cell *cell,
			  struct hvctl_os_load *os);
void hvctl_os_load_free(struct hvctl_os_load *os);
/* A whole regular file of at most @max bytes, malloc()ed; NULL after saying why (@what it is). */
void *hvctl_read_file(const char *path, const char *what, __u64 max, size_t *size);

/* ----- hvctl key: Ed25519 keys and signatures (hvctl-key.c; hvctl-key-none.c on the board) ----- */

/*
 * Sign @len bytes at @msg with the Ed25519 private key in the PEM file
 * @key_path into @sig (checked with the hypervisor's verifier). 0, or -1
 * with the reason in @why. The board's hvctl cannot sign: always -1.
 */
int hvctl_sign(const char *key_path, const void *msg, size_t len,
	       __u8 sig[BULKHEAD_ED25519_SIG_SIZE], char *why, size_t why_len);

/* How the pieces hvctl cell load prepared reach a cell (hvctl-cell.c, hvctl-update.c). */
struct hvctl_apply {
	const char *done;		/* "loaded": what the messages say happened */
	/* 0, or -1 after saying why. */
	int (*fn)(int fd, const struct hvctl_cell *cell, const struct bulkhead_load_segment *segs,
		  unsigned int num, const struct bulkhead_boot_params *params);
};

/*
 * The pieces @plan names, prepared for the cell @arg names as hvctl cell load
 * prepares them (an inmate, an operating system, a board program), handed
 * to @apply; the device @fd open. 0, or -1 after saying why.
 */
int hvctl_cell_load_with(int fd, const char *arg, struct hvctl_load_plan *plan,
			 const struct hvctl_apply *apply);

/* Loading and setting the boot parameters, as hvctl cell load does. */
extern const struct hvctl_apply hvctl_load_apply;

/* hvctl_cell_load_with() on the cell @cell, resolved already. */
int hvctl_cell_load_into(int fd, const struct hvctl_cell *cell, struct hvctl_load_plan *plan,
			 const struct hvctl_apply *apply);

/*
 * The steps of a cell's life as hvctl cell create, start and destroy take
 * them, for commands that chain them (hvctl cell run): each 0, or -1 after
 * saying why (with the hypervisor's reason). hvctl_cell_config_read() reads
 * and validates a cell config file (NULL after saying why);
 * hvctl_cell_create_from() creates the cell and reads it into @cell, whose
 * id stays 0 unless the cell was created (also when reading it failed).
 */
void *hvctl_cell_config_read(const char *path, size_t *size);
int hvctl_cell_create_from(int fd, const void *config, size_t size, struct hvctl_cell *cell);
int hvctl_cell_start(int fd, const struct hvctl_cell *cell);
int hvctl_cell_destroy(int fd, const struct hvctl_cell *cell);

/*
 * The signature in the file @path (64 raw bytes, as hvctl cell sign writes
 * it) into @boot, which is marked signed. Returns 0, or -1 after saying why.
 */
int hvctl_read_signature(const char *path, struct bulkhead_boot_params *boot);

/* ----- hvctl channel: channels as sysfs and the driver show them (hvctl-channel-parse.c) ----- */

#define HVCTL_NO_CHANNEL	"no channel '%s' on the root cell (see hvctl channel list)"

/* Every side of every channel of every cell. */
#define HVCTL_MAX_CHANNEL_ENDS	(HVCTL_MAX_LISTED * BULKHEAD_MAX_CHANNELS)

/* One cell's side of a channel: a line of the cell's channels file in sysfs. */
struct hvctl_channel_end {
	char channel[BULKHEAD_CHANNEL_NAME_LEN];
	/* The cell of this side; when its cell does not exist, only @cell and @state are set. */
	char cell[BULKHEAD_CELL_NAME_LEN];
	bool present;
	unsigned int cell_id;
	unsigned int state;		/* BULKHEAD_PEER_* of this side */
	char peer[BULKHEAD_CELL_NAME_LEN];
	unsigned int peer_state;	/* BULKHEAD_PEER_* as this side sees the peer */
	unsigned int rights;		/* BULKHEAD_CHANNEL_RIGHT_* */
	__u64 phys_start;
	__u64 size;
	unsigned int doorbell_irq;	/* 0: this side takes no doorbells */
	__u64 sent;			/* doorbells this side raised */
	__u64 received;
	__u64 events;			/* peer state changes this side saw */
};

/* A channel: end[0] is the side listed first (the lower cell id); end[1] may be absent. */
struct hvctl_channel_pair {
	struct hvctl_channel_end end[2];
};

/*
 * Parse @text, the channels file @path of @cell (one line per channel:
 * "NAME PEER PEER_STATE RIGHTS 0xPHYS+0xSIZE irq=N sent=N received=N
 * events=N"), into @ends, which has room for @max. Returns the number of
 * channels, or -EIO with @why naming @path and the line.
 */
int hvctl_channels_parse(char *text, const char *path, const struct hvctl_cell *cell,
			 struct hvctl_channel_end *ends, unsigned int max, char *why,
			 size_t why_len);

/*
 * Pair the @num @ends by channel name, in the order they come (the cells'
 * by id): a channel whose peer cell lists none gets an absent end[1]. Sets
 * each side's state as the other side sees it. Returns the number of pairs
 * in @pairs (room for @num), or -EIO when a channel is listed too often.
 */
int hvctl_channels_pair(const struct hvctl_channel_end *ends, unsigned int num,
			struct hvctl_channel_pair *pairs, char *why, size_t why_len);

/*
 * The channels of @cell below @dir into @ends (room for @room): their number,
 * 0 when the cell is gone, or a negative errno with @why.
 */
int hvctl_cell_channels_read(const char *dir, const struct hvctl_cell *cell,
			     struct hvctl_channel_end *ends, unsigned int room, char *why,
			     size_t why_len);

/*
 * Read the channels of every cell below @dir and pair them into @pairs
 * (room for HVCTL_MAX_CHANNEL_ENDS). Returns their number, or a negative
 * errno as hvctl_cells_read() does.
 */
int hvctl_channels_read(const char *dir, struct hvctl_channel_pair *pairs, char *why,
			size_t why_len);

/* "up" when both sides run, else the sides that do not: "echo absent", "a down, b failed". */
void hvctl_channel_state(const struct hvctl_channel_pair *pair, char *buf, size_t len);

/* The table of 'hvctl channel list', or its JSON form. */
void hvctl_print_channels(FILE *out, const struct hvctl_channel_pair *pairs, unsigned int num,
			  bool json);

/* "absent", "down", "up", "failed" ("unknown" for other values). */
const char *hvctl_peer_state_name(unsigned int state);
/* "rw+ring", "rw", "ro+ring", "ro". */
const char *hvctl_channel_rights_name(unsigned int rights);

/* What BULKHEAD_CHANNEL_INFO returned, as 'key: value' lines, or as one JSON object. */
void hvctl_print_channel_info(FILE *out, const struct bulkhead_channel_info *info);
void hvctl_print_channel_info_json(FILE *out, const struct bulkhead_channel_info *info);

/* The operands of the channel commands that take a NAME. */
struct hvctl_channel_args {
	const char *name;
	__u64 count;			/* -c: rings (default 1) */
	long long timeout_ms;		/* -t: -1 (wait without limit) unless given */
	__u64 offset;			/* -o (default 0) */
	__u64 length;			/* -n, when has_length */
	bool has_length;
};

/* Limits of 'hvctl channel ring -c' and 'hvctl channel wait -t'. */
#define HVCTL_MAX_RINGS		1000000
#define HVCTL_MAX_TIMEOUT_MS	3600000

/*
 * Parse NAME and the value options -c, -t, -o and -n (in place, as the
 * dispatcher leaves them; it lets through only those of the command).
 * Returns 0, or -1 with the usage problem in @why.
 */
int hvctl_channel_parse_args(int argc, char **argv, struct hvctl_channel_args *args, char *why,
			     size_t why_len);

/*
 * The root cell's device of channel @name into @path. Returns 0, or -1 with
 * "no channel ..." in @why when @name cannot be a channel's name.
 */
int hvctl_channel_path(const char *name, char *path, size_t len, char *why, size_t why_len);

/*
 * Check that @length bytes at @offset lie inside channel @name of @size
 * bytes. Returns 0, or -1 with the problem in @why.
 */
int hvctl_channel_check_range(const char *name, __u64 size, __u64 offset, __u64 length,
			      char *why, size_t why_len);

/* ----- shared by the command handlers (hvctl.c, hvctl-cell.c, hvctl-channel.c, hvctl-console.c) */

struct hvctl_errno_hint {
	int err;
	const char *text;
};

/*
 * The hint for @err from @hints, else from the hints every command shares,
 * else strerror(); @err becomes the "errno" of a JSON error (hvctl_note_errno()).
 */
const char *hvctl_hint_for(int err, const struct hvctl_errno_hint *hints);
/* Open /dev/bulkhead; on failure say why and return -1. */
int hvctl_open_device(void);
/*
 * For commands that read sysfs only: true if the module is loaded, else it
 * says so (the device tells "not loaded" apart from other failures).
 */
bool hvctl_driver_loaded(void);

/* Remember the hypervisor console position of @fd (/dev/bulkhead): skip what it holds. */
void hvctl_hv_console_mark(int fd);
/*
 * Print the lines the hypervisor wrote since the mark about a request on
 * @cell as "hvctl: hypervisor: ..." (hvctl_hv_line_about()); true if any.
 */
bool hvctl_hv_console_report(int fd, const char *cell);

/* Command handlers: @args holds @argc operands, with value options in place. */
int hvctl_cmd_console(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_create(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_load(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_start(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_run(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_shutdown(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_destroy(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_list(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_stats(unsigned int flags, int argc, char **args);
int hvctl_cmd_top(unsigned int flags, int argc, char **args);
/* The live view of hvctl cell stats on @cell (hvctl-live.c): the exit status. */
int hvctl_stats_live(const struct hvctl_cell *cell, double interval);
int hvctl_cmd_cell_dtb(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_update(unsigned int flags, int argc, char **args);
int hvctl_cmd_cell_sign(unsigned int flags, int argc, char **args);
int hvctl_cmd_key_generate(unsigned int flags, int argc, char **args);
int hvctl_cmd_key_sign(unsigned int flags, int argc, char **args);
int hvctl_cmd_key_public(unsigned int flags, int argc, char **args);
int hvctl_cmd_config_check(unsigned int flags, int argc, char **args);
int hvctl_cmd_channel_list(unsigned int flags, int argc, char **args);
int hvctl_cmd_channel_info(unsigned int flags, int argc, char **args);
int hvctl_cmd_channel_ring(unsigned int flags, int argc, char **args);
int hvctl_cmd_channel_wait(unsigned int flags, int argc, char **args);
int hvctl_cmd_channel_read(unsigned int flags, int argc, char **args);
int hvctl_cmd_channel_write(unsigned int flags, int argc, char **args);

/* ----- hvctl trace on|off|status (hvctl-trace.c; the commands in hvctl-trace-cmd.c) ----- */

struct hvctl_trace_args {
	/* The CELL operands; none: the root cell, every cell and the cells created later. */
	unsigned int num_cells;
	const char *cells[HVCTL_MAX_LISTED];
	__u32 mask;			/* on: --class (default all) */
	__u32 pages;			/* on: --pages, 0: the driver's default */
	__u32 period_us;		/* on: --period-us, 0: the driver's default */
};

/*
 * Parse the operands of 'hvctl trace on' (@on) or 'off', options in place as
 * the dispatcher leaves them. Returns 0, or -1 with the usage problem in @why.
 */
int hvctl_trace_parse_args(bool on, int argc, char **argv, struct hvctl_trace_args *args,
			   char *why, size_t why_len);
/* "exit,virq" or "all" into BULKHEAD_TRACE_CLASS_* bits; 0, or -1 with @why. */
int hvctl_trace_parse_classes(const char *text, __u32 *mask, char *why, size_t why_len);
/* The classes of @mask as "exit,virq", or "none". */
void hvctl_trace_format_mask(__u32 mask, char *buf, size_t len);
/* A cell's classes, as its sysfs file trace_mask says. */
struct hvctl_trace_cell {
	unsigned int id;
	char name[BULKHEAD_CELL_NAME_LEN];
	__u32 mask;
};
/*
 * Every cell below @dir (HVCTL_CELLS_DIR) with its trace_mask, sorted by id.
 * Returns their number, or a negative errno with @why as hvctl_cells_read().
 */
int hvctl_trace_cells_read(const char *dir, struct hvctl_trace_cell *cells, unsigned int max,
			   char *why, size_t why_len);
/*
 * What BULKHEAD_TRACE_STATUS said, for CPUs 0 to @num_cpus - 1, and the
 * classes of @cells, as text or JSON.
 */
void hvctl_trace_print_status(FILE *out, const struct bulkhead_trace_status *st,
			      const struct hvctl_trace_cell *cells, unsigned int num_cells,
			      unsigned int num_cpus, bool json);
int hvctl_cmd_trace_on(unsigned int flags, int argc, char **args);
int hvctl_cmd_trace_off(unsigned int flags, int argc, char **args);
int hvctl_cmd_trace_status(unsigned int flags, int argc, char **args);

/*
 * hvctl console CELL --attach on the device @fd, showing all that @cell's
 * console still holds (for a cell just started): the exit status.
 */
int hvctl_console_attach(int fd, const struct hvctl_cell *cell);

/* ----- events (hvctl-events.c) ----- */

/* One event: a human line, or one JSON object on a line. */
void hvctl_print_event(FILE *out, const struct bulkhead_event *ev, bool json);
/* The JSON "type" word of BULKHEAD_EVENT_* @type ("started", ...), or NULL if unknown. */
const char *hvctl_event_word(__u32 type);
/* Events #@first .. #@first + @count - 1 are no longer held: the reader fell behind. */
void hvctl_print_lost(FILE *out, uint64_t first, uint64_t count, bool json);
int hvctl_cmd_events(unsigned int flags, int argc, char **args);

/* Catch SIGINT and SIGTERM (without SA_RESTART: sleeps and reads return at once). */
void hvctl_catch_interrupts(void);
/* True once SIGINT or SIGTERM arrived after hvctl_catch_interrupts(). */
bool hvctl_interrupted(void);

/*
 * The bytes @text means, C escapes (\n \r \t \a \e \\ \xHH) decoded, into
 * @out (at most @size): their number, or -1 with the reason in @why.
 */
ssize_t hvctl_unescape(const char *text, char *out, size_t size, char *why, size_t why_len);

/*
 * Hands up to BULKHEAD_CONSOLE_INPUT_MAX bytes of @text to cell @cell's
 * emulated UART through the device @fd: how many its FIFO took (0 when
 * full), or -errno. @len 0 only asks whether the cell has one (0 or -ENODEV).
 */
long hvctl_type_into(int fd, unsigned int cell, const char *text, size_t len);

/* ----- the command line contract: dispatcher, --json, -q, exit statuses (hvctl-cli.c) ----- */

/* --json and -q/--quiet: every command takes them, before or after its name. */
extern const struct hvctl_opt hvctl_global_opts[];

/*
 * Run the command @argv names below @root (its sub-table; @version prints
 * --version), print what --json asks for, and return the exit status.
 */
int hvctl_main(const struct hvctl_cmd *root, void (*version)(void), int argc, char **argv);
/* 'hvctl help [COMMAND...]': the --help of that command. */
int hvctl_cmd_help(unsigned int flags, int argc, char **args);
/* The exit status for a handler's @status; with --json, print the result or the error. */
int hvctl_finish(int status);
/* Tests: where hvctl_main() prints (NULL: stdout, stderr). */
void hvctl_cli_redirect(FILE *out, FILE *err);

bool hvctl_json(void);
bool hvctl_quiet(void);

/*
 * An error line ("hvctl: ..." on stderr; with --json the first is "error",
 * later ones are "hint" lines). One that says HVCTL_NOT_ENABLED_TEXT or
 * HVCTL_NO_MODULE_TEXT sets the exit status of a failure to 3 or 4.
 */
void hvctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A hint that follows an error, e.g. HVCTL_KERNEL_LOG_HINT. */
void hvctl_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A line the hypervisor printed about a failure: "hvctl: hypervisor: LINE", or "hypervisor". */
void hvctl_hv_line(const char *line);
/*
 * hvctl_hv_line(@line) if it can be about a request on @cell: not when it
 * reports on another cell ("bulkhead: cell "x" ...", "config: cell "x" ..."),
 * something that happened meanwhile (another cell's fault). True if shown.
 */
bool hvctl_hv_line_about(const char *line, const char *cell);
/* Print "hvctl: <problem>; see 'PATH --help'" and return HVCTL_EXIT_USAGE. */
int hvctl_usage_error(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The errno behind the failure, for "errno" in the JSON error (the first one counts). */
void hvctl_note_errno(int err);
/* strerror(@err) for an error message, with @err noted as by hvctl_note_errno(). */
const char *hvctl_strerror(int err);

/*
 * What a command did: "hvctl: TEXT" on stdout, nothing with -q; with --json,
 * the result object's "message".
 */
void hvctl_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Members of the result object --json prints for a command without JSON of
 * its own: a string (NULL: null), a number, a boolean, {"id": .., "name": ..}
 * as "cell". hvctl_result_member() returns the stream to write the JSON value
 * of @key to (NULL when out of memory).
 */
void hvctl_result_str(const char *key, const char *value);
void hvctl_result_u64(const char *key, uint64_t value);
void hvctl_result_bool(const char *key, bool value);
void hvctl_result_cell(unsigned int id, const char *name);
FILE *hvctl_result_member(const char *key);
/* The command printed its JSON itself (a stream of objects, e.g. console -f --json). */
void hvctl_result_printed(void);
/*
 * The result members, complete, are what the command found: if it fails,
 * its error object carries them too (hvctl config check: the problems).
 */
void hvctl_result_in_error(void);

/* Option flags of the commands. */
#define HVCTL_OPT_JSON		0x1
#define HVCTL_OPT_FOLLOW	0x2
#define HVCTL_OPT_ONCE		0x4
#define HVCTL_OPT_ATTACH	0x8
#define HVCTL_OPT_STATUS	0x10
#define HVCTL_OPT_NEW		0x100	/* hvctl events: only those to come */
#define HVCTL_OPT_QUIET		0x200	/* global: no progress or success messages */

#endif /* !_HVCTL_H */
