// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration validator. The hypervisor runs it on its own copy of every
 * config before using a byte of it; bulkhead-cellc runs the same code before
 * writing a .cell, so that a config the compiler accepts is one the hypervisor
 * accepts.
 *
 * Input may be truncated or hostile: every size is checked before the
 * structure behind it is read, and nothing past @size is ever touched.
 * The first problem found is reported as one line naming field, index and
 * value, because that line is often all a user sees of a failed enable.
 */
#include <bulkhead/types.h>
#include <bulkhead/errno.h>
#include <bulkhead/string.h>
#include <bulkhead/printk.h>
#include <bulkhead/config_check.h>

#define HDR_SIZE	sizeof(struct bulkhead_config_header)

/* Expects a "%s" for the cell name and a "%u" for the region index first. */
#define region_error(cell, idx, fmt, ...)                                                   \
	printk("config: cell \"%s\" memory region %u: " fmt "\n", (cell)->name, idx,         \
	       ##__VA_ARGS__)

static const char *kind_name(unsigned int kind)
{
	return kind == BULKHEAD_CONFIG_SYSTEM ? "system" : "cell";
}

/* True if [start, start + size) runs past the top of the 64-bit space. */
static bool range_wraps(u64 start, u64 size)
{
	return size > 0 && size - 1 > ~0ULL - start;
}

static int check_size(unsigned long size)
{
	if (size < HDR_SIZE) {
		printk("config: size %lu is smaller than the header (%lu bytes)\n", size,
		       (unsigned long)HDR_SIZE);
		return -EINVAL;
	}
	if (size > BULKHEAD_CONFIG_MAX_SIZE) {
		printk("config: size %lu exceeds the maximum of %u bytes\n", size,
		       BULKHEAD_CONFIG_MAX_SIZE);
		return -E2BIG;
	}
	return 0;
}

static int check_header_ids(const struct bulkhead_config_header *hdr, unsigned int kind,
			    unsigned int arch)
{
	if (memcmp(hdr->magic, BULKHEAD_CONFIG_MAGIC, BULKHEAD_CONFIG_MAGIC_LEN) != 0) {
		printk("config: magic is not \"%s\": not a Bulkhead configuration\n",
		       BULKHEAD_CONFIG_MAGIC);
		return -EINVAL;
	}
	if (hdr->revision != BULKHEAD_CONFIG_REVISION) {
		printk("config: revision %u is not supported (expected %u)\n", hdr->revision,
		       BULKHEAD_CONFIG_REVISION);
		return -EINVAL;
	}
	if (hdr->arch != arch) {
		printk("config: arch %u does not match this hypervisor (expected %u)\n", hdr->arch,
		       arch);
		return -EINVAL;
	}
	if (hdr->kind != kind) {
		printk("config: kind %u is not a %s config (expected %u)\n", hdr->kind,
		       kind_name(kind), kind);
		return -EINVAL;
	}
	return 0;
}

static int check_header(const struct bulkhead_config_header *hdr, unsigned long size,
			unsigned int kind, unsigned int arch)
{
	u32 checksum;
	int err;

	err = check_header_ids(hdr, kind, arch);
	if (err)
		return err;
	if (hdr->reserved != 0) {
		printk("config: header reserved 0x%x must be 0\n", hdr->reserved);
		return -EINVAL;
	}
	if (hdr->total_size != size) {
		printk("config: total_size %u does not match the config size %lu\n",
		       hdr->total_size, size);
		return -EINVAL;
	}
	checksum = bulkhead_config_checksum(hdr, size);
	if (hdr->checksum != checksum) {
		printk("config: checksum 0x%08x does not match contents (0x%08x)\n", hdr->checksum,
		       checksum);
		return -EINVAL;
	}
	return 0;
}

/* Header, system block (if any) and cell descriptor must fit before they are read. */
static int check_layout(const struct bulkhead_config_header *hdr, unsigned long size)
{
	unsigned long fixed = HDR_SIZE + sizeof(struct bulkhead_cell);
	const struct bulkhead_cell *cell;

	if (hdr->kind == BULKHEAD_CONFIG_SYSTEM)
		fixed += sizeof(struct bulkhead_system);
	if (size < fixed) {
		printk("config: size %lu is too small for a %s config (at least %lu bytes)\n",
		       size, kind_name(hdr->kind), fixed);
		return -EINVAL;
	}
	cell = bulkhead_config_cell(hdr);
	if (cell->num_mem_regions > BULKHEAD_MAX_MEM_REGIONS) {
		printk("config: num_mem_regions %u exceeds the maximum of %u\n",
		       cell->num_mem_regions, BULKHEAD_MAX_MEM_REGIONS);
		return -E2BIG;
	}
	if (cell->num_irqs > BULKHEAD_MAX_IRQS) {
		printk("config: num_irqs %u exceeds the maximum of %u\n", cell->num_irqs,
		       BULKHEAD_MAX_IRQS);
		return -E2BIG;
	}
	if (bulkhead_config_expected_size(hdr) != size) {
		printk("config: size %lu does not match num_mem_regions %u and num_irqs %u "
		       "(expected %lu bytes)\n", size, cell->num_mem_regions, cell->num_irqs,
		       bulkhead_config_expected_size(hdr));
		return -EINVAL;
	}
	return 0;
}

static int check_cell_name(const struct bulkhead_cell *cell)
{
	size_t len = strnlen(cell->name, BULKHEAD_CELL_NAME_LEN);
	size_t n;

	if (len == BULKHEAD_CELL_NAME_LEN) {
		printk("config: cell name is not NUL-terminated within %u bytes\n",
		       BULKHEAD_CELL_NAME_LEN);
		return -EINVAL;
	}
	if (len == 0) {
		printk("config: cell name is empty\n");
		return -EINVAL;
	}
	for (n = 0; n < len; n++) {
		if (cell->name[n] < 0x20 || cell->name[n] > 0x7e) {
			printk("config: cell name byte %lu is 0x%02x, not a printable character\n",
			       (unsigned long)n, (unsigned int)(u8)cell->name[n]);
			return -EINVAL;
		}
	}
	return 0;
}

/* The name is known to be printable when this runs. */
static int check_cell_fields(const struct bulkhead_cell *cell)
{
	if (cell->flags & ~BULKHEAD_CELL_VALID_FLAGS) {
		printk("config: cell \"%s\": flags 0x%x has unknown bits 0x%x\n", cell->name,
		       cell->flags, cell->flags & ~BULKHEAD_CELL_VALID_FLAGS);
		return -EINVAL;
	}
	if (cell->cpu_set == 0) {
		printk("config: cell \"%s\": cpu_set is empty\n", cell->name);
		return -EINVAL;
	}
	return 0;
}

static int check_region_range(const struct bulkhead_cell *cell, unsigned int idx,
			      const char *field, u64 start, u64 size)
{
	if (!IS_ALIGNED(start, CONFIG_PAGE_SIZE)) {
		region_error(cell, idx, "%s 0x%llx is not page aligned", field, start);
		return -EINVAL;
	}
	if (range_wraps(start, size)) {
		region_error(cell, idx, "%s 0x%llx + size 0x%llx wraps around the address space",
			     field, start, size);
		return -EINVAL;
	}
	return 0;
}

static int check_region_flags(const struct bulkhead_cell *cell, unsigned int idx, u32 flags)
{
	const char *problem = NULL;

	if (flags & ~BULKHEAD_MEM_VALID_FLAGS)
		problem = "has unknown bits";
	else if (!(flags & (BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE)))
		problem = "grants neither read nor write";
	else if ((flags & BULKHEAD_MEM_IO) && (flags & BULKHEAD_MEM_EXECUTE))
		problem = "makes an io region executable";
	else if ((flags & BULKHEAD_MEM_IO) && (flags & BULKHEAD_MEM_LOADABLE))
		problem = "makes an io region loadable";
	/* Images carry data and stacks: the inmate writes where it was loaded. */
	else if ((flags & BULKHEAD_MEM_LOADABLE) && !(flags & BULKHEAD_MEM_WRITE))
		problem = "makes a loadable region read-only";
	if (problem) {
		region_error(cell, idx, "flags 0x%x %s", flags, problem);
		return -EINVAL;
	}
	return 0;
}

/* The whole virtual range lies below BULKHEAD_CELL_IPA_LIMIT; it is known not to wrap. */
static int check_region_ipa(const struct bulkhead_cell *cell, unsigned int idx,
			    const struct bulkhead_mem_region *mem)
{
	if (mem->virt_start < BULKHEAD_CELL_IPA_LIMIT &&
	    mem->size <= BULKHEAD_CELL_IPA_LIMIT - mem->virt_start)
		return 0;
	region_error(cell, idx, "virt 0x%llx-0x%llx ends beyond the cell address space limit "
		     "0x%llx", mem->virt_start, mem->virt_start + mem->size - 1,
		     BULKHEAD_CELL_IPA_LIMIT);
	return -EINVAL;
}

/* The root cell keeps the addresses Linux was using: its regions are identity-mapped. */
static int check_region_identity(const struct bulkhead_cell *cell, unsigned int idx,
				 const struct bulkhead_mem_region *mem)
{
	if (mem->virt_start == mem->phys_start)
		return 0;
	region_error(cell, idx, "virt_start 0x%llx differs from phys_start 0x%llx; root cell "
		     "regions must be identity-mapped", mem->virt_start, mem->phys_start);
	return -EINVAL;
}

static int check_region(const struct bulkhead_cell *cell, unsigned int idx, unsigned int kind)
{
	const struct bulkhead_mem_region *mem = &bulkhead_cell_mem_regions(cell)[idx];
	int err;

	if (mem->size == 0) {
		region_error(cell, idx, "size is 0");
		return -EINVAL;
	}
	if (!IS_ALIGNED(mem->size, CONFIG_PAGE_SIZE)) {
		region_error(cell, idx, "size 0x%llx is not page aligned", mem->size);
		return -EINVAL;
	}
	err = check_region_range(cell, idx, "phys_start", mem->phys_start, mem->size);
	if (!err)
		err = check_region_range(cell, idx, "virt_start", mem->virt_start, mem->size);
	if (!err)
		err = check_region_ipa(cell, idx, mem);
	if (!err && kind == BULKHEAD_CONFIG_SYSTEM)
		err = check_region_identity(cell, idx, mem);
	if (!err)
		err = check_region_flags(cell, idx, mem->flags);
	if (!err && mem->reserved != 0) {
		region_error(cell, idx, "reserved 0x%x must be 0", mem->reserved);
		err = -EINVAL;
	}
	return err;
}

/* Regions @a < @b, both already valid on their own. */
static int check_region_pair(const struct bulkhead_cell *cell, unsigned int a, unsigned int b)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	const struct bulkhead_mem_region *x = &mem[a], *y = &mem[b];

	if (ranges_overlap(x->phys_start, x->size, y->phys_start, y->size)) {
		region_error(cell, b, "phys 0x%llx-0x%llx overlaps region %u (0x%llx-0x%llx)",
			     y->phys_start, y->phys_start + y->size - 1, a, x->phys_start,
			     x->phys_start + x->size - 1);
		return -EINVAL;
	}
	if (ranges_overlap(x->virt_start, x->size, y->virt_start, y->size)) {
		region_error(cell, b, "virt 0x%llx-0x%llx overlaps region %u (0x%llx-0x%llx)",
			     y->virt_start, y->virt_start + y->size - 1, a, x->virt_start,
			     x->virt_start + x->size - 1);
		return -EINVAL;
	}
	return 0;
}

