// SPDX-License-Identifier: GPL-2.0
/*
 * tpcheck [EVENTS_DIR]: compares the format of every bulkhead tracepoint in
 * EVENTS_DIR (default /sys/kernel/tracing/events/bulkhead) with the structs
 * of include/bulkhead/trace-events.h, which BPF programs read the records
 * through: each field's name, offset, size and signedness, none missing,
 * none extra. Prints a line per event ("ok NAME" or what differs); exit
 * status 1 on any difference or unreadable format.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>

#include <bulkhead/trace-events.h>

struct field {
	const char *name;
	size_t offset;
	size_t size;
	int is_signed;
};

/* -1 of a signed type is below 1; of an unsigned one it is the largest value. */
#define IS_SIGNED(lvalue)	((__typeof__(lvalue))-1 < (__typeof__(lvalue))1)
#define DESCRIBE(name, type, member)						\
	{ name, offsetof(struct type, member), sizeof(((struct type *)0)->member), \
	  IS_SIGNED(((struct type *)0)->member) }
#define FIELD(type, member)	DESCRIBE(#member, type, member)
/* The common header's fields, which the kernel names common_*. */
#define COMMON(member)		DESCRIBE("common_" #member, bulkhead_tp_common, member)
#define COMMON_FIELDS COMMON(type), COMMON(flags), COMMON(preempt_count), COMMON(pid)
#define END { NULL, 0, 0, 0 }

static const struct field hv_exit[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_hv_exit, time_ns), FIELD(bulkhead_tp_hv_exit, detail),
	FIELD(bulkhead_tp_hv_exit, duration_ns), FIELD(bulkhead_tp_hv_exit, cell),
	FIELD(bulkhead_tp_hv_exit, cpu), FIELD(bulkhead_tp_hv_exit, reason), END
};
static const struct field hv_virq[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_hv_virq, time_ns), FIELD(bulkhead_tp_hv_virq, latency_ns),
	FIELD(bulkhead_tp_hv_virq, intid), FIELD(bulkhead_tp_hv_virq, cell),
	FIELD(bulkhead_tp_hv_virq, cpu), FIELD(bulkhead_tp_hv_virq, source), END
};
static const struct field hv_cell[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_hv_cell, time_ns), FIELD(bulkhead_tp_hv_cell, detail),
	FIELD(bulkhead_tp_hv_cell, detail2), FIELD(bulkhead_tp_hv_cell, cell),
	FIELD(bulkhead_tp_hv_cell, cpu), FIELD(bulkhead_tp_hv_cell, event), END
};
static const struct field hv_doorbell[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_hv_doorbell, time_ns),
	FIELD(bulkhead_tp_hv_doorbell, result), FIELD(bulkhead_tp_hv_doorbell, cell),
	FIELD(bulkhead_tp_hv_doorbell, cpu), FIELD(bulkhead_tp_hv_doorbell, channel),
	FIELD(bulkhead_tp_hv_doorbell, peer), FIELD(bulkhead_tp_hv_doorbell, peer_channel), END
};
static const struct field hv_lost[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_hv_lost, lost), FIELD(bulkhead_tp_hv_lost, seq),
	FIELD(bulkhead_tp_hv_lost, cpu), END
};
static const struct field drv_ioctl[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_drv_ioctl, duration_ns), FIELD(bulkhead_tp_drv_ioctl, cmd),
	FIELD(bulkhead_tp_drv_ioctl, result), FIELD(bulkhead_tp_drv_ioctl, cell), END
};
static const struct field drv_hotplug[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_drv_hotplug, result), FIELD(bulkhead_tp_drv_hotplug, cpu),
	FIELD(bulkhead_tp_drv_hotplug, cell), FIELD(bulkhead_tp_drv_hotplug, step), END
};
static const struct field drv_doorbell[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_drv_doorbell, cell), FIELD(bulkhead_tp_drv_doorbell, channel),
	END
};
static const struct field drv_doorbell_wake[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_drv_doorbell_wake, latency_ns),
	FIELD(bulkhead_tp_drv_doorbell_wake, cell), FIELD(bulkhead_tp_drv_doorbell_wake, channel),
	END
};
static const struct field drv_cell[] = {
	COMMON_FIELDS, FIELD(bulkhead_tp_drv_cell, result), FIELD(bulkhead_tp_drv_cell, cell),
	FIELD(bulkhead_tp_drv_cell, op), END
};

