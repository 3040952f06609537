// SPDX-License-Identifier: GPL-2.0
/*
 * The host side of the hypervisor under test (hv_fakes.h): what the image's
 * setup.c, console.c and arch code would provide, as fakes that record what
 * the core asked of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <bulkhead/config_check.h>
#include <bulkhead/crypto.h>
#include <bulkhead/events.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <asm/mmu.h>
#include <asm/traps.h>

#include "hv_fakes.h"
#include "unit.h"

#define ARENA_SIZE		(4UL << 20)
#define ARENA_ALIGN		(2UL << 20)
/* Hypervisor memory of the test system: the pool first, the image's console ring later. */
#define HV_FAKE_ARENA_PHYS	0x70000000UL
#define HV_FAKE_CONSOLE_PHYS	0x70e00000UL
/* ICH_LR<n>_EL2.State: pending, active or both; 0 is a free list register. */
#define LR_STATE		(3UL << 62)
/* MPIDR_EL1 bit 31 is RES1: the fakes' CPUs have it, as real ones do. */
#define MPIDR_RES1		(1UL << 31)

static const char system_dts[] =
	"/dts-v1/;\n"
	"/ {\n"
	"	compatible = \"bulkhead,system\";\n"
	"	arch = \"arm64\";\n"
	"	#address-cells = <2>;\n"
	"	#size-cells = <2>;\n"
	"	max-cells = <4>;\n"
	"	event-irq = <250>;\n"
	"	hypervisor@70000000 { reg = <0x0 0x70000000 0x0 0x01000000>; };\n"
	"	debug-console@9000000 { type = \"pl011\"; reg = <0x0 0x09000000 0x0 0x1000>; };\n"
	"	platform {\n"
	"		gic-version = <3>;\n"
	"		gicd-base = <0x0 0x08000000>;\n"
	"		gicr-base = <0x0 0x080a0000>;\n"
	"	};\n"
	"	channel-policy {\n"
	"		links = \"linux <-> echo\", \"a <-> b\", \"linux -> reader\",\n"
	"			\"logger -> linux\", \"a -> c\";\n"
	"	};\n"
	"	root-cell {\n"
	"		cell-name = \"linux\";\n"
	"		cpus = <0 1 2 3>;\n"
	"		#address-cells = <2>;\n"
	"		#size-cells = <2>;\n"
	"		memory@40000000 {\n"
	"			reg = <0x0 0x40000000 0x0 0x30000000>;\n"
	"			flags = \"read\", \"write\", \"execute\";\n"
	"		};\n"
	"		memory@71000000 {\n"
	"			reg = <0x0 0x71000000 0x0 0x0f000000>;\n"
	"			flags = \"read\", \"write\", \"execute\";\n"
	"		};\n"
	"		channel@7e000000 {\n"
	"			channel-name = \"root-echo\";\n"
	"			peer = \"echo\";\n"
	"			reg = <0x0 0x7e000000 0x0 0x00100000>;\n"
	"			access = \"read-write\";\n"
	"			doorbell-irq = <240>;\n"
	"		};\n"
	"		channel@7e100000 {\n"
	"			channel-name = \"root-feed\";\n"
	"			peer = \"reader\";\n"
	"			reg = <0x0 0x7e100000 0x0 0x00010000>;\n"
	"			access = \"read-write\";\n"
	"		};\n"
	"		channel@7e110000 {\n"
	"			channel-name = \"root-log\";\n"
	"			peer = \"logger\";\n"
	"			reg = <0x0 0x7e110000 0x0 0x00010000>;\n"
	"			access = \"read-only\";\n"
	"			doorbell-irq = <245>;\n"
	"		};\n"
	"		device@8000000 {\n"
	"			reg = <0x0 0x08000000 0x0 0x00010000>;\n"
	"			flags = \"read\", \"write\", \"io\";\n"
	"		};\n"
	"		device@80a0000 {\n"
	"			reg = <0x0 0x080a0000 0x0 0x00080000>;\n"
	"			flags = \"read\", \"write\", \"io\";\n"
	"		};\n"
	"		device@9000000 {\n"
	"			reg = <0x0 0x09000000 0x0 0x1000>;\n"
	"			flags = \"read\", \"write\", \"io\";\n"
	"		};\n"
	"		device@9010000 {\n"
	"			reg = <0x0 0x09010000 0x0 0x1000>;\n"
	"			flags = \"read\", \"write\", \"io\";\n"
	"		};\n"
	"	};\n"
	"};\n";

