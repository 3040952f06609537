// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-image.c: which files hvctl cell load takes for an arm64 Linux
 * Image, an ELF program or a raw binary, and where their pieces go in a cell.
 * Headers are crafted here, good and hostile (truncated, wrong magic, sizes
 * that wrap or exceed the file, overlapping segments).
 */
#include <elf.h>
#include <string.h>

#include "unit.h"

#include "../../tools/hvctl-image.c"

#define MiB		(1024ULL * 1024)
#define RAM_BASE	0x40000000ULL

static char why[512];
static unsigned char file[64 * 1024];
static struct hvctl_image img;

/* Cell "linux": 256 MiB of loadable RAM at 0x40000000. */
static const struct hvctl_cell linux_cell = {
	.id = 1,
	.name = "linux",
	.num_loadable = 1,
	.loadable = { { RAM_BASE, 256 * MiB } },
};

static void make_arm64(__u64 text_offset, __u64 image_size, __u64 flags)
{
	struct arm64_image_header *hdr = (struct arm64_image_header *)file;

	memset(file, 0, sizeof(file));
	hdr->text_offset = text_offset;
	hdr->image_size = image_size;
	hdr->flags = flags;
	hdr->magic = ARM64_IMAGE_MAGIC;
}

static int parse(size_t size)
{
	return hvctl_image_parse(file, size, "kernel", BULKHEAD_ARCH_ARM64, &img, why, sizeof(why));
}

#define assert_refused(call, text)                                                        \
	do {                                                                              \
		ck_assert_int_eq((call), -1);                                             \
		ck_assert_msg(strstr(why, text), "\"%s\" lacks \"%s\"", why, text);     \
	} while (0)

START_TEST(test_arm64_image)
{
	struct hvctl_boot_layout lay = { .dtb_size = 0x10000, .initrd_size = 12 * MiB };

	/* Debian's: text_offset 0, 4K pages, anywhere in RAM. */
	make_arm64(0, 0x2010000, 0xa);
	/* Not for a cell of another arch. */
	assert_refused(hvctl_image_parse(file, 4096, "kernel", BULKHEAD_ARCH_X86_64, &img, why,
					 sizeof(why)), "kernel: an arm64 Image, but the cell's arch is x86-64");
	ck_assert_int_eq(parse(4096), 0);
	ck_assert_int_eq(img.kind, HVCTL_IMAGE_ARM64);
	ck_assert_uint_eq(img.mem_size, 0x2010000);
	ck_assert_str_eq(img.page_size, "4K");
	ck_assert_int_eq(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)), 0);
	ck_assert_uint_eq(lay.entry, RAM_BASE);
	ck_assert_uint_eq(img.num_parts, 1);
	ck_assert_uint_eq(img.part[0].address, RAM_BASE);
	ck_assert_uint_eq(img.part[0].file_size, 4096);
	/* The device tree on the 2 MiB boundary after image_size, the initramfs after it. */
	ck_assert_uint_eq(lay.dtb_address, RAM_BASE + 0x2200000);
	ck_assert_uint_eq(lay.arg, lay.dtb_address);
	ck_assert_uint_eq(lay.initrd_address, RAM_BASE + 0x2210000);
}
END_TEST

START_TEST(test_arm64_text_offset_and_base)
{
	struct hvctl_boot_layout lay = { .dtb_size = 0x1000, .has_base = true,
					 .base = RAM_BASE + 4 * MiB };

	make_arm64(0x80000, 0x100000, 0x2);
	ck_assert_int_eq(parse(8192), 0);
	ck_assert_int_eq(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)), 0);
	ck_assert_uint_eq(lay.entry, RAM_BASE + 4 * MiB + 0x80000);
	ck_assert_uint_eq(lay.initrd_address, 0);

	lay.base = RAM_BASE + 0x1000;
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "the base of the arm64 Image must be 2 MiB aligned");
	lay.base = 0x10000000;
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "not in a loadable region of cell \"linux\"");
}
END_TEST

START_TEST(test_arm64_hostile_headers)
{
	make_arm64(0, 0x2000000, 0x1);
	assert_refused(parse(4096), "big-endian");
	make_arm64(0, 0, 0);
	assert_refused(parse(4096), "image_size 0");
	make_arm64(0, 0x100, 0);
	assert_refused(parse(4096), "smaller than the file");
	make_arm64(0x123, 0x10000, 0);
	assert_refused(parse(4096), "text_offset 0x123");
	make_arm64(0x200000, 0x10000, 0);
	assert_refused(parse(4096), "below 2 MiB");
	make_arm64(0x1000, ~0ULL - 0x10, 0);
	assert_refused(parse(4096), "larger than any cell's address space");
	make_arm64(0, 1ULL << 41, 0);
	assert_refused(parse(4096), "larger than any cell's address space");
	ck_assert_int_eq(parse(0), -1);
}
END_TEST

