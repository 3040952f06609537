// SPDX-License-Identifier: GPL-2.0
/*
 * Cells besides the root: built from a config the root hands over, given
 * CPUs, memory and devices the root owned, started, stopped and destroyed.
 *
 * Everything here runs on a root CPU on behalf of the root's hypercalls and
 * is serialized by manager_lock. A cell's own CPUs never take that lock:
 * they only park themselves when asked (stop_request plus a kick) or when
 * they fault, so a misbehaving cell cannot stall its manager.
 */
#include <bulkhead/cell_check.h>
#include <bulkhead/config_check.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <bulkhead/health.h>
#include <bulkhead/integrity.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/tracing.h>
#include <bulkhead/update.h>
#include <asm/mmu.h>

#define CONSOLE_PAGES	(sizeof(struct bulkhead_console_ring) / PAGE_SIZE)

static spinlock_t manager_lock;
/* Cell id n lives in cells[n - 1]; ids are also VMIDs, 0 is the root's. */
static struct cell *cells[BULKHEAD_MAX_CELLS];

struct cell *cell_by_id(unsigned long id)
{
	if (id == 0)
		return &root_cell;
	if (id > system_desc()->max_cells)
		return NULL;
	return cells[id - 1];
}

/* A non-root cell by id, or NULL with the reason printed. */
static struct cell *managed_cell(unsigned long id)
{
	struct cell *cell = id ? cell_by_id(id) : NULL;

	if (!cell)
		printk("bulkhead: no cell with id %lu%s\n", id,
		       id ? "" : " (the root cell cannot be managed)");
	return cell;
}

struct cell *cell_by_name(const char *name)
{
	struct cell *cell;
	unsigned int id;

	for (id = 0; id <= system_desc()->max_cells; id++) {
		cell = cell_by_id(id);
		if (cell && same_name(cell->name, name))
			return cell;
	}
	return NULL;
}

unsigned int cell_count(void)
{
	unsigned int n, count = 1;

	for (n = 0; n < system_desc()->max_cells; n++)
		if (cells[n])
			count++;
	return count;
}

static unsigned long region_paging_flags(u32 flags)
{
	unsigned long paging = 0;

	if (flags & BULKHEAD_MEM_READ)
		paging |= PAGING_READ;
	if (flags & BULKHEAD_MEM_WRITE)
		paging |= PAGING_WRITE;
	if (flags & BULKHEAD_MEM_EXECUTE)
		paging |= PAGING_EXECUTE;
	if (flags & BULKHEAD_MEM_IO)
		paging |= PAGING_DEVICE;
	return paging;
}

int cell_map_regions(struct cell *cell)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	unsigned int n;
	int err;

	for (n = 0; n < cell->config->num_mem_regions; n++, region++) {
		/* The kept images are out of the cell's reach, like the root's. */
		if (region->flags & BULKHEAD_MEM_IMAGE_STORE)
			continue;
		err = paging_map(&cell->stage2, region->virt_start, region->phys_start,
				 region->size, region_paging_flags(region->flags));
		if (err)
			return err;
	}
	return 0;
}

/*
 * Gives [phys, phys + size) back to the root as its config maps it. The
 * span is widened to whole 2 MiB blocks where no other cell holds memory,
 * so that the root's stage 2 gets its blocks back and the tables that
 * carving had split off return to the pool.
 */
static int root_restore(u64 phys, u64 size, const struct cell *leaving)
{
	const struct bulkhead_mem_region *root = root_region_holding(phys, size);
	u64 block = PAGING_LEVEL_SIZE(PAGING_LEVELS - 2);
	u64 start = MAX(phys & ~(block - 1), root->phys_start);
	u64 end = MIN(ALIGN_UP(phys + size, block), root->phys_start + root->size);

	/*
	 * Not over memory held elsewhere, channel memory (held, or read-only
	 * in the root) or a device we keep from the root (arch_reserved_device()).
	 */
	if (cell_holding(start, end - start, leaving) ||
	    channel_memory_user(start, end - start, leaving) ||
	    arch_reserved_device(start, end - start)) {
		start = phys;
		end = phys + size;
	}
	return paging_map(&root_cell.stage2, start, start, end - start,
			  region_paging_flags(root->flags));
}

/* Regions the root loses while @cell exists. */
static bool taken_from_root(const struct bulkhead_mem_region *region)
{
	return !(region->flags & BULKHEAD_MEM_ROOTSHARED);
}

/*
 * Everything a cell holds, back to the root and the pool; also undoes a
 * partial create. @memory_taken: the root's stage 2 may lack its regions.
 */
static void cell_teardown(struct cell *cell, bool memory_taken)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_mem_regions && memory_taken; n++, region++)
		if (taken_from_root(region) && root_restore(region->phys_start, region->size, cell))
			cell_error(cell->name, "out of memory returning region %u to the root", n);
	for (n = 0; n < cell->config->num_channels && memory_taken; n++)
		if (cell->channels[n].holds_memory &&
		    root_restore(cell->channels[n].desc->phys_start, cell->channels[n].desc->size,
				 cell))
			cell_error(cell->name, "out of memory returning channel %u to the root", n);
	if (cell->console)
		paging_unmap(&root_cell.stage2, paging_hvirt2phys(cell->console),
			     sizeof(*cell->console));
	arch_cell_flush_tlb(&root_cell);
	if (cell->stage2.root)
		arch_cell_flush_tlb(cell);
	paging_destroy(&cell->stage2);
	page_free(&mem_pool, cell->console, CONSOLE_PAGES);
	page_free(&mem_pool, cell->comm, 1);
	page_free(&mem_pool, cell->config_base, cell->config_pages);
	page_free(&mem_pool, cell, 1);
}

/*
 * Copies @what between @hv and the root's RAM at @addr (its IPA,
 * identity-mapped): from the root (a cell config, boot parameters) or,
 * @to_root, to it (events).
 */
