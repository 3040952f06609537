// SPDX-License-Identifier: GPL-2.0
/*
 * Enabling and disabling the hypervisor.
 *
 * Enable: check the config and the image, claim the hypervisor's memory,
 * copy both in, then enter the hypervisor on every online CPU. How a CPU
 * enters and leaves is the arch's (driver/arch.h, driver/arch/<arch>/).
 */
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

#include "bulkhead.h"

#define HV_FIRMWARE		"bulkhead.bin"

/* The layout checks; the hypervisor validates the contents itself. */
int bulkhead_check_config(const struct bulkhead_config_header *cfg, u32 size, unsigned int kind)
{
	size_t min = sizeof(*cfg) + sizeof(struct bulkhead_cell) +
		     (kind == BULKHEAD_CONFIG_SYSTEM ? sizeof(struct bulkhead_system) : 0);

	if (size < min || memcmp(cfg->magic, BULKHEAD_CONFIG_MAGIC, BULKHEAD_CONFIG_MAGIC_LEN)) {
		pr_err("bulkhead: config: not a Bulkhead config (bad magic or %u bytes)\n", size);
		return -EINVAL;
	}
	if (cfg->revision != BULKHEAD_CONFIG_REVISION) {
		pr_err("bulkhead: config: revision %u, this driver needs %u; recompile the config\n",
		       cfg->revision, BULKHEAD_CONFIG_REVISION);
		return -EINVAL;
	}
	if (cfg->arch != bulkhead_arch.id || cfg->kind != kind) {
		pr_err("bulkhead: config: arch %u kind %u, need an %s %s config\n", cfg->arch,
		       cfg->kind, bulkhead_arch.name,
		       kind == BULKHEAD_CONFIG_SYSTEM ? "system" : "cell");
		return -EINVAL;
	}
	if (cfg->total_size != size || bulkhead_config_expected_size(cfg) != size) {
		pr_err("bulkhead: config: size %u does not match its header (%u) or contents (%lu)\n",
		       size, cfg->total_size, bulkhead_config_expected_size(cfg));
		return -EINVAL;
	}
	if (bulkhead_config_checksum(cfg, size) != cfg->checksum) {
		pr_err("bulkhead: config: checksum mismatch: the file is corrupt\n");
		return -EINVAL;
	}
	return 0;
}

static int check_image(const struct firmware *fw)
{
	const struct bulkhead_header *hdr = (const void *)fw->data;

	if (fw->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, BULKHEAD_SIGNATURE, BULKHEAD_SIGNATURE_LEN)) {
		pr_err("bulkhead: %s is not a Bulkhead hypervisor image\n", HV_FIRMWARE);
		return -EINVAL;
	}
	if (hdr->abi_version != BULKHEAD_ABI_VERSION || hdr->arch != bulkhead_arch.id) {
		pr_err("bulkhead: %s: ABI %u arch %u, this driver needs ABI %u arch %u (%s)\n",
		       HV_FIRMWARE, hdr->abi_version, hdr->arch, BULKHEAD_ABI_VERSION,
		       bulkhead_arch.id, bulkhead_arch.name);
		return -EINVAL;
	}
	if (hdr->core_size < fw->size || !PAGE_ALIGNED(hdr->core_size) ||
	    hdr->console_offset + hdr->console_size > hdr->core_size) {
		pr_err("bulkhead: %s: inconsistent sizes in its header\n", HV_FIRMWARE);
		return -EINVAL;
	}
	return 0;
}

/* Every root-cell CPU online, and no other: the hypervisor must own them all. */
static int check_cpus(u64 root_cpus)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		bool in_root = cpu < 64 && (root_cpus & BIT_ULL(cpu));

		if (in_root && !cpu_online(cpu)) {
			pr_err("bulkhead: CPU %u of the root cell is offline; bring it online "
			       "(echo 1 > /sys/devices/system/cpu/cpu%u/online)\n", cpu, cpu);
			return -EBUSY;
		}
		if (!in_root && cpu_online(cpu)) {
			pr_err("bulkhead: CPU %u is online but not in the root cell's cpus\n", cpu);
			return -EINVAL;
		}
	}
	return 0;
}

