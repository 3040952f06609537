/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hypervisor on the host, for the unit tests of its isolation logic: the
 * real core files (control.c, cell.c, channel.c, hypercall.c, mmio.c) and
 * the GICv3 emulation (arch/arm64/vgic.c) run on
 *
 * - hypervisor memory: a host arena that the page pool hands out, seen at
 *   "physical" 0x70000000 (paging_hvirt2phys() and back);
 * - a test system config (DTS in hv_fakes.c, compiled by cellc, described
 *   below) from which the real root_cell_init() builds the root cell;
 * - per-CPU blocks, CPU 0 running Linux and the others parked in the root,
 *   as before a cell is created;
 * - a fake GIC: distributor and redistributor register files in host memory
 *   (gicd_base, gicr_base), list registers and system registers in arrays;
 * - fake arch hooks that record what the core asked for (kicks, doorbells,
 *   the pc of the exit) so that tests can check it.
 *
 * The copy window through which cell_create() reads a config, and the
 * window cell memory is cleaned through, are host mappings at their EL2
 * addresses: hv_create() puts the config where the window shows it.
 */
#ifndef _BULKHEAD_HV_FAKES_H
#define _BULKHEAD_HV_FAKES_H

#include <string.h>

#include <bulkhead/control.h>
#include <asm/gic.h>

#include "unit.h"

#define HV_CPUS			4
/* INTIDs the fake GIC has (GICD_TYPER.ITLinesNumber 8, as on QEMU's virt board). */
#define HV_NUM_IRQS		288
#define HV_NUM_LRS		4
/* The hypervisor version the fake image header carries. */
#define HV_VERSION		BULKHEAD_VERSION(1, 2, 3)
/* Where the root "put" the configs it hands to cell_create(). */
#define HV_CONFIG_ADDR		0x48000000UL
/* The fake GIC's physical addresses, as the test system config names them. */
#define HV_GICD_PHYS		0x08000000UL
#define HV_GICR_PHYS		0x080a0000UL

/*
 * The test system: four CPUs; RAM Linux uses and RAM it lends to cells
 * (0x71000000-0x7fffffff); root channels "root-echo" (read-write, doorbell
 * INTID 240), "root-feed" (Linux writes, no doorbell) and "root-log" (Linux
 * reads, doorbell 245); the policy "linux <-> echo", "a <-> b",
 * "linux -> reader", "logger -> linux", "a -> c".
 */
#define HV_ROOT_RAM		0x40000000UL
#define HV_LENT_RAM		0x71000000UL
#define HV_ROOT_ECHO_PHYS	0x7e000000UL
#define HV_ROOT_FEED_PHYS	0x7e100000UL
#define HV_ROOT_LOG_PHYS	0x7e110000UL
/* The SPI the hypervisor raises in the root when events arrive (event-irq). */
#define HV_EVENT_IRQ		250
#define HV_ROOT_ECHO_DOORBELL	240
#define HV_ROOT_LOG_DOORBELL	245
#define HV_UART_PHYS		0x09000000UL
#define HV_RTC_PHYS		0x09010000UL

/*
 * Checked fixture: a fresh hypervisor with only the root cell, built by the
 * real root_cell_init() from the test system config (compiled by cellc, in
 * a temporary working directory); the fake GIC's registers hold
 * HV_GIC_FILL bytes.
 */
void hv_boot(void);
void hv_shutdown(void);

/*
 * hv_boot() with the system config compiled from the source @path (an
 * absolute path: the test runs in its temporary directory) instead: it must
 * fit the fake machine (4 CPUs, the GIC at HV_GICD_PHYS and HV_GICR_PHYS,
 * the pool at 0x70000000), as configs/arm64/qemu-virt.dts does.
 */
void hv_boot_system(const char *path);
#define HV_GIC_FILL		0xa5

/*
 * Compiles a cell config whose "cell" node holds @body (cellc checks it as
 * the driver would), hands it to the real cell_create() and returns what
 * that returned: the new cell's id or a negative errno. The console capture
 * holds what the hypervisor printed.
 */
long hv_create(const char *body);

/*
 * A cell body for hv_create(): @name on CPUs @cpus ("1 2") with interrupts
 * @irqs ("34 35", or "" for none), 1 MiB of RAM at @ram (seen at 0,
 * loadable: memory region 0), then the nodes @nodes.
 */
const char *hv_cell(const char *name, const char *cpus, const char *irqs, u64 ram,
		    const char *nodes);

/* hv_create() of the cell config compiled from the source @path (absolute). */
long hv_create_file(const char *path);

/* hv_create() that must succeed: the new cell. */
struct cell *hv_create_ok(const char *body);

/* What the root's stage 2 maps at @ipa now (~0 if nothing). */
u64 hv_root_maps(u64 ipa);

/*
 * Where the root passes boot parameters in these tests, and how many bytes
 * before them of each page of cell memory a boot segment may cover: every
 * page the hypervisor maps shows the copy window, which holds both.
 */
#define HV_BOOT_PARAMS_ADDR	(HV_CONFIG_ADDR + 0x800)
#define HV_IMAGE_SIZE		0x800

