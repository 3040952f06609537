// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl key: Ed25519 key pairs and signatures for signed images, on OpenSSL's
 * libcrypto (no hand-written signing). Only the host's hvctl links it: keys
 * live on the developer's machine, not on the board (hvctl-key-none.c is the
 * board's side). A signature is checked with the hypervisor's own verifier
 * (hypervisor/ed25519.c) before it is written, so what hvctl signs, the
 * hypervisor accepts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "hvctl.h"
#include <bulkhead/crypto.h>

/* Messages are manifests of a few hundred bytes; anything up to this size signs. */
#define SIGN_MAX_SIZE	(16UL << 20)

/* OpenSSL's reason for the last failure, for the end of a message. */
static const char *openssl_reason(void)
{
	static char text[256];
	unsigned long err = ERR_get_error();

	if (!err)
		return "no reason given";
	ERR_error_string_n(err, text, sizeof(text));
	ERR_clear_error();
	return text;
}

/* The Ed25519 key in the PEM file @path: private (@private) or either kind. */
static EVP_PKEY *read_key(const char *path, bool private, char *why, size_t why_len)
{
	EVP_PKEY *pkey = NULL;
	FILE *file = fopen(path, "r");

	if (!file) {
		hvctl_explain(why, why_len, "key %s: cannot open: %s", path, hvctl_strerror(errno));
		return NULL;
	}
	pkey = PEM_read_PrivateKey(file, NULL, NULL, NULL);
	if (!pkey && !private) {
		rewind(file);
		ERR_clear_error();
		pkey = PEM_read_PUBKEY(file, NULL, NULL, NULL);
	}
	fclose(file);
	if (!pkey) {
		hvctl_explain(why, why_len, "key %s: not a PEM %s key (%s)", path,
			      private ? "private" : "private or public", openssl_reason());
		return NULL;
	}
	if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
		hvctl_explain(why, why_len, "key %s: a %s key, not Ed25519; make one with 'hvctl "
			      "key generate'", path, OBJ_nid2sn(EVP_PKEY_get_id(pkey)));
		EVP_PKEY_free(pkey);
		return NULL;
	}
	return pkey;
}

static int raw_public_key(EVP_PKEY *pkey, __u8 key[BULKHEAD_ED25519_KEY_SIZE])
{
	size_t len = BULKHEAD_ED25519_KEY_SIZE;

	return EVP_PKEY_get_raw_public_key(pkey, key, &len) == 1 &&
	       len == BULKHEAD_ED25519_KEY_SIZE ? 0 : -1;
}

int hvctl_sign(const char *key_path, const void *msg, size_t len,
	       __u8 sig[BULKHEAD_ED25519_SIG_SIZE], char *why, size_t why_len)
{
	__u8 public[BULKHEAD_ED25519_KEY_SIZE];
	size_t sig_len = BULKHEAD_ED25519_SIG_SIZE;
	EVP_PKEY *pkey = read_key(key_path, true, why, why_len);
	EVP_MD_CTX *ctx;
	int ret = -1;

	if (!pkey)
		return -1;
	ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestSignInit(ctx, NULL, NULL, NULL, pkey) != 1 ||
	    EVP_DigestSign(ctx, sig, &sig_len, msg, len) != 1 ||
	    sig_len != BULKHEAD_ED25519_SIG_SIZE || raw_public_key(pkey, public)) {
		hvctl_explain(why, why_len, "key %s: signing failed: %s", key_path,
			      openssl_reason());
		goto out;
	}
	if (!ed25519_verify(sig, msg, len, public)) {
		hvctl_explain(why, why_len, "key %s: the hypervisor's verifier rejects OpenSSL's "
			      "signature; report this as a bug", key_path);
		goto out;
	}
	ret = 0;
out:
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return ret;
}

/* A new file @path (never an existing one: keys are not overwritten) with @mode. */
static FILE *create_file(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	FILE *file = fd < 0 ? NULL : fdopen(fd, "w");

	if (fd < 0)
		hvctl_err("%s: cannot create: %s%s", path, hvctl_strerror(errno),
			  errno == EEXIST ? " (hvctl does not overwrite keys and signatures)" : "");
	else if (!file)
		close(fd);
	return file;
}

enum key_file { KEY_PRIVATE, KEY_PUBLIC, KEY_RAW, KEY_FILES };

/* Write @pkey as @kind into the new file @path; 0, or -1 after saying why. */
static int write_key_file(EVP_PKEY *pkey, enum key_file kind, const char *path)
{
	__u8 raw[BULKHEAD_ED25519_KEY_SIZE];
	FILE *file = create_file(path, kind == KEY_PRIVATE ? 0600 : 0644);
	bool ok;

	if (!file)
		return -1;
	errno = 0;
	if (kind == KEY_PRIVATE)
		ok = PEM_write_PrivateKey(file, pkey, NULL, NULL, 0, NULL, NULL) == 1;
	else if (kind == KEY_PUBLIC)
		ok = PEM_write_PUBKEY(file, pkey) == 1;
	else
		ok = !raw_public_key(pkey, raw) && fwrite(raw, 1, sizeof(raw), file) == sizeof(raw);
	if (fclose(file) || !ok) {
		hvctl_err("%s: cannot write: %s", path, errno ? hvctl_strerror(errno) : openssl_reason());
		unlink(path);
		return -1;
	}
	return 0;
}

struct key_args {
	const char *operand[2];
	unsigned int operands;
	const char *key, *output, *raw;
};

