// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl channel: channels as the driver shows them. Each cell's sysfs
 * directory has a channels file with one line per channel the cell declares;
 * 'hvctl channel list' pairs the two sides of each channel by its name
 * (names are unique in the system). Also the parts of the other channel
 * commands that need no device: their operands, a channel's device path and
 * the BULKHEAD_CHANNEL_INFO printout. The commands are in hvctl-channel.c.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/hypercall.h>

#include "hvctl.h"

#define CHANNELS_FILE		"channels"
/* BULKHEAD_MAX_CHANNELS lines of at most ~230 characters. */
#define CHANNELS_FILE_MAX	8192
#define CHANNEL_FIELDS		9
#define FIELD_SEP		" \t"
#define MAX_HEX_DIGITS		16
#define RIGHTS_MASK		(BULKHEAD_CHANNEL_RIGHT_WRITE | BULKHEAD_CHANNEL_RIGHT_RING)
#define ARRAY_LEN(a)		(sizeof(a) / sizeof((a)[0]))

static const char *const state_names[] = {
	[BULKHEAD_PEER_ABSENT] = "absent",
	[BULKHEAD_PEER_DOWN] = "down",
	[BULKHEAD_PEER_UP] = "up",
	[BULKHEAD_PEER_FAILED] = "failed",
};

static const char *const rights_names[] = {
	[0] = "ro",
	[BULKHEAD_CHANNEL_RIGHT_WRITE] = "rw",
	[BULKHEAD_CHANNEL_RIGHT_RING] = "ro+ring",
	[BULKHEAD_CHANNEL_RIGHT_WRITE | BULKHEAD_CHANNEL_RIGHT_RING] = "rw+ring",
};

const char *hvctl_peer_state_name(unsigned int state)
{
	return state < ARRAY_LEN(state_names) ? state_names[state] : "unknown";
}

const char *hvctl_channel_rights_name(unsigned int rights)
{
	return rights_names[rights & RIGHTS_MASK];
}

static int find_name(const char *const names[], unsigned int num, const char *text)
{
	unsigned int n;

	for (n = 0; n < num; n++)
		if (!strcmp(names[n], text))
			return (int)n;
	return -1;
}

/* ----- the channels file ----- */

/* Hex digits with an optional 0x, within 64 bits. */
static bool parse_hex(const char *text, __u64 *value)
{
	size_t len;

	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		text += 2;
	len = strlen(text);
	if (!len || len > MAX_HEX_DIGITS || strspn(text, "0123456789abcdefABCDEF") != len)
		return false;
	*value = strtoull(text, NULL, 16);
	return true;
}

/* "0xPHYS+0xSIZE"; a channel is never empty. */
static bool parse_extent(const char *text, __u64 *start, __u64 *size)
{
	const char *plus = strchr(text, '+');
	char first[MAX_HEX_DIGITS + 3];
	size_t len = plus ? (size_t)(plus - text) : sizeof(first);

	if (len >= sizeof(first))
		return false;
	memcpy(first, text, len);
	first[len] = '\0';
	return parse_hex(first, start) && parse_hex(plus + 1, size) && *size;
}

/* "KEY=DECIMAL" */
static bool parse_counter(const char *field, const char *key, __u64 *value)
{
	size_t len = strlen(key);

	return !strncmp(field, key, len) && field[len] == '=' &&
	       hvctl_parse_decimal(field + len + 1, value);
}

/* The state of a side, from its cell's state file, until the other side tells. */
static unsigned int side_state(const struct hvctl_cell *cell)
{
	if (!strcmp(cell->state, "running"))
		return BULKHEAD_PEER_UP;
	if (!strcmp(cell->state, "failed"))
		return BULKHEAD_PEER_FAILED;
	return BULKHEAD_PEER_DOWN;
}

/* Split @line at blanks into @field; returns the number of fields, even beyond @max. */
static unsigned int split_fields(char *line, char *field[], unsigned int max)
{
	unsigned int num = 0;
	char *save, *word;

	for (word = strtok_r(line, FIELD_SEP, &save); word; word = strtok_r(NULL, FIELD_SEP, &save))
		if (num++ < max)
			field[num - 1] = word;
	return num;
}

