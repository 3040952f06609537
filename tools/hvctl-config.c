// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl: reading and checking a binary config before it goes to the driver.
 *
 * The hypervisor validates every field again; these checks only catch the
 * common mistakes (wrong file, wrong kind, stale or damaged file) early and
 * say how to fix them.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hvctl.h"
#include <bulkhead/config_check.h>

#define RECOMPILE	"recompile it with the bulkhead-cellc of this release"

const char *hvctl_arch_name(unsigned int arch)
{
	switch (arch) {
	case BULKHEAD_ARCH_ARM64:
		return "arm64";
	case BULKHEAD_ARCH_X86_64:
		return "x86-64";
	}
	return "unknown";
}

const char *hvctl_arch_reserve_hint(unsigned int arch)
{
	return arch == BULKHEAD_ARCH_X86_64 ? "mem= or memmap=SIZE$START on its command line" :
					      "mem= or a /reserved-memory node with no-map";
}

const char *hvctl_kind_name(unsigned int kind)
{
	switch (kind) {
	case BULKHEAD_CONFIG_SYSTEM:
		return "system";
	case BULKHEAD_CONFIG_CELL:
		return "cell";
	}
	return "unknown";
}

/* Short names for this file's many explanations. */
#define explain(why, len, ...)		hvctl_explain(why, len, __VA_ARGS__)
#define reject(status, why, len, ...)	hvctl_reject(status, why, len, __VA_ARGS__)

/* The smallest file that holds every fixed-size part of a config of @kind. */
static size_t config_min_size(unsigned int kind)
{
	size_t size = sizeof(struct bulkhead_config_header) + sizeof(struct bulkhead_cell);

	if (kind == BULKHEAD_CONFIG_SYSTEM)
		size += sizeof(struct bulkhead_system);
	return size;
}

/* Magic, revision, architecture and kind: is this the right kind of file? */
static enum hvctl_config_status check_identity(const struct bulkhead_config_header *hdr,
					       unsigned int kind, const char *cmd, char *why,
					       size_t len)
{
	unsigned int arch = le16toh(hdr->arch);
	unsigned int found = le16toh(hdr->kind);
	bool any_arch = kind & HVCTL_CONFIG_ANY_ARCH;

	kind &= ~HVCTL_CONFIG_ANY_ARCH;
	if (memcmp(hdr->magic, BULKHEAD_CONFIG_MAGIC, BULKHEAD_CONFIG_MAGIC_LEN))
		return reject(HVCTL_CONFIG_BAD_MAGIC, why, len,
			    "not a Bulkhead config (no \"%s\" magic at its start); give a compiled "
			    ".cell file, not the .dts source or another file", BULKHEAD_CONFIG_MAGIC);
	if (le16toh(hdr->revision) != BULKHEAD_CONFIG_REVISION)
		return reject(HVCTL_CONFIG_BAD_REVISION, why, len,
			    "config revision %u, but this hvctl understands revision %d; " RECOMPILE,
			    le16toh(hdr->revision), BULKHEAD_CONFIG_REVISION);
	if (arch != HVCTL_ARCH && !any_arch)
		return reject(HVCTL_CONFIG_BAD_ARCH, why, len,
			    "this config is for %s (arch %u), but this hvctl runs on %s; "
			    "use a config compiled for %s", hvctl_arch_name(arch), arch,
			    hvctl_arch_name(HVCTL_ARCH), hvctl_arch_name(HVCTL_ARCH));
	if (found != kind && (found == BULKHEAD_CONFIG_SYSTEM || found == BULKHEAD_CONFIG_CELL))
		return reject(HVCTL_CONFIG_BAD_KIND, why, len,
			    "this is a %s config; '%s' needs a %s config (kind '%s')",
			    hvctl_kind_name(found), cmd, hvctl_kind_name(kind), hvctl_kind_name(kind));
	if (found != kind)
		return reject(HVCTL_CONFIG_BAD_KIND, why, len,
			    "unknown config kind %u; '%s' needs a %s config (kind '%s'); " RECOMPILE,
			    found, cmd, hvctl_kind_name(kind), hvctl_kind_name(kind));
	return HVCTL_CONFIG_VALID;
}

