// SPDX-License-Identifier: GPL-2.0
#define PROBE_WRITE false
#include "bulkhead_probe.c"