static int parse_counters(char *field[], unsigned int line_no, const char *path,
			  struct hvctl_channel_end *end, char *why, size_t len)
{
	static const char *const keys[] = { "sent", "received", "events" };
	__u64 *const value[] = { &end->sent, &end->received, &end->events };
	__u64 irq;
	unsigned int n;

	if (!parse_counter(field[0], "irq", &irq) || irq > BULKHEAD_IRQ_SPI_LAST)
		return hvctl_bad_line(why, len, path, line_no, "\"%.40s\" is not irq=INTID",
				      field[0]);
	end->doorbell_irq = (unsigned int)irq;
	for (n = 0; n < ARRAY_LEN(keys); n++)
		if (!parse_counter(field[n + 1], keys[n], value[n]))
			return hvctl_bad_line(why, len, path, line_no, "\"%.40s\" is not %s=COUNT",
					      field[n + 1], keys[n]);
	return 0;
}

/* "NAME PEER PEER_STATE RIGHTS 0xPHYS+0xSIZE irq=N sent=N received=N events=N" */
static int parse_line(char *line, unsigned int line_no, const char *path,
		      const struct hvctl_cell *cell, struct hvctl_channel_end *end, char *why,
		      size_t len)
{
	char *field[CHANNEL_FIELDS];
	unsigned int num = split_fields(line, field, CHANNEL_FIELDS);
	int state, rights;

	if (num != CHANNEL_FIELDS)
		return hvctl_bad_line(why, len, path, line_no, "%u fields instead of %d", num,
				      CHANNEL_FIELDS);
	memset(end, 0, sizeof(*end));
	if (strlen(field[0]) >= sizeof(end->channel))
		return hvctl_bad_line(why, len, path, line_no, "channel name \"%.40s\" is too long",
				      field[0]);
	if (strlen(field[1]) >= sizeof(end->peer))
		return hvctl_bad_line(why, len, path, line_no, "peer name \"%.40s\" is too long",
				      field[1]);
	state = find_name(state_names, ARRAY_LEN(state_names), field[2]);
	if (state < 0)
		return hvctl_bad_line(why, len, path, line_no, "peer state \"%.40s\" is not "
				      "absent, down, up or failed", field[2]);
	rights = find_name(rights_names, ARRAY_LEN(rights_names), field[3]);
	if (rights < 0)
		return hvctl_bad_line(why, len, path, line_no, "rights \"%.40s\" are not rw+ring, "
				      "rw, ro+ring or ro", field[3]);
	if (!parse_extent(field[4], &end->phys_start, &end->size))
		return hvctl_bad_line(why, len, path, line_no, "memory \"%.40s\" is not "
				      "0xPHYS+0xSIZE", field[4]);
	strcpy(end->channel, field[0]);
	strcpy(end->peer, field[1]);
	strcpy(end->cell, cell->name);
	end->present = true;
	end->cell_id = cell->id;
	end->state = side_state(cell);
	end->peer_state = (unsigned int)state;
	end->rights = (unsigned int)rights;
	return parse_counters(field + 5, line_no, path, end, why, len);
}

int hvctl_channels_parse(char *text, const char *path, const struct hvctl_cell *cell,
			 struct hvctl_channel_end *ends, unsigned int max, char *why,
			 size_t why_len)
{
	unsigned int num = 0, line_no = 0;
	char *line, *next;
	int err;

	for (line = text; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		if (num == max)
			return hvctl_bad_line(why, why_len, path, line_no + 1,
					      "more than %u channels", max);
		err = parse_line(line, ++line_no, path, cell, &ends[num], why, why_len);
		if (err)
			return err;
		num++;
	}
	return (int)num;
}

static struct hvctl_channel_pair *find_pair(struct hvctl_channel_pair *pairs, unsigned int num,
					    const char *channel)
{
	unsigned int n;

	for (n = 0; n < num; n++)
		if (!strcmp(pairs[n].end[0].channel, channel))
			return &pairs[n];
	return NULL;
}

