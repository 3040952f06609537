// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-cellc's options and texts: one table that its getopt_long(), its
 * --help and its man page bulkhead-cellc(1) ('bulkhead-cellc --man', run by
 * 'make man') are all made from, and the prose of the man page.
 */
#include <getopt.h>

#include "cellc-doc.h"
#include "roff.h"

#ifndef BULKHEAD_RELEASE
#define BULKHEAD_RELEASE	"unknown"
#endif

const char cellc_synopsis[] = "bulkhead-cellc [-o OUT.cell] [-I DIR]... IN.dts";

/* .flag is the value getopt_long() returns for the option. */
const struct hvctl_opt cellc_opts[] = {
	{ "--output", "-o", 'o', "write FILE (default: IN with .dts replaced by .cell)", "FILE" },
	{ "--include", "-I", 'I', "search DIR for #include and /include/ files", "DIR" },
	{ "--help", "-h", 'h', "show this help", NULL },
	{ "--version", NULL, CELLC_OPT_VERSION, "show the version", NULL },
	{ NULL }
};
_Static_assert(sizeof(cellc_opts) / sizeof(cellc_opts[0]) <= CELLC_MAX_OPTS,
	       "CELLC_MAX_OPTS is too small for cellc_opts");

static const char summary[] =
	"Compile a Bulkhead configuration from device-tree source (or a .dtb)\n"
	"into the binary format the driver and hypervisor load.\n";

static const char man_description[] =
	"A Bulkhead configuration says what the hypervisor (a system config) or a\n"
	"cell (a cell config) owns: CPUs, memory regions, interrupts, devices,\n"
	"channels. It is written as device-tree source, whose schema\n"
	"Documentation/config-format.md of the source tree describes, and compiled\n"
	"into a versioned, checksummed .cell file that hvctl(8) hands to the\n"
	"hypervisor.\n"
	"\n"
	"The source goes through the C preprocessor (#include, #define) and dtc(1);\n"
	"both report syntax errors with file and line. bulkhead-cellc then reports\n"
	"schema errors with the node and property, and finally runs the\n"
	"hypervisor's own validator on the result, so that every .cell it writes is\n"
	"one the hypervisor accepts. A .dtb is taken as it is. The output is written\n"
	"to a temporary file and renamed: a failed run leaves no partial file.\n";

static const struct roff_item man_exit_status[] = {
	{ "0", "The .cell file was written." },
	{ "1", "A configuration error: the messages name the file, node and property." },
	{ "2", "A usage error: an unknown option, no input file or more than one." },
	{ NULL }
};

static const struct roff_item man_environment[] = {
	{ "CPP", "The C preprocessor (default cpp).\n" },
	{ "DTC", "The device-tree compiler (default dtc).\n" },
	{ NULL }
};

static const char man_examples[] =
	"Compile a system config and a cell config, then enable and create:\n"
	"  bulkhead-cellc qemu-virt.dts\n"
	"  bulkhead-cellc -I include -o hello.cell qemu-virt-hello.dts\n"
	"  hvctl enable qemu-virt.cell\n"
	"  hvctl cell create hello.cell\n";

static const char man_see_also[] = "hvctl(8), dtc(1), cpp(1).\n";

void cellc_getopt(struct option *longopts, char *shortopts)
{
	const struct hvctl_opt *opt;

	for (opt = cellc_opts; opt->name; opt++, longopts++) {
		*longopts = (struct option){ opt->name + 2,
					     opt->value ? required_argument : no_argument, NULL,
					     (int)opt->flag };
		if (opt->letter) {
			*shortopts++ = opt->letter[1];
			if (opt->value)
				*shortopts++ = ':';
		}
	}
	*longopts = (struct option){ NULL, 0, NULL, 0 };
	*shortopts = '\0';
}

void cellc_usage(FILE *out)
{
	const struct hvctl_opt *opt;
	char term[64];

	fprintf(out, "Usage: %s\n%s\n", cellc_synopsis, summary);
	for (opt = cellc_opts; opt->name; opt++) {
		roff_opt_term(term, sizeof(term), opt->letter, opt->name, opt->value);
		/* Long options line up with those that have a letter too. */
		fprintf(out, "  %s%-*s%s\n", opt->letter ? "" : "    ", opt->letter ? 20 : 16,
			term, opt->help);
	}
	fprintf(out, "\nSources go through $CPP (default cpp) and $DTC (default dtc).\n"
		     "Exit status: 0 written, 1 configuration error, 2 usage error.\n"
		     "See Documentation/config-format.md for the schema.\n");
}

int cellc_write_man(FILE *out)
{
	const struct hvctl_opt *opt;
	char term[64];

	roff_title(out, "bulkhead-cellc", "1", BULKHEAD_RELEASE);
	roff_section(out, "NAME");
	fputs("bulkhead\\-cellc \\- compile a Bulkhead configuration into a .cell file\n", out);
	roff_section(out, "SYNOPSIS");
	roff_synopsis(out, cellc_synopsis);
	roff_section(out, "DESCRIPTION");
	roff_text(out, summary);
	fputs(".PP\n", out);
	roff_text(out, man_description);
	roff_section(out, "OPTIONS");
	for (opt = cellc_opts; opt->name; opt++) {
		roff_opt_term(term, sizeof(term), opt->letter, opt->name, opt->value);
		roff_items(out, (const struct roff_item[]){ { term, opt->help }, { NULL } });
	}
	roff_section(out, "EXIT STATUS");
	roff_items(out, man_exit_status);
	roff_section(out, "ENVIRONMENT");
	roff_items(out, man_environment);
	roff_section(out, "EXAMPLES");
	roff_text(out, man_examples);
	roff_section(out, "SEE ALSO");
	roff_text(out, man_see_also);
	return fflush(out) || ferror(out) ? -1 : 0;
}
