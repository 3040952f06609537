// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own crypto objects (hypervisor/sha256.o, sha512.o,
 * ed25519.o, arch/arm64/sha256-ce.o, linked in unchanged) timed on the bare
 * board for make bench: under -icount shift=0 a nanosecond of counter time is
 * one instruction. Checks every answer, so it never times a wrong path, and
 * compares the SHA-256 instructions' blocks with the C rounds'. Prints:
 *   cryptobench: sha256 1 MiB A ns (C rounds B ns), sha512 1 MiB C ns, ed25519 verify D ns
 * or "cryptobench: FAILED ..." (A is the C rounds' on a CPU without FEAT_SHA256).
 */
#include <inmate.h>

/* From hypervisor/include/bulkhead/crypto.h (its types clash with the library's). */
void sha256(const void *data, size_t len, unsigned char digest[32]);
void sha256_blocks_generic(unsigned int state[8], const unsigned char *data, size_t blocks);
bool arch_sha256_blocks(unsigned int state[8], const unsigned char *data, size_t blocks);
void sha512(const void *data, size_t len, unsigned char digest[64]);
bool ed25519_verify(const unsigned char sig[64], const void *msg, size_t len,
		    const unsigned char key[32]);

#define MIB	(1UL << 20)

static unsigned char data[MIB];

/* RFC 8032, section 7.1, TEST 3: a two-byte message. */
static const unsigned char key[32] = {
	0xfc, 0x51, 0xcd, 0x8e, 0x62, 0x18, 0xa1, 0xa3, 0x8d, 0xa4, 0x7e, 0xd0, 0x02, 0x30, 0xf0, 0x58,
	0x08, 0x16, 0xed, 0x13, 0xba, 0x33, 0x03, 0xac, 0x5d, 0xeb, 0x91, 0x15, 0x48, 0x90, 0x80, 0x25,
};
static unsigned char sig[64] = {
	0x62, 0x91, 0xd6, 0x57, 0xde, 0xec, 0x24, 0x02, 0x48, 0x27, 0xe6, 0x9c, 0x3a, 0xbe, 0x01, 0xa3,
	0x0c, 0xe5, 0x48, 0xa2, 0x84, 0x74, 0x3a, 0x44, 0x5e, 0x36, 0x80, 0xd7, 0xdb, 0x5a, 0xc3, 0xac,
	0x18, 0xff, 0x9b, 0x53, 0x8d, 0x16, 0xf2, 0x90, 0xae, 0x67, 0xf7, 0x60, 0x98, 0x4d, 0xc6, 0x59,
	0x4a, 0x7c, 0x15, 0xe9, 0x71, 0x6e, 0xd2, 0x8d, 0xc0, 0x27, 0xbe, 0xce, 0xea, 0x1e, 0xc4, 0x0a,
};
static const unsigned char msg[2] = { 0xaf, 0x82 };

/* SHA-256("abc"), FIPS 180-4. */
static const unsigned char abc_sha256[32] = {
	0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
	0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
};

/* SHA-256 of data[] as filled below (computed with Python's hashlib). */
static const unsigned char data_sha256[32] = {
	0x3e, 0xd6, 0xee, 0x44, 0x4c, 0x4c, 0x28, 0x33, 0xb1, 0xfb, 0xae, 0x83, 0x17, 0x78, 0x76, 0x8f,
	0xda, 0x71, 0x96, 0xc0, 0x52, 0xb2, 0xf5, 0x75, 0x62, 0x05, 0x8c, 0x53, 0x40, 0x7c, 0x4c, 0x66,
};

static unsigned long elapsed_ns(unsigned long start)
{
	return ticks_to_ns(timer_ticks() - start);
}

static void __noreturn fail(const char *what)
{
	printk("cryptobench: FAILED: %s\n", what);
	halt();
}

/*
 * The C rounds over all of data[], timed; with the SHA-256 instructions too
 * (when the CPU has them), which must end in the same state.
 */
static unsigned long sha256_rounds_in_c(void)
{
	unsigned int c_state[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, ce_state[8];
	unsigned long start = timer_ticks(), c_ns;

	memcpy(ce_state, c_state, sizeof(ce_state));
	sha256_blocks_generic(c_state, data, MIB / 64);
	c_ns = elapsed_ns(start);
	if (arch_sha256_blocks(ce_state, data, MIB / 64) && memcmp(c_state, ce_state, 32))
		fail("the SHA-256 instructions and the C rounds differ");
	return c_ns;
}

void inmate_main(void)
{
	unsigned long start, sha256_ns, sha256_c_ns, sha512_ns, verify_ns, i;
	unsigned char digest[64];
	bool valid;

	/* The SHA-256 instructions are Advanced SIMD ones: let EL1 use them. */
	asm volatile("msr cpacr_el1, %0\n\tisb" : : "r"(3UL << 20));
	for (i = 0; i < MIB; i++)
		data[i] = (unsigned char)(i * 7 + (i >> 12));
	sha256("abc", 3, digest);
	if (memcmp(digest, abc_sha256, 32))
		fail("SHA-256 of \"abc\"");
	sig[40] ^= 1;
	if (ed25519_verify(sig, msg, sizeof(msg), key))
		fail("a forged signature verifies");
	sig[40] ^= 1;
	start = timer_ticks();
	sha256(data, MIB, digest);
	sha256_ns = elapsed_ns(start);
	if (memcmp(digest, data_sha256, 32))
		fail("SHA-256 of 1 MiB");
	sha256_c_ns = sha256_rounds_in_c();
	start = timer_ticks();
	sha512(data, MIB, digest);
	sha512_ns = elapsed_ns(start);
	start = timer_ticks();
	valid = ed25519_verify(sig, msg, sizeof(msg), key);
	verify_ns = elapsed_ns(start);
	if (!valid)
		fail("RFC 8032 TEST 3 signature refused");
	printk("cryptobench: sha256 1 MiB %lu ns (C rounds %lu ns), sha512 1 MiB %lu ns, "
	       "ed25519 verify %lu ns\n", sha256_ns, sha256_c_ns, sha512_ns, verify_ns);
	halt();
}
