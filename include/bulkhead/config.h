/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead binary configuration format (*.cell).
 *
 * People write configurations as device-tree source (configs/<arch>/<name>.dts);
 * tools/bulkhead-cellc compiles them to this compact, versioned and
 * checksummed layout. The driver checks it before handing it over, and the
 * hypervisor checks it again before trusting a byte (hypervisor/config.c).
 *
 * A file is a header, a cell descriptor, the cell's memory regions, its
 * channels, the interrupts it owns (a list of interrupt sources, __u32 each) and the
 * devices the hypervisor emulates for it. A
 * system configuration (the root cell plus what the hypervisor needs to know
 * about the machine) carries a bulkhead_system block between the header and
 * the cell descriptor, and the channel policy (bulkhead_link entries) after
 * the interrupt list. All integers are little-endian; all structures are
 * packed and use fixed-width types so that driver, hypervisor, tools and
 * inmates agree on every offset.
 *
 * Includers provide __u8/__u16/__u32/__u64 (linux/types.h in the kernel and
 * in user space, bulkhead/types.h in the hypervisor).
 */
#ifndef _BULKHEAD_CONFIG_H
#define _BULKHEAD_CONFIG_H

#define BULKHEAD_CONFIG_MAGIC		"BHCONFIG"
#define BULKHEAD_CONFIG_MAGIC_LEN	8
/* Bumped on every incompatible change of the layout below. */
#define BULKHEAD_CONFIG_REVISION	7

#define BULKHEAD_ARCH_ARM64		1
#define BULKHEAD_ARCH_X86_64		2

/* bulkhead_config_header.kind */
#define BULKHEAD_CONFIG_SYSTEM		1
#define BULKHEAD_CONFIG_CELL		2

#define BULKHEAD_CELL_NAME_LEN		32
/* CPU sets are one 64-bit mask: ids 0..63. */
#define BULKHEAD_MAX_CPUS		64
#define BULKHEAD_MAX_MEM_REGIONS	64
/*
 * Interrupts a cell may own (its interrupt list), take doorbells on, or have
 * an emulated device raise are the arch's interrupt sources; the root owns
 * every source no other cell owns. arm64: shared peripheral interrupts
 * (GICv3 SPIs, INTIDs 32..1019); a cell's CPUs' private interrupts (SGIs and
 * PPIs) are its own anyway. x86: none yet (only the root cell exists).
 */
#define BULKHEAD_MAX_IRQS		256
#define BULKHEAD_IRQ_SPI_FIRST		32
#define BULKHEAD_IRQ_SPI_LAST		1019
/* Channels one cell may declare, and links the system policy may hold. */
#define BULKHEAD_MAX_CHANNELS		16
#define BULKHEAD_MAX_LINKS		64
#define BULKHEAD_CHANNEL_NAME_LEN	32
/* Upper bound of bulkhead_system.max_cells: VMIDs and cell ids stay 8-bit. */
#define BULKHEAD_MAX_CELLS		64
/* Smallest config we accept is the header plus a cell; largest is bounded. */
#define BULKHEAD_CONFIG_MAX_SIZE	(64 * 1024)

/* bulkhead_mem_region.flags */
#define BULKHEAD_MEM_READ		0x0001
#define BULKHEAD_MEM_WRITE		0x0002
#define BULKHEAD_MEM_EXECUTE		0x0004
/* Device memory (MMIO): mapped with device attributes, never executable. */
#define BULKHEAD_MEM_IO			0x0008
/* The root may load images here while the cell is not running. */
#define BULKHEAD_MEM_LOADABLE		0x0010
/* Stays mapped in the root when a cell takes it (shared memory). */
#define BULKHEAD_MEM_ROOTSHARED		0x0020
/*
 * System config, root cell only, with io: the device can master DMA (write
 * any physical address). With no IOMMU to confine it, no cell may have it.
 */
#define BULKHEAD_MEM_DMA		0x0040
/*
 * Cell configs only, RAM: mapped into neither the cell nor the root while
 * the cell exists; the hypervisor keeps a pristine copy of the images the
 * cell was started with here, for restarts (PSCI SYSTEM_RESET).
 */
