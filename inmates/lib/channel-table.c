// SPDX-License-Identifier: BSD-2-Clause
/*
 * The channel table of the communication region (channels[], config order):
 * lookups by name and by entry. Pure code: also built on the host by
 * inmates/tests/host.
 */
#include "internal.h"

unsigned int comm_num_channels(const struct bulkhead_comm_region *comm)
{
	unsigned int count = COMM_U32(comm, num_channels);

	/* The hypervisor's word, but the table has no more entries. */
	return count < BULKHEAD_COMM_MAX_CHANNELS ? count : BULKHEAD_COMM_MAX_CHANNELS;
}

const struct bulkhead_comm_channel *comm_channel_find(const struct bulkhead_comm_region *comm,
						      const char *name)
{
	unsigned int n, count = comm_num_channels(comm);
	const struct bulkhead_comm_channel *ch;

	/* A name that fills the field has no NUL there: no channel has it. */
	if (strnlen(name, sizeof(ch->name)) == sizeof(ch->name))
		return NULL;
	for (n = 0; n < count; n++) {
		ch = &comm->channels[n];
		if (!strncmp(ch->name, name, sizeof(ch->name)))
			return ch;
	}
	return NULL;
}

int comm_channel_index(const struct bulkhead_comm_region *comm,
		       const struct bulkhead_comm_channel *ch)
{
	unsigned long first = (unsigned long)comm->channels, pos = (unsigned long)ch;

	if (pos < first || (pos - first) % sizeof(*ch) ||
	    (pos - first) / sizeof(*ch) >= comm_num_channels(comm))
		return -1;
	return (pos - first) / sizeof(*ch);
}
