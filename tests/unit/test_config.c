// SPDX-License-Identifier: GPL-2.0
/*
 * hypervisor/config.c: config_check() accepts the compiled qemu-virt system
 * config (with root channels and a channel policy) and a hand-built cell
 * config with channels and interrupts, and rejects every class of bad input
 * with one line that names the field. Tests about a semantic error reseal
 * the checksum so that the check under test, not the checksum, is what fires.
 * The policy helpers the hypervisor uses at cell create are tested here too.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "unit.h"

#include <bulkhead/types.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <bulkhead/config_check.h>

/* Region indices in configs/arm64/qemu-virt.dts. */
#define QEMU_RAM	0
#define QEMU_CELL_RAM	1
#define QEMU_FLASH	2
#define QEMU_GICD	3
#define QEMU_ITS	4
#define QEMU_PL011	6
#define QEMU_ECAM	13
#define QEMU_REGIONS	15
/* Root channels and links of the policy, in the order of the source. */
#define QEMU_ROOT_ECHO	0
#define QEMU_ROOT_FEED	1
#define QEMU_CHANNELS	4
#define QEMU_LINKS	10
#define QEMU_SIZE	1792

static u8 cfg[BULKHEAD_CONFIG_MAX_SIZE + 4096];
static unsigned long cfg_size;
static unsigned int cfg_kind;

static struct bulkhead_config_header *hdr(void)
{
	return (struct bulkhead_config_header *)cfg;
}

static struct bulkhead_system *sys(void)
{
	return (struct bulkhead_system *)bulkhead_config_system(hdr());
}

static struct bulkhead_cell *cell(void)
{
	return (struct bulkhead_cell *)bulkhead_config_cell(hdr());
}

static struct bulkhead_mem_region *region(unsigned int n)
{
	return (struct bulkhead_mem_region *)&bulkhead_cell_mem_regions(cell())[n];
}

/* Makes size and checksum consistent again after a test changed the contents. */
static void reseal(void)
{
	hdr()->total_size = (u32)cfg_size;
	hdr()->checksum = bulkhead_config_checksum(hdr(), cfg_size);
}

static u32 *irq(unsigned int n)
{
	return (u32 *)&bulkhead_cell_irqs(cell())[n];
}

static struct bulkhead_channel *channel(unsigned int n)
{
	return (struct bulkhead_channel *)&bulkhead_cell_channels(cell())[n];
}

static struct bulkhead_link *link_at(unsigned int n)
{
	return (struct bulkhead_link *)&bulkhead_system_links(hdr())[n];
}

/* Gives the cell @num interrupts (set by the caller) and a matching size. */
static void resize_irqs(unsigned int num)
{
	cell()->num_irqs = num;
	cfg_size = bulkhead_config_expected_size(hdr());
	reseal();
}

/* Gives the cell @num channels (set by the caller), moving its interrupt list behind them. */
static void resize_channels(unsigned int num)
{
	u32 *irqs = irq(0);

	cell()->num_channels = num;
	memmove(irq(0), irqs, cell()->num_irqs * sizeof(u32));
	cfg_size = bulkhead_config_expected_size(hdr());
	reseal();
}

/* Keeps the first @num links of the policy, which ends the file. */
static void resize_links(unsigned int num)
{
	sys()->num_links = num;
	cfg_size = bulkhead_config_expected_size(hdr());
	reseal();
}

static void set_link(unsigned int n, const char *from, const char *to)
{
	memset(link_at(n), 0, sizeof(*link_at(n)));
	strcpy(link_at(n)->from, from);
	strcpy(link_at(n)->to, to);
	reseal();
}

static void load_system(void)
{
	FILE *file = fopen(QEMU_VIRT_CELL, "rb");

	ck_assert_msg(file, "cannot open %s (make -C tests/unit run builds it)", QEMU_VIRT_CELL);
	memset(cfg, 0, sizeof(cfg));
	cfg_size = fread(cfg, 1, sizeof(cfg), file);
	fclose(file);
	cfg_kind = BULKHEAD_CONFIG_SYSTEM;
	console_capture_reset();
}

static void set_region(unsigned int n, u64 phys, u64 virt, u64 size, u32 flags)
{
	struct bulkhead_mem_region *mem = region(n);

	mem->phys_start = phys;
	mem->virt_start = virt;
	mem->size = size;
	mem->flags = flags;
}

static void set_channel(unsigned int n, const char *name, const char *peer, u64 phys, u64 virt,
			u64 size, u32 flags, u32 doorbell_irq)
{
	struct bulkhead_channel *ch = channel(n);

	memset(ch, 0, sizeof(*ch));
	strcpy(ch->name, name);
	strcpy(ch->peer, peer);
	ch->phys_start = phys;
	ch->virt_start = virt;
	ch->size = size;
	ch->flags = flags;
	ch->doorbell_irq = doorbell_irq;
}

/*
 * A small inmate cell: RAM seen at 0 where it starts, a UART and its
 * interrupt (SPI 1, INTID 33), memory shared with the root, a second
 * interrupt, its communication region at 0x80000000, a channel to the root
 * (doorbell INTID 300) and a read-only one to cell "peer" (no doorbell).
 */
static void build_cell(void)
{
	memset(cfg, 0, sizeof(cfg));
	memcpy(hdr()->magic, BULKHEAD_CONFIG_MAGIC, BULKHEAD_CONFIG_MAGIC_LEN);
	hdr()->revision = BULKHEAD_CONFIG_REVISION;
	hdr()->arch = BULKHEAD_ARCH_ARM64;
	hdr()->kind = BULKHEAD_CONFIG_CELL;
	strcpy(cell()->name, "demo");
	cell()->cpu_set = 0x8;
	cell()->comm_region = 0x80000000;
	cell()->entry = 0;
	cell()->shutdown_timeout_ms = 1000;
	cell()->num_mem_regions = 3;
	set_region(0, 0x70100000, 0, 0x100000,
		   BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_EXECUTE |
			   BULKHEAD_MEM_LOADABLE);
	set_region(1, 0x09000000, 0x09000000, 0x1000,
		   BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO);
	set_region(2, 0x70200000, 0x10000000, 0x1000,
		   BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_ROOTSHARED);
	cell()->num_channels = 2;
	set_channel(0, "to-root", "qemu-virt-linux", 0x7e000000, 0x50000000, 0x100000,
		    BULKHEAD_CHANNEL_WRITE, 300);
	set_channel(1, "from-peer", "peer", 0x7e200000, 0x50100000, 0x10000, 0, 0);
	*irq(0) = 33;
	*irq(1) = 40;
	cfg_kind = BULKHEAD_CONFIG_CELL;
	resize_irqs(2);
	console_capture_reset();
}

static int check_cfg(void)
{
	console_capture_reset();
	return config_check(hdr(), cfg_size, cfg_kind, BULKHEAD_ARCH_ARM64);
}

static void expect_accept_at(int line)
{
	int err = check_cfg();

	ck_assert_msg(err == 0, "line %d: rejected (%d): %s", line, err, console_captured());
	ck_assert_str_eq(console_captured(), "");
}

/* The error code, one line of output, and that the line contains @needle. */
static void expect_reject_at(int line, int expected, const char *needle)
{
	int err = check_cfg();
	const char *out = console_captured();

	ck_assert_msg(err == expected, "line %d: returned %d, expected %d; printed: %s", line, err,
		      expected, out);
	ck_assert_msg(strstr(out, needle), "line %d: message \"%s\" lacks \"%s\"", line, out,
		      needle);
	ck_assert_msg(strncmp(out, "config: ", 8) == 0, "line %d: no prefix: %s", line, out);
	ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "line %d: not one line: %s",
		      line, out);
}

#define expect_accept() expect_accept_at(__LINE__)
#define expect_reject(err, needle) expect_reject_at(__LINE__, err, needle)

/* ---- valid configs ---- */

START_TEST(test_qemu_virt_accepted)
{
	ck_assert_uint_eq(cfg_size, hdr()->total_size);
	ck_assert_uint_eq(cfg_size, QEMU_SIZE);
	ck_assert_uint_eq(cell()->num_mem_regions, QEMU_REGIONS);
	ck_assert_uint_eq(cell()->num_channels, QEMU_CHANNELS);
	ck_assert_uint_eq(sys()->num_links, QEMU_LINKS);
	ck_assert_uint_eq(sys()->max_cells, 8);
	expect_accept();
}
END_TEST

START_TEST(test_cell_accepted)
{
	ck_assert_uint_eq(cfg_size, 24 + 104 + 3 * 32 + 2 * 96 + 2 * 4);
	expect_accept();
	/* No channels at all is fine too. */
	resize_channels(0);
	ck_assert_uint_eq(*irq(1), 40);
	expect_accept();
}
END_TEST

/* Which devices master DMA is the machine's fact, not a cell's claim. */
START_TEST(test_cell_dma_flag_refused)
{
	region(1)->flags |= BULKHEAD_MEM_DMA;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" memory region 1: flags 0x4b marks a "
			       "region dma, which only the system config may\n");
}
END_TEST

/* Physical addresses may go to the top; what the cell sees stays below 2^40. */
START_TEST(test_region_ending_at_top_of_address_space)
{
	set_region(2, 0xfffffffffffff000ULL, 0x20000000, 0x1000, BULKHEAD_MEM_READ);
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_8250_console_at_port_address)
{
	sys()->debug_console.type = BULKHEAD_CONSOLE_8250;
	sys()->debug_console.address = 0x3f8;
	sys()->debug_console.size = 8;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_no_console)
{
	memset(&sys()->debug_console, 0, sizeof(sys()->debug_console));
	reseal();
	expect_accept();
}
END_TEST