#define BULKHEAD_MEM_IMAGE_STORE	0x0080
#define BULKHEAD_MEM_VALID_FLAGS	0x00ff

/* bulkhead_channel.flags */
/* This side may write the shared memory (else it is mapped read-only). */
#define BULKHEAD_CHANNEL_WRITE		0x0001
#define BULKHEAD_CHANNEL_VALID_FLAGS	0x0001

/* bulkhead_console.type */
#define BULKHEAD_CONSOLE_NONE		0
#define BULKHEAD_CONSOLE_PL011		1
/* A 16550-compatible UART in memory (arm64 boards), 8-bit registers. */
#define BULKHEAD_CONSOLE_8250		2
/*
 * A 16550-compatible UART in x86 I/O port space (a PC's COM1 is address
 * 0x3f8, size 8): the address is a port number, the size a number of ports.
 */
#define BULKHEAD_CONSOLE_8250_PIO	3
/* Port numbers are 16 bits. */
#define BULKHEAD_X86_PIO_LIMIT		0x10000

/* bulkhead_cell.flags */
/* The hypervisor stops the cell's CPUs without asking it first. */
#define BULKHEAD_CELL_PASSIVE		0x0001
/*
 * An access to an address where the cell has nothing gets the synchronous
 * external abort the board's bus would give, for operating systems that
 * handle bus errors; without it the cell fails (untrusted inmates).
 */
#define BULKHEAD_CELL_BUS_ERRORS	0x0002
/* Its operating system calls PSCI with SMC, not HVC (what its device tree says). */
#define BULKHEAD_CELL_PSCI_SMC		0x0004
#define BULKHEAD_CELL_VALID_FLAGS	0x0007

/* bulkhead_vdevice.type: devices the hypervisor emulates at board addresses. */
/* An Arm PL011 UART wired to the cell's console, output and input. */
#define BULKHEAD_VDEV_PL011		1
/* An Arm PL061 GPIO whose line 3 is a power button (hvctl cell shutdown presses it). */
#define BULKHEAD_VDEV_POWER_BUTTON	2
/*
 * An Arm SP805 watchdog (stock Linux: sp805_wdt). Its reset output is the
 * cell's watchdog expiry: the config's failure action follows.
 */
#define BULKHEAD_VDEV_SP805		3
/* The SP805's WDOGCLK: its counter runs down at this rate (the DTB's "wdog_clk"). */
#define BULKHEAD_SP805_CLOCK_HZ		1000000
#define BULKHEAD_MAX_VDEVICES		4
/* Every emulated device takes one 4 KiB page of the cell's address space. */
#define BULKHEAD_VDEV_SIZE		0x1000

/* bulkhead_health.failure_action: what a fault or a watchdog expiry leads to. */
/* The faulting CPU stops, the cell is marked failed, the event reported (the default). */
#define BULKHEAD_ON_FAILURE_REPORT	0
/* Every CPU of the cell stops; it stays failed until the root acts. */
#define BULKHEAD_ON_FAILURE_STOP	1
/*
 * The hypervisor restarts the cell by itself from its image store (after
 * restart_delay_ms, doubled for each restart within the window), at most
 * max_restarts times within restart_window_ms; then it stops.
 */
#define BULKHEAD_ON_FAILURE_RESTART	2

/* Bounds of bulkhead_health's fields, in ms (the counts: restarts). */
#define BULKHEAD_WATCHDOG_MIN_MS	10
#define BULKHEAD_WATCHDOG_MAX_MS	3600000
#define BULKHEAD_MAX_RESTARTS		1000
#define BULKHEAD_RESTART_WINDOW_MIN_MS	100
#define BULKHEAD_RESTART_WINDOW_MAX_MS	86400000
#define BULKHEAD_RESTART_DELAY_MAX_MS	3600000

