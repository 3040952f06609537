// SPDX-License-Identifier: GPL-2.0
/*
 * Image integrity (hypervisor/integrity.c) on the host hypervisor of
 * hv_fakes.c: SET_BOOT takes only well-formed manifests; a start checks the
 * digest of every segment in the cell's memory and, with a key pinned in the
 * system config, the Ed25519 signature (made here with OpenSSL) over the
 * manifest. Each refusal says which check failed, posts IMAGE_REFUSED, and
 * leaves the cell loadable, shut down, with its boot parameters.
 */
#include <string.h>

#include <openssl/evp.h>

#include <bulkhead/crypto.h>
#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <asm/mmu.h>

#include "hv_fakes.h"
#include "unit.h"

#define RAM		0x71a00000UL
#define CELL_CPU	1

static struct cell *cell;

static const u8 pinned_seed[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
static const u8 other_seed[32] = { 9, 8, 7, 6, 5, 4, 3, 2, 1 };

static void integrity_setup(void)
{
	hv_boot();
	cell = hv_create_ok(hv_cell("a", "1", "", RAM, ""));
	ck_assert_int_eq(cell_set_loadable(cell->id), 0);
	hv_image_fill(0x5a);
}

/* OpenSSL's Ed25519 with the private key @seed: @sig over @len bytes at @msg, or @key. */
static void openssl_ed25519(const u8 seed[32], const void *msg, size_t len, u8 sig[64],
			    u8 key[32])
{
	EVP_PKEY *pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t size = 64;

	ck_assert(pkey && ctx);
	if (key) {
		size = 32;
		ck_assert(EVP_PKEY_get_raw_public_key(pkey, key, &size) == 1 && size == 32);
	} else {
		ck_assert(EVP_DigestSignInit(ctx, NULL, NULL, NULL, pkey) == 1);
		ck_assert(EVP_DigestSign(ctx, sig, &size, msg, len) == 1 && size == 64);
	}
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
}

/* The system config pins the public key of @seed (as cellc's image-key sets it). */
static void pin_key(const u8 seed[32])
{
	struct bulkhead_system *sys = (struct bulkhead_system *)system_desc();

	openssl_ed25519(seed, NULL, 0, NULL, sys->image_key);
	sys->flags |= BULKHEAD_SYSTEM_SIGNED_IMAGES;
}

/* @params signed with @seed for the cell called @name (boot.h: manifest, then name). */
static void sign_for(struct bulkhead_boot_params *params, const u8 seed[32], const char *name)
{
	u8 message[BULKHEAD_BOOT_SIGNED_SIZE] = { 0 };

	params->flags |= BULKHEAD_BOOT_SIGNED;
	memcpy(message, params, BULKHEAD_BOOT_MANIFEST_SIZE);
	memcpy(message + BULKHEAD_BOOT_MANIFEST_SIZE, name, strlen(name));
	openssl_ed25519(seed, message, sizeof(message), params->signature, NULL);
}

static void sign(struct bulkhead_boot_params *params, const u8 seed[32])
{
	sign_for(params, seed, cell->name);
}

static long set_boot(void)
{
	return cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR);
}

static void assert_set_boot_refused(const char *text)
{
	struct bulkhead_boot_params before = cell->boot;

	console_capture_reset();
	ck_assert_int_eq(set_boot(), -EINVAL);
	assert_console_says(text);
	ck_assert(!memcmp(&before, &cell->boot, sizeof(before)));
}

/* The last event posted is IMAGE_REFUSED for the cell, @why, @segment. */
static void assert_refused_event(u64 why, u64 segment)
{
	const struct bulkhead_event *event = (void *)HV_COPY_WINDOW;
	long n = events_read(HV_CONFIG_ADDR, 1), last;

	ck_assert_int_gt(n, 0);
	for (last = 0; last + 1 < n; last++)
		;
	ck_assert_uint_eq(event[last].type, BULKHEAD_EVENT_IMAGE_REFUSED);
	ck_assert_uint_eq(event[last].cell, cell->id);
	ck_assert_uint_eq(event[last].detail, why);
	ck_assert_uint_eq(event[last].detail2, segment);
}

