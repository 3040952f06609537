// SPDX-License-Identifier: GPL-2.0
/*
 * Ed25519 signature verification (RFC 8032, section 5.1.7).
 *
 * Field elements mod p = 2^255 - 19 are five 51-bit limbs; products go
 * through 128-bit integers (one MUL and one UMULH on arm64). Every field
 * operation runs the same instructions whatever the values: no branch and no
 * memory index depends on them (selection is by masks, fe_select()). Points
 * are in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, and one
 * complete addition formula serves for doubling too. Constants are kept in
 * their 32-byte encodings and decoded where used: no precomputed tables.
 */
#include <bulkhead/crypto.h>
#include <bulkhead/string.h>

typedef unsigned __int128 u128;

#define LIMB_MASK	((1ULL << 51) - 1)

struct fe {
	u64 v[5];	/* each below 2^51 + 2^14 between operations */
};

struct point {
	struct fe x, y, z, t;
};

/* d = -121665/121666 mod p, the curve constant. */
static const u8 curve_d[32] = {
	0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
	0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52,
};

/* 2^((p - 1) / 4), a square root of -1. */
static const u8 sqrt_minus_one[32] = {
	0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
	0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b,
};

/* The base point B: y = 4/5, x even. */
static const u8 base_point[32] = {
	0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
	0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
};

/* The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian 64-bit words. */
static const u64 group_order[4] = {
	0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0x0000000000000000, 0x1000000000000000,
};

static u64 load_le64(const u8 *p)
{
	u64 x = 0;
	int i;

	for (i = 7; i >= 0; i--)
		x = x << 8 | p[i];
	return x;
}

static void store_le64(u8 *p, u64 x)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		p[i] = (u8)(x >> (8 * i));
}

/* Reads y from 255 bits of @s, without reducing mod p; the top bit is x's sign, not y's. */
static void fe_frombytes(struct fe *h, const u8 s[32])
{
	unsigned int i, bit, byte;

	for (i = 0; i < 5; i++) {
		bit = 51 * i;
		byte = MIN(bit / 8, 24);
		h->v[i] = (load_le64(s + byte) >> (bit - 8 * byte)) & LIMB_MASK;
	}
}

/* Carries @r into 51-bit limbs, folding 2^255 back as 19. */
static void fe_carry(struct fe *h, u128 r[5])
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		r[i + 1] += r[i] >> 51;
		r[i] &= LIMB_MASK;
	}
	r[0] += 19 * (r[4] >> 51);
	r[4] &= LIMB_MASK;
	r[1] += r[0] >> 51;
	r[0] &= LIMB_MASK;
	for (i = 0; i < 5; i++)
		h->v[i] = (u64)r[i];
}

static void fe_add(struct fe *h, const struct fe *f, const struct fe *g)
{
	u128 r[5];
	unsigned int i;

	for (i = 0; i < 5; i++)
		r[i] = (u128)f->v[i] + g->v[i];
	fe_carry(h, r);
}

/* f - g + 2p: limbs stay positive, as g's are below 2^52 - 38. */
static void fe_sub(struct fe *h, const struct fe *f, const struct fe *g)
{
	u128 r[5];
	unsigned int i;

	for (i = 0; i < 5; i++)
		r[i] = (u128)f->v[i] + 2 * LIMB_MASK - g->v[i];
	r[0] -= 36;
	fe_carry(h, r);
}

static void fe_mul(struct fe *h, const struct fe *f, const struct fe *g)
{
	const u64 *a = f->v, *b = g->v;
	u64 b19[5];
	u128 r[5];
	unsigned int i, j;

	/* a_i b_j with i + j >= 5 weighs 2^255 more: times 19. */
	for (i = 0; i < 5; i++)
		b19[i] = 19 * b[i];
	for (i = 0; i < 5; i++) {
		r[i] = 0;
		for (j = 0; j < 5; j++)
			r[i] += (u128)a[j] * (j <= i ? b[i - j] : b19[i + 5 - j]);
	}
	fe_carry(h, r);
}

/* z^(2^252 - 3) = z^((p - 5) / 8): all exponent bits set but bit 1 (the exponent is public). */
static void fe_pow22523(struct fe *h, const struct fe *z)
{
	struct fe r = *z;
	int bit;

	for (bit = 250; bit >= 0; bit--) {
		fe_mul(&r, &r, &r);
		if (bit != 1)
			fe_mul(&r, &r, z);
	}
	*h = r;
}

/* 1/z = z^(p - 2) = (z^(2^252 - 3))^8 * z^3. */
static void fe_invert(struct fe *h, const struct fe *z)
{
	struct fe r, z3;

	fe_pow22523(&r, z);
	fe_mul(&r, &r, &r);
	fe_mul(&r, &r, &r);
	fe_mul(&r, &r, &r);
	fe_mul(&z3, z, z);
	fe_mul(&z3, &z3, z);
	fe_mul(h, &r, &z3);
}