static int check_regions(const struct bulkhead_cell *cell, unsigned int kind)
{
	unsigned int a, b;
	int err;

	for (a = 0; a < cell->num_mem_regions; a++) {
		err = check_region(cell, a, kind);
		if (err)
			return err;
	}
	/* At most 64 regions: the quadratic walk costs nothing worth optimising. */
	for (b = 1; b < cell->num_mem_regions; b++) {
		for (a = 0; a < b; a++) {
			err = check_region_pair(cell, a, b);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Index of the region whose virtual range holds @addr, or num_mem_regions. */
static unsigned int find_virt_region(const struct bulkhead_cell *cell, u64 addr)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	unsigned int n;

	for (n = 0; n < cell->num_mem_regions; n++)
		if (addr >= mem[n].virt_start && addr - mem[n].virt_start < mem[n].size)
			break;
	return n;
}

/* The root cell is Linux as it was running: nothing to load, start or ask to stop. */
static int check_root_cell_fields(const struct bulkhead_cell *cell)
{
	const struct {
		const char *field;
		u64 value;
	} unused[] = {
		{ "comm_region", cell->comm_region },
		{ "entry", cell->entry },
		{ "shutdown_timeout_ms", cell->shutdown_timeout_ms },
		/* The root owns every SPI that no other cell owns: it lists none. */
		{ "num_irqs", cell->num_irqs },
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(unused); n++) {
		if (unused[n].value == 0)
			continue;
		printk("config: cell \"%s\": %s 0x%llx must be 0 in the root cell\n", cell->name,
		       unused[n].field, unused[n].value);
		return -EINVAL;
	}
	return 0;
}

/* One page the hypervisor maps into the cell: aligned, reachable, and in no region. */
static int check_comm_region(const struct bulkhead_cell *cell)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	u64 comm = cell->comm_region;
	unsigned int n;

	if (!IS_ALIGNED(comm, CONFIG_PAGE_SIZE)) {
		printk("config: cell \"%s\": comm_region 0x%llx is not page aligned\n", cell->name,
		       comm);
		return -EINVAL;
	}
	if (comm > BULKHEAD_CELL_IPA_LIMIT - CONFIG_PAGE_SIZE) {
		printk("config: cell \"%s\": comm_region 0x%llx is beyond the cell address space "
		       "limit 0x%llx\n", cell->name, comm, BULKHEAD_CELL_IPA_LIMIT);
		return -EINVAL;
	}
	for (n = 0; n < cell->num_mem_regions; n++) {
		if (!ranges_overlap(comm, CONFIG_PAGE_SIZE, mem[n].virt_start, mem[n].size))
			continue;
		printk("config: cell \"%s\": comm_region 0x%llx-0x%llx overlaps memory region %u "
		       "(virt 0x%llx-0x%llx)\n", cell->name, comm, comm + CONFIG_PAGE_SIZE - 1, n,
		       mem[n].virt_start, mem[n].virt_start + mem[n].size - 1);
		return -EINVAL;
	}
	return 0;
}

/* The first CPU starts at @entry: it must be in memory the cell may execute. */
static int check_entry(const struct bulkhead_cell *cell)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	unsigned int n = find_virt_region(cell, cell->entry);

	if (n == cell->num_mem_regions) {
		printk("config: cell \"%s\": entry 0x%llx lies in no memory region\n", cell->name,
		       cell->entry);
		return -EINVAL;
	}
	if (!(mem[n].flags & BULKHEAD_MEM_EXECUTE) || (mem[n].flags & BULKHEAD_MEM_IO)) {
		printk("config: cell \"%s\": entry 0x%llx lies in memory region %u (flags 0x%x), "
		       "which is not executable RAM\n", cell->name, cell->entry, n, mem[n].flags);
		return -EINVAL;
	}
	return 0;
}