static int claim_memory(const struct bulkhead_mem_region *mem)
{
	const struct bulkhead_arch_desc *arch = &bulkhead_arch;

	if (!IS_ALIGNED(mem->phys_start | mem->size, arch->hv_mem_align) || !mem->size ||
	    mem->size > arch->hv_mem_max || mem->phys_start + mem->size > arch->hv_mem_limit) {
		pr_err("bulkhead: config: hypervisor memory 0x%llx+0x%llx must be %llu MiB "
		       "aligned, at most %llu MiB, and end below %llu GiB\n", mem->phys_start, mem->size,
		       arch->hv_mem_align >> 20, arch->hv_mem_max >> 20, arch->hv_mem_limit >> 30);
		return -EINVAL;
	}
	if (bulkhead_linux_ram(mem->phys_start, mem->size)) {
		pr_err("bulkhead: hypervisor memory 0x%llx-0x%llx overlaps Linux RAM; reserve it "
		       "on the kernel command line (%s)\n", mem->phys_start,
		       mem->phys_start + mem->size - 1, arch->reserve_hint);
		return -EBUSY;
	}
	bulkhead.hv_region = request_mem_region(mem->phys_start, mem->size, "Bulkhead hypervisor");
	if (!bulkhead.hv_region) {
		pr_err("bulkhead: hypervisor memory 0x%llx-0x%llx is in use by another driver\n",
		       mem->phys_start, mem->phys_start + mem->size - 1);
		return -EBUSY;
	}
	bulkhead.hv_phys = mem->phys_start;
	bulkhead.hv_size = mem->size;
	return 0;
}

static void release_memory(void)
{
	release_mem_region(bulkhead.hv_phys, bulkhead.hv_size);
	bulkhead.hv_region = NULL;
}

/*
 * Image at offset 0 (bss zeroed), config at core_size. Write-combining:
 * the hypervisor reads both with its MMU off, so nothing may sit in a cache.
 */
static void *load_hypervisor(const struct firmware *fw, const void *config, u32 config_size)
{
	struct bulkhead_header *hdr;
	u32 core_size = ((const struct bulkhead_header *)fw->data)->core_size;
	void *mem = memremap(bulkhead.hv_phys, bulkhead.hv_size, MEMREMAP_WC);
	int err;

	if (!mem)
		return ERR_PTR(-ENOMEM);
	memcpy(mem, fw->data, fw->size);
	memset(mem + fw->size, 0, core_size - fw->size);
	memcpy(mem + core_size, config, config_size);
	hdr = mem;
	hdr->online_cpus = num_online_cpus();
	hdr->max_cpus = nr_cpu_ids;
	hdr->config_size = config_size;
	err = bulkhead_arch_prepare(mem);
	if (err) {
		memunmap(mem);
		return ERR_PTR(err);
	}
	wmb();
	return mem;
}

struct enter_args {
	void *mem;
	atomic_t failed;
	int error;
};

static void enter_cpu(void *data)
{
	struct enter_args *args = data;
	int ret = bulkhead_arch_enter_cpu(args->mem);

	if (ret && atomic_inc_return(&args->failed) == 1)
		args->error = ret;
}

/* After a failed enable: show what the hypervisor said in the kernel log. */
static void dump_hypervisor_console(const void *mem, const struct bulkhead_header *hdr)
{
	const struct bulkhead_console_ring *ring = mem + hdr->console_offset;
	u64 written = ring->written, pos;
	char line[128];
	int len = 0;

	pos = written > BULKHEAD_CONSOLE_RING_SIZE ? written - BULKHEAD_CONSOLE_RING_SIZE : 0;
	for (; pos < written; pos++) {
		char c = ring->buf[pos % BULKHEAD_CONSOLE_RING_SIZE];

		if (c != '\n' && len < (int)sizeof(line) - 1) {
			line[len++] = c;
			continue;
		}
		line[len] = '\0';
		if (len)
			pr_err("bulkhead: hypervisor: %s\n", line);
		len = 0;
	}
}

