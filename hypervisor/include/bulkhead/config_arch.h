/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the config validator (config.c) needs to know of an architecture.
 *
 * The validator itself is arch-neutral. Each architecture describes its
 * configs in a struct config_arch (hypervisor/arch/<arch>/config.c: pure C,
 * built into the hypervisor and into the host tools alike); a program lists
 * the architectures it validates for in config_arches[]: the hypervisor its
 * own (defined in its arch code), bulkhead-cellc and hvctl all of them
 * (tools/config-arches.c).
 */
#ifndef _BULKHEAD_CONFIG_ARCH_H
#define _BULKHEAD_CONFIG_ARCH_H

#include <bulkhead/types.h>
#include <bulkhead/config.h>

/*
 * Interrupt sources are numbered below this on every arch (the hypervisor
 * keeps one bitmap of them per cell): irq_last must be smaller.
 */
#define CONFIG_MAX_IRQ_SOURCES	1024

struct config_arch {
	unsigned int id;		/* BULKHEAD_ARCH_* */
	const char *name;		/* in error lines */
	/* Cells' guest-physical address space: [0, guest_phys_limit). */
	u64 guest_phys_limit;
	/*
	 * Interrupt sources a cell may own, take doorbells on, or have an
	 * emulated device raise (and the root take hypervisor events on):
	 * irq_first..irq_last, called irq_kind in error lines. irq_first >
	 * irq_last: cells take no interrupts on this arch yet.
	 */
	u32 irq_first;
	u32 irq_last;
	const char *irq_kind;
	/* Bytes of bulkhead_system.platform the arch uses; the rest must be 0. */
	unsigned int platform_size;
	/*
	 * The arch's part of the debug console check (type, placement), on a
	 * console whose type is not BULKHEAD_CONSOLE_NONE. 0, or -EINVAL after
	 * one error line.
	 */
	int (*check_console)(const struct bulkhead_console *con);
	/*
	 * The arch's block of a system config's platform union, given the
	 * config (its root cell and hypervisor memory are valid already). 0, or
	 * -EINVAL after one error line.
	 */
	int (*check_platform)(const struct bulkhead_config_header *hdr);
	/*
	 * The platform device of system config @sys that the hypervisor keeps
	 * from every cell and [phys, phys + size) touches, named for an error
	 * line, or NULL. From the config alone (hvctl config check); the
	 * hypervisor asks arch_reserved_device(), which knows the hardware.
	 */
	const char *(*kept_device)(const struct bulkhead_config_header *sys, u64 phys, u64 size);
};

/* The architectures this program validates configs for, NULL-terminated. */
extern const struct config_arch *const config_arches[];

extern const struct config_arch config_arch_arm64;
extern const struct config_arch config_arch_x86;

/* The description of architecture @id, or NULL if this program has none. */
const struct config_arch *config_arch_find(unsigned int id);

#endif /* !_BULKHEAD_CONFIG_ARCH_H */
