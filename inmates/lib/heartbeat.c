// SPDX-License-Identifier: BSD-2-Clause
/*
 * The heartbeat watchdog: a cell whose config sets watchdog-timeout-ms (and
 * that has no emulated SP805) must change the heartbeat word of its
 * communication region at least that often, or its failure policy acts.
 */
#include "internal.h"

void inmate_heartbeat(void)
{
	struct bulkhead_comm_region *comm = comm_region();

	if (comm)
		COMM_U32(comm, heartbeat) = COMM_U32(comm, heartbeat) + 1;
}

unsigned long watchdog_timeout_ms(void)
{
	struct bulkhead_comm_region *comm = comm_region();

	return comm ? COMM_U32(comm, watchdog_timeout_ms) : 0;
}