/*
 * A cell's guest-physical address space (its IPA space on arm64) is
 * [0, limit), per arch: arm64 stage 2 translates 40 bits; on x86 a
 * guest-physical address must lie below the CPU's MAXPHYADDR, 39 bits on the
 * smallest VT-x CPUs with EPT. BULKHEAD_CELL_IPA_LIMIT is the largest of them,
 * a sanity bound for arch-neutral code (image sizes); the validator holds
 * each config to its own arch's limit.
 */
#define BULKHEAD_ARM64_IPA_LIMIT	(1ULL << 40)
#define BULKHEAD_X86_GPA_LIMIT		(1ULL << 39)
#define BULKHEAD_CELL_IPA_LIMIT		BULKHEAD_ARM64_IPA_LIMIT
/* Upper bound of bulkhead_cell.shutdown_timeout_ms. */
#define BULKHEAD_MAX_SHUTDOWN_TIMEOUT_MS	600000

struct bulkhead_config_header {
	char magic[BULKHEAD_CONFIG_MAGIC_LEN];
	__u16 revision;
	__u16 arch;
	__u16 kind;
	__u16 reserved;
	/* Size of the whole file, header included. */
	__u32 total_size;
	/* CRC-32 (IEEE 802.3) of the whole file, computed with this field 0. */
	__u32 checksum;
} __attribute__((packed));

struct bulkhead_mem_region {
	__u64 phys_start;
	/* Where the cell sees it (IPA on arm64, guest-physical on x86). */
	__u64 virt_start;
	__u64 size;
	__u32 flags;
	__u32 reserved;
} __attribute__((packed));

struct bulkhead_console {
	__u64 address;
	__u32 size;
	__u32 type;
} __attribute__((packed));

/*
 * How the hypervisor watches a non-root cell and what it does when the cell
 * fails (all 0 in the root cell, and by default: no watchdog, report).
 */
struct bulkhead_health {
	/*
	 * 0: no watchdog. Else the cell must feed its watchdog at least this
	 * often: the heartbeat in its communication region, or its emulated
	 * SP805 if it has one (then the SP805's own programming, starting
	 * from this timeout, decides).
	 */
	__u32 watchdog_timeout_ms;
	__u32 failure_action;		/* BULKHEAD_ON_FAILURE_* */
	__u32 max_restarts;
	__u32 restart_window_ms;
	__u32 restart_delay_ms;
	/*
	 * A/B updates: how long the new images must run with the watchdog fed
	 * and no fault before the update is committed (0: the default, 10 s).
	 */
	__u32 probation_ms;
} __attribute__((packed));

/* bulkhead_health.probation_ms when 0. */
#define BULKHEAD_DEFAULT_PROBATION_MS	10000

struct bulkhead_cell {
	char name[BULKHEAD_CELL_NAME_LEN];
	__u32 flags;
	__u32 num_mem_regions;
	__u64 cpu_set;
	/*
	 * Non-root cells only (0 in the root cell): where the cell sees its
	 * communication region (include/bulkhead/inmate.h), one page the
	 * hypervisor provides; where its first CPU starts; how long it may
	 * take to answer a shutdown request before it is stopped anyway.
	 */
	__u64 comm_region;
	__u64 entry;
	__u32 shutdown_timeout_ms;
	/* Non-root cells only (0 in the root cell): interrupts it owns. */
	__u32 num_irqs;
	__u32 num_channels;
	/* Non-root cells only (0 in the root cell): emulated devices. */
	__u32 num_vdevices;
	struct bulkhead_health health;
	/*
	 * Regions follow this structure, then num_channels channels, then
	 * num_irqs __u32 interrupt sources, then num_vdevices emulated devices.
	 */
} __attribute__((packed));

/*
 * One side of an inter-cell channel: shared memory plus a doorbell
 * interrupt per direction. Both cells declare the channel under the same
 * name, naming each other as peer, with the same phys_start and size; each
 * side chooses where it sees the memory, whether it writes it and which
 * interrupt source it takes doorbells on. The system policy (bulkhead_link) decides which of
 * this is allowed: writing and ringing need a link from this side to the
 * peer, taking doorbells needs one from the peer to this side.
 */
