// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell stats: a cell's exit counters per CPU, from the statistics file
 * the driver keeps in the cell's sysfs directory. The file names its own
 * columns in a header line ("cpu total hypercall ..."), so that a driver
 * with more counters needs no new hvctl; what is checked is that every row
 * has a field for every column. The live view's loop is in hvctl-cell.c.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hvctl.h"

#define STATS_FILE		"statistics"
/* 64 CPUs of 32 counters of 20 digits fit easily. */
#define STATS_FILE_MAX		65536
#define STATS_FIELD_SEP		" \t"
#define MAX_DIGITS		20
#define INTERVAL_MIN		0.1
#define INTERVAL_MAX		3600.0
/* Longest text of a table cell: a 20-digit counter or rate, and its NUL. */
#define CELL_TEXT_LEN		32

/* ----- arguments ----- */

int hvctl_parse_interval(const char *text, double *seconds, char *why, size_t len)
{
	char *end = NULL;
	double value = 0;

	/* strtod() alone would take "inf", "nan", hex and leading blanks too. */
	if (isdigit((unsigned char)text[0]) && !strpbrk(text, "xX"))
		value = strtod(text, &end);
	if (!end || *end || value < INTERVAL_MIN || value > INTERVAL_MAX)
		return hvctl_reject(-1, why, len, "'--interval %s': not a number of seconds from "
				    "%g to %g", text, INTERVAL_MIN, INTERVAL_MAX);
	*seconds = value;
	return 0;
}

static int parse_interval(const char *text, struct hvctl_stats_args *args, char *why,
			  size_t len)
{
	if (args->interval_given)
		return hvctl_reject(-1, why, len, "'--interval' given twice");
	args->interval_given = true;
	return hvctl_parse_interval(text, &args->interval, why, len);
}

int hvctl_stats_parse_args(unsigned int flags, int argc, char **argv,
			   struct hvctl_stats_args *args, char *why, size_t why_len)
{
	int i;

	*args = (struct hvctl_stats_args){ .interval = 1.0 };
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--interval") && i + 1 < argc) {
			if (parse_interval(argv[++i], args, why, why_len) < 0)
				return -1;
		} else if (args->cell) {
			return hvctl_reject(-1, why, why_len, "unexpected argument '%s'", argv[i]);
		} else {
			args->cell = argv[i];
		}
	}
	if (!args->cell)
		return hvctl_reject(-1, why, why_len, "missing argument CELL");
	if (args->interval_given && (flags & (HVCTL_OPT_ONCE | HVCTL_OPT_JSON)))
		return hvctl_reject(-1, why, why_len, "'--interval' sets the refresh of the live "
				    "view; --once and --json print once");
	return 0;
}

/* ----- the statistics file ----- */

bool hvctl_parse_decimal(const char *text, __u64 *value)
{
	size_t len = strlen(text);
	size_t n;

	if (!len || len > MAX_DIGITS)
		return false;
	for (n = 0; n < len; n++)
		if (!isdigit((unsigned char)text[n]))
			return false;
	errno = 0;
	*value = strtoull(text, NULL, 10);
	return errno == 0;
}

static bool known_counter(const struct hvctl_stats *st, const char *name)
{
	unsigned int n;

	for (n = 0; n < st->num_counters; n++)
		if (!strcmp(st->names[n], name))
			return true;
	return false;
}

static bool printable_name(const char *name)
{
	for (; *name; name++)
		if (!isgraph((unsigned char)*name))
			return false;
	return true;
}

/* "cpu NAME...": the first column is the CPU, every other one a counter. */
static int parse_header(char *line, const char *path, struct hvctl_stats *st, char *why,
			size_t len)
{
	char *save, *name = strtok_r(line, STATS_FIELD_SEP, &save);

	if (!name || strcmp(name, "cpu"))
		return hvctl_bad_line(why, len, path, 1, "the header does not start with \"cpu\"");
	st->num_counters = 0;
	while ((name = strtok_r(NULL, STATS_FIELD_SEP, &save))) {
		if (st->num_counters == HVCTL_STATS_MAX_COUNTERS)
			return hvctl_bad_line(why, len, path, 1, "more than %d counters",
					      HVCTL_STATS_MAX_COUNTERS);
		if (strlen(name) >= HVCTL_STATS_NAME_LEN || !printable_name(name))
			return hvctl_bad_line(why, len, path, 1, "bad counter name \"%.40s\"",
					      name);
		if (!strcmp(name, "cpu") || known_counter(st, name))
			return hvctl_bad_line(why, len, path, 1, "column \"%s\" appears twice",
					      name);
		strcpy(st->names[st->num_counters++], name);
	}
	if (!st->num_counters)
		return hvctl_bad_line(why, len, path, 1, "the header names no counters");
	return 0;
}