/* A channel of @end whose peer lists none: the peer cell does not exist. */
static void absent_end(struct hvctl_channel_end *absent, const struct hvctl_channel_end *end)
{
	memset(absent, 0, sizeof(*absent));
	strcpy(absent->channel, end->channel);
	strcpy(absent->cell, end->peer);
	absent->state = end->peer_state;
}

int hvctl_channels_pair(const struct hvctl_channel_end *ends, unsigned int num,
			struct hvctl_channel_pair *pairs, char *why, size_t why_len)
{
	struct hvctl_channel_pair *pair;
	unsigned int n, num_pairs = 0;

	for (n = 0; n < num; n++) {
		pair = find_pair(pairs, num_pairs, ends[n].channel);
		if (!pair) {
			pair = &pairs[num_pairs++];
			pair->end[0] = ends[n];
			absent_end(&pair->end[1], &ends[n]);
			continue;
		}
		if (pair->end[0].cell_id == ends[n].cell_id)
			return hvctl_reject(-EIO, why, why_len, "cell \"%s\" lists channel \"%s\" "
					    "twice; " HVCTL_MODULE_HINT, ends[n].cell,
					    ends[n].channel);
		if (pair->end[1].present)
			return hvctl_reject(-EIO, why, why_len, "channel \"%s\" is listed by cells "
					    "\"%s\", \"%s\" and \"%s\"; " HVCTL_MODULE_HINT,
					    ends[n].channel, pair->end[0].cell, pair->end[1].cell,
					    ends[n].cell);
		pair->end[1] = ends[n];
		/* The hypervisor's word on each side: what the other side sees. */
		pair->end[0].state = pair->end[1].peer_state;
		pair->end[1].state = pair->end[0].peer_state;
	}
	return (int)num_pairs;
}

/* Appends cell @cell's channels to @ends (@room left); returns their number or -errno. */
static int read_cell_channels(const char *dir, const struct hvctl_cell *cell, char *text,
			      struct hvctl_channel_end *ends, unsigned int room, char *why,
			      size_t len)
{
	char path[512];
	int err;

	snprintf(path, sizeof(path), "%s/%u/" CHANNELS_FILE, dir, cell->id);
	err = hvctl_cell_read_file(dir, cell->id, CHANNELS_FILE, text, CHANNELS_FILE_MAX, why,
				   len);
	/* The cell is there but the file is not: a driver without channels. */
	if (err == -ENOENT && hvctl_cell_exists(dir, cell->id))
		return hvctl_reject(-EIO, why, len, "%s: no such file; " HVCTL_MODULE_HINT, path);
	/* Destroyed while we were looking: it has no channels any more. */
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	if (room > BULKHEAD_MAX_CHANNELS)
		room = BULKHEAD_MAX_CHANNELS;
	return hvctl_channels_parse(text, path, cell, ends, room, why, len);
}

int hvctl_cell_channels_read(const char *dir, const struct hvctl_cell *cell,
			     struct hvctl_channel_end *ends, unsigned int room, char *why,
			     size_t why_len)
{
	char *text = malloc(CHANNELS_FILE_MAX);
	int num;

	if (!text)
		return hvctl_reject(-ENOMEM, why, why_len, "out of memory");
	num = read_cell_channels(dir, cell, text, ends, room, why, why_len);
	free(text);
	return num;
}

int hvctl_channels_read(const char *dir, struct hvctl_channel_pair *pairs, char *why,
			size_t why_len)
{
	struct hvctl_cell *cells = calloc(HVCTL_MAX_LISTED, sizeof(*cells));
	struct hvctl_channel_end *ends = calloc(HVCTL_MAX_CHANNEL_ENDS, sizeof(*ends));
	char *text = malloc(CHANNELS_FILE_MAX);
	unsigned int num_ends = 0;
	int num, n, got = 0;

	if (!cells || !ends || !text) {
		num = hvctl_reject(-ENOMEM, why, why_len, "out of memory");
		goto out;
	}
	num = hvctl_cells_read(dir, cells, HVCTL_MAX_LISTED, why, why_len);
	for (n = 0; n < num && got >= 0; n++) {
		got = read_cell_channels(dir, &cells[n], text, &ends[num_ends],
					 HVCTL_MAX_CHANNEL_ENDS - num_ends, why, why_len);
		if (got > 0)
			num_ends += (unsigned int)got;
	}
	if (num >= 0)
		num = got < 0 ? got : hvctl_channels_pair(ends, num_ends, pairs, why, why_len);
out:
	free(text);
	free(ends);
	free(cells);
	return num;
}