/* The canonical encoding: the value mod p (f is below 2p in carried form), 255 bits. */
static void fe_tobytes(u8 s[32], const struct fe *f)
{
	u64 h[5], q;
	unsigned int i;

	/* q = 1 if f >= p, i.e. if f + 19 reaches 2^255; then f - p = f + 19 - 2^255. */
	q = (f->v[0] + 19) >> 51;
	for (i = 1; i < 5; i++)
		q = (f->v[i] + q) >> 51;
	h[0] = f->v[0] + 19 * q;
	for (i = 1; i < 5; i++) {
		h[i] = f->v[i] + (h[i - 1] >> 51);
		h[i - 1] &= LIMB_MASK;
	}
	h[4] &= LIMB_MASK;
	store_le64(s, h[0] | h[1] << 51);
	store_le64(s + 8, h[1] >> 13 | h[2] << 38);
	store_le64(s + 16, h[2] >> 26 | h[3] << 25);
	store_le64(s + 24, h[3] >> 39 | h[4] << 12);
}

static bool fe_is_zero(const struct fe *f)
{
	u8 s[32], any = 0;
	unsigned int i;

	fe_tobytes(s, f);
	for (i = 0; i < 32; i++)
		any |= s[i];
	return any == 0;
}

/* "Negative" means odd (RFC 8032, section 5.1.2): the sign bit of x. */
static unsigned int fe_is_negative(const struct fe *f)
{
	u8 s[32];

	fe_tobytes(s, f);
	return s[0] & 1;
}

/* h = f if @choose is 1, else h stays (@choose is 0 or 1), by masks, not branches. */
static void fe_select(struct fe *h, const struct fe *f, unsigned int choose)
{
	u64 mask = -(u64)choose;
	unsigned int i;

	for (i = 0; i < 5; i++)
		h->v[i] ^= mask & (h->v[i] ^ f->v[i]);
}

static void fe_neg(struct fe *h, const struct fe *f)
{
	struct fe zero = { { 0 } };

	fe_sub(h, &zero, f);
}

static void fe_one(struct fe *h)
{
	*h = (struct fe){ { 1 } };
}

/*
 * P + Q in extended coordinates for a = -1 (Hisil, Wong, Carter, Dawson 2008,
 * "add-2008-hwcd-3"): complete on this curve, so it doubles too.
 */
static void point_add(struct point *r, const struct point *p, const struct point *q)
{
	struct fe a, b, c, d, e, f, g, h, t, d2;

	fe_sub(&a, &p->y, &p->x);
	fe_sub(&t, &q->y, &q->x);
	fe_mul(&a, &a, &t);
	fe_add(&b, &p->y, &p->x);
	fe_add(&t, &q->y, &q->x);
	fe_mul(&b, &b, &t);
	fe_frombytes(&d2, curve_d);
	fe_add(&d2, &d2, &d2);
	fe_mul(&c, &p->t, &q->t);
	fe_mul(&c, &c, &d2);
	fe_mul(&d, &p->z, &q->z);
	fe_add(&d, &d, &d);
	fe_sub(&e, &b, &a);
	fe_sub(&f, &d, &c);
	fe_add(&g, &d, &c);
	fe_add(&h, &b, &a);
	fe_mul(&r->x, &e, &f);
	fe_mul(&r->y, &g, &h);
	fe_mul(&r->t, &e, &h);
	fe_mul(&r->z, &f, &g);
}

static void point_identity(struct point *p)
{
	memset(p, 0, sizeof(*p));
	fe_one(&p->y);
	fe_one(&p->z);
}

static void point_select(struct point *r, const struct point *p, unsigned int choose)
{
	fe_select(&r->x, &p->x, choose);
	fe_select(&r->y, &p->y, choose);
	fe_select(&r->z, &p->z, choose);
	fe_select(&r->t, &p->t, choose);
}

/*
 * Decodes a point (RFC 8032, section 5.1.3), strictly: y must be below p and
 * x = 0 must come with sign bit 0. Branches only on the (public) outcome.
 */
static bool point_decode(struct point *p, const u8 s[32])
{
	struct fe u, v, v3, w, check, root;
	u8 canonical[32];
	unsigned int sign = s[31] >> 7;

	fe_frombytes(&p->y, s);
	fe_tobytes(canonical, &p->y);
	canonical[31] |= (u8)(sign << 7);
	if (memcmp(canonical, s, 32))
		return false;
	fe_one(&p->z);
	/* x^2 = u / v with u = y^2 - 1, v = d y^2 + 1 */
	fe_mul(&u, &p->y, &p->y);
	fe_frombytes(&v, curve_d);
	fe_mul(&v, &v, &u);
	fe_sub(&u, &u, &p->z);
	fe_add(&v, &v, &p->z);
	/* candidate x = u v^3 (u v^7)^((p - 5) / 8) */
	fe_mul(&v3, &v, &v);
	fe_mul(&v3, &v3, &v);
	fe_mul(&w, &v3, &v3);
	fe_mul(&w, &w, &v);
	fe_mul(&w, &w, &u);
	fe_pow22523(&w, &w);
	fe_mul(&w, &w, &v3);
	fe_mul(&p->x, &w, &u);
	/* v x^2 = u: x is a root; v x^2 = -u: x sqrt(-1) is; else there is none. */
	fe_mul(&check, &p->x, &p->x);
	fe_mul(&check, &check, &v);
	fe_sub(&check, &check, &u);
	if (!fe_is_zero(&check)) {
		fe_add(&check, &check, &u);
		fe_add(&check, &check, &u);
		if (!fe_is_zero(&check))
			return false;
		fe_frombytes(&root, sqrt_minus_one);
		fe_mul(&p->x, &p->x, &root);
	}
	if (fe_is_zero(&p->x) && sign)
		return false;
	fe_neg(&root, &p->x);
	fe_select(&p->x, &root, fe_is_negative(&p->x) ^ sign);
	fe_mul(&p->t, &p->x, &p->y);
	return true;
}

