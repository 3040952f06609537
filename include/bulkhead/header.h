/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The header at the start of the hypervisor image (bulkhead.bin), and the
 * console ring it points to. The build fills the first part; the driver
 * fills the rest before it enters the hypervisor.
 *
 * Memory layout of the hypervisor region (phys_start from the system config):
 *   [0, core_size)                  image: header, text, data, bss
 *   [core_size, +config size)       copy of the system config (page aligned)
 *   the rest                        per-CPU areas, then the page pool
 */
#ifndef _BULKHEAD_HEADER_H
#define _BULKHEAD_HEADER_H

#define BULKHEAD_SIGNATURE		"BULKHEAD"
#define BULKHEAD_SIGNATURE_LEN		8
/* Version of the driver <-> hypervisor interface: header, hypercalls, config. */
#define BULKHEAD_ABI_VERSION		2

#define BULKHEAD_CONSOLE_RING_SIZE	(16 * 1024 - 16)

#ifndef __ASSEMBLY__
/*
 * Written only by the hypervisor; read-only for the root cell. A reader
 * copies bytes, then checks that "written" did not move a ring's length
 * past where it started copying.
 */
struct bulkhead_console_ring {
	/* Bytes ever written; buf[pos % BULKHEAD_CONSOLE_RING_SIZE]. */
	__u64 written;
	__u32 lock;
	__u32 reserved;
	char buf[BULKHEAD_CONSOLE_RING_SIZE];
} __attribute__((packed));

struct bulkhead_header {
	/* Filled at build time. */
	char signature[BULKHEAD_SIGNATURE_LEN];
	__u32 abi_version;
	__u32 hv_version;		/* BULKHEAD_VERSION() */
	__u16 arch;			/* BULKHEAD_ARCH_* */
	__u16 reserved;
	__u32 core_size;		/* image incl. bss, page aligned */
	__u32 percpu_size;		/* bytes per CPU, page aligned */
	__u32 entry;			/* offset of the entry point */
	__u32 console_offset;		/* offset of struct bulkhead_console_ring */
	__u32 console_size;		/* page aligned */

	/* Filled by the driver. */
	__u32 online_cpus;		/* CPUs that will enter */
	__u32 max_cpus;			/* highest possible CPU id + 1: per-CPU areas */
	__u32 config_size;		/* system config copied at core_size */
	__u32 reserved2;
	__u64 arch_return;		/* arm64: phys. address of the kernel's EL2 stub vectors */
} __attribute__((packed));

#endif /* !__ASSEMBLY__ */

#endif /* !_BULKHEAD_HEADER_H */
