// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace: what top and hist print, as tables or as JSON (times in
 * ns). No device here: the unit tests include this file.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

#define HIST_BAR_WIDTH	40
#define TOP_REASONS	3
#define TOP_REASONS_WIDTH	30
#define TOP_TRIPLE_WIDTH	20

static const char *const exit_names[BULKHEAD_EXIT_REASONS] = {
	[BULKHEAD_EXIT_HYPERCALL] = "hypercall",
	[BULKHEAD_EXIT_PSCI] = "psci",
	[BULKHEAD_EXIT_SMCCC] = "smccc",
	[BULKHEAD_EXIT_MMIO] = "mmio",
	[BULKHEAD_EXIT_SYSREG] = "sysreg",
	[BULKHEAD_EXIT_IRQ] = "irq",
	[BULKHEAD_EXIT_ABORT] = "abort",
	[BULKHEAD_EXIT_OTHER] = "other",
};

const char *trace_exit_name(unsigned int reason)
{
	if (reason < BULKHEAD_EXIT_REASONS && exit_names[reason])
		return exit_names[reason];
	return "unknown";
}

const char *trace_virq_source_name(unsigned int source)
{
	if (source == BULKHEAD_VIRQ_SOURCE_TIMER)
		return "timer";
	return source == BULKHEAD_VIRQ_SOURCE_EXIT ? "exit" : "unknown";
}

const char *trace_cell_name(const struct hvctl_cell *cells, int num_cells, unsigned int cell)
{
	int n;

	for (n = 0; n < num_cells; n++)
		if (cells[n].id == cell)
			return cells[n].name;
	return "";
}

static const char *const kind_titles[TRACE_KINDS] = {
	[TRACE_KIND_EXIT] = "exit cost",
	[TRACE_KIND_VIRQ] = "virq latency",
	[TRACE_KIND_DOORBELL] = "root doorbell latency",
};

static const char *reason_name(const struct trace_series *s)
{
	if (s->kind == TRACE_KIND_EXIT)
		return trace_exit_name(s->reason);
	if (s->kind == TRACE_KIND_VIRQ)
		return trace_virq_source_name(s->reason);
	return "wake";
}

static void merge(struct trace_hist *into, const struct trace_hist *h)
{
	unsigned int b;

	for (b = 0; b < TRACE_BUCKETS; b++)
		into->buckets[b] += h->buckets[b];
	into->count += h->count;
	into->sum_ns += h->sum_ns;
	if (h->max_ns > into->max_ns)
		into->max_ns = h->max_ns;
}

/* ----- hist ----- */

static void print_buckets(FILE *out, const struct trace_hist *h)
{
	unsigned int b, first = TRACE_BUCKETS, last = 0, stars;
	__u64 most = 0;

	for (b = 0; b < TRACE_BUCKETS; b++) {
		if (!h->buckets[b])
			continue;
		first = first < b ? first : b;
		last = b;
		most = h->buckets[b] > most ? h->buckets[b] : most;
	}
	if (first == TRACE_BUCKETS)
		return;
	fprintf(out, "  %25s : %-10s distribution\n", "ns", "count");
	for (b = first; b <= last; b++) {
		stars = (unsigned int)(h->buckets[b] * HIST_BAR_WIDTH / most);
		fprintf(out, "  %11" PRIu64 " -> %-11" PRIu64 " : %-10" PRIu64 " |%-*.*s|\n",
			(uint64_t)trace_bucket_low(b), (uint64_t)trace_bucket_high(b),
			(uint64_t)h->buckets[b], HIST_BAR_WIDTH, stars,
			"****************************************");
	}
}

static void print_hist_text(FILE *out, const struct trace_data *d, const struct hvctl_cell *cells,
			    int num_cells)
{
	const struct trace_series *s;
	unsigned int n;

	for (n = 0; n < d->num; n++) {
		s = &d->series[n];
		if (!s->hist.count)
			continue;
		fprintf(out, "cell %u \"%s\", %s, %s: %" PRIu64 " events, mean %" PRIu64
			" ns, p50 %" PRIu64 " ns, p99 %" PRIu64 " ns, max %" PRIu64 " ns\n",
			s->cell, trace_cell_name(cells, num_cells, s->cell), kind_titles[s->kind],
			reason_name(s), (uint64_t)s->hist.count,
			(uint64_t)(s->hist.sum_ns / s->hist.count),
			(uint64_t)trace_hist_percentile(&s->hist, 50),
			(uint64_t)trace_hist_percentile(&s->hist, 99), (uint64_t)s->hist.max_ns);
		print_buckets(out, &s->hist);
		fputc('\n', out);
	}
}