/* ----- hvctl channel list ----- */

#define CHANNEL_COLUMNS		6
/* A cell name, its rights and " irq=1019". */
#define END_TEXT_LEN		(BULKHEAD_CELL_NAME_LEN + 24)
/* Both cells' names and states. */
#define STATE_TEXT_LEN		(2 * (BULKHEAD_CELL_NAME_LEN + 12))

void hvctl_channel_state(const struct hvctl_channel_pair *pair, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int n;

	for (n = 0; n < 2 && used < len; n++)
		if (pair->end[n].state != BULKHEAD_PEER_UP)
			used += snprintf(buf + used, len - used, "%s%s %s", used ? ", " : "",
					 pair->end[n].cell,
					 hvctl_peer_state_name(pair->end[n].state));
	if (!used)
		snprintf(buf, len, "up");
}

/* One line of the table: CHANNEL END-A END-B STATE A->B B->A. */
struct channel_row {
	char end[2][END_TEXT_LEN];
	char state[STATE_TEXT_LEN];
	char sent[2][24];
	const char *col[CHANNEL_COLUMNS];
};

/* "echo rw+ring irq=241": the cell, its rights, the SPI it takes doorbells on if any. */
static void format_end(const struct hvctl_channel_end *end, char *buf, size_t len)
{
	if (!end->present)
		snprintf(buf, len, "%s", end->cell);
	else if (end->doorbell_irq)
		snprintf(buf, len, "%s %s irq=%u", end->cell,
			 hvctl_channel_rights_name(end->rights), end->doorbell_irq);
	else
		snprintf(buf, len, "%s %s", end->cell, hvctl_channel_rights_name(end->rights));
}

static void make_row(const struct hvctl_channel_pair *pair, struct channel_row *row)
{
	unsigned int n;

	for (n = 0; n < 2; n++) {
		format_end(&pair->end[n], row->end[n], sizeof(row->end[n]));
		if (pair->end[n].present)
			snprintf(row->sent[n], sizeof(row->sent[n]), "%" PRIu64,
				 (uint64_t)pair->end[n].sent);
		else
			strcpy(row->sent[n], "-");
	}
	hvctl_channel_state(pair, row->state, sizeof(row->state));
	row->col[0] = pair->end[0].channel;
	row->col[1] = row->end[0];
	row->col[2] = row->end[1];
	row->col[3] = row->state;
	row->col[4] = row->sent[0];
	row->col[5] = row->sent[1];
}

static void print_channels_table(FILE *out, const struct hvctl_channel_pair *pairs,
				 unsigned int num)
{
	static const char *const head[CHANNEL_COLUMNS] = { "CHANNEL", "END A", "END B", "STATE",
							   "A->B", "B->A" };
	int width[CHANNEL_COLUMNS];
	struct channel_row row;
	unsigned int n, c;

	for (c = 0; c < CHANNEL_COLUMNS; c++)
		width[c] = (int)strlen(head[c]);
	for (n = 0; n < num; n++) {
		make_row(&pairs[n], &row);
		for (c = 0; c < CHANNEL_COLUMNS; c++)
			if ((int)strlen(row.col[c]) > width[c])
				width[c] = (int)strlen(row.col[c]);
	}
	hvctl_print_row(out, head, width, CHANNEL_COLUMNS);
	for (n = 0; n < num; n++) {
		make_row(&pairs[n], &row);
		hvctl_print_row(out, row.col, width, CHANNEL_COLUMNS);
	}
}

static void json_end(FILE *out, const struct hvctl_channel_end *end)
{
	fprintf(out, "{\"cell\": ");
	hvctl_json_string(out, end->cell, sizeof(end->cell));
	fprintf(out, ", \"present\": %s, \"state\": \"%s\"", end->present ? "true" : "false",
		hvctl_peer_state_name(end->state));
	if (end->present)
		fprintf(out, ", \"id\": %u, \"rights\": \"%s\", \"doorbell_irq\": %u, \"sent\": %"
			PRIu64 ", \"received\": %" PRIu64 ", \"peer_events\": %" PRIu64,
			end->cell_id, hvctl_channel_rights_name(end->rights), end->doorbell_irq,
			(uint64_t)end->sent, (uint64_t)end->received, (uint64_t)end->events);
	fputc('}', out);
}