/* ---- sizes ---- */

START_TEST(test_size_zero)
{
	cfg_size = 0;
	expect_reject(-EINVAL, "size 0 is smaller than the header");
}
END_TEST

START_TEST(test_size_below_header)
{
	cfg_size = sizeof(struct bulkhead_config_header) - 1;
	expect_reject(-EINVAL, "smaller than the header");
}
END_TEST

START_TEST(test_size_above_maximum)
{
	cfg_size = BULKHEAD_CONFIG_MAX_SIZE + 1;
	expect_reject(-E2BIG, "exceeds the maximum of 65536 bytes");
}
END_TEST

START_TEST(test_truncated)
{
	cfg_size -= sizeof(struct bulkhead_mem_region);
	expect_reject(-EINVAL, "total_size 1792 does not match the config size 1760");
}
END_TEST

START_TEST(test_truncated_inside_fixed_part)
{
	cfg_size = sizeof(struct bulkhead_config_header) + 40;
	reseal();
	expect_reject(-EINVAL, "too small for a system config");
}
END_TEST

START_TEST(test_region_table_truncated)
{
	cfg_size -= sizeof(struct bulkhead_mem_region);
	reseal();
	expect_reject(-EINVAL, "config: size 1760 does not match num_mem_regions 15, "
			       "num_channels 4, num_irqs 0, num_vdevices 0 and num_links 10 "
			       "(expected 1792 bytes)\n");
}
END_TEST

START_TEST(test_trailing_bytes)
{
	cfg_size += 8;
	reseal();
	expect_reject(-EINVAL, "does not match num_mem_regions 15");
}
END_TEST

START_TEST(test_too_many_regions)
{
	cell()->num_mem_regions = BULKHEAD_MAX_MEM_REGIONS + 1;
	reseal();
	expect_reject(-E2BIG, "num_mem_regions 65 exceeds the maximum of 64");
}
END_TEST

/* ---- header ---- */

START_TEST(test_bad_magic)
{
	hdr()->magic[0] = 'X';
	reseal();
	expect_reject(-EINVAL, "magic is not \"BHCONFIG\"");
}
END_TEST

START_TEST(test_wrong_revision)
{
	hdr()->revision = BULKHEAD_CONFIG_REVISION + 1;
	reseal();
	expect_reject(-EINVAL, "revision 8 is not supported (expected 7)");
}
END_TEST

START_TEST(test_wrong_arch)
{
	console_capture_reset();
	ck_assert_int_eq(config_check(hdr(), cfg_size, cfg_kind, BULKHEAD_ARCH_X86_64), -EINVAL);
	ck_assert_str_eq(console_captured(),
			 "config: arch 1 does not match this hypervisor (expected 2)\n");
}
END_TEST

START_TEST(test_wrong_kind)
{
	cfg_kind = BULKHEAD_CONFIG_CELL;
	expect_reject(-EINVAL, "kind 1 is not a cell config (expected 2)");
}
END_TEST

START_TEST(test_header_reserved)
{
	hdr()->reserved = 1;
	reseal();
	expect_reject(-EINVAL, "header reserved 0x1 must be 0");
}
END_TEST

START_TEST(test_corrupted_byte)
{
	char expected[80];
	u32 good = hdr()->checksum;

	cfg[cfg_size - 20] ^= 0x40;
	snprintf(expected, sizeof(expected), "config: checksum 0x%08x does not match contents",
		 good);
	expect_reject(-EINVAL, expected);
}
END_TEST

START_TEST(test_wrong_checksum)
{
	hdr()->checksum ^= 1;
	expect_reject(-EINVAL, "does not match contents");
}
END_TEST

/* ---- cell ---- */

START_TEST(test_name_empty)
{
	memset(cell()->name, 0, sizeof(cell()->name));
	reseal();
	expect_reject(-EINVAL, "cell name is empty");
}
END_TEST

START_TEST(test_name_unterminated)
{
	memset(cell()->name, 'a', sizeof(cell()->name));
	reseal();
	expect_reject(-EINVAL, "cell name is not NUL-terminated within 32 bytes");
}
END_TEST

START_TEST(test_name_not_printable)
{
	cell()->name[2] = '\n';
	reseal();
	expect_reject(-EINVAL, "cell name byte 2 is 0x0a");
}
END_TEST

START_TEST(test_name_not_an_id)
{
	strcpy(cell()->name, "42");
	reseal();
	expect_reject(-EINVAL, "config: cell \"42\": a cell name must not be all digits (hvctl "
			       "would take it for an id); add a letter\n");
	strcpy(cell()->name, "id:3");
	reseal();
	expect_reject(-EINVAL, "config: cell \"id:3\": a cell name must not start with \"id:\"");
	/* Digits with a letter, and "id" without the colon, are names. */
	strcpy(cell()->name, "42a");
	reseal();
	expect_accept();
	strcpy(cell()->name, "idle");
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_cell_flags)
{
	cell()->flags = 0x80 | BULKHEAD_CELL_PASSIVE;
	reseal();
	expect_reject(-EINVAL, "cell \"demo\": flags 0x81 has unknown bits 0x80");
}
END_TEST

START_TEST(test_cpu_set_empty)
{
	cell()->cpu_set = 0;
	reseal();
	expect_reject(-EINVAL, "cell \"demo\": cpu_set is empty");
}
END_TEST

/* ---- memory regions ---- */

START_TEST(test_region_size_zero)
{
	region(1)->size = 0;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" memory region 1: size is 0");
}
END_TEST

START_TEST(test_region_phys_misaligned)
{
	region(QEMU_ITS)->phys_start += 0x800;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" memory region 4: "
			       "phys_start 0x8080800 is not page aligned\n");
}
END_TEST

START_TEST(test_region_virt_misaligned)
{
	region(0)->virt_start = 0x10;
	reseal();
	expect_reject(-EINVAL, "memory region 0: virt_start 0x10 is not page aligned");
}
END_TEST

START_TEST(test_region_size_misaligned)
{
	region(QEMU_RAM)->size += 0x200;
	reseal();
	expect_reject(-EINVAL, "memory region 0: size 0x30000200 is not page aligned");
}
END_TEST

START_TEST(test_region_phys_wraps)
{
	set_region(2, 0xfffffffffffff000ULL, 0x20000000, 0x2000, BULKHEAD_MEM_READ);
	reseal();
	expect_reject(-EINVAL, "memory region 2: phys_start 0xfffffffffffff000 + size 0x2000 "
			       "wraps around the address space");
}
END_TEST

START_TEST(test_region_virt_wraps)
{
	set_region(2, 0x70200000, 0xffffffffffff0000ULL, 0x20000, BULKHEAD_MEM_READ);
	reseal();
	expect_reject(-EINVAL, "memory region 2: virt_start 0xffffffffffff0000 + size 0x20000");
}
END_TEST

START_TEST(test_region_unknown_flags)
{
	region(QEMU_PL011)->flags |= 0x1000;
	reseal();
	expect_reject(-EINVAL, "memory region 6: flags 0x100b has unknown bits");
}
END_TEST

START_TEST(test_region_no_access)
{
	region(2)->flags = BULKHEAD_MEM_EXECUTE;
	reseal();
	expect_reject(-EINVAL, "memory region 2: flags 0x4 grants neither read nor write");
}
END_TEST

START_TEST(test_region_io_executable)
{
	region(1)->flags |= BULKHEAD_MEM_EXECUTE;
	reseal();
	expect_reject(-EINVAL, "memory region 1: flags 0xf makes an io region executable");
}
END_TEST

START_TEST(test_region_io_loadable)
{
	region(1)->flags |= BULKHEAD_MEM_LOADABLE;
	reseal();
	expect_reject(-EINVAL, "memory region 1: flags 0x1b makes an io region loadable");
}
END_TEST

START_TEST(test_region_reserved)
{
	region(0)->reserved = 5;
	reseal();
	expect_reject(-EINVAL, "memory region 0: reserved 0x5 must be 0");
}
END_TEST

START_TEST(test_regions_overlap_physically)
{
	/* Flash grows into the GIC distributor. */
	region(QEMU_FLASH)->size += 0x1000;
	reseal();
	expect_reject(-EINVAL, "memory region 3: phys 0x8000000-0x800ffff overlaps region 2 "
			       "(0x0-0x8000fff)");
}
END_TEST

START_TEST(test_regions_overlap_in_virt_space)
{
	/* Distinct memory, but the cell would see both at 0x10000000. */
	region(0)->virt_start = 0x0ffff000;
	reseal();
	expect_reject(-EINVAL, "memory region 2: virt 0x10000000-0x10000fff overlaps region 0 "
			       "(0xffff000-0x100fefff)");
}
END_TEST

START_TEST(test_same_region_twice)
{
	*region(QEMU_ECAM) = *region(QEMU_GICD);
	reseal();
	expect_reject(-EINVAL, "memory region 13: phys 0x8000000-0x800ffff overlaps region 3");
}
END_TEST

/* ---- cell configs: address space, communication region, entry, loading ---- */

START_TEST(test_region_virt_beyond_ipa_limit)
{
	set_region(2, 0x70200000, BULKHEAD_CELL_IPA_LIMIT - 0x1000, 0x2000, BULKHEAD_MEM_READ);
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" memory region 2: virt 0xfffffff000-"
			       "0x10000000fff ends beyond the cell address space limit "
			       "0x10000000000\n");
	region(2)->size = 0x1000;
	reseal();
	expect_accept();
	region(2)->virt_start = BULKHEAD_CELL_IPA_LIMIT;
	reseal();
	expect_reject(-EINVAL, "memory region 2: virt 0x10000000000-0x10000000fff ends beyond");
}
END_TEST