static int copy_with_root(void *hv, u64 addr, u64 size, const char *what, bool to_root)
{
	const struct bulkhead_mem_region *hv_mem = &system_desc()->hypervisor_memory;
	u64 first = addr & ~(PAGE_SIZE - 1), phys;
	u64 pages = (ALIGN_UP(addr + size, PAGE_SIZE) - first) / PAGE_SIZE, n;
	void *window = (void *)(HV_COPY_WINDOW + (addr - first));
	int err = 0;

	const struct bulkhead_mem_region *ram = root_region_holding(addr, size);
	u64 limit = config_arch_find(BULKHEAD_ARCH_CURRENT)->guest_phys_limit;

	/* Only plain root RAM: no device, no alias above what stage 2 translates. */
	if (ranges_overlap(addr, size, hv_mem->phys_start, hv_mem->size) || addr + size < addr ||
	    addr + size > limit || !ram || (ram->flags & BULKHEAD_MEM_IO)) {
		printk("bulkhead: %s at 0x%llx+0x%llx is not root cell RAM\n", what, addr, size);
		return -EINVAL;
	}
	/* We write only where the root could: not over memory it may only read. */
	if (to_root && (!(ram->flags & BULKHEAD_MEM_WRITE) || channel_memory_user(addr, size, NULL))) {
		printk("bulkhead: %s at 0x%llx+0x%llx is not writable root cell RAM\n", what, addr,
		       size);
		return -EINVAL;
	}
	for (n = 0; n < pages && !err; n++) {
		if (!paging_translate(&root_cell.stage2, first + n * PAGE_SIZE, &phys)) {
			printk("bulkhead: %s at 0x%llx+0x%llx is not root cell memory\n",
			       what, addr, size);
			err = -EINVAL;
			break;
		}
		err = paging_map(&hv_paging, HV_COPY_WINDOW + n * PAGE_SIZE, phys, PAGE_SIZE,
				 PAGING_READ | (to_root ? PAGING_WRITE : 0));
	}
	if (!err && to_root)
		memcpy(window, hv, size);
	else if (!err)
		memcpy(hv, window, size);
	paging_unmap(&hv_paging, HV_COPY_WINDOW, pages * PAGE_SIZE);
	arch_flush_hv_tlb();
	return err;
}

int copy_from_root(void *dst, u64 addr, u64 size, const char *what)
{
	return copy_with_root(dst, addr, size, what, false);
}

long cell_copy_to_root(u64 addr, const void *src, u64 size, const char *what)
{
	long err;

	spin_lock(&manager_lock);
	err = copy_with_root((void *)src, addr, size, what, true);
	spin_unlock(&manager_lock);
	return err;
}

/* What scrubbing memory that changed owner has cost so far (make bench). */
static u64 scrubbed_bytes, scrub_ticks;

/*
 * Memory changes hands here (root, cell, root). Through a 2 MiB window of
 * our own, each chunk is either written back and invalidated from the
 * caches, so that a cell running with its caches off neither reads stale
 * lines nor has a former owner's dirty lines land on it later; or, with
 * @scrub, zeroed to the point of coherency first, so that nothing of the
 * previous owner reaches the next one.
 */
static void clean_range(const struct cell *cell, u64 phys, u64 size, bool scrub)
{
	const u64 window = PAGING_LEVEL_SIZE(PAGING_LEVELS - 2);
	u64 pos, chunk, start = arch_counter();

	for (pos = 0; pos < size; pos += chunk) {
		chunk = MIN(window, size - pos);
		if (paging_map(&hv_paging, HV_FLUSH_WINDOW, phys + pos, chunk,
			       PAGING_READ | PAGING_WRITE) != 0) {
			/* Handing on memory we could not scrub would break isolation. */
			if (scrub)
				panic_stop("out of memory mapping a cell's memory to scrub it");
			cell_error(cell->name, "out of memory cleaning caches of 0x%llx+0x%llx",
				   phys, size);
		} else if (scrub) {
			arch_scrub_memory((void *)HV_FLUSH_WINDOW, chunk);
		} else {
			arch_dcache_flush((void *)HV_FLUSH_WINDOW, chunk);
		}
		paging_unmap(&hv_paging, HV_FLUSH_WINDOW, chunk);
		arch_flush_hv_tlb();
	}
	if (scrub) {
		scrubbed_bytes += size;
		scrub_ticks += arch_counter() - start;
	}
}

void cell_scrub_stats(u64 *bytes, u64 *ns)
{
	spin_lock(&manager_lock);
	*bytes = scrubbed_bytes;
	*ns = scrub_ticks * 1000000000ULL / arch_counter_freq();
	spin_unlock(&manager_lock);
}

/*
 * Channel memory the cell alone holds changes hands with it: from the root
 * at create, back at destroy; it is scrubbed both ways. A peer using it
 * meanwhile keeps it as it is.
 */
static void scrub_channel_memory(const struct cell *cell)
{
	const struct channel_end *end = cell->channels;
	unsigned int n;

	for (n = 0; n < cell->config->num_channels; n++, end++)
		if (end->holds_memory && !end->peer)
			clean_range(cell, end->desc->phys_start, end->desc->size, true);
}

/* Memory the cell has of its own; memory it shares with the root is the root's too. */
static bool owned_ram(const struct bulkhead_mem_region *region)
{
	return !(region->flags & (BULKHEAD_MEM_IO | BULKHEAD_MEM_ROOTSHARED));
}

/*
 * Regions of the cell with every flag of @mask and none of @skip, cleaned
 * from the caches or scrubbed. Devices are neither.
 */
static void clean_cell_memory(const struct cell *cell, u32 mask, u32 skip, bool scrub)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_mem_regions; n++, region++)
		if (!(region->flags & (BULKHEAD_MEM_IO | skip)) && (region->flags & mask) == mask &&
		    (!scrub || owned_ram(region)))
			clean_range(cell, region->phys_start, region->size, scrub);
}

/* Word by word where both sides allow: images are megabytes, and memcpy() goes byte-wise. */
static void copy_memory(void *dst, const void *src, u64 size)
{
	u64 words = ((u64)dst | (u64)src) & 7 ? 0 : size / 8, n;

	for (n = 0; n < words; n++)
		((u64 *)dst)[n] = ((const u64 *)src)[n];
	memcpy((u8 *)dst + words * 8, (const u8 *)src + words * 8, size - words * 8);
}

/*
 * Copies [src, src + size) to [dst, dst + size), both physical and the
 * cell's, through the copy and flush windows, and pushes each chunk to the
 * point of coherency: the cell reads it with its caches off. The windows
 * are shared: under manager_lock.
 */
static int copy_cell_memory(u64 dst, u64 src, u64 size)
{
	/* Room in a window for a chunk that does not start on a page. */
	const u64 window = PAGING_LEVEL_SIZE(PAGING_LEVELS - 2) - PAGE_SIZE;
	u64 src_off, dst_off, chunk;
	int err = 0;

	for (; size && !err; size -= chunk, src += chunk, dst += chunk) {
		chunk = MIN(size, window);
		src_off = src & (PAGE_SIZE - 1);
		dst_off = dst & (PAGE_SIZE - 1);
		err = paging_map(&hv_paging, HV_COPY_WINDOW, src - src_off,
				 ALIGN_UP(src_off + chunk, PAGE_SIZE), PAGING_READ);
		err = err ?: paging_map(&hv_paging, HV_FLUSH_WINDOW, dst - dst_off,
					ALIGN_UP(dst_off + chunk, PAGE_SIZE),
					PAGING_READ | PAGING_WRITE);
		if (!err) {
			copy_memory((void *)(HV_FLUSH_WINDOW + dst_off),
				    (const void *)(HV_COPY_WINDOW + src_off), chunk);
			arch_dcache_flush((void *)(HV_FLUSH_WINDOW + dst_off), chunk);
		}
		paging_unmap(&hv_paging, HV_COPY_WINDOW, ALIGN_UP(src_off + chunk, PAGE_SIZE));
		paging_unmap(&hv_paging, HV_FLUSH_WINDOW, ALIGN_UP(dst_off + chunk, PAGE_SIZE));
		arch_flush_hv_tlb();
	}
	return err;
}

