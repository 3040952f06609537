/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Image integrity (integrity.c): the hypervisor itself checks every image a
 * cell starts from against the SHA-256 digests in its boot parameters and,
 * when the system config pins a key, the Ed25519 signature over them.
 */
#ifndef _BULKHEAD_INTEGRITY_H
#define _BULKHEAD_INTEGRITY_H

#include <bulkhead/control.h>

/**
 * The integrity part of checking boot parameters as the root passed them:
 * known flags, at least one segment (every image has a digest), the unused
 * segments zero and no signature without BULKHEAD_BOOT_SIGNED, so that one
 * manifest has one meaning. 0 or -EINVAL after saying what was wrong.
 */
int integrity_check_params(const struct cell *cell, const struct bulkhead_boot_params *boot);

/**
 * Before @cell runs the images @boot describes, segment n lying at physical
 * address @phys[n], where nobody but the hypervisor can change it now: the
 * signature the system config requires, then every segment's digest. On a
 * refusal it says which check and which segment failed and posts
 * BULKHEAD_EVENT_IMAGE_REFUSED. Under manager_lock (it hashes through the
 * copy window).
 *
 * Return: 0; -EKEYREJECTED: unsigned, or not signed by the system's image
 * key; -EBADMSG: a segment differs from its digest; -ENOMEM.
 */
int integrity_check_images(struct cell *cell, const struct bulkhead_boot_params *boot,
			   const u64 phys[]);

#endif /* !_BULKHEAD_INTEGRITY_H */
