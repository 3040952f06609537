// SPDX-License-Identifier: GPL-2.0
/*
 * Rewrites a word of a loaded cell's image from the root (group integrity):
 * the write completes, and the start that follows must refuse the image. A
 * module of its own: "write" may already be stuck from a refused write.
 */
#define PROBE_WRITE true
#include "bulkhead_probe.c"