struct bulkhead_channel {
	char name[BULKHEAD_CHANNEL_NAME_LEN];
	char peer[BULKHEAD_CELL_NAME_LEN];
	__u64 phys_start;
	/* Where this side sees it (the root cell: equal to phys_start). */
	__u64 virt_start;
	__u64 size;
	__u32 flags;			/* BULKHEAD_CHANNEL_* */
	/*
	 * Interrupt source raised in this cell when the peer rings or changes state; 0: this
	 * side takes no doorbells (and the peer cannot ring it).
	 */
	__u32 doorbell_irq;
} __attribute__((packed));

/*
 * A link of the system-wide channel policy: cell @from may send to cell @to
 * (write the memory of channels they share, ring @to's doorbell). Cells are
 * named, so the policy holds for cells created later; a two-way channel
 * needs a link in each direction.
 */
struct bulkhead_link {
	char from[BULKHEAD_CELL_NAME_LEN];
	char to[BULKHEAD_CELL_NAME_LEN];
} __attribute__((packed));

/*
 * A device the hypervisor emulates for a non-root cell, where the board has
 * it, raising an interrupt source of the cell's own (virtual: no physical interrupt
 * backs it, so its number may be one the root uses for the real device).
 */
struct bulkhead_vdevice {
	__u64 address;			/* where the cell sees it; page aligned */
	__u32 type;			/* BULKHEAD_VDEV_* */
	__u32 irq;			/* its interrupt source in the cell */
} __attribute__((packed));

struct bulkhead_platform_arm64 {
	__u64 gicd_base;
	__u64 gicr_base;
	__u32 gic_version;
	__u32 reserved;
	/*
	 * GICv3 ITS (control and translation frames, 128 KiB), 0 if there is
	 * none: kept from cells like the distributor, its table bases checked
	 * for the root.
	 */
	__u64 gits_base;
} __attribute__((packed));

/*
 * An x86-64 PC (VT-x). Everything a root-only hypervisor needs to know of the
 * machine besides RAM: the devices that stay the root's but no other cell may
 * ever be given, because they are shared by every CPU (the local APIC's
 * window, the I/O APIC, the HPET, PCI configuration space). Host-physical
 * addresses; 0 where the machine has no such device.
 */
struct bulkhead_platform_x86 {
	/*
	 * PCI Express MMCONFIG window (ECAM): 1 MiB per bus, from
	 * mmconfig_start_bus to mmconfig_end_bus. 0 (and both buses 0): PCI
	 * configuration goes through ports 0xcf8/0xcfc only (i440FX).
	 */
	__u64 mmconfig_base;
	__u8 mmconfig_start_bus;
	__u8 mmconfig_end_bus;
	__u16 reserved;
	/*
	 * TSC rate in kHz, for PCs whose CPUID leaf 0x15 does not give it;
	 * 0: the hypervisor measures it.
	 */
	__u32 tsc_khz;
	/* The local APICs' xAPIC window (4 KiB, the same address on every CPU). */
	__u64 lapic_base;
	/* The I/O APIC (4 KiB). */
	__u64 ioapic_base;
	/* The HPET (1 KiB in a 4 KiB page). */
	__u64 hpet_base;
} __attribute__((packed));

/* What the validator accepts in bulkhead_platform_x86. */
#define BULKHEAD_X86_MMCONFIG_ALIGN	0x100000ULL
#define BULKHEAD_X86_MAX_TSC_KHZ	20000000U

/* bulkhead_system.flags */
/*
 * The hypervisor starts only images signed with image_key (Ed25519): not
 * even the root can start other code in a cell.
 */
#define BULKHEAD_SYSTEM_SIGNED_IMAGES	0x0001
#define BULKHEAD_SYSTEM_VALID_FLAGS	0x0001

