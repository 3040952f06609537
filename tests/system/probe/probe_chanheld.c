// SPDX-License-Identifier: GPL-2.0
/* Reads channel memory one remaining side still holds: must fault. */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
