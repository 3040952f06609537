// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell load: what kind of program a file holds, and where its parts go.
 *
 * An arm64 Linux Image (its 64-byte header: Documentation/arm64/booting.rst
 * of the kernel), an ELF64 AArch64 executable (PT_LOAD segments at their
 * physical addresses) or anything else, a raw binary. The file is checked as
 * hostile: every offset and size is bounded by the file and by 64 bits
 * before it is used. Then hvctl_boot_layout() places the program, its device
 * tree and initramfs in the cell's RAM the way QEMU's virt board loads the
 * same file with -kernel, so that a program built for the board finds
 * everything where it would there. Pure functions: no device, no output.
 */
#include <elf.h>
#include <inttypes.h>
#include <string.h>

#include <bulkhead/types.h>

#include "hvctl.h"

#define refuse(why, len, ...)	hvctl_reject(-1, why, len, __VA_ARGS__)

#define SZ_4K			0x1000ULL
#define SZ_2M			0x200000ULL
#define MIB(x)			((double)(x) / (1024.0 * 1024.0))

/* The arm64 Image header (booting.rst), little-endian. */
struct arm64_image_header {
	__u32 code0;
	__u32 code1;
	__u64 text_offset;
	__u64 image_size;
	__u64 flags;
	__u64 res2;
	__u64 res3;
	__u64 res4;
	__u32 magic;
	__u32 res5;
} __attribute__((packed));

#define ARM64_IMAGE_MAGIC	0x644d5241	/* "ARM\x64" */
#define ARM64_FLAG_BE		0x1
#define ARM64_FLAG_PAGE_SHIFT	1
#define ARM64_FLAG_PAGE_MASK	0x3
/* Where QEMU puts a raw image: the offset an Image without a header asks for. */
#define RAW_LOAD_OFFSET		0x80000ULL

static const char *const page_sizes[] = { "unspecified", "4K", "16K", "64K" };

const char *hvctl_image_kind_name(enum hvctl_image_kind kind)
{
	switch (kind) {
	case HVCTL_IMAGE_ARM64:
		return "arm64 Image";
	case HVCTL_IMAGE_ELF:
		return "ELF";
	default:
		return "raw binary";
	}
}

static bool add_overflows(__u64 a, __u64 b)
{
	return a + b < a;
}

static int parse_arm64(const void *buf, __u64 size, const char *path, struct hvctl_image *img,
		       char *why, size_t len)
{
	struct arm64_image_header hdr;

	memcpy(&hdr, buf, sizeof(hdr));
	if (hdr.flags & ARM64_FLAG_BE)
		return refuse(why, len, "%s: a big-endian arm64 Image; cells run little-endian "
			      "kernels", path);
	if (!hdr.image_size)
		return refuse(why, len, "%s: arm64 Image with image_size 0 (a kernel before "
			      "Linux 3.17); its memory needs are unknown", path);
	if (hdr.image_size < size)
		return refuse(why, len, "%s: image_size 0x%" PRIx64 " is smaller than the file "
			      "(%" PRIu64 " bytes); not a consistent arm64 Image", path,
			      (uint64_t)hdr.image_size, (uint64_t)size);
	if (hdr.text_offset % SZ_4K || hdr.text_offset >= SZ_2M)
		return refuse(why, len, "%s: text_offset 0x%" PRIx64 " is not a 4 KiB multiple "
			      "below 2 MiB", path, (uint64_t)hdr.text_offset);
	if (add_overflows(hdr.text_offset, hdr.image_size) ||
	    hdr.image_size > BULKHEAD_CELL_IPA_LIMIT)
		return refuse(why, len, "%s: image_size 0x%" PRIx64 " is larger than any cell's "
			      "address space", path, (uint64_t)hdr.image_size);
	img->kind = HVCTL_IMAGE_ARM64;
	img->text_offset = hdr.text_offset;
	img->mem_size = hdr.image_size;
	img->page_size = page_sizes[(hdr.flags >> ARM64_FLAG_PAGE_SHIFT) & ARM64_FLAG_PAGE_MASK];
	return 0;
}

