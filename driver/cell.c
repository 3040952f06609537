// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: the Linux side of create, load, start, shutdown and destroy.
 *
 * Before the hypervisor takes resources from the root cell, Linux must let
 * go of them: the cell's CPUs are taken offline (CPU hotplug), the drivers
 * of its devices unbound, and its interrupts that Linux drivers keep
 * disabled; destroy gives all back. That happens only once the hypervisor
 * has checked the whole config (BULKHEAD_HC_CELL_CHECK); it checks
 * everything again at create and is the one that moves resources.
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/mm.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "bulkhead.h"
#include "trace.h"

/*
 * A device of a cell's, kept from Linux's drivers while the cell exists:
 * unbound, and with a driver override no driver matches so that nothing
 * binds it meanwhile (a module load, udev, a write to "bind").
 */
struct unbound_device {
	struct list_head node;
	struct device *dev;
	bool was_bound;
	/* The override it had before, put back at destroy. */
	char *saved_override;
};

#define NO_DRIVER	"bulkhead-cell"

static const struct bulkhead_arch_bus *arch_bus_of(struct device *dev)
{
	unsigned int n;

	for (n = 0; n < bulkhead_arch_num_buses; n++)
		if (dev->bus == bulkhead_arch_buses[n].bus)
			return &bulkhead_arch_buses[n];
	return NULL;
}

/* Only devices of the platform bus and the arch's buses are collected. */
static const char **driver_override_of(struct device *dev)
{
	if (dev_is_platform(dev))
		return &to_platform_device(dev)->driver_override;
	return arch_bus_of(dev)->driver_override(dev);
}

static LIST_HEAD(cells);

static const struct bulkhead_mem_region *cell_regions(const struct bulkhead_cell_dev *cell)
{
	return bulkhead_cell_mem_regions(cell->desc);
}

static struct bulkhead_cell_dev *find_cell(unsigned int id)
{
	struct bulkhead_cell_dev *cell;

	list_for_each_entry(cell, &cells, node)
		if (cell->id == id)
			return cell;
	return NULL;
}

struct bulkhead_cell_dev *find_cell_or_complain(unsigned int id)
{
	struct bulkhead_cell_dev *cell = bulkhead.enabled ? find_cell(id) : NULL;

	if (!cell)
		pr_err("bulkhead: no cell with id %u\n", id);
	return cell;
}

/*
 * RAM Linux runs on can never be given to a cell, nor shared with one: it
 * would be pulled from under Linux, or written behind its back.
 */
bool bulkhead_linux_ram(u64 start, u64 size)
{
	return region_intersects(start, size, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) !=
	       REGION_DISJOINT;
}

/*
 * Channel memory: the root's channels are mapped into user space (checked
 * at enable), a channel between two cells leaves the root. Channels towards
 * @except_peer (NULL: none) are not checked. @desc may be unvalidated.
 */
int bulkhead_check_channel_memory(const struct bulkhead_cell *desc, const char *except_peer)
{
	const struct bulkhead_channel *chan = bulkhead_cell_channels(desc);
	unsigned int n;

	for (n = 0; n < desc->num_channels; n++, chan++) {
		if (except_peer && !strncmp(chan->peer, except_peer, BULKHEAD_CELL_NAME_LEN))
			continue;
		if (bulkhead_linux_ram(chan->phys_start, chan->size)) {
			pr_err("bulkhead: cell \"%.*s\": channel \"%.*s\" (0x%llx+0x%llx) is RAM "
			       "Linux uses\n", BULKHEAD_CELL_NAME_LEN, desc->name,
			       BULKHEAD_CHANNEL_NAME_LEN, chan->name, chan->phys_start, chan->size);
			return -EBUSY;
		}
	}
	return 0;
}

