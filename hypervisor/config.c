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
#include <bulkhead/config_arch.h>

#define HDR_SIZE	sizeof(struct bulkhead_config_header)
/* Room for 'cell "<31 characters>" channel 4294967295 "<31 characters>"'. */
#define LABEL_LEN	96

/*
 * Regions, channels and links are named in error lines by a label built once,
 * e.g. 'cell "linux" memory region 3': "config: <label>: <field> <value> ...".
 */
#define item_error(label, fmt, ...)	printk("config: %s: " fmt "\n", label, ##__VA_ARGS__)

/* Where a memory region or a channel is, and where its cell sees it. */
struct span {
	u64 phys;
	u64 virt;
	u64 size;
};

static const char *kind_name(unsigned int kind)
{
	return kind == BULKHEAD_CONFIG_SYSTEM ? "system" : "cell";
}

/* True if [start, start + size) runs past the top of the 64-bit space. */
static bool range_wraps(u64 start, u64 size)
{
	return size > 0 && size - 1 > ~0ULL - start;
}

bool same_name(const char *a, const char *b)
{
	BUILD_BUG_ON(BULKHEAD_CHANNEL_NAME_LEN != BULKHEAD_CELL_NAME_LEN);
	return strncmp(a, b, BULKHEAD_CELL_NAME_LEN) == 0;
}