static int check_elf_header(const Elf64_Ehdr *eh, __u64 size, const char *path,
			    unsigned int arch, char *why, size_t len)
{
	unsigned int machine = arch == BULKHEAD_ARCH_X86_64 ? EM_X86_64 : EM_AARCH64;

	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return refuse(why, len, "%s: not a little-endian 64-bit ELF file", path);
	if (eh->e_machine != machine)
		return refuse(why, len, "%s: ELF for machine %u, not %s (%u) as the cell's arch "
			      "%s", path, eh->e_machine, machine == EM_X86_64 ? "x86-64" : "AArch64",
			      machine, hvctl_arch_name(arch));
	if (eh->e_type != ET_EXEC)
		return refuse(why, len, "%s: ELF type %u is not an executable (ET_EXEC); link "
			      "the program at fixed addresses", path, eh->e_type);
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || !eh->e_phnum)
		return refuse(why, len, "%s: ELF without a valid program header table "
			      "(e_phentsize %u, e_phnum %u)", path, eh->e_phentsize, eh->e_phnum);
	if (eh->e_phoff > size || (size - eh->e_phoff) / sizeof(Elf64_Phdr) < eh->e_phnum)
		return refuse(why, len, "%s: ELF program headers (offset 0x%" PRIx64 ", %u "
			      "entries) lie beyond the end of the file", path,
			      (uint64_t)eh->e_phoff, eh->e_phnum);
	return 0;
}

static int add_elf_load(const Elf64_Phdr *ph, unsigned int index, __u64 size, const char *path,
			struct hvctl_image *img, char *why, size_t len)
{
	struct hvctl_image_part *part;

	if (ph->p_filesz > ph->p_memsz)
		return refuse(why, len, "%s: program header %u: p_filesz 0x%" PRIx64 " larger than "
			      "p_memsz 0x%" PRIx64, path, index, (uint64_t)ph->p_filesz,
			      (uint64_t)ph->p_memsz);
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return refuse(why, len, "%s: program header %u: 0x%" PRIx64 " bytes at file offset "
			      "0x%" PRIx64 " lie beyond the end of the file (%" PRIu64 " bytes)",
			      path, index, (uint64_t)ph->p_filesz, (uint64_t)ph->p_offset,
			      (uint64_t)size);
	if (ph->p_memsz > BULKHEAD_CELL_IPA_LIMIT || add_overflows(ph->p_paddr, ph->p_memsz))
		return refuse(why, len, "%s: program header %u: 0x%" PRIx64 " bytes at 0x%" PRIx64
			      " wrap around or exceed any cell's address space", path, index,
			      (uint64_t)ph->p_memsz, (uint64_t)ph->p_paddr);
	if (img->num_parts == HVCTL_IMAGE_MAX_PARTS)
		return refuse(why, len, "%s: more than %d loadable segments; hvctl loads at most "
			      "%d (merge them when linking)", path, HVCTL_IMAGE_MAX_PARTS,
			      HVCTL_IMAGE_MAX_PARTS);
	part = &img->part[img->num_parts++];
	part->address = ph->p_paddr;
	part->offset = ph->p_offset;
	part->file_size = ph->p_filesz;
	part->mem_size = ph->p_memsz;
	return 0;
}

/* Two segments may not share a byte: one would silently overwrite the other. */
static int check_elf_overlaps(const struct hvctl_image *img, const char *path, char *why,
			      size_t len)
{
	const struct hvctl_image_part *a, *b;
	unsigned int i, j;

	for (i = 0; i < img->num_parts; i++) {
		for (j = i + 1; j < img->num_parts; j++) {
			a = &img->part[i];
			b = &img->part[j];
			if (a->address < b->address + b->mem_size &&
			    b->address < a->address + a->mem_size)
				return refuse(why, len, "%s: loadable segments overlap: 0x%" PRIx64
					      "+0x%" PRIx64 " and 0x%" PRIx64 "+0x%" PRIx64, path,
					      (uint64_t)a->address, (uint64_t)a->mem_size,
					      (uint64_t)b->address, (uint64_t)b->mem_size);
		}
	}
	return 0;
}

