// SPDX-License-Identifier: GPL-2.0
/* Reads QEMU's fw_cfg, which the board's root cell does not own: must fault. */
#define PROBE_WRITE false
#include "bulkhead_probe.c"
