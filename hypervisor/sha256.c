// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 (FIPS 180-4, section 6.2) and the block buffering SHA-512 shares.
 * The rounds in C, unless the CPU has SHA-256 instructions
 * (arch_sha256_blocks(), e.g. hypervisor/arch/arm64/sha256-ce.S).
 */
#include <bulkhead/crypto.h>
#include <bulkhead/string.h>

/* Fractional parts of the cube roots of the first 64 primes (section 4.2.2). */
const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Fractional parts of the square roots of the first 8 primes (section 5.3.3). */
static const u32 sha256_h0[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline u32 ror32(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static u32 load_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* Where no arch code links in (host builds, CPUs without such instructions): the C rounds. */
bool __attribute__((weak)) arch_sha256_blocks(u32 state[8], const u8 *data, size_t blocks)
{
	return false;
}

void sha256_blocks_generic(u32 h[8], const u8 *data, size_t blocks)
{
	u32 w[64], a, b, c, d, e, f, g, k, t1, t2;
	unsigned int i;

	for (; blocks; blocks--, data += SHA256_BLOCK_SIZE) {
		for (i = 0; i < 16; i++)
			w[i] = load_be32(data + 4 * i);
		for (; i < 64; i++)
			w[i] = w[i - 16] + w[i - 7] +
			       (ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3)) +
			       (ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10));
		a = h[0]; b = h[1]; c = h[2]; d = h[3];
		e = h[4]; f = h[5]; g = h[6]; k = h[7];
		for (i = 0; i < 64; i++) {
			t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
			     ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
			t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
			     ((a & b) ^ (a & c) ^ (b & c));
			k = g; g = f; f = e; e = d + t1;
			d = c; c = b; b = a; a = t1 + t2;
		}
		h[0] += a; h[1] += b; h[2] += c; h[3] += d;
		h[4] += e; h[5] += f; h[6] += g; h[7] += k;
	}
}

static void sha256_blocks(void *state, const u8 *data, size_t blocks)
{
	if (!arch_sha256_blocks(state, data, blocks))
		sha256_blocks_generic(state, data, blocks);
}

void hash_absorb(void *state, hash_blocks_fn blocks, u8 *buffer, size_t block_size,
		 u64 *bytes, const u8 *data, size_t len)
{
	size_t used = *bytes % block_size, take, whole;

	*bytes += len;
	if (used) {
		take = MIN(len, block_size - used);
		memcpy(buffer + used, data, take);
		data += take;
		len -= take;
		if (used + take < block_size)
			return;
		blocks(state, buffer, 1);
	}
	whole = len / block_size;
	if (whole)
		blocks(state, data, whole);
	memcpy(buffer, data + whole * block_size, len % block_size);
}

void hash_pad(void *state, hash_blocks_fn blocks, u8 *buffer, size_t block_size,
	      u64 bytes, size_t len_size)
{
	size_t used = bytes % block_size;
	u64 bits = bytes << 3;
	unsigned int i;

	buffer[used++] = 0x80;
	if (used > block_size - len_size) {
		memset(buffer + used, 0, block_size - used);
		blocks(state, buffer, 1);
		used = 0;
	}
	memset(buffer + used, 0, block_size - used);
	/* Messages stay below 2^61 bytes: the count's upper bytes stay zero. */
	for (i = 0; i < 8; i++)
		buffer[block_size - 1 - i] = (u8)(bits >> (8 * i));
	blocks(state, buffer, 1);
}

void sha256_init(struct sha256_ctx *ctx)
{
	memcpy(ctx->state, sha256_h0, sizeof(ctx->state));
	ctx->bytes = 0;
}

void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	hash_absorb(ctx->state, sha256_blocks, ctx->buffer, SHA256_BLOCK_SIZE, &ctx->bytes,
		    data, len);
}

void sha256_final(struct sha256_ctx *ctx, u8 digest[SHA256_DIGEST_SIZE])
{
	unsigned int i;

	hash_pad(ctx->state, sha256_blocks, ctx->buffer, SHA256_BLOCK_SIZE, ctx->bytes, 8);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		digest[i] = (u8)(ctx->state[i / 4] >> (24 - 8 * (i % 4)));
	memset(ctx, 0, sizeof(*ctx));
}

void sha256(const void *data, size_t len, u8 digest[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, digest);
}