/* Total size, checksum and region table: is the file complete and intact? */
static enum hvctl_config_status check_integrity(const struct bulkhead_config_header *hdr,
						size_t size, char *why, size_t len)
{
	__u32 total = le32toh(hdr->total_size);
	__u32 stored = le32toh(hdr->checksum);
	__u32 crc;

	if (total != size)
		return reject(HVCTL_CONFIG_BAD_SIZE, why, len,
			    "its header says %u bytes, but the file has %zu; the file was truncated "
			    "or changed: copy it again or recompile it", total, size);
	if (size < config_min_size(le16toh(hdr->kind)))
		return reject(HVCTL_CONFIG_BAD_LAYOUT, why, len,
			    "%zu bytes is too small for a %s config (at least %zu); " RECOMPILE,
			    size, hvctl_kind_name(le16toh(hdr->kind)),
			    config_min_size(le16toh(hdr->kind)));
	crc = bulkhead_config_checksum(hdr, size);
	if (crc != stored)
		return reject(HVCTL_CONFIG_BAD_CHECKSUM, why, len,
			    "checksum mismatch (stored 0x%08x, computed 0x%08x); the file is "
			    "damaged: copy it again or recompile it", stored, crc);
	if (bulkhead_config_expected_size(hdr) != size)
		return reject(HVCTL_CONFIG_BAD_LAYOUT, why, len,
			    "its %u memory regions, %u channels, %u interrupts and %u links end at "
			    "byte %lu, but the file has %zu bytes; " RECOMPILE,
			    le32toh(bulkhead_config_cell(hdr)->num_mem_regions),
			    le32toh(bulkhead_config_cell(hdr)->num_channels),
			    le32toh(bulkhead_config_cell(hdr)->num_irqs),
			    le16toh(hdr->kind) == BULKHEAD_CONFIG_SYSTEM ?
				    le32toh(bulkhead_config_system(hdr)->num_links) : 0,
			    bulkhead_config_expected_size(hdr), size);
	return HVCTL_CONFIG_VALID;
}

enum hvctl_config_status hvctl_config_check(const void *buf, size_t size, unsigned int kind,
					    const char *cmd, char *why, size_t why_len)
{
	enum hvctl_config_status status;

	if (size < sizeof(struct bulkhead_config_header))
		return reject(HVCTL_CONFIG_TOO_SMALL, why, why_len,
			    "only %zu bytes, smaller than a config header (%zu bytes); "
			    "the file is empty, truncated or not a .cell file",
			    size, sizeof(struct bulkhead_config_header));
	if (size > BULKHEAD_CONFIG_MAX_SIZE)
		return reject(HVCTL_CONFIG_TOO_LARGE, why, why_len,
			    "%zu bytes is larger than any config (at most %d bytes); "
			    "give a compiled .cell file", size, BULKHEAD_CONFIG_MAX_SIZE);
	status = check_identity(buf, kind, cmd, why, why_len);
	if (status == HVCTL_CONFIG_VALID)
		status = check_integrity(buf, size, why, why_len);
	return status;
}

/* Open @path as a regular file no larger than a config can be; -1 on failure. */
static int open_config(const char *path, size_t *size, char *why, size_t len)
{
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		hvctl_note_errno(errno);
		if (errno == ENOENT)
			explain(why, len, "%s: no such file; check the path (configs are compiled "
			     "to *.cell files)", path);
		else if (errno == EACCES)
			explain(why, len, "%s: permission denied; make it readable or run hvctl as "
			     "root", path);
		else
			explain(why, len, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		explain(why, len, "%s: not a regular file; give the path of a compiled .cell file",
		     path);
		close(fd);
		return -1;
	}
	if (st.st_size > BULKHEAD_CONFIG_MAX_SIZE) {
		explain(why, len, "%s: %lld bytes is larger than any config (at most %d bytes); "
		     "give a compiled .cell file", path, (long long)st.st_size,
		     BULKHEAD_CONFIG_MAX_SIZE);
		close(fd);
		return -1;
	}
	*size = st.st_size;
	return fd;
}

void *hvctl_config_load(const char *path, unsigned int kind, const char *cmd, size_t *size,
			char *why, size_t why_len)
{
	char reason[384];
	ssize_t got;
	void *buf;
	int fd;

	fd = open_config(path, size, why, why_len);
	if (fd < 0)
		return NULL;
	/* One spare byte: a file that grew since fstat() shows up as a size mismatch. */
	buf = malloc(*size + 1);
	got = buf ? hvctl_read_all(fd, buf, *size + 1) : -1;
	close(fd);
	if (got < 0) {
		explain(why, why_len, "%s: cannot read: %s", path, hvctl_strerror(errno));
		free(buf);
		return NULL;
	}
	*size = got;
	if (hvctl_config_check(buf, *size, kind, cmd, reason, sizeof(reason))) {
		explain(why, why_len, "%s: %s", path, reason);
		free(buf);
		return NULL;
	}
	return buf;
}

/* The validator's line without its "config: " prefix and newline. */
static const char *validator_problem(void)
{
	static char line[256];
	const char *msg = hvctl_validator_message();

	if (!strncmp(msg, "config: ", 8))
		msg += 8;
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(msg, "\n"), msg);
	return line;
}

int hvctl_config_validate(const void *buf, size_t size, unsigned int kind, char *why,
			  size_t why_len)
{
	const struct bulkhead_cell *cell = bulkhead_config_cell(buf);

	if (config_check(buf, size, kind, HVCTL_ARCH))
		return reject(-1, why, why_len, "%s; fix the config source and recompile it",
			      validator_problem());
	/* The root cell runs hvctl and the driver: it cannot give its first CPU away. */
	if (kind == BULKHEAD_CONFIG_CELL && (le64toh(cell->cpu_set) & 1))
		return reject(-1, why, why_len, "cell \"%s\" claims CPU 0, which the root cell "
			      "keeps; take 0 out of its cpus", cell->name);
	return 0;
}