/* Where boot segment @n lies in the cell's RAM (checked by check_boot_params()). */
static u64 segment_phys(const struct cell *cell, unsigned int n)
{
	u64 addr = cell->boot.segments[n].address;
	const struct bulkhead_mem_region *region =
		cell_region_seen_at(cell, addr, cell->boot.segments[n].size, BULKHEAD_MEM_LOADABLE);

	return region->phys_start + (addr - region->virt_start);
}

/* The hypervisor's own check of the images the cell is about to run, in its RAM. */
static int check_images(struct cell *cell)
{
	u64 phys[BULKHEAD_BOOT_MAX_SEGMENTS];
	unsigned int n;

	for (n = 0; n < cell->boot.num_segments; n++)
		phys[n] = segment_phys(cell, n);
	return integrity_check_images(cell, &cell->boot, phys);
}

/*
 * Copies the boot segments between the cell's RAM and its image store:
 * into the store at start (@keep), after they were checked, back for a
 * restart.
 */
static int copy_images(const struct cell *cell, bool keep)
{
	u64 ram, store;
	unsigned int n;
	int err = 0;

	for (n = 0; n < cell->boot.num_segments && !err; n++) {
		ram = segment_phys(cell, n);
		store = cell->store->phys_start + cell->images_offset +
			image_store_offset(&cell->boot, n);
		err = keep ? copy_cell_memory(store, ram, cell->boot.segments[n].size) :
			     copy_cell_memory(ram, store, cell->boot.segments[n].size);
	}
	if (err)
		cell_error(cell->name, "out of hypervisor memory copying its images %s its "
			   "image store", keep ? "to" : "from");
	return err;
}

void cell_store_clean(const struct cell *cell, u64 offset, u64 size, bool scrub)
{
	clean_range(cell, cell->store->phys_start + offset, size, scrub);
}

/*
 * Cache maintenance by set/way a cell CPU asked for, done on the cell's own
 * memory by address. Never waits for the manager, which may hold its lock
 * while it waits for this very CPU to stop: false then, to try again.
 */
bool cell_clean_caches(const struct cell *cell)
{
	if (!spin_trylock(&manager_lock))
		return false;
	clean_cell_memory(cell, 0, BULKHEAD_MEM_IMAGE_STORE, false);
	spin_unlock(&manager_lock);
	return true;
}

/* The config's way to start (its entry, x0 = its communication region), nothing kept. */
static void reset_boot(struct cell *cell)
{
	memset(&cell->boot, 0, sizeof(cell->boot));
	cell->boot.entry = cell->config->entry;
	cell->boot.arg = cell->config->comm_region;
}

/* The config's image-store region (at most one, config_check() made sure), or NULL. */
static const struct bulkhead_mem_region *image_store(const struct bulkhead_cell *config)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(config);
	unsigned int n;

	for (n = 0; n < config->num_mem_regions; n++, region++)
		if (region->flags & BULKHEAD_MEM_IMAGE_STORE)
			return region;
	return NULL;
}

static unsigned int free_cell_id(void)
{
	unsigned int n;

	for (n = 0; n < system_desc()->max_cells; n++)
		if (!cells[n])
			return n + 1;
	return 0;
}

/*
 * The cell may read its communication region with its MMU and caches off:
 * each exchange goes through memory, not our cache.
 */
static void comm_post(struct cell *cell, u32 msg)
{
	cell->comm->reply_from_cell = BULKHEAD_REPLY_NONE;
	cell->comm->msg_to_cell = msg;
	arch_dcache_flush(cell->comm, sizeof(*cell->comm));
}

static u32 comm_reply(struct cell *cell)
{
	arch_dcache_flush(cell->comm, sizeof(*cell->comm));
	return cell->comm->reply_from_cell;
}

/*
 * A fresh communication region at create and at every start: all of the
 * page is cleared first, so nothing a previous inmate left there, in unused
 * channel slots or past the structure, reaches the next one.
 */
static void init_comm_region(struct cell *cell)
{
	struct bulkhead_comm_region *comm = cell->comm;

	memset(comm, 0, PAGE_SIZE);
	memcpy(comm->signature, BULKHEAD_COMM_SIGNATURE, sizeof(comm->signature));
	comm->revision = BULKHEAD_COMM_REVISION;
	comm->cell_id = cell->id;
	memcpy(comm->cell_name, cell->name, sizeof(comm->cell_name));
	comm->num_cpus = (unsigned int)__builtin_popcountll(cell->cpu_set);
	comm->timer_frequency = arch_counter_freq();
	comm->watchdog_timeout_ms = health_heartbeat_timeout(cell);
	arch_dcache_flush(comm, sizeof(*comm));
}

/* Builds the cell's own resources: stage 2, communication region, console, devices. */
static int cell_build(struct cell *cell)
{
	int err;

	cell->comm = page_alloc(&mem_pool, 1, 1);
	cell->console = page_alloc(&mem_pool, CONSOLE_PAGES, 1);
	if (!cell->comm || !cell->console)
		return -ENOMEM;
	init_comm_region(cell);
	err = paging_create(&cell->stage2, &cell_paging_format);
	err = err ?: cell_map_regions(cell);
	err = err ?: channels_map(cell);
	err = err ?: paging_map(&cell->stage2, cell->config->comm_region,
				paging_hvirt2phys(cell->comm), PAGE_SIZE,
				PAGING_READ | PAGING_WRITE);
	/* The root reads the cell's console where it lies, like ours. */
	err = err ?: paging_map(&root_cell.stage2, paging_hvirt2phys(cell->console),
				paging_hvirt2phys(cell->console), sizeof(*cell->console),
				PAGING_READ);
	return err ?: vdev_cell_init(cell);
}

static int take_from_root(struct cell *cell)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	unsigned int n;
	int err;

	for (n = 0; n < cell->config->num_mem_regions; n++, region++) {
		if (!taken_from_root(region))
			continue;
		err = paging_unmap(&root_cell.stage2, region->phys_start, region->size);
		if (err)
			return err;
	}
	for (n = 0; n < cell->config->num_channels; n++) {
		if (!cell->channels[n].holds_memory)
			continue;
		err = paging_unmap(&root_cell.stage2, cell->channels[n].desc->phys_start,
				   cell->channels[n].desc->size);
		if (err)
			return err;
	}
	return 0;
}