/* A cell config: hv_create()'s body goes into the "cell" node. */
static const char cell_dts[] =
	"/dts-v1/;\n"
	"/ {\n"
	"	compatible = \"bulkhead,cell\";\n"
	"	arch = \"arm64\";\n"
	"	#address-cells = <2>;\n"
	"	#size-cells = <2>;\n"
	"	cell {\n"
	"		#address-cells = <2>;\n"
	"		#size-cells = <2>;\n"
	"		comm-region = <0x0 0x80000000>;\n"
	"%s\n"
	"	};\n"
	"};\n";

/* What the image's setup.c, console.c and gic.c define. */
struct bulkhead_header hypervisor_header;
const struct bulkhead_config_header *system_config;
struct paging_structure hv_paging;
struct bulkhead_console_ring console_ring __aligned(PAGE_SIZE);
u8 *gicd_base;
u8 *gicr_base;
unsigned long gicr_size;

unsigned int fake_kicks[HV_CPUS];
u32 fake_raised_irqs[HV_NUM_IRQS / 32];
u64 fake_scrubbed_bytes;
long fake_firmware_version = -1, fake_firmware_workaround = -1;
unsigned int fake_firmware_calls, fake_firmware_forwards;
unsigned int fake_power_offs;
unsigned int fake_acks[8], fake_acks_left;
unsigned int fake_priority_drops[8], fake_priority_drops_done;
int fake_arch_cell_create_error;
u64 fake_exit_pc;
u64 fake_counter_step = 1000, fake_counter_freq = 1000000;
u64 fake_lrs[HV_NUM_LRS];

static u8 *arena;
static struct per_cpu cpus[HV_CPUS];
static u8 system_blob[BULKHEAD_CONFIG_MAX_SIZE] __aligned(8);
static u8 gicd_regs[GICD_SIZE] __aligned(8);
static u8 gicr_regs[HV_CPUS * GICR_FRAMES_SIZE] __aligned(8);
static u64 counter;
static char cell_console[16384];
static size_t cell_console_len;

static struct {
	const char *name;
	unsigned long val;
} sysregs[32];

void hv_memory_setup(void)
{
	arena = aligned_alloc(ARENA_ALIGN, ARENA_SIZE);
	ck_assert_ptr_nonnull(arena);
	/* Dirty memory, so that whatever is used without being zeroed shows. */
	memset(arena, 0xa5, ARENA_SIZE);
	memset(&mem_pool, 0, sizeof(mem_pool));
	ck_assert_int_eq(page_pool_init(&mem_pool, arena, ARENA_SIZE), 0);
}

void hv_memory_teardown(void)
{
	free(arena);
	arena = NULL;
}

/* The hypervisor's offset mapping of its own memory: the pool arena and the console ring. */
u64 paging_hvirt2phys(const void *virt)
{
	const u8 *p = virt, *ring = (const u8 *)&console_ring;

	if (p >= ring && p < ring + sizeof(console_ring))
		return HV_FAKE_CONSOLE_PHYS + (u64)(p - ring);
	ck_assert_msg(p >= arena && p < arena + ARENA_SIZE,
		      "hvirt2phys(%p) outside hypervisor memory", virt);
	return HV_FAKE_ARENA_PHYS + (u64)(p - arena);
}

void *paging_phys2hvirt(u64 phys)
{
	ck_assert_msg(phys >= HV_FAKE_ARENA_PHYS && phys < HV_FAKE_ARENA_PHYS + ARENA_SIZE,
		      "phys2hvirt(0x%llx): not a pool address, the walker followed a bad table pointer",
		      (unsigned long long)phys);
	return arena + (phys - HV_FAKE_ARENA_PHYS);
}