static bool cpu_listed(const struct hvctl_stats *st, unsigned int cpu)
{
	unsigned int n;

	for (n = 0; n < st->num_cpus; n++)
		if (st->cpu[n].cpu == cpu)
			return true;
	return false;
}

/* "ID VALUE...": as many fields as the header has columns. */
static int parse_row(char *line, unsigned int line_no, const char *path,
		     struct hvctl_stats *st, char *why, size_t len)
{
	struct hvctl_cpu_stats *row = &st->cpu[st->num_cpus];
	char *fields[HVCTL_STATS_MAX_COUNTERS + 1];
	unsigned int num = 0, n;
	char *save, *field;
	__u64 cpu;

	for (field = strtok_r(line, STATS_FIELD_SEP, &save); field;
	     field = strtok_r(NULL, STATS_FIELD_SEP, &save)) {
		if (num <= st->num_counters)
			fields[num] = field;
		num++;
	}
	if (num != st->num_counters + 1)
		return hvctl_bad_line(why, len, path, line_no, "%u fields, but the header names "
				      "%u columns", num, st->num_counters + 1);
	if (!hvctl_parse_decimal(fields[0], &cpu) || cpu >= BULKHEAD_MAX_CPUS)
		return hvctl_bad_line(why, len, path, line_no, "CPU \"%.40s\" is not a CPU id "
				      "(0-%d)", fields[0], BULKHEAD_MAX_CPUS - 1);
	/* Distinct ids below BULKHEAD_MAX_CPUS: @st->cpu cannot overflow. */
	if (cpu_listed(st, (unsigned int)cpu))
		return hvctl_bad_line(why, len, path, line_no, "CPU %u is listed twice",
				      (unsigned int)cpu);
	row->cpu = (unsigned int)cpu;
	for (n = 0; n < st->num_counters; n++)
		if (!hvctl_parse_decimal(fields[n + 1], &row->value[n]))
			return hvctl_bad_line(why, len, path, line_no, "%s \"%.40s\" is not a "
					      "decimal counter", st->names[n], fields[n + 1]);
	st->num_cpus++;
	return 0;
}

int hvctl_stats_parse(char *text, const char *path, struct hvctl_stats *st, char *why,
		      size_t why_len)
{
	unsigned int line_no = 1;
	char *line = text, *next;
	int err;

	st->num_counters = 0;
	st->num_cpus = 0;
	next = line + strcspn(line, "\n");
	if (*next)
		*next++ = '\0';
	if (!line[strspn(line, STATS_FIELD_SEP)])
		return hvctl_reject(-EIO, why, why_len, "%s: no header line; " HVCTL_MODULE_HINT,
				    path);
	err = parse_header(line, path, st, why, why_len);
	for (line = next; !err && *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		err = parse_row(line, ++line_no, path, st, why, why_len);
	}
	return err;
}

int hvctl_stats_read(const char *dir, unsigned int id, struct hvctl_stats *st, char *why,
		     size_t why_len)
{
	char *text = malloc(STATS_FILE_MAX);
	char path[512];
	int err;

	if (!text)
		return hvctl_reject(-EIO, why, why_len, "out of memory");
	snprintf(path, sizeof(path), "%s/%u/" STATS_FILE, dir, id);
	err = hvctl_cell_read_file(dir, id, STATS_FILE, text, STATS_FILE_MAX, why, why_len);
	/* The cell is there but the file is not: a driver without statistics. */
	if (err == -ENOENT && hvctl_cell_exists(dir, id))
		err = hvctl_reject(-EIO, why, why_len, "%s: no such file; " HVCTL_MODULE_HINT,
				   path);
	if (!err)
		err = hvctl_stats_parse(text, path, st, why, why_len);
	free(text);
	return err;
}

/* ----- printing ----- */

static const struct hvctl_cpu_stats *find_cpu(const struct hvctl_stats *st, unsigned int cpu)
{
	unsigned int n;

	for (n = 0; st && n < st->num_cpus; n++)
		if (st->cpu[n].cpu == cpu)
			return &st->cpu[n];
	return NULL;
}

