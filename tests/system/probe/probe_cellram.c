// SPDX-License-Identifier: GPL-2.0
/* Reads a running cell's RAM from the root: must fault. */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
