/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Validation of binary configurations (include/bulkhead/config.h).
 *
 * Named config_check.h, not config.h: the hypervisor's include directory comes
 * first in the search path and would otherwise hide the shared ABI header.
 */
#ifndef _BULKHEAD_CONFIG_CHECK_H
#define _BULKHEAD_CONFIG_CHECK_H

#include <bulkhead/types.h>
#include <bulkhead/config.h>

/* Granule of every address and size in a config (stage-2 pages). */
#define CONFIG_PAGE_SIZE		0x1000UL
/* The hypervisor maps its own memory with 2 MiB blocks at boot. */
#define CONFIG_HV_ALIGN			0x200000UL
#define CONFIG_HV_MIN_SIZE		0x100000UL

/*
 * True if [a, a + a_size) and [b, b + b_size) share a byte. Both ranges must
 * be non-empty; they may end at the top of the address space.
 */
static inline bool ranges_overlap(u64 a, u64 a_size, u64 b, u64 b_size)
{
	return a <= b + (b_size - 1) && b <= a + (a_size - 1);
}

/**
 * config_check() - Validate a configuration before trusting any of it.
 * @hdr:	Start of the configuration; only @size bytes are ever read.
 * @size:	Number of bytes available at @hdr.
 * @kind:	Expected kind, BULKHEAD_CONFIG_SYSTEM or BULKHEAD_CONFIG_CELL.
 * @arch:	Expected architecture, BULKHEAD_ARCH_*; one of config_arches[]
 *		(bulkhead/config_arch.h), whose description the checks follow.
 *
 * Checks the layout (sizes, magic, revision, arch, kind, checksum, reserved
 * fields) and then the contents (cell name, flags, CPUs, memory regions,
 * channels and, for a system config, hypervisor memory, debug console,
 * platform, the channel policy and the root cell's channels against it).
 * Stops at the first problem and prints one line naming field, index and value.
 *
 * Return: 0 if valid, -E2BIG if the config or one of its tables is too large,
 * -EINVAL for anything else.
 */
int config_check(const struct bulkhead_config_header *hdr, unsigned long size, unsigned int kind,
		 unsigned int arch);

/*
 * The helpers below take configs that passed config_check(); @sys is a
 * system config, @cell the descriptor of a system or cell config.
 */

/* True if the channel policy of @sys has the link @from -> @to. */
/* Cell names, channel names and link ends are all compared within 32 bytes. */
bool same_name(const char *a, const char *b);

bool config_has_link(const struct bulkhead_config_header *sys, const char *from, const char *to);

/**
 * config_check_channel_policy() - May @cell declare its channel @idx as it does?
 *
 * The policy of @sys must link @cell and the peer at all, have a link
 * cell -> peer if the channel has BULKHEAD_CHANNEL_WRITE, and a link
 * peer -> cell if it has a doorbell_irq.
 *
 * Return: 0, or -EPERM after printing one line that names the missing link.
 */
int config_check_channel_policy(const struct bulkhead_config_header *sys,
				const struct bulkhead_cell *cell, unsigned int idx);

/*
 * The region of @cell that holds all of [@phys, @phys + @size), or NULL.
 * Shared by the create path (the root's regions) and hvctl config check.
 */
const struct bulkhead_mem_region *config_region_holding(const struct bulkhead_cell *cell, u64 phys,
						       u64 size);

/* Where a cell's memory region may not go, in the order a create checks it. */
enum config_region_place {
	CONFIG_REGION_OK,
	CONFIG_REGION_HV_MEMORY,	/* overlaps the hypervisor's memory */
	CONFIG_REGION_NOT_ROOT,		/* not inside one region of the root cell */
	CONFIG_REGION_KIND_DIFFERS,	/* io where the root has RAM, or RAM where it has io */
	CONFIG_REGION_KEPT_DEVICE,	/* a device the hypervisor keeps (@kept, debug console) */
	CONFIG_REGION_ROOT_DMA,		/* part of a root device that masters DMA */
};

/**
 * config_region_place() - May a cell have @region in the system @sys?
 * @kept:	True for the interrupt controller's frames (arch_reserved_device()
 *		in the hypervisor, which sizes them from the hardware), given @arg.
 * @root:	Set to the root region that holds @region, or NULL.
 *
 * What a create checks of a cell's region against the system config alone;
 * other cells and channels are the caller's to check. Shared by the create
 * path (cell_check.c) and hvctl config check, which report it each their way.
 */
enum config_region_place config_region_place(const struct bulkhead_config_header *sys,
					      const struct bulkhead_mem_region *region,
					      bool (*kept)(u64 phys, u64 size, const void *arg),
					      const void *arg,
					      const struct bulkhead_mem_region **root);

/* True if [@phys, @phys + @size) lies inside one RAM (not io) region of @cell. */
bool config_in_ram(const struct bulkhead_cell *cell, u64 phys, u64 size);

#endif /* !_BULKHEAD_CONFIG_CHECK_H */
