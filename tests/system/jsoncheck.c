// SPDX-License-Identifier: GPL-2.0
/*
 * A JSON syntax checker for the board, which has neither python nor jq:
 * the system tests check hvctl's --json output with it.
 *
 *   jsoncheck            stdin is exactly one JSON value (RFC 8259)
 *   jsoncheck -l         each non-empty line of stdin is one JSON value
 *   jsoncheck -g KEY     stdin is one JSON object; print its member KEY as
 *                        JSON text (a string with its quotes), or fail
 *
 * Exit status 0, or 1 with "jsoncheck: line L column C: what" on stderr.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bulkhead-trace record files run to megabytes. */
#define MAX_INPUT_BYTES	(16 << 20)
#define MAX_DEPTH	64

struct parser {
	const char *text;
	size_t pos;
	const char *error;
	/* -g: the member searched for at depth 1, and where its value lies. */
	const char *key;
	size_t found_start, found_end;
	bool found;
};

static bool fail(struct parser *p, const char *what)
{
	if (!p->error)
		p->error = what;
	return false;
}

static void skip_blanks(struct parser *p)
{
	while (strchr(" \t\r\n", p->text[p->pos]) && p->text[p->pos])
		p->pos++;
}

static bool literal(struct parser *p, const char *word)
{
	if (strncmp(p->text + p->pos, word, strlen(word)))
		return fail(p, "unknown literal (true, false, null)");
	p->pos += strlen(word);
	return true;
}

static bool digits(struct parser *p)
{
	size_t start = p->pos;

	while (p->text[p->pos] >= '0' && p->text[p->pos] <= '9')
		p->pos++;
	return p->pos > start || fail(p, "digit expected");
}

static bool number(struct parser *p)
{
	if (p->text[p->pos] == '-')
		p->pos++;
	if (p->text[p->pos] == '0')
		p->pos++;
	else if (!digits(p))
		return false;
	if (p->text[p->pos] == '.') {
		p->pos++;
		if (!digits(p))
			return false;
	}
	if (p->text[p->pos] == 'e' || p->text[p->pos] == 'E') {
		p->pos++;
		if (p->text[p->pos] == '+' || p->text[p->pos] == '-')
			p->pos++;
		if (!digits(p))
			return false;
	}
	return true;
}

/* A string at p->pos; with @out, its contents (escapes kept) for comparing keys. */
static bool string(struct parser *p, char *out, size_t len)
{
	size_t n = 0;
	int i;

	p->pos++;
	for (;;) {
		unsigned char c = p->text[p->pos];

		if (c == '"')
			break;
		if (!c)
			return fail(p, "unterminated string");
		if (c < 0x20)
			return fail(p, "control character in a string (must be escaped)");
		if (c == '\\') {
			c = p->text[++p->pos];
			if (c == 'u') {
				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p->text[p->pos + i]) ||
					    !p->text[p->pos + i])
						return fail(p, "\\u needs four hex digits");
				p->pos += 4;
			} else if (!c || !strchr("\"\\/bfnrt", c)) {
				return fail(p, "unknown escape in a string");
			}
		}
		if (out && n + 1 < len)
			out[n++] = p->text[p->pos];
		p->pos++;
	}
	if (out)
		out[n] = '\0';
	p->pos++;
	return true;
}

static bool value(struct parser *p, int depth);

static bool members(struct parser *p, int depth, bool object)
{
	char key[256];
	size_t start;

	p->pos++;
	skip_blanks(p);
	if (p->text[p->pos] == (object ? '}' : ']')) {
		p->pos++;
		return true;
	}
	for (;;) {
		skip_blanks(p);
		if (object) {
			if (p->text[p->pos] != '"')
				return fail(p, "member name (a string) expected");
			if (!string(p, key, sizeof(key)))
				return false;
			skip_blanks(p);
			if (p->text[p->pos] != ':')
				return fail(p, "':' expected after a member name");
			p->pos++;
			skip_blanks(p);
		}
		start = p->pos;
		if (!value(p, depth + 1))
			return false;
		if (object && depth == 0 && p->key && !strcmp(key, p->key)) {
			if (p->found)
				return fail(p, "the member is there twice");
			p->found = true;
			p->found_start = start;
			p->found_end = p->pos;
		}
		skip_blanks(p);
		if (p->text[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->text[p->pos] == (object ? '}' : ']')) {
			p->pos++;
			return true;
		}
		return fail(p, object ? "',' or '}' expected" : "',' or ']' expected");
	}
}

static bool value(struct parser *p, int depth)
{
	char c;

	if (depth > MAX_DEPTH)
		return fail(p, "nested too deep");
	skip_blanks(p);
	c = p->text[p->pos];
	if (c == '{' || c == '[')
		return members(p, depth, c == '{');
	if (c == '"')
		return string(p, NULL, 0);
	if (c == '-' || (c >= '0' && c <= '9'))
		return number(p);
	if (c == 't')
		return literal(p, "true");
	if (c == 'f')
		return literal(p, "false");
	if (c == 'n')
		return literal(p, "null");
	return fail(p, c ? "a value expected" : "input ends where a value is expected");
}

/* One JSON value filling @text; on failure, say where. */
static bool check(struct parser *p, unsigned int first_line)
{
	unsigned int line = first_line, column = 1;
	size_t i;

	if (value(p, 0)) {
		skip_blanks(p);
		if (!p->text[p->pos])
			return true;
		fail(p, "text after the value");
	}
	for (i = 0; i < p->pos && p->text[i]; i++, column++) {
		if (p->text[i] == '\n') {
			line++;
			column = 0;
		}
	}
	fprintf(stderr, "jsoncheck: line %u column %u: %s\n", line, column, p->error);
	return false;
}

int main(int argc, char **argv)
{
	static char input[MAX_INPUT_BYTES + 1];
	struct parser p = { .text = input };
	unsigned int line = 1;
	char *next, *start;
	size_t len;
	bool lines = argc == 2 && !strcmp(argv[1], "-l");

	if (argc == 3 && !strcmp(argv[1], "-g"))
		p.key = argv[2];
	else if (argc != 1 && !lines) {
		fprintf(stderr, "usage: jsoncheck [-l | -g KEY] < INPUT\n");
		return 2;
	}
	len = fread(input, 1, MAX_INPUT_BYTES, stdin);
	if (len == MAX_INPUT_BYTES || memchr(input, '\0', len)) {
		fprintf(stderr, "jsoncheck: input larger than %d bytes or holding NUL\n",
			MAX_INPUT_BYTES);
		return 1;
	}
	input[len] = '\0';
	if (!lines) {
		if (!check(&p, 1))
			return 1;
		if (p.key && !p.found) {
			fprintf(stderr, "jsoncheck: no member \"%s\" in the object\n", p.key);
			return 1;
		}
		if (p.key)
			printf("%.*s\n", (int)(p.found_end - p.found_start), input + p.found_start);
		return 0;
	}
	for (start = input; *start; start = next, line++) {
		next = strchr(start, '\n');
		next = next ? next + 1 : start + strlen(start);
		if (next[-1] == '\n')
			next[-1] = '\0';
		p = (struct parser){ .text = start };
		if (*start && !check(&p, line))
			return 1;
	}
	return 0;
}
