// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl trace on|off|status: the operands and what status prints. The
 * commands, which talk to the driver, are in hvctl-trace-cmd.c.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "hvctl.h"
#include <bulkhead/trace.h>

static const struct {
	const char *name;
	__u32 bit;
} trace_classes[] = {
	{ "exit", BULKHEAD_TRACE_CLASS_EXIT },
	{ "virq", BULKHEAD_TRACE_CLASS_VIRQ },
	{ "state", BULKHEAD_TRACE_CLASS_STATE },
	{ "doorbell", BULKHEAD_TRACE_CLASS_DOORBELL },
	{ "health", BULKHEAD_TRACE_CLASS_HEALTH },
};

#define NUM_CLASSES	(sizeof(trace_classes) / sizeof(trace_classes[0]))
#define CLASS_NAMES	"exit, virq, state, doorbell, health or all"

int hvctl_trace_parse_classes(const char *text, __u32 *mask, char *why, size_t why_len)
{
	const char *start = text, *end;
	size_t len;
	unsigned int n;

	*mask = 0;
	for (;;) {
		end = strchrnul(start, ',');
		len = end - start;
		for (n = 0; n < NUM_CLASSES; n++)
			if (len == strlen(trace_classes[n].name) &&
			    !strncmp(start, trace_classes[n].name, len))
				break;
		if (n < NUM_CLASSES)
			*mask |= trace_classes[n].bit;
		else if (len == 3 && !strncmp(start, "all", 3))
			*mask |= BULKHEAD_TRACE_CLASS_ALL;
		else
			return hvctl_reject(-1, why, why_len, "'--class %s': '%.*s' is not a class "
					    "(" CLASS_NAMES ")", text, (int)len, start);
		if (!*end)
			return 0;
		start = end + 1;
	}
}

void hvctl_trace_format_mask(__u32 mask, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int n;

	buf[0] = '\0';
	if (!mask) {
		snprintf(buf, len, "none");
		return;
	}
	for (n = 0; n < NUM_CLASSES && used < len; n++)
		if (mask & trace_classes[n].bit)
			used += snprintf(buf + used, len - used, "%s%s", used ? "," : "",
					 trace_classes[n].name);
}

/* "--pages N" and "--period-us N": decimal within [@min, @max]. */
static int parse_number(const char *opt, const char *text, __u32 min, __u32 max, __u32 *value,
			char *why, size_t why_len)
{
	__u64 n;

	if (!hvctl_parse_decimal(text, &n) || n < min || n > max)
		return hvctl_reject(-1, why, why_len, "'%s %s': not a number from %u to %u", opt,
				    text, min, max);
	*value = n;
	return 0;
}

static int parse_option(const char *opt, const char *value, struct hvctl_trace_args *args,
			char *why, size_t why_len)
{
	if (!strcmp(opt, "--class")) {
		if (args->mask)
			return hvctl_reject(-1, why, why_len, "'--class' given twice");
		if (hvctl_trace_parse_classes(value, &args->mask, why, why_len) < 0)
			return -1;
		return 0;
	}
	if (!strcmp(opt, "--pages")) {
		if (args->pages)
			return hvctl_reject(-1, why, why_len, "'--pages' given twice");
		return parse_number(opt, value, 1, BULKHEAD_TRACE_MAX_PAGES, &args->pages, why,
				    why_len);
	}
	if (args->period_us)
		return hvctl_reject(-1, why, why_len, "'--period-us' given twice");
	return parse_number(opt, value, BULKHEAD_TRACE_PERIOD_MIN_US, BULKHEAD_TRACE_PERIOD_MAX_US,
			    &args->period_us, why, why_len);
}

static bool is_trace_option(const char *arg)
{
	return !strcmp(arg, "--class") || !strcmp(arg, "--pages") || !strcmp(arg, "--period-us");
}

int hvctl_trace_parse_args(bool on, int argc, char **argv, struct hvctl_trace_args *args,
			   char *why, size_t why_len)
{
	int i;

	*args = (struct hvctl_trace_args){};
	for (i = 0; i < argc; i++) {
		/* The dispatcher lets only 'on' have them. */
		if (is_trace_option(argv[i])) {
			if (i + 1 == argc)
				return hvctl_reject(-1, why, why_len, "'%s' needs a value",
						    argv[i]);
			if (parse_option(argv[i], argv[i + 1], args, why, why_len) < 0)
				return -1;
			i++;
		} else if (args->num_cells == HVCTL_MAX_LISTED) {
			return hvctl_reject(-1, why, why_len, "more than %u cells given",
					    HVCTL_MAX_LISTED);
		} else {
			args->cells[args->num_cells++] = argv[i];
		}
	}
	if (on && !args->mask)
		args->mask = BULKHEAD_TRACE_CLASS_ALL;
	return 0;
}

