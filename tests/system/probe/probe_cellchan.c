// SPDX-License-Identifier: GPL-2.0
/* Reads the memory of a channel between two other cells from the root: must fault. */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