static void json_hist(FILE *out, const struct trace_hist *h)
{
	const char *sep = "";
	unsigned int b;

	fprintf(out, "\"count\": %" PRIu64 ", \"sum_ns\": %" PRIu64 ", \"p50_ns\": %" PRIu64
		", \"p99_ns\": %" PRIu64 ", \"max_ns\": %" PRIu64 ", \"buckets\": [",
		(uint64_t)h->count, (uint64_t)h->sum_ns, (uint64_t)trace_hist_percentile(h, 50),
		(uint64_t)trace_hist_percentile(h, 99), (uint64_t)h->max_ns);
	for (b = 0; b < TRACE_BUCKETS; b++) {
		if (!h->buckets[b])
			continue;
		fprintf(out, "%s{\"low_ns\": %" PRIu64 ", \"high_ns\": %" PRIu64 ", \"count\": %"
			PRIu64 "}", sep, (uint64_t)trace_bucket_low(b),
			(uint64_t)trace_bucket_high(b), (uint64_t)h->buckets[b]);
		sep = ", ";
	}
	fputc(']', out);
}

static void json_cell_start(FILE *out, unsigned int cell, const struct hvctl_cell *cells,
			    int num_cells)
{
	const char *name = trace_cell_name(cells, num_cells, cell);

	fprintf(out, "{\"id\": %u, \"name\": ", cell);
	hvctl_json_string(out, name, strlen(name));
}

static const char *const kind_keys[TRACE_KINDS] = {
	[TRACE_KIND_EXIT] = "exits",
	[TRACE_KIND_VIRQ] = "virqs",
	[TRACE_KIND_DOORBELL] = "doorbells",
};

static const char *const reason_keys[TRACE_KINDS] = {
	[TRACE_KIND_EXIT] = "reason",
	[TRACE_KIND_VIRQ] = "source",
	[TRACE_KIND_DOORBELL] = "kind",
};

/* Series @first.. of one cell, by kind: "exits": [...], "virqs": [...], "doorbells": [...]. */
static unsigned int json_cell_series(FILE *out, const struct trace_data *d, unsigned int first)
{
	unsigned int n = first, kind;
	const char *sep;

	for (kind = 0; kind < TRACE_KINDS; kind++) {
		fprintf(out, ", \"%s\": [", kind_keys[kind]);
		sep = "";
		for (; n < d->num && d->series[n].cell == d->series[first].cell &&
		       d->series[n].kind == kind; n++) {
			fprintf(out, "%s{\"%s\": \"%s\", ", sep, reason_keys[kind],
				reason_name(&d->series[n]));
			json_hist(out, &d->series[n].hist);
			fputc('}', out);
			sep = ", ";
		}
		fputc(']', out);
	}
	return n;
}

void trace_print_hist(FILE *out, const struct trace_data *d, const struct hvctl_cell *cells,
		      int num_cells, __u64 duration_ns, bool json)
{
	const char *sep = "";
	unsigned int n;

	if (!json) {
		print_hist_text(out, d, cells, num_cells);
		fprintf(out, "%" PRIu64 " records lost over %" PRIu64 ".%03" PRIu64 " s\n",
			(uint64_t)d->lost, (uint64_t)(duration_ns / 1000000000),
			(uint64_t)(duration_ns / 1000000 % 1000));
		return;
	}
	fprintf(out, "{\"duration_ns\": %" PRIu64 ", \"lost\": %" PRIu64 ", \"cells\": [",
		(uint64_t)duration_ns, (uint64_t)d->lost);
	for (n = 0; n < d->num;) {
		fputs(sep, out);
		json_cell_start(out, d->series[n].cell, cells, num_cells);
		n = json_cell_series(out, d, n);
		fputc('}', out);
		sep = ", ";
	}
	fputs("]}\n", out);
}

/* ----- top ----- */