/* START refused with @err saying @text, and nothing changed: the root still holds the memory. */
static void assert_start_refused(long err, const char *text)
{
	struct bulkhead_boot_params before = cell->boot;

	console_capture_reset();
	ck_assert_int_eq(cell_start(cell->id), err);
	assert_console_says(text);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_SHUT_DOWN);
	ck_assert(cell->loadable);
	ck_assert_uint_eq(hv_root_maps(RAM), RAM);
	ck_assert(!per_cpu(CELL_CPU)->wake_pending);
	ck_assert(!memcmp(&before, &cell->boot, sizeof(before)));
}

START_TEST(test_params_known_flags_only)
{
	hv_boot_params(cell)->flags = 0x6;
	assert_set_boot_refused("boot parameters: flags 0x6, unknown 0x6");
}
END_TEST

START_TEST(test_params_need_a_segment)
{
	hv_boot_params(cell)->num_segments = 0;
	assert_set_boot_refused("boot parameters: no segments; the hypervisor starts only images it "
				"has a SHA-256 digest of");
}
END_TEST

/* What the signature does not cover must not vary: unused segments, an unsigned signature. */
START_TEST(test_params_unused_parts_zero)
{
	hv_boot_params(cell)->segments[7].sha256[31] = 1;
	assert_set_boot_refused("boot parameters: segment 7 is unused (1 segments) but not zero");
	hv_boot_params(cell)->signature[0] = 1;
	assert_set_boot_refused("boot parameters: a signature, but flag BULKHEAD_BOOT_SIGNED (0x1) "
				"is not set");
}
END_TEST

START_TEST(test_start_checks_the_digest)
{
	hv_boot_params(cell);
	ck_assert_int_eq(set_boot(), 0);
	/* The root rewrites one byte after handing over the digest. */
	((u8 *)HV_COPY_WINDOW)[0x7ff] ^= 1;
	assert_start_refused(-EBADMSG, "cell \"a\": refused to start: boot segment 0 (0x0+0x800) "
			     "does not match its SHA-256 digest");
	assert_refused_event(BULKHEAD_REFUSED_DIGEST, 0);
	/* Put back as it was: the same parameters start now. */
	hv_image_fill(0x5a);
	ck_assert_int_eq(cell_start(cell->id), 0);
	ck_assert(per_cpu(CELL_CPU)->wake_pending);
	ck_assert(!cell->loadable);
	ck_assert_uint_eq(hv_root_maps(RAM), ~0ULL);
}
END_TEST

/* Every segment is checked, not only the first. */
START_TEST(test_start_checks_every_segment)
{
	struct bulkhead_boot_params *params = hv_boot_params(cell);

	params->num_segments = 2;
	params->segments[1] = params->segments[0];
	params->segments[1].address = 0x10000;
	params->segments[1].sha256[5] ^= 0x80;
	ck_assert_int_eq(set_boot(), 0);
	assert_start_refused(-EBADMSG, "boot segment 1 (0x10000+0x800) does not match");
	assert_refused_event(BULKHEAD_REFUSED_DIGEST, 1);
}
END_TEST

/* Without a pinned key a signature is neither needed nor checked; digests still are. */
START_TEST(test_no_key_signature_ignored)
{
	struct bulkhead_boot_params *params = hv_boot_params(cell);

	params->flags = BULKHEAD_BOOT_SIGNED;
	memset(params->signature, 0xee, sizeof(params->signature));
	ck_assert_int_eq(set_boot(), 0);
	ck_assert_int_eq(cell_start(cell->id), 0);
}
END_TEST

START_TEST(test_pinned_key_needs_a_signature)
{
	pin_key(pinned_seed);
	hv_boot_params(cell);
	ck_assert_int_eq(set_boot(), 0);
	assert_start_refused(-EKEYREJECTED, "cell \"a\": refused to start: its boot parameters are "
			     "not signed, and the system config requires images signed by its image "
			     "key");
	assert_refused_event(BULKHEAD_REFUSED_SIGNATURE, 0);
}
END_TEST

