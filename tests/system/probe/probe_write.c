// SPDX-License-Identifier: GPL-2.0
#define PROBE_WRITE true
#include "bulkhead_probe.c"