/* Once this succeeds, @mem is the hypervisor's: stage 2 no longer maps it for us. */
static int start_hypervisor(void *mem, const struct bulkhead_cell *root)
{
	struct bulkhead_header *hdr = mem;
	u64 console = bulkhead.hv_phys + hdr->console_offset;
	u32 console_size = hdr->console_size, cpus;
	struct enter_args args = {
		.mem = mem,
		.failed = ATOMIC_INIT(0),
	};
	int err;

	cpus_read_lock();
	cpus = num_online_cpus();
	err = check_cpus(root->cpu_set);
	if (!err) {
		hdr->online_cpus = cpus;
		wmb();
		on_each_cpu(enter_cpu, &args, 1);
		err = args.error;
	}
	cpus_read_unlock();
	if (atomic_read(&args.failed) && !err)
		err = -EIO;
	if (err) {
		dump_hypervisor_console(mem, hdr);
		bulkhead_arch_release();
		return err;
	}
	bulkhead.console = memremap(console, console_size, MEMREMAP_WB);
	memcpy(bulkhead.root_name, root->name, sizeof(bulkhead.root_name));
	bulkhead.root_name[sizeof(bulkhead.root_name) - 1] = '\0';
	bulkhead_sysfs_set_root_name(bulkhead.root_name);
	bulkhead.root_cpus = root->cpu_set;
	bulkhead.enabled = true;
	bulkhead_channels_start();
	bulkhead_events_start(true);
	/* The CPUs return through this module's code: it stays while enabled. */
	__module_get(THIS_MODULE);
	pr_info("bulkhead: hypervisor enabled on %u CPUs, root cell \"%s\"\n", cpus,
		bulkhead.root_name);
	return 0;
}

static int enable_with(const struct bulkhead_config_header *cfg, u32 size)
{
	const struct bulkhead_system *sys = bulkhead_config_system(cfg);
	const struct bulkhead_cell *root = bulkhead_config_cell(cfg);
	const struct firmware *fw;
	void *mem;
	int err;

	err = request_firmware(&fw, HV_FIRMWARE, bulkhead.dev);
	if (err) {
		pr_err("bulkhead: firmware %s not found (install it in /lib/firmware)\n",
		       HV_FIRMWARE);
		return -ENOENT;
	}
	err = check_image(fw);
	err = err ?: bulkhead_arch_check();
	err = err ?: bulkhead_channels_prepare(root);
	if (err)
		goto out_fw;
	err = bulkhead_events_prepare(sys);
	if (err)
		goto out_channels;
	err = claim_memory(&sys->hypervisor_memory);
	if (err)
		goto out_events;
	mem = load_hypervisor(fw, cfg, size);
	err = PTR_ERR_OR_ZERO(mem);
	if (!err) {
		err = start_hypervisor(mem, root);
		/* Once enabled, the root cannot touch this memory any more. */
		memunmap(mem);
	}
	if (!err)
		goto out_fw;
	release_memory();
out_events:
	bulkhead_events_release();
out_channels:
	bulkhead_channels_release();
out_fw:
	release_firmware(fw);
	return err;
}