static int check_memory_unused(const struct bulkhead_cell_dev *cell)
{
	const struct bulkhead_mem_region *region = cell_regions(cell);
	unsigned int n;

	for (n = 0; n < cell->desc->num_mem_regions; n++, region++) {
		if (region->flags & BULKHEAD_MEM_IO)
			continue;
		if (bulkhead_linux_ram(region->phys_start, region->size)) {
			pr_err("bulkhead: cell \"%s\": memory region %u (0x%llx+0x%llx) is RAM "
			       "Linux uses\n", cell->name, n, region->phys_start, region->size);
			return -EBUSY;
		}
	}
	/* Channels with the root use the root's channel memory, checked at enable. */
	return bulkhead_check_channel_memory(cell->desc, bulkhead.root_name);
}

static void online_cpus(struct bulkhead_cell_dev *cell)
{
	unsigned int cpu;
	int err;

	for_each_cpu(cpu, &cell->offlined) {
		trace_drv_hotplug(0, cpu, cell->id, BULKHEAD_HOTPLUG_ONLINE_BEGIN);
		err = add_cpu(cpu);
		trace_drv_hotplug(err, cpu, cell->id, BULKHEAD_HOTPLUG_ONLINE_END);
		if (err)
			pr_err("bulkhead: cannot bring CPU %u back online (error %d)\n", cpu, err);
	}
	cpumask_clear(&cell->offlined);
}

static int offline_cpus(struct bulkhead_cell_dev *cell)
{
	unsigned int cpu;
	int err;

	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++) {
		if (!(cell->desc->cpu_set & BIT_ULL(cpu)))
			continue;
		if (cpu == 0) {
			pr_err("bulkhead: cell \"%s\": cpus: CPU 0 stays with the root cell\n",
			       cell->name);
			err = -EINVAL;
			goto fail;
		}
		if (cpu >= nr_cpu_ids || !cpu_present(cpu)) {
			pr_err("bulkhead: cell \"%s\": cpus: CPU %u does not exist\n", cell->name,
			       cpu);
			err = -EINVAL;
			goto fail;
		}
		if (!cpu_online(cpu))
			continue;
		/* A cell being created has no id yet: BULKHEAD_TRACE_NEW_CELLS. */
		trace_drv_hotplug(0, cpu, cell->id, BULKHEAD_HOTPLUG_OFFLINE_BEGIN);
		err = remove_cpu(cpu);
		trace_drv_hotplug(err, cpu, cell->id, BULKHEAD_HOTPLUG_OFFLINE_END);
		if (err) {
			pr_err("bulkhead: cell \"%s\": cannot take CPU %u offline (error %d)\n",
			       cell->name, cpu, err);
			goto fail;
		}
		cpumask_set_cpu(cpu, &cell->offlined);
	}
	return 0;
fail:
	online_cpus(cell);
	return err;
}

bool bulkhead_resource_overlaps(const struct resource *res, u64 start, u64 size)
{
	return resource_type(res) == IORESOURCE_MEM && res->start < start + size &&
	       start <= res->end;
}

static bool device_overlaps(struct device *dev, u64 start, u64 size)
{
	unsigned int n;

	if (dev_is_platform(dev)) {
		struct platform_device *pdev = to_platform_device(dev);

		for (n = 0; n < pdev->num_resources; n++)
			if (bulkhead_resource_overlaps(&pdev->resource[n], start, size))
				return true;
		return false;
	}
	return arch_bus_of(dev)->overlaps(dev, start, size);
}

static int collect_device(struct device *dev, void *data)
{
	struct bulkhead_cell_dev *cell = data;
	const struct bulkhead_mem_region *region = cell_regions(cell);
	struct unbound_device *entry;
	unsigned int n;

	for (n = 0; n < cell->desc->num_mem_regions; n++, region++) {
		if (!(region->flags & BULKHEAD_MEM_IO) ||
		    !device_overlaps(dev, region->phys_start, region->size))
			continue;
		entry = kzalloc(sizeof(*entry), GFP_KERNEL);
		if (!entry)
			return -ENOMEM;
		if (*driver_override_of(dev)) {
			entry->saved_override = kstrdup(*driver_override_of(dev), GFP_KERNEL);
			if (!entry->saved_override) {
				kfree(entry);
				return -ENOMEM;
			}
		}
		entry->dev = get_device(dev);
		list_add_tail(&entry->node, &cell->unbound);
		return 0;
	}
	return 0;
}

