// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl info: the hypervisor status as stable, grep-friendly text or as JSON.
 * System tests parse this output: change the format only together with them
 * and Documentation/hvctl.md.
 */
#include <inttypes.h>
#include <string.h>

#include <bulkhead/hypercall.h>

#include "hvctl.h"

static const char *const stat_names[BULKHEAD_CPU_STAT_COUNT] = {
	[BULKHEAD_CPU_STAT_TOTAL] = "total",
	[BULKHEAD_CPU_STAT_HYPERCALL] = "hypercall",
	[BULKHEAD_CPU_STAT_MMIO] = "mmio",
	[BULKHEAD_CPU_STAT_PSCI] = "psci",
	[BULKHEAD_CPU_STAT_SYSREG] = "sysreg",
	[BULKHEAD_CPU_STAT_OTHER] = "other",
	[BULKHEAD_CPU_STAT_IRQ] = "irq",
	[BULKHEAD_CPU_STAT_MANAGEMENT] = "management",
	[BULKHEAD_CPU_STAT_SGI] = "sgi",
	[BULKHEAD_CPU_STAT_VIRQ] = "virq",
	[BULKHEAD_CPU_STAT_MAINTENANCE] = "maintenance",
};

static const char *cpu_state_name(__u32 state)
{
	switch (state) {
	case BULKHEAD_CPU_RUNNING:
		return "running";
	case BULKHEAD_CPU_PARKED:
		return "parked";
	case BULKHEAD_CPU_FAILED:
		return "failed";
	}
	return "unknown";
}

void hvctl_format_cpus(__u64 mask, char *buf, size_t len)
{
	size_t used = 0;
	int first, last;

	snprintf(buf, len, "none");
	for (first = 0; first < BULKHEAD_MAX_CPUS; first = last + 1) {
		last = first;
		if (!(mask & (1ULL << first)) || used >= len)
			continue;
		while (last + 1 < BULKHEAD_MAX_CPUS && (mask & (1ULL << (last + 1))))
			last++;
		used += snprintf(buf + used, len - used, "%s%d", used ? "," : "", first);
		if (last > first && used < len)
			used += snprintf(buf + used, len - used, "-%d", last);
	}
}

static unsigned int num_cpus(const struct bulkhead_status *st)
{
	return st->num_cpus < BULKHEAD_INFO_CPUS ? st->num_cpus : BULKHEAD_INFO_CPUS;
}

static void text_cpu(FILE *out, unsigned int id, const struct bulkhead_cpu_status *cpu)
{
	const __u64 *s = cpu->stats;

	fprintf(out, "cpu%u  %s  %s  %s  %s %s  cell %u  exits %" PRIu64 " (hypercall %" PRIu64
		", mmio %" PRIu64 ", psci %" PRIu64 ", sysreg %" PRIu64 ", other %" PRIu64 ")\n", id,
		cpu->online ? "online" : "offline", cpu_state_name(cpu->state),
		cpu->mode ? bulkhead_cpu_level_name(cpu->mode) : "-", hvctl_arch.stage2_name,
		cpu->mode & BULKHEAD_CPU_MODE_STAGE2 ? "on" : "off", cpu->cell,
		(uint64_t)s[BULKHEAD_CPU_STAT_TOTAL], (uint64_t)s[BULKHEAD_CPU_STAT_HYPERCALL],
		(uint64_t)s[BULKHEAD_CPU_STAT_MMIO], (uint64_t)s[BULKHEAD_CPU_STAT_PSCI],
		(uint64_t)s[BULKHEAD_CPU_STAT_SYSREG], (uint64_t)s[BULKHEAD_CPU_STAT_OTHER]);
}

static void print_text(FILE *out, const struct bulkhead_status *st)
{
	const __u64 kib = HVCTL_POOL_PAGE_SIZE / 1024;
	char cpus[200];
	unsigned int i;

	hvctl_format_cpus(st->root_cpus, cpus, sizeof(cpus));
	fprintf(out, "enabled: yes\n");
	fprintf(out, "hypervisor version: %u.%u.%u\n", BULKHEAD_VERSION_MAJOR(st->hv_version),
		BULKHEAD_VERSION_MINOR(st->hv_version), BULKHEAD_VERSION_PATCH(st->hv_version));
	fprintf(out, "hypervisor memory: 0x%" PRIx64 " size 0x%" PRIx64 " (%" PRIu64 " KiB)\n",
		(uint64_t)st->hv_mem_start, (uint64_t)st->hv_mem_size,
		(uint64_t)st->hv_mem_size / 1024);
	fprintf(out, "page pool: %" PRIu64 "/%" PRIu64 " pages used (%" PRIu64 "/%" PRIu64
		" KiB)\n", (uint64_t)st->pool_used, (uint64_t)st->pool_pages,
		(uint64_t)(st->pool_used * kib), (uint64_t)(st->pool_pages * kib));
	fprintf(out, "root cell: %.*s\n", (int)sizeof(st->root_name), st->root_name);
	fprintf(out, "root cpus: %s\n", cpus);
	fprintf(out, "cpus: %u\n", num_cpus(st));
	for (i = 0; i < num_cpus(st); i++)
		text_cpu(out, i, &st->cpu[i]);
}