struct top_row {
	unsigned int cell;
	__u64 exits;
	__u64 by_reason[BULKHEAD_EXIT_REASONS];
	struct trace_hist kinds[TRACE_KINDS];	/* over the interval */
	__u64 max_ns[TRACE_KINDS];		/* since the start */
};

static void top_row(struct top_row *row, unsigned int cell, const struct trace_data *now,
		    const struct trace_data *before)
{
	const struct trace_series *s, *old;
	struct trace_hist delta;
	unsigned int n;

	memset(row, 0, sizeof(*row));
	row->cell = cell;
	for (n = 0; n < now->num; n++) {
		s = &now->series[n];
		if (s->cell != cell)
			continue;
		old = trace_data_find(before, s->cell, s->kind, s->reason);
		if (old)
			trace_hist_delta(&delta, &s->hist, &old->hist);
		else
			delta = s->hist;
		merge(&row->kinds[s->kind], &delta);
		if (s->hist.max_ns > row->max_ns[s->kind])
			row->max_ns[s->kind] = s->hist.max_ns;
		if (s->kind == TRACE_KIND_EXIT && s->reason < BULKHEAD_EXIT_REASONS)
			row->by_reason[s->reason] += delta.count;
	}
	row->exits = row->kinds[TRACE_KIND_EXIT].count;
}

/* The @rank-th most frequent exit reason of @row (0 if fewer had exits). */
static unsigned int top_reason(const struct top_row *row, unsigned int rank)
{
	unsigned int r, k, better;

	for (r = 1; r < BULKHEAD_EXIT_REASONS; r++) {
		if (!row->by_reason[r])
			continue;
		better = 0;
		for (k = 1; k < BULKHEAD_EXIT_REASONS; k++)
			if (row->by_reason[k] > row->by_reason[r] ||
			    (row->by_reason[k] == row->by_reason[r] && k < r))
				better++;
		if (better == rank)
			return r;
	}
	return 0;
}

static __u64 per_second(__u64 count, __u64 interval_ns)
{
	return interval_ns ? count * 1000000000ULL / interval_ns : 0;
}

/* p50/p99/max of @kind, padded to its column but for the last (no trailing blanks). */
static void text_triple(FILE *out, const struct top_row *row, unsigned int kind)
{
	int width = kind == TRACE_KINDS - 1 ? 0 : TOP_TRIPLE_WIDTH;
	char text[48] = "-";

	/* None in this interval, some before: only the maximum says something. */
	if (!row->kinds[kind].count && row->max_ns[kind])
		snprintf(text, sizeof(text), "-/-/%" PRIu64, (uint64_t)row->max_ns[kind]);
	else if (row->kinds[kind].count)
		snprintf(text, sizeof(text), "%" PRIu64 "/%" PRIu64 "/%" PRIu64,
			 (uint64_t)trace_hist_percentile(&row->kinds[kind], 50),
			 (uint64_t)trace_hist_percentile(&row->kinds[kind], 99),
			 (uint64_t)row->max_ns[kind]);
	fprintf(out, "  %-*s", width, text);
}

static void text_row(FILE *out, const struct top_row *row, const char *name, __u64 interval_ns)
{
	char reasons[64] = "", *p = reasons;
	unsigned int rank, r;

	for (rank = 0; rank < TOP_REASONS && (r = top_reason(row, rank)); rank++)
		p += snprintf(p, sizeof(reasons) - (size_t)(p - reasons), "%s%s:%" PRIu64,
			      rank ? " " : "", trace_exit_name(r),
			      (uint64_t)per_second(row->by_reason[r], interval_ns));
	fprintf(out, "%-4u %-16.16s %9" PRIu64 "  %-*s", row->cell, name,
		(uint64_t)per_second(row->exits, interval_ns), TOP_REASONS_WIDTH,
		reasons[0] ? reasons : "-");
	text_triple(out, row, TRACE_KIND_EXIT);
	text_triple(out, row, TRACE_KIND_VIRQ);
	text_triple(out, row, TRACE_KIND_DOORBELL);
	fputc('\n', out);
}