static void rebind_devices(struct bulkhead_cell_dev *cell)
{
	struct unbound_device *entry, *tmp;

	list_for_each_entry_safe(entry, tmp, &cell->unbound, node) {
		const char *saved = entry->saved_override ?: "";

		if (driver_set_override(entry->dev, driver_override_of(entry->dev), saved,
					strlen(saved)))
			dev_err(entry->dev, "bulkhead: cannot restore its driver override\n");
		if (entry->was_bound && device_attach(entry->dev) < 0)
			dev_err(entry->dev, "bulkhead: cannot bind the driver again\n");
		put_device(entry->dev);
		list_del(&entry->node);
		kfree(entry->saved_override);
		kfree(entry);
	}
}

/* Linux's drivers let go of the cell's devices before the root loses them. */
static int unbind_devices(struct bulkhead_cell_dev *cell)
{
	struct unbound_device *entry;
	unsigned int n;
	int err;

	err = bus_for_each_dev(&platform_bus_type, NULL, cell, collect_device);
	for (n = 0; n < bulkhead_arch_num_buses && !err; n++)
		err = bus_for_each_dev(bulkhead_arch_buses[n].bus, NULL, cell, collect_device);
	list_for_each_entry(entry, &cell->unbound, node) {
		if (!err)
			err = driver_set_override(entry->dev, driver_override_of(entry->dev),
						  NO_DRIVER, strlen(NO_DRIVER));
		if (err || !entry->dev->driver)
			continue;
		dev_info(entry->dev, "bulkhead: unbinding %s for cell \"%s\"\n",
			 entry->dev->driver->name, cell->name);
		entry->was_bound = true;
		device_release_driver(entry->dev);
	}
	if (err)
		rebind_devices(cell);
	return err;
}

/*
 * An interrupt of the cell's that a Linux driver still holds (its device
 * stays with the root, or shares the line) is disabled in Linux while the
 * cell has it, and enabled at destroy: the hypervisor hands interrupts back
 * disabled, and Linux would otherwise never write the enable again. Disabling
 * unlazily masks at once, so that the enable is a real write to the GIC; the
 * flag stays, as it only makes the driver's own disables mask at once too.
 */
static void quiesce_irqs(struct bulkhead_cell_dev *cell)
{
	const __u32 *intid = bulkhead_cell_irqs(cell->desc);
	unsigned int n, irq;

	for (n = 0; n < cell->desc->num_irqs; n++) {
		irq = bulkhead_arch_irq_in_use(intid[n]);
		if (!irq || test_and_set_bit(intid[n], cell->quiesced))
			continue;
		pr_info("bulkhead: cell \"%s\": interrupt %u is Linux IRQ %u; disabled in Linux "
			"until the cell is destroyed\n", cell->name, intid[n], irq);
		irq_set_status_flags(irq, IRQ_DISABLE_UNLAZY);
		disable_irq(irq);
	}
}

static void release_irqs(struct bulkhead_cell_dev *cell)
{
	unsigned int intid, irq;

	for_each_set_bit(intid, cell->quiesced, BULKHEAD_IRQ_SPI_LAST + 1) {
		/* A driver that let go of it meanwhile takes it up again when it requests it. */
		irq = bulkhead_arch_irq_in_use(intid);
		if (irq)
			enable_irq(irq);
		clear_bit(intid, cell->quiesced);
	}
}

