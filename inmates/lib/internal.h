/* SPDX-License-Identifier: BSD-2-Clause */
/* Inmate library internals shared between its files; not for inmates. */
#ifndef _INMATE_INTERNAL_H
#define _INMATE_INTERNAL_H

#include <inmate.h>

/* The image's command-line buffer, at offset BULKHEAD_INMATE_CMDLINE_OFFSET. */
extern char inmate_cmdline_buf[BULKHEAD_INMATE_CMDLINE_SIZE];

/* Called by the startup code on the first CPU before inmate_main(). */
void inmate_lib_init(unsigned long comm_region_addr);
/* Picks the console outputs from the command line. */
void console_init(void);

/* Transmits len bytes on the PL011 at base, "\n" as "\r\n". */
void pl011_write(unsigned long base, const char *str, size_t len);

/* A 32-bit field of the comm region the other side may change at any time. */
#define COMM_U32(comm, field)						\
	(*(volatile __u32 *)((char *)(comm) +				\
			     offsetof(struct bulkhead_comm_region, field)))

/* Fields of a channel table entry, read in one access each (the struct is packed). */
#define CHANNEL_U32(ch, field)						\
	(*(const volatile __u32 *)((const char *)(ch) +			\
				   offsetof(struct bulkhead_comm_channel, field)))
#define CHANNEL_U64(ch, field)						\
	(*(const volatile __u64 *)((const char *)(ch) +			\
				   offsetof(struct bulkhead_comm_channel, field)))

/* Entries of comm's channel table: num_channels, at most BULKHEAD_COMM_MAX_CHANNELS. */
unsigned int comm_num_channels(const struct bulkhead_comm_region *comm);
/* The entry named name (NUL-terminated), or NULL. */
const struct bulkhead_comm_channel *comm_channel_find(const struct bulkhead_comm_region *comm,
						      const char *name);
/* The index of entry ch in comm's table, or -1 if ch is not one of its entries. */
int comm_channel_index(const struct bulkhead_comm_region *comm,
		       const struct bulkhead_comm_channel *ch);

#endif /* !_INMATE_INTERNAL_H */