START_TEST(test_comm_region_misaligned)
{
	cell()->comm_region = 0x80000010;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": comm_region 0x80000010 is not page "
			       "aligned\n");
}
END_TEST

START_TEST(test_comm_region_beyond_ipa_limit)
{
	cell()->comm_region = BULKHEAD_CELL_IPA_LIMIT - 0x1000;
	reseal();
	expect_accept();
	cell()->comm_region = BULKHEAD_CELL_IPA_LIMIT;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": comm_region 0x10000000000 is beyond the "
			       "cell address space limit 0x10000000000\n");
	cell()->comm_region = ~0xfffULL;
	reseal();
	expect_reject(-EINVAL, "comm_region 0xfffffffffffff000 is beyond");
}
END_TEST

/* 0 is an address like any other. */
START_TEST(test_comm_region_at_zero)
{
	region(0)->virt_start = 0x40000000;
	cell()->entry = 0x40000000;
	cell()->comm_region = 0;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_comm_region_overlaps_region)
{
	cell()->comm_region = 0x10000000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": comm_region 0x10000000-0x10000fff overlaps "
			       "memory region 2 (virt 0x10000000-0x10000fff)\n");
	/* Its last byte counts too. */
	cell()->comm_region = 0xff000;
	reseal();
	expect_reject(-EINVAL, "comm_region 0xff000-0xfffff overlaps memory region 0 "
			       "(virt 0x0-0xfffff)");
}
END_TEST

START_TEST(test_entry_in_no_region)
{
	cell()->entry = 0x100000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": entry 0x100000 lies in no memory "
			       "region\n");
	cell()->entry = 0xffffc;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_entry_not_executable)
{
	cell()->entry = 0x10000800;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": entry 0x10000800 lies in memory region 2 "
			       "(flags 0x23), which is not executable RAM\n");
}
END_TEST

START_TEST(test_entry_in_io_region)
{
	cell()->entry = 0x09000000;
	reseal();
	expect_reject(-EINVAL, "entry 0x9000000 lies in memory region 1 (flags 0xb), which is "
			       "not executable RAM");
}
END_TEST

START_TEST(test_shutdown_timeout)
{
	cell()->shutdown_timeout_ms = BULKHEAD_MAX_SHUTDOWN_TIMEOUT_MS;
	reseal();
	expect_accept();
	cell()->shutdown_timeout_ms = BULKHEAD_MAX_SHUTDOWN_TIMEOUT_MS + 1;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": shutdown_timeout_ms 600001 exceeds the "
			       "maximum of 600000\n");
}
END_TEST

/* ---- cell: interrupts ---- */

/* The first and the last SPI; 256 of them, the most a cell may own. */
START_TEST(test_irqs_spi_range_accepted)
{
	unsigned int n;

	*irq(0) = BULKHEAD_IRQ_SPI_FIRST;
	*irq(1) = BULKHEAD_IRQ_SPI_LAST;
	reseal();
	expect_accept();
	for (n = 0; n < BULKHEAD_MAX_IRQS; n++)
		*irq(n) = BULKHEAD_IRQ_SPI_FIRST + n;
	resize_irqs(BULKHEAD_MAX_IRQS);
	expect_accept();
	resize_irqs(0);
	expect_accept();
}
END_TEST

START_TEST(test_irq_not_spi)
{
	*irq(1) = 31;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" irq 1: INTID 31 is not a shared peripheral "
			       "interrupt (32-1019)\n");
	*irq(1) = 0;
	reseal();
	expect_reject(-EINVAL, "irq 1: INTID 0 is not a shared peripheral interrupt");
	*irq(0) = 1020;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" irq 0: INTID 1020 is not a shared "
			       "peripheral interrupt (32-1019)\n");
}
END_TEST

START_TEST(test_irq_duplicate)
{
	*irq(2) = 33;
	resize_irqs(3);
	expect_reject(-EINVAL, "config: cell \"demo\" irq 2: INTID 33 is listed already as "
			       "irq 0\n");
	*irq(1) = 33;
	*irq(2) = 41;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" irq 1: INTID 33 is listed already as "
			       "irq 0\n");
}
END_TEST

START_TEST(test_too_many_irqs)
{
	cell()->num_irqs = BULKHEAD_MAX_IRQS + 1;
	reseal();
	expect_reject(-E2BIG, "config: num_irqs 257 exceeds the maximum of 256\n");
	cell()->num_irqs = 0xffffffff;
	reseal();
	expect_reject(-E2BIG, "config: num_irqs 4294967295 exceeds the maximum of 256\n");
}
END_TEST

/* The size covers the interrupt list: one INTID short or one too many is caught. */
START_TEST(test_irq_list_size)
{
	cell()->num_irqs = 3;
	reseal();
	expect_reject(-EINVAL, "config: size 424 does not match num_mem_regions 3, "
			       "num_channels 2, num_irqs 3, num_vdevices 0 and num_links 0 "
			       "(expected 428 bytes)\n");
	cell()->num_irqs = 1;
	reseal();
	expect_reject(-EINVAL, "size 424 does not match num_mem_regions 3, num_channels 2, "
			       "num_irqs 1, num_vdevices 0 and num_links 0 (expected 420 bytes)");
}
END_TEST

/* The root cell owns every SPI no other cell owns: it lists none. */
START_TEST(test_root_cell_irqs)
{
	*irq(0) = 40;
	resize_irqs(1);
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\": num_irqs 0x1 must be 0 in the "
			       "root cell\n");
}
END_TEST

START_TEST(test_no_loadable_region)
{
	region(0)->flags &= ~BULKHEAD_MEM_LOADABLE;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": no memory region is loadable; nothing "
			       "could be loaded into the cell\n");
}
END_TEST

START_TEST(test_loadable_read_only)
{
	region(0)->flags &= ~BULKHEAD_MEM_WRITE;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" memory region 0: flags 0x15 makes a "
			       "loadable region read-only\n");
}
END_TEST

/* ---- system: hypervisor memory, console, platform ---- */

START_TEST(test_hv_memory_not_2m_aligned)
{
	sys()->hypervisor_memory.phys_start = 0x70100000;
	reseal();
	expect_reject(-EINVAL, "hypervisor_memory phys_start 0x70100000 is not 2 MiB aligned");
}
END_TEST

START_TEST(test_hv_memory_size_misaligned)
{
	sys()->hypervisor_memory.size = 0x1000800;
	reseal();
	expect_reject(-EINVAL, "hypervisor_memory size 0x1000800 is not page aligned");
}
END_TEST

START_TEST(test_hv_memory_too_small)
{
	sys()->hypervisor_memory.size = 0x80000;
	reseal();
	expect_reject(-EINVAL, "hypervisor_memory size 0x80000 is below the minimum 0x100000");
}
END_TEST

START_TEST(test_hv_memory_wraps)
{
	sys()->hypervisor_memory.phys_start = 0xffffffffffe00000ULL;
	sys()->hypervisor_memory.size = 0x400000;
	reseal();
	expect_reject(-EINVAL, "hypervisor_memory phys_start 0xffffffffffe00000 + size 0x400000");
}
END_TEST

START_TEST(test_hv_memory_unused_fields)
{
	sys()->hypervisor_memory.flags = BULKHEAD_MEM_READ;
	reseal();
	expect_reject(-EINVAL, "hypervisor_memory flags 0x1 must be 0");
}
END_TEST

START_TEST(test_hv_memory_overlaps_root_cell)
{
	/* The last 2 MiB of the root cell's RAM. */
	sys()->hypervisor_memory.phys_start = 0x6fe00000;
	reseal();
	expect_reject(-EINVAL, "hypervisor_memory 0x6fe00000-0x70dfffff overlaps cell "
			       "\"qemu-virt-linux\" memory region 0 (0x40000000-0x6fffffff)");
}
END_TEST

START_TEST(test_console_type_unknown)
{
	sys()->debug_console.type = 7;
	reseal();
	expect_reject(-EINVAL, "debug_console type 7 is unknown");
}
END_TEST

START_TEST(test_console_none_with_address)
{
	sys()->debug_console.type = BULKHEAD_CONSOLE_NONE;
	reseal();
	expect_reject(-EINVAL, "debug_console type none but address 0x9000000");
}
END_TEST

START_TEST(test_console_address_zero)
{
	sys()->debug_console.address = 0;
	reseal();
	expect_reject(-EINVAL, "debug_console address 0x0, size 0x1000: both must be non-zero");
}
END_TEST

START_TEST(test_console_pl011_misaligned)
{
	sys()->debug_console.address = 0x09000400;
	reseal();
	expect_reject(-EINVAL, "debug_console address 0x9000400 is not page aligned");
}
END_TEST

START_TEST(test_gic_version)
{
	sys()->platform.arm64.gic_version = 2;
	reseal();
	expect_reject(-EINVAL, "platform gic_version 2 is not supported (expected 3)");
}
END_TEST

START_TEST(test_gicd_zero)
{
	sys()->platform.arm64.gicd_base = 0;
	reseal();
	expect_reject(-EINVAL, "platform gicd_base 0x0 is zero or not 64 KiB aligned");
}
END_TEST

START_TEST(test_gicr_misaligned)
{
	sys()->platform.arm64.gicr_base = 0x080a1000;
	reseal();
	expect_reject(-EINVAL, "platform gicr_base 0x80a1000 is zero or not 64 KiB aligned");
}
END_TEST

START_TEST(test_gits_misaligned)
{
	sys()->platform.arm64.gits_base = 0x08081000;
	reseal();
	expect_reject(-EINVAL, "platform gits_base 0x8081000 is not 64 KiB aligned");
}
END_TEST