/* A host mapping at one of the hypervisor's fixed EL2 windows. */
static void map_window(u64 addr, size_t size)
{
	void *map = mmap((void *)addr, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	ck_assert_msg(map == (void *)addr, "cannot map a window at 0x%llx",
		      (unsigned long long)addr);
}

/* Compiles the source @path with the real cellc into @buf; returns the binary's size. */
static size_t compile_file(const char *path, void *buf, size_t len)
{
	char out[4096], args[1024];
	size_t size;
	FILE *file;

	snprintf(args, sizeof(args), "-o out.cell '%s'", path);
	ck_assert_msg(unit_run(CELLC_PATH, args, out, sizeof(out)) == 0,
		      "cellc refused the config %s:\n%s", path, out);
	file = fopen("out.cell", "rb");
	ck_assert_ptr_nonnull(file);
	size = fread(buf, 1, len, file);
	fclose(file);
	return size;
}

/* Compiles @text (DTS) with the real cellc into @buf; returns the binary's size. */
static size_t compile(const char *text, void *buf, size_t len)
{
	unit_write_file("in.dts", text);
	return compile_file("in.dts", buf, len);
}

static void cpus_init(void)
{
	unsigned int id;

	memset(cpus, 0, sizeof(cpus));
	for (id = 0; id < HV_CPUS; id++) {
		cpus[id].id = id;
		cpus[id].cell = &root_cell;
		/* Linux runs on CPU 0 and took the others offline: they are parked. */
		cpus[id].state = id ? BULKHEAD_CPU_PARKED : BULKHEAD_CPU_RUNNING;
		cpus[id].arch.mpidr = MPIDR_RES1 | id;
		cpus[id].arch.vmpidr = cpus[id].arch.mpidr;
		cpus[id].arch.gicr = gicr_regs + id * GICR_FRAMES_SIZE;
		cpus[id].arch.gicr_phys = HV_GICR_PHYS + id * GICR_FRAMES_SIZE;
		cpus[id].arch.gicr_span = GICR_FRAMES_SIZE;
	}
}

/* The fake machine, booted with the system config @system_path, or the test one if NULL. */
static void boot(const char *system_path)
{
	size_t size;

	unit_tmpdir_enter();
	hv_memory_setup();
	map_window(HV_COPY_WINDOW, PAGING_LEVEL_SIZE(PAGING_LEVELS - 2));
	map_window(HV_FLUSH_WINDOW, PAGING_LEVEL_SIZE(PAGING_LEVELS - 2));
	size = system_path ? compile_file(system_path, system_blob, sizeof(system_blob)) :
			      compile(system_dts, system_blob, sizeof(system_blob));
	ck_assert_int_eq(config_check((void *)system_blob, size, BULKHEAD_CONFIG_SYSTEM,
				      BULKHEAD_ARCH_ARM64), 0);
	system_config = (void *)system_blob;
	hypervisor_header.hv_version = HV_VERSION;
	hypervisor_header.max_cpus = HV_CPUS;
	hypervisor_header.online_cpus = HV_CPUS;
	hypervisor_header.console_size = ALIGN_UP(sizeof(console_ring), PAGE_SIZE);
	ck_assert_int_eq(paging_create(&hv_paging, &hv_paging_format), 0);

	memset(gicd_regs, HV_GIC_FILL, sizeof(gicd_regs));
	memset(gicr_regs, HV_GIC_FILL, sizeof(gicr_regs));
	gicd_base = gicd_regs;
	gicr_base = gicr_regs;
	gicr_size = sizeof(gicr_regs);
	cpus_init();
	fake_scrubbed_bytes = 0;
	fake_firmware_version = -1;
	fake_firmware_workaround = -1;
	fake_firmware_calls = 0;
	fake_firmware_forwards = 0;
	fake_power_offs = 0;
	fake_acks_left = 0;
	fake_counter_step = 1000;
	fake_counter_freq = 1000000;
	fake_priority_drops_done = 0;
	fake_current_cpu = 0;
	fake_exit_handler = NULL;
	memset(&root_cell, 0, sizeof(root_cell));
	ck_assert_int_eq(event_init(), 0);
	ck_assert_int_eq(root_cell_init(), 0);
	console_capture_reset();
}

void hv_boot(void)
{
	boot(NULL);
}

void hv_boot_system(const char *path)
{
	boot(path);
}

void hv_shutdown(void)
{
	munmap((void *)HV_FLUSH_WINDOW, PAGING_LEVEL_SIZE(PAGING_LEVELS - 2));
	munmap((void *)HV_COPY_WINDOW, PAGING_LEVEL_SIZE(PAGING_LEVELS - 2));
	hv_memory_teardown();
	unit_tmpdir_leave();
}

long hv_create(const char *body)
{
	static char text[16384];
	size_t size;

	ck_assert_int_lt(snprintf(text, sizeof(text), cell_dts, body), sizeof(text));
	/* The copy window shows the root page the config is on. */
	size = compile(text, (void *)(HV_COPY_WINDOW + (HV_CONFIG_ADDR & (PAGE_SIZE - 1))),
		       BULKHEAD_CONFIG_MAX_SIZE);
	console_capture_reset();
	return cell_create(HV_CONFIG_ADDR, size);
}

long hv_create_file(const char *path)
{
	size_t size;

	size = compile_file(path, (void *)(HV_COPY_WINDOW + (HV_CONFIG_ADDR & (PAGE_SIZE - 1))),
			    BULKHEAD_CONFIG_MAX_SIZE);
	console_capture_reset();
	return cell_create(HV_CONFIG_ADDR, size);
}

void hv_image_fill(u8 fill)
{
	memset((void *)HV_COPY_WINDOW, fill, HV_IMAGE_SIZE);
}

struct bulkhead_boot_params *hv_boot_params(const struct cell *cell)
{
	struct bulkhead_boot_params *params =
		(void *)(HV_COPY_WINDOW + (HV_BOOT_PARAMS_ADDR & (PAGE_SIZE - 1)));

	memset(params, 0, sizeof(*params));
	params->entry = cell->config->entry;
	params->arg = cell->config->comm_region;
	params->num_segments = 1;
	params->segments[0].size = HV_IMAGE_SIZE;
	sha256((void *)HV_COPY_WINDOW, HV_IMAGE_SIZE, params->segments[0].sha256);
	return params;
}

void hv_load(struct cell *cell)
{
	ck_assert_int_eq(cell_set_loadable(cell->id), 0);
	hv_image_fill(0x5a);
	hv_boot_params(cell);
	ck_assert_msg(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR) == 0, "cell_set_boot():\n%s",
		      console_captured());
}

