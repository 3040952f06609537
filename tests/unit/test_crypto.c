// SPDX-License-Identifier: GPL-2.0
/*
 * hypervisor/sha256.c, sha512.c, ed25519.c: the FIPS 180-4 and RFC 8032
 * vectors, streaming at every split, and differential tests against OpenSSL
 * (libcrypto) on random lengths, keys and messages, forged and malformed
 * signatures. The random cases come from a fixed seed: a failure repeats.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
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


static void sha256_split(const u8 *msg, size_t len, size_t split, u8 *digest)
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, msg, split);
	sha256_update(&ctx, msg + split, 0);
	sha256_update(&ctx, msg + split, len - split);
	sha256_final(&ctx, digest);
}

static void sha512_split(const u8 *msg, size_t len, size_t split, u8 *digest)
{
	struct sha512_ctx ctx;

	sha512_init(&ctx);
	sha512_update(&ctx, msg, split);
	sha512_update(&ctx, msg + split, 0);
	sha512_update(&ctx, msg + split, len - split);
	sha512_final(&ctx, digest);
}

/* Each hash through one interface: one-shot, and streamed in two pieces split at @split. */
static const struct hash_algo {
	const char *name;
	size_t size;
	void (*oneshot)(const void *data, size_t len, u8 *digest);
	void (*split)(const u8 *msg, size_t len, size_t split, u8 *digest);
	const EVP_MD *(*openssl)(void);
} hash_algos[] = {
	{ "sha256", SHA256_DIGEST_SIZE, sha256, sha256_split, EVP_sha256 },
	{ "sha512", SHA512_DIGEST_SIZE, sha512, sha512_split, EVP_sha512 },
};

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