START_TEST(test_not_an_image)
{
	struct arm64_image_header *hdr = (struct arm64_image_header *)file;

	/* Wrong magic, and a header cut short: both raw. */
	make_arm64(0, 0x2000000, 0);
	hdr->magic = 0x644d5242;
	ck_assert_int_eq(parse(4096), 0);
	ck_assert_int_eq(img.kind, HVCTL_IMAGE_RAW);
	make_arm64(0, 0x2000000, 0);
	ck_assert_int_eq(parse(sizeof(*hdr) - 1), 0);
	ck_assert_int_eq(img.kind, HVCTL_IMAGE_RAW);
	/* A raw program goes where QEMU puts it: RAM + 0x80000, x0 = its device tree. */
	{
		struct hvctl_boot_layout lay = { .dtb_size = 0x1000 };

		ck_assert_int_eq(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)), 0);
		ck_assert_uint_eq(lay.entry, RAM_BASE + 0x80000);
		ck_assert_uint_eq(lay.arg, RAM_BASE + 0x200000);
	}
}
END_TEST

START_TEST(test_pieces_that_do_not_fit)
{
	struct hvctl_boot_layout lay = { .dtb_size = 0x10000, .initrd_size = 230 * MiB };

	make_arm64(0, 0x2010000, 0xa);
	ck_assert_int_eq(parse(4096), 0);
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "the initramfs (230.0 MiB) does not fit in cell \"linux\"'s RAM after the "
		       "kernel (image_size 32.1 MiB at 0x40000000)");
	make_arm64(0, 300 * MiB, 0xa);
	ck_assert_int_eq(parse(4096), 0);
	lay.initrd_size = 0;
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "the arm64 Image (image_size 300.0 MiB) does not fit");
	/* The kernel ends right at the end of RAM: no room for the device tree. */
	make_arm64(0, 256 * MiB, 0xa);
	ck_assert_int_eq(parse(4096), 0);
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "the device tree (0.1 MiB) does not fit");
}
END_TEST

/* An ELF executable with @num PT_LOAD segments described by @ph. */
static size_t make_elf(const Elf64_Phdr *ph, unsigned int num, __u64 entry)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)file;

	memset(file, 0, sizeof(file));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_AARCH64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = entry;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = num;
	memcpy(file + sizeof(*eh), ph, num * sizeof(*ph));
	return 8192;
}

static const Elf64_Phdr board_program[] = {
	{ .p_type = PT_LOAD, .p_offset = 0x1000, .p_paddr = 0x40080000, .p_filesz = 0x800,
	  .p_memsz = 0x800, .p_flags = PF_R | PF_X },
	{ .p_type = PT_NOTE, .p_offset = 0x1800, .p_filesz = 0x20 },
	{ .p_type = PT_LOAD, .p_offset = 0x1800, .p_paddr = 0x40090000, .p_filesz = 0x100,
	  .p_memsz = 0x5000, .p_flags = PF_R | PF_W },
};

START_TEST(test_elf)
{
	struct hvctl_boot_layout lay = { .dtb_size = 0x10000 };

	ck_assert_int_eq(parse(make_elf(board_program, 3, 0x40080000)), 0);
	ck_assert_int_eq(img.kind, HVCTL_IMAGE_ELF);
	ck_assert_uint_eq(img.num_parts, 2);
	ck_assert_uint_eq(img.part[1].address, 0x40090000);
	ck_assert_uint_eq(img.part[1].file_size, 0x100);
	ck_assert_uint_eq(img.part[1].mem_size, 0x5000);
	ck_assert_int_eq(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)), 0);
	/* As on QEMU: x0 = 0, the device tree at the start of RAM, below the program. */
	ck_assert_uint_eq(lay.entry, 0x40080000);
	ck_assert_uint_eq(lay.arg, 0);
	ck_assert_uint_eq(lay.dtb_address, RAM_BASE);
}
END_TEST

START_TEST(test_elf_over_ram_base)
{
	Elf64_Phdr ph[1] = { board_program[0] };
	struct hvctl_boot_layout lay = { .dtb_size = 0x10000 };

	/* The program takes the start of RAM: no device tree, as QEMU gives none there. */
	ph[0].p_paddr = RAM_BASE + 0x8000;
	ck_assert_int_eq(parse(make_elf(ph, 1, RAM_BASE + 0x8000)), 0);
	ck_assert_int_eq(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)), 0);
	ck_assert_uint_eq(lay.dtb_address, 0);

	lay.initrd_size = 4096;
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "--initrd: an ELF program gets no initramfs");
	lay.initrd_size = 0;
	lay.has_base = true;
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "goes where its program headers say");
}
END_TEST