static void point_encode(u8 s[32], const struct point *p)
{
	struct fe zinv, x, y;

	fe_invert(&zinv, &p->z);
	fe_mul(&x, &p->x, &zinv);
	fe_mul(&y, &p->y, &zinv);
	fe_tobytes(s, &y);
	s[31] |= (u8)(fe_is_negative(&x) << 7);
}

/* Small order (1, 2, 4 or 8): [8]P is the identity, whose x is 0. */
static bool point_has_small_order(const struct point *p)
{
	struct point q = *p;
	unsigned int i;

	for (i = 0; i < 3; i++)
		point_add(&q, &q, &q);
	return fe_is_zero(&q.x);
}

/* S < L, compared from the top (S is public). */
static bool scalar_is_canonical(const u8 s[32])
{
	int i;

	for (i = 3; i >= 0; i--) {
		u64 word = load_le64(s + 8 * i);

		if (word != group_order[i])
			return word < group_order[i];
	}
	return false;
}

/*
 * @digest (64 bytes, little-endian) mod L, bit by bit from the top:
 * r = 2r + bit, minus L when that does not borrow. Small, not fast.
 */
static void scalar_reduce(u8 out[32], const u8 digest[64])
{
	u64 r[4] = { 0 }, t[4], borrow, keep;
	unsigned int bit, i;

	for (bit = 512; bit-- > 0;) {
		for (i = 3; i > 0; i--)
			r[i] = r[i] << 1 | r[i - 1] >> 63;
		r[0] = r[0] << 1 | ((digest[bit / 8] >> (bit % 8)) & 1);
		borrow = 0;
		for (i = 0; i < 4; i++) {
			u128 diff = (u128)r[i] - group_order[i] - borrow;

			t[i] = (u64)diff;
			borrow = (u64)(diff >> 64) & 1;
		}
		keep = -borrow;	/* all ones: r < L, keep r */
		for (i = 0; i < 4; i++)
			r[i] = (r[i] & keep) | (t[i] & ~keep);
	}
	for (i = 0; i < 4; i++)
		store_le64(out + 8 * i, r[i]);
}

static unsigned int scalar_bit(const u8 s[32], unsigned int bit)
{
	return (s[bit / 8] >> (bit % 8)) & 1;
}

/*
 * [s]B + [k]N, both at once (Straus): per bit, one doubling and one addition
 * of 0, B, N or B + N, picked by masks from all four.
 */
static void double_scalar_mul(struct point *r, const u8 s[32], const struct point *b,
			      const u8 k[32], const struct point *n)
{
	struct point table[4], addend;
	unsigned int bit, i, index;

	point_identity(&table[0]);
	table[1] = *b;
	table[2] = *n;
	point_add(&table[3], b, n);
	point_identity(r);
	for (bit = 256; bit-- > 0;) {
		point_add(r, r, r);
		index = scalar_bit(s, bit) | scalar_bit(k, bit) << 1;
		for (i = 0; i < 4; i++)
			point_select(&addend, &table[i], i == index);
		point_add(r, r, &addend);
	}
}

bool ed25519_verify(const u8 sig[ED25519_SIG_SIZE], const void *msg, size_t len,
		    const u8 key[ED25519_KEY_SIZE])
{
	struct point a, r, b, check;
	struct sha512_ctx ctx;
	u8 digest[SHA512_DIGEST_SIZE], k[32], encoded[32];

	if (!scalar_is_canonical(sig + 32))
		return false;
	if (!point_decode(&a, key) || point_has_small_order(&a))
		return false;
	if (!point_decode(&r, sig) || point_has_small_order(&r))
		return false;
	/* k = SHA-512(R || A || M) mod L */
	sha512_init(&ctx);
	sha512_update(&ctx, sig, 32);
	sha512_update(&ctx, key, ED25519_KEY_SIZE);
	sha512_update(&ctx, msg, len);
	sha512_final(&ctx, digest);
	scalar_reduce(k, digest);
	/* [S]B - [k]A must encode to R's bytes. */
	point_decode(&b, base_point);
	fe_neg(&a.x, &a.x);
	fe_neg(&a.t, &a.t);
	double_scalar_mul(&check, sig + 32, &b, k, &a);
	point_encode(encoded, &check);
	return !memcmp(encoded, sig, 32);
}