/*
 * Counter @counter of CPU row @row per second since @prev; "-" when there is
 * no earlier sample of that CPU or the counter went back (it was reset).
 */
static void format_rate(char *buf, const struct hvctl_stats *st, unsigned int row,
			unsigned int counter, const struct hvctl_stats *prev, double seconds)
{
	const struct hvctl_cpu_stats *then = find_cpu(prev, st->cpu[row].cpu);
	__u64 now = st->cpu[row].value[counter];
	__u64 before = then ? then->value[counter] : 0;

	if (!then || seconds <= 0 || now < before)
		strcpy(buf, "-");
	else
		snprintf(buf, CELL_TEXT_LEN, "%.0f", (double)(now - before) / seconds);
}

/*
 * Text of table cell (@row, @col); row -1 is the header. Column 0 is the CPU,
 * then each counter, followed by its rate when @prev is given.
 */
static void format_cell(char *buf, const struct hvctl_stats *st, int row, unsigned int col,
			const struct hvctl_stats *prev, double seconds)
{
	unsigned int counter = col ? (col - 1) / (prev ? 2 : 1) : 0;
	bool rate = prev && col && !(col % 2);

	if (row < 0 && !col)
		strcpy(buf, "cpu");
	else if (row < 0)
		snprintf(buf, CELL_TEXT_LEN, "%s", rate ? "/s" : st->names[counter]);
	else if (!col)
		snprintf(buf, CELL_TEXT_LEN, "%u", st->cpu[row].cpu);
	else if (rate)
		format_rate(buf, st, row, counter, prev, seconds);
	else
		snprintf(buf, CELL_TEXT_LEN, "%" PRIu64, (uint64_t)st->cpu[row].value[counter]);
}

/* Right-aligned columns two spaces apart, each as wide as its widest cell. */
void hvctl_stats_print_table(FILE *out, const struct hvctl_stats *st,
			     const struct hvctl_stats *prev, double seconds)
{
	unsigned int cols = 1 + st->num_counters * (prev ? 2 : 1);
	int width[1 + 2 * HVCTL_STATS_MAX_COUNTERS] = { 0 };
	char text[CELL_TEXT_LEN];
	unsigned int col;
	int row;

	for (row = -1; row < (int)st->num_cpus; row++) {
		for (col = 0; col < cols; col++) {
			format_cell(text, st, row, col, prev, seconds);
			if ((int)strlen(text) > width[col])
				width[col] = (int)strlen(text);
		}
	}
	for (row = -1; row < (int)st->num_cpus; row++) {
		for (col = 0; col < cols; col++) {
			format_cell(text, st, row, col, prev, seconds);
			fprintf(out, "%s%*s", col ? "  " : "", width[col], text);
		}
		fputc('\n', out);
	}
}

void hvctl_stats_print_live(FILE *out, const struct hvctl_cell *cell, double interval,
			    const struct hvctl_stats *st, const struct hvctl_stats *prev,
			    double seconds)
{
	char cpus[200];

	hvctl_format_cpus(cell->cpus, cpus, sizeof(cpus));
	fprintf(out, "cell \"%s\" (id %u)  state %s  cpus %s  every %gs; q or Ctrl-C quits\n\n",
		cell->name, cell->id, cell->state, cpus, interval);
	hvctl_stats_print_table(out, st, prev, seconds);
}

void hvctl_stats_print_json(FILE *out, const struct hvctl_cell *cell,
			    const struct hvctl_stats *st)
{
	unsigned int row, n;

	fprintf(out, "{\n  \"cell\": {\"id\": %u, \"name\": ", cell->id);
	hvctl_json_string(out, cell->name, sizeof(cell->name));
	fprintf(out, "},\n  \"cpus\": [\n");
	for (row = 0; row < st->num_cpus; row++) {
		fprintf(out, "    {\"cpu\": %u", st->cpu[row].cpu);
		for (n = 0; n < st->num_counters; n++) {
			fprintf(out, ", ");
			hvctl_json_string(out, st->names[n], sizeof(st->names[n]));
			fprintf(out, ": %" PRIu64, (uint64_t)st->cpu[row].value[n]);
		}
		fprintf(out, "}%s\n", row + 1 < st->num_cpus ? "," : "");
	}
	fprintf(out, "  ]\n}\n");
}