/* Moves the cell's parked CPUs and its interrupts over, if the CPUs are still parked. */
static int take_cpus(struct cell *cell)
{
	unsigned int id, n;
	int err;

	spin_lock(&root_cell.lock);
	err = check_cpus_available(cell, true);
	if (!err) {
		for_each_cpu(id, cell->cpu_set)
			per_cpu(id)->cell = cell;
		root_cell.cpu_set &= ~cell->cpu_set;
		for (n = 0; n < ARRAY_SIZE(cell->irq_bitmap); n++)
			root_cell.irq_bitmap[n] &= ~cell->irq_bitmap[n];
	}
	spin_unlock(&root_cell.lock);
	return err;
}

/* Hands the cell's parked CPUs and its interrupts back to the root, CPUs still parked. */
static void return_cpus(struct cell *cell)
{
	unsigned int id, n;

	spin_lock(&root_cell.lock);
	for_each_cpu(id, cell->cpu_set) {
		per_cpu(id)->cell = &root_cell;
		per_cpu(id)->state = BULKHEAD_CPU_PARKED;
		per_cpu(id)->wake_pending = false;
	}
	root_cell.cpu_set |= cell->cpu_set;
	for (n = 0; n < ARRAY_SIZE(cell->irq_bitmap); n++)
		root_cell.irq_bitmap[n] |= cell->irq_bitmap[n];
	spin_unlock(&root_cell.lock);
}

/*
 * Copies the config at @config_addr and runs every check a create makes,
 * changing nothing: on success *@cellp is a cell that holds nothing yet.
 * @cpus_parked: its CPUs must have left Linux already.
 */
static long check_new_cell(u64 config_addr, u64 size, bool cpus_parked, struct cell **cellp)
{
	unsigned int pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	struct cell *cell;
	void *config;
	long err;

	if (size < sizeof(struct bulkhead_config_header) || size > BULKHEAD_CONFIG_MAX_SIZE) {
		printk("bulkhead: cell config size %llu is out of range\n", size);
		return -EINVAL;
	}
	cell = page_alloc(&mem_pool, 1, 1);
	config = page_alloc(&mem_pool, pages, 1);
	if (!cell || !config) {
		page_free(&mem_pool, config, pages);
		page_free(&mem_pool, cell, 1);
		return -ENOMEM;
	}
	err = copy_from_root(config, config_addr, size, "config");
	err = err ?: config_check(config, size, BULKHEAD_CONFIG_CELL, BULKHEAD_ARCH_CURRENT);
	if (err) {
		page_free(&mem_pool, config, pages);
		page_free(&mem_pool, cell, 1);
		return err;
	}
	cell->config = bulkhead_config_cell(config);
	cell->config_base = config;
	cell->config_pages = pages;
	cell->cpu_set = cell->config->cpu_set;
	memcpy(cell->name, cell->config->name, sizeof(cell->name));
	cell->id = free_cell_id();
	cell->state = BULKHEAD_CELL_STATE_SHUT_DOWN;
	cell->report_window = arch_counter();
	cell->report_budget = CELL_REPORTS_PER_SECOND;
	cell->store = image_store(cell->config);
	reset_boot(cell);

	err = check_name_unused(cell);
	if (!err && !cell->id) {
		cell_error(cell->name, "too many cells (max-cells %u)", system_desc()->max_cells);
		err = -ENOSPC;
	}
	/* A config the policy forbids can never be created: say that, not what is busy. */
	err = err ?: channels_check_policy(cell);
	err = err ?: check_cpus_available(cell, cpus_parked);
	err = err ?: check_regions_owned(cell);
	err = err ?: check_irqs_owned(cell);
	err = err ?: check_vdevices_placed(cell);
	err = err ?: channels_check(cell);
	err = err ?: check_channel_memory_free(cell);
	if (err)
		cell_teardown(cell, false);
	else
		*cellp = cell;
	return err;
}

long cell_check(u64 config_addr, u64 size)
{
	struct cell *cell;
	long err;

	spin_lock(&manager_lock);
	err = check_new_cell(config_addr, size, false, &cell);
	if (!err)
		cell_teardown(cell, false);
	spin_unlock(&manager_lock);
	return err;
}

long cell_create(u64 config_addr, u64 size)
{
	struct cell *cell;
	long err;

	BUILD_BUG_ON(sizeof(struct cell) > PAGE_SIZE);
	BUILD_BUG_ON(sizeof(struct bulkhead_comm_region) > PAGE_SIZE);
	BUILD_BUG_ON(BULKHEAD_MAX_CHANNELS > BULKHEAD_COMM_MAX_CHANNELS);

	spin_lock(&manager_lock);
	err = check_new_cell(config_addr, size, true, &cell);
	if (err)
		goto out;
	err = cell_build(cell);
	err = err ?: take_from_root(cell);
	if (!err)
		scrub_channel_memory(cell);
	if (err == -ENOMEM)
		cell_error(cell->name, "out of hypervisor memory (pool %lu of %lu pages used)",
			   mem_pool.used_pages, mem_pool.pages);
	err = err ?: take_cpus(cell);
	if (err) {
		cell_teardown(cell, true);
		goto out;
	}
	err = arch_cell_create(cell);
	if (err) {
		cell_error(cell->name, "cannot set up its interrupt controller (error %ld)", err);
		arch_cell_destroy(cell);
		return_cpus(cell);
		cell_teardown(cell, true);
		goto out;
	}
	arch_cell_flush_tlb(&root_cell);
	arch_cell_flush_tlb(cell);
	cells[cell->id - 1] = cell;
	trace_cell_created(cell);
	channels_connect(cell);
	printk("bulkhead: created cell \"%s\" (id %u) on CPUs 0x%llx\n", cell->name, cell->id,
	       cell->cpu_set);
	event_post(cell, BULKHEAD_EVENT_CREATED, cell->cpu_set, 0);
	err = cell->id;
out:
	spin_unlock(&manager_lock);
	return err;
}

/*
 * Asks every running CPU of the cell, except @self, to park: a stop request,
 * then an IPI so that it is seen even in a busy loop. Pending wake-ups are
 * cancelled. The cell is in @state (shut down, or failed) from here on. False
 * if it was to fail but is being shut down already: nothing changes.
 */
static bool request_stop(struct cell *cell, const struct per_cpu *self, unsigned int state)
{
	unsigned int id;

	spin_lock(&cell->lock);
	if (state == BULKHEAD_CELL_STATE_FAILED && cell->state == BULKHEAD_CELL_STATE_SHUT_DOWN) {
		spin_unlock(&cell->lock);
		return false;
	}
	cell->state = state;
	cell->shutdown_pending = false;
	for_each_cpu(id, cell->cpu_set) {
		spin_lock(&per_cpu(id)->wake_lock);
		per_cpu(id)->wake_pending = false;
		/* A CPU that faulted keeps its stop request: it stops failed. */
		if (per_cpu(id) != self && per_cpu(id)->state == BULKHEAD_CPU_RUNNING &&
		    !per_cpu(id)->stop_request)
			per_cpu(id)->stop_request = BULKHEAD_CPU_PARKED;
		spin_unlock(&per_cpu(id)->wake_lock);
	}
	spin_unlock(&cell->lock);
	for_each_cpu(id, cell->cpu_set)
		if (per_cpu(id) != self && per_cpu(id)->stop_request)
			arch_cpu_kick(per_cpu(id));
	channels_announce(cell);
	return true;
}

