// SPDX-License-Identifier: GPL-2.0
/* Reads memory a failed hvctl cell run gave back to the root: must succeed. */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
