// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl: the cells as the driver shows them in sysfs, one directory per
 * cell id below HVCTL_CELLS_DIR (Documentation/hvctl.md lists the files),
 * and 'hvctl cell list'. Every function takes the directory, so that the
 * unit tests can point it at a tree of their own.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hvctl.h"

#define SYSFS_FILE_MAX		4096
/* Ids are small; anything longer is not an id. */
#define MAX_ID_DIGITS		6

/* A decimal id: digits only, no sign, no leading zeros but for "0". */
static bool parse_id(const char *text, unsigned int *id)
{
	size_t len = strlen(text);
	size_t n;

	if (!len || len > MAX_ID_DIGITS || (text[0] == '0' && len > 1))
		return false;
	for (n = 0; n < len; n++)
		if (!isdigit((unsigned char)text[n]))
			return false;
	*id = (unsigned int)strtoul(text, NULL, 10);
	return true;
}

static int parse_cpu(const char *text, char **end, unsigned int *cpu)
{
	unsigned long value;

	if (!isdigit((unsigned char)*text))
		return -1;
	value = strtoul(text, end, 10);
	if (value >= BULKHEAD_MAX_CPUS)
		return -1;
	*cpu = (unsigned int)value;
	return 0;
}

int hvctl_parse_cpulist(const char *text, __u64 *mask)
{
	unsigned int first, last, cpu;
	char *end;

	*mask = 0;
	while (*text) {
		if (parse_cpu(text, &end, &first) < 0)
			return -1;
		last = first;
		if (*end == '-' && parse_cpu(end + 1, &end, &last) < 0)
			return -1;
		if (last < first || (*end && *end != ','))
			return -1;
		for (cpu = first; cpu <= last; cpu++)
			*mask |= 1ULL << cpu;
		text = *end ? end + 1 : end;
		if (*end && !*text)
			return -1;
	}
	return 0;
}

int hvctl_cell_read_file(const char *dir, unsigned int id, const char *file, char *buf,
			 size_t size, char *why, size_t len)
{
	char path[512];
	ssize_t got;
	int fd;

	snprintf(path, sizeof(path), "%s/%u/%s", dir, id, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	got = fd < 0 ? -1 : hvctl_read_all(fd, buf, size - 1);
	if (fd >= 0)
		close(fd);
	/* ENODEV: the cell is being destroyed, its directory about to go. */
	if (got < 0 && (errno == ENOENT || errno == ENODEV))
		return hvctl_reject(-ENOENT, why, len, "%s: no such file", path);
	if (got < 0 && (errno == EACCES || errno == EPERM))
		return hvctl_reject(-EIO, why, len, "cannot read %s: %s", path, HVCTL_NEED_ROOT);
	if (got < 0)
		return hvctl_reject(-EIO, why, len, "cannot read %s: %s", path, strerror(errno));
	buf[got] = '\0';
	if (got && buf[got - 1] == '\n')
		buf[got - 1] = '\0';
	return 0;
}

bool hvctl_cell_exists(const char *dir, unsigned int id)
{
	char state[64], why[8];

	return hvctl_cell_read_file(dir, id, "state", state, sizeof(state), why, sizeof(why)) == 0;
}

static int unexpected(unsigned int id, const char *dir, const char *file, const char *text,
		      char *why, size_t len)
{
	return hvctl_reject(-EIO, why, len,
			    "%s/%u/%s: unexpected contents \"%.40s\"; " HVCTL_MODULE_HINT, dir,
			    id, file, text);
}

/* "0xVIRT 0xSIZE" lines, one per loadable region. */
static int parse_loadable(const char *dir, struct hvctl_cell *cell, char *text, char *why,
			  size_t len)
{
	struct hvctl_region *region;
	char *line, *end;

	cell->num_loadable = 0;
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (cell->num_loadable == BULKHEAD_MAX_MEM_REGIONS)
			return unexpected(cell->id, dir, "loadable", line, why, len);
		region = &cell->loadable[cell->num_loadable++];
		if (strncmp(line, "0x", 2))
			return unexpected(cell->id, dir, "loadable", line, why, len);
		region->start = strtoull(line, &end, 16);
		if (strncmp(end, " 0x", 3))
			return unexpected(cell->id, dir, "loadable", line, why, len);
		region->size = strtoull(end + 1, &end, 16);
		if (*end || !region->size)
			return unexpected(cell->id, dir, "loadable", line, why, len);
	}
	return 0;
}

