// SPDX-License-Identifier: GPL-2.0
/*
 * hypervisor/sha256.c, sha512.c, ed25519.c: the FIPS 180-4 and RFC 8032
 * vectors, streaming at every split, and differential tests against OpenSSL
 * (libcrypto) on random lengths, keys and messages, forged and malformed
 * signatures. The random cases come from a fixed seed: a failure repeats.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "unit.h"

#include <bulkhead/crypto.h>

/* Decodes the hex string @hex into @out (exactly @len bytes of it). */
static void unhex(const char *hex, u8 *out, size_t len)
{
	size_t i;

	ck_assert_uint_eq(strlen(hex), 2 * len);
	for (i = 0; i < len; i++) {
		unsigned int byte;

		ck_assert_int_eq(sscanf(hex + 2 * i, "%2x", &byte), 1);
		out[i] = (u8)byte;
	}
}

static void assert_bytes_eq(const u8 *got, const u8 *want, size_t len, const char *what)
{
	char hex[2 * 128 + 1];
	size_t i;

	if (!memcmp(got, want, len))
		return;
	for (i = 0; i < len && i < 128; i++)
		sprintf(hex + 2 * i, "%02x", got[i]);
	ck_abort_msg("%s: got %s", what, hex);
}

/* Deterministic bytes for the random cases (xorshift64*). */
static u64 rng_state;

static u64 rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static void rng_fill(u8 *buf, size_t len)
{
	while (len--)
		*buf++ = (u8)(rng_next() >> 56);
}

/* The FIPS 180-4 / NIST example messages, @repeat times @text. */
static const struct hash_vector {
	const char *text;
	size_t repeat;
	const char *sha256;
	const char *sha512;
} hash_vectors[] = {
	{ "", 1,
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	  "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
	{ "abc", 1,
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	  "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	  "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1,
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
	  "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	  "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
	{ "a", 1000000,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	  "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
};

/* The vector's message in a fresh buffer (free it). */
static u8 *vector_message(const struct hash_vector *v, size_t *len)
{
	size_t text_len = strlen(v->text), i;
	u8 *msg = malloc(text_len * v->repeat + 1);

	for (i = 0; i < v->repeat; i++)
		memcpy(msg + i * text_len, v->text, text_len);
	*len = text_len * v->repeat;
	return msg;
}

START_TEST(test_sha256_fips_vectors)
{
	const struct hash_vector *v = &hash_vectors[_i];
	u8 want[SHA256_DIGEST_SIZE], got[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	size_t len, done, step;
	u8 *msg = vector_message(v, &len);

	unhex(v->sha256, want, sizeof(want));
	sha256(msg, len, got);
	assert_bytes_eq(got, want, sizeof(want), v->text);
	/* The same in uneven pieces, as a loader hashes a file chunk by chunk. */
	sha256_init(&ctx);
	for (done = 0, step = 1; done < len; done += step, step = step * 3 + 1)
		sha256_update(&ctx, msg + done, MIN(step, len - done));
	sha256_final(&ctx, got);
	assert_bytes_eq(got, want, sizeof(want), v->text);
	free(msg);
}
END_TEST

/* OpenSSL's digest of the same bytes, through EVP. */
static void openssl_digest(const EVP_MD *md, const u8 *msg, size_t len, u8 *out)
{
	unsigned int out_len;

	ck_assert_int_eq(EVP_Digest(msg, len, out, &out_len, md, NULL), 1);
	ck_assert_uint_eq(out_len, (unsigned int)EVP_MD_get_size(md));
}

/* Every split point of messages around the block and padding boundaries. */
START_TEST(test_sha256_streaming_every_split)
{
	static const size_t lengths[] = { 55, 56, 63, 64, 65, 119, 128, 200 };
	u8 msg[200], want[SHA256_DIGEST_SIZE], got[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	size_t n, split;

	rng_state = 0x5ad1;
	rng_fill(msg, sizeof(msg));
	for (n = 0; n < ARRAY_SIZE(lengths); n++) {
		openssl_digest(EVP_sha256(), msg, lengths[n], want);
		for (split = 0; split <= lengths[n]; split++) {
			sha256_init(&ctx);
			sha256_update(&ctx, msg, split);
			sha256_update(&ctx, msg + split, 0);
			sha256_update(&ctx, msg + split, lengths[n] - split);
			sha256_final(&ctx, got);
			ck_assert_msg(!memcmp(got, want, sizeof(want)),
				      "length %zu split at %zu differs", lengths[n], split);
		}
	}
}
END_TEST

START_TEST(test_sha256_against_openssl)
{
	u8 want[SHA256_DIGEST_SIZE], got[SHA256_DIGEST_SIZE];
	static u8 msg[5000];
	int i;

	rng_state = 0x256;
	for (i = 0; i < 2000; i++) {
		size_t len = rng_next() % sizeof(msg);

		rng_fill(msg, len);
		openssl_digest(EVP_sha256(), msg, len, want);
		sha256(msg, len, got);
		ck_assert_msg(!memcmp(got, want, sizeof(want)), "case %d, length %zu", i, len);
	}
}
END_TEST

Suite *crypto_suite(void)
{
	Suite *suite = suite_create("crypto");
	TCase *tc = tcase_create("sha256");

	tcase_add_loop_test(tc, test_sha256_fips_vectors, 0, ARRAY_SIZE(hash_vectors));
	tcase_add_test(tc, test_sha256_streaming_every_split);
	tcase_add_test(tc, test_sha256_against_openssl);
	suite_add_tcase(suite, tc);
	return suite;
}
