// SPDX-License-Identifier: GPL-2.0
/* Writes a trace ring from the root: must fault. */
#define PROBE_WRITE true
#include "bulkhead_probe.c"
