// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl key on the board: the static arm64 hvctl has no libcrypto, and keys
 * belong on the developer's machine anyway; the host's hvctl (hvctl-key.c)
 * signs, the board's only loads what was signed.
 */
#include <stdlib.h>

#include "hvctl.h"

#define NOT_HERE	"signing is not in this hvctl (the board's): keys stay on the developer's " \
			"machine; use the host's hvctl there"

int hvctl_sign(const char *key_path, const void *msg, size_t len,
	       __u8 sig[BULKHEAD_ED25519_SIG_SIZE], char *why, size_t why_len)
{
	hvctl_explain(why, why_len, NOT_HERE);
	return -1;
}

static int not_here(void)
{
	hvctl_err(NOT_HERE);
	return EXIT_FAILURE;
}

int hvctl_cmd_key_generate(unsigned int flags, int argc, char **args)
{
	return not_here();
}

int hvctl_cmd_key_sign(unsigned int flags, int argc, char **args)
{
	return not_here();
}

int hvctl_cmd_key_public(unsigned int flags, int argc, char **args)
{
	return not_here();
}