/* How long a stopped CPU may take to park: it only has to finish one exit. */
#define STOP_TIMEOUT_MS		1000

/* Waits until every CPU of the cell but @self has left RUNNING, for a bounded time. */
static int wait_stopped(struct cell *cell, const struct per_cpu *self)
{
	u64 deadline = arch_counter() + arch_counter_freq() * STOP_TIMEOUT_MS / 1000;
	unsigned int id;

	for_each_cpu(id, cell->cpu_set) {
		while (per_cpu(id) != self && per_cpu(id)->state == BULKHEAD_CPU_RUNNING) {
			if ((s64)(arch_counter() - deadline) > 0) {
				cell_error(cell->name, "CPU %u did not stop within %u ms", id,
					   STOP_TIMEOUT_MS);
				return -ETIMEDOUT;
			}
			cpu_wait();
		}
	}
	return 0;
}

/*
 * A stopped cell's interrupts go quiet; its devices start over at its next
 * run; its deadlines are off.
 */
static void cell_stopped(struct cell *cell)
{
	health_cell_stopped(cell);
	vdev_cell_reset(cell);
	arch_cell_stopped(cell);
}

/*
 * Stops the whole cell from the root's side and waits until it has. A CPU
 * that does not park in time (a hypervisor bug, or hardware that swallowed
 * the kick) makes the caller fail instead of hanging the root.
 */
static int stop_cell_for(struct cell *cell, bool by_root)
{
	int err;

	request_stop(cell, NULL, BULKHEAD_CELL_STATE_SHUT_DOWN);
	err = wait_stopped(cell, NULL);
	if (!err)
		cell_stopped(cell);
	/* An update's staging and probation end; its own switch stops it too. */
	if (!err && by_root)
		update_cell_stopped(cell);
	return err;
}

static int stop_cell(struct cell *cell)
{
	return stop_cell_for(cell, true);
}

/* The root loses the loadable regions again before the cell runs. */
static int unset_loadable(struct cell *cell)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	unsigned int n;
	int err;

	if (!cell->loadable)
		return 0;
	for (n = 0; n < cell->config->num_mem_regions; n++, region++) {
		if (!(region->flags & BULKHEAD_MEM_LOADABLE) || !taken_from_root(region))
			continue;
		err = paging_unmap(&root_cell.stage2, region->phys_start, region->size);
		if (err)
			return err;
	}
	arch_cell_flush_tlb(&root_cell);
	cell->loadable = false;
	return 0;
}

/* The root gets the loadable regions, to load images into them; all or none. */
static int set_loadable(struct cell *cell)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	unsigned int n;
	int err = 0;

	cell->loadable = true;
	for (n = 0; n < cell->config->num_mem_regions && !err; n++, region++)
		if ((region->flags & BULKHEAD_MEM_LOADABLE) && taken_from_root(region))
			err = paging_map(&root_cell.stage2, region->phys_start, region->phys_start,
					 region->size, PAGING_READ | PAGING_WRITE);
	/* Out of memory half way: take back what was mapped. */
	if (err)
		unset_loadable(cell);
	return err;
}

long cell_set_loadable(unsigned long id)
{
	struct cell *cell;
	long err = 0;

	spin_lock(&manager_lock);
	cell = managed_cell(id);
	if (!cell) {
		err = -ENOENT;
	} else if (cell->state != BULKHEAD_CELL_STATE_SHUT_DOWN) {
		cell_error(cell->name, "cannot load while %s; shut it down first",
			   cell->state == BULKHEAD_CELL_STATE_RUNNING ? "running" : "failed");
		err = -EBUSY;
	} else if (!cell->loadable && !(err = stop_cell(cell))) {
		/* The root sees none of what the last inmate left in them. */
		clean_cell_memory(cell, BULKHEAD_MEM_LOADABLE, 0, true);
		err = set_loadable(cell);
	}
	/* What the last load said about starting it was about other images. */
	if (!err)
		reset_boot(cell);
	spin_unlock(&manager_lock);
	return err;
}

long cell_set_boot(unsigned long id, u64 params_addr)
{
	struct bulkhead_boot_params boot;
	struct cell *cell;
	long err;

	spin_lock(&manager_lock);
	cell = managed_cell(id);
	if (!cell) {
		err = -ENOENT;
	} else if (cell->state != BULKHEAD_CELL_STATE_SHUT_DOWN || !cell->loadable) {
		cell_error(cell->name, "cannot take boot parameters %s",
			   cell->state == BULKHEAD_CELL_STATE_RUNNING ? "while running" :
			   cell->state == BULKHEAD_CELL_STATE_FAILED ? "while failed" :
			   "before it is loaded");
		err = -EBUSY;
	} else {
		err = copy_from_root(&boot, params_addr, sizeof(boot), "boot parameters");
		err = err ?: check_boot_params(cell, &boot);
		if (!err)
			cell->boot = boot;
	}
	spin_unlock(&manager_lock);
	return err;
}

/* A stopped cell, its images in place, starts: its first CPU at the boot entry. */
static void run_cell(struct cell *cell)
{
	struct per_cpu *first = NULL;
	unsigned int cpu;

	init_comm_region(cell);
	channels_fill_comm(cell);
	comm_post(cell, BULKHEAD_MSG_NONE);
	memset(&cell->fault, 0, sizeof(cell->fault));
	/* Before its first instruction: a program may program its devices at once. */
	vdev_cell_started(cell);
	spin_lock(&cell->lock);
	cell->failed_cpus = 0;
	cell->state = BULKHEAD_CELL_STATE_RUNNING;
	/* The first CPU starts the inmate; it may start the others (arm64: PSCI CPU_ON). */
	for_each_cpu(cpu, cell->cpu_set) {
		per_cpu(cpu)->state = BULKHEAD_CPU_PARKED;
		if (!first)
			first = per_cpu(cpu);
	}
	cpu_set_wake(first, cell->boot.entry, cell->boot.arg);
	spin_unlock(&cell->lock);
	cpu_wake_waiters();
	health_cell_started(cell, false);
	channels_announce(cell);
	printk("bulkhead: started cell \"%s\" at 0x%llx on CPU %u\n", cell->name,
	       cell->boot.entry, first->id);
}

