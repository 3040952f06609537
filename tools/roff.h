/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing man pages (roff with the man macros) from the texts the tools
 * print for --help: hvctl(8) (hvctl-doc.c) and bulkhead-cellc(1) (cellc-doc.c).
 *
 * Texts are as --help prints them: lines ended by '\n'; a line that starts
 * with two spaces is an example, shown as it is, the others are filled into
 * paragraphs, and an empty line starts a new paragraph.
 */
#ifndef _BULKHEAD_ROFF_H
#define _BULKHEAD_ROFF_H

#include <stdio.h>

/* A term and what it means: an option, a file, an environment variable, an exit status. */
struct roff_item {
	const char *term;
	const char *text;
};

/*
 * .TH of page @name(@section); the date is SOURCE_DATE_EPOCH's (for
 * reproducible builds; today when it is not set).
 */
void roff_title(FILE *out, const char *name, const char *section, const char *release);

/* .SH @title; .SS @title. */
void roff_section(FILE *out, const char *title);
void roff_subsection(FILE *out, const char *title);

/*
 * @text escaped for roff, on the current line: backslashes, hyphens (as
 * minus signs, so that options can be copied), quotes, a leading '.' or '\''
 * that would make a control line, and non-ASCII characters.
 */
void roff_escape(FILE *out, const char *text);

/* Help text (see above) as paragraphs and example blocks. */
void roff_text(FILE *out, const char *text);

/*
 * A synopsis line such as "hvctl cell load CELL IMAGE [-a ADDR]": words that
 * start with a capital letter are placeholders (italic), the other words
 * literal (bold), brackets, bars and dots plain. Ends the output line.
 */
void roff_synopsis(FILE *out, const char *synopsis);

/* "-o, --output FILE" or "--version": an option as --help and the man pages name it. */
void roff_opt_term(char *buf, size_t len, const char *letter, const char *name,
		   const char *value);

/* Each item as a tagged paragraph: the term as a synopsis, its text indented. */
void roff_items(FILE *out, const struct roff_item *items);

#endif /* !_BULKHEAD_ROFF_H */