static int parse_elf(const void *buf, __u64 size, const char *path, unsigned int arch,
		     struct hvctl_image *img, char *why, size_t len)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned int n;

	if (size < sizeof(eh))
		return refuse(why, len, "%s: truncated ELF header (%" PRIu64 " bytes)", path,
			      (uint64_t)size);
	memcpy(&eh, buf, sizeof(eh));
	if (check_elf_header(&eh, size, path, arch, why, len) < 0)
		return -1;
	img->kind = HVCTL_IMAGE_ELF;
	img->entry = eh.e_entry;
	for (n = 0; n < eh.e_phnum; n++) {
		memcpy(&ph, (const char *)buf + eh.e_phoff + n * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (add_elf_load(&ph, n, size, path, img, why, len) < 0)
			return -1;
	}
	if (!img->num_parts)
		return refuse(why, len, "%s: ELF without a loadable (PT_LOAD) segment", path);
	return check_elf_overlaps(img, path, why, len);
}

int hvctl_image_parse(const void *buf, __u64 size, const char *path, unsigned int arch,
		      struct hvctl_image *img, char *why, size_t len)
{
	struct arm64_image_header hdr;

	memset(img, 0, sizeof(*img));
	img->file_size = size;
	if (!size)
		return refuse(why, len, "%s: empty file; nothing to load", path);
	if (size >= SELFMAG && !memcmp(buf, ELFMAG, SELFMAG))
		return parse_elf(buf, size, path, arch, img, why, len);
	if (size >= sizeof(hdr)) {
		memcpy(&hdr, buf, sizeof(hdr));
		if (hdr.magic == ARM64_IMAGE_MAGIC && arch != BULKHEAD_ARCH_ARM64)
			return refuse(why, len, "%s: an arm64 Image, but the cell's arch is %s",
				      path, hvctl_arch_name(arch));
		if (hdr.magic == ARM64_IMAGE_MAGIC)
			return parse_arm64(buf, size, path, img, why, len);
	}
	img->kind = HVCTL_IMAGE_RAW;
	img->text_offset = RAW_LOAD_OFFSET;
	img->mem_size = size;
	return 0;
}

/* The loadable region of @cell that holds @address, or NULL. */
static const struct hvctl_region *region_at(const struct hvctl_cell *cell, __u64 address)
{
	unsigned int n;

	for (n = 0; n < cell->num_loadable; n++)
		if (hvctl_region_holds(&cell->loadable[n], address, 1))
			return &cell->loadable[n];
	return NULL;
}

static const struct hvctl_region *lowest_region(const struct hvctl_cell *cell)
{
	const struct hvctl_region *lowest = &cell->loadable[0];
	unsigned int n;

	for (n = 1; n < cell->num_loadable; n++)
		if (cell->loadable[n].start < lowest->start)
			lowest = &cell->loadable[n];
	return lowest;
}

/* @what of @size bytes at @address inside @r, which ends before @end of the kernel. */
static int fit_after_kernel(const struct hvctl_cell *cell, const struct hvctl_region *r,
			    const struct hvctl_boot_layout *lay, const char *what, __u64 address,
			    __u64 size, char *why, size_t len)
{
	if (hvctl_region_holds(r, address, size))
		return 0;
	return refuse(why, len, "%s (%.1f MiB) does not fit in cell \"%s\"'s RAM after the "
		      "kernel (image_size %.1f MiB at 0x%" PRIx64 "): it would end at 0x%" PRIx64
		      ", the RAM region 0x%" PRIx64 "-0x%" PRIx64 " ends first", what, MIB(size),
		      cell->name, MIB(lay->image_mem_size), (uint64_t)lay->entry,
		      (uint64_t)(address + size - 1), (uint64_t)r->start,
		      (uint64_t)(r->start + r->size - 1));
}

/*
 * Linux's boot protocol (and QEMU's for any raw binary): the image text_offset
 * bytes above a 2 MiB aligned base, then the device tree on the next 2 MiB
 * boundary (so that it never crosses one), then the initramfs; x0 = the
 * device tree.
 */
static int place_kernel(struct hvctl_image *img, const struct hvctl_cell *cell,
			struct hvctl_boot_layout *lay, char *why, size_t len)
{
	const struct hvctl_region *r;
	__u64 base, kernel_end;

