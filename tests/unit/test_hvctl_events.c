// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-event-format.c: how 'hvctl events' shows each event type, in
 * words and as JSON (the keys a supervisor parses), unknown types and
 * reasons included, and the lost-events line.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "../../tools/hvctl-event-format.c"

static struct bulkhead_event event(__u32 type, __u64 detail, __u64 detail2)
{
	struct bulkhead_event ev = {
		.seq = 42, .time_ns = 12345678901ULL, .type = type, .cell = 3,
		.detail = detail, .detail2 = detail2,
	};

	strcpy(ev.cell_name, "hello");
	return ev;
}

static char *shown(const struct bulkhead_event *ev, bool json)
{
	static char text[1024];
	FILE *out = fmemopen(text, sizeof(text), "w");

	ck_assert_ptr_nonnull(out);
	hvctl_print_event(out, ev, json);
	fclose(out);
	return text;
}

static const struct {
	__u32 type;
	__u64 detail, detail2;
	const char *human;	/* after the cell */
	const char *json;	/* type to detail2, after the cell name */
} cases[] = {
	{ BULKHEAD_EVENT_CREATED, 0x6, 0, "created on CPUs 1-2\n",
	  "\"type\": \"created\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 6, "
	  "\"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_STARTED, 0, 0, "started\n",
	  "\"type\": \"started\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 0, "
	  "\"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_STOPPED, BULKHEAD_STOPPED_ITSELF, 0, "stopped: powered itself off\n",
	  "\"type\": \"stopped\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": \"itself\", "
	  "\"detail\": 2, \"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_FAULT, BULKHEAD_FAULT_READ, 1,
	  "fault on CPU 1: read outside its memory\n",
	  "\"type\": \"fault\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": \"read\", "
	  "\"detail\": 1, \"detail2\": 1}\n" },
	{ BULKHEAD_EVENT_FAULT, 99, 2, "fault on CPU 2: unknown reason 99\n",
	  "\"type\": \"fault\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": \"unknown\", "
	  "\"detail\": 99, \"detail2\": 2}\n" },
	{ BULKHEAD_EVENT_WATCHDOG, 0, 0, "watchdog expired\n",
	  "\"type\": \"watchdog\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 0, "
	  "\"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_RESTARTED, BULKHEAD_RESTART_WATCHDOG, 4,
	  "restarted after its watchdog expired, restart 4\n",
	  "\"type\": \"restarted\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": "
	  "\"watchdog\", \"detail\": 3, \"detail2\": 4}\n" },
	{ BULKHEAD_EVENT_GAVE_UP, 0, 0, "stopped by its failure policy\n",
	  "\"type\": \"gave-up\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 0, "
	  "\"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_GAVE_UP, 5, 0,
	  "stopped by its failure policy after 5 restarts within its window\n",
	  "\"type\": \"gave-up\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 5, "
	  "\"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_UPDATE_STARTED, 10000, 0, "update started, on probation for 10000 ms\n",
	  "\"type\": \"update-started\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 10000, "
	  "\"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_ROLLED_BACK, BULKHEAD_RESTART_POWER_OFF, 0,
	  "rolled back to the previous images: it powered itself off on probation\n",
	  "\"type\": \"rolled-back\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": "
	  "\"power-off\", \"detail\": 4, \"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_UPDATE_COMMITTED, 0, 0, "update committed\n",
	  "\"type\": \"update-committed\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 0, "
	  "\"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_ROLLED_BACK, BULKHEAD_RESTART_FAULT, 0,
	  "rolled back to the previous images: after a fault\n",
	  "\"type\": \"rolled-back\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": "
	  "\"fault\", \"detail\": 2, \"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_ROLLED_BACK, BULKHEAD_RESTART_POWER_OFF, 0,
	  "rolled back to the previous images: it powered itself off on probation\n",
	  "\"type\": \"rolled-back\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": "
	  "\"power-off\", \"detail\": 4, \"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_IMAGE_REFUSED, BULKHEAD_REFUSED_DIGEST, 2,
	  "images refused: segment 2 does not match its SHA-256 digest\n",
	  "\"type\": \"image-refused\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": "
	  "\"digest\", \"detail\": 1, \"detail2\": 2}\n" },
	{ BULKHEAD_EVENT_IMAGE_REFUSED, BULKHEAD_REFUSED_SIGNATURE, 0,
	  "images refused: signature missing or not by the system's key\n",
	  "\"type\": \"image-refused\", \"cell\": 3, \"cell_name\": \"hello\", \"reason\": "
	  "\"signature\", \"detail\": 2, \"detail2\": 0}\n" },
	{ BULKHEAD_EVENT_DESTROYED, 0, 0, "destroyed\n",
	  "\"type\": \"destroyed\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 0, "
	  "\"detail2\": 0}\n" },
	{ 77, 0x10, 0x20, "event type 77 (detail 0x10, 0x20)\n",
	  "\"type\": \"unknown-77\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 16, "
	  "\"detail2\": 32}\n" },
	{ 0, 0, 0, "event type 0 (detail 0x0, 0x0)\n",
	  "\"type\": \"unknown-0\", \"cell\": 3, \"cell_name\": \"hello\", \"detail\": 0, "
	  "\"detail2\": 0}\n" },
};

