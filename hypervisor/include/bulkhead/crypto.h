/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hashes and signature verification for image integrity (issue 12):
 * SHA-256 (FIPS 180-4) for image digests, SHA-512 for Ed25519, and Ed25519
 * verification (RFC 8032). Freestanding; the tools and unit tests compile the
 * same files on the host (BULKHEAD_HOST_BUILD).
 *
 * Constant time: verification handles only public data (key, message,
 * signature), yet the field and scalar arithmetic in ed25519.c has no branch
 * and no table index that depends on the values it computes, so the code stays
 * safe if it is ever used with secrets. Only the checks that reject malformed
 * input (non-canonical encodings, S >= L, small-order keys) branch, on public
 * bytes. The hashes process every byte the same way.
 */
#ifndef _BULKHEAD_CRYPTO_H
#define _BULKHEAD_CRYPTO_H

#include <bulkhead/types.h>

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64
#define SHA512_DIGEST_SIZE	64
#define SHA512_BLOCK_SIZE	128
#define ED25519_KEY_SIZE	32
#define ED25519_SIG_SIZE	64

struct sha256_ctx {
	u32 state[8];
	u64 bytes;			/* hashed so far */
	u8 buffer[SHA256_BLOCK_SIZE];	/* the partial block: bytes % 64 of it */
};

struct sha512_ctx {
	u64 state[8];
	u64 bytes;
	u8 buffer[SHA512_BLOCK_SIZE];
};

/**
 * sha256_init() - start a SHA-256 computation
 * sha256_update() - hash @len more bytes at @data (any split gives the same digest)
 * sha256_final() - write the digest of everything hashed; @ctx needs init before reuse
 * sha256() - one-shot digest of @len bytes at @data
 */
void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx, u8 digest[SHA256_DIGEST_SIZE]);
void sha256(const void *data, size_t len, u8 digest[SHA256_DIGEST_SIZE]);

/*
 * The compression function on @blocks 64-byte blocks: in C, and the CPU's
 * SHA-256 instructions if it has them (false, nothing done, if not; the
 * default, a weak symbol, always says false). sha256_k: the round constants.
 */
extern const u32 sha256_k[64];
void sha256_blocks_generic(u32 state[8], const u8 *data, size_t blocks);
bool arch_sha256_blocks(u32 state[8], const u8 *data, size_t blocks);

/* The same for SHA-512. */
void sha512_init(struct sha512_ctx *ctx);
void sha512_update(struct sha512_ctx *ctx, const void *data, size_t len);
void sha512_final(struct sha512_ctx *ctx, u8 digest[SHA512_DIGEST_SIZE]);
void sha512(const void *data, size_t len, u8 digest[SHA512_DIGEST_SIZE]);

/**
 * ed25519_verify() - check an Ed25519 signature (RFC 8032, section 5.1.7)
 * @sig: R (32 bytes) then S (32 bytes, little-endian)
 * @msg: the signed message, @len bytes
 * @key: the public key A
 *
 * Strict, as libsodium and OpenSSL agree: rejects S >= L, a non-canonical
 * encoding of A or R (y >= p, or x = 0 with the sign bit set), an A of small
 * order, and checks [S]B = R + [k]A by comparing the encoding of [S]B - [k]A
 * with R's bytes.
 *
 * Return: true if the signature is valid for @msg under @key.
 */
bool ed25519_verify(const u8 sig[ED25519_SIG_SIZE], const void *msg, size_t len,
		    const u8 key[ED25519_KEY_SIZE]);

/*
 * Block buffering shared by the two hashes (Merkle-Damgard): absorb @len bytes
 * into @buffer of @block_size, calling @blocks for every full block.
 */
typedef void (*hash_blocks_fn)(void *state, const u8 *data, size_t blocks);
void hash_absorb(void *state, hash_blocks_fn blocks, u8 *buffer, size_t block_size,
		 u64 *bytes, const u8 *data, size_t len);
/* Pad with 0x80, zeros and the big-endian bit count in the last @len_size bytes. */
void hash_pad(void *state, hash_blocks_fn blocks, u8 *buffer, size_t block_size,
	      u64 bytes, size_t len_size);

#endif /* !_BULKHEAD_CRYPTO_H */
