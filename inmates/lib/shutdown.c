// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shutdown requests through the communication region: the hypervisor sets
 * msg_to_cell to BULKHEAD_MSG_SHUTDOWN_REQUEST and clears reply_from_cell;
 * the cell answers in reply_from_cell. An approved request stops the cell;
 * after a denied one it keeps running until the next request.
 */
#include "internal.h"

bool shutdown_requested(void)
{
	struct bulkhead_comm_region *comm = comm_region();

	return comm && COMM_U32(comm, msg_to_cell) == BULKHEAD_MSG_SHUTDOWN_REQUEST &&
	       COMM_U32(comm, reply_from_cell) == BULKHEAD_REPLY_NONE;
}

void shutdown_answer(bool ok)
{
	struct bulkhead_comm_region *comm = comm_region();

	if (comm)
		COMM_U32(comm, reply_from_cell) =
			ok ? BULKHEAD_REPLY_SHUTDOWN_OK : BULKHEAD_REPLY_SHUTDOWN_DENIED;
}

enum shutdown_policy shutdown_policy_from_cmdline(void)
{
	if (cmdline_has("deny-shutdown"))
		return SHUTDOWN_DENY;
	if (cmdline_has("ignore-shutdown"))
		return SHUTDOWN_IGNORE;
	return SHUTDOWN_APPROVE;
}

bool shutdown_poll(enum shutdown_policy policy)
{
	/* A request we ignore stays pending: say so once. */
	static bool ignoring;

	if (!shutdown_requested()) {
		ignoring = false;
		return false;
	}

	switch (policy) {
	case SHUTDOWN_APPROVE:
		/* Print first: once answered, the CPU may stop at any moment. */
		printk("shutdown request: approved\n");
		shutdown_answer(true);
		halt();
	case SHUTDOWN_DENY:
		printk("shutdown request: denied\n");
		shutdown_answer(false);
		break;
	case SHUTDOWN_IGNORE:
		if (!ignoring)
			printk("shutdown request: ignored\n");
		ignoring = true;
		break;
	}
	return true;
}

void idle_ms(unsigned long ms, enum shutdown_policy policy)
{
	unsigned long freq = timer_frequency();
	unsigned long start = timer_ticks();
	unsigned long ticks = ms / 1000 * freq + ms % 1000 * freq / 1000;

	while (timer_ticks() - start < ticks) {
		shutdown_poll(policy);
		delay_us(200);
	}
}

void idle(enum shutdown_policy policy)
{
	for (;;)
		idle_ms(1000, policy);
}
