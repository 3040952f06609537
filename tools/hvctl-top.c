// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl top: every cell at a glance, from what the driver already shows in
 * sysfs (state, CPUs, restarts; exits and injected virtual interrupts summed
 * over the CPUs of the cell's statistics file; doorbells rung and received
 * on its channels) and the cell's console ring, which the command reads.
 * Rates are differences of two samples over the time between them. The
 * command and its loop are in hvctl-live.c.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hvctl.h"

#define TOP_COLUMNS	10
/* A rate ("-" or up to 20 digits), a CPU list. */
#define TOP_NUM_LEN	24
#define TOP_CPUS_LEN	200

/* The counters hvctl top sums over a cell's CPUs, by their statistics column. */
#define EXITS_COLUMN	"total"
#define VIRQS_COLUMN	"virq"

int hvctl_top_parse_args(int argc, char **argv, double *interval, char *why, size_t why_len)
{
	bool given = false;
	int i;

	*interval = 1.0;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--interval") || i + 1 == argc)
			return hvctl_reject(-1, why, why_len, "unexpected argument '%s'", argv[i]);
		if (given)
			return hvctl_reject(-1, why, why_len, "'--interval' given twice");
		given = true;
		if (hvctl_parse_interval(argv[++i], interval, why, why_len) < 0)
			return -1;
	}
	return 0;
}

/* ----- reading ----- */

/* Sum column @name over the CPUs of @st into @sum; -EIO with @why if there is none. */
static int sum_column(const struct hvctl_stats *st, const char *name, const char *dir,
		      unsigned int id, __u64 *sum, char *why, size_t len)
{
	unsigned int n, cpu;

	for (n = 0; n < st->num_counters; n++)
		if (!strcmp(st->names[n], name))
			break;
	if (n == st->num_counters)
		return hvctl_reject(-EIO, why, len, "%s/%u/statistics: no column \"%s\"; "
				    HVCTL_MODULE_HINT, dir, id, name);
	for (*sum = 0, cpu = 0; cpu < st->num_cpus; cpu++)
		*sum += st->cpu[cpu].value[n];
	return 0;
}

/* The same cell in @prev (same id and name: an id can be given to a new cell). */
static const struct hvctl_top_cell *find_same(const struct hvctl_top_sample *prev,
					      const struct hvctl_cell *cell)
{
	unsigned int n;

	for (n = 0; prev && n < prev->num; n++)
		if (prev->cell[n].cell.id == cell->id &&
		    !strcmp(prev->cell[n].cell.name, cell->name))
			return &prev->cell[n];
	return NULL;
}

/* Cell @cell's counters into @c; -ENOENT when it went away meanwhile. */
static int read_one(const char *dir, const struct hvctl_cell *cell, struct hvctl_top_cell *c,
		    struct hvctl_stats *st, struct hvctl_channel_end *ends, char *why, size_t len)
{
	int err, num, n;

	memset(c, 0, sizeof(*c));
	c->cell = *cell;
	err = hvctl_stats_read(dir, cell->id, st, why, len);
	if (!err)
		err = sum_column(st, EXITS_COLUMN, dir, cell->id, &c->exits, why, len);
	if (!err)
		err = sum_column(st, VIRQS_COLUMN, dir, cell->id, &c->virqs, why, len);
	if (err)
		return err;
	num = hvctl_cell_channels_read(dir, cell, ends, BULKHEAD_MAX_CHANNELS, why, len);
	if (num < 0)
		return num;
	for (n = 0; n < num; n++)
		c->doorbells += ends[n].sent + ends[n].received;
	/* The root cell's console is Linux's own: the driver keeps none for it. */
	c->has_console = cell->id != 0;
	return 0;
}

int hvctl_top_read(const char *dir, struct hvctl_top_sample *now,
		   const struct hvctl_top_sample *prev, char *why, size_t why_len)
{
	struct hvctl_cell *cells = calloc(HVCTL_MAX_LISTED, sizeof(*cells));
	struct hvctl_channel_end *ends = calloc(BULKHEAD_MAX_CHANNELS, sizeof(*ends));
	struct hvctl_stats *st = malloc(sizeof(*st));
	const struct hvctl_top_cell *was;
	struct hvctl_top_cell *c;
	int num, n, err = 0;

	now->num = 0;
	if (!cells || !ends || !st) {
		err = hvctl_reject(-ENOMEM, why, why_len, "out of memory");
		goto out;
	}
	num = hvctl_cells_read(dir, cells, HVCTL_MAX_LISTED, why, why_len);
	if (num < 0)
		err = num;
	for (n = 0; n < num && !err; n++) {
		c = &now->cell[now->num];
		err = read_one(dir, &cells[n], c, st, ends, why, why_len);
		/* Destroyed while we were looking: not in this sample. */
		if (err == -ENOENT) {
			err = 0;
			continue;
		}
		was = find_same(prev, &c->cell);
		if (!err && was && was->has_console) {
			c->console_pos = was->console_pos;
			c->console_lines = was->console_lines;
			c->line_open = was->line_open;
			memcpy(c->last_line, was->last_line, sizeof(c->last_line));
		}
		if (!err)
			now->num++;
	}
out:
	free(st);
	free(ends);
	free(cells);
	return err;
}