int hvctl_trace_cells_read(const char *dir, struct hvctl_trace_cell *cells, unsigned int max,
			   char *why, size_t why_len)
{
	static struct hvctl_cell found[HVCTL_MAX_LISTED];
	char text[32], path[512];
	unsigned int n, num = 0;
	__u64 mask;
	int total, err;

	total = hvctl_cells_read(dir, found, HVCTL_MAX_LISTED, why, why_len);
	for (n = 0; n < (unsigned int)total && num < max; n++) {
		err = hvctl_cell_read_file(dir, found[n].id, "trace_mask", text, sizeof(text), why,
					   why_len);
		/* Destroyed meanwhile. */
		if (err == -ENOENT && !hvctl_cell_exists(dir, found[n].id))
			continue;
		if (err)
			return err;
		snprintf(path, sizeof(path), "%s/%u/trace_mask", dir, found[n].id);
		if (!hvctl_parse_address(text, &mask) || mask > BULKHEAD_TRACE_CLASS_ALL)
			return hvctl_bad_line(why, why_len, path, 1, "'%s' is not a mask of trace "
					      "classes", text);
		cells[num].id = found[n].id;
		memcpy(cells[num].name, found[n].name, sizeof(cells[num].name));
		cells[num++].mask = mask;
	}
	return total < 0 ? total : (int)num;
}

static __u64 sum(const __u64 *values, unsigned int num)
{
	__u64 total = 0;
	unsigned int n;

	for (n = 0; n < num; n++)
		total += values[n];
	return total;
}

static void print_status_json(FILE *out, const struct bulkhead_trace_status *st,
			      const struct hvctl_trace_cell *cells, unsigned int num_cells,
			      unsigned int num_cpus)
{
	char root[64], new_cells[64], mask[64];
	unsigned int cpu, n;

	hvctl_trace_format_mask(st->root_mask, root, sizeof(root));
	hvctl_trace_format_mask(st->new_cells_mask, new_cells, sizeof(new_cells));
	fprintf(out, "{\"tracing\": %s, \"pages\": %u, \"period_us\": %u, \"counter_hz\": %" PRIu64
		", \"root_mask\": ", st->pages ? "true" : "false", st->pages, st->period_us,
		(uint64_t)st->counter_hz);
	hvctl_json_string(out, root, sizeof(root));
	fputs(", \"new_cells_mask\": ", out);
	hvctl_json_string(out, new_cells, sizeof(new_cells));
	fputs(", \"cells\": [", out);
	for (n = 0; n < num_cells; n++) {
		hvctl_trace_format_mask(cells[n].mask, mask, sizeof(mask));
		fprintf(out, "%s{\"id\": %u, \"name\": ", n ? ", " : "", cells[n].id);
		hvctl_json_string(out, cells[n].name, sizeof(cells[n].name));
		fputs(", \"mask\": ", out);
		hvctl_json_string(out, mask, sizeof(mask));
		fputc('}', out);
	}
	fputc(']', out);
	fprintf(out, ", \"records\": %" PRIu64 ", \"lost\": %" PRIu64 ", \"cpus\": [",
		(uint64_t)sum(st->records, num_cpus), (uint64_t)sum(st->lost, num_cpus));
	for (cpu = 0; cpu < num_cpus; cpu++)
		fprintf(out, "%s{\"cpu\": %u, \"records\": %" PRIu64 ", \"lost\": %" PRIu64 "}",
			cpu ? ", " : "", cpu, (uint64_t)st->records[cpu],
			(uint64_t)st->lost[cpu]);
	fputs("]}\n", out);
}

void hvctl_trace_print_status(FILE *out, const struct bulkhead_trace_status *st,
			      const struct hvctl_trace_cell *cells, unsigned int num_cells,
			      unsigned int num_cpus, bool json)
{
	char mask[64];
	unsigned int cpu, n;

	if (num_cpus > BULKHEAD_INFO_CPUS)
		num_cpus = BULKHEAD_INFO_CPUS;
	if (json) {
		print_status_json(out, st, cells, num_cells, num_cpus);
		return;
	}
	if (st->pages)
		fprintf(out, "tracing: on (%u pages per CPU, drained every %u us, counter %" PRIu64
			" Hz)\n", st->pages, st->period_us, (uint64_t)st->counter_hz);
	else
		fputs("tracing: off\n", out);
	hvctl_trace_format_mask(st->root_mask, mask, sizeof(mask));
	fprintf(out, "root cell: %s\n", mask);
	hvctl_trace_format_mask(st->new_cells_mask, mask, sizeof(mask));
	fprintf(out, "new cells: %s\n", mask);
	/* The root's is the line above. */
	for (n = 0; n < num_cells; n++) {
		if (!cells[n].id)
			continue;
		hvctl_trace_format_mask(cells[n].mask, mask, sizeof(mask));
		fprintf(out, "cell %.*s (id %u): %s\n", BULKHEAD_CELL_NAME_LEN, cells[n].name,
			cells[n].id, mask);
	}
	for (cpu = 0; cpu < num_cpus; cpu++)
		fprintf(out, "cpu%-3u records %-12" PRIu64 " lost %" PRIu64 "\n", cpu,
			(uint64_t)st->records[cpu], (uint64_t)st->lost[cpu]);
	fprintf(out, "total  records %-12" PRIu64 " lost %" PRIu64 "\n",
		(uint64_t)sum(st->records, num_cpus), (uint64_t)sum(st->lost, num_cpus));
}
