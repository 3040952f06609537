/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What hvctl-config-create.c (the memory plan and the output) and
 * hvctl-config-devices.c (the devices of the tree) share while a config is
 * made: its regions and the state of the run.
 */
#ifndef _HVCTL_CONFIG_CREATE_H
#define _HVCTL_CONFIG_CREATE_H

#include "hvctl.h"

#define PAGE_SIZE		0x1000ULL
#define HV_ALIGN		0x200000ULL	/* the hypervisor maps itself with 2 MiB blocks */
#define MiB			(1024ULL * 1024)
#define MAX_REGIONS		BULKHEAD_MAX_MEM_REGIONS
#define MAX_IRQS		16
/* Device registers of a tree before they are merged into at most MAX_REGIONS. */
#define MAX_DEVICE_REGS		512
/* Less free RAM than the hypervisor's and this is not worth using: propose a carve-out. */
#define MIN_LENT		(16 * MiB)
#define WHAT_LEN		256

enum region_kind { REGION_LINUX_RAM, REGION_LENT_RAM, REGION_DEVICE };

struct region {
	__u64 start, end;
	enum region_kind kind;
	bool dma;
	bool dma_unknown;
	bool alone;			/* a GIC frame: never merged with another */
	char what[WHAT_LEN];		/* the comment above it */
	char compatible[64];		/* of its first device */
	int node;			/* its first device's node, or -1 */
	unsigned int more;		/* devices of that kind merged into it */
};

struct create_ctx {
	const struct hvctl_create_args *args;
	FILE *out;
	FILE *notes;
	unsigned int num_checks;
	bool unsupported;
	unsigned int num_regions;
	struct region region[MAX_DEVICE_REGS];
	bool too_many;			/* more device registers than region[] holds */
	struct hvctl_spans ram;		/* the tree's RAM */
	unsigned int num_in_ram;	/* devices whose registers lie in RAM, left out */
	char in_ram[64];		/* the first of them */
	unsigned int gap_joins;		/* regions joined across unused space */
	struct hvctl_gic gic;
	struct hvctl_psci psci;
	bool has_psci;
	__u64 hv_start, hv_size;
	bool proposed;			/* the memory plan takes RAM Linux uses now */
	/* What the header comment says about memory and the command line. */
	char plan[1024];
};

/* A region of @kind at [@start, @end) rounded to pages, or NULL when there are too many. */
struct region *hvctl_create_region(struct create_ctx *c, __u64 start, __u64 end,
				   enum region_kind kind, const char *what, const char *compatible);

/* The GIC's frames and every device of the tree as root-cell regions, sorted and merged. */
void hvctl_create_devices(struct create_ctx *c);

#endif /* !_HVCTL_CONFIG_CREATE_H */