/*
 * Each type in words: time (s.us since enable), number, cell, what and its
 * details decoded. Catches a type shown as another, details misread, a
 * missing or wrong time.
 */
START_TEST(test_event_human)
{
	struct bulkhead_event ev = event(cases[_i].type, cases[_i].detail, cases[_i].detail2);
	char expected[512];

	snprintf(expected, sizeof(expected), "    12.345678  #42    cell 3 \"hello\": %s",
		 cases[_i].human);
	ck_assert_str_eq(shown(&ev, false), expected);
}
END_TEST

/* The same as JSON: stable keys, one object on one line. */
START_TEST(test_event_json)
{
	struct bulkhead_event ev = event(cases[_i].type, cases[_i].detail, cases[_i].detail2);
	char expected[512];

	snprintf(expected, sizeof(expected), "{\"seq\": 42, \"time_ns\": 12345678901, %s",
		 cases[_i].json);
	ck_assert_str_eq(shown(&ev, true), expected);
}
END_TEST

/*
 * A name that fills its 32 bytes without a NUL, or holds quotes, stays
 * inside its field and valid JSON. Catches reading past the record.
 */
START_TEST(test_event_hostile_name)
{
	struct bulkhead_event ev = event(BULKHEAD_EVENT_STARTED, 0, 0);

	memset(ev.cell_name, 'x', sizeof(ev.cell_name));
	ev.detail = 0x7777777777777777ULL;	/* right after the name in the record */
	ck_assert_ptr_nonnull(strstr(shown(&ev, false),
				     "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": started\n"));
	ck_assert_ptr_nonnull(strstr(shown(&ev, true),
				     "\"cell_name\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", "));
	strcpy(ev.cell_name, "a\"b\\c\n");
	ck_assert_ptr_nonnull(strstr(shown(&ev, true), "\"cell_name\": \"a\\\"b\\\\c\\n\", "));
}
END_TEST

/* Lost events: one, several, as JSON. */
START_TEST(test_lost)
{
	static char text[512];
	FILE *out = fmemopen(text, sizeof(text), "w");

	ck_assert_ptr_nonnull(out);
	hvctl_print_lost(out, 7, 1, false);
	hvctl_print_lost(out, 10, 1014, false);
	hvctl_print_lost(out, 10, 1014, true);
	fclose(out);
	ck_assert_str_eq(text, "lost 1 event (#7): no longer held\n"
			       "lost 1014 events (#10-#1023): no longer held\n"
			       "{\"type\": \"lost\", \"first_seq\": 10, \"count\": 1014}\n");
}
END_TEST

Suite *hvctl_events_suite(void)
{
	Suite *suite = suite_create("hvctl-events");
	TCase *tc = tcase_create("format");

	tcase_add_loop_test(tc, test_event_human, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_loop_test(tc, test_event_json, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_event_hostile_name);
	tcase_add_test(tc, test_lost);
	suite_add_tcase(suite, tc);
	return suite;
}