static void json_triple(FILE *out, const char *key, const struct top_row *row, unsigned int kind)
{
	fprintf(out, ", \"%s\": {\"count\": %" PRIu64 ", \"p50\": %" PRIu64 ", \"p99\": %" PRIu64
		", \"max\": %" PRIu64 "}", key, (uint64_t)row->kinds[kind].count,
		(uint64_t)trace_hist_percentile(&row->kinds[kind], 50),
		(uint64_t)trace_hist_percentile(&row->kinds[kind], 99),
		(uint64_t)row->max_ns[kind]);
}

static void json_row(FILE *out, const struct top_row *row, const struct hvctl_cell *cells,
		     int num_cells, __u64 interval_ns)
{
	unsigned int rank, r;

	json_cell_start(out, row->cell, cells, num_cells);
	fprintf(out, ", \"exits\": %" PRIu64 ", \"exits_per_s\": %" PRIu64 ", \"top_reasons\": [",
		(uint64_t)row->exits, (uint64_t)per_second(row->exits, interval_ns));
	for (rank = 0; rank < TOP_REASONS && (r = top_reason(row, rank)); rank++)
		fprintf(out, "%s{\"reason\": \"%s\", \"count\": %" PRIu64 ", \"per_s\": %" PRIu64
			"}", rank ? ", " : "", trace_exit_name(r), (uint64_t)row->by_reason[r],
			(uint64_t)per_second(row->by_reason[r], interval_ns));
	fputc(']', out);
	json_triple(out, "exit_ns", row, TRACE_KIND_EXIT);
	json_triple(out, "virq_ns", row, TRACE_KIND_VIRQ);
	json_triple(out, "doorbell_ns", row, TRACE_KIND_DOORBELL);
	fputc('}', out);
}

static int by_id(const void *a, const void *b)
{
	return (int)*(const unsigned int *)a - (int)*(const unsigned int *)b;
}

/*
 * The cells that get a row, into @ids (room for @num_cells + @now->num):
 * those listed, and those with events (destroyed since). Returns how many.
 */
static unsigned int row_cells(const struct trace_data *now, const struct hvctl_cell *cells,
			      int num_cells, unsigned int *ids)
{
	unsigned int num = 0, n, unique = 0;

	for (n = 0; n < (unsigned int)num_cells; n++)
		ids[num++] = cells[n].id;
	for (n = 0; n < now->num; n++)
		ids[num++] = now->series[n].cell;
	qsort(ids, num, sizeof(*ids), by_id);
	for (n = 0; n < num; n++)
		if (!unique || ids[unique - 1] != ids[n])
			ids[unique++] = ids[n];
	return unique;
}

void trace_print_top(FILE *out, const struct trace_data *now, const struct trace_data *before,
		     const struct hvctl_cell *cells, int num_cells, __u64 interval_ns, bool json)
{
	unsigned int *ids = calloc((size_t)num_cells + now->num + 1, sizeof(*ids));
	unsigned int num, n;
	const char *sep = "";
	struct top_row row;

	if (!ids) {
		fprintf(stderr, "bulkhead-trace: out of memory\n");
		return;
	}
	num = row_cells(now, cells, num_cells, ids);
	if (json)
		fprintf(out, "{\"interval_ns\": %" PRIu64 ", \"lost\": %" PRIu64 ", \"cells\": [",
			(uint64_t)interval_ns, (uint64_t)(now->lost - before->lost));
	else
		fprintf(out, "%-4s %-16s %9s  %-*s  %-*s  %-*s  %s\n", "ID", "NAME", "EXITS/S",
			TOP_REASONS_WIDTH, "TOP REASONS/S", TOP_TRIPLE_WIDTH, "EXIT NS p50/p99/max",
			TOP_TRIPLE_WIDTH, "VIRQ NS p50/p99/max", "DOORBELL NS p50/p99/max");
	for (n = 0; n < num; n++) {
		top_row(&row, ids[n], now, before);
		if (json) {
			fputs(sep, out);
			json_row(out, &row, cells, num_cells, interval_ns);
			sep = ", ";
		} else {
			text_row(out, &row, trace_cell_name(cells, num_cells, ids[n]), interval_ns);
		}
	}
	free(ids);
	if (json)
		fputs("]}\n", out);
	else
		fprintf(out, "%" PRIu64 " records lost in this interval, %" PRIu64 " in all\n",
			(uint64_t)(now->lost - before->lost), (uint64_t)now->lost);
}