static void free_cell(struct bulkhead_cell_dev *cell)
{
	if (cell->console)
		memunmap((void *)cell->console);
	kfree(cell->config);
	kfree(cell);
}

/* The hypervisor's own message for a refused call is on its console. */
long cell_hypercall(const char *what, unsigned long code, unsigned long arg1,
			   unsigned long arg2)
{
	long ret = bulkhead_hypercall(code, arg1, arg2);

	if (ret < 0)
		pr_err("bulkhead: %s refused by the hypervisor (error %ld); "
		       "see hvctl console\n", what, ret);
	return ret;
}

/*
 * Everything is checked, the hypervisor's checks included, before Linux lets
 * go of anything: a refused config leaves the root's CPUs and drivers as
 * they were. Only a create that fails after that (a CPU the root brought
 * back online meanwhile, hypervisor memory running out) has to undo.
 */
static int create_with(struct bulkhead_cell_dev *cell)
{
	long ret;
	int err;

	err = check_memory_unused(cell);
	if (!err)
		err = cell_hypercall("cell create", BULKHEAD_HC_CELL_CHECK,
				     virt_to_phys(cell->config), cell->config_size);
	err = err ?: offline_cpus(cell);
	if (err)
		return err;
	err = unbind_devices(cell);
	if (err)
		goto err_cpus;
	quiesce_irqs(cell);
	ret = cell_hypercall("cell create", BULKHEAD_HC_CELL_CREATE, virt_to_phys(cell->config),
			     cell->config_size);
	if (ret < 0) {
		err = ret;
		goto err_devices;
	}
	cell->id = ret;
	/* The hypervisor gave it the mask of new cells. */
	cell->trace_mask = bulkhead_trace_new_cell_mask();
	ret = bulkhead_hypercall(BULKHEAD_HC_CELL_GET_INFO, cell->id, BULKHEAD_CELL_INFO_CONSOLE);
	cell->console = ret < 0 ? NULL : memremap(ret, sizeof(*cell->console), MEMREMAP_WB);
	if (!cell->console) {
		pr_err("bulkhead: cell \"%s\": cannot map its console\n", cell->name);
		err = -ENOMEM;
		goto err_destroy;
	}
	err = bulkhead_sysfs_add_cell(cell);
	if (err)
		goto err_destroy;
	list_add_tail(&cell->node, &cells);
	bulkhead_channels_set_peer(cell->name, cell->id);
	pr_info("bulkhead: created cell \"%s\" (id %u)\n", cell->name, cell->id);
	return cell->id;

err_destroy:
	bulkhead_hypercall(BULKHEAD_HC_CELL_DESTROY, cell->id, 0);
err_devices:
	release_irqs(cell);
	rebind_devices(cell);
err_cpus:
	online_cpus(cell);
	return err;
}

static int create_cell(const void __user *config, u32 size)
{
	struct bulkhead_cell_dev *cell;
	int ret;

	if (size > BULKHEAD_CONFIG_MAX_SIZE) {
		pr_err("bulkhead: cell config: %u bytes, at most %u allowed\n", size,
		       BULKHEAD_CONFIG_MAX_SIZE);
		return -E2BIG;
	}
	cell = kzalloc(sizeof(*cell), GFP_KERNEL);
	if (!cell)
		return -ENOMEM;
	INIT_LIST_HEAD(&cell->unbound);
	cell->id = BULKHEAD_TRACE_NEW_CELLS;
	cell->config_size = size;
	/* kmalloc: physically contiguous, as the hypervisor reads it by address. */
	cell->config = memdup_user(config, size);
	if (IS_ERR(cell->config)) {
		ret = PTR_ERR(cell->config);
		cell->config = NULL;
		goto out_free;
	}
	ret = bulkhead_check_config(cell->config, size, BULKHEAD_CONFIG_CELL);
	if (ret)
		goto out_free;
	cell->desc = bulkhead_config_cell(cell->config);
	strscpy(cell->name, cell->desc->name, sizeof(cell->name));

	mutex_lock(&bulkhead.lock);
	ret = -ENODEV;
	if (!bulkhead.enabled)
		pr_err("bulkhead: cell create: the hypervisor is not enabled\n");
	else
		ret = create_with(cell);
	mutex_unlock(&bulkhead.lock);
	if (ret >= 0)
		return ret;
out_free:
	free_cell(cell);
	return ret;
}