	if (lay->has_base && lay->base % SZ_2M)
		return refuse(why, len, "-a 0x%" PRIx64 ": the base of the %s must be 2 MiB "
			      "aligned", (uint64_t)lay->base, hvctl_image_kind_name(img->kind));
	r = lay->has_base ? region_at(cell, lay->base) : lowest_region(cell);
	if (!r)
		return refuse(why, len, "-a 0x%" PRIx64 ": not in a loadable region of cell "
			      "\"%s\"", (uint64_t)lay->base, cell->name);
	base = lay->has_base ? lay->base : ALIGN_UP(r->start, SZ_2M);
	lay->entry = base + img->text_offset;
	lay->image_mem_size = img->mem_size;
	if (!hvctl_region_holds(r, lay->entry, img->mem_size))
		return refuse(why, len, "the %s (image_size %.1f MiB) does not fit in cell \"%s\"'s "
			      "RAM at 0x%" PRIx64 " (region 0x%" PRIx64 "-0x%" PRIx64 ")",
			      hvctl_image_kind_name(img->kind), MIB(img->mem_size), cell->name,
			      (uint64_t)lay->entry, (uint64_t)r->start,
			      (uint64_t)(r->start + r->size - 1));
	img->num_parts = 1;
	img->part[0] = (struct hvctl_image_part){ .address = lay->entry,
						  .file_size = img->file_size,
						  .mem_size = img->file_size };
	kernel_end = lay->entry + img->mem_size;
	lay->dtb_address = ALIGN_UP(kernel_end, SZ_2M);
	if (fit_after_kernel(cell, r, lay, "the device tree", lay->dtb_address, lay->dtb_size,
			     why, len) < 0)
		return -1;
	lay->arg = lay->dtb_address;
	if (!lay->initrd_size)
		return 0;
	lay->initrd_address = ALIGN_UP(lay->dtb_address + lay->dtb_size, SZ_4K);
	return fit_after_kernel(cell, r, lay, "the initramfs", lay->initrd_address,
				lay->initrd_size, why, len);
}

static bool overlaps_parts(const struct hvctl_image *img, __u64 address, __u64 size)
{
	unsigned int n;

	for (n = 0; n < img->num_parts; n++)
		if (address < img->part[n].address + img->part[n].mem_size &&
		    img->part[n].address < address + size)
			return true;
	return false;
}

/*
 * QEMU's virt board and an ELF program: each segment at its physical address,
 * the first CPU at e_entry with x0 = 0, and the device tree at the start of
 * RAM when the program leaves room for it there (else it gets none).
 */
static int place_elf(const struct hvctl_image *img, const struct hvctl_cell *cell,
		     struct hvctl_boot_layout *lay, char *why, size_t len)
{
	const struct hvctl_image_part *part;
	const struct hvctl_region *ram = lowest_region(cell);
	unsigned int n;

	if (lay->has_base)
		return refuse(why, len, "-a: an ELF program goes where its program headers say");
	if (lay->initrd_size)
		return refuse(why, len, "--initrd: an ELF program gets no initramfs (QEMU loads "
			      "none for one either); it is for Linux Images");
	for (n = 0; n < img->num_parts; n++) {
		part = &img->part[n];
		if (!hvctl_cell_fits(cell, part->address, part->mem_size))
			return refuse(why, len, "ELF segment %u (0x%" PRIx64 " bytes at 0x%" PRIx64
				      ") does not fit in a loadable region of cell \"%s\" "
				      "(loadable: %s)", n, (uint64_t)part->mem_size,
				      (uint64_t)part->address, cell->name,
				      hvctl_loadable_list(cell));
	}
	if (!region_at(cell, img->entry))
		return refuse(why, len, "ELF entry 0x%" PRIx64 " is not in the loadable RAM of "
			      "cell \"%s\" (loadable: %s)", (uint64_t)img->entry, cell->name,
			      hvctl_loadable_list(cell));
	lay->entry = img->entry;
	lay->arg = 0;
	lay->dtb_address = 0;
	if (lay->dtb_size && lay->dtb_size <= ram->size &&
	    !overlaps_parts(img, ram->start, lay->dtb_size))
		lay->dtb_address = ram->start;
	return 0;
}

int hvctl_boot_layout(struct hvctl_image *img, const struct hvctl_cell *cell,
		      struct hvctl_boot_layout *lay, char *why, size_t len)
{
	if (!cell->num_loadable)
		return refuse(why, len, "cell \"%s\" has no loadable memory; nothing can be "
			      "loaded into it", cell->name);
	if (img->kind == HVCTL_IMAGE_ELF)
		return place_elf(img, cell, lay, why, len);
	return place_kernel(img, cell, lay, why, len);
}