const char *hv_cell(const char *name, const char *cpus, const char *irqs, u64 ram,
		    const char *nodes)
{
	static char body[8192];

	ck_assert_int_lt(snprintf(body, sizeof(body),
				  "cell-name = \"%s\";\ncpus = <%s>;\n%s%s%s"
				  "memory@%llx {\n"
				  "	reg = <0x0 0x%llx 0x0 0x100000>;\n"
				  "	virt = <0x0 0x0>;\n"
				  "	flags = \"read\", \"write\", \"execute\", \"loadable\";\n"
				  "};\n%s",
				  name, cpus, *irqs ? "interrupts = <" : "", irqs,
				  *irqs ? ">;\n" : "", (unsigned long long)ram,
				  (unsigned long long)ram, nodes),
			 sizeof(body));
	return body;
}

struct cell *hv_create_ok(const char *body)
{
	long id = hv_create(body);

	ck_assert_msg(id > 0, "cell_create() returned %ld:\n%s", id, console_captured());
	return cell_by_id(id);
}

u64 hv_root_maps(u64 ipa)
{
	u64 phys;

	return paging_translate(&root_cell.stage2, ipa, &phys) ? phys : ~0ULL;
}

enum mmio_result hv_mmio(unsigned int cpu, bool write, u64 addr, unsigned int size, u64 *value)
{
	struct mmio_access access = {
		.addr = addr,
		.value = write ? *value : 0xdeadbeefdeadbeefULL,
		.size = size,
		.write = write,
	};
	enum mmio_result result = mmio_handle(per_cpu(cpu), &access);

