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

#endif /* !_INMATE_INTERNAL_H */
