// SPDX-License-Identifier: GPL-2.0
/* Reads a trace ring from the root: allowed (read-only in its stage 2). */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
