// SPDX-License-Identifier: BSD-2-Clause
/*
 * Library start-up on the first CPU, the command-line buffer of the image
 * and the communication region.
 */
#include "internal.h"

/*
 * Zero-filled in the image; hvctl cell load -s writes the NUL-terminated
 * command line here before the cell starts. The linker script places the
 * .cmdline section at image offset BULKHEAD_INMATE_CMDLINE_OFFSET.
 */
char inmate_cmdline_buf[BULKHEAD_INMATE_CMDLINE_SIZE] __attribute__((section(".cmdline")));

_Static_assert(BULKHEAD_INMATE_CMDLINE_OFFSET == 0x100 && BULKHEAD_INMATE_CMDLINE_SIZE == 0x700,
	       "inmate.lds places the command line at 0x100..0x7ff");

static struct bulkhead_comm_region *comm;

void inmate_lib_init(unsigned long comm_region_addr)
{
	struct bulkhead_comm_region *region = (void *)comm_region_addr;

	/* Whatever was loaded, the command line ends inside its buffer. */
	inmate_cmdline_buf[BULKHEAD_INMATE_CMDLINE_SIZE - 1] = '\0';

	if (comm_region_addr && !(comm_region_addr & 7) &&
	    !memcmp(region->signature, BULKHEAD_COMM_SIGNATURE, sizeof(region->signature)) &&
	    COMM_U32(region, revision) == BULKHEAD_COMM_REVISION)
		comm = region;

	console_init();
}

struct bulkhead_comm_region *comm_region(void)
{
	return comm;
}

void halt(void)
{
	for (;;)
		wfi();
}
