// SPDX-License-Identifier: GPL-2.0
/* Reads a cell's image store from the root: must fault. */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