int bulkhead_enable(const void __user *config, u32 size)
{
	void *cfg;
	int err;

	if (size > BULKHEAD_CONFIG_MAX_SIZE) {
		pr_err("bulkhead: config: %u bytes, at most %u allowed\n", size,
		       BULKHEAD_CONFIG_MAX_SIZE);
		return -EINVAL;
	}
	cfg = memdup_user(config, size);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);

	mutex_lock(&bulkhead.lock);
	if (bulkhead.enabled) {
		pr_err("bulkhead: the hypervisor is already enabled\n");
		err = -EBUSY;
	} else {
		err = bulkhead_check_config(cfg, size, BULKHEAD_CONFIG_SYSTEM) ?: enable_with(cfg, size);
	}
	mutex_unlock(&bulkhead.lock);
	kfree(cfg);
	return err;
}

/*
 * Where the arch says so (x86), every root CPU online: an offline one
 * sleeps in the root, where no hypercall of ours reaches it.
 */
static int check_root_cpus_online(void)
{
	unsigned int cpu;

	if (!bulkhead_arch.disable_needs_root_cpus_online)
		return 0;
	for_each_possible_cpu(cpu) {
		if (cpu < 64 && (bulkhead.root_cpus & BIT_ULL(cpu)) && !cpu_online(cpu)) {
			pr_err("bulkhead: disable: CPU %u of the root cell is offline; on %s the "
			       "hypervisor hands back only online CPUs: bring it online first (echo 1 > "
			       "/sys/devices/system/cpu/cpu%u/online)\n", cpu, bulkhead_arch.name, cpu);
			return -EBUSY;
		}
	}
	return 0;
}

static void leave_cpu(void *data)
{
	atomic_t *failed = data;

	if (bulkhead_arch_leave_cpu())
		atomic_inc(failed);
}

int bulkhead_disable(void)
{
	atomic_t failed = ATOMIC_INIT(0);
	int err = 0;

	mutex_lock(&bulkhead.lock);
	if (!bulkhead.enabled) {
		pr_err("bulkhead: disable: the hypervisor is not enabled\n");
		err = -EINVAL;
		goto out;
	}
	if (bulkhead_have_cells()) {
		pr_err("bulkhead: disable: cells exist; destroy them first\n");
		err = -EBUSY;
		goto out;
	}
	err = bulkhead_channels_stop();
	if (err)
		goto out;
	/* No rings may stay behind; a disable that fails below leaves tracing off. */
	bulkhead_trace_disable();
	bulkhead_events_stop();
	cpus_read_lock();
	err = check_root_cpus_online();
	if (!err)
		on_each_cpu(leave_cpu, &failed, 1);
	cpus_read_unlock();
	if (err || atomic_read(&failed)) {
		if (!err)
			pr_err("bulkhead: disable refused by the hypervisor on %d CPUs\n",
			       atomic_read(&failed));
		bulkhead_channels_start();
		bulkhead_events_start(false);
		err = err ?: -EIO;
		goto out;
	}
	bulkhead_channels_release();
	bulkhead_events_release();
	memunmap((void *)bulkhead.console);
	bulkhead.console = NULL;
	bulkhead.enabled = false;
	module_put(THIS_MODULE);
	bulkhead_arch_release();
	release_memory();
	pr_info("bulkhead: hypervisor disabled\n");
out:
	mutex_unlock(&bulkhead.lock);
	return err;
}

static void read_cpu_mode(void *data)
{
	u32 *mode = data;
	long ret = bulkhead_hypercall(BULKHEAD_HC_CPU_GET_INFO, smp_processor_id(),
				      BULKHEAD_CPU_INFO_MODE);

	*mode = ret < 0 ? 0 : (u32)ret;
}

static void fill_cpu_status(unsigned int cpu, struct bulkhead_cpu_status *st)
{
	unsigned int n;

	st->online = cpu_online(cpu);
	st->state = bulkhead_hypercall(BULKHEAD_HC_CPU_GET_INFO, cpu, BULKHEAD_CPU_INFO_STATE);
	st->cell = bulkhead_hypercall(BULKHEAD_HC_CPU_GET_INFO, cpu, BULKHEAD_CPU_INFO_CELL);
	for (n = 0; n < BULKHEAD_CPU_STAT_COUNT && n < ARRAY_SIZE(st->stats); n++)
		st->stats[n] = bulkhead_hypercall(BULKHEAD_HC_CPU_GET_INFO, cpu,
						  BULKHEAD_CPU_INFO_STAT_BASE + n);
	if (st->online)
		smp_call_function_single(cpu, read_cpu_mode, &st->mode, 1);
}

