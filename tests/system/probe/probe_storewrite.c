// SPDX-License-Identifier: GPL-2.0
/* Writes a cell's image store from the root: must fault. */
#define PROBE_WRITE true
#include "bulkhead_probe.c"