START_TEST(test_elf_outside_cell)
{
	Elf64_Phdr ph[1] = { board_program[0] };
	struct hvctl_boot_layout lay = { 0 };

	ph[0].p_paddr = 0x80000000;
	ck_assert_int_eq(parse(make_elf(ph, 1, 0x80000000)), 0);
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "ELF segment 0 (0x800 bytes at 0x80000000) does not fit in a loadable "
		       "region of cell \"linux\" (loadable: 0x40000000-0x4fffffff)");
	ck_assert_int_eq(parse(make_elf(board_program, 1, 0x1000)), 0);
	assert_refused(hvctl_boot_layout(&img, &linux_cell, &lay, why, sizeof(why)),
		       "ELF entry 0x1000 is not in the loadable RAM");
}
END_TEST

START_TEST(test_elf_hostile)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)file;
	Elf64_Phdr ph[HVCTL_IMAGE_MAX_PARTS + 1];
	unsigned int n;
	size_t size;

	size = make_elf(board_program, 3, 0x40080000);
	assert_refused(parse(40), "truncated ELF header");
	eh->e_machine = EM_X86_64;
	assert_refused(parse(size), "not AArch64 (183) as the cell's arch arm64");
	/* The same program for an x86 cell: its machine is right there. */
	ck_assert_int_eq(hvctl_image_parse(file, size, "kernel", BULKHEAD_ARCH_X86_64, &img, why,
					   sizeof(why)), 0);
	eh->e_machine = EM_AARCH64;
	assert_refused(hvctl_image_parse(file, size, "kernel", BULKHEAD_ARCH_X86_64, &img, why,
					 sizeof(why)), "not x86-64 (62) as the cell's arch x86-64");
	make_elf(board_program, 3, 0x40080000);
	eh->e_type = ET_DYN;
	assert_refused(parse(size), "not an executable");
	make_elf(board_program, 3, 0x40080000);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	assert_refused(parse(size), "not a little-endian 64-bit ELF");
	make_elf(board_program, 3, 0x40080000);
	eh->e_phoff = size - 0x10;
	assert_refused(parse(size), "lie beyond the end of the file");
	make_elf(board_program, 3, 0x40080000);
	eh->e_phoff = ~0ULL - 8;
	assert_refused(parse(size), "lie beyond the end of the file");
	make_elf(board_program, 3, 0x40080000);
	eh->e_phnum = 0;
	assert_refused(parse(size), "without a valid program header table");

	memcpy(ph, board_program, sizeof(board_program));
	ph[0].p_filesz = 0x1000;
	ph[0].p_memsz = 0x800;
	assert_refused(parse(make_elf(ph, 1, 0x40080000)), "p_filesz 0x1000 larger than");
	memcpy(ph, board_program, sizeof(board_program));
	ph[0].p_offset = 0x1f00;
	assert_refused(parse(make_elf(ph, 1, 0x40080000)), "beyond the end of the file");
	memcpy(ph, board_program, sizeof(board_program));
	ph[0].p_offset = ~0ULL;
	assert_refused(parse(make_elf(ph, 1, 0x40080000)), "beyond the end of the file");
	memcpy(ph, board_program, sizeof(board_program));
	ph[0].p_paddr = ~0ULL - 0x100;
	assert_refused(parse(make_elf(ph, 1, 0x40080000)), "wrap around");
	memcpy(ph, board_program, sizeof(board_program));
	ph[2].p_paddr = 0x40080400;
	assert_refused(parse(make_elf(ph, 3, 0x40080000)), "loadable segments overlap: "
		       "0x40080000+0x800 and 0x40080400+0x5000");
	for (n = 0; n <= HVCTL_IMAGE_MAX_PARTS; n++) {
		ph[n] = board_program[0];
		ph[n].p_paddr += n * 0x1000;
	}
	assert_refused(parse(make_elf(ph, HVCTL_IMAGE_MAX_PARTS + 1, 0x40080000)),
		       "more than 7 loadable segments");
	ph[0].p_type = PT_NOTE;
	assert_refused(parse(make_elf(ph, 1, 0x40080000)), "without a loadable (PT_LOAD)");
}
END_TEST

Suite *hvctl_image_suite(void)
{
	Suite *s = suite_create("hvctl-image");
	TCase *image = tcase_create("arm64 Image and raw");
	TCase *elf = tcase_create("ELF");

	tcase_add_test(image, test_arm64_image);
	tcase_add_test(image, test_arm64_text_offset_and_base);
	tcase_add_test(image, test_arm64_hostile_headers);
	tcase_add_test(image, test_not_an_image);
	tcase_add_test(image, test_pieces_that_do_not_fit);
	tcase_add_test(elf, test_elf);
	tcase_add_test(elf, test_elf_over_ram_base);
	tcase_add_test(elf, test_elf_outside_cell);
	tcase_add_test(elf, test_elf_hostile);
	suite_add_tcase(s, image);
	suite_add_tcase(s, elf);
	return s;
}