	if (!write)
		*value = access.value;
	return result;
}

/* Root addresses a cell create could take away: lent RAM, channels, devices, the GIC. */
static const u64 watched_root_ipas[] = {
	HV_ROOT_RAM, HV_LENT_RAM, 0x71a00000, 0x72000000, HV_ROOT_ECHO_PHYS, 0x7e200000,
	HV_RTC_PHYS, HV_GICR_PHYS + 2 * GICR_FRAMES_SIZE,
};

void hv_snapshot(struct hv_snapshot *snap)
{
	unsigned int n;

	BUILD_BUG_ON(ARRAY_SIZE(watched_root_ipas) != ARRAY_SIZE(snap->root_maps));
	snap->root_cpus = root_cell.cpu_set;
	memcpy(snap->root_irqs, root_cell.irq_bitmap, sizeof(snap->root_irqs));
	snap->pool_used = mem_pool.used_pages;
	snap->cells = cell_count();
	for (n = 0; n < HV_CPUS; n++)
		snap->cpu_cells[n] = cpus[n].cell;
	for (n = 0; n < ARRAY_SIZE(watched_root_ipas); n++)
		snap->root_maps[n] = hv_root_maps(watched_root_ipas[n]);
}

void hv_assert_unchanged(const struct hv_snapshot *before)
{
	struct hv_snapshot now;
	unsigned int n;

	hv_snapshot(&now);
	ck_assert_msg(now.root_cpus == before->root_cpus, "root CPUs 0x%llx, were 0x%llx",
		      (unsigned long long)now.root_cpus, (unsigned long long)before->root_cpus);
	for (n = 0; n < ARRAY_SIZE(now.root_irqs); n++)
		ck_assert_msg(now.root_irqs[n] == before->root_irqs[n],
			      "root interrupts %u-%u: 0x%08x, were 0x%08x", n * 32, n * 32 + 31,
			      now.root_irqs[n], before->root_irqs[n]);
	ck_assert_msg(now.pool_used == before->pool_used, "pool pages used: %lu, were %lu",
		      now.pool_used, before->pool_used);
	ck_assert_uint_eq(now.cells, before->cells);
	for (n = 0; n < HV_CPUS; n++)
		ck_assert_msg(now.cpu_cells[n] == before->cpu_cells[n], "CPU %u changed cells", n);
	for (n = 0; n < ARRAY_SIZE(watched_root_ipas); n++)
		ck_assert_msg(now.root_maps[n] == before->root_maps[n],
			      "the root's stage 2 at 0x%llx maps 0x%llx, mapped 0x%llx",
			      (unsigned long long)watched_root_ipas[n],
			      (unsigned long long)now.root_maps[n],
			      (unsigned long long)before->root_maps[n]);
}

const char *hv_cell_console(void)
{
	return cell_console;
}

/* Per-CPU blocks and the hypervisor's console ring (setup.c, console.c). */

struct per_cpu *per_cpu(unsigned int id)
{
	ck_assert_uint_lt(id, HV_CPUS);
	return &cpus[id];
}

unsigned int fake_current_cpu;

struct per_cpu *this_cpu(void)
{
	return &cpus[fake_current_cpu];
}

u64 enable_time_ns(bool init_only)
{
	return init_only ? 1000 : 5000;
}

void console_ring_write(struct bulkhead_console_ring *ring, spinlock_t *lock, const char *text,
			size_t len)
{
	ck_assert_ptr_nonnull(ring);
	len = MIN(len, sizeof(cell_console) - 1 - cell_console_len);
	memcpy(cell_console + cell_console_len, text, len);
	cell_console_len += len;
	cell_console[cell_console_len] = '\0';
}