static int read_cpus(const char *dir, unsigned int id, const char *file, __u64 *mask,
		     char *why, size_t len)
{
	char text[SYSFS_FILE_MAX];
	int err;

	err = hvctl_cell_read_file(dir, id, file, text, sizeof(text), why, len);
	if (!err && hvctl_parse_cpulist(text, mask) < 0)
		err = unexpected(id, dir, file, text, why, len);
	return err;
}

/* A counter file: decimal digits only. */
static int read_count(const char *dir, unsigned int id, const char *file, __u64 *count,
		      char *why, size_t len)
{
	char text[SYSFS_FILE_MAX], *end;
	int err;

	err = hvctl_cell_read_file(dir, id, file, text, sizeof(text), why, len);
	if (err)
		return err;
	errno = 0;
	*count = strtoull(text, &end, 10);
	if (!isdigit((unsigned char)text[0]) || *end || errno)
		return unexpected(id, dir, file, text, why, len);
	return 0;
}

static int read_counts(const char *dir, struct hvctl_cell *cell, char *why, size_t len)
{
	const struct {
		const char *file;
		__u64 *count;
	} counts[] = {
		{ "restarts", &cell->restarts },
		{ "watchdog_expiries", &cell->watchdog_expiries },
		{ "faults", &cell->faults },
		{ "rollbacks", &cell->rollbacks },
		{ "updates", &cell->updates },
	};
	unsigned int n;
	int err = 0;

	for (n = 0; n < sizeof(counts) / sizeof(counts[0]) && !err; n++)
		err = read_count(dir, cell->id, counts[n].file, counts[n].count, why, len);
	return err;
}

/*
 * The root cell's directory is there while the driver is loaded; before
 * enable its state is "none".
 */
int hvctl_cell_read(const char *dir, unsigned int id, struct hvctl_cell *cell, char *why,
		    size_t len)
{
	char text[SYSFS_FILE_MAX];
	int err;

	memset(cell, 0, sizeof(*cell));
	cell->id = id;
	err = hvctl_cell_read_file(dir, id, "state", text, sizeof(text), why, len);
	if (!err && !strcmp(text, "none"))
		return hvctl_reject(-ENODEV, why, len, "%s", HVCTL_NOT_ENABLED);
	if (!err && (!text[0] || strlen(text) >= sizeof(cell->state)))
		err = unexpected(id, dir, "state", text, why, len);
	if (err)
		return err;
	strcpy(cell->state, text);
	err = hvctl_cell_read_file(dir, id, "name", text, sizeof(text), why, len);
	if (!err && (!text[0] || strlen(text) >= sizeof(cell->name)))
		err = unexpected(id, dir, "name", text, why, len);
	if (err)
		return err;
	strcpy(cell->name, text);
	err = read_cpus(dir, id, "cpus", &cell->cpus, why, len);
	if (!err)
		err = read_cpus(dir, id, "failed_cpus", &cell->failed_cpus, why, len);
	if (!err)
		err = hvctl_cell_read_file(dir, id, "reason", cell->reason, sizeof(cell->reason),
					   why, len);
	if (!err)
		err = read_counts(dir, cell, why, len);
	if (!err)
		err = hvctl_cell_read_file(dir, id, "loadable", text, sizeof(text), why, len);
	if (!err)
		err = parse_loadable(dir, cell, text, why, len);
	return err;
}