static void print_channels_json(FILE *out, const struct hvctl_channel_pair *pairs,
				unsigned int num)
{
	char state[STATE_TEXT_LEN];
	unsigned int n;

	fprintf(out, "{\n  \"channels\": [\n");
	for (n = 0; n < num; n++) {
		hvctl_channel_state(&pairs[n], state, sizeof(state));
		fprintf(out, "    {\"name\": ");
		hvctl_json_string(out, pairs[n].end[0].channel, sizeof(pairs[n].end[0].channel));
		fprintf(out, ", \"state\": ");
		hvctl_json_string(out, state, sizeof(state));
		fprintf(out, ", \"phys_start\": %" PRIu64 ", \"size\": %" PRIu64 ", \"ends\": [",
			(uint64_t)pairs[n].end[0].phys_start, (uint64_t)pairs[n].end[0].size);
		json_end(out, &pairs[n].end[0]);
		fprintf(out, ", ");
		json_end(out, &pairs[n].end[1]);
		fprintf(out, "]}%s\n", n + 1 < num ? "," : "");
	}
	fprintf(out, "  ]\n}\n");
}

void hvctl_print_channels(FILE *out, const struct hvctl_channel_pair *pairs, unsigned int num,
			  bool json)
{
	if (json)
		print_channels_json(out, pairs, num);
	else
		print_channels_table(out, pairs, num);
}

/* ----- hvctl channel info ----- */

void hvctl_print_channel_info(FILE *out, const struct bulkhead_channel_info *info)
{
	fprintf(out, "channel: %.*s\n", (int)sizeof(info->name), info->name);
	fprintf(out, "peer: %.*s\n", (int)sizeof(info->peer), info->peer);
	fprintf(out, "peer state: %s\n", hvctl_peer_state_name(info->peer_state));
	fprintf(out, "rights: %s\n", hvctl_channel_rights_name(info->rights));
	fprintf(out, "memory: 0x%" PRIx64 " size 0x%" PRIx64 "\n", (uint64_t)info->phys_start,
		(uint64_t)info->size);
	if (info->doorbell_irq)
		fprintf(out, "doorbell irq: %u\n", info->doorbell_irq);
	else
		fprintf(out, "doorbell irq: none\n");
	fprintf(out, "rings sent: %" PRIu64 "\nrings received: %" PRIu64 "\npeer events: %"
		PRIu64 "\n", (uint64_t)info->rings_sent, (uint64_t)info->rings_received,
		(uint64_t)info->peer_events);
}

void hvctl_print_channel_info_json(FILE *out, const struct bulkhead_channel_info *info)
{
	fputs("{\"channel\": ", out);
	hvctl_json_string(out, info->name, sizeof(info->name));
	fputs(", \"peer\": ", out);
	hvctl_json_string(out, info->peer, sizeof(info->peer));
	fprintf(out, ", \"peer_state\": \"%s\", \"rights\": \"%s\", \"phys_start\": %" PRIu64
		", \"size\": %" PRIu64 ", \"doorbell_irq\": %u, \"rings_sent\": %" PRIu64
		", \"rings_received\": %" PRIu64 ", \"peer_events\": %" PRIu64 "}\n",
		hvctl_peer_state_name(info->peer_state), hvctl_channel_rights_name(info->rights),
		(uint64_t)info->phys_start, (uint64_t)info->size, info->doorbell_irq,
		(uint64_t)info->rings_sent, (uint64_t)info->rings_received,
		(uint64_t)info->peer_events);
}

/* ----- operands ----- */

enum channel_opt { OPT_COUNT, OPT_TIMEOUT, OPT_OFFSET, OPT_LENGTH, NUM_OPTS };