/* Arch hooks (control.h). */

unsigned int arch_num_irqs(void)
{
	return HV_NUM_IRQS;
}

void arch_irq_raise(unsigned int intid)
{
	ck_assert_uint_lt(intid, HV_NUM_IRQS);
	fake_raised_irqs[intid / 32] |= 1U << (intid % 32);
}

/* The hypervisor keeps the GIC's distributor and redistributors. */
bool arch_reserved_device(u64 phys, u64 size)
{
	return ranges_overlap(phys, size, HV_GICD_PHYS, GICD_SIZE) ||
	       ranges_overlap(phys, size, HV_GICR_PHYS, sizeof(gicr_regs));
}

int arch_cell_create(struct cell *cell)
{
	int err = vgic_cell_init(cell);

	return err ?: fake_arch_cell_create_error;
}

void arch_cell_destroy(struct cell *cell)
{
}

void arch_cell_stopped(struct cell *cell)
{
}

void arch_cell_flush_tlb(struct cell *cell)
{
}

void arch_flush_hv_tlb(void)
{
}

/* The exception vectors (entry.S) and the handlers they call (traps.c). */
u8 hyp_vectors[1], hyp_vectors_traced[1];
void (*fake_exit_handler)(struct trap_frame *frame);

bool hv_traced_vectors(void)
{
	return fake_read_sysreg("vbar_el2") == (unsigned long)hyp_vectors_traced;
}

static void exit_handler(struct trap_frame *frame)
{
	if (fake_exit_handler)
		fake_exit_handler(frame);
}

void arch_handle_trap(struct trap_frame *frame)
{
	exit_handler(frame);
}

void arch_handle_irq(struct trap_frame *frame)
{
	exit_handler(frame);
}

void arch_handle_async_abort(struct trap_frame *frame)
{
	exit_handler(frame);
}

unsigned int gic_highest_pending(void)
{
	return fake_acks_left ? fake_acks[0] : 1023;
}

void arch_cpu_kick(struct per_cpu *cpu)
{
	fake_kicks[cpu->id]++;
}

/* What the calling CPU's EL2 timer was last programmed for (0: off). */
u64 fake_timer_when;

void arch_timer_set(u64 when)
{
	fake_timer_when = when;
}

u64 arch_exit_pc(void)
{
	return fake_exit_pc;
}

void arch_dcache_flush(const void *addr, size_t size)
{
}

void arch_icache_invalidate(void)
{
}

void arch_scrub_memory(void *addr, size_t size)
{
	fake_scrubbed_bytes += size;
}

/*
 * The firmware: PSCI_FEATURES(SMCCC_VERSION) succeeds when it has a version
 * (fake_firmware_version >= 0), SMCCC_VERSION gives it, ARCH_FEATURES of a
 * workaround gives fake_firmware_workaround; anything else is counted.
 */
long firmware_smc(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3)
{
	if (fn == 0x8400000a && a1 == 0x80000000)
		return fake_firmware_version >= 0 ? 0 : -1;
	if (fn == 0x80000000)
		return fake_firmware_version;
	if (fn == 0x80000001 && (a1 & 0xffff0000) == 0x80000000 && a1 != 0x80000002)
		return fake_firmware_workaround;
	fake_firmware_calls++;
	return 0;
}

void firmware_forward(struct trap_frame *frame)
{
	fake_firmware_forwards++;
	frame->x[0] = 0x5a5a;
}

/* PSCI itself is tested on the board: here, a mark that it was reached. */
long psci_dispatch(struct per_cpu *cpu, struct trap_frame *frame)
{
	return FAKE_PSCI_RESULT;
}

void arch_system_power(bool reset)
{
	fake_power_offs++;
}

/* On the host a report taken without the lock lands in the same capture. */
void panic_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_line(console_write, fmt, ap);
	va_end(ap);
}

/* Time moves on 1 ms per read: bounded waits end after their bound in reads. */
u64 arch_counter(void)
{
	counter += fake_counter_step;
	return counter;
}