/* The board's ITS is named for the hypervisor, and marked as a DMA master like PCIe. */
START_TEST(test_qemu_virt_dma_devices)
{
	ck_assert_uint_eq(sys()->platform.arm64.gits_base, region(QEMU_ITS)->phys_start);
	ck_assert(region(QEMU_ITS)->flags & BULKHEAD_MEM_DMA);
	ck_assert(region(QEMU_ECAM)->flags & BULKHEAD_MEM_DMA);
	ck_assert(!(region(QEMU_PL011)->flags & BULKHEAD_MEM_DMA));
}
END_TEST

START_TEST(test_dma_ram_refused)
{
	region(0)->flags |= BULKHEAD_MEM_DMA;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" memory region 0: flags 0x47 "
			       "marks RAM dma (only io regions are devices)\n");
}
END_TEST

START_TEST(test_platform_reserved)
{
	sys()->platform.arm64.reserved = 3;
	reseal();
	expect_reject(-EINVAL, "platform reserved 0x3 must be 0");
}
END_TEST

START_TEST(test_platform_padding)
{
	sys()->platform.padding[40] = 0xaa;
	reseal();
	expect_reject(-EINVAL, "platform byte 40 is 0xaa, must be 0");
}
END_TEST

/* ---- system: cells, root cell ---- */

START_TEST(test_max_cells_range)
{
	sys()->max_cells = BULKHEAD_MAX_CELLS;
	reseal();
	expect_accept();
	sys()->max_cells = 0;
	reseal();
	expect_reject(-EINVAL, "config: max_cells 0 is out of range (1-64)\n");
	sys()->max_cells = BULKHEAD_MAX_CELLS + 1;
	reseal();
	expect_reject(-EINVAL, "config: max_cells 65 is out of range (1-64)\n");
}
END_TEST

/*
 * event_irq: 0 or an SPI, never a root channel's doorbell (the root could
 * not tell events from rings). Catches a PPI, an INTID past the SPIs, or a
 * doorbell taken for events.
 */
START_TEST(test_event_irq)
{
	ck_assert_uint_eq(sys()->event_irq, 232);
	expect_accept();
	sys()->event_irq = 0;
	reseal();
	expect_accept();
	sys()->event_irq = 27;
	reseal();
	expect_reject(-EINVAL, "config: event_irq 27 is neither 0 nor a shared peripheral "
		      "interrupt (32-1019)\n");
	sys()->event_irq = 1020;
	reseal();
	expect_reject(-EINVAL, "config: event_irq 1020 is neither 0 nor a shared peripheral "
		      "interrupt (32-1019)\n");
	sys()->event_irq = 245;
	reseal();
	expect_reject(-EINVAL, "config: event_irq 245 is also the doorbell_irq of root channel 2 "
		      "\"root-log\"\n");
}
END_TEST

/* A pinned image key and the flag that makes the hypervisor use it come together. */
START_TEST(test_image_key_and_flag)
{
	sys()->flags = BULKHEAD_SYSTEM_SIGNED_IMAGES;
	sys()->image_key[31] = 0x42;
	reseal();
	expect_accept();
	sys()->flags = 0;
	reseal();
	expect_reject(-EINVAL, "config: image_key is set, but system flags do not require signed "
		      "images (0x1): the key would go unused\n");
	sys()->flags = BULKHEAD_SYSTEM_SIGNED_IMAGES;
	sys()->image_key[31] = 0;
	reseal();
	expect_reject(-EINVAL, "config: system flags require signed images (0x1), but image_key "
		      "is all zero\n");
	sys()->flags = 0x80000000;
	reseal();
	expect_reject(-EINVAL, "config: system flags 0x80000000 has unknown bits 0x80000000\n");
}
END_TEST

/* What was the system block's reserved field counts the links now. */
START_TEST(test_too_many_links)
{
	sys()->num_links = BULKHEAD_MAX_LINKS + 1;
	reseal();
	expect_reject(-E2BIG, "config: num_links 65 exceeds the maximum of 64\n");
	sys()->num_links = 0xffffffff;
	reseal();
	expect_reject(-E2BIG, "config: num_links 4294967295 exceeds the maximum of 64\n");
	/* One link more than the file holds. */
	sys()->num_links = QEMU_LINKS + 1;
	reseal();
	expect_reject(-EINVAL, "num_links 11 (expected 1856 bytes)");
}
END_TEST

/* What only cells created at run time use must be 0 in the root cell. */
START_TEST(test_root_cell_guest_fields)
{
	cell()->comm_region = 0x80000000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\": comm_region 0x80000000 must "
			       "be 0 in the root cell\n");
	cell()->comm_region = 0;
	cell()->entry = 0x40080000;
	reseal();
	expect_reject(-EINVAL, "cell \"qemu-virt-linux\": entry 0x40080000 must be 0 in the "
			       "root cell");
	cell()->entry = 0;
	cell()->shutdown_timeout_ms = 1000;
	reseal();
	expect_reject(-EINVAL, "cell \"qemu-virt-linux\": shutdown_timeout_ms 0x3e8 must be 0 in "
			       "the root cell");
}
END_TEST

/* Nothing watches or restarts the root cell. */
START_TEST(test_root_cell_health)
{
	cell()->health.watchdog_timeout_ms = 100;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\": watchdog_timeout_ms 0x64 must "
			       "be 0 in the root cell\n");
	cell()->health.watchdog_timeout_ms = 0;
	cell()->health.failure_action = BULKHEAD_ON_FAILURE_STOP;
	reseal();
	expect_reject(-EINVAL, "failure_action 0x1 must be 0 in the root cell");
}
END_TEST

START_TEST(test_root_cell_not_identity_mapped)
{
	region(QEMU_CELL_RAM)->virt_start = 0x91000000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" memory region 1: virt_start "
			       "0x91000000 differs from phys_start 0x71000000; the root cell is "
			       "identity-mapped\n");
}
END_TEST

/* The root cell's regions are identity-mapped: above 2^40 is out of its reach too. */
START_TEST(test_root_cell_region_beyond_ipa_limit)
{
	region(QEMU_ECAM)->phys_start = BULKHEAD_CELL_IPA_LIMIT - 0x8000000;
	region(QEMU_ECAM)->virt_start = region(QEMU_ECAM)->phys_start;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" memory region 13: virt "
			       "0xfff8000000-0x10007ffffff ends beyond the cell address space "
			       "limit 0x10000000000\n");
	region(QEMU_ECAM)->size = 0x8000000;
	reseal();
	expect_accept();
}
END_TEST

/* ---- cell: channels ---- */

/* 16 channels, the most a cell may declare; then one more. */
START_TEST(test_channel_count)
{
	char name[8];
	unsigned int n;

	resize_channels(BULKHEAD_MAX_CHANNELS);
	for (n = 0; n < BULKHEAD_MAX_CHANNELS; n++) {
		snprintf(name, sizeof(name), "ch%u", n);
		set_channel(n, name, "peer", 0x7e000000 + n * 0x10000, 0x20000000 + n * 0x10000,
			    0x10000, BULKHEAD_CHANNEL_WRITE, 241 + n);
	}
	reseal();
	expect_accept();
	cell()->num_channels = BULKHEAD_MAX_CHANNELS + 1;
	reseal();
	expect_reject(-E2BIG, "config: num_channels 17 exceeds the maximum of 16\n");
	cell()->num_channels = 0xffffffff;
	reseal();
	expect_reject(-E2BIG, "config: num_channels 4294967295 exceeds the maximum of 16\n");
}
END_TEST

/* The size covers the channel table: one channel more than the file holds is caught. */
START_TEST(test_channel_table_size)
{
	cell()->num_channels = 3;
	reseal();
	expect_reject(-EINVAL, "config: size 424 does not match num_mem_regions 3, "
			       "num_channels 3, num_irqs 2, num_vdevices 0 and num_links 0 "
			       "(expected 520 bytes)\n");
}
END_TEST

START_TEST(test_channel_name)
{
	memset(channel(1)->name, 0, sizeof(channel(1)->name));
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 name is empty\n");
	memset(channel(1)->name, 'c', sizeof(channel(1)->name));
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 name is not NUL-terminated "
			       "within 32 bytes\n");
	strcpy(channel(1)->name, "a\x7f");
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 name byte 1 is 0x7f, not a "
			       "printable character\n");
}
END_TEST

START_TEST(test_channel_peer_name)
{
	memset(channel(0)->peer, 0, sizeof(channel(0)->peer));
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 0 \"to-root\" peer is empty\n");
	memset(channel(0)->peer, 'p', sizeof(channel(0)->peer));
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 0 \"to-root\" peer is not "
			       "NUL-terminated within 32 bytes\n");
	strcpy(channel(0)->peer, "\xc3\xa9");
	reseal();
	expect_reject(-EINVAL, "channel 0 \"to-root\" peer byte 0 is 0xc3, not a printable");
}
END_TEST

START_TEST(test_channel_peer_is_self)
{
	strcpy(channel(1)->peer, "demo");
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": peer \"demo\" is "
			       "the cell itself\n");
}
END_TEST

START_TEST(test_channel_name_twice)
{
	strcpy(channel(1)->name, "to-root");
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"to-root\": name is taken by "
			       "channel 0 already\n");
}
END_TEST

START_TEST(test_channel_size)
{
	channel(1)->size = 0;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": size is 0\n");
	channel(1)->size = 0x10800;
	reseal();
	expect_reject(-EINVAL, "channel 1 \"from-peer\": size 0x10800 is not page aligned");
}
END_TEST