/* Loadable regions are the only way an inmate gets into a cell. */
static int check_loadable(const struct bulkhead_cell *cell)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	unsigned int n;

	for (n = 0; n < cell->num_mem_regions; n++)
		if (mem[n].flags & BULKHEAD_MEM_LOADABLE)
			return 0;
	printk("config: cell \"%s\": no memory region is loadable; nothing could be loaded "
	       "into the cell\n", cell->name);
	return -EINVAL;
}

/*
 * A cell may own shared peripheral interrupts only, each once: SGIs and PPIs
 * belong to whichever cell runs on the CPU anyway. num_irqs is known to be in
 * range and the list to lie inside the config.
 */
static int check_irqs(const struct bulkhead_cell *cell)
{
	const u32 *irqs = bulkhead_cell_irqs(cell);
	unsigned int a, b;

	for (b = 0; b < cell->num_irqs; b++) {
		if (irqs[b] < BULKHEAD_IRQ_SPI_FIRST || irqs[b] > BULKHEAD_IRQ_SPI_LAST) {
			printk("config: cell \"%s\" irq %u: INTID %u is not a shared peripheral "
			       "interrupt (%u-%u)\n", cell->name, b, irqs[b],
			       BULKHEAD_IRQ_SPI_FIRST, BULKHEAD_IRQ_SPI_LAST);
			return -EINVAL;
		}
		/* At most 256 entries: the quadratic walk is cheap. */
		for (a = 0; a < b; a++) {
			if (irqs[a] != irqs[b])
				continue;
			printk("config: cell \"%s\" irq %u: INTID %u is listed already as irq %u\n",
			       cell->name, b, irqs[b], a);
			return -EINVAL;
		}
	}
	return 0;
}

