/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How a loaded cell starts, shared by driver, hypervisor and tools
 * (BULKHEAD_HC_CELL_SET_BOOT, BULKHEAD_CELL_SET_BOOT). Includers provide
 * __u32/__u64, as for bulkhead/config.h.
 */
#ifndef _BULKHEAD_BOOT_H
#define _BULKHEAD_BOOT_H

#define BULKHEAD_SHA256_SIZE		32
#define BULKHEAD_ED25519_KEY_SIZE	32
#define BULKHEAD_ED25519_SIG_SIZE	64

/*
 * One blob the root loaded into a cell, which a restart puts back. The
 * hypervisor checks its SHA-256 digest before the cell's first instruction.
 */
struct bulkhead_boot_segment {
	__u64 address;			/* where the cell sees it */
	__u64 size;
	__u8 sha256[BULKHEAD_SHA256_SIZE];
} __attribute__((packed));

#define BULKHEAD_BOOT_MAX_SEGMENTS	8
/* An image store keeps the segments one after the other, each at a multiple of this. */
#define BULKHEAD_STORE_ALIGN		8

struct bulkhead_boot_params {
	__u64 entry;			/* in one of the cell's executable regions */
	__u64 arg;			/* x0 of its first CPU (a kernel's device tree) */
	__u32 num_segments;
	__u32 flags;			/* BULKHEAD_BOOT_* */
	struct bulkhead_boot_segment segments[BULKHEAD_BOOT_MAX_SEGMENTS];
	/*
	 * With BULKHEAD_BOOT_SIGNED: Ed25519 signature, by the system config's
	 * image_key, of everything above with the unused segments zero (the
	 * manifest, BULKHEAD_BOOT_MANIFEST_SIZE bytes) followed by the name of
	 * the cell the images are for (BULKHEAD_BOOT_SIGNED_SIZE bytes in all).
	 */
	__u8 signature[BULKHEAD_ED25519_SIG_SIZE];
} __attribute__((packed));

/* bulkhead_boot_params.flags */
#define BULKHEAD_BOOT_SIGNED		0x0001
#define BULKHEAD_BOOT_VALID_FLAGS	0x0001

/* The signed part of struct bulkhead_boot_params: all but the signature. */
#define BULKHEAD_BOOT_MANIFEST_SIZE \
	(sizeof(struct bulkhead_boot_params) - BULKHEAD_ED25519_SIG_SIZE)
/*
 * What the signature covers: the manifest, then the cell's name as in its
 * config, up to its NUL and zero-padded to BULKHEAD_BOOT_SIGNED_NAME_LEN
 * (= BULKHEAD_CELL_NAME_LEN) bytes, so that images signed for one cell start
 * in no other, however alike their configs.
 */
#define BULKHEAD_BOOT_SIGNED_NAME_LEN	32
#define BULKHEAD_BOOT_SIGNED_SIZE	(BULKHEAD_BOOT_MANIFEST_SIZE + BULKHEAD_BOOT_SIGNED_NAME_LEN)

#endif /* !_BULKHEAD_BOOT_H */