START_TEST(test_channel_phys)
{
	channel(1)->phys_start = 0x7e200800;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": phys_start "
			       "0x7e200800 is not page aligned\n");
	channel(1)->phys_start = 0xffffffffffff8000ULL;
	reseal();
	expect_reject(-EINVAL, "channel 1 \"from-peer\": phys_start 0xffffffffffff8000 + size "
			       "0x10000 wraps around the address space");
}
END_TEST

START_TEST(test_channel_virt)
{
	channel(0)->virt_start = 0x50000010;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 0 \"to-root\": virt_start "
			       "0x50000010 is not page aligned\n");
	channel(1)->virt_start = BULKHEAD_CELL_IPA_LIMIT - 0x8000;
	channel(0)->virt_start = 0x50000000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": virt "
			       "0xffffff8000-0x10000007fff ends beyond the cell address space "
			       "limit 0x10000000000\n");
	channel(1)->virt_start = BULKHEAD_CELL_IPA_LIMIT - 0x10000;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_channel_flags)
{
	channel(1)->flags = 0x6;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": flags 0x6 has "
			       "unknown bits 0x6\n");
}
END_TEST

/* 0 (no doorbells) or an SPI: the first and the last are fine, the neighbours are not. */
START_TEST(test_channel_doorbell_not_spi)
{
	channel(1)->doorbell_irq = BULKHEAD_IRQ_SPI_LAST;
	channel(0)->doorbell_irq = BULKHEAD_IRQ_SPI_FIRST;
	reseal();
	expect_accept();
	channel(0)->doorbell_irq = 31;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 0 \"to-root\": doorbell_irq 31 is "
			       "neither 0 nor a shared peripheral interrupt (32-1019)\n");
	channel(0)->doorbell_irq = 1020;
	reseal();
	expect_reject(-EINVAL, "doorbell_irq 1020 is neither 0 nor a shared peripheral interrupt");
}
END_TEST

START_TEST(test_channel_doorbell_is_device_irq)
{
	channel(0)->doorbell_irq = 40;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 0 \"to-root\": doorbell_irq 40 is "
			       "also the cell's irq 1\n");
}
END_TEST

START_TEST(test_channel_doorbell_twice)
{
	channel(1)->doorbell_irq = 300;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": doorbell_irq 300 "
			       "is taken by channel 0 \"to-root\" already\n");
}
END_TEST

START_TEST(test_channel_overlaps_region)
{
	channel(1)->phys_start = 0x701f0000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": phys "
			       "0x701f0000-0x701fffff overlaps memory region 0 "
			       "(0x70100000-0x701fffff)\n");
	channel(1)->phys_start = 0x7e200000;
	channel(1)->virt_start = 0x0fff8000;
	reseal();
	expect_reject(-EINVAL, "channel 1 \"from-peer\": virt 0xfff8000-0x10007fff overlaps "
			       "memory region 2 (0x10000000-0x10000fff)");
}
END_TEST

START_TEST(test_channel_overlaps_channel)
{
	channel(1)->phys_start = 0x7e0f0000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": phys "
			       "0x7e0f0000-0x7e0fffff overlaps channel 0 "
			       "(0x7e000000-0x7e0fffff)\n");
	channel(1)->phys_start = 0x7e200000;
	channel(1)->virt_start = 0x500ff000;
	reseal();
	expect_reject(-EINVAL, "channel 1 \"from-peer\": virt 0x500ff000-0x5010efff overlaps "
			       "channel 0 (0x50000000-0x500fffff)");
}
END_TEST

START_TEST(test_channel_overlaps_comm_region)
{
	channel(1)->virt_start = 0x7fff1000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" channel 1 \"from-peer\": virt "
			       "0x7fff1000-0x80000fff overlaps comm_region 0x80000000\n");
}
END_TEST

/* ---- system: root channels ---- */

START_TEST(test_root_channel_not_identity_mapped)
{
	channel(QEMU_ROOT_ECHO)->virt_start = 0x10000000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" channel 0 \"root-echo\": "
			       "virt_start 0x10000000 differs from phys_start 0x7e000000; the root "
			       "cell is identity-mapped\n");
}
END_TEST

/* Inside one RAM region: not in a device, not across a region's end. */
START_TEST(test_root_channel_outside_ram)
{
	struct bulkhead_channel *ch = channel(QEMU_ROOT_FEED);

	ch->phys_start = ch->virt_start = 0x09000000;
	ch->size = 0x1000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" channel 1 \"root-feed\": phys "
			       "0x9000000-0x9000fff lies in no RAM region of the root cell\n");
	ch->phys_start = ch->virt_start = 0x7fff0000;
	ch->size = 0x20000;
	reseal();
	expect_reject(-EINVAL, "phys 0x7fff0000-0x8000ffff lies in no RAM region");
	ch->size = 0x10000;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_root_channel_without_link)
{
	set_link(4, "qemu-virt-linux", "other");
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" channel 1 \"root-feed\": peer "
			       "\"reader\" but the policy has no link between \"qemu-virt-linux\" "
			       "and \"reader\"\n");
}
END_TEST

START_TEST(test_root_channel_write_without_link)
{
	set_link(4, "reader", "qemu-virt-linux");
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" channel 1 \"root-feed\": flags "
			       "0x1 (write) but the policy has no link \"qemu-virt-linux\" -> "
			       "\"reader\"\n");
	/* Reading needs only a link either way. */
	channel(QEMU_ROOT_FEED)->flags = 0;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_root_channel_doorbell_without_link)
{
	channel(QEMU_ROOT_FEED)->doorbell_irq = 241;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" channel 1 \"root-feed\": "
			       "doorbell_irq 241 but the policy has no link \"reader\" -> "
			       "\"qemu-virt-linux\"\n");
}
END_TEST

/* Without channels the root needs no policy; its channels do. */
START_TEST(test_no_policy)
{
	resize_links(0);
	expect_reject(-EINVAL, "channel 0 \"root-echo\": peer \"echo\" but the policy has no link "
			       "between");
	cell()->num_channels = 0;
	cfg_size = bulkhead_config_expected_size(hdr());
	reseal();
	expect_accept();
}
END_TEST

/* ---- system: channel policy ---- */

START_TEST(test_link_names)
{
	memset(link_at(4)->from, 0, sizeof(link_at(4)->from));
	reseal();
	expect_reject(-EINVAL, "config: link 4 from is empty\n");
	set_link(4, "qemu-virt-linux", "reader");
	memset(link_at(4)->to, 'r', sizeof(link_at(4)->to));
	reseal();
	expect_reject(-EINVAL, "config: link 4 to is not NUL-terminated within 32 bytes\n");
	set_link(0, "qemu\tvirt-linux", "echo");
	expect_reject(-EINVAL, "config: link 0 from byte 4 is 0x09, not a printable character\n");
}
END_TEST

START_TEST(test_link_to_itself)
{
	set_link(4, "reader", "reader");
	expect_reject(-EINVAL, "config: link 4 \"reader\" -> \"reader\": from and to are the same "
			       "cell\n");
}
END_TEST

START_TEST(test_link_twice)
{
	set_link(4, "echo", "qemu-virt-linux");
	expect_reject(-EINVAL, "config: link 4 \"echo\" -> \"qemu-virt-linux\": listed already as "
			       "link 1\n");
}
END_TEST

START_TEST(test_has_link)
{
	ck_assert(config_has_link(hdr(), "qemu-virt-linux", "reader"));
	ck_assert(!config_has_link(hdr(), "reader", "qemu-virt-linux"));
	ck_assert(config_has_link(hdr(), "echo", "qemu-virt-linux"));
	ck_assert(config_has_link(hdr(), "chan-b", "chan-a"));
	/* Whole names only. */
	ck_assert(!config_has_link(hdr(), "qemu-virt-linu", "reader"));
	ck_assert(!config_has_link(hdr(), "chan-a", "chan-b-2"));
	resize_links(0);
	ck_assert(!config_has_link(hdr(), "qemu-virt-linux", "reader"));
}
END_TEST

/* A cell descriptor with one channel, as config_check_channel_policy() sees it at create. */
static struct {
	struct bulkhead_cell cell;
	struct bulkhead_channel channel;
} __attribute__((packed)) other;

static int check_other(const char *name, const char *channel_name, const char *peer, u32 flags,
		       u32 doorbell_irq)
{
	memset(&other, 0, sizeof(other));
	strcpy(other.cell.name, name);
	other.cell.num_channels = 1;
	strcpy(other.channel.name, channel_name);
	strcpy(other.channel.peer, peer);
	other.channel.flags = flags;
	other.channel.doorbell_irq = doorbell_irq;
	console_capture_reset();
	return config_check_channel_policy(hdr(), &other.cell, 0);
}

START_TEST(test_channel_policy_at_create)
{
	ck_assert_int_eq(check_other("reader", "root-feed", "qemu-virt-linux", 0, 244), 0);
	ck_assert_str_eq(console_captured(), "");
	ck_assert_int_eq(check_other("echo", "root-echo", "qemu-virt-linux",
				     BULKHEAD_CHANNEL_WRITE, 241), 0);
	ck_assert_int_eq(check_other("chan-b", "a-b", "chan-a", BULKHEAD_CHANNEL_WRITE, 243), 0);
	ck_assert_int_eq(check_other("reader", "root-feed", "qemu-virt-linux",
				     BULKHEAD_CHANNEL_WRITE, 244), -EPERM);
	ck_assert_str_eq(console_captured(),
			 "config: cell \"reader\" channel 0 \"root-feed\": flags 0x1 (write) but "
			 "the policy has no link \"reader\" -> \"qemu-virt-linux\"\n");
	ck_assert_int_eq(check_other("chan-c", "c-b", "chan-b", 0, 0), -EPERM);
	ck_assert_str_eq(console_captured(),
			 "config: cell \"chan-c\" channel 0 \"c-b\": peer \"chan-b\" but the "
			 "policy has no link between \"chan-c\" and \"chan-b\"\n");
}
END_TEST