/* The driver's names are not trusted: escaped, at most @len bytes. */
/* The length of the well-formed UTF-8 sequence at @s (at most @len bytes), or 0. */
static size_t utf8_length(const unsigned char *s, size_t len)
{
	size_t need, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	else
		return 0;
	if (need > len)
		return 0;
	for (i = 1; i < need; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong three- and four-byte forms, surrogates, beyond U+10FFFF. */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return need;
}

/*
 * Well-formed UTF-8 passes as it is; control characters are escaped, and any
 * other byte (text that is not UTF-8, e.g. from a cell) becomes \u00XX.
 */
void hvctl_json_string(FILE *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;

	fputc('"', out);
	for (i = 0; i < len && u[i]; i++) {
		unsigned char c = u[i];

		n = c >= 0x80 ? utf8_length(u + i, strnlen(s + i, len - i)) : 0;
		if (n) {
			fwrite(u + i, 1, n, out);
			i += n - 1;
		} else if (c == '"' || c == '\\') {
			fprintf(out, "\\%c", c);
		} else if (c == '\n') {
			fputs("\\n", out);
		} else if (c == '\t') {
			fputs("\\t", out);
		} else if (c == '\r') {
			fputs("\\r", out);
		} else if (c < 0x20 || c >= 0x7f) {
			fprintf(out, "\\u%04x", c);
		} else {
			fputc(c, out);
		}
	}
	fputc('"', out);
}

static void json_cpu(FILE *out, unsigned int id, const struct bulkhead_cpu_status *cpu)
{
	int i;

	fprintf(out, "    {\"id\": %u, \"online\": %s, \"state\": \"%s\", \"el\": %u, "
		"\"stage2\": %s, \"mmu\": %s, \"cell\": %u, \"exits\": {", id,
		cpu->online ? "true" : "false", cpu_state_name(cpu->state),
		cpu->mode & BULKHEAD_CPU_MODE_LEVEL_MASK,
		cpu->mode & BULKHEAD_CPU_MODE_STAGE2 ? "true" : "false",
		cpu->mode & BULKHEAD_CPU_MODE_MMU ? "true" : "false", cpu->cell);
	for (i = 0; i < BULKHEAD_CPU_STAT_COUNT; i++)
		fprintf(out, "%s\"%s\": %" PRIu64, i ? ", " : "", stat_names[i],
			(uint64_t)cpu->stats[i]);
	fprintf(out, "}}");
}

void hvctl_json_cpus(FILE *out, __u64 mask)
{
	const char *sep = "";
	int cpu;

	fputc('[', out);
	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++) {
		if (mask & (1ULL << cpu)) {
			fprintf(out, "%s%d", sep, cpu);
			sep = ", ";
		}
	}
	fputc(']', out);
}

static void print_json(FILE *out, const struct bulkhead_status *st)
{
	unsigned int i;

	fprintf(out, "{\n  \"enabled\": true,\n");
	fprintf(out, "  \"hypervisor_version\": \"%u.%u.%u\",\n",
		BULKHEAD_VERSION_MAJOR(st->hv_version), BULKHEAD_VERSION_MINOR(st->hv_version),
		BULKHEAD_VERSION_PATCH(st->hv_version));
	fprintf(out, "  \"hypervisor_memory\": {\"start\": %" PRIu64 ", \"size\": %" PRIu64 "},\n",
		(uint64_t)st->hv_mem_start, (uint64_t)st->hv_mem_size);
	fprintf(out, "  \"page_pool\": {\"pages\": %" PRIu64 ", \"used\": %" PRIu64
		", \"page_size\": %d},\n", (uint64_t)st->pool_pages, (uint64_t)st->pool_used,
		HVCTL_POOL_PAGE_SIZE);
	fprintf(out, "  \"root_cell\": {\"name\": ");
	hvctl_json_string(out, st->root_name, sizeof(st->root_name));
	fprintf(out, ", \"cpus\": ");
	hvctl_json_cpus(out, st->root_cpus);
	fprintf(out, "},\n  \"cpus\": [\n");
	for (i = 0; i < num_cpus(st); i++) {
		json_cpu(out, i, &st->cpu[i]);
		fprintf(out, "%s\n", i + 1 < num_cpus(st) ? "," : "");
	}
	fprintf(out, "  ]\n}\n");
}

void hvctl_print_info(FILE *out, const struct bulkhead_status *st, bool json)
{
	if (!st->enabled)
		fprintf(out, json ? "{\n  \"enabled\": false\n}\n" : "enabled: no\n");
	else if (json)
		print_json(out, st);
	else
		print_text(out, st);
}
