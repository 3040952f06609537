/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bulkhead-cellc's option table, from which its getopt_long() arguments, its
 * --help and its man page are made (cellc-doc.c).
 */
#ifndef _CELLC_DOC_H
#define _CELLC_DOC_H

#include <getopt.h>
#include <stdio.h>

#include "hvctl-cmd.h"

/* Room for the options and the end of the table, in getopt_long()'s arguments. */
#define CELLC_MAX_OPTS		8

/* getopt_long()'s value for --version, which has no letter. */
#define CELLC_OPT_VERSION	0x100

/* The options (.flag: getopt_long()'s value), ended by an empty entry; the synopsis. */
extern const struct hvctl_opt cellc_opts[];
extern const char cellc_synopsis[];

/* Fill @longopts (room for every option and the end) and @shortopts ("o:I:h") from the table. */
void cellc_getopt(struct option *longopts, char *shortopts);

/* What --help prints. */
void cellc_usage(FILE *out);

/* The man page bulkhead-cellc(1) in roff. Returns 0, or -1 if it could not be written. */
int cellc_write_man(FILE *out);

#endif /* !_CELLC_DOC_H */