START_TEST(test_in_ram)
{
	ck_assert(config_in_ram(cell(), 0x7e000000, 0x100000));
	/* The lent region is 0x71000000-0x7fffffff. */
	ck_assert(config_in_ram(cell(), 0x71000000, 0x0f000000));
	ck_assert(config_in_ram(cell(), 0x7ffff000, 0x1000));
	ck_assert(!config_in_ram(cell(), 0x7ffff000, 0x2000));
	ck_assert(!config_in_ram(cell(), 0x70fff000, 0x2000));
	ck_assert(!config_in_ram(cell(), 0x71000000, 0x0f001000));
	/* Hypervisor memory is in no region; the UART is a device. */
	ck_assert(!config_in_ram(cell(), 0x70000000, 0x1000));
	ck_assert(!config_in_ram(cell(), 0x09000000, 0x1000));
	/* Nothing overflows at the top of the address space. */
	ck_assert(!config_in_ram(cell(), 0xfffffffffffff000ULL, 0x1000));
	ck_assert(!config_in_ram(cell(), 0x7e000000, ~0ULL));
}
END_TEST

/*
 * The region that holds a whole range, device regions included: both the create path and
 * hvctl config check find a cell's memory among the root's regions with it.
 */
START_TEST(test_region_holding)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell());
	const struct bulkhead_mem_region *found;

	found = config_region_holding(cell(), 0x71000000, 0x0f000000);
	ck_assert_ptr_nonnull(found);
	ck_assert_uint_eq(found->phys_start, 0x71000000);
	ck_assert_ptr_eq(config_region_holding(cell(), 0x7ffff000, 0x1000), found);
	/* The UART's region holds the UART: io counts here, unlike config_in_ram(). */
	found = config_region_holding(cell(), 0x09000000, 0x1000);
	ck_assert_ptr_nonnull(found);
	ck_assert(found->flags & BULKHEAD_MEM_IO);
	ck_assert(found >= mem && found < mem + cell()->num_mem_regions);
	/* One byte past a region's end, across two regions, or in none. */
	ck_assert_ptr_null(config_region_holding(cell(), 0x7ffff000, 0x2000));
	ck_assert_ptr_null(config_region_holding(cell(), 0x70fff000, 0x2000));
	ck_assert_ptr_null(config_region_holding(cell(), 0x70000000, 0x1000));
	/* Nothing overflows at the top of the address space. */
	ck_assert_ptr_null(config_region_holding(cell(), 0xfffffffffffff000ULL, 0x1000));
	ck_assert_ptr_null(config_region_holding(cell(), 0x71000000, ~0ULL));
}
END_TEST

static bool no_gic(u64 phys, u64 size, const void *arg)
{
	return false;
}

static bool board_gicd(u64 phys, u64 size, const void *arg)
{
	return ranges_overlap(phys, size, 0x08000000, 0x10000);
}

/* A cell's region against the board's system config alone, in the order a create checks. */
START_TEST(test_region_place)
{
	struct bulkhead_mem_region mem = { 0x71000000, 0, 0x100000,
					   BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE, 0 };
	const struct bulkhead_mem_region *root;

	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root), CONFIG_REGION_OK);
	ck_assert_uint_eq(root->phys_start, 0x71000000);
	/* The hypervisor's last MiB, and a region straddling its end into lent RAM. */
	mem.phys_start = 0x70f00000;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root),
			 CONFIG_REGION_HV_MEMORY);
	ck_assert_ptr_null(root);
	mem.phys_start = 0x70f80000;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root),
			 CONFIG_REGION_HV_MEMORY);
	mem.phys_start = 0xa0000000;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root),
			 CONFIG_REGION_NOT_ROOT);
	/* The RTC as RAM, then as the device it is. */
	mem.phys_start = 0x09010000;
	mem.size = 0x1000;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root),
			 CONFIG_REGION_KIND_DIFFERS);
	mem.flags |= BULKHEAD_MEM_IO;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root), CONFIG_REGION_OK);
	/* The debug console, and the distributor only when @kept says the GIC is there. */
	mem.phys_start = 0x09000000;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root),
			 CONFIG_REGION_KEPT_DEVICE);
	mem.phys_start = 0x08000000;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root), CONFIG_REGION_OK);
	ck_assert_int_eq(config_region_place(hdr(), &mem, board_gicd, NULL, &root),
			 CONFIG_REGION_KEPT_DEVICE);
	/* A virtio transport: the root marks them dma. */
	mem.phys_start = 0x0a000000;
	ck_assert_int_eq(config_region_place(hdr(), &mem, no_gic, NULL, &root),
			 CONFIG_REGION_ROOT_DMA);
	ck_assert_uint_eq(root->phys_start, 0x0a000000);
}
END_TEST

/* ---- hostile input: never read past size ---- */

/* Copies @len bytes so that they end right where an inaccessible page begins. */
static u8 *guarded_copy(const void *data, size_t len)
{
	static u8 *area;
	long page = sysconf(_SC_PAGESIZE);
	size_t span = (BULKHEAD_CONFIG_MAX_SIZE + (size_t)page - 1) & ~((size_t)page - 1);

	if (!area) {
		area = mmap(NULL, span + (size_t)page, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ck_assert_ptr_ne(area, MAP_FAILED);
		ck_assert_int_eq(mprotect(area + span, (size_t)page, PROT_NONE), 0);
	}
	memcpy(area + span - len, data, len);
	return area + span - len;
}

/* Every prefix, even with size and checksum made to agree with it, fails cleanly. */
START_TEST(test_every_truncation)
{
	unsigned long full = cfg_size, len;
	const u8 *copy;

	for (len = 0; len < full; len++) {
		cfg_size = len;
		if (len >= sizeof(struct bulkhead_config_header))
			reseal();
		copy = guarded_copy(cfg, len);
		console_capture_reset();
		ck_assert_int_ne(config_check((const void *)copy, len, cfg_kind,
					      BULKHEAD_ARCH_ARM64), 0);
	}
}
END_TEST

/* Flipping any bit of any byte, then resealing, is either valid or rejected: never a crash. */
START_TEST(test_every_byte_flipped)
{
	static u8 pristine[BULKHEAD_CONFIG_MAX_SIZE];
	unsigned long off;
	unsigned int bit;
	const u8 *copy;

	memcpy(pristine, cfg, cfg_size);
	for (off = 0; off < cfg_size; off++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(cfg, pristine, cfg_size);
			cfg[off] ^= (u8)(1u << bit);
			reseal();
			copy = guarded_copy(cfg, cfg_size);
			console_capture_reset();
			config_check((const void *)copy, cfg_size, cfg_kind, BULKHEAD_ARCH_ARM64);
		}
	}
}
END_TEST

/* ---- cell: emulated devices, flags, image store ---- */

static struct bulkhead_vdevice *vdevice(unsigned int n)
{
	return (struct bulkhead_vdevice *)&bulkhead_cell_vdevices(cell())[n];
}

static void set_vdevice(unsigned int n, u32 type, u64 address, u32 irq)
{
	vdevice(n)->type = type;
	vdevice(n)->address = address;
	vdevice(n)->irq = irq;
}

/* The demo cell plus a UART (INTID 60) and a power button (INTID 39), apart from its UART. */
static void add_vdevices(void)
{
	cell()->num_vdevices = 2;
	set_vdevice(0, BULKHEAD_VDEV_PL011, 0x09100000, 60);
	set_vdevice(1, BULKHEAD_VDEV_POWER_BUTTON, 0x09030000, 39);
	cfg_size = bulkhead_config_expected_size(hdr());
	reseal();
}

START_TEST(test_vdevices_accepted)
{
	add_vdevices();
	ck_assert_uint_eq(cfg_size, 24 + 104 + 3 * 32 + 2 * 96 + 2 * 4 + 2 * 16);
	expect_accept();
	cell()->flags = BULKHEAD_CELL_BUS_ERRORS | BULKHEAD_CELL_PSCI_SMC | BULKHEAD_CELL_PASSIVE;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_vdevice_count)
{
	add_vdevices();
	cell()->num_vdevices = BULKHEAD_MAX_VDEVICES + 1;
	reseal();
	expect_reject(-E2BIG, "config: num_vdevices 5 exceeds the maximum of 4\n");
	cell()->num_vdevices = 3;
	reseal();
	expect_reject(-EINVAL, "num_irqs 2, num_vdevices 3 and num_links 0 (expected 472 bytes)");
}
END_TEST

START_TEST(test_vdevice_type)
{
	add_vdevices();
	vdevice(1)->type = 4;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: type 4 is unknown (expected 1 "
			       "pl011, 2 power-button, 3 sp805)\n");
	vdevice(1)->type = 0;
	reseal();
	expect_reject(-EINVAL, "vdevice 1: type 0 is unknown");
}
END_TEST