/* Fields only a cell created at run time uses; its regions are valid already. */
static int check_guest_cell_fields(const struct bulkhead_cell *cell)
{
	int err;

	if (cell->shutdown_timeout_ms > BULKHEAD_MAX_SHUTDOWN_TIMEOUT_MS) {
		printk("config: cell \"%s\": shutdown_timeout_ms %u exceeds the maximum of %u\n",
		       cell->name, cell->shutdown_timeout_ms, BULKHEAD_MAX_SHUTDOWN_TIMEOUT_MS);
		return -EINVAL;
	}
	err = check_comm_region(cell);
	if (!err)
		err = check_loadable(cell);
	if (!err)
		err = check_entry(cell);
	if (!err)
		err = check_irqs(cell);
	return err;
}

static int check_cell(const struct bulkhead_cell *cell, unsigned int kind)
{
	int err;

	err = check_cell_name(cell);
	if (!err)
		err = check_cell_fields(cell);
	if (!err)
		err = check_regions(cell, kind);
	if (err)
		return err;
	if (kind == BULKHEAD_CONFIG_SYSTEM)
		return check_root_cell_fields(cell);
	return check_guest_cell_fields(cell);
}

/* Only phys_start and size describe hypervisor memory; the rest is reserved. */
static int check_hv_memory_unused(const struct bulkhead_mem_region *hv)
{
	if (hv->virt_start != 0) {
		printk("config: hypervisor_memory virt_start 0x%llx must be 0\n", hv->virt_start);
		return -EINVAL;
	}
	if (hv->flags != 0) {
		printk("config: hypervisor_memory flags 0x%x must be 0\n", hv->flags);
		return -EINVAL;
	}
	if (hv->reserved != 0) {
		printk("config: hypervisor_memory reserved 0x%x must be 0\n", hv->reserved);
		return -EINVAL;
	}
	return 0;
}