int bulkhead_cell_create(const void __user *config, u32 size)
{
	int ret = create_cell(config, size);

	trace_drv_cell(min(ret, 0), ret >= 0 ? ret : BULKHEAD_TRACE_NEW_CELLS,
		       BULKHEAD_CELL_OP_CREATE);
	return ret;
}

/* The host physical address of [addr, addr + size) in one loadable region of the cell. */
static int loadable_phys(const struct bulkhead_cell_dev *cell, u64 addr, u64 size, u64 *phys)
{
	const struct bulkhead_mem_region *region = cell_regions(cell);
	unsigned int n;

	for (n = 0; n < cell->desc->num_mem_regions; n++, region++) {
		if (!(region->flags & BULKHEAD_MEM_LOADABLE) || addr < region->virt_start ||
		    size > region->size || addr - region->virt_start > region->size - size)
			continue;
		*phys = region->phys_start + (addr - region->virt_start);
		return 0;
	}
	pr_err("bulkhead: cell \"%s\": %llu bytes at 0x%llx do not fit in a loadable region\n",
	       cell->name, size, addr);
	return -E2BIG;
}

static int load_segment(const struct bulkhead_cell_dev *cell,
			const struct bulkhead_load_segment *seg)
{
	void *dst;
	u64 phys;
	int err;

	if (!seg->size)
		return 0;
	err = loadable_phys(cell, seg->address, seg->size, &phys);
	if (err)
		return err;
	/* Uncached: the cell starts with its MMU and caches off. */
	dst = memremap(phys, seg->size, MEMREMAP_WC);
	if (!dst)
		return -ENOMEM;
	if (copy_from_user(dst, u64_to_user_ptr(seg->data), seg->size))
		err = -EFAULT;
	wmb();
	memunmap(dst);
	return err;
}

static int load_cell(const struct bulkhead_cell_load_args *args)
{
	struct bulkhead_load_segment *segs;
	struct bulkhead_cell_dev *cell;
	unsigned int n;
	long err;

	if (args->num_segments == 0 || args->num_segments > BULKHEAD_MAX_LOAD_SEGMENTS) {
		pr_err("bulkhead: cell load: %u segments, 1 to %u allowed\n", args->num_segments,
		       BULKHEAD_MAX_LOAD_SEGMENTS);
		return -EINVAL;
	}
	segs = memdup_user(u64_to_user_ptr(args->segments), args->num_segments * sizeof(*segs));
	if (IS_ERR(segs))
		return PTR_ERR(segs);
	mutex_lock(&bulkhead.lock);
	cell = find_cell_or_complain(args->cell);
	err = cell ? 0 : -ENOENT;
	/* Check every segment before the first byte lands. */
	for (n = 0; n < args->num_segments && !err; n++) {
		u64 phys;

		err = loadable_phys(cell, segs[n].address, segs[n].size, &phys);
	}
	err = err ?: cell_hypercall("cell load", BULKHEAD_HC_CELL_SET_LOADABLE, args->cell, 0);
	for (n = 0; n < args->num_segments && !err; n++)
		err = load_segment(cell, &segs[n]);
	mutex_unlock(&bulkhead.lock);
	kfree(segs);
	return err;
}

int bulkhead_cell_load(const struct bulkhead_cell_load_args *args)
{
	int err = load_cell(args);

	trace_drv_cell(err, args->cell, BULKHEAD_CELL_OP_LOAD);
	return err;
}