START_TEST(test_vdevice_address)
{
	add_vdevices();
	vdevice(0)->address = 0x09100800;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 0: address 0x9100800 is not page "
			       "aligned\n");
	vdevice(0)->address = BULKHEAD_CELL_IPA_LIMIT;
	reseal();
	expect_reject(-EINVAL, "vdevice 0: address 0x10000000000 is beyond the cell address "
			       "space limit 0x10000000000");
	vdevice(0)->address = ~0xfffULL;
	reseal();
	expect_reject(-EINVAL, "address 0xfffffffffffff000 is beyond");
	vdevice(0)->address = BULKHEAD_CELL_IPA_LIMIT - BULKHEAD_VDEV_SIZE;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_vdevice_irq_not_spi)
{
	add_vdevices();
	vdevice(1)->irq = 31;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: irq 31 is not a shared peripheral "
			       "interrupt (32-1019)\n");
	vdevice(1)->irq = 1020;
	reseal();
	expect_reject(-EINVAL, "vdevice 1: irq 1020 is not a shared peripheral interrupt");
}
END_TEST

/* The hypervisor raises it: neither a device the cell owns nor a doorbell may have it too. */
START_TEST(test_vdevice_irq_taken)
{
	add_vdevices();
	vdevice(0)->irq = 40;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 0: irq 40 is also the cell's irq 1\n");
	vdevice(0)->irq = 300;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 0: irq 300 is also the doorbell_irq "
			       "of channel 0 \"to-root\"\n");
}
END_TEST

START_TEST(test_vdevice_overlaps_region)
{
	add_vdevices();
	/* The demo cell's passed-through UART sits there. */
	vdevice(0)->address = 0x09000000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 0: address 0x9000000-0x9000fff "
			       "overlaps memory region 1 (virt 0x9000000-0x9000fff)\n");
	vdevice(0)->address = 0xff000;
	reseal();
	expect_reject(-EINVAL, "overlaps memory region 0 (virt 0x0-0xfffff)");
}
END_TEST

START_TEST(test_vdevice_overlaps_channel)
{
	add_vdevices();
	vdevice(1)->address = 0x50108000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: address 0x50108000-0x50108fff "
			       "overlaps channel 1 \"from-peer\" (virt 0x50100000-0x5010ffff)\n");
}
END_TEST

START_TEST(test_vdevice_on_comm_region)
{
	add_vdevices();
	vdevice(1)->address = 0x80000000;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: address 0x80000000 is the "
			       "comm_region's\n");
}
END_TEST

/* One device of each type, each at its own address with its own interrupt. */
START_TEST(test_vdevice_pairs)
{
	add_vdevices();
	vdevice(1)->type = BULKHEAD_VDEV_PL011;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: type 1 (pl011): the cell has one "
			       "already, vdevice 0\n");
	vdevice(1)->type = BULKHEAD_VDEV_POWER_BUTTON;
	vdevice(1)->address = vdevice(0)->address;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: address 0x9100000 is taken by "
			       "vdevice 0 already\n");
	vdevice(1)->address = 0x09030000;
	vdevice(1)->irq = vdevice(0)->irq;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: irq 60 is taken by vdevice 0 "
			       "already\n");
}
END_TEST

/* An SP805 watchdog: one per cell, like the other types. */
START_TEST(test_vdevice_sp805)
{
	add_vdevices();
	vdevice(1)->type = BULKHEAD_VDEV_SP805;
	reseal();
	expect_accept();
	vdevice(0)->type = BULKHEAD_VDEV_SP805;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" vdevice 1: type 3 (sp805): the cell has one "
			       "already, vdevice 0\n");
}
END_TEST

/* The store is RAM nobody maps: one per cell, nothing that maps, runs or shares it. */
/* A restart policy: its limits in range, an image store to restart from. */
static void set_restart_policy(void)
{
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE;
	cell()->health = (struct bulkhead_health){
		.watchdog_timeout_ms = 100,
		.failure_action = BULKHEAD_ON_FAILURE_RESTART,
		.max_restarts = 3,
		.restart_window_ms = 60000,
		.restart_delay_ms = 20,
	};
	reseal();
}

START_TEST(test_health_accepted)
{
	set_restart_policy();
	expect_accept();
	cell()->health.watchdog_timeout_ms = BULKHEAD_WATCHDOG_MIN_MS;
	cell()->health.max_restarts = BULKHEAD_MAX_RESTARTS;
	cell()->health.restart_window_ms = BULKHEAD_RESTART_WINDOW_MAX_MS;
	cell()->health.restart_delay_ms = BULKHEAD_RESTART_DELAY_MAX_MS;
	reseal();
	expect_accept();
	/* Without a watchdog, faults alone set the policy off. */
	cell()->health.watchdog_timeout_ms = 0;
	reseal();
	expect_accept();
}
END_TEST

START_TEST(test_health_watchdog_bounds)
{
	set_restart_policy();
	cell()->health.watchdog_timeout_ms = BULKHEAD_WATCHDOG_MIN_MS - 1;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": watchdog_timeout_ms 9 is out of range "
			       "(10-3600000)\n");
	cell()->health.watchdog_timeout_ms = BULKHEAD_WATCHDOG_MAX_MS + 1;
	reseal();
	expect_reject(-EINVAL, "watchdog_timeout_ms 3600001 is out of range (10-3600000)");
}
END_TEST

START_TEST(test_health_unknown_action)
{
	set_restart_policy();
	cell()->health.failure_action = 3;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": failure_action 3 is none of report (0), "
			       "stop (1) and restart (2)\n");
}
END_TEST

/* report and stop never restart: restart limits there are a mistake, named. */
START_TEST(test_health_restart_fields_without_restart)
{
	set_restart_policy();
	cell()->health.failure_action = BULKHEAD_ON_FAILURE_STOP;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": max_restarts 3 is set, but failure_action "
			       "1 (stop) never restarts\n");
	cell()->health.failure_action = BULKHEAD_ON_FAILURE_REPORT;
	cell()->health.max_restarts = 0;
	cell()->health.restart_window_ms = 0;
	reseal();
	expect_reject(-EINVAL, "restart_delay_ms 20 is set, but failure_action 0 (report) never "
			       "restarts");
}
END_TEST

START_TEST(test_health_restart_needs_store)
{
	set_restart_policy();
	region(2)->flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_ROOTSHARED;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\": failure_action 2 (restart) needs an "
			       "image-store region to restart from\n");
}
END_TEST

START_TEST(test_health_restart_bounds)
{
	set_restart_policy();
	cell()->health.max_restarts = 0;
	reseal();
	expect_reject(-EINVAL, "max_restarts 0 is out of range (1-1000)");
	cell()->health.max_restarts = BULKHEAD_MAX_RESTARTS + 1;
	reseal();
	expect_reject(-EINVAL, "max_restarts 1001 is out of range (1-1000)");
	cell()->health.max_restarts = 3;
	cell()->health.restart_window_ms = BULKHEAD_RESTART_WINDOW_MIN_MS - 1;
	reseal();
	expect_reject(-EINVAL, "restart_window_ms 99 is out of range (100-86400000)");
	cell()->health.restart_window_ms = BULKHEAD_RESTART_WINDOW_MAX_MS + 1;
	reseal();
	expect_reject(-EINVAL, "restart_window_ms 86400001 is out of range (100-86400000)");
	cell()->health.restart_window_ms = 60000;
	cell()->health.restart_delay_ms = BULKHEAD_RESTART_DELAY_MAX_MS + 1;
	reseal();
	expect_reject(-EINVAL, "restart_delay_ms 3600001 is out of range (0-3600000)");
}
END_TEST

START_TEST(test_image_store)
{
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE;
	reseal();
	expect_accept();
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE | BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE;
	reseal();
	expect_accept();
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE | BULKHEAD_MEM_ROOTSHARED;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" memory region 2: flags 0xa0 combines "
			       "image-store with io, loadable, execute, rootshared or dma\n");
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_LOADABLE;
	reseal();
	expect_reject(-EINVAL, "flags 0x92 combines image-store with");
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE | BULKHEAD_MEM_READ | BULKHEAD_MEM_IO;
	reseal();
	expect_reject(-EINVAL, "flags 0x89 combines image-store with");
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE | BULKHEAD_MEM_READ | BULKHEAD_MEM_EXECUTE;
	reseal();
	expect_reject(-EINVAL, "flags 0x85 combines image-store with");
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE | BULKHEAD_MEM_DMA;
	reseal();
	expect_reject(-EINVAL, "flags 0xc0 combines image-store with");
}
END_TEST

START_TEST(test_image_store_twice)
{
	region(1)->flags = BULKHEAD_MEM_IMAGE_STORE;
	region(2)->flags = BULKHEAD_MEM_IMAGE_STORE;
	reseal();
	expect_reject(-EINVAL, "config: cell \"demo\" memory region 2: flags 0x80: image-store is "
			       "taken by memory region 1 already\n");
}
END_TEST

START_TEST(test_root_image_store)
{
	region(QEMU_CELL_RAM)->flags = BULKHEAD_MEM_IMAGE_STORE;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\" memory region 1: flags 0x80 marks "
			       "a region image-store, which only cell configs may\n");
}
END_TEST

/* The root keeps the machine's firmware, bus and devices. */
START_TEST(test_root_cell_vdevice_and_flags)
{
	u8 *links = (u8 *)bulkhead_system_links(hdr());
	struct bulkhead_vdevice *dev = (struct bulkhead_vdevice *)links;

	cell()->flags = BULKHEAD_CELL_PSCI_SMC;
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\": flags (bus-errors, psci-smc) 0x4 "
			       "must be 0 in the root cell\n");
	cell()->flags = 0;
	memmove(links + sizeof(*dev), links, QEMU_LINKS * sizeof(struct bulkhead_link));
	dev->type = BULKHEAD_VDEV_PL011;
	dev->address = 0x09000000;
	dev->irq = 33;
	cell()->num_vdevices = 1;
	cfg_size = bulkhead_config_expected_size(hdr());
	reseal();
	expect_reject(-EINVAL, "config: cell \"qemu-virt-linux\": num_vdevices 0x1 must be 0 in "
			       "the root cell\n");
}
END_TEST

