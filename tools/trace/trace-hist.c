// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace: log2 histograms and their percentiles, and the set of
 * histograms one collection of the maps gives (trace_data).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

__u64 trace_bucket_low(unsigned int b)
{
	return b ? 1ULL << (b - 1) : 0;
}

/* The last bucket also holds everything above it. */
__u64 trace_bucket_high(unsigned int b)
{
	if (b == TRACE_BUCKETS - 1)
		return ~0ULL;
	return b ? (1ULL << b) - 1 : 0;
}

__u64 trace_hist_percentile(const struct trace_hist *h, unsigned int pct)
{
	/* The rank of the percentile among the values, 1-based, rounded up. */
	__u64 rank = (h->count * pct + 99) / 100;
	__u64 seen = 0;
	unsigned int b;

	if (!h->count)
		return 0;
	if (!rank)
		rank = 1;
	for (b = 0; b < TRACE_BUCKETS; b++) {
		seen += h->buckets[b];
		if (seen >= rank)
			break;
	}
	if (b == TRACE_BUCKETS || trace_bucket_high(b) > h->max_ns)
		return h->max_ns;
	return trace_bucket_high(b);
}

void trace_hist_delta(struct trace_hist *out, const struct trace_hist *now,
		      const struct trace_hist *before)
{
	unsigned int b;

	for (b = 0; b < TRACE_BUCKETS; b++)
		out->buckets[b] = now->buckets[b] - before->buckets[b];
	out->count = now->count - before->count;
	out->sum_ns = now->sum_ns - before->sum_ns;
	out->max_ns = now->max_ns;
}

static int compare_key(__u16 cell, __u8 kind, __u8 reason, const struct trace_series *s)
{
	if (cell != s->cell)
		return cell < s->cell ? -1 : 1;
	if (kind != s->kind)
		return kind < s->kind ? -1 : 1;
	return reason < s->reason ? -1 : reason > s->reason;
}

/* Where (@cell, @kind, @reason) is or would go; *found says which. */
static unsigned int series_slot(const struct trace_data *d, __u16 cell, __u8 kind, __u8 reason,
				bool *found)
{
	unsigned int low = 0, high = d->num;

	*found = false;
	while (low < high) {
		unsigned int mid = (low + high) / 2;
		int cmp = compare_key(cell, kind, reason, &d->series[mid]);

		if (!cmp) {
			*found = true;
			return mid;
		}
		if (cmp < 0)
			high = mid;
		else
			low = mid + 1;
	}
	return low;
}

const struct trace_series *trace_data_find(const struct trace_data *d, __u16 cell, __u8 kind,
					   __u8 reason)
{
	bool found;
	unsigned int slot = series_slot(d, cell, kind, reason, &found);

	return found ? &d->series[slot] : NULL;
}

struct trace_series *trace_data_series(struct trace_data *d, __u16 cell, __u8 kind, __u8 reason)
{
	bool found;
	unsigned int slot = series_slot(d, cell, kind, reason, &found);
	struct trace_series *s;

	if (found)
		return &d->series[slot];
	if (d->num == d->cap) {
		unsigned int cap = d->cap ? 2 * d->cap : 32;

		s = realloc(d->series, cap * sizeof(*s));
		if (!s)
			return NULL;
		d->series = s;
		d->cap = cap;
	}
	s = &d->series[slot];
	memmove(s + 1, s, (d->num - slot) * sizeof(*s));
	d->num++;
	memset(s, 0, sizeof(*s));
	s->cell = cell;
	s->kind = kind;
	s->reason = reason;
	return s;
}

void trace_data_free(struct trace_data *d)
{
	free(d->series);
	memset(d, 0, sizeof(*d));
}