long cell_start(unsigned long id)
{
	struct cell *cell;
	long err = 0;

	spin_lock(&manager_lock);
	cell = managed_cell(id);
	if (!cell) {
		err = -ENOENT;
		goto out;
	}
	if (cell->state != BULKHEAD_CELL_STATE_SHUT_DOWN) {
		cell_error(cell->name, "cannot start: %s", cell->state == BULKHEAD_CELL_STATE_RUNNING ?
			   "already running" : "failed; shut it down or destroy it first");
		err = -EBUSY;
		goto out;
	}
	/* Every image it runs has a digest: loaded, with boot parameters, since it last ran. */
	if (!cell->loadable || !cell->boot.num_segments) {
		cell_error(cell->name, "cannot start: no images were %s since it last ran; load "
			   "them with their digests (BULKHEAD_HC_CELL_SET_BOOT)",
			   cell->loadable ? "given boot parameters" : "loaded");
		err = -EINVAL;
		goto out;
	}
	/* A clean slate: no CPU still running after the cell powered itself off. */
	err = stop_cell(cell);
	err = err ?: unset_loadable(cell);
	if (err)
		goto out;
	clean_cell_memory(cell, 0, BULKHEAD_MEM_IMAGE_STORE, false);
	/* Checked now that only we can change them; a refusal gives them back to the root. */
	err = check_images(cell);
	if (err) {
		if (set_loadable(cell))
			cell_error(cell->name, "out of hypervisor memory giving its loadable memory "
				   "back to the root; load it again");
		goto out;
	}
	/* Kept once the root can no longer change them, from the start of the store. */
	cell->images_offset = 0;
	if (cell->store) {
		err = copy_images(cell, true);
		if (err)
			goto out;
	}
	run_cell(cell);
	event_post(cell, BULKHEAD_EVENT_STARTED, 0, 0);
out:
	spin_unlock(&manager_lock);
	return err;
}

int cell_run_images(struct cell *cell)
{
	int err = stop_cell_for(cell, false);

	if (err)
		return err;
	clean_cell_memory(cell, 0, BULKHEAD_MEM_IMAGE_STORE, true);
	err = copy_images(cell, false);
	if (err)
		return err;
	arch_icache_invalidate();
	run_cell(cell);
	return 0;
}

long cell_update(unsigned long id, unsigned int op, u64 arg)
{
	struct cell *cell;
	long ret;

	spin_lock(&manager_lock);
	cell = managed_cell(id);
	ret = cell ? update_op(cell, op, arg) : -ENOENT;
	spin_unlock(&manager_lock);
	return ret;
}

/* A running cell that may refuse: ask, then check its answer on each call. */
static long shutdown_cooperative(struct cell *cell)
{
	u32 reply;

	if (!cell->shutdown_pending) {
		/* An operating system with a power button is asked through it, as on its board. */
		if (!vdev_power_button_press(cell))
			comm_post(cell, BULKHEAD_MSG_SHUTDOWN_REQUEST);
		cell->shutdown_deadline = arch_counter() + arch_counter_freq() *
					  cell->config->shutdown_timeout_ms / 1000;
		cell->shutdown_pending = true;
		return BULKHEAD_SHUTDOWN_PENDING;
	}
	vdev_power_button_poll(cell);
	reply = comm_reply(cell);
	if (reply == BULKHEAD_REPLY_SHUTDOWN_DENIED) {
		comm_post(cell, BULKHEAD_MSG_NONE);
		cell->shutdown_pending = false;
		cell_error(cell->name, "refused to shut down");
		return -EBUSY;
	}
	if (reply == BULKHEAD_REPLY_SHUTDOWN_OK)
		return stop_cell(cell);
	if ((s64)(arch_counter() - cell->shutdown_deadline) < 0)
		return BULKHEAD_SHUTDOWN_PENDING;
	if (stop_cell(cell))
		return -ETIMEDOUT;
	cell_error(cell->name, "did not answer the shutdown request within %u ms: stopped",
		   cell->config->shutdown_timeout_ms);
	return BULKHEAD_SHUTDOWN_TIMED_OUT;
}

long cell_shutdown(unsigned long id)
{
	unsigned int was = BULKHEAD_CELL_STATE_SHUT_DOWN;
	struct cell *cell;
	long ret = 0;

	spin_lock(&manager_lock);
	cell = managed_cell(id);
	if (cell)
		was = cell->state;
	if (!cell)
		ret = -ENOENT;
	else if (cell->state == BULKHEAD_CELL_STATE_RUNNING &&
		 !(cell->config->flags & BULKHEAD_CELL_PASSIVE))
		ret = shutdown_cooperative(cell);
	else
		/* Also catches CPUs still running after the cell powered itself off. */
		ret = stop_cell(cell);
	if (ret == 0 && cell)
		printk("bulkhead: cell \"%s\" shut down\n", cell->name);
	if ((ret == 0 || ret == BULKHEAD_SHUTDOWN_TIMED_OUT) && was != BULKHEAD_CELL_STATE_SHUT_DOWN)
		event_post(cell, BULKHEAD_EVENT_STOPPED, BULKHEAD_STOPPED_BY_ROOT, 0);
	spin_unlock(&manager_lock);
	return ret;
}

long cell_console_input(unsigned long id, unsigned long count, unsigned long bytes)
{
	struct cell *cell;
	u8 text[8];
	unsigned int n;
	long ret;

	if (count < 1 || count > sizeof(text)) {
		printk("bulkhead: console input: %lu bytes (1-8 at a time)\n", count);
		return -EINVAL;
	}
	for (n = 0; n < count; n++, bytes >>= 8)
		text[n] = (u8)bytes;
	spin_lock(&manager_lock);
	cell = managed_cell(id);
	ret = cell ? vdev_console_input(cell, text, (unsigned int)count) : -ENOENT;
	spin_unlock(&manager_lock);
	return ret;
}

long cell_destroy(unsigned long id)
{
	struct cell *cell;

	spin_lock(&manager_lock);
	cell = managed_cell(id);
	if (!cell) {
		spin_unlock(&manager_lock);
		return -ENOENT;
	}
	if (stop_cell(cell)) {
		spin_unlock(&manager_lock);
		return -ETIMEDOUT;
	}
	channels_disconnect(cell);
	arch_cell_destroy(cell);
	/* Nothing of the cell's reaches the root, or the next cell on the same memory. */
	clean_cell_memory(cell, 0, 0, true);
	scrub_channel_memory(cell);
	return_cpus(cell);
	health_cell_released(cell);
	cells[id - 1] = NULL;
	printk("bulkhead: destroyed cell \"%s\" (id %lu)\n", cell->name, id);
	event_post(cell, BULKHEAD_EVENT_DESTROYED, 0, 0);
	cell_teardown(cell, true);
	spin_unlock(&manager_lock);
	return 0;
}