/* Links exist only in system configs. */
static u32 num_links(const struct bulkhead_config_header *hdr)
{
	return hdr->kind == BULKHEAD_CONFIG_SYSTEM ? bulkhead_config_system(hdr)->num_links : 0;
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

/* Table sizes are bounded before bulkhead_config_expected_size() multiplies them. */
static int check_counts(const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_cell *cell = bulkhead_config_cell(hdr);
	const struct {
		const char *field;
		u32 value;
		u32 max;
	} counts[] = {
		{ "num_mem_regions", cell->num_mem_regions, BULKHEAD_MAX_MEM_REGIONS },
		{ "num_channels", cell->num_channels, BULKHEAD_MAX_CHANNELS },
		{ "num_irqs", cell->num_irqs, BULKHEAD_MAX_IRQS },
		{ "num_vdevices", cell->num_vdevices, BULKHEAD_MAX_VDEVICES },
		{ "num_links", num_links(hdr), BULKHEAD_MAX_LINKS },
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(counts); n++) {
		if (counts[n].value <= counts[n].max)
			continue;
		printk("config: %s %u exceeds the maximum of %u\n", counts[n].field,
		       counts[n].value, counts[n].max);
		return -E2BIG;
	}
	return 0;
}

/* Header, system block (if any) and cell descriptor must fit before they are read. */
static int check_layout(const struct bulkhead_config_header *hdr, unsigned long size)
{
	unsigned long fixed = HDR_SIZE + sizeof(struct bulkhead_cell);
	const struct bulkhead_cell *cell;
	int err;

	if (hdr->kind == BULKHEAD_CONFIG_SYSTEM)
		fixed += sizeof(struct bulkhead_system);
	if (size < fixed) {
		printk("config: size %lu is too small for a %s config (at least %lu bytes)\n",
		       size, kind_name(hdr->kind), fixed);
		return -EINVAL;
	}
	err = check_counts(hdr);
	if (err)
		return err;
	cell = bulkhead_config_cell(hdr);
	if (bulkhead_config_expected_size(hdr) != size) {
		printk("config: size %lu does not match num_mem_regions %u, num_channels %u, "
		       "num_irqs %u, num_vdevices %u and num_links %u (expected %lu bytes)\n",
		       size, cell->num_mem_regions, cell->num_channels, cell->num_irqs,
		       cell->num_vdevices, num_links(hdr), bulkhead_config_expected_size(hdr));
		return -EINVAL;
	}
	return 0;
}

/*
 * Cell names, channel names and both ends of a link: NUL-terminated within
 * @size bytes, not empty, printable ASCII. Errors read "config: @label @field ...".
 */
static int check_name(const char *label, const char *field, const char *name,
		      unsigned int size)
{
	unsigned int len = strnlen(name, size), n;

	if (len == size) {
		printk("config: %s %s is not NUL-terminated within %u bytes\n", label, field,
		       size);
		return -EINVAL;
	}
	if (len == 0) {
		printk("config: %s %s is empty\n", label, field);
		return -EINVAL;
	}
	for (n = 0; n < len; n++) {
		if (name[n] < 0x20 || name[n] > 0x7e) {
			printk("config: %s %s byte %u is 0x%02x, not a printable character\n",
			       label, field, n, (unsigned int)(u8)name[n]);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * Channel names and the cells channels connect: the root's Linux turns them
 * into device file names and space-separated sysfs fields, so letters,
 * digits, '.', '-' and '_' only, and neither "." nor "..".
 */
static int check_word(const char *label, const char *field, const char *name)
{
	unsigned int n;
	char c;

	for (n = 0; name[n]; n++) {
		c = name[n];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '-' || c == '_')
			continue;
		printk("config: %s %s \"%s\": character '%c' is not allowed (letters, digits, "
		       "'.', '-', '_')\n", label, field, name, c);
		return -EINVAL;
	}
	if (!strncmp(name, ".", 2) || !strncmp(name, "..", 3)) {
		printk("config: %s %s \"%s\" is not a usable name\n", label, field, name);
		return -EINVAL;
	}
	return 0;
}

/*
 * hvctl names a cell by its name or its id: a name of digits alone, or one
 * that starts "id:", would read as an id (Documentation/hvctl.md, CELL).
 */
static int check_cell_name_not_id(const char *name)
{
	unsigned int n;

	if (!strncmp(name, "id:", 3)) {
		printk("config: cell \"%s\": a cell name must not start with \"id:\" (hvctl "
		       "reads that as an id)\n", name);
		return -EINVAL;
	}
	for (n = 0; name[n] >= '0' && name[n] <= '9'; n++)
		;
	if (name[n])
		return 0;
	printk("config: cell \"%s\": a cell name must not be all digits (hvctl would take it "
	       "for an id); add a letter\n", name);
	return -EINVAL;
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

/*
 * Size, alignment, no wrap, reachable by the cell; identity-mapped in the root
 * cell, which keeps the addresses Linux was using.
 */
static int check_span(const struct config_arch *arch, const char *label, const struct span *s,
		      unsigned int kind)
{
	const struct {
		const char *field;
		u64 start;
	} starts[] = { { "phys_start", s->phys }, { "virt_start", s->virt } };
	unsigned int n;

	if (s->size == 0) {
		item_error(label, "size is 0");
		return -EINVAL;
	}
	if (!IS_ALIGNED(s->size, CONFIG_PAGE_SIZE)) {
		item_error(label, "size 0x%llx is not page aligned", s->size);
		return -EINVAL;
	}
	for (n = 0; n < ARRAY_SIZE(starts); n++) {
		if (!IS_ALIGNED(starts[n].start, CONFIG_PAGE_SIZE)) {
			item_error(label, "%s 0x%llx is not page aligned", starts[n].field,
				   starts[n].start);
			return -EINVAL;
		}
		if (range_wraps(starts[n].start, s->size)) {
			item_error(label, "%s 0x%llx + size 0x%llx wraps around the address "
				   "space", starts[n].field, starts[n].start, s->size);
			return -EINVAL;
		}
	}
	if (s->virt >= arch->guest_phys_limit || s->size > arch->guest_phys_limit - s->virt) {
		item_error(label, "virt 0x%llx-0x%llx ends beyond the cell address space limit "
			   "0x%llx", s->virt, s->virt + s->size - 1, arch->guest_phys_limit);
		return -EINVAL;
	}
	if (kind == BULKHEAD_CONFIG_SYSTEM && s->virt != s->phys) {
		item_error(label, "virt_start 0x%llx differs from phys_start 0x%llx; the root "
			   "cell is identity-mapped", s->virt, s->phys);
		return -EINVAL;
	}
	return 0;
}

/* @x (named by @label) against @y, @other @idx, both valid on their own. */
static int check_disjoint(const char *label, const struct span *x, const char *other,
			  unsigned int idx, const struct span *y)
{
	const struct {
		const char *space;
		u64 x, y;
	} spaces[] = { { "phys", x->phys, y->phys }, { "virt", x->virt, y->virt } };
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(spaces); n++) {
		if (!ranges_overlap(spaces[n].x, x->size, spaces[n].y, y->size))
			continue;
		item_error(label, "%s 0x%llx-0x%llx overlaps %s %u (0x%llx-0x%llx)",
			   spaces[n].space, spaces[n].x, spaces[n].x + x->size - 1, other, idx,
			   spaces[n].y, spaces[n].y + y->size - 1);
		return -EINVAL;
	}
	return 0;
}

static struct span region_span(const struct bulkhead_mem_region *mem)
{
	return (struct span){ mem->phys_start, mem->virt_start, mem->size };
}

/*
 * The image store is mapped into neither the cell nor the root: what would
 * run or be shared from it, or be a device, makes no sense.
 */
#define IMAGE_STORE_EXCLUDES	(BULKHEAD_MEM_IO | BULKHEAD_MEM_LOADABLE | BULKHEAD_MEM_EXECUTE | \
				 BULKHEAD_MEM_ROOTSHARED | BULKHEAD_MEM_DMA)

static int check_region_flags(const char *label, u32 flags, unsigned int kind)
{
	const char *problem = NULL;

	if (flags & ~BULKHEAD_MEM_VALID_FLAGS)
		problem = "has unknown bits";
	else if ((flags & BULKHEAD_MEM_IMAGE_STORE) && kind != BULKHEAD_CONFIG_CELL)
		problem = "marks a region image-store, which only cell configs may";
	else if ((flags & BULKHEAD_MEM_IMAGE_STORE) && (flags & IMAGE_STORE_EXCLUDES))
		problem = "combines image-store with io, loadable, execute, rootshared or dma";
	else if (flags & BULKHEAD_MEM_IMAGE_STORE)
		return 0;
	/* Only the system config knows which of the machine's devices master DMA. */
	else if ((flags & BULKHEAD_MEM_DMA) && kind != BULKHEAD_CONFIG_SYSTEM)
		problem = "marks a region dma, which only the system config may";
	else if ((flags & BULKHEAD_MEM_DMA) && !(flags & BULKHEAD_MEM_IO))
		problem = "marks RAM dma (only io regions are devices)";
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
		item_error(label, "flags 0x%x %s", flags, problem);
		return -EINVAL;
	}
	return 0;
}

/* Region @idx on its own, then against the regions before it. */
static int check_region(const struct config_arch *arch, const struct bulkhead_cell *cell,
			unsigned int idx, unsigned int kind)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	struct span span = region_span(&mem[idx]), other;
	char label[LABEL_LEN];
	unsigned int n;
	int err;

	snprintf(label, sizeof(label), "cell \"%s\" memory region %u", cell->name, idx);
	err = check_span(arch, label, &span, kind);
	if (!err)
		err = check_region_flags(label, mem[idx].flags, kind);
	if (!err && mem[idx].reserved != 0) {
		item_error(label, "reserved 0x%x must be 0", mem[idx].reserved);
		err = -EINVAL;
	}
	/* At most 64 regions: the quadratic walk costs nothing worth optimising. */
	for (n = 0; !err && n < idx; n++) {
		other = region_span(&mem[n]);
		err = check_disjoint(label, &span, "region", n, &other);
	}
	return err;
}

