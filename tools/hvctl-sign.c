// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell sign (host hvctl only, on OpenSSL): signs the manifest of the
 * images a load with the same operands would hand the hypervisor, and the
 * name of the cell they are for (include/bulkhead/boot.h). The
 * manifest comes from the very code hvctl cell load runs
 * (hvctl_os_load_prepare()), with the cell's config from a .cell file and
 * the board's device tree from --board: the same inputs give the same bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hvctl.h"

#define SIGN_USAGE	"hvctl cell sign"

/* What hvctl-sysfs.c reads for a cell that exists, taken from its config instead. */
static void cell_from_config(const struct bulkhead_cell *desc, struct hvctl_cell *cell)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(desc);
	unsigned int n;

	memset(cell, 0, sizeof(*cell));
	memcpy(cell->name, desc->name, sizeof(cell->name) - 1);
	for (n = 0; n < desc->num_mem_regions; n++, region++)
		if (region->flags & BULKHEAD_MEM_LOADABLE)
			cell->loadable[cell->num_loadable++] = (struct hvctl_region){
				.start = region->virt_start, .size = region->size };
}

static int write_signature(const char *path, const __u8 sig[BULKHEAD_ED25519_SIG_SIZE])
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || hvctl_write_all(fd, sig, BULKHEAD_ED25519_SIG_SIZE) < 0) {
		hvctl_err("%s: cannot write: %s", path, hvctl_strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return close(fd) ? -1 : 0;
}

/*
 * Takes --key, -o and --board out of @args (the dispatcher checked that
 * each has its value); the load operands stay, in order, in @rest. 0, or
 * hvctl_usage_error()'s exit status.
 */
static int split_args(int argc, char **args, const char **key, const char **output,
		      const char **board, char **rest, int *num_rest)
{
	int n;

	*num_rest = 0;
	for (n = 0; n < argc; n++) {
		if (!strcmp(args[n], "--key"))
			*key = args[++n];
		else if (hvctl_is_opt(args[n], "-o", "--output"))
			*output = args[++n];
		else if (!strcmp(args[n], "--board"))
			*board = args[++n];
		else
			rest[(*num_rest)++] = args[n];
	}
	if (!*key || !*output)
		return hvctl_usage_error(SIGN_USAGE, "missing %s", *key ? "-o FILE" : "--key FILE");
	return 0;
}

int hvctl_cmd_cell_sign(unsigned int flags, int argc, char **args)
{
	const char *key = NULL, *output = NULL, *board = NULL;
	__u8 sig[BULKHEAD_ED25519_SIG_SIZE], message[BULKHEAD_BOOT_SIGNED_SIZE] = { 0 };
	struct hvctl_load_plan plan;
	struct hvctl_os_load os;
	struct hvctl_cell cell;
	char why[512], **rest;
	int num_rest, ret = EXIT_FAILURE;
	size_t size;
	void *config;

	rest = calloc(argc, sizeof(*rest));
	ret = rest ? split_args(argc - 1, args + 1, &key, &output, &board, rest, &num_rest) :
		     EXIT_FAILURE;
	if (ret) {
		free(rest);
		return ret;
	}
	ret = EXIT_FAILURE;
	if (hvctl_load_parse(num_rest, rest, &plan, why, sizeof(why)) < 0) {
		free(rest);
		return hvctl_usage_error(SIGN_USAGE, "%s", why);
	}
	plan.config = args[0];
	plan.board = board;
	config = hvctl_config_load(args[0], BULKHEAD_CONFIG_CELL | HVCTL_CONFIG_ANY_ARCH,
				   SIGN_USAGE, &size, why, sizeof(why));
	if (!config) {
		hvctl_err("%s", why);
		goto out;
	}
	cell_from_config(bulkhead_config_cell(config), &cell);
	if (hvctl_os_load_prepare(&plan, &cell, &os) < 0)
		goto out_os;
	/* The flag is part of the manifest, as a load with --sig hands it over. */
	os.boot.flags |= BULKHEAD_BOOT_SIGNED;
	memcpy(message, &os.boot, BULKHEAD_BOOT_MANIFEST_SIZE);
	memcpy(message + BULKHEAD_BOOT_MANIFEST_SIZE, cell.name, strlen(cell.name));
	if (hvctl_sign(key, message, sizeof(message), sig, why, sizeof(why)) < 0) {
		hvctl_err("%s", why);
		goto out_os;
	}
	if (write_signature(output, sig) < 0)
		goto out_os;
	hvctl_result_str("cell", cell.name);
	hvctl_result_u64("segments", os.boot.num_segments);
	hvctl_result_u64("entry", os.boot.entry);
	hvctl_result_str("signature", output);
	hvctl_say("signed %u segments for cell \"%s\" (entry 0x%" PRIx64 "), signature in %s",
		  os.boot.num_segments, cell.name, (uint64_t)os.boot.entry, output);
	ret = EXIT_SUCCESS;
out_os:
	hvctl_os_load_free(&os);
out:
	free(config);
	free(rest);
	return ret;
}