/*
 * The fake's image: HV_IMAGE_SIZE bytes of @fill at the start of the copy
 * window, where the hypervisor finds any cell memory it hashes.
 */
void hv_image_fill(u8 fill);

/*
 * Boot parameters in the root's RAM at HV_BOOT_PARAMS_ADDR for @cell: its
 * config's entry and communication region, one segment of HV_IMAGE_SIZE
 * bytes at cell address 0 with the digest of the image hv_image_fill() put
 * there. Tests change them before they hand them over.
 */
struct bulkhead_boot_params *hv_boot_params(const struct cell *cell);

/* What the root does before a start: load @cell (an image of 0x5a), set its boot parameters. */
void hv_load(struct cell *cell);

/*
 * One access by @cpu at @addr, through its cell's MMIO dispatch as a trap
 * would go; a read's @value starts as garbage, so a handler must set it.
 */
enum mmio_result hv_mmio(unsigned int cpu, bool write, u64 addr, unsigned int size, u64 *value);

/* The hypervisor's state a refused cell create must leave as it was. */
struct hv_snapshot {
	u64 root_cpus;
	u32 root_irqs[CONFIG_MAX_IRQ_SOURCES / 32];
	unsigned long pool_used;
	unsigned int cells;
	struct cell *cpu_cells[HV_CPUS];
	u64 root_maps[8];
};
void hv_snapshot(struct hv_snapshot *snap);
void hv_assert_unchanged(const struct hv_snapshot *before);

#define assert_console_says(text)                                                          \
	ck_assert_msg(strstr(console_captured(), text), "console lacks \"%s\":\n%s", text,  \
		      console_captured())

/* hv_create(@body) must fail with @err, say @text and change nothing. */
#define assert_refused(body, err, text)                                                    \
	do {                                                                               \
		struct hv_snapshot before;                                                 \
		long got;                                                                  \
                                                                                           \
		hv_snapshot(&before);                                                      \
		got = hv_create(body);                                                     \
		ck_assert_msg(got == (err), "cell_create() returned %ld, expected %d:\n%s", \
			      got, err, console_captured());                               \
		assert_console_says(text);                                                 \
		hv_assert_unchanged(&before);                                              \
	} while (0)

/* Recorded by the fake arch hooks since hv_boot(). */
extern unsigned int fake_kicks[HV_CPUS];
extern u64 fake_timer_when;
extern u32 fake_raised_irqs[HV_NUM_IRQS / 32];
/* arch_cell_create() returns this, after registering the cell's GIC emulation. */
extern int fake_arch_cell_create_error;
/*
 * The generic counter: each arch_counter() call moves it on by
 * fake_counter_step (1000 after hv_boot(); 0 stops it but for
 * hv_counter_advance()), at fake_counter_freq Hz (1 MHz after hv_boot()).
 */
extern u64 fake_counter_step, fake_counter_freq;
void hv_counter_advance(u64 ticks);
/* The CPU this_cpu() is (0 after hv_boot()). */
extern unsigned int fake_current_cpu;
/* The calling CPU's exits take the traced path (VBAR_EL2 is hyp_vectors_traced). */
bool hv_traced_vectors(void);
/*
 * What the exit handlers (arch_handle_trap(), _irq(), _async_abort()) do
 * under the traced exit path: nothing if NULL (after hv_boot()).
 */
extern void (*fake_exit_handler)(struct trap_frame *frame);
/* Where the guest was at the current exit: arch_exit_pc(). */
extern u64 fake_exit_pc;
/* Bytes arch_scrub_memory() zeroed, and arch_system_power() calls, since hv_boot(). */
extern u64 fake_scrubbed_bytes;
extern unsigned int fake_power_offs;
/* gic_ack_irq() returns fake_acks[0..fake_acks_left-1], then "nothing pending" (1020). */
extern unsigned int fake_acks[8], fake_acks_left;
/*
 * The firmware (firmware_smc()): its SMCCC version (-1: 1.0, no
 * SMCCC_VERSION), its answer to ARCH_FEATURES of a workaround, the other
 * calls made to it, and the root's calls passed on (firmware_forward(),
 * which answers 0x5a5a). psci_dispatch() answers FAKE_PSCI_RESULT.
 */
extern long fake_firmware_version, fake_firmware_workaround;
extern unsigned int fake_firmware_calls, fake_firmware_forwards;
#define FAKE_PSCI_RESULT	0x9519
/* The INTIDs gic_priority_drop() was given, in order. */
extern unsigned int fake_priority_drops[8], fake_priority_drops_done;
/* List registers of the CPU under test (ICH_LR<n>_EL2). */
extern u64 fake_lrs[HV_NUM_LRS];

/* The last value written to a system register, e.g. fake_sysreg(__stringify(ICH_HCR_EL2)). */
unsigned long fake_sysreg(const char *name);

/* What the hypervisor wrote to non-root cells' console rings since hv_boot(). */
const char *hv_cell_console(void);

/* The pool arena alone, for the paging tests: hypervisor memory, nothing in it. */
void hv_memory_setup(void);
void hv_memory_teardown(void);

#endif /* !_BULKHEAD_HV_FAKES_H */
