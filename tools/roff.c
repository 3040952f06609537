// SPDX-License-Identifier: GPL-2.0
/*
 * Man pages in roff (man macros), from help texts: see roff.h. Every piece of
 * text goes through escape_span(), so that a backslash, a leading dot or a
 * hyphen in a help text prints as itself instead of turning into a request.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roff.h"

/* Lines of help text that start with this are examples, shown unfilled. */
#define EXAMPLE_INDENT	"  "

void roff_title(FILE *out, const char *name, const char *section, const char *release)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t when = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	char date[16] = "";
	struct tm tm;
	const char *c;

	if (gmtime_r(&when, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	fputs(".TH ", out);
	for (c = name; *c; c++)
		fputc(toupper((unsigned char)*c), out);
	fprintf(out, " %s %s \"Bulkhead %s\" \"Bulkhead Manual\"\n", section, date, release);
	/* Paths and options read better unbroken and not stretched to the margin. */
	fputs(".nh\n.ad l\n", out);
}

/* The title on the line after the request, so that it is never a macro argument. */
void roff_section(FILE *out, const char *title)
{
	fputs(".SH\n", out);
	roff_escape(out, title);
	fputc('\n', out);
}

void roff_subsection(FILE *out, const char *title)
{
	fputs(".SS\n", out);
	roff_escape(out, title);
	fputc('\n', out);
}

/* The code point of the UTF-8 sequence at @s, and its length in @len; -1 if it is not one. */
static long utf8_decode(const unsigned char *s, size_t *len)
{
	unsigned int n, more = s[0] >= 0xf0 ? 3 : s[0] >= 0xe0 ? 2 : s[0] >= 0xc0 ? 1 : 0;
	long cp = s[0] & (0x3f >> more);

	if (!more || s[0] >= 0xf8)
		return -1;
	for (n = 1; n <= more; n++) {
		if ((s[n] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[n] & 0x3f);
	}
	*len = more + 1;
	return cp;
}

/* @line_start: @text starts an output line. */
static void escape_span(FILE *out, const char *text, size_t len, bool line_start)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n, skip;
	long cp;

	/* A control character at the start would make a request of the line. */
	if (line_start && len && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", out);
	for (n = 0; n < len; n += skip) {
		skip = 1;
		if (s[n] == '\\')
			fputs("\\e", out);
		else if (s[n] == '-')
			fputs("\\-", out);
		else if (s[n] == '"')
			fputs("\\(dq", out);
		else if (s[n] >= 0x80 && (cp = utf8_decode(s + n, &skip)) >= 0)
			fprintf(out, "\\[u%04lX]", cp);
		else if (s[n] < 0x20 || s[n] >= 0x7f)
			fputc(' ', out);
		else
			fputc(s[n], out);
	}
}

void roff_escape(FILE *out, const char *text)
{
	escape_span(out, text, strlen(text), true);
}

/* @para starts a paragraph: .PP at the left margin, .IP inside a tagged paragraph. */
static void write_text(FILE *out, const char *text, const char *para)
{
	size_t indent = strlen(EXAMPLE_INDENT), len;
	bool example = false, is_example;
	const char *end;

	for (; *text; text = *end ? end + 1 : end) {
		end = strchrnul(text, '\n');
		len = (size_t)(end - text);
		is_example = len > indent && !strncmp(text, EXAMPLE_INDENT, indent);
		if (example && !is_example) {
			fprintf(out, ".fi\n.RE\n%s\n", para);
			example = false;
		}
		if (!len) {
			fprintf(out, "%s\n", para);
			continue;
		}
		if (is_example && !example) {
			fputs(".RS 2\n.nf\n", out);
			example = true;
		}
		if (is_example)
			escape_span(out, text + indent, len - indent, true);
		else
			escape_span(out, text, len, true);
		fputc('\n', out);
	}
	if (example)
		fputs(".fi\n.RE\n", out);
}

void roff_text(FILE *out, const char *text)
{
	write_text(out, text, ".PP");
}

static bool is_word_char(char c)
{
	return c && !isspace((unsigned char)c) && !strchr("[]|,", c);
}

void roff_synopsis(FILE *out, const char *synopsis)
{
	const char *s = synopsis, *end;
	size_t len, dots;

	while (*s) {
		if (!is_word_char(*s)) {
			escape_span(out, s, 1, s == synopsis);
			s++;
			continue;
		}
		for (end = s; is_word_char(*end); end++)
			;
		len = (size_t)(end - s);
		/* "IMAGE..." repeats IMAGE: the dots are not part of the name. */
		for (dots = 0; dots < len && s[len - dots - 1] == '.'; dots++)
			;
		if (dots < len) {
			fputs(isupper((unsigned char)*s) ? "\\fI" : "\\fB", out);
			escape_span(out, s, len - dots, false);
			fputs("\\fR", out);
		}
		escape_span(out, s + len - dots, dots, s == synopsis && dots == len);
		s = end;
	}
	fputc('\n', out);
}

void roff_opt_term(char *buf, size_t len, const char *letter, const char *name,
		   const char *value)
{
	snprintf(buf, len, "%s%s%s%s%s", letter ? letter : "", letter ? ", " : "", name,
		 value ? " " : "", value ? value : "");
}

void roff_items(FILE *out, const struct roff_item *items)
{
	for (; items->term; items++) {
		fputs(".TP\n", out);
		roff_synopsis(out, items->term);
		write_text(out, items->text, ".IP");
	}
}
