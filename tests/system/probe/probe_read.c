// SPDX-License-Identifier: GPL-2.0
/* Reads hypervisor memory from the root: must fault. */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