Suite *config_suite(void)
{
	Suite *suite = suite_create("config");
	TCase *system = tcase_create("system");
	TCase *cell_tc = tcase_create("cell");
	TCase *hostile = tcase_create("hostile");
	TCase *hostile_cell = tcase_create("hostile-cell");

	tcase_add_checked_fixture(system, load_system, NULL);
	tcase_add_test(system, test_qemu_virt_accepted);
	tcase_add_test(system, test_8250_console_at_port_address);
	tcase_add_test(system, test_no_console);
	tcase_add_test(system, test_size_zero);
	tcase_add_test(system, test_size_below_header);
	tcase_add_test(system, test_size_above_maximum);
	tcase_add_test(system, test_truncated);
	tcase_add_test(system, test_truncated_inside_fixed_part);
	tcase_add_test(system, test_region_table_truncated);
	tcase_add_test(system, test_trailing_bytes);
	tcase_add_test(system, test_too_many_regions);
	tcase_add_test(system, test_bad_magic);
	tcase_add_test(system, test_wrong_revision);
	tcase_add_test(system, test_wrong_arch);
	tcase_add_test(system, test_wrong_kind);
	tcase_add_test(system, test_header_reserved);
	tcase_add_test(system, test_corrupted_byte);
	tcase_add_test(system, test_wrong_checksum);
	tcase_add_test(system, test_region_phys_misaligned);
	tcase_add_test(system, test_region_size_misaligned);
	tcase_add_test(system, test_region_unknown_flags);
	tcase_add_test(system, test_regions_overlap_physically);
	tcase_add_test(system, test_same_region_twice);
	tcase_add_test(system, test_hv_memory_not_2m_aligned);
	tcase_add_test(system, test_hv_memory_size_misaligned);
	tcase_add_test(system, test_hv_memory_too_small);
	tcase_add_test(system, test_hv_memory_wraps);
	tcase_add_test(system, test_hv_memory_unused_fields);
	tcase_add_test(system, test_hv_memory_overlaps_root_cell);
	tcase_add_test(system, test_console_type_unknown);
	tcase_add_test(system, test_console_none_with_address);
	tcase_add_test(system, test_console_address_zero);
	tcase_add_test(system, test_console_pl011_misaligned);
	tcase_add_test(system, test_gic_version);
	tcase_add_test(system, test_gicd_zero);
	tcase_add_test(system, test_gicr_misaligned);
	tcase_add_test(system, test_gits_misaligned);
	tcase_add_test(system, test_qemu_virt_dma_devices);
	tcase_add_test(system, test_dma_ram_refused);
	tcase_add_test(system, test_platform_reserved);
	tcase_add_test(system, test_platform_padding);
	tcase_add_test(system, test_max_cells_range);
	tcase_add_test(system, test_event_irq);
	tcase_add_test(system, test_image_key_and_flag);
	tcase_add_test(system, test_too_many_links);
	tcase_add_test(system, test_root_cell_guest_fields);
	tcase_add_test(system, test_root_cell_irqs);
	tcase_add_test(system, test_root_image_store);
	tcase_add_test(system, test_root_cell_vdevice_and_flags);
	tcase_add_test(system, test_root_cell_not_identity_mapped);
	tcase_add_test(system, test_root_cell_region_beyond_ipa_limit);
	tcase_add_test(system, test_root_channel_not_identity_mapped);
	tcase_add_test(system, test_root_channel_outside_ram);
	tcase_add_test(system, test_root_channel_without_link);
	tcase_add_test(system, test_root_channel_write_without_link);
	tcase_add_test(system, test_root_channel_doorbell_without_link);
	tcase_add_test(system, test_no_policy);
	tcase_add_test(system, test_link_names);
	tcase_add_test(system, test_link_to_itself);
	tcase_add_test(system, test_link_twice);
	tcase_add_test(system, test_has_link);
	tcase_add_test(system, test_channel_policy_at_create);
	tcase_add_test(system, test_in_ram);
	tcase_add_test(system, test_region_holding);
	tcase_add_test(system, test_region_place);
	tcase_add_test(system, test_root_cell_health);
	suite_add_tcase(suite, system);

	tcase_add_checked_fixture(cell_tc, build_cell, NULL);
	tcase_add_test(cell_tc, test_cell_accepted);
	tcase_add_test(cell_tc, test_cell_dma_flag_refused);
	tcase_add_test(cell_tc, test_region_ending_at_top_of_address_space);
	tcase_add_test(cell_tc, test_name_empty);
	tcase_add_test(cell_tc, test_name_unterminated);
	tcase_add_test(cell_tc, test_name_not_printable);
	tcase_add_test(cell_tc, test_name_not_an_id);
	tcase_add_test(cell_tc, test_cell_flags);
	tcase_add_test(cell_tc, test_cpu_set_empty);
	tcase_add_test(cell_tc, test_region_size_zero);
	tcase_add_test(cell_tc, test_region_virt_misaligned);
	tcase_add_test(cell_tc, test_region_phys_wraps);
	tcase_add_test(cell_tc, test_region_virt_wraps);
	tcase_add_test(cell_tc, test_region_no_access);
	tcase_add_test(cell_tc, test_region_io_executable);
	tcase_add_test(cell_tc, test_region_io_loadable);
	tcase_add_test(cell_tc, test_region_reserved);
	tcase_add_test(cell_tc, test_regions_overlap_in_virt_space);
	tcase_add_test(cell_tc, test_region_virt_beyond_ipa_limit);
	tcase_add_test(cell_tc, test_comm_region_misaligned);
	tcase_add_test(cell_tc, test_comm_region_beyond_ipa_limit);
	tcase_add_test(cell_tc, test_comm_region_at_zero);
	tcase_add_test(cell_tc, test_comm_region_overlaps_region);
	tcase_add_test(cell_tc, test_entry_in_no_region);
	tcase_add_test(cell_tc, test_entry_not_executable);
	tcase_add_test(cell_tc, test_entry_in_io_region);
	tcase_add_test(cell_tc, test_shutdown_timeout);
	tcase_add_test(cell_tc, test_irqs_spi_range_accepted);
	tcase_add_test(cell_tc, test_irq_not_spi);
	tcase_add_test(cell_tc, test_irq_duplicate);
	tcase_add_test(cell_tc, test_too_many_irqs);
	tcase_add_test(cell_tc, test_irq_list_size);
	tcase_add_test(cell_tc, test_no_loadable_region);
	tcase_add_test(cell_tc, test_loadable_read_only);
	tcase_add_test(cell_tc, test_channel_count);
	tcase_add_test(cell_tc, test_channel_table_size);
	tcase_add_test(cell_tc, test_channel_name);
	tcase_add_test(cell_tc, test_channel_peer_name);
	tcase_add_test(cell_tc, test_channel_peer_is_self);
	tcase_add_test(cell_tc, test_channel_name_twice);
	tcase_add_test(cell_tc, test_channel_size);
	tcase_add_test(cell_tc, test_channel_phys);
	tcase_add_test(cell_tc, test_channel_virt);
	tcase_add_test(cell_tc, test_channel_flags);
	tcase_add_test(cell_tc, test_channel_doorbell_not_spi);
	tcase_add_test(cell_tc, test_channel_doorbell_is_device_irq);
	tcase_add_test(cell_tc, test_channel_doorbell_twice);
	tcase_add_test(cell_tc, test_channel_overlaps_region);
	tcase_add_test(cell_tc, test_channel_overlaps_channel);
	tcase_add_test(cell_tc, test_channel_overlaps_comm_region);
	tcase_add_test(cell_tc, test_vdevices_accepted);
	tcase_add_test(cell_tc, test_vdevice_count);
	tcase_add_test(cell_tc, test_vdevice_type);
	tcase_add_test(cell_tc, test_vdevice_address);
	tcase_add_test(cell_tc, test_vdevice_irq_not_spi);
	tcase_add_test(cell_tc, test_vdevice_irq_taken);
	tcase_add_test(cell_tc, test_vdevice_overlaps_region);
	tcase_add_test(cell_tc, test_vdevice_overlaps_channel);
	tcase_add_test(cell_tc, test_vdevice_on_comm_region);
	tcase_add_test(cell_tc, test_vdevice_pairs);
	tcase_add_test(cell_tc, test_vdevice_sp805);
	tcase_add_test(cell_tc, test_image_store);
	tcase_add_test(cell_tc, test_health_accepted);
	tcase_add_test(cell_tc, test_health_watchdog_bounds);
	tcase_add_test(cell_tc, test_health_unknown_action);
	tcase_add_test(cell_tc, test_health_restart_fields_without_restart);
	tcase_add_test(cell_tc, test_health_restart_needs_store);
	tcase_add_test(cell_tc, test_health_restart_bounds);
	tcase_add_test(cell_tc, test_image_store_twice);
	suite_add_tcase(suite, cell_tc);

	/* The bit-flip walk runs the validator ~5000 times. */
	tcase_set_timeout(hostile, 60);
	tcase_add_checked_fixture(hostile, load_system, NULL);
	tcase_add_test(hostile, test_every_truncation);
	tcase_add_test(hostile, test_every_byte_flipped);
	suite_add_tcase(suite, hostile);

	/* The same on a cell config, whose checks differ from the root cell's. */
	tcase_set_timeout(hostile_cell, 60);
	tcase_add_checked_fixture(hostile_cell, build_cell, NULL);
	tcase_add_test(hostile_cell, test_every_truncation);
	tcase_add_test(hostile_cell, test_every_byte_flipped);
	suite_add_tcase(suite, hostile_cell);
	return suite;
}