START_TEST(test_pinned_key_refuses_another_key)
{
	pin_key(pinned_seed);
	sign(hv_boot_params(cell), other_seed);
	ck_assert_int_eq(set_boot(), 0);
	assert_start_refused(-EKEYREJECTED, "refused to start: the signature of its boot parameters "
			     "(entry 0x0, 1 segments) for cell \"a\" does not verify with the "
			     "system's image key");
	assert_refused_event(BULKHEAD_REFUSED_SIGNATURE, 0);
}
END_TEST

/* A signature the key made, over other parameters: each field of the manifest is covered. */
START_TEST(test_pinned_key_refuses_a_replayed_signature)
{
	struct bulkhead_boot_params *params, signed_params;
	static const size_t fields[] = {
		offsetof(struct bulkhead_boot_params, entry),
		offsetof(struct bulkhead_boot_params, arg),
		offsetof(struct bulkhead_boot_params, segments[0].address),
		offsetof(struct bulkhead_boot_params, segments[0].size),
		offsetof(struct bulkhead_boot_params, segments[0].sha256[31]),
	};
	unsigned int n;

	pin_key(pinned_seed);
	params = hv_boot_params(cell);
	sign(params, pinned_seed);
	signed_params = *params;
	for (n = 0; n < ARRAY_SIZE(fields); n++) {
		params = hv_boot_params(cell);
		*params = signed_params;
		/* Still valid for SET_BOOT: entry and sizes stay inside the cell's RAM. */
		((u8 *)params)[fields[n]] ^= 0x4;
		ck_assert_msg(set_boot() == 0, "field at %zu:\n%s", fields[n], console_captured());
		assert_start_refused(-EKEYREJECTED, "does not verify with the system's image key");
	}
}
END_TEST

/* The same images signed for another cell (alike configs) start only there. */
START_TEST(test_pinned_key_refuses_another_cells_signature)
{
	pin_key(pinned_seed);
	sign_for(hv_boot_params(cell), pinned_seed, "b");
	ck_assert_int_eq(set_boot(), 0);
	assert_start_refused(-EKEYREJECTED, "the signature of its boot parameters (entry 0x0, 1 "
			     "segments) for cell \"a\" does not verify with the system's image key");
	sign_for(hv_boot_params(cell), pinned_seed, "a");
	ck_assert_int_eq(set_boot(), 0);
	ck_assert_int_eq(cell_start(cell->id), 0);
}
END_TEST

/* Signed by the pinned key: the digests are still checked, then it starts. */
START_TEST(test_pinned_key_signed_starts)
{
	pin_key(pinned_seed);
	sign(hv_boot_params(cell), pinned_seed);
	ck_assert_int_eq(set_boot(), 0);
	((u8 *)HV_COPY_WINDOW)[0] = 0;
	assert_start_refused(-EBADMSG, "boot segment 0 (0x0+0x800) does not match");
	hv_image_fill(0x5a);
	ck_assert_int_eq(cell_start(cell->id), 0);
	assert_console_says("started cell \"a\" at 0x0 on CPU 1");
}
END_TEST

Suite *integrity_suite(void)
{
	Suite *s = suite_create("integrity");
	TCase *tc = tcase_create("integrity");

	tcase_add_checked_fixture(tc, integrity_setup, hv_shutdown);
	tcase_add_test(tc, test_params_known_flags_only);
	tcase_add_test(tc, test_params_need_a_segment);
	tcase_add_test(tc, test_params_unused_parts_zero);
	tcase_add_test(tc, test_start_checks_the_digest);
	tcase_add_test(tc, test_start_checks_every_segment);
	tcase_add_test(tc, test_no_key_signature_ignored);
	tcase_add_test(tc, test_pinned_key_needs_a_signature);
	tcase_add_test(tc, test_pinned_key_refuses_another_key);
	tcase_add_test(tc, test_pinned_key_refuses_a_replayed_signature);
	tcase_add_test(tc, test_pinned_key_refuses_another_cells_signature);
	tcase_add_test(tc, test_pinned_key_signed_starts);
	suite_add_tcase(s, tc);
	return s;
}