/* One fact about @cell; a cell's own reads of it are racy but harmless. */
static long cell_info(const struct cell *cell, unsigned long type)
{
	switch (type) {
	case BULKHEAD_CELL_INFO_STATE:
		return cell->state;
	case BULKHEAD_CELL_INFO_CPUS:
		return (long)cell->cpu_set;
	case BULKHEAD_CELL_INFO_FAILED_CPUS:
		return (long)cell->failed_cpus;
	case BULKHEAD_CELL_INFO_LOADABLE:
		return cell->loadable;
	case BULKHEAD_CELL_INFO_FAULT:
		return cell->fault.reason;
	case BULKHEAD_CELL_INFO_FAULT_CPU:
		return cell->fault.cpu;
	case BULKHEAD_CELL_INFO_FAULT_ADDR:
		return (long)cell->fault.addr;
	case BULKHEAD_CELL_INFO_FAULT_PC:
		return (long)cell->fault.pc;
	case BULKHEAD_CELL_INFO_FAULT_DETAIL:
		return (long)cell->fault.detail;
	case BULKHEAD_CELL_INFO_SUPPRESSED:
		return (long)cell->reports_suppressed;
	case BULKHEAD_CELL_INFO_RESTARTS:
		return (long)cell->restarts;
	case BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES:
		return (long)cell->watchdog_expiries;
	case BULKHEAD_CELL_INFO_FAULTS:
		return (long)cell->faults;
	case BULKHEAD_CELL_INFO_ROLLBACKS:
		return (long)cell->rollbacks;
	case BULKHEAD_CELL_INFO_UPDATES:
		return (long)cell->updates;
	default:
		return update_cell_info(cell, type);
	}
}

long cell_get_info(struct per_cpu *caller, unsigned long id, unsigned long type)
{
	struct cell *cell;
	long ret;

	/*
	 * A cell asks about itself without manager_lock: the manager may hold
	 * it while it waits for this very CPU to stop. Where the hypervisor
	 * keeps the cell's console is none of the cell's business.
	 */
	if (caller->cell != &root_cell) {
		if (id != caller->cell->id || type == BULKHEAD_CELL_INFO_CONSOLE)
			return -EPERM;
		return cell_info(caller->cell, type);
	}
	spin_lock(&manager_lock);
	cell = cell_by_id(id);
	if (!cell)
		ret = -ENOENT;
	else if (type == BULKHEAD_CELL_INFO_CONSOLE)
		ret = (long)paging_hvirt2phys(cell->console);
	else
		ret = cell_info(cell, type);
	spin_unlock(&manager_lock);
	return ret;
}

long cell_channel_get_info(struct per_cpu *caller, unsigned long which, unsigned long type)
{
	unsigned int id = (which >> 16) & 0xffff, index = which & 0xffff;
	struct cell *cell;
	long ret;

	if (which >> 32 || type > 0xffff)
		return -EINVAL;
	/*
	 * As for cell_get_info(): a cell asks about itself without manager_lock,
	 * and so does the root (its doorbell handler asks, the manager may be busy).
	 */
	if (caller->cell != &root_cell || which == index)
		return id == caller->cell->id ? channel_info(caller->cell, index, type) : -EPERM;
	spin_lock(&manager_lock);
	cell = cell_by_id(id);
	ret = cell ? channel_info(cell, index, type) : -ENOENT;
	spin_unlock(&manager_lock);
	return ret;
}

static const char *const fault_names[] = {
	[BULKHEAD_FAULT_READ] = "read access denied",
	[BULKHEAD_FAULT_WRITE] = "write access denied",
	[BULKHEAD_FAULT_FETCH] = "instruction fetch denied",
	[BULKHEAD_FAULT_HYPERCALL] = "hypercall not allowed",
	[BULKHEAD_FAULT_SMC] = "SMC not allowed",
	[BULKHEAD_FAULT_EXCEPTION] = "unhandled exception",
	[BULKHEAD_FAULT_TRAP] = "trap not allowed",
};

void cell_fail_cpu(struct per_cpu *cpu, unsigned int reason, u64 addr, u64 pc, u64 detail)
{
	/* When the hypervisor saw the fault, for the time to a restart (make bench). */
	u64 seen = arch_counter();
	struct cell *cell = cpu->cell;

	spin_lock(&cell->lock);
	if (cell->fault.reason == BULKHEAD_FAULT_NONE)
		cell->fault = (struct cell_fault){ reason, cpu->id, addr, pc, detail };
	cell->failed_cpus |= BIT_ULL(cpu->id);
	/* A cell being stopped stays stopped: the fault is recorded all the same. */
	if (cell->state == BULKHEAD_CELL_STATE_RUNNING)
		cell->state = BULKHEAD_CELL_STATE_FAILED;
	cpu->stop_request = BULKHEAD_CPU_FAILED;
	spin_unlock(&cell->lock);
	channels_announce(cell);
	event_post(cell, BULKHEAD_EVENT_FAULT, reason, cpu->id);

	cell_report(cell, "CPU %u stopped: %s (address 0x%llx, pc 0x%llx, detail 0x%llx) at tick %llu",
		    cpu->id, fault_names[reason], addr, pc, detail, seen);
	health_cell_faulted(cell, cpu->id, reason);
}

void cell_stop_self(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	bool first;

	/* No waiting here: two CPUs of the cell may be doing this at once; one reports it. */
	spin_lock(&cell->lock);
	first = cell->state != BULKHEAD_CELL_STATE_SHUT_DOWN;
	cell->state = BULKHEAD_CELL_STATE_SHUT_DOWN;
	spin_unlock(&cell->lock);
	request_stop(cell, cpu, BULKHEAD_CELL_STATE_SHUT_DOWN);
	cpu->stop_request = BULKHEAD_CPU_PARKED;
	if (first)
		event_post(cell, BULKHEAD_EVENT_STOPPED, BULKHEAD_STOPPED_ITSELF, 0);
	/* Its interrupts go quiet now, not when the root next looks at the cell. */
	cell_stopped(cpu->cell);
	cell_report(cpu->cell, "powered itself off");
}

/*
 * The restarting CPU puts the cell's images back: its RAM scrubbed, but
 * for the store, and the boot segments copied from there. The windows
 * are the manager's: wait for it, unless it is stopping this very cell
 * (it asked this CPU to stop too). False if the cell must stay stopped.
 */
static bool restore_images(struct cell *cell, struct per_cpu *cpu, unsigned int cause)
{
	int err;

	do {
		if (cpu->stop_request)
			return false;
	} while (!spin_trylock(&manager_lock));
	/* New images on probation failed: the previous ones come back instead. */
	update_cell_restarting(cell, cause);
	clean_cell_memory(cell, 0, BULKHEAD_MEM_IMAGE_STORE, true);
	err = copy_images(cell, false);
	if (!err)
		arch_icache_invalidate();
	spin_unlock(&manager_lock);
	return !err;
}

bool cell_stop_failed(struct cell *cell)
{
	/* A caller running in the cell stops at the end of its exit, like the others. */
	if (!request_stop(cell, NULL, BULKHEAD_CELL_STATE_FAILED))
		return false;
	health_cell_stopped(cell);
	return true;
}