void hvctl_top_console_feed(struct hvctl_top_cell *c, const char *bytes, size_t len)
{
	size_t n, used;

	for (n = 0; n < len; n++) {
		if (bytes[n] == '\n') {
			c->console_lines++;
			c->line_open = false;
			continue;
		}
		if (bytes[n] == '\r')
			continue;
		if (!c->line_open) {
			c->last_line[0] = '\0';
			c->line_open = true;
		}
		used = strlen(c->last_line);
		if (used + 1 >= sizeof(c->last_line))
			continue;
		/* A cell's bytes never reach the terminal as they are: no escapes, no controls. */
		c->last_line[used] = isprint((unsigned char)bytes[n]) ? bytes[n] :
				     bytes[n] == '\t' ? ' ' : '.';
		c->last_line[used + 1] = '\0';
	}
}

/* ----- printing ----- */

/* One row: the cell now, as it was, and its rates (negative: unknown). */
struct top_row {
	const struct hvctl_top_cell *c;
	const struct hvctl_top_cell *was;
	double exits, virqs, doorbells, lines;
};

static double rate(__u64 now, __u64 before, bool known, double seconds)
{
	if (!known || seconds <= 0 || now < before)
		return -1;
	return (double)(now - before) / seconds;
}

static void make_rows(const struct hvctl_top_sample *now, const struct hvctl_top_sample *prev,
		      double seconds, struct top_row *rows)
{
	const struct hvctl_top_cell *c, *was;
	unsigned int n;

	for (n = 0; n < now->num; n++) {
		c = &now->cell[n];
		was = find_same(prev, &c->cell);
		rows[n] = (struct top_row){
			.c = c,
			.was = was,
			.exits = rate(c->exits, was ? was->exits : 0, was, seconds),
			.virqs = rate(c->virqs, was ? was->virqs : 0, was, seconds),
			.doorbells = rate(c->doorbells, was ? was->doorbells : 0, was, seconds),
			.lines = rate(c->console_lines, was ? was->console_lines : 0,
				      was && c->has_console, seconds),
		};
	}
}

/* The busiest first; ties (and the first frame, without rates) by id. */
static int by_exits(const void *a, const void *b)
{
	const struct top_row *x = a, *y = b;

	if (x->exits != y->exits)
		return x->exits < y->exits ? 1 : -1;
	return x->c->cell.id < y->c->cell.id ? -1 : 1;
}

static void format_rate(char *buf, double value)
{
	if (value < 0)
		strcpy(buf, "-");
	else
		snprintf(buf, TOP_NUM_LEN, "%.0f", value);
}

/* The texts of one table row; @text holds their storage. */
struct row_text {
	char id[12], exits[TOP_NUM_LEN], virqs[TOP_NUM_LEN], doorbells[TOP_NUM_LEN];
	char lines[TOP_NUM_LEN], restarts[TOP_NUM_LEN], cpus[TOP_CPUS_LEN];
	const char *col[TOP_COLUMNS];
};

static void make_text(const struct top_row *row, struct row_text *t)
{
	const struct hvctl_top_cell *c = row->c;

	snprintf(t->id, sizeof(t->id), "%u", c->cell.id);
	hvctl_format_cpus(c->cell.cpus, t->cpus, sizeof(t->cpus));
	format_rate(t->exits, row->exits);
	format_rate(t->virqs, row->virqs);
	format_rate(t->doorbells, row->doorbells);
	format_rate(t->lines, row->lines);
	snprintf(t->restarts, sizeof(t->restarts), "%" PRIu64, (uint64_t)c->cell.restarts);
	t->col[0] = t->id;
	t->col[1] = c->cell.name;
	t->col[2] = c->cell.state;
	t->col[3] = t->cpus;
	t->col[4] = t->exits;
	t->col[5] = t->virqs;
	t->col[6] = t->doorbells;
	t->col[7] = t->lines;
	t->col[8] = t->restarts;
	t->col[9] = c->last_line;
}

