/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvctl internals shared by tools/hvctl*.c and the unit tests. The functions
 * declared here print nothing on their own (except to @out), so that the
 * unit tests can link them without main().
 */
#ifndef _HVCTL_H
#define _HVCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>
#include <bulkhead/config.h>
#include <bulkhead/ioctl.h>

/* Configs are checked against the architecture this hvctl was built for. */
#if defined(__aarch64__)
#define HVCTL_ARCH		BULKHEAD_ARCH_ARM64
#elif defined(__x86_64__)
#define HVCTL_ARCH		BULKHEAD_ARCH_X86_64
#else
#error "hvctl supports arm64 and x86-64 only"
#endif

/* The hypervisor's page pool counts 4 KiB pages. */
#define HVCTL_POOL_PAGE_SIZE	4096

/* Result of hvctl_config_check(), in the order the checks run. */
enum hvctl_config_status {
	HVCTL_CONFIG_VALID,
	HVCTL_CONFIG_TOO_SMALL,
	HVCTL_CONFIG_TOO_LARGE,
	HVCTL_CONFIG_BAD_MAGIC,
	HVCTL_CONFIG_BAD_REVISION,
	HVCTL_CONFIG_BAD_ARCH,
	HVCTL_CONFIG_BAD_KIND,
	HVCTL_CONFIG_BAD_SIZE,
	HVCTL_CONFIG_BAD_CHECKSUM,
	HVCTL_CONFIG_BAD_LAYOUT,
};

/*
 * Check the @size bytes at @buf as a config of @kind (BULKHEAD_CONFIG_*) for
 * HVCTL_ARCH. @cmd names the command that needs it ("hvctl enable"). On a
 * problem, @why receives one sentence saying what is wrong and how to fix it.
 */
enum hvctl_config_status hvctl_config_check(const void *buf, size_t size, unsigned int kind,
					    const char *cmd, char *why, size_t why_len);

/*
 * Read and check the config file @path for @cmd. Returns a malloc()ed copy and
 * its size in @size, or NULL with "PATH: problem; fix" in @why.
 */
void *hvctl_config_load(const char *path, unsigned int kind, const char *cmd, size_t *size,
			char *why, size_t why_len);

const char *hvctl_arch_name(unsigned int arch);
const char *hvctl_kind_name(unsigned int kind);

/* Write the CPU ids in @mask as "0-3,6" ("none" when empty) into @buf. */
void hvctl_format_cpus(__u64 mask, char *buf, size_t len);

/* Print what BULKHEAD_GET_STATUS returned, as text or as JSON. */
void hvctl_print_info(FILE *out, const struct bulkhead_status *st, bool json);

#endif /* !_HVCTL_H */
