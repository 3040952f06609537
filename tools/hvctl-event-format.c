// SPDX-License-Identifier: GPL-2.0
/*
 * How hvctl events shows an event: a line in words, or one JSON object per
 * line with stable keys (Documentation/resilience.md). No device here:
 * the unit tests include this file.
 */
#include <inttypes.h>
#include <string.h>

#include "hvctl.h"

struct event_name {
	const char *word;		/* the JSON "type" */
	const char *text;		/* the human line, before details */
};

static const struct event_name event_names[] = {
	[BULKHEAD_EVENT_CREATED] = { "created", "created" },
	[BULKHEAD_EVENT_STARTED] = { "started", "started" },
	[BULKHEAD_EVENT_STOPPED] = { "stopped", "stopped" },
	[BULKHEAD_EVENT_FAULT] = { "fault", "fault" },
	[BULKHEAD_EVENT_WATCHDOG] = { "watchdog", "watchdog expired" },
	[BULKHEAD_EVENT_RESTARTED] = { "restarted", "restarted" },
	[BULKHEAD_EVENT_GAVE_UP] = { "gave-up", "stopped by its failure policy" },
	[BULKHEAD_EVENT_UPDATE_STARTED] = { "update-started", "update started" },
	[BULKHEAD_EVENT_UPDATE_COMMITTED] = { "update-committed", "update committed" },
	[BULKHEAD_EVENT_ROLLED_BACK] = { "rolled-back", "rolled back to the previous images" },
	[BULKHEAD_EVENT_IMAGE_REFUSED] = { "image-refused", "images refused" },
	[BULKHEAD_EVENT_DESTROYED] = { "destroyed", "destroyed" },
};

static const char *const fault_words[] = {
	[BULKHEAD_FAULT_READ] = "read",
	[BULKHEAD_FAULT_WRITE] = "write",
	[BULKHEAD_FAULT_FETCH] = "fetch",
	[BULKHEAD_FAULT_HYPERCALL] = "hypercall",
	[BULKHEAD_FAULT_SMC] = "smc",
	[BULKHEAD_FAULT_EXCEPTION] = "exception",
	[BULKHEAD_FAULT_TRAP] = "trap",
};

static const char *const fault_texts[] = {
	[BULKHEAD_FAULT_READ] = "read outside its memory",
	[BULKHEAD_FAULT_WRITE] = "write outside its memory or to read-only memory",
	[BULKHEAD_FAULT_FETCH] = "instruction fetch from non-executable memory",
	[BULKHEAD_FAULT_HYPERCALL] = "hypercall not allowed",
	[BULKHEAD_FAULT_SMC] = "SMC not allowed",
	[BULKHEAD_FAULT_EXCEPTION] = "unhandled exception",
	[BULKHEAD_FAULT_TRAP] = "trap not allowed",
};

static const char *const restart_words[] = {
	[BULKHEAD_RESTART_REQUEST] = "request",
	[BULKHEAD_RESTART_FAULT] = "fault",
	[BULKHEAD_RESTART_WATCHDOG] = "watchdog",
	[BULKHEAD_RESTART_POWER_OFF] = "power-off",
};

static const char *const restart_texts[] = {
	[BULKHEAD_RESTART_REQUEST] = "it asked (system reset)",
	[BULKHEAD_RESTART_FAULT] = "after a fault",
	[BULKHEAD_RESTART_WATCHDOG] = "after its watchdog expired",
	[BULKHEAD_RESTART_POWER_OFF] = "it powered itself off on probation",
};

static const char *const refused_words[] = {
	[BULKHEAD_REFUSED_DIGEST] = "digest",
	[BULKHEAD_REFUSED_SIGNATURE] = "signature",
};

static const char *const refused_texts[] = {
	[BULKHEAD_REFUSED_DIGEST] = "does not match its SHA-256 digest",
	[BULKHEAD_REFUSED_SIGNATURE] = "signature missing or not by the system's key",
};

static const char *const stopped_words[] = {
	[BULKHEAD_STOPPED_BY_ROOT] = "root",
	[BULKHEAD_STOPPED_ITSELF] = "itself",
};

static const char *const stopped_texts[] = {
	[BULKHEAD_STOPPED_BY_ROOT] = "shut down by the root",
	[BULKHEAD_STOPPED_ITSELF] = "powered itself off",
};

/* @table[@value], or NULL for a value the table has no entry for. */
#define lookup(table, value)						\
	((value) < sizeof(table) / sizeof((table)[0]) ? (table)[value] : NULL)

