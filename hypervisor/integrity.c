// SPDX-License-Identifier: GPL-2.0
/*
 * Image integrity: what a cell runs is what its boot parameters describe.
 * The check runs at start, after the root lost its mapping of the cell's
 * loadable memory and before the cell's first instruction, so nothing can
 * change an image between the check and its use. Restarts copy the images
 * back from the image store, which only the hypervisor maps: what was
 * checked is what comes back.
 */
#include <bulkhead/cell_check.h>
#include <bulkhead/crypto.h>
#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <bulkhead/integrity.h>
#include <bulkhead/paging.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <asm/mmu.h>

static bool all_zero(const void *data, size_t size)
{
	const u8 *byte = data;
	u8 any = 0;

	while (size--)
		any |= *byte++;
	return !any;
}

int integrity_check_params(const struct cell *cell, const struct bulkhead_boot_params *boot)
{
	unsigned int n;

	if (boot->flags & ~BULKHEAD_BOOT_VALID_FLAGS) {
		cell_error(cell->name, "boot parameters: flags 0x%x, unknown 0x%x", boot->flags,
			   boot->flags & ~BULKHEAD_BOOT_VALID_FLAGS);
		return -EINVAL;
	}
	if (!boot->num_segments) {
		cell_error(cell->name, "boot parameters: no segments; the hypervisor starts only "
			   "images it has a SHA-256 digest of");
		return -EINVAL;
	}
	for (n = boot->num_segments; n < BULKHEAD_BOOT_MAX_SEGMENTS; n++) {
		if (!all_zero(&boot->segments[n], sizeof(boot->segments[n]))) {
			cell_error(cell->name, "boot parameters: segment %u is unused (%u segments) "
				   "but not zero", n, boot->num_segments);
			return -EINVAL;
		}
	}
	if (!(boot->flags & BULKHEAD_BOOT_SIGNED) &&
	    !all_zero(boot->signature, sizeof(boot->signature))) {
		cell_error(cell->name, "boot parameters: a signature, but flag "
			   "BULKHEAD_BOOT_SIGNED (0x%x) is not set", BULKHEAD_BOOT_SIGNED);
		return -EINVAL;
	}
	return 0;
}

/* SHA-256 of [phys, phys + size) through the copy window, 2 MiB at a time. */
static int hash_memory(u64 phys, u64 size, u8 digest[SHA256_DIGEST_SIZE])
{
	/* Room in the window for a chunk that does not start on a page. */
	const u64 window = PAGING_LEVEL_SIZE(PAGING_LEVELS - 2) - PAGE_SIZE;
	struct sha256_ctx ctx;
	u64 offset, chunk;
	int err = 0;

	sha256_init(&ctx);
	for (; size && !err; size -= chunk, phys += chunk) {
		chunk = MIN(size, window);
		offset = phys & (PAGE_SIZE - 1);
		err = paging_map(&hv_paging, HV_COPY_WINDOW, phys - offset,
				 ALIGN_UP(offset + chunk, PAGE_SIZE), PAGING_READ);
		if (!err)
			sha256_update(&ctx, (const void *)(HV_COPY_WINDOW + offset), chunk);
		paging_unmap(&hv_paging, HV_COPY_WINDOW, ALIGN_UP(offset + chunk, PAGE_SIZE));
		arch_flush_hv_tlb();
	}
	sha256_final(&ctx, digest);
	return err;
}

static int refuse(struct cell *cell, u32 why, u64 segment, int err)
{
	event_post(cell, BULKHEAD_EVENT_IMAGE_REFUSED, why, segment);
	return err;
}

_Static_assert(BULKHEAD_BOOT_SIGNED_NAME_LEN == BULKHEAD_CELL_NAME_LEN, "signed cell name");

/*
 * With the system's key pinned, the manifest (all but the signature) and the
 * cell's name must be signed by it.
 */
static int check_signature(struct cell *cell, const struct bulkhead_boot_params *boot)
{
	const struct bulkhead_system *sys = system_desc();
	u8 message[BULKHEAD_BOOT_SIGNED_SIZE] = { 0 };

	if (!(sys->flags & BULKHEAD_SYSTEM_SIGNED_IMAGES))
		return 0;
	if (!(boot->flags & BULKHEAD_BOOT_SIGNED)) {
		cell_error(cell->name, "refused to start: its boot parameters are not signed, and "
			   "the system config requires images signed by its image key");
		return refuse(cell, BULKHEAD_REFUSED_SIGNATURE, 0, -EKEYREJECTED);
	}
	memcpy(message, boot, BULKHEAD_BOOT_MANIFEST_SIZE);
	memcpy(message + BULKHEAD_BOOT_MANIFEST_SIZE, cell->name,
	       strnlen(cell->name, BULKHEAD_CELL_NAME_LEN));
	if (!ed25519_verify(boot->signature, message, sizeof(message), sys->image_key)) {
		cell_error(cell->name, "refused to start: the signature of its boot parameters "
			   "(entry 0x%llx, %u segments) for cell \"%s\" does not verify with the "
			   "system's image key", boot->entry, boot->num_segments, cell->name);
		return refuse(cell, BULKHEAD_REFUSED_SIGNATURE, 0, -EKEYREJECTED);
	}
	return 0;
}

static u64 ticks_to_us(u64 ticks)
{
	return ticks * 1000000 / arch_counter_freq();
}

int integrity_check_images(struct cell *cell, const struct bulkhead_boot_params *boot,
			   const u64 phys[])
{
	u64 start = arch_counter(), signed_at, bytes = 0;
	const struct bulkhead_boot_segment *seg;
	u8 digest[SHA256_DIGEST_SIZE];
	unsigned int n;
	int err;

	/* The signature first: it covers the digests compared below. */
	err = check_signature(cell, boot);
	signed_at = arch_counter();
	for (n = 0; n < boot->num_segments && !err; n++) {
		seg = &boot->segments[n];
		bytes += seg->size;
		if (hash_memory(phys[n], seg->size, digest)) {
			cell_error(cell->name, "out of hypervisor memory hashing boot segment %u", n);
			err = -ENOMEM;
		} else if (memcmp(digest, seg->sha256, sizeof(digest))) {
			cell_error(cell->name, "refused to start: boot segment %u (0x%llx+0x%llx) does "
				   "not match its SHA-256 digest", n, seg->address, seg->size);
			err = refuse(cell, BULKHEAD_REFUSED_DIGEST, n, -EBADMSG);
		}
	}
	/* What the check costs at each start (make bench). */
	if (!err && (system_desc()->flags & BULKHEAD_SYSTEM_SIGNED_IMAGES))
		cell_error(cell->name, "images checked: signature in %llu us, %llu bytes of digests "
			   "in %llu us", ticks_to_us(signed_at - start), bytes,
			   ticks_to_us(arch_counter() - signed_at));
	else if (!err)
		cell_error(cell->name, "images checked: %llu bytes of digests in %llu us", bytes,
			   ticks_to_us(arch_counter() - signed_at));
	return err;
}