/*
 * The hypervisor checks the parameters against the cell's regions and
 * image store; this checks what needs no config, and that the cell was
 * loaded since it last ran.
 */
int bulkhead_cell_set_boot(const struct bulkhead_cell_boot_args *args)
{
	struct bulkhead_boot_params *params;
	struct bulkhead_cell_dev *cell;
	long err;

	if (args->flags || (args->params.flags & ~BULKHEAD_BOOT_VALID_FLAGS)) {
		pr_err("bulkhead: cell set boot: flags 0x%x (none are defined), parameter flags "
		       "0x%x (known: 0x%x)\n", args->flags, args->params.flags,
		       BULKHEAD_BOOT_VALID_FLAGS);
		return -EINVAL;
	}
	if (args->params.num_segments > BULKHEAD_BOOT_MAX_SEGMENTS) {
		pr_err("bulkhead: cell set boot: %u segments, at most %u allowed\n",
		       args->params.num_segments, BULKHEAD_BOOT_MAX_SEGMENTS);
		return -EINVAL;
	}
	/* kmalloc: physically contiguous, as the hypervisor reads it by address. */
	params = kmemdup(&args->params, sizeof(*params), GFP_KERNEL);
	if (!params)
		return -ENOMEM;
	mutex_lock(&bulkhead.lock);
	cell = find_cell_or_complain(args->cell);
	err = cell ? 0 : -ENOENT;
	if (!err && bulkhead_hypercall(BULKHEAD_HC_CELL_GET_INFO, args->cell,
				       BULKHEAD_CELL_INFO_LOADABLE) != 1) {
		pr_err("bulkhead: cell \"%s\": cell set boot: not loaded since it last ran; "
		       "load it first\n", cell->name);
		err = -EBUSY;
	}
	err = err ?: cell_hypercall("cell set boot", BULKHEAD_HC_CELL_SET_BOOT, args->cell,
				    virt_to_phys(params));
	mutex_unlock(&bulkhead.lock);
	kfree(params);
	return err;
}

int bulkhead_cell_start(unsigned int id)
{
	long err;

	mutex_lock(&bulkhead.lock);
	err = find_cell_or_complain(id) ? cell_hypercall("cell start", BULKHEAD_HC_CELL_START,
							 id, 0) : -ENOENT;
	mutex_unlock(&bulkhead.lock);
	trace_drv_cell(err, id, BULKHEAD_CELL_OP_START);
	return err;
}

/*
 * The hypervisor enforces the cell's timeout; we only poll its answer, and
 * let go of the lock in between so that a slow cell blocks nobody else.
 */
static int shutdown_cell(unsigned int id)
{
	long ret;

	for (;;) {
		mutex_lock(&bulkhead.lock);
		ret = find_cell_or_complain(id) ?
			cell_hypercall("cell shutdown", BULKHEAD_HC_CELL_SHUTDOWN, id, 0) : -ENOENT;
		mutex_unlock(&bulkhead.lock);
		if (ret != BULKHEAD_SHUTDOWN_PENDING)
			return ret;
		if (msleep_interruptible(10))
			return -EINTR;
	}
}

int bulkhead_cell_shutdown(unsigned int id)
{
	int ret = shutdown_cell(id);

	trace_drv_cell(ret, id, BULKHEAD_CELL_OP_SHUTDOWN);
	return ret;
}

static int destroy_cell(struct bulkhead_cell_dev *cell)
{
	long err = cell_hypercall("cell destroy", BULKHEAD_HC_CELL_DESTROY, cell->id, 0);
	bool traced;

	if (err)
		return err;
	list_del(&cell->node);
	bulkhead_channels_set_peer(cell->name, CHANNEL_NO_PEER);
	bulkhead_sysfs_remove_cell(cell);
	release_irqs(cell);
	rebind_devices(cell);
	online_cpus(cell);
	pr_info("bulkhead: destroyed cell \"%s\" (id %u)\n", cell->name, cell->id);
	traced = cell->trace_mask;
	free_cell(cell);
	if (traced)
		bulkhead_trace_cell_gone();
	return 0;
}