static const struct {
	const char *name;
	const struct field *fields;
} events[] = {
	{ "hv_exit", hv_exit }, { "hv_virq", hv_virq }, { "hv_cell", hv_cell },
	{ "hv_doorbell", hv_doorbell }, { "hv_lost", hv_lost }, { "drv_ioctl", drv_ioctl },
	{ "drv_hotplug", drv_hotplug }, { "drv_doorbell", drv_doorbell },
	{ "drv_doorbell_wake", drv_doorbell_wake }, { "drv_cell", drv_cell },
};

/*
 * "\tfield:u64 time_ns;\toffset:8;\tsize:8;\tsigned:0;" into @f (its name
 * copied to @name); false for other lines.
 */
static int parse_field(const char *line, struct field *f, char *name, size_t len)
{
	const char *decl = strstr(line, "field:"), *end, *start;
	unsigned long offset, size;
	int is_signed;

	if (!decl || !(end = strchr(decl, ';')))
		return 0;
	for (start = end; start > decl && start[-1] != ' '; start--)
		;
	if ((size_t)(end - start) >= len)
		return 0;
	memcpy(name, start, end - start);
	name[end - start] = '\0';
	if (sscanf(end, "; offset:%lu; size:%lu; signed:%d;", &offset, &size, &is_signed) != 3)
		return 0;
	*f = (struct field){ name, offset, size, is_signed };
	return 1;
}

/* Prints what differs; returns the number of differences (1 if unreadable). */
static int check_event(const char *dir, const char *event, const struct field *want)
{
	char path[512], line[512], name[128];
	unsigned int seen = 0, n, num_want;
	struct field got;
	int bad = 0;
	FILE *f;

	for (num_want = 0; want[num_want].name; num_want++)
		;
	snprintf(path, sizeof(path), "%s/%s/format", dir, event);
	f = fopen(path, "r");
	if (!f) {
		printf("MISSING %s: cannot read %s\n", event, path);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!parse_field(line, &got, name, sizeof(name)))
			continue;
		for (n = 0; n < num_want && strcmp(want[n].name, got.name); n++)
			;
		if (n == num_want) {
			printf("MISMATCH %s: field %s (offset %zu size %zu) is not in the header\n",
			       event, got.name, got.offset, got.size);
			bad++;
			continue;
		}
		seen |= 1U << n;
		if (got.offset != want[n].offset || got.size != want[n].size ||
		    got.is_signed != want[n].is_signed) {
			printf("MISMATCH %s: field %s offset %zu size %zu signed %d; the header says "
			       "offset %zu size %zu signed %d\n", event, got.name, got.offset,
			       got.size, got.is_signed, want[n].offset, want[n].size,
			       want[n].is_signed);
			bad++;
		}
	}
	fclose(f);
	for (n = 0; n < num_want; n++) {
		if (seen & (1U << n))
			continue;
		printf("MISMATCH %s: field %s of the header is not in %s\n", event, want[n].name,
		       path);
		bad++;
	}
	if (!bad)
		printf("ok %s (%u fields)\n", event, num_want);
	return bad;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/sys/kernel/tracing/events/bulkhead";
	unsigned int n;
	int bad = 0;

	for (n = 0; n < sizeof(events) / sizeof(events[0]); n++)
		bad += check_event(dir, events[n].name, events[n].fields);
	return bad ? EXIT_FAILURE : EXIT_SUCCESS;
}
