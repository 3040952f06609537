// SPDX-License-Identifier: GPL-2.0
/* Writes a channel the root may only read: must fault. */
#define PROBE_WRITE true
#include "bulkhead_probe.c"