/* Split @args into @want operands and the options' values (hvctl.c checked the options). */
static int key_parse(const char *path, int argc, char **args, unsigned int want,
		     struct key_args *ka)
{
	int n;

	memset(ka, 0, sizeof(*ka));
	for (n = 0; n < argc; n++) {
		if (!strcmp(args[n], "--key"))
			ka->key = args[++n];
		else if (hvctl_is_opt(args[n], "-o", "--output"))
			ka->output = args[++n];
		else if (!strcmp(args[n], "--raw"))
			ka->raw = args[++n];
		else if (ka->operands < want)
			ka->operand[ka->operands++] = args[n];
		else
			return hvctl_usage_error(path, "unexpected argument '%s'", args[n]);
	}
	if (ka->operands < want)
		return hvctl_usage_error(path, "missing argument %s",
					 want == 2 && ka->operands ? "PUBLIC.pem" : "FILE");
	return 0;
}

/* hvctl key generate PRIVATE.pem PUBLIC.pem [--raw PUBLIC.raw] */
int hvctl_cmd_key_generate(unsigned int flags, int argc, char **args)
{
	const char *path[KEY_FILES];
	struct key_args ka;
	EVP_PKEY *pkey;
	int kind, err;

	err = key_parse("hvctl key generate", argc, args, 2, &ka);
	if (err)
		return err;
	path[KEY_PRIVATE] = ka.operand[0];
	path[KEY_PUBLIC] = ka.operand[1];
	path[KEY_RAW] = ka.raw;
	pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (!pkey) {
		hvctl_err("key generation failed: %s", openssl_reason());
		return EXIT_FAILURE;
	}
	for (kind = 0; kind < KEY_FILES; kind++) {
		if (path[kind] && write_key_file(pkey, kind, path[kind]))
			break;
	}
	EVP_PKEY_free(pkey);
	if (kind < KEY_FILES) {
		/* A failed generate leaves nothing behind. */
		while (kind--)
			if (path[kind])
				unlink(path[kind]);
		return EXIT_FAILURE;
	}
	hvctl_result_str("private", path[KEY_PRIVATE]);
	hvctl_result_str("public", path[KEY_PUBLIC]);
	hvctl_result_str("raw", ka.raw);
	hvctl_say("Ed25519 key pair: private %s (keep it off the board), public %s%s%s",
		  path[KEY_PRIVATE], path[KEY_PUBLIC], ka.raw ? ", raw public key " : "",
		  ka.raw ? ka.raw : "");
	return EXIT_SUCCESS;
}

/* hvctl key sign --key PRIVATE.pem FILE -o SIG */
int hvctl_cmd_key_sign(unsigned int flags, int argc, char **args)
{
	__u8 sig[BULKHEAD_ED25519_SIG_SIZE];
	struct key_args ka;
	char why[512];
	size_t size;
	void *msg;
	FILE *file;
	int err;

	err = key_parse("hvctl key sign", argc, args, 1, &ka);
	if (err)
		return err;
	if (!ka.key || !ka.output)
		return hvctl_usage_error("hvctl key sign", "missing %s", ka.key ? "-o SIG" :
					 "--key PRIVATE.pem");
	msg = hvctl_read_file(ka.operand[0], "message", SIGN_MAX_SIZE, &size);
	if (!msg)
		return EXIT_FAILURE;
	err = hvctl_sign(ka.key, msg, size, sig, why, sizeof(why));
	free(msg);
	if (err) {
		hvctl_err("%s", why);
		return EXIT_FAILURE;
	}
	file = create_file(ka.output, 0644);
	if (!file)
		return EXIT_FAILURE;
	if (fwrite(sig, 1, sizeof(sig), file) != sizeof(sig) || fclose(file)) {
		hvctl_err("%s: cannot write: %s", ka.output, hvctl_strerror(errno));
		unlink(ka.output);
		return EXIT_FAILURE;
	}
	hvctl_result_str("signed", ka.operand[0]);
	hvctl_result_u64("size", size);
	hvctl_result_str("signature", ka.output);
	hvctl_say("signed %s (%zu bytes) with %s: %s", ka.operand[0], size, ka.key, ka.output);
	return EXIT_SUCCESS;
}

/* hvctl key public KEY.pem [-o FILE]: the raw 32-byte public key, to FILE or as hex. */
int hvctl_cmd_key_public(unsigned int flags, int argc, char **args)
{
	__u8 raw[BULKHEAD_ED25519_KEY_SIZE];
	struct key_args ka;
	char why[512];
	FILE *json = NULL;
	EVP_PKEY *pkey;
	unsigned int i;
	int err;

	err = key_parse("hvctl key public", argc, args, 1, &ka);
	if (err)
		return err;
	pkey = read_key(ka.operand[0], false, why, sizeof(why));
	if (!pkey) {
		hvctl_err("%s", why);
		return EXIT_FAILURE;
	}
	if (ka.output) {
		err = write_key_file(pkey, KEY_RAW, ka.output);
	} else {
		err = raw_public_key(pkey, raw);
		json = hvctl_json() && !err ? hvctl_result_member("public_key") : NULL;
		if (json)
			fputc('"', json);
		for (i = 0; !err && i < sizeof(raw); i++)
			fprintf(json ?: stdout, "%02x%s", raw[i],
				i + 1 < sizeof(raw) ? " " : json ? "\"" : "\n");
	}
	EVP_PKEY_free(pkey);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
