// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-key.c, through the host's hvctl: key pairs OpenSSL reads back,
 * signatures that OpenSSL and the hypervisor's verifier both accept, and
 * every refusal leaving no file behind.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "unit.h"

#include <bulkhead/crypto.h>

static size_t read_bytes(const char *path, u8 *buf, size_t len)
{
	FILE *file = fopen(path, "rb");
	size_t got;

	ck_assert_msg(file, "%s missing", path);
	got = fread(buf, 1, len, file);
	fclose(file);
	return got;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

START_TEST(test_key_generate_sign_verify)
{
	u8 raw[33], sig[65], printed[32];
	struct stat st;
	EVP_PKEY *pkey;
	EVP_MD_CTX *ctx;
	FILE *file;
	size_t len = 32;
	char *hex;
	unsigned int i;

	ck_assert_int_eq(run_hvctl("key generate k.pem k.pub --raw k.raw"), 0);
	assert_hvctl_says("hvctl: Ed25519 key pair: private k.pem");
	ck_assert_int_eq(stat("k.pem", &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_uint_eq(read_bytes("k.raw", raw, sizeof(raw)), 32);
	/* OpenSSL reads the public PEM back as the same Ed25519 key. */
	file = fopen("k.pub", "r");
	pkey = PEM_read_PUBKEY(file, NULL, NULL, NULL);
	fclose(file);
	ck_assert_ptr_nonnull(pkey);
	ck_assert_int_eq(EVP_PKEY_get_id(pkey), EVP_PKEY_ED25519);
	ck_assert_int_eq(EVP_PKEY_get_raw_public_key(pkey, printed, &len), 1);
	ck_assert_mem_eq(printed, raw, 32);
	/* hvctl key public prints the same 32 bytes as hex pairs, from either file. */
	ck_assert_int_eq(run_hvctl("key public k.pem"), 0);
	for (i = 0, hex = hvctl_output; i < 32; i++, hex += 3)
		ck_assert_int_eq(sscanf(hex, "%2hhx", &printed[i]), 1);
	ck_assert_mem_eq(printed, raw, 32);
	unit_write_file("manifest", "the boot manifest of a cell");
	ck_assert_int_eq(run_hvctl("key sign --key k.pem manifest -o manifest.sig"), 0);
	ck_assert_uint_eq(read_bytes("manifest.sig", sig, sizeof(sig)), 64);
	ck_assert(ed25519_verify(sig, "the boot manifest of a cell", 27, raw));
	ck_assert(!ed25519_verify(sig, "the boot manifest of a cell", 26, raw));
	ctx = EVP_MD_CTX_new();
	ck_assert_int_eq(EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey), 1);
	ck_assert_int_eq(EVP_DigestVerify(ctx, sig, 64, (const u8 *)"the boot manifest of a cell",
					  27), 1);
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
}
END_TEST

START_TEST(test_key_refusals_leave_nothing)
{
	ck_assert_int_eq(run_hvctl("key generate k.pem k.pub"), 0);
	/* Keys are never overwritten, and a half-made pair is removed. */
	ck_assert_int_eq(run_hvctl("key generate k.pem other.pub"), 1);
	assert_hvctl_says("k.pem: cannot create: File exists");
	ck_assert(!exists("other.pub"));
	ck_assert_int_eq(run_hvctl("key generate new.pem no/such/dir.pub"), 1);
	assert_hvctl_says("no/such/dir.pub: cannot create");
	ck_assert(!exists("new.pem"));
	unit_write_file("m", "bytes");
	/* A public key, or no Ed25519 key at all, does not sign; no SIG appears. */
	ck_assert_int_eq(run_hvctl("key sign --key k.pub m -o m.sig"), 1);
	assert_hvctl_says("key k.pub: not a PEM private key");
	unit_write_file("junk.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
	ck_assert_int_eq(run_hvctl("key sign --key junk.pem m -o m.sig"), 1);
	ck_assert_int_eq(run_hvctl("key sign --key k.pem missing -o m.sig"), 1);
	assert_hvctl_says("message missing: cannot open");
	ck_assert(!exists("m.sig"));
	ck_assert_int_eq(run_hvctl("key sign --key k.pem m"), 2);
	assert_hvctl_says("missing -o SIG");
	ck_assert_int_eq(run_hvctl("key sign m -o m.sig"), 2);
	assert_hvctl_says("missing --key PRIVATE.pem");
	ck_assert_int_eq(run_hvctl("key sign --key k.pem m stray -o m.sig"), 2);
	assert_hvctl_says("unexpected argument 'stray'");
	ck_assert(!exists("m.sig"));
	/* An existing signature file is not overwritten either. */
	unit_write_file("m.sig", "old");
	ck_assert_int_eq(run_hvctl("key sign --key k.pem m -o m.sig"), 1);
	ck_assert_int_eq(run_hvctl("key public m"), 1);
	assert_hvctl_says("key m: not a PEM private or public key");
}
END_TEST

Suite *hvctl_key_suite(void)
{
	Suite *suite = suite_create("hvctl_key");
	TCase *tc = tcase_create("key");

	tcase_add_checked_fixture(tc, unit_tmpdir_enter, unit_tmpdir_leave);
	tcase_add_test(tc, test_key_generate_sign_verify);
	tcase_add_test(tc, test_key_refusals_leave_nothing);
	suite_add_tcase(suite, tc);
	return suite;
}