void hvctl_top_print(FILE *out, const struct hvctl_top_sample *now,
		     const struct hvctl_top_sample *prev, double seconds, unsigned int width)
{
	static const char *const head[TOP_COLUMNS] = { "ID", "NAME", "STATE", "CPUS", "EXITS/S",
							"VIRQS/S", "DOORBELLS/S", "LINES/S",
							"RESTARTS", "LAST LINE" };
	static struct top_row rows[HVCTL_MAX_LISTED];
	static struct row_text text[HVCTL_MAX_LISTED];
	int col_width[TOP_COLUMNS];
	unsigned int n, c, used = 0;
	char line[HVCTL_TOP_LINE_LEN];

	make_rows(now, prev, seconds, rows);
	qsort(rows, now->num, sizeof(rows[0]), by_exits);
	for (c = 0; c < TOP_COLUMNS; c++)
		col_width[c] = (int)strlen(head[c]);
	for (n = 0; n < now->num; n++) {
		make_text(&rows[n], &text[n]);
		for (c = 0; c + 1 < TOP_COLUMNS; c++)
			if ((int)strlen(text[n].col[c]) > col_width[c])
				col_width[c] = (int)strlen(text[n].col[c]);
	}
	for (c = 0; c + 1 < TOP_COLUMNS; c++)
		used += (unsigned int)col_width[c] + 2;
	hvctl_print_row(out, head, col_width, TOP_COLUMNS);
	for (n = 0; n < now->num; n++) {
		/* The last console line takes what the other columns leave of the width. */
		snprintf(line, sizeof(line), "%s", text[n].col[TOP_COLUMNS - 1]);
		if (width && used < width && strlen(line) > width - used)
			line[width - used] = '\0';
		else if (width && used >= width)
			line[0] = '\0';
		text[n].col[TOP_COLUMNS - 1] = line;
		hvctl_print_row(out, text[n].col, col_width, TOP_COLUMNS);
	}
}

static void json_rate(FILE *out, const char *key, double value)
{
	if (value < 0)
		fprintf(out, ", \"%s\": null", key);
	else
		fprintf(out, ", \"%s\": %.1f", key, value);
}

static void json_cell(FILE *out, const struct top_row *row)
{
	const struct hvctl_top_cell *c = row->c;

	fprintf(out, "    {\"id\": %u, \"name\": ", c->cell.id);
	hvctl_json_string(out, c->cell.name, sizeof(c->cell.name));
	fprintf(out, ", \"state\": ");
	hvctl_json_string(out, c->cell.state, sizeof(c->cell.state));
	fprintf(out, ", \"cpus\": ");
	hvctl_json_cpus(out, c->cell.cpus);
	fprintf(out, ", \"restarts\": %" PRIu64 ", \"exits\": %" PRIu64, (uint64_t)c->cell.restarts,
		(uint64_t)c->exits);
	json_rate(out, "exits_per_s", row->exits);
	fprintf(out, ", \"virqs\": %" PRIu64, (uint64_t)c->virqs);
	json_rate(out, "virqs_per_s", row->virqs);
	fprintf(out, ", \"doorbells\": %" PRIu64, (uint64_t)c->doorbells);
	json_rate(out, "doorbells_per_s", row->doorbells);
	if (c->has_console) {
		fprintf(out, ", \"console_lines\": %" PRIu64, (uint64_t)c->console_lines);
		json_rate(out, "console_lines_per_s", row->lines);
		fprintf(out, ", \"last_line\": ");
		hvctl_json_string(out, c->last_line, sizeof(c->last_line));
	} else {
		fprintf(out, ", \"console_lines\": null, \"console_lines_per_s\": null, "
			"\"last_line\": null");
	}
	fprintf(out, "}");
}

void hvctl_top_print_json(FILE *out, const struct hvctl_top_sample *now,
			  const struct hvctl_top_sample *prev, double seconds)
{
	static struct top_row rows[HVCTL_MAX_LISTED];
	unsigned int n;

	make_rows(now, prev, seconds, rows);
	qsort(rows, now->num, sizeof(rows[0]), by_exits);
	fprintf(out, "{\n  \"interval\": %.3g,\n  \"cells\": [\n", prev ? seconds : 0.0);
	for (n = 0; n < now->num; n++) {
		json_cell(out, &rows[n]);
		fprintf(out, "%s\n", n + 1 < now->num ? "," : "");
	}
	fprintf(out, "  ]\n}\n");
}