static const char *const opt_names[NUM_OPTS][2] = {
	[OPT_COUNT] = { "-c", "--count" },
	[OPT_TIMEOUT] = { "-t", "--timeout" },
	[OPT_OFFSET] = { "-o", "--offset" },
	[OPT_LENGTH] = { "-n", "--length" },
};

static int find_opt(const char *arg)
{
	int n;

	for (n = 0; n < NUM_OPTS; n++)
		if (hvctl_is_opt(arg, opt_names[n][0], opt_names[n][1]))
			return n;
	return -1;
}

/* Option @opt, spelt @arg, with @value. */
static int set_opt(struct hvctl_channel_args *args, int opt, const char *arg, const char *value,
		   char *why, size_t len)
{
	__u64 number;

	switch (opt) {
	case OPT_COUNT:
		if (!hvctl_parse_decimal(value, &number) || !number || number > HVCTL_MAX_RINGS)
			return hvctl_reject(-1, why, len, "'%s %s': not a count from 1 to %d", arg,
					    value, HVCTL_MAX_RINGS);
		args->count = number;
		break;
	case OPT_TIMEOUT:
		if (!hvctl_parse_decimal(value, &number) || number > HVCTL_MAX_TIMEOUT_MS)
			return hvctl_reject(-1, why, len, "'%s %s': not a timeout in milliseconds "
					    "from 0 to %d", arg, value, HVCTL_MAX_TIMEOUT_MS);
		args->timeout_ms = (long long)number;
		break;
	case OPT_OFFSET:
		if (!hvctl_parse_address(value, &args->offset))
			return hvctl_reject(-1, why, len, "'%s %s': not a byte offset; give it in "
					    "hex (0x...) or decimal", arg, value);
		break;
	case OPT_LENGTH:
		if (!hvctl_parse_address(value, &args->length))
			return hvctl_reject(-1, why, len, "'%s %s': not a number of bytes; give it "
					    "in hex (0x...) or decimal", arg, value);
		args->has_length = true;
		break;
	}
	return 0;
}

int hvctl_channel_parse_args(int argc, char **argv, struct hvctl_channel_args *args, char *why,
			     size_t why_len)
{
	unsigned int given = 0;
	int i, opt;

	*args = (struct hvctl_channel_args){ .count = 1, .timeout_ms = -1 };
	for (i = 0; i < argc; i++) {
		opt = find_opt(argv[i]);
		if (opt >= 0 && i + 1 < argc) {
			if (given & (1U << opt))
				return hvctl_reject(-1, why, why_len, "'%s' given twice", argv[i]);
			given |= 1U << opt;
			if (set_opt(args, opt, argv[i], argv[i + 1], why, why_len) < 0)
				return -1;
			i++;
		} else if (args->name) {
			return hvctl_reject(-1, why, why_len, "unexpected argument '%s'", argv[i]);
		} else {
			args->name = argv[i];
		}
	}
	if (!args->name)
		return hvctl_reject(-1, why, why_len, "missing argument NAME");
	return 0;
}

int hvctl_channel_path(const char *name, char *path, size_t len, char *why, size_t why_len)
{
	/* Anything with a '/' would name another file than a channel device. */
	if (!name[0] || strlen(name) >= BULKHEAD_CHANNEL_NAME_LEN || strchr(name, '/') ||
	    !strcmp(name, ".") || !strcmp(name, ".."))
		return hvctl_reject(-1, why, why_len, HVCTL_NO_CHANNEL, name);
	snprintf(path, len, BULKHEAD_CHANNEL_DEV_DIR "/%s", name);
	return 0;
}

int hvctl_channel_check_range(const char *name, __u64 size, __u64 offset, __u64 length,
			      char *why, size_t why_len)
{
	if (offset >= size)
		return hvctl_reject(-1, why, why_len, "offset 0x%" PRIx64 " lies beyond the end of "
				    "channel '%s' (size 0x%" PRIx64 ")", (uint64_t)offset, name,
				    (uint64_t)size);
	if (length > size - offset)
		return hvctl_reject(-1, why, why_len, "%" PRIu64 " bytes at offset 0x%" PRIx64
				    " do not fit in channel '%s' (size 0x%" PRIx64 ")",
				    (uint64_t)length, (uint64_t)offset, name, (uint64_t)size);
	return 0;
}