/* A running cell asked (reset, or power-off on probation); else its failure policy restarts it. */
static bool asked_by_cell(unsigned int cause)
{
	return cause == BULKHEAD_RESTART_REQUEST || cause == BULKHEAD_RESTART_POWER_OFF;
}

/* The cell's state a restart for @cause starts from. */
static unsigned int restart_from(unsigned int cause)
{
	return asked_by_cell(cause) ? BULKHEAD_CELL_STATE_RUNNING : BULKHEAD_CELL_STATE_FAILED;
}

/* The restart did not happen: the caller stops, or stays parked, for good. */
static bool restart_abandoned(struct per_cpu *cpu, unsigned int cause)
{
	if (asked_by_cell(cause)) {
		cpu->stop_request = BULKHEAD_CPU_PARKED;
	} else {
		cpu->state = BULKHEAD_CPU_PARKED;
		cpu_wake_waiters();
	}
	return false;
}

/* Under the cell's lock: it runs again from the caller, its other CPUs parked and clean. */
static void restart_commit(struct cell *cell, struct per_cpu *cpu)
{
	unsigned int id;

	cell->state = BULKHEAD_CELL_STATE_RUNNING;
	cell->restarts++;
	cell->failed_cpus = 0;
	memset(&cell->fault, 0, sizeof(cell->fault));
	for_each_cpu(id, cell->cpu_set)
		if (per_cpu(id) != cpu)
			per_cpu(id)->state = BULKHEAD_CPU_PARKED;
	cpu->wake_entry = cell->boot.entry;
	cpu->wake_arg = cell->boot.arg;
}

bool cell_restart(struct per_cpu *cpu, unsigned int cause)
{
	struct cell *cell = cpu->cell;
	u64 start = arch_counter(), end;

	/*
	 * Only the first to ask restarts; the others, and anyone racing the
	 * root, park. A parked caller runs for the cell from here on, so that
	 * the root, stopping the cell, asks it to stop and waits for it too.
	 */
	spin_lock(&cell->lock);
	if (cell->state != restart_from(cause)) {
		spin_unlock(&cell->lock);
		return asked_by_cell(cause) ? restart_abandoned(cpu, cause) : false;
	}
	cell->state = BULKHEAD_CELL_STATE_SHUT_DOWN;
	cpu->state = BULKHEAD_CPU_RUNNING;
	spin_unlock(&cell->lock);
	request_stop(cell, cpu, BULKHEAD_CELL_STATE_SHUT_DOWN);
	/* Left shut down if a CPU does not stop: the root's destroy reports it. */
	if (wait_stopped(cell, cpu))
		return restart_abandoned(cpu, cause);
	cell_stopped(cell);
	if (cell->store && !restore_images(cell, cpu, cause))
		return restart_abandoned(cpu, cause);

	spin_lock(&cell->lock);
	/* The root stopped the cell meanwhile (it asked us too): stay stopped. */
	if (cpu->stop_request) {
		spin_unlock(&cell->lock);
		return asked_by_cell(cause) ? false : restart_abandoned(cpu, cause);
	}
	restart_commit(cell, cpu);
	spin_unlock(&cell->lock);
	event_post(cell, BULKHEAD_EVENT_RESTARTED, cause, cell->restarts);
	init_comm_region(cell);
	channels_fill_comm(cell);
	channels_announce(cell);
	vdev_cell_started(cell);
	health_cell_started(cell, true);
	/* How long the hypervisor's part took, and when the cell runs again: make bench. */
	end = arch_counter();
	cell_report(cell, "restarted %s on CPU %u%s in %llu us, resumes at tick %llu",
		    asked_by_cell(cause) ? "itself" :
		    cause == BULKHEAD_RESTART_FAULT ? "after a fault" : "after its watchdog expired",
		    cpu->id, cell->store ? " from its image store" : "",
		    (end - start) * 1000000 / arch_counter_freq(), end);
	return true;
}

bool cell_root_ram_commit(u64 phys, u64 size, void (*commit)(void *arg), void *arg)
{
	bool held;

	spin_lock(&manager_lock);
	held = config_in_ram(root_cell.config, phys, size) && !cell_holding(phys, size, NULL) &&
	       !channel_memory_user(phys, size, NULL);
	if (held)
		commit(arg);
	spin_unlock(&manager_lock);
	return held;
}

void cell_manager_lock(void)
{
	spin_lock(&manager_lock);
}

void cell_manager_unlock(void)
{
	spin_unlock(&manager_lock);
}

bool cell_root_maps(u64 ipa)
{
	bool mapped;
	u64 phys;

	/* The manager may be changing the tables right now: walk them under its lock. */
	spin_lock(&manager_lock);
	mapped = paging_translate(&root_cell.stage2, ipa, &phys);
	spin_unlock(&manager_lock);
	return mapped;
}

/*
 * Takes one report from @cell's budget for this second; a new second first
 * says how many of the last one's went to the cell's own console only.
 */
static bool report_allowed(struct cell *cell)
{
	unsigned int suppressed = 0;
	bool allowed;
	u64 now = arch_counter();

	spin_lock(&cell->report_lock);
	if (now - cell->report_window >= arch_counter_freq()) {
		suppressed = cell->window_suppressed;
		cell->report_window = now;
		cell->report_budget = CELL_REPORTS_PER_SECOND;
		cell->window_suppressed = 0;
	}
	allowed = cell->report_budget > 0;
	if (allowed) {
		cell->report_budget--;
	} else {
		cell->window_suppressed++;
		cell->reports_suppressed++;
	}
	spin_unlock(&cell->report_lock);
	if (suppressed)
		printk("bulkhead: cell \"%s\": %u more messages, in its own console only\n",
		       cell->name, suppressed);
	return allowed;
}

void cell_report(struct cell *cell, const char *fmt, ...)
{
	char line[200];
	va_list ap;
	int len;

	len = snprintf(line, sizeof(line), "bulkhead: cell \"%s\" ", cell->name);
	va_start(ap, fmt);
	len += vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	va_end(ap);
	len = MIN((size_t)len, sizeof(line) - 2);
	line[len++] = '\n';
	if (cell != &root_cell)
		cell_console_write(cell, line, len);
	if (cell == &root_cell || report_allowed(cell))
		console_write(line, len);
}

void cell_console_write(struct cell *cell, const char *text, size_t len)
{
	if (cell == &root_cell)
		console_write(text, len);
	else
		console_ring_write(cell->console, &cell->console_lock, text, len);
}

void cpu_stop(struct per_cpu *cpu, unsigned int state, struct trap_frame *frame)
{
	cpu->stop_request = 0;
	cpu->stats[BULKHEAD_CPU_STAT_MANAGEMENT]++;
	arch_cpu_park(cpu, state);
	arch_cpu_reset(cpu, frame);
}
