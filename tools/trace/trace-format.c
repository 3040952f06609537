// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace: the tracepoints' layouts. The BPF programs read each
 * record through the structs of bulkhead/trace-events.h; before they are
 * attached, every field they read is looked up in the event's tracefs
 * format file ("field:u64 time_ns;	offset:8;	size:8;	signed:0;") and
 * must lie where the struct says. No device here: the unit tests include
 * this file.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"
#include <bulkhead/trace-events.h>

#define FIELD(type, member)	{ #member, offsetof(type, member), sizeof(((type *)0)->member) }

static const struct trace_field hv_exit_fields[] = {
	FIELD(struct bulkhead_tp_hv_exit, time_ns),
	FIELD(struct bulkhead_tp_hv_exit, detail),
	FIELD(struct bulkhead_tp_hv_exit, duration_ns),
	FIELD(struct bulkhead_tp_hv_exit, cell),
	FIELD(struct bulkhead_tp_hv_exit, cpu),
	FIELD(struct bulkhead_tp_hv_exit, reason),
};

static const struct trace_field hv_virq_fields[] = {
	FIELD(struct bulkhead_tp_hv_virq, time_ns),
	FIELD(struct bulkhead_tp_hv_virq, latency_ns),
	FIELD(struct bulkhead_tp_hv_virq, intid),
	FIELD(struct bulkhead_tp_hv_virq, cell),
	FIELD(struct bulkhead_tp_hv_virq, cpu),
	FIELD(struct bulkhead_tp_hv_virq, source),
};

static const struct trace_field hv_cell_fields[] = {
	FIELD(struct bulkhead_tp_hv_cell, time_ns),
	FIELD(struct bulkhead_tp_hv_cell, detail),
	FIELD(struct bulkhead_tp_hv_cell, detail2),
	FIELD(struct bulkhead_tp_hv_cell, cell),
	FIELD(struct bulkhead_tp_hv_cell, cpu),
	FIELD(struct bulkhead_tp_hv_cell, event),
};

static const struct trace_field hv_doorbell_fields[] = {
	FIELD(struct bulkhead_tp_hv_doorbell, time_ns),
	FIELD(struct bulkhead_tp_hv_doorbell, result),
	FIELD(struct bulkhead_tp_hv_doorbell, cell),
	FIELD(struct bulkhead_tp_hv_doorbell, cpu),
	FIELD(struct bulkhead_tp_hv_doorbell, channel),
	FIELD(struct bulkhead_tp_hv_doorbell, peer),
	FIELD(struct bulkhead_tp_hv_doorbell, peer_channel),
};

static const struct trace_field hv_lost_fields[] = {
	FIELD(struct bulkhead_tp_hv_lost, lost),
	FIELD(struct bulkhead_tp_hv_lost, seq),
	FIELD(struct bulkhead_tp_hv_lost, cpu),
};

static const struct trace_field drv_doorbell_wake_fields[] = {
	FIELD(struct bulkhead_tp_drv_doorbell_wake, latency_ns),
	FIELD(struct bulkhead_tp_drv_doorbell_wake, cell),
	FIELD(struct bulkhead_tp_drv_doorbell_wake, channel),
};

#define TRACEPOINT(name)	{ #name, name##_fields, sizeof(name##_fields) / sizeof(name##_fields[0]) }

const struct trace_tracepoint trace_tracepoints[] = {
	TRACEPOINT(hv_exit),
	TRACEPOINT(hv_virq),
	TRACEPOINT(hv_cell),
	TRACEPOINT(hv_doorbell),
	TRACEPOINT(hv_lost),
	TRACEPOINT(drv_doorbell_wake),
};

const unsigned int trace_num_tracepoints = sizeof(trace_tracepoints) / sizeof(trace_tracepoints[0]);

/* Where tracefs may be mounted, the modern place first (libbpf looks in both). */
static const char *const tracefs_dirs[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };

int trace_events_dir(char *dir, size_t size, char *why, size_t len)
{
	bool mounted = false;
	unsigned int n;

	for (n = 0; n < sizeof(tracefs_dirs) / sizeof(tracefs_dirs[0]); n++) {
		snprintf(dir, size, "%s/events", tracefs_dirs[n]);
		if (access(dir, F_OK))
			continue;
		mounted = true;
		snprintf(dir, size, "%s/events/bulkhead", tracefs_dirs[n]);
		if (!access(dir, F_OK))
			return 0;
	}
	if (!mounted)
		return hvctl_reject(-ENOENT, why, len, "tracefs is not mounted (mount -t tracefs "
				    "nodev /sys/kernel/tracing)");
	return hvctl_reject(-ENOENT, why, len, "no bulkhead tracepoints in %s/events: "
			    "is the bulkhead module loaded?", tracefs_dirs[0]);
}

/*
 * One "field:" line: the last word before ';' is the name (an array's
 * "[N]" cut off), then offset and size. Returns false if it is not one.
 */
static bool parse_field(const char *line, char *name, size_t name_size, unsigned int *offset,
			unsigned int *size)
{
	const char *decl = strstr(line, "field:"), *end, *start;
	size_t n;

	if (!decl)
		return false;
	decl += strlen("field:");
	end = strchr(decl, ';');
	if (!end)
		return false;
	start = end;
	while (start > decl && start[-1] != ' ' && start[-1] != '\t')
		start--;
	n = strcspn(start, "[;");
	if (!n || n >= name_size)
		return false;
	memcpy(name, start, n);
	name[n] = '\0';
	return sscanf(end, "; offset:%u; size:%u;", offset, size) == 2;
}

static int check_field(const char *path, const struct trace_field *want, FILE *f, char *why,
		       size_t len)
{
	unsigned int offset, size;
	char line[256], name[64];

	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		if (!parse_field(line, name, sizeof(name), &offset, &size) ||
		    strcmp(name, want->name))
			continue;
		if (offset == want->offset && size == want->size)
			return 0;
		return hvctl_reject(-EPROTO, why, len, "%s: field %s at offset %u size %u, but "
				    "bulkhead-trace reads it at offset %u size %u "
				    "(bulkhead/trace-events.h): module and tool do not match",
				    path, want->name, offset, size, want->offset, want->size);
	}
	return hvctl_reject(-EPROTO, why, len, "%s: no field %s (bulkhead/trace-events.h): "
			    "module and tool do not match", path, want->name);
}

int trace_format_check(const char *events_dir, const struct trace_tracepoint *tp, char *why,
		       size_t len)
{
	char path[512];
	unsigned int n;
	int err = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/format", events_dir, tp->name);
	f = fopen(path, "r");
	if (!f)
		return hvctl_reject(-ENOENT, why, len, "cannot read %s: %s (a bulkhead module "
				    "without this tracepoint?)", path, strerror(errno));
	for (n = 0; n < tp->num_fields && !err; n++)
		err = check_field(path, &tp->fields[n], f, why, len);
	fclose(f);
	return err;
}