static int check_hv_memory_fields(const struct bulkhead_mem_region *hv)
{
	if (!IS_ALIGNED(hv->phys_start, CONFIG_HV_ALIGN)) {
		printk("config: hypervisor_memory phys_start 0x%llx is not 2 MiB aligned\n",
		       hv->phys_start);
		return -EINVAL;
	}
	if (!IS_ALIGNED(hv->size, CONFIG_PAGE_SIZE)) {
		printk("config: hypervisor_memory size 0x%llx is not page aligned\n", hv->size);
		return -EINVAL;
	}
	if (hv->size < CONFIG_HV_MIN_SIZE) {
		printk("config: hypervisor_memory size 0x%llx is below the minimum 0x%lx\n",
		       hv->size, CONFIG_HV_MIN_SIZE);
		return -EINVAL;
	}
	if (range_wraps(hv->phys_start, hv->size)) {
		printk("config: hypervisor_memory phys_start 0x%llx + size 0x%llx wraps around\n",
		       hv->phys_start, hv->size);
		return -EINVAL;
	}
	return check_hv_memory_unused(hv);
}

/* The root cell must not be able to reach the hypervisor's own memory. */
static int check_hv_memory(const struct bulkhead_mem_region *hv, const struct bulkhead_cell *root)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(root);
	unsigned int n;
	int err;

	err = check_hv_memory_fields(hv);
	if (err)
		return err;
	for (n = 0; n < root->num_mem_regions; n++) {
		if (!ranges_overlap(hv->phys_start, hv->size, mem[n].phys_start, mem[n].size))
			continue;
		printk("config: hypervisor_memory 0x%llx-0x%llx overlaps cell \"%s\" memory "
		       "region %u (0x%llx-0x%llx)\n", hv->phys_start, hv->phys_start + hv->size - 1,
		       root->name, n, mem[n].phys_start, mem[n].phys_start + mem[n].size - 1);
		return -EINVAL;
	}
	return 0;
}