int bulkhead_cell_destroy(unsigned int id)
{
	struct bulkhead_cell_dev *cell;
	int err;

	mutex_lock(&bulkhead.lock);
	cell = find_cell_or_complain(id);
	err = cell ? destroy_cell(cell) : -ENOENT;
	mutex_unlock(&bulkhead.lock);
	trace_drv_cell(err, id, BULKHEAD_CELL_OP_DESTROY);
	return err;
}

bool bulkhead_have_cells(void)
{
	return !list_empty(&cells);
}

void bulkhead_cell_set_trace_mask(unsigned int id, u32 mask)
{
	struct bulkhead_cell_dev *cell = find_cell(id);

	if (cell)
		cell->trace_mask = mask;
}

bool bulkhead_cells_traced(void)
{
	struct bulkhead_cell_dev *cell;

	list_for_each_entry(cell, &cells, node)
		if (cell->trace_mask)
			return true;
	return false;
}

int bulkhead_cell_console(struct bulkhead_console_read_args *args)
{
	struct bulkhead_cell_dev *cell;
	ssize_t ret;

	mutex_lock(&bulkhead.lock);
	cell = bulkhead.enabled ? find_cell(args->cell) : NULL;
	ret = cell ? bulkhead_ring_read(cell->console, u64_to_user_ptr(args->buf), args->size,
					&args->pos) : -ENOENT;
	mutex_unlock(&bulkhead.lock);
	return ret;
}

/* True if @desc gives its cell an emulated PL011, which console input goes to. */
static bool has_uart(const struct bulkhead_cell *desc)
{
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(desc);
	unsigned int n;

	for (n = 0; n < desc->num_vdevices; n++)
		if (dev[n].type == BULKHEAD_VDEV_PL011)
			return true;
	return false;
}

/*
 * Eight bytes per hypercall, until the cell's receive FIFO takes fewer
 * than it was offered: returns how many it took in all.
 */
static long type_into(struct bulkhead_cell_dev *cell, const u8 *text, u32 size)
{
	unsigned long bytes;
	u32 done = 0, chunk, n;
	long took;

	while (done < size) {
		chunk = min_t(u32, size - done, 8);
		for (bytes = 0, n = 0; n < chunk; n++)
			bytes |= (unsigned long)text[done + n] << (8 * n);
		took = cell_hypercall("console input", BULKHEAD_HC_CONSOLE_INPUT,
				      cell->id | (unsigned long)chunk << 32, bytes);
		if (took < 0)
			return done ? done : took;
		done += took;
		if (took < chunk)
			break;
	}
	return done;
}

long bulkhead_cell_console_input(const struct bulkhead_console_input_args *args)
{
	struct bulkhead_cell_dev *cell;
	long ret;
	u8 *text;

	if (args->size > BULKHEAD_CONSOLE_INPUT_MAX) {
		pr_err("bulkhead: console input: size %u, at most %u allowed\n", args->size,
		       BULKHEAD_CONSOLE_INPUT_MAX);
		return -EINVAL;
	}
	text = memdup_user(u64_to_user_ptr(args->buf), args->size);
	if (IS_ERR(text))
		return PTR_ERR(text);
	mutex_lock(&bulkhead.lock);
	cell = find_cell_or_complain(args->cell);
	if (!cell) {
		ret = -ENOENT;
	} else if (!has_uart(cell->desc)) {
		pr_err("bulkhead: console input: cell \"%s\" has no emulated UART (no vdevice of "
		       "type pl011 in its config)\n", cell->name);
		ret = -ENODEV;
	} else {
		ret = type_into(cell, text, args->size);
	}
	mutex_unlock(&bulkhead.lock);
	kfree(text);
	return ret;
}