START_TEST(test_sha512_fips_vectors)
{
	const struct hash_vector *v = &hash_vectors[_i];
	u8 want[SHA512_DIGEST_SIZE], got[SHA512_DIGEST_SIZE];
	struct sha512_ctx ctx;
	size_t len, done, step;
	u8 *msg = vector_message(v, &len);

	unhex(v->sha512, want, sizeof(want));
	sha512(msg, len, got);
	assert_bytes_eq(got, want, sizeof(want), v->text);
	sha512_init(&ctx);
	for (done = 0, step = 1; done < len; done += step, step = step * 3 + 1)
		sha512_update(&ctx, msg + done, MIN(step, len - done));
	sha512_final(&ctx, got);
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
START_TEST(test_hash_streaming_every_split)
{
	static const size_t lengths[] = { 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 300 };
	const struct hash_algo *algo = &hash_algos[_i];
	u8 msg[300], want[SHA512_DIGEST_SIZE], got[SHA512_DIGEST_SIZE];
	size_t n, split;

	rng_state = 0x5ad1;
	rng_fill(msg, sizeof(msg));
	for (n = 0; n < ARRAY_SIZE(lengths); n++) {
		openssl_digest(algo->openssl(), msg, lengths[n], want);
		for (split = 0; split <= lengths[n]; split++) {
			algo->split(msg, lengths[n], split, got);
			ck_assert_msg(!memcmp(got, want, algo->size), "%s: length %zu split at %zu differs",
				      algo->name, lengths[n], split);
		}
	}
}
END_TEST

START_TEST(test_hash_against_openssl)
{
	const struct hash_algo *algo = &hash_algos[_i];
	u8 want[SHA512_DIGEST_SIZE], got[SHA512_DIGEST_SIZE];
	static u8 msg[5000];
	int i;

	rng_state = 0x256 + _i;
	for (i = 0; i < 2000; i++) {
		size_t len = rng_next() % sizeof(msg);

		rng_fill(msg, len);
		openssl_digest(algo->openssl(), msg, len, want);
		algo->oneshot(msg, len, got);
		ck_assert_msg(!memcmp(got, want, algo->size), "%s: case %d, length %zu", algo->name, i,
			      len);
	}
}
END_TEST

/* RFC 8032, section 7.1: secret key, public key, message, signature. */
static const struct ed25519_vector {
	const char *secret, *public, *message, *signature;
} ed25519_vectors[] = {
	/* TEST 1 */
	{ "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
	  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
	  "",
	  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
	  "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
	/* TEST 2 */
	{ "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
	  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
	  "72",
	  "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
	  "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
	/* TEST 3 */
	{ "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
	  "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
	  "af82",
	  "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
	  "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
	/* TEST 1024 */
	{ "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
	  "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
	  "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98"
	  "fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8"
	  "79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
	  "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc"
	  "1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4fe"
	  "ba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
	  "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbef"
	  "efd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7"
	  "aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
	  "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2"
	  "d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24"
	  "554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
	  "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc"
	  "2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07"
	  "07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
	  "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a"
	  "ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429e"
	  "c96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
	  "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c"
	  "42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8"
	  "ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
	  "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08"
	  "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649"
	  "de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
	  "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a3"
	  "2ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e"
	  "6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
	  "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5"
	  "0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1"
	  "369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
	  "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c"
	  "0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0",
	  "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
	  "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03" },
	/* TEST SHA(abc) */
	{ "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
	  "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
	  "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
	  "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704" },
};

/* An OpenSSL key pair from a 32-byte seed (the RFC's "secret key"). */
static EVP_PKEY *openssl_key(const u8 seed[32], u8 public[32])
{
	EVP_PKEY *pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	size_t len = 32;

	ck_assert_ptr_nonnull(pkey);
	ck_assert_int_eq(EVP_PKEY_get_raw_public_key(pkey, public, &len), 1);
	return pkey;
}

static void openssl_sign(EVP_PKEY *pkey, const u8 *msg, size_t len, u8 sig[64])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t sig_len = 64;

	ck_assert_int_eq(EVP_DigestSignInit(ctx, NULL, NULL, NULL, pkey), 1);
	ck_assert_int_eq(EVP_DigestSign(ctx, sig, &sig_len, msg, len), 1);
	ck_assert_uint_eq(sig_len, 64);
	EVP_MD_CTX_free(ctx);
}

static bool openssl_verify(const u8 sig[64], const u8 *msg, size_t len, const u8 public[32])
{
	EVP_PKEY *pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, public, 32);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool valid;

	ck_assert_ptr_nonnull(pkey);
	ck_assert_int_eq(EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey), 1);
	valid = EVP_DigestVerify(ctx, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return valid;
}

START_TEST(test_ed25519_rfc8032_vectors)
{
	const struct ed25519_vector *v = &ed25519_vectors[_i];
	size_t len = strlen(v->message) / 2;
	u8 seed[32], public[32], sig[64], ours[64], derived[32];
	u8 *msg = malloc(len + 1);
	EVP_PKEY *pkey;

	unhex(v->secret, seed, 32);
	unhex(v->public, public, 32);
	unhex(v->signature, sig, 64);
	unhex(v->message, msg, len);
	ck_assert_msg(ed25519_verify(sig, msg, len, public), "vector %d rejected", _i);
	/* The vector as transcribed here is the RFC's: OpenSSL derives the same. */
	pkey = openssl_key(seed, derived);
	assert_bytes_eq(derived, public, 32, "public key");
	openssl_sign(pkey, msg, len, ours);
	assert_bytes_eq(ours, sig, 64, "signature");
	EVP_PKEY_free(pkey);
	/* One byte more, or the last bit of S changed, and it no longer holds. */
	ck_assert(!ed25519_verify(sig, msg, len + 1, public));
	sig[32] ^= 1;
	ck_assert(!ed25519_verify(sig, msg, len, public));
	free(msg);
}
END_TEST

/* A random OpenSSL key pair signing a random message of 0..2047 bytes. */
struct signed_case {
	u8 seed[32], public[32], sig[64];
	u8 msg[2048];
	size_t len;
};

static void random_case(struct signed_case *c)
{
	EVP_PKEY *pkey;

	rng_fill(c->seed, 32);
	c->len = rng_next() % sizeof(c->msg);
	rng_fill(c->msg, c->len);
	pkey = openssl_key(c->seed, c->public);
	openssl_sign(pkey, c->msg, c->len, c->sig);
	EVP_PKEY_free(pkey);
}

/*
 * Thousands of OpenSSL signatures: ours accepts each; then one random bit
 * flipped in R, in S, in the key or in the message: both reject.
 */
START_TEST(test_ed25519_against_openssl)
{
	static const char *const part[] = { "R", "S", "key", "message" };
	struct signed_case c;
	unsigned int i, where, bit;
	bool ours, theirs;

	rng_state = 0xed25519 + _i;
	for (i = 0; i < 500; i++) {
		random_case(&c);
		ck_assert_msg(ed25519_verify(c.sig, c.msg, c.len, c.public),
			      "case %u (length %zu): OpenSSL's signature rejected", i, c.len);
		for (where = 0; where < 4; where++) {
			struct signed_case bad = c;

			if (where == 3 && !c.len)
				continue;
			bit = rng_next() % (where == 3 ? 8 * c.len : 256);
			if (where == 0)
				bad.sig[bit / 8] ^= 1 << (bit % 8);
			else if (where == 1)
				bad.sig[32 + bit / 8] ^= 1 << (bit % 8);
			else if (where == 2)
				bad.public[bit / 8] ^= 1 << (bit % 8);
			else
				bad.msg[bit / 8] ^= 1 << (bit % 8);
			ours = ed25519_verify(bad.sig, bad.msg, bad.len, bad.public);
			theirs = openssl_verify(bad.sig, bad.msg, bad.len, bad.public);
			ck_assert_msg(!ours && !theirs,
				      "case %u, bit %u of %s flipped: ours %d, OpenSSL %d", i, bit,
				      part[where], ours, theirs);
		}
	}
}
END_TEST

/* L and scalar helpers on OpenSSL's BIGNUMs (little-endian, as Ed25519 encodes). */
static BIGNUM *group_order(void)
{
	static const u8 l[32] = {
		0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2,
		0xde, 0xf9, 0xde, 0x14, [31] = 0x10,
	};

	return BN_lebin2bn(l, 32, NULL);
}

static void bn_store(const BIGNUM *n, u8 out[32])
{
	ck_assert_int_eq(BN_bn2lebinpad(n, out, 32), 32);
}

/* S + L (still below 2^256): [S + L]B = [S]B, so only the S < L check refuses it. */
START_TEST(test_ed25519_rejects_s_not_below_l)
{
	BIGNUM *l = group_order(), *s;
	struct signed_case c;
	int i;

	rng_state = 0x5e1;
	for (i = 0; i < 50; i++) {
		random_case(&c);
		s = BN_lebin2bn(c.sig + 32, 32, NULL);
		ck_assert_int_eq(BN_add(s, s, l), 1);
		bn_store(s, c.sig + 32);
		ck_assert(!ed25519_verify(c.sig, c.msg, c.len, c.public));
		ck_assert(!openssl_verify(c.sig, c.msg, c.len, c.public));
		BN_free(s);
	}
	/* S = L and S = 2^256 - 1 */
	bn_store(l, c.sig + 32);
	ck_assert(!ed25519_verify(c.sig, c.msg, c.len, c.public));
	memset(c.sig + 32, 0xff, 32);
	ck_assert(!ed25519_verify(c.sig, c.msg, c.len, c.public));
	BN_free(l);
}
END_TEST

/* The eight points of small order (1, 2, 4, 8), the torsion subgroup. */
static const char *const small_order_points[] = {
	"0100000000000000000000000000000000000000000000000000000000000000",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"0000000000000000000000000000000000000000000000000000000000000000",
	"0000000000000000000000000000000000000000000000000000000000000080",
	"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
	"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
	"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
	"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
};

/* Their orders, in the same sequence. */
static const unsigned int small_orders[] = { 1, 2, 4, 4, 8, 8, 8, 8 };

/* The secret scalar a of a seed: SHA-512(seed)[0..31], clamped (RFC 8032, 5.1.5). */
static BIGNUM *secret_scalar(const u8 seed[32])
{
	u8 h[64];

	openssl_digest(EVP_sha512(), seed, 32, h);
	h[0] &= 248;
	h[31] &= 127;
	h[31] |= 64;
	return BN_lebin2bn(h, 32, NULL);
}

/* k = SHA-512(R || A || M) mod L, as a verifier computes it. */
static BIGNUM *challenge(const u8 r[32], const u8 a[32], const u8 *msg, size_t len)
{
	u8 buf[64 + 64], h[64];
	BIGNUM *k, *l = group_order();
	BN_CTX *bn = BN_CTX_new();

	ck_assert_uint_le(len, 64);
	memcpy(buf, r, 32);
	memcpy(buf + 32, a, 32);
	memcpy(buf + 64, msg, len);
	openssl_digest(EVP_sha512(), buf, 64 + len, h);
	k = BN_lebin2bn(h, 64, NULL);
	ck_assert_int_eq(BN_nnmod(k, k, l, bn), 1);
	BN_CTX_free(bn);
	BN_free(l);
	return k;
}

/*
 * A small-order key T with a signature that the verification equation
 * accepts: R = [a]B for a seed's scalar a, S = a mod L, and a message for
 * which k is a multiple of T's order, so that [S]B - [k]T = R. OpenSSL
 * accepts it (it has no small-order check); the hypervisor must not.
 */
START_TEST(test_ed25519_rejects_small_order_key)
{
	u8 seed[32] = { 7 }, key[32], sig[64], msg[8] = { 0 };
	BIGNUM *a = secret_scalar(seed), *l = group_order(), *k;
	BN_CTX *bn = BN_CTX_new();
	EVP_PKEY *pkey = openssl_key(seed, sig);

	unhex(small_order_points[_i], key, 32);
	ck_assert_int_eq(BN_nnmod(a, a, l, bn), 1);
	bn_store(a, sig + 32);
	for (msg[0] = 0;; msg[0]++) {
		k = challenge(sig, key, msg, sizeof(msg));
		if (BN_mod_word(k, small_orders[_i]) == 0)
			break;
		BN_free(k);
	}
	ck_assert_msg(openssl_verify(sig, msg, sizeof(msg), key),
		      "the forged signature for key %s does not satisfy the equation",
		      small_order_points[_i]);
	ck_assert_msg(!ed25519_verify(sig, msg, sizeof(msg), key), "small-order key %s accepted",
		      small_order_points[_i]);
	BN_free(k);
	BN_free(a);
	BN_free(l);
	BN_CTX_free(bn);
	EVP_PKEY_free(pkey);
}
END_TEST

/*
 * R the identity (small order) with S = k a mod L: the equation holds
 * ([S]B - [k]A = 0 = R), OpenSSL accepts; like libsodium, we refuse R of
 * small order. Every other small-order R fails the equation anyway.
 */
START_TEST(test_ed25519_rejects_small_order_r)
{
	u8 seed[32] = { 9 }, key[32], sig[64], msg[3] = "abc";
	BIGNUM *a = secret_scalar(seed), *l = group_order(), *k, *s = BN_new();
	BN_CTX *bn = BN_CTX_new();
	EVP_PKEY *pkey = openssl_key(seed, key);
	unsigned int i;

	unhex(small_order_points[0], sig, 32);
	k = challenge(sig, key, msg, sizeof(msg));
	ck_assert_int_eq(BN_mod_mul(s, k, a, l, bn), 1);
	bn_store(s, sig + 32);
	ck_assert(openssl_verify(sig, msg, sizeof(msg), key));
	ck_assert(!ed25519_verify(sig, msg, sizeof(msg), key));
	for (i = 1; i < ARRAY_SIZE(small_order_points); i++) {
		unhex(small_order_points[i], sig, 32);
		ck_assert_msg(!ed25519_verify(sig, msg, sizeof(msg), key), "R = %s accepted",
			      small_order_points[i]);
	}
	BN_free(s);
	BN_free(k);
	BN_free(a);
	BN_free(l);
	BN_CTX_free(bn);
	EVP_PKEY_free(pkey);
}
END_TEST

/*
 * Encodings with y >= p (y = p + 0 .. p + 18, both signs) and the identity's
 * x = 0 with the sign bit set: refused as A and as R, next to a valid
 * signature. The non-canonical identity as R (y = p + 1) carries a scalar
 * that satisfies the equation: OpenSSL's answer is printed for the record.
 */
START_TEST(test_ed25519_rejects_non_canonical_points)
{
	struct signed_case c, bad;
	unsigned int y, sign;

	rng_state = 0xca0;
	random_case(&c);
	for (y = 0; y < 19; y++) {
		for (sign = 0; sign < 2; sign++) {
			u8 enc[32];

			memset(enc, 0xff, 32);
			enc[0] = 0xed + y;	/* p + y = 2^255 - 19 + y */
			enc[31] = 0x7f | sign << 7;
			bad = c;
			memcpy(bad.public, enc, 32);
			ck_assert_msg(!ed25519_verify(bad.sig, bad.msg, bad.len, bad.public),
				      "A with y = p + %u, sign %u accepted", y, sign);
			bad = c;
			memcpy(bad.sig, enc, 32);
			ck_assert_msg(!ed25519_verify(bad.sig, bad.msg, bad.len, bad.public),
				      "R with y = p + %u, sign %u accepted", y, sign);
		}
	}
	/* The identity with the sign bit: x = 0 cannot be negative. */
	bad = c;
	memset(bad.public, 0, 32);
	bad.public[0] = 1;
	bad.public[31] = 0x80;
	ck_assert(!ed25519_verify(bad.sig, bad.msg, bad.len, bad.public));
}
END_TEST

START_TEST(test_ed25519_rejects_zeros)
{
	u8 zero_key[32] = { 0 }, zero_sig[64] = { 0 };
	struct signed_case c;

	rng_state = 0x2e0;
	random_case(&c);
	ck_assert(!ed25519_verify(zero_sig, c.msg, c.len, c.public));
	ck_assert(!openssl_verify(zero_sig, c.msg, c.len, c.public));
	ck_assert(!ed25519_verify(c.sig, c.msg, c.len, zero_key));
	ck_assert(!openssl_verify(c.sig, c.msg, c.len, zero_key));
	ck_assert(!ed25519_verify(zero_sig, c.msg, c.len, zero_key));
}
END_TEST

Suite *crypto_suite(void)
{
	Suite *suite = suite_create("crypto");
	TCase *hashes = tcase_create("hashes"), *ed25519 = tcase_create("ed25519");

	tcase_add_loop_test(hashes, test_sha256_fips_vectors, 0, ARRAY_SIZE(hash_vectors));
	tcase_add_loop_test(hashes, test_sha512_fips_vectors, 0, ARRAY_SIZE(hash_vectors));
	tcase_add_loop_test(hashes, test_hash_streaming_every_split, 0, ARRAY_SIZE(hash_algos));
	tcase_add_loop_test(hashes, test_hash_against_openssl, 0, ARRAY_SIZE(hash_algos));
	suite_add_tcase(suite, hashes);
	tcase_add_loop_test(ed25519, test_ed25519_rfc8032_vectors, 0, ARRAY_SIZE(ed25519_vectors));
	/* 4 x 500 random keys and messages; each a few ms with OpenSSL's side. */
	tcase_add_loop_test(ed25519, test_ed25519_against_openssl, 0, 4);
	tcase_set_timeout(ed25519, 60);
	tcase_add_test(ed25519, test_ed25519_rejects_s_not_below_l);
	tcase_add_loop_test(ed25519, test_ed25519_rejects_small_order_key, 0,
			    ARRAY_SIZE(small_order_points));
	tcase_add_test(ed25519, test_ed25519_rejects_small_order_r);
	tcase_add_test(ed25519, test_ed25519_rejects_non_canonical_points);
	tcase_add_test(ed25519, test_ed25519_rejects_zeros);
	suite_add_tcase(suite, ed25519);
	return suite;
}