static int check_regions(const struct config_arch *arch, const struct bulkhead_cell *cell,
			 unsigned int kind)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	unsigned int n, store = cell->num_mem_regions;
	int err;

	for (n = 0; n < cell->num_mem_regions; n++) {
		err = check_region(arch, cell, n, kind);
		if (err)
			return err;
		if (!(mem[n].flags & BULKHEAD_MEM_IMAGE_STORE))
			continue;
		/* One store holds every image a restart puts back. */
		if (store < n) {
			printk("config: cell \"%s\" memory region %u: flags 0x%x: image-store is "
			       "taken by memory region %u already\n", cell->name, n, mem[n].flags,
			       store);
			return -EINVAL;
		}
		store = n;
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
		/* The root owns every interrupt source no other cell owns: it lists none. */
		{ "num_irqs", cell->num_irqs },
		{ "num_vdevices", cell->num_vdevices },
		/* Nothing restarts the root: no watchdog, no failure policy. */
		{ "watchdog_timeout_ms", cell->health.watchdog_timeout_ms },
		{ "failure_action", cell->health.failure_action },
		{ "max_restarts", cell->health.max_restarts },
		{ "restart_window_ms", cell->health.restart_window_ms },
		{ "restart_delay_ms", cell->health.restart_delay_ms },
		{ "probation_ms", cell->health.probation_ms },
		/* It keeps the firmware and bus it had; these describe what we emulate. */
		{ "flags (bus-errors, psci-smc)",
		  cell->flags & (BULKHEAD_CELL_BUS_ERRORS | BULKHEAD_CELL_PSCI_SMC) },
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
static int check_comm_region(const struct config_arch *arch, const struct bulkhead_cell *cell)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	u64 comm = cell->comm_region;
	unsigned int n;

	if (!IS_ALIGNED(comm, CONFIG_PAGE_SIZE)) {
		printk("config: cell \"%s\": comm_region 0x%llx is not page aligned\n", cell->name,
		       comm);
		return -EINVAL;
	}
	if (comm > arch->guest_phys_limit - CONFIG_PAGE_SIZE) {
		printk("config: cell \"%s\": comm_region 0x%llx is beyond the cell address space "
		       "limit 0x%llx\n", cell->name, comm, arch->guest_phys_limit);
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
 * @irq, the @field of what @label names, is one of @arch's interrupt sources
 * (or 0, which means none, if @may_be_0).
 */
static int check_irq_source(const struct config_arch *arch, const char *label, const char *field,
			    u32 irq, bool may_be_0)
{
	if ((may_be_0 && irq == 0) || (irq >= arch->irq_first && irq <= arch->irq_last))
		return 0;
	if (arch->irq_first > arch->irq_last)
		printk("config: %s%s%s %u: %s cells take no interrupts yet\n", label ?: "",
		       label ? ": " : "", field, irq, arch->name);
	else
		printk("config: %s%s%s %u is %s %s (%u-%u)\n", label ?: "", label ? ": " : "", field,
		       irq, may_be_0 ? "neither 0 nor a" : "not a", arch->irq_kind, arch->irq_first,
		       arch->irq_last);
	return -EINVAL;
}

/*
 * A cell may own interrupt sources only, each once (on arm64: SPIs; SGIs and
 * PPIs belong to whichever cell runs on the CPU anyway). num_irqs is known to
 * be in range and the list to lie inside the config.
 */
static int check_irqs(const struct config_arch *arch, const struct bulkhead_cell *cell)
{
	const u32 *irqs = bulkhead_cell_irqs(cell);
	char label[LABEL_LEN];
	unsigned int a, b;

	for (b = 0; b < cell->num_irqs; b++) {
		snprintf(label, sizeof(label), "cell \"%s\" irq %u", cell->name, b);
		if (check_irq_source(arch, label, "INTID", irqs[b], false))
			return -EINVAL;
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

/* @value of @field lies in [min, max]; else the line says so. */
static int check_bounds(const struct bulkhead_cell *cell, const char *field, u32 value, u32 min,
			u32 max)
{
	if (value >= min && value <= max)
		return 0;
	printk("config: cell \"%s\": %s %u is out of range (%u-%u)\n", cell->name, field, value,
	       min, max);
	return -EINVAL;
}

static bool has_image_store(const struct bulkhead_cell *cell)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	unsigned int n;

	for (n = 0; n < cell->num_mem_regions; n++)
		if (mem[n].flags & BULKHEAD_MEM_IMAGE_STORE)
			return true;
	return false;
}

/* The restart fields belong to the restart policy; it restarts from the image store. */
static int check_restart_policy(const struct bulkhead_cell *cell)
{
	const struct bulkhead_health *health = &cell->health;
	static const char *const actions[] = { "report", "stop", "restart" };
	const struct {
		const char *field;
		u32 value;
	} restart_only[] = {
		{ "max_restarts", health->max_restarts },
		{ "restart_window_ms", health->restart_window_ms },
		{ "restart_delay_ms", health->restart_delay_ms },
	};
	unsigned int n;
	int err;

	if (health->failure_action != BULKHEAD_ON_FAILURE_RESTART) {
		for (n = 0; n < ARRAY_SIZE(restart_only); n++) {
			if (!restart_only[n].value)
				continue;
			printk("config: cell \"%s\": %s %u is set, but failure_action %u (%s) "
			       "never restarts\n", cell->name, restart_only[n].field,
			       restart_only[n].value, health->failure_action,
			       actions[health->failure_action]);
			return -EINVAL;
		}
		return 0;
	}
	if (!has_image_store(cell)) {
		printk("config: cell \"%s\": failure_action %u (restart) needs an image-store "
		       "region to restart from\n", cell->name, health->failure_action);
		return -EINVAL;
	}
	err = check_bounds(cell, "max_restarts", health->max_restarts, 1, BULKHEAD_MAX_RESTARTS);
	err = err ?: check_bounds(cell, "restart_window_ms", health->restart_window_ms,
				  BULKHEAD_RESTART_WINDOW_MIN_MS, BULKHEAD_RESTART_WINDOW_MAX_MS);
	return err ?: check_bounds(cell, "restart_delay_ms", health->restart_delay_ms, 0,
				   BULKHEAD_RESTART_DELAY_MAX_MS);
}

/* The watchdog and the failure policy (health.c). */
static int check_health(const struct bulkhead_cell *cell)
{
	const struct bulkhead_health *health = &cell->health;

	if (health->watchdog_timeout_ms &&
	    check_bounds(cell, "watchdog_timeout_ms", health->watchdog_timeout_ms,
			 BULKHEAD_WATCHDOG_MIN_MS, BULKHEAD_WATCHDOG_MAX_MS))
		return -EINVAL;
	if (health->failure_action > BULKHEAD_ON_FAILURE_RESTART) {
		printk("config: cell \"%s\": failure_action %u is none of report (%u), stop (%u) "
		       "and restart (%u)\n", cell->name, health->failure_action,
		       BULKHEAD_ON_FAILURE_REPORT, BULKHEAD_ON_FAILURE_STOP,
		       BULKHEAD_ON_FAILURE_RESTART);
		return -EINVAL;
	}
	return check_restart_policy(cell);
}

/* Fields only a cell created at run time uses; its regions are valid already. */
static int check_guest_cell_fields(const struct config_arch *arch, const struct bulkhead_cell *cell)
{
	int err;

	if (cell->shutdown_timeout_ms > BULKHEAD_MAX_SHUTDOWN_TIMEOUT_MS) {
		printk("config: cell \"%s\": shutdown_timeout_ms %u exceeds the maximum of %u\n",
		       cell->name, cell->shutdown_timeout_ms, BULKHEAD_MAX_SHUTDOWN_TIMEOUT_MS);
		return -EINVAL;
	}
	err = check_comm_region(arch, cell);
	if (!err)
		err = check_loadable(cell);
	if (!err)
		err = check_entry(cell);
	if (!err)
		err = check_irqs(arch, cell);
	return err ?: check_health(cell);
}

static struct span channel_span(const struct bulkhead_channel *ch)
{
	return (struct span){ ch->phys_start, ch->virt_start, ch->size };
}

/* 'cell "x" channel 1 "name"'; the name must be known to be printable. */
static const char *channel_label(char *label, const struct bulkhead_cell *cell, unsigned int idx)
{
	snprintf(label, LABEL_LEN, "cell \"%s\" channel %u \"%s\"", cell->name, idx,
		 bulkhead_cell_channels(cell)[idx].name);
	return label;
}

/*
 * The hypervisor raises a doorbell itself, as an interrupt source of the cell's: no device
 * of the cell may own it as well. 0: the cell takes no doorbells here.
 */
static int check_doorbell(const struct config_arch *arch, const struct bulkhead_cell *cell,
			  const char *label, u32 irq)
{
	const u32 *irqs = bulkhead_cell_irqs(cell);
	unsigned int n;

	if (check_irq_source(arch, label, "doorbell_irq", irq, true))
		return -EINVAL;
	for (n = 0; n < cell->num_irqs; n++) {
		if (irqs[n] != irq)
			continue;
		item_error(label, "doorbell_irq %u is also the cell's irq %u", irq, n);
		return -EINVAL;
	}
	return 0;
}

/*
 * The root cell shares channel memory out of its own RAM, where it already
 * sees it; any other cell sees it beside, never over, its regions and its
 * communication region (both known to be valid here).
 */
static int check_channel_memory(const struct bulkhead_cell *cell, const char *label,
				const struct span *span, unsigned int kind)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	struct span other;
	unsigned int n;
	int err = 0;

	if (kind == BULKHEAD_CONFIG_SYSTEM) {
		if (config_in_ram(cell, span->phys, span->size))
			return 0;
		item_error(label, "phys 0x%llx-0x%llx lies in no RAM region of the root cell",
			   span->phys, span->phys + span->size - 1);
		return -EINVAL;
	}
	for (n = 0; !err && n < cell->num_mem_regions; n++) {
		other = region_span(&mem[n]);
		err = check_disjoint(label, span, "memory region", n, &other);
	}
	if (!err && ranges_overlap(span->virt, span->size, cell->comm_region, CONFIG_PAGE_SIZE)) {
		item_error(label, "virt 0x%llx-0x%llx overlaps comm_region 0x%llx", span->virt,
			   span->virt + span->size - 1, cell->comm_region);
		err = -EINVAL;
	}
	return err;
}

/* Channel @b, named by @label, against an earlier channel @a. */
static int check_channel_pair(const struct bulkhead_cell *cell, const char *label,
			      unsigned int a, unsigned int b)
{
	const struct bulkhead_channel *ch = bulkhead_cell_channels(cell);
	struct span x = channel_span(&ch[b]), y = channel_span(&ch[a]);

	if (same_name(ch[a].name, ch[b].name)) {
		item_error(label, "name is taken by channel %u already", a);
		return -EINVAL;
	}
	if (ch[b].doorbell_irq && ch[b].doorbell_irq == ch[a].doorbell_irq) {
		item_error(label, "doorbell_irq %u is taken by channel %u \"%s\" already",
			   ch[b].doorbell_irq, a, ch[a].name);
		return -EINVAL;
	}
	return check_disjoint(label, &x, "channel", a, &y);
}

/* Channel @idx on its own, then against the channels before it. */
static int check_channel(const struct config_arch *arch, const struct bulkhead_cell *cell,
			 unsigned int idx, unsigned int kind)
{
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(cell)[idx];
	struct span span = channel_span(ch);
	char label[LABEL_LEN];
	unsigned int n;
	int err;

	/* Until its name is known to be printable, the channel goes by its index. */
	snprintf(label, sizeof(label), "cell \"%s\" channel %u", cell->name, idx);
	err = check_name(label, "name", ch->name, BULKHEAD_CHANNEL_NAME_LEN);
	err = err ?: check_word(label, "name", ch->name);
	if (err)
		return err;
	channel_label(label, cell, idx);
	err = check_name(label, "peer", ch->peer, BULKHEAD_CELL_NAME_LEN);
	err = err ?: check_word(label, "peer", ch->peer);
	if (!err && same_name(ch->peer, cell->name)) {
		item_error(label, "peer \"%s\" is the cell itself", ch->peer);
		err = -EINVAL;
	}
	if (!err)
		err = check_span(arch, label, &span, kind);
	if (!err && (ch->flags & ~BULKHEAD_CHANNEL_VALID_FLAGS)) {
		item_error(label, "flags 0x%x has unknown bits 0x%x", ch->flags,
			   ch->flags & ~BULKHEAD_CHANNEL_VALID_FLAGS);
		err = -EINVAL;
	}
	if (!err)
		err = check_doorbell(arch, cell, label, ch->doorbell_irq);
	if (!err)
		err = check_channel_memory(cell, label, &span, kind);
	for (n = 0; !err && n < idx; n++)
		err = check_channel_pair(cell, label, n, idx);
	return err;
}

/* "pl011" for the error lines; the type is known to be valid. */
static const char *vdevice_type_name(u32 type)
{
	if (type == BULKHEAD_VDEV_SP805)
		return "sp805";
	return type == BULKHEAD_VDEV_PL011 ? "pl011" : "power-button";
}

/* Emulated device @dev, named by @label, on its own. */
static int check_vdevice_fields(const struct config_arch *arch, const char *label,
				const struct bulkhead_vdevice *dev)
{
	if (dev->type != BULKHEAD_VDEV_PL011 && dev->type != BULKHEAD_VDEV_POWER_BUTTON &&
	    dev->type != BULKHEAD_VDEV_SP805) {
		item_error(label, "type %u is unknown (expected %u pl011, %u power-button, "
			   "%u sp805)", dev->type, BULKHEAD_VDEV_PL011, BULKHEAD_VDEV_POWER_BUTTON,
			   BULKHEAD_VDEV_SP805);
		return -EINVAL;
	}
	if (!IS_ALIGNED(dev->address, BULKHEAD_VDEV_SIZE)) {
		item_error(label, "address 0x%llx is not page aligned", dev->address);
		return -EINVAL;
	}
	if (dev->address > arch->guest_phys_limit - BULKHEAD_VDEV_SIZE) {
		item_error(label, "address 0x%llx is beyond the cell address space limit 0x%llx",
			   dev->address, arch->guest_phys_limit);
		return -EINVAL;
	}
	return check_irq_source(arch, label, "irq", dev->irq, false);
}

/* The device's interrupt is raised by us alone: no device or doorbell of the cell has it. */
static int check_vdevice_irq(const struct bulkhead_cell *cell, const char *label, u32 irq)
{
	const struct bulkhead_channel *ch = bulkhead_cell_channels(cell);
	const u32 *irqs = bulkhead_cell_irqs(cell);
	unsigned int n;

	for (n = 0; n < cell->num_irqs; n++) {
		if (irqs[n] != irq)
			continue;
		item_error(label, "irq %u is also the cell's irq %u", irq, n);
		return -EINVAL;
	}
	for (n = 0; n < cell->num_channels; n++) {
		if (ch[n].doorbell_irq != irq)
			continue;
		item_error(label, "irq %u is also the doorbell_irq of channel %u \"%s\"", irq, n,
			   ch[n].name);
		return -EINVAL;
	}
	return 0;
}

/* The device's page is where the cell has nothing else: no region, channel or comm region. */
static int check_vdevice_page(const struct bulkhead_cell *cell, const char *label, u64 addr)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	const struct bulkhead_channel *ch = bulkhead_cell_channels(cell);
	const u64 end = addr + BULKHEAD_VDEV_SIZE - 1;
	unsigned int n;

	for (n = 0; n < cell->num_mem_regions; n++) {
		if (!ranges_overlap(addr, BULKHEAD_VDEV_SIZE, mem[n].virt_start, mem[n].size))
			continue;
		item_error(label, "address 0x%llx-0x%llx overlaps memory region %u (virt "
			   "0x%llx-0x%llx)", addr, end, n, mem[n].virt_start,
			   mem[n].virt_start + mem[n].size - 1);
		return -EINVAL;
	}
	for (n = 0; n < cell->num_channels; n++) {
		if (!ranges_overlap(addr, BULKHEAD_VDEV_SIZE, ch[n].virt_start, ch[n].size))
			continue;
		item_error(label, "address 0x%llx-0x%llx overlaps channel %u \"%s\" (virt "
			   "0x%llx-0x%llx)", addr, end, n, ch[n].name, ch[n].virt_start,
			   ch[n].virt_start + ch[n].size - 1);
		return -EINVAL;
	}
	if (addr == cell->comm_region) {
		item_error(label, "address 0x%llx is the comm_region's", addr);
		return -EINVAL;
	}
	return 0;
}

/* Device @b, named by @label, against an earlier device @a: one of each type, apart. */
static int check_vdevice_pair(const struct bulkhead_cell *cell, const char *label,
			      unsigned int a, unsigned int b)
{
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(cell);

	if (dev[a].type == dev[b].type) {
		item_error(label, "type %u (%s): the cell has one already, vdevice %u", dev[b].type,
			   vdevice_type_name(dev[b].type), a);
		return -EINVAL;
	}
	if (dev[a].address == dev[b].address) {
		item_error(label, "address 0x%llx is taken by vdevice %u already", dev[b].address,
			   a);
		return -EINVAL;
	}
	if (dev[a].irq == dev[b].irq) {
		item_error(label, "irq %u is taken by vdevice %u already", dev[b].irq, a);
		return -EINVAL;
	}
	return 0;
}

/* Emulated devices go after channels: they are checked against everything else. */
static int check_vdevices(const struct config_arch *arch, const struct bulkhead_cell *cell)
{
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(cell);
	char label[LABEL_LEN];
	unsigned int a, b;
	int err;

	for (b = 0; b < cell->num_vdevices; b++) {
		snprintf(label, sizeof(label), "cell \"%s\" vdevice %u", cell->name, b);
		err = check_vdevice_fields(arch, label, &dev[b]);
		err = err ?: check_vdevice_irq(cell, label, dev[b].irq);
		err = err ?: check_vdevice_page(cell, label, dev[b].address);
		for (a = 0; !err && a < b; a++)
			err = check_vdevice_pair(cell, label, a, b);
		if (err)
			return err;
	}
	return 0;
}

static int check_cell(const struct config_arch *arch, const struct bulkhead_cell *cell,
		      unsigned int kind)
{
	unsigned int n;
	int err;

	err = check_name("cell", "name", cell->name, BULKHEAD_CELL_NAME_LEN);
	if (!err)
		err = check_cell_name_not_id(cell->name);
	if (!err)
		err = check_cell_fields(cell);
	if (!err)
		err = check_regions(arch, cell, kind);
	if (!err)
		err = kind == BULKHEAD_CONFIG_SYSTEM ? check_root_cell_fields(cell) :
						      check_guest_cell_fields(arch, cell);
	/* Channels go last: they are checked against regions, interrupts and comm_region. */
	for (n = 0; !err && n < cell->num_channels; n++)
		err = check_channel(arch, cell, n, kind);
	return err ?: check_vdevices(arch, cell);
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

static int check_console(const struct config_arch *arch, const struct bulkhead_console *con)
{
	if (con->type == BULKHEAD_CONSOLE_NONE) {
		if (con->address == 0 && con->size == 0)
			return 0;
		printk("config: debug_console type none but address 0x%llx, size 0x%x are set\n",
		       con->address, con->size);
		return -EINVAL;
	}
	if (arch->check_console(con))
		return -EINVAL;
	if (con->address == 0 || con->size == 0) {
		printk("config: debug_console address 0x%llx, size 0x%x: both must be non-zero\n",
		       con->address, con->size);
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

static int check_max_cells(const struct bulkhead_system *sys)
{
	if (sys->max_cells < 1 || sys->max_cells > BULKHEAD_MAX_CELLS) {
		printk("config: max_cells %u is out of range (1-%u)\n", sys->max_cells,
		       BULKHEAD_MAX_CELLS);
		return -EINVAL;
	}
	return 0;
}

/* The arch's block of the platform union, then the bytes it leaves unused. */
static int check_platform(const struct config_arch *arch, const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_system *sys = bulkhead_config_system(hdr);

	BUILD_BUG_ON(sizeof(sys->platform) != sizeof(sys->platform.padding));
	if (arch->check_platform(hdr))
		return -EINVAL;
	return check_zero_bytes(sys->platform.padding, arch->platform_size,
				sizeof(sys->platform.padding));
}

/* A pinned image key comes with the flag that makes the hypervisor use it, and only then. */
static int check_image_key(const struct bulkhead_system *sys)
{
	unsigned int n;
	u8 any = 0;

	if (sys->flags & ~BULKHEAD_SYSTEM_VALID_FLAGS) {
		printk("config: system flags 0x%x has unknown bits 0x%x\n", sys->flags,
		       sys->flags & ~BULKHEAD_SYSTEM_VALID_FLAGS);
		return -EINVAL;
	}
	for (n = 0; n < sizeof(sys->image_key); n++)
		any |= sys->image_key[n];
	if ((sys->flags & BULKHEAD_SYSTEM_SIGNED_IMAGES) && !any) {
		printk("config: system flags require signed images (0x%x), but image_key is all "
		       "zero\n", BULKHEAD_SYSTEM_SIGNED_IMAGES);
		return -EINVAL;
	}
	if (!(sys->flags & BULKHEAD_SYSTEM_SIGNED_IMAGES) && any) {
		printk("config: image_key is set, but system flags do not require signed images "
		       "(0x%x): the key would go unused\n", BULKHEAD_SYSTEM_SIGNED_IMAGES);
		return -EINVAL;
	}
	return 0;
}

/* The policy names cells, which need not exist yet: only the names are checked. */
static int check_links(const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_link *link = bulkhead_system_links(hdr);
	char label[LABEL_LEN];
	unsigned int a, b;
	int err;

	for (b = 0; b < num_links(hdr); b++) {
		snprintf(label, sizeof(label), "link %u", b);
		err = check_name(label, "from", link[b].from, BULKHEAD_CELL_NAME_LEN);
		if (!err)
			err = check_name(label, "to", link[b].to, BULKHEAD_CELL_NAME_LEN);
		if (err)
			return err;
		snprintf(label, sizeof(label), "link %u \"%s\" -> \"%s\"", b, link[b].from,
			 link[b].to);
		if (same_name(link[b].from, link[b].to)) {
			item_error(label, "from and to are the same cell");
			return -EINVAL;
		}
		/* At most 64 links: the quadratic walk is cheap. */
		for (a = 0; a < b; a++) {
			if (!same_name(link[a].from, link[b].from) ||
			    !same_name(link[a].to, link[b].to))
				continue;
			item_error(label, "listed already as link %u", a);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * 0 (none), or an interrupt source no root channel rings: the root must tell
 * events from doorbells.
 */
static int check_event_irq(const struct config_arch *arch, const struct bulkhead_system *sys,
			   const struct bulkhead_cell *root)
{
	const struct bulkhead_channel *ch = bulkhead_cell_channels(root);
	unsigned int n;

	if (check_irq_source(arch, NULL, "event_irq", sys->event_irq, true))
		return -EINVAL;
	if (sys->event_irq == 0)
		return 0;
	for (n = 0; n < root->num_channels; n++) {
		if (ch[n].doorbell_irq != sys->event_irq)
			continue;
		printk("config: event_irq %u is also the doorbell_irq of root channel %u \"%s\"\n",
		       sys->event_irq, n, ch[n].name);
		return -EINVAL;
	}
	return 0;
}

static int check_system(const struct config_arch *arch, const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_system *sys = bulkhead_config_system(hdr);
	const struct bulkhead_cell *root = bulkhead_config_cell(hdr);
	unsigned int n;
	int err;

	err = check_max_cells(sys);
	if (!err)
		err = check_hv_memory(&sys->hypervisor_memory, root);
	if (!err)
		err = check_console(arch, &sys->debug_console);
	if (!err)
		err = check_platform(arch, hdr);
	if (!err)
		err = check_image_key(sys);
	if (!err)
		err = check_links(hdr);
	if (!err)
		err = check_event_irq(arch, sys, root);
	/* -EPERM refuses a cell at create; here the config contradicts itself. */
	for (n = 0; !err && n < root->num_channels; n++)
		err = config_check_channel_policy(hdr, root, n) ? -EINVAL : 0;
	return err;
}

bool config_has_link(const struct bulkhead_config_header *sys, const char *from, const char *to)
{
	const struct bulkhead_link *link = bulkhead_system_links(sys);
	unsigned int n;

	for (n = 0; n < bulkhead_config_system(sys)->num_links; n++)
		if (same_name(link[n].from, from) && same_name(link[n].to, to))
			return true;
	return false;
}

int config_check_channel_policy(const struct bulkhead_config_header *sys,
				const struct bulkhead_cell *cell, unsigned int idx)
{
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(cell)[idx];
	bool out = config_has_link(sys, cell->name, ch->peer);
	bool in = config_has_link(sys, ch->peer, cell->name);
	char label[LABEL_LEN];

	channel_label(label, cell, idx);
	if (!out && !in)
		item_error(label, "peer \"%s\" but the policy has no link between \"%s\" and "
			   "\"%s\"", ch->peer, cell->name, ch->peer);
	else if ((ch->flags & BULKHEAD_CHANNEL_WRITE) && !out)
		item_error(label, "flags 0x%x (write) but the policy has no link \"%s\" -> \"%s\"",
			   ch->flags, cell->name, ch->peer);
	else if (ch->doorbell_irq && !in)
		item_error(label, "doorbell_irq %u but the policy has no link \"%s\" -> \"%s\"",
			   ch->doorbell_irq, ch->peer, cell->name);
	else
		return 0;
	return -EPERM;
}

const struct bulkhead_mem_region *config_region_holding(const struct bulkhead_cell *cell, u64 phys,
						       u64 size)
{
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(cell);
	unsigned int n;

	/* Written so that nothing overflows, even for a range ending at 2^64. */
	for (n = 0; n < cell->num_mem_regions; n++)
		if (phys >= mem[n].phys_start && size <= mem[n].size &&
		    phys - mem[n].phys_start <= mem[n].size - size)
			return &mem[n];
	return NULL;
}

enum config_region_place config_region_place(const struct bulkhead_config_header *sys,
					      const struct bulkhead_mem_region *region,
					      bool (*kept)(u64 phys, u64 size, const void *arg),
					      const void *arg,
					      const struct bulkhead_mem_region **root)
{
	const struct bulkhead_mem_region *hv = &bulkhead_config_system(sys)->hypervisor_memory;
	const struct bulkhead_console *con = &bulkhead_config_system(sys)->debug_console;
	u64 phys = region->phys_start, size = region->size;

	*root = NULL;
	if (ranges_overlap(phys, size, hv->phys_start, hv->size))
		return CONFIG_REGION_HV_MEMORY;
	*root = config_region_holding(bulkhead_config_cell(sys), phys, size);
	if (!*root)
		return CONFIG_REGION_NOT_ROOT;
	if (((*root)->flags ^ region->flags) & BULKHEAD_MEM_IO)
		return CONFIG_REGION_KIND_DIFFERS;
	if (kept(phys, size, arg) ||
	    (con->size && ranges_overlap(phys, size, con->address, con->size)))
		return CONFIG_REGION_KEPT_DEVICE;
	if ((*root)->flags & BULKHEAD_MEM_DMA)
		return CONFIG_REGION_ROOT_DMA;
	return CONFIG_REGION_OK;
}

bool config_in_ram(const struct bulkhead_cell *cell, u64 phys, u64 size)
{
	const struct bulkhead_mem_region *mem = config_region_holding(cell, phys, size);

	/* Regions do not overlap: the one that holds the range is the only candidate. */
	return mem && !(mem->flags & BULKHEAD_MEM_IO);
}

const struct config_arch *config_arch_find(unsigned int id)
{
	const struct config_arch *const *arch;

	for (arch = config_arches; *arch; arch++)
		if ((*arch)->id == id)
			return *arch;
	return NULL;
}

/* This program may know fewer architectures than the format (the hypervisor: its own). */
static int check_arch_known(unsigned int id, const struct config_arch **arch)
{
	const struct config_arch *const *known;
	char names[64];
	int used = 0;

	*arch = config_arch_find(id);
	if (*arch)
		return 0;
	names[0] = '\0';
	for (known = config_arches; *known && used < (int)sizeof(names); known++)
		used += snprintf(names + used, sizeof(names) - used, "%s%u %s", used ? ", " : "",
				 (*known)->id, (*known)->name);
	printk("config: arch %u is not supported here (expected %s)\n", id, names);
	return -EINVAL;
}

int config_check(const struct bulkhead_config_header *hdr, unsigned long size, unsigned int kind,
		 unsigned int arch_id)
{
	const struct config_arch *arch = NULL;
	int err;

	err = check_size(size);
	if (!err)
		err = check_header(hdr, size, kind, arch_id);
	if (!err)
		err = check_arch_known(arch_id, &arch);
	if (!err)
		err = check_layout(hdr, size);
	/* The cell goes first: check_system() prints the root cell's (checked) name. */
	if (!err)
		err = check_cell(arch, bulkhead_config_cell(hdr), kind);
	if (!err && kind == BULKHEAD_CONFIG_SYSTEM)
		err = check_system(arch, hdr);
	return err;
}