static int check_console(const struct bulkhead_console *con)
{
	if (con->type == BULKHEAD_CONSOLE_NONE) {
		if (con->address == 0 && con->size == 0)
			return 0;
		printk("config: debug_console type none but address 0x%llx, size 0x%x are set\n",
		       con->address, con->size);
		return -EINVAL;
	}
	if (con->type != BULKHEAD_CONSOLE_PL011 && con->type != BULKHEAD_CONSOLE_8250) {
		printk("config: debug_console type %u is unknown (expected %u none, %u pl011, "
		       "%u 8250)\n", con->type, BULKHEAD_CONSOLE_NONE, BULKHEAD_CONSOLE_PL011,
		       BULKHEAD_CONSOLE_8250);
		return -EINVAL;
	}
	if (con->address == 0 || con->size == 0) {
		printk("config: debug_console address 0x%llx, size 0x%x: both must be non-zero\n",
		       con->address, con->size);
		return -EINVAL;
	}
	/* A PL011 fills a 4 KiB frame; 8250s may sit at port numbers or odd offsets. */
	if (con->type == BULKHEAD_CONSOLE_PL011 && !IS_ALIGNED(con->address, CONFIG_PAGE_SIZE)) {
		printk("config: debug_console address 0x%llx is not page aligned\n", con->address);
		return -EINVAL;
	}
	return 0;
}

static int check_zero_bytes(const u8 *bytes, unsigned int from, unsigned int to)
{
	unsigned int n;

	for (n = from; n < to; n++) {
		if (bytes[n] != 0) {
			printk("config: platform byte %u is 0x%02x, must be 0\n", n, bytes[n]);
			return -EINVAL;
		}
	}
	return 0;
}

static int check_platform_arm64(const struct bulkhead_system *sys)
{
	const struct bulkhead_platform_arm64 *plat = &sys->platform.arm64;

	if (plat->gic_version != 3) {
		printk("config: platform gic_version %u is not supported (expected 3)\n",
		       plat->gic_version);
		return -EINVAL;
	}
	if (plat->gicd_base == 0 || !IS_ALIGNED(plat->gicd_base, CONFIG_GIC_ALIGN)) {
		printk("config: platform gicd_base 0x%llx is zero or not 64 KiB aligned\n",
		       plat->gicd_base);
		return -EINVAL;
	}
	if (plat->gicr_base == 0 || !IS_ALIGNED(plat->gicr_base, CONFIG_GIC_ALIGN)) {
		printk("config: platform gicr_base 0x%llx is zero or not 64 KiB aligned\n",
		       plat->gicr_base);
		return -EINVAL;
	}
	if (plat->reserved != 0) {
		printk("config: platform reserved 0x%x must be 0\n", plat->reserved);
		return -EINVAL;
	}
	return check_zero_bytes(sys->platform.padding, sizeof(*plat),
				sizeof(sys->platform.padding));
}

static int check_max_cells(const struct bulkhead_system *sys)
{
	if (sys->max_cells < 1 || sys->max_cells > BULKHEAD_MAX_CELLS) {
		printk("config: max_cells %u is out of range (1-%u)\n", sys->max_cells,
		       BULKHEAD_MAX_CELLS);
		return -EINVAL;
	}
	if (sys->reserved != 0) {
		printk("config: system reserved 0x%x must be 0\n", sys->reserved);
		return -EINVAL;
	}
	return 0;
}

static int check_system(const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_system *sys = bulkhead_config_system(hdr);
	int err;

	err = check_max_cells(sys);
	if (!err)
		err = check_hv_memory(&sys->hypervisor_memory, bulkhead_config_cell(hdr));
	if (!err)
		err = check_console(&sys->debug_console);
	if (err)
		return err;
	if (hdr->arch == BULKHEAD_ARCH_ARM64)
		return check_platform_arm64(sys);
	/* No other platform block is defined yet. */
	return check_zero_bytes(sys->platform.padding, 0, sizeof(sys->platform.padding));
}

int config_check(const struct bulkhead_config_header *hdr, unsigned long size, unsigned int kind,
		 unsigned int arch)
{
	int err;

	err = check_size(size);
	if (!err)
		err = check_header(hdr, size, kind, arch);
	if (!err)
		err = check_layout(hdr, size);
	/* The cell goes first: check_system() prints the root cell's (checked) name. */
	if (!err)
		err = check_cell(bulkhead_config_cell(hdr), kind);
	if (!err && kind == BULKHEAD_CONFIG_SYSTEM)
		err = check_system(hdr);
	return err;
}