u64 arch_counter_freq(void)
{
	return fake_counter_freq;
}

void hv_counter_advance(u64 ticks)
{
	counter += ticks;
}

unsigned int arch_cpu_mode(void)
{
	return 2 | BULKHEAD_CPU_MODE_MMU;
}

void __noreturn arch_cpu_return_to_linux(struct per_cpu *cpu, long result)
{
	ck_abort_msg("CPU %u left the hypervisor (%ld)", cpu->id, result);
}

bool arch_parked_cpus_can_leave(void)
{
	return true;
}

void arch_cpu_park(struct per_cpu *cpu, unsigned int state)
{
	cpu->state = state;
}

void arch_cpu_reset(struct per_cpu *cpu, struct trap_frame *frame)
{
}

/* The GIC's CPU interface: nothing pending, list registers in fake_lrs. */

u64 gic_mpidr_to_irouter(u64 mpidr)
{
	/* GICD_IROUTER holds Aff3 and Aff2-0 in the bit positions MPIDR_EL1 has them. */
	return mpidr & 0xff00ffffffUL;
}

/* The INTIDs of fake_acks, first to last, then nothing pending. */
unsigned int gic_ack_irq(void)
{
	static unsigned int next;

	if (!fake_acks_left) {
		next = 0;
		return INTID_SPURIOUS_MIN;
	}
	fake_acks_left--;
	return fake_acks[next++];
}

void gic_complete(unsigned int intid)
{
}

void gic_priority_drop(unsigned int intid)
{
	if (fake_priority_drops_done < ARRAY_SIZE(fake_priority_drops))
		fake_priority_drops[fake_priority_drops_done++] = intid;
}

/* Every fake redistributor spans the two GICv3 frames. */
unsigned long gic_frame_span(u64 typer)
{
	return GICR_FRAMES_SIZE;
}

long gic_redist_frame(unsigned long offset)
{
	return offset < gicr_size ? (long)(offset & ~(GICR_FRAMES_SIZE - 1)) : -1;
}

unsigned int gic_num_lrs(void)
{
	return HV_NUM_LRS;
}

u64 gic_read_lr(unsigned int n)
{
	ck_assert_uint_lt(n, HV_NUM_LRS);
	return fake_lrs[n];
}

void gic_write_lr(unsigned int n, u64 val)
{
	ck_assert_uint_lt(n, HV_NUM_LRS);
	fake_lrs[n] = val;
}

/* System registers: the last value written, by encoded name. */

static unsigned long *sysreg_slot(const char *name)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(sysregs) && sysregs[n].name; n++)
		if (!strcmp(sysregs[n].name, name))
			return &sysregs[n].val;
	ck_assert_uint_lt(n, ARRAY_SIZE(sysregs));
	sysregs[n].name = name;
	return &sysregs[n].val;
}

unsigned long fake_read_sysreg(const char *name)
{
	unsigned long empty = 0;
	unsigned int n;

	/*
	 * ICH_ELRSR_EL2: which list registers hold nothing, as the GIC derives
	 * it; ICH_EISR_EL2: which hold a virtual interrupt the guest
	 * deactivated and that asked for an EOI maintenance interrupt.
	 */
	if (!strcmp(name, __stringify(ICH_ELRSR_EL2)) || !strcmp(name, __stringify(ICH_EISR_EL2))) {
		for (n = 0; n < HV_NUM_LRS; n++)
			if (!(fake_lrs[n] & LR_STATE) &&
			    (!(fake_lrs[n] & LR_EOI) || (fake_lrs[n] & LR_HW)) ==
			    !strcmp(name, __stringify(ICH_ELRSR_EL2)))
				empty |= 1UL << n;
		return empty;
	}
	return *sysreg_slot(name);
}

void fake_write_sysreg(const char *name, unsigned long val)
{
	*sysreg_slot(name) = val;
}

unsigned long fake_sysreg(const char *name)
{
	return *sysreg_slot(name);
}