struct bulkhead_system {
	/* Memory the hypervisor owns: its image, per-CPU data and page pool. */
	struct bulkhead_mem_region hypervisor_memory;
	struct bulkhead_console debug_console;
	/* Cells that may exist at once besides the root (1..BULKHEAD_MAX_CELLS). */
	__u32 max_cells;
	/* bulkhead_link entries after the root cell's interrupt list. */
	__u32 num_links;
	union {
		struct bulkhead_platform_arm64 arm64;
		struct bulkhead_platform_x86 x86;
		__u8 padding[64];
	} platform;
	__u32 flags;			/* BULKHEAD_SYSTEM_* */
	/* Interrupt source the root takes hypervisor events on (bulkhead/event.h); 0: none. */
	__u32 event_irq;
	/* Ed25519 public key images must be signed with (BULKHEAD_SYSTEM_SIGNED_IMAGES). */
	__u8 image_key[32];
} __attribute__((packed));

static inline const struct bulkhead_system *
bulkhead_config_system(const struct bulkhead_config_header *hdr)
{
	return (const struct bulkhead_system *)(hdr + 1);
}

static inline const struct bulkhead_cell *
bulkhead_config_cell(const struct bulkhead_config_header *hdr)
{
	if (hdr->kind == BULKHEAD_CONFIG_SYSTEM)
		return (const struct bulkhead_cell *)(bulkhead_config_system(hdr) + 1);
	return (const struct bulkhead_cell *)(hdr + 1);
}

static inline const struct bulkhead_mem_region *
bulkhead_cell_mem_regions(const struct bulkhead_cell *cell)
{
	return (const struct bulkhead_mem_region *)(cell + 1);
}

static inline const struct bulkhead_channel *
bulkhead_cell_channels(const struct bulkhead_cell *cell)
{
	return (const struct bulkhead_channel *)(bulkhead_cell_mem_regions(cell) +
						 cell->num_mem_regions);
}

static inline const __u32 *bulkhead_cell_irqs(const struct bulkhead_cell *cell)
{
	return (const __u32 *)(bulkhead_cell_channels(cell) + cell->num_channels);
}

static inline const struct bulkhead_vdevice *
bulkhead_cell_vdevices(const struct bulkhead_cell *cell)
{
	return (const struct bulkhead_vdevice *)(bulkhead_cell_irqs(cell) + cell->num_irqs);
}

/* The channel policy of a system config. */
static inline const struct bulkhead_link *
bulkhead_system_links(const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_cell *cell = bulkhead_config_cell(hdr);

	return (const struct bulkhead_link *)(bulkhead_cell_vdevices(cell) + cell->num_vdevices);
}

/* Bytes the whole file must have, given the counts in its descriptors. */
static inline unsigned long bulkhead_config_expected_size(const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_cell *cell = bulkhead_config_cell(hdr);
	unsigned long size;

	size = (unsigned long)((const char *)bulkhead_cell_mem_regions(cell) - (const char *)hdr) +
	       (unsigned long)cell->num_mem_regions * sizeof(struct bulkhead_mem_region) +
	       (unsigned long)cell->num_channels * sizeof(struct bulkhead_channel) +
	       (unsigned long)cell->num_irqs * sizeof(__u32) +
	       (unsigned long)cell->num_vdevices * sizeof(struct bulkhead_vdevice);
	if (hdr->kind == BULKHEAD_CONFIG_SYSTEM)
		size += (unsigned long)bulkhead_config_system(hdr)->num_links *
			sizeof(struct bulkhead_link);
	return size;
}

/*
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320), bitwise: configs are
 * a few hundred bytes and checked once, so a table would only add size to the
 * hypervisor image.
 */
static inline __u32 bulkhead_crc32(__u32 crc, const void *data, unsigned long len)
{
	const __u8 *p = (const __u8 *)data;
	int bit;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
	}
	return ~crc;
}

/* The config checksum: CRC-32 over the file as if its checksum field were 0. */
static inline __u32 bulkhead_config_checksum(const struct bulkhead_config_header *hdr,
					     unsigned long size)
{
	const __u32 zero = 0;
	unsigned long off = (unsigned long)((const char *)&hdr->checksum - (const char *)hdr);
	__u32 crc;

	crc = bulkhead_crc32(0, hdr, off);
	crc = bulkhead_crc32(crc, &zero, sizeof(zero));
	return bulkhead_crc32(crc, (const char *)hdr + off + sizeof(zero),
			      size - off - sizeof(zero));
}

#endif /* !_BULKHEAD_CONFIG_H */