static int by_id(const void *a, const void *b)
{
	const struct hvctl_cell *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

int hvctl_cells_read(const char *dir, struct hvctl_cell *cells, unsigned int max, char *why,
		     size_t why_len)
{
	struct dirent *entry;
	unsigned int num = 0, id;
	int err = 0;
	DIR *d;

	d = opendir(dir);
	if (!d && errno == ENOENT)
		return hvctl_reject(-ENODEV, why, why_len, "%s", HVCTL_NOT_ENABLED);
	if (!d)
		return hvctl_reject(-EIO, why, why_len, "cannot read %s: %s", dir,
				    strerror(errno));
	while (!err && (entry = readdir(d))) {
		if (!parse_id(entry->d_name, &id))
			continue;
		if (num == max) {
			err = hvctl_reject(-EIO, why, why_len,
					   "%s: more than %u cells; " HVCTL_MODULE_HINT, dir, max);
			break;
		}
		err = hvctl_cell_read(dir, id, &cells[num], why, why_len);
		/* Destroyed while we were looking: not a cell any more. */
		if (err == -ENOENT)
			err = 0;
		else if (!err)
			num++;
	}
	closedir(d);
	if (err)
		return err;
	qsort(cells, num, sizeof(*cells), by_id);
	return (int)num;
}

/* The cell of id @id, or named @name (when not NULL), among @num @cells; NULL if none. */
static const struct hvctl_cell *cell_with(const struct hvctl_cell *cells, int num, bool by_id,
					  unsigned int id, const char *name)
{
	int n;

	for (n = 0; n < num; n++)
		if ((by_id && cells[n].id == id) || (name && !strcmp(cells[n].name, name)))
			return &cells[n];
	return NULL;
}

int hvctl_cell_find(const char *dir, const char *arg, struct hvctl_cell *cell, char *why,
		    size_t why_len)
{
	struct hvctl_cell *cells = calloc(HVCTL_MAX_LISTED, sizeof(*cells));
	const struct hvctl_cell *by_id = NULL, *by_name = NULL;
	bool explicit_id = !strncmp(arg, HVCTL_ID_PREFIX, strlen(HVCTL_ID_PREFIX));
	const char *digits = explicit_id ? arg + strlen(HVCTL_ID_PREFIX) : arg;
	unsigned int id;
	bool is_id;
	int num;

	if (!cells)
		return hvctl_reject(-ENOMEM, why, why_len, "out of memory");
	num = hvctl_cells_read(dir, cells, HVCTL_MAX_LISTED, why, why_len);
	is_id = parse_id(digits, &id);
	if (num >= 0 && explicit_id && !is_id)
		num = hvctl_reject(-EINVAL, why, why_len, "'%s' is not a cell id: give id:N with N "
				   "decimal, as hvctl cell list shows it", arg);
	if (num >= 0) {
		by_id = cell_with(cells, num, is_id, id, NULL);
		by_name = explicit_id ? NULL : cell_with(cells, num, false, 0, arg);
	}
	/* Names cannot be all digits (the validator refuses them); one from before can. */
	if (by_id && by_name && by_id != by_name)
		num = hvctl_reject(-EINVAL, why, why_len, "\"%s\" is both the id of cell \"%s\" "
				   "and the name of cell %u; say id:%s for the id", arg,
				   by_id->name, by_name->id, arg);
	else if (by_id || by_name)
		*cell = by_name ? *by_name : *by_id;
	else if (num >= 0)
		num = hvctl_reject(-ENOENT, why, why_len, "no cell \"%s\" (see hvctl cell list)",
				   arg);
	free(cells);
	return num < 0 ? num : 0;
}

/* ----- hvctl cell list ----- */

#define LIST_COLUMNS	9

/* One line of the table: ID NAME STATE CPUS FAILED-CPUS RESTARTS EXPIRIES ROLLBACKS REASON. */
struct list_row {
	char id[12];
	char cpus[200];
	char failed[200];
	char counts[3][24];
	const char *col[LIST_COLUMNS];
};

static void make_row(const struct hvctl_cell *cell, struct list_row *row)
{
	snprintf(row->id, sizeof(row->id), "%u", cell->id);
	hvctl_format_cpus(cell->cpus, row->cpus, sizeof(row->cpus));
	if (cell->failed_cpus)
		hvctl_format_cpus(cell->failed_cpus, row->failed, sizeof(row->failed));
	else
		strcpy(row->failed, "-");
	row->col[0] = row->id;
	row->col[1] = cell->name;
	row->col[2] = cell->state;
	row->col[3] = row->cpus;
	row->col[4] = row->failed;
	snprintf(row->counts[0], sizeof(row->counts[0]), "%llu", (unsigned long long)cell->restarts);
	snprintf(row->counts[1], sizeof(row->counts[1]), "%llu",
		 (unsigned long long)cell->watchdog_expiries);
	snprintf(row->counts[2], sizeof(row->counts[2]), "%llu",
		 (unsigned long long)cell->rollbacks);
	row->col[5] = row->counts[0];
	row->col[6] = row->counts[1];
	row->col[7] = row->counts[2];
	row->col[8] = cell->reason;
}

void hvctl_print_row(FILE *out, const char *const col[], const int width[],
		     unsigned int num_cols)
{
	unsigned int c;

	while (num_cols > 1 && !col[num_cols - 1][0])
		num_cols--;
	for (c = 0; c + 1 < num_cols; c++)
		fprintf(out, "%-*s  ", width[c], col[c]);
	fprintf(out, "%s\n", col[c]);
}

/* The REASON column appears only when a cell has failed. */
static void print_cells_table(FILE *out, const struct hvctl_cell *cells, unsigned int num)
{
	static const char *const head[LIST_COLUMNS] = { "ID", "NAME", "STATE", "CPUS",
							 "FAILED-CPUS", "RESTARTS", "EXPIRIES",
							 "ROLLBACKS", "REASON" };
	unsigned int num_cols = LIST_COLUMNS - 1, n, c;
	int width[LIST_COLUMNS];
	struct list_row row;

	for (c = 0; c < LIST_COLUMNS; c++)
		width[c] = (int)strlen(head[c]);
	for (n = 0; n < num; n++) {
		make_row(&cells[n], &row);
		for (c = 0; c < LIST_COLUMNS; c++)
			if ((int)strlen(row.col[c]) > width[c])
				width[c] = (int)strlen(row.col[c]);
		if (cells[n].reason[0])
			num_cols = LIST_COLUMNS;
	}
	hvctl_print_row(out, head, width, num_cols);
	for (n = 0; n < num; n++) {
		make_row(&cells[n], &row);
		hvctl_print_row(out, row.col, width, num_cols);
	}
}

static void print_cells_json(FILE *out, const struct hvctl_cell *cells, unsigned int num)
{
	unsigned int n;

	fprintf(out, "{\n  \"cells\": [\n");
	for (n = 0; n < num; n++) {
		fprintf(out, "    {\"id\": %u, \"name\": ", cells[n].id);
		hvctl_json_string(out, cells[n].name, sizeof(cells[n].name));
		fprintf(out, ", \"state\": ");
		hvctl_json_string(out, cells[n].state, sizeof(cells[n].state));
		fprintf(out, ", \"cpus\": ");
		hvctl_json_cpus(out, cells[n].cpus);
		fprintf(out, ", \"failed_cpus\": ");
		hvctl_json_cpus(out, cells[n].failed_cpus);
		fprintf(out, ", \"reason\": ");
		hvctl_json_string(out, cells[n].reason, sizeof(cells[n].reason));
		fprintf(out, ", \"restarts\": %llu, \"watchdog_expiries\": %llu, \"faults\": %llu, "
			"\"rollbacks\": %llu, \"updates\": %llu",
			(unsigned long long)cells[n].restarts,
			(unsigned long long)cells[n].watchdog_expiries,
			(unsigned long long)cells[n].faults, (unsigned long long)cells[n].rollbacks,
			(unsigned long long)cells[n].updates);
		fprintf(out, "}%s\n", n + 1 < num ? "," : "");
	}
	fprintf(out, "  ]\n}\n");
}

void hvctl_print_cells(FILE *out, const struct hvctl_cell *cells, unsigned int num, bool json)
{
	if (json)
		print_cells_json(out, cells, num);
	else
		print_cells_table(out, cells, num);
}