int bulkhead_get_status(struct bulkhead_status *status)
{
	unsigned int cpu;

	status->ioctl_version = BULKHEAD_IOCTL_VERSION;
	mutex_lock(&bulkhead.lock);
	status->enabled = bulkhead.enabled;
	if (!bulkhead.enabled)
		goto out;
	status->hv_version = bulkhead_hypercall(BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_VERSION, 0);
	status->hv_mem_start = bulkhead.hv_phys;
	status->hv_mem_size = bulkhead.hv_size;
	status->pool_pages = bulkhead_hypercall(BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_POOL_PAGES, 0);
	status->pool_used = bulkhead_hypercall(BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_POOL_USED, 0);
	memcpy(status->root_name, bulkhead.root_name, sizeof(status->root_name));
	status->root_cpus = bulkhead.root_cpus;
	cpus_read_lock();
	for (cpu = 0; cpu < BULKHEAD_INFO_CPUS && cpu < nr_cpu_ids; cpu++) {
		if (!(bulkhead.root_cpus & BIT_ULL(cpu)))
			continue;
		fill_cpu_status(cpu, &status->cpu[cpu]);
		status->num_cpus = cpu + 1;
	}
	cpus_read_unlock();
out:
	mutex_unlock(&bulkhead.lock);
	return 0;
}

/*
 * Copies from a console ring at stream position *@pos and advances it.
 * A position older than the ring holds skips to the oldest byte left; one
 * past the end (a new hypervisor instance) restarts the stream.
 */
ssize_t bulkhead_ring_read(const struct bulkhead_console_ring *ring, char __user *buf,
			   size_t count, u64 *ppos)
{
	u64 written = READ_ONCE(ring->written), pos = *ppos;
	char *chunk;
	size_t n;

	if (pos > written)
		pos = 0;
	if (written - pos > BULKHEAD_CONSOLE_RING_SIZE)
		pos = written - BULKHEAD_CONSOLE_RING_SIZE;
	n = min3((size_t)(written - pos), count, (size_t)PAGE_SIZE);
	n = min_t(size_t, n, BULKHEAD_CONSOLE_RING_SIZE - pos % BULKHEAD_CONSOLE_RING_SIZE);
	if (!n) {
		*ppos = pos;
		return 0;
	}
	chunk = kmalloc(n, GFP_KERNEL);
	if (!chunk)
		return -ENOMEM;
	smp_rmb();
	memcpy(chunk, ring->buf + pos % BULKHEAD_CONSOLE_RING_SIZE, n);
	smp_rmb();
	/* Overwritten while we copied? Skip to what is still intact. */
	if (READ_ONCE(ring->written) - pos > BULKHEAD_CONSOLE_RING_SIZE)
		n = 0;
	if (n && copy_to_user(buf, chunk, n)) {
		kfree(chunk);
		return -EFAULT;
	}
	kfree(chunk);
	*ppos = pos + n;
	return n;
}

/* The hypervisor console's stream position is the file position; see hvctl console. */
ssize_t bulkhead_console_read(char __user *buf, size_t count, loff_t *ppos)
{
	u64 pos = *ppos;
	ssize_t ret = -ENODEV;

	mutex_lock(&bulkhead.lock);
	if (bulkhead.enabled && bulkhead.console)
		ret = bulkhead_ring_read(bulkhead.console, buf, count, &pos);
	mutex_unlock(&bulkhead.lock);
	if (ret >= 0)
		*ppos = pos;
	return ret;
}