/* What the details of @ev mean, in words: appended to the human line; "" if none. */
static void describe(const struct bulkhead_event *ev, char *buf, size_t len)
{
	const char *text;
	char cpus[200];

	*buf = '\0';
	switch (ev->type) {
	case BULKHEAD_EVENT_CREATED:
		hvctl_format_cpus(ev->detail, cpus, sizeof(cpus));
		snprintf(buf, len, " on CPUs %s", cpus);
		return;
	case BULKHEAD_EVENT_STOPPED:
		text = lookup(stopped_texts, ev->detail);
		break;
	case BULKHEAD_EVENT_FAULT:
		text = lookup(fault_texts, ev->detail);
		snprintf(buf, len, " on CPU %" PRIu64 ": %s", (uint64_t)ev->detail2,
			 text ? text : "unknown reason");
		if (!text)
			snprintf(buf + strlen(buf), len - strlen(buf), " %" PRIu64,
				 (uint64_t)ev->detail);
		return;
	case BULKHEAD_EVENT_RESTARTED:
		text = lookup(restart_texts, ev->detail);
		snprintf(buf, len, " %s, restart %" PRIu64, text ? text : "for an unknown reason",
			 (uint64_t)ev->detail2);
		return;
	case BULKHEAD_EVENT_UPDATE_STARTED:
		snprintf(buf, len, ", on probation for %" PRIu64 " ms", (uint64_t)ev->detail);
		return;
	case BULKHEAD_EVENT_GAVE_UP:
		if (ev->detail)
			snprintf(buf, len, " after %" PRIu64 " restarts within its window",
				 (uint64_t)ev->detail);
		return;
	case BULKHEAD_EVENT_ROLLED_BACK:
		text = lookup(restart_texts, ev->detail);
		break;
	case BULKHEAD_EVENT_IMAGE_REFUSED:
		text = lookup(refused_texts, ev->detail);
		if (ev->detail == BULKHEAD_REFUSED_DIGEST) {
			snprintf(buf, len, ": segment %" PRIu64 " %s", (uint64_t)ev->detail2, text);
			return;
		}
		break;
	default:
		return;
	}
	snprintf(buf, len, ": %s", text ? text : "unknown reason");
}

/* The JSON "reason" word of @ev's detail, or NULL when the type has none. */
static const char *reason_word(const struct bulkhead_event *ev)
{
	const char *word;

	switch (ev->type) {
	case BULKHEAD_EVENT_STOPPED:
		word = lookup(stopped_words, ev->detail);
		break;
	case BULKHEAD_EVENT_FAULT:
		word = lookup(fault_words, ev->detail);
		break;
	case BULKHEAD_EVENT_RESTARTED:
	case BULKHEAD_EVENT_ROLLED_BACK:
		word = lookup(restart_words, ev->detail);
		break;
	case BULKHEAD_EVENT_IMAGE_REFUSED:
		word = lookup(refused_words, ev->detail);
		break;
	default:
		return NULL;
	}
	return word ? word : "unknown";
}

static const struct event_name *event_name(__u32 type)
{
	return type < sizeof(event_names) / sizeof(event_names[0]) && event_names[type].word ?
	       &event_names[type] : NULL;
}

const char *hvctl_event_word(__u32 type)
{
	const struct event_name *name = event_name(type);

	return name ? name->word : NULL;
}

void hvctl_print_event(FILE *out, const struct bulkhead_event *ev, bool json)
{
	const struct event_name *name = event_name(ev->type);
	const char *reason = reason_word(ev);
	char details[300];

	if (json) {
		fprintf(out, "{\"seq\": %" PRIu64 ", \"time_ns\": %" PRIu64 ", \"type\": ",
			(uint64_t)ev->seq, (uint64_t)ev->time_ns);
		if (name)
			fprintf(out, "\"%s\"", name->word);
		else
			fprintf(out, "\"unknown-%u\"", ev->type);
		fprintf(out, ", \"cell\": %u, \"cell_name\": ", ev->cell);
		hvctl_json_string(out, ev->cell_name, sizeof(ev->cell_name));
		if (reason)
			fprintf(out, ", \"reason\": \"%s\"", reason);
		fprintf(out, ", \"detail\": %" PRIu64 ", \"detail2\": %" PRIu64 "}\n",
			(uint64_t)ev->detail, (uint64_t)ev->detail2);
		return;
	}
	describe(ev, details, sizeof(details));
	fprintf(out, "%6" PRIu64 ".%06" PRIu64 "  #%-5" PRIu64 " cell %u \"%.*s\": ",
		(uint64_t)ev->time_ns / 1000000000, (uint64_t)ev->time_ns / 1000 % 1000000,
		(uint64_t)ev->seq, ev->cell, (int)strnlen(ev->cell_name, sizeof(ev->cell_name)),
		ev->cell_name);
	if (name)
		fprintf(out, "%s%s\n", name->text, details);
	else
		fprintf(out, "event type %u (detail 0x%" PRIx64 ", 0x%" PRIx64 ")\n", ev->type,
			(uint64_t)ev->detail, (uint64_t)ev->detail2);
}

void hvctl_print_lost(FILE *out, uint64_t first, uint64_t count, bool json)
{
	if (json)
		fprintf(out, "{\"type\": \"lost\", \"first_seq\": %" PRIu64 ", \"count\": %" PRIu64
			"}\n", first, count);
	else if (count == 1)
		fprintf(out, "lost 1 event (#%" PRIu64 "): no longer held\n", first);
	else
		fprintf(out, "lost %" PRIu64 " events (#%" PRIu64 "-#%" PRIu64 "): no longer "
			"held\n", count, first, first + count - 1);
}
