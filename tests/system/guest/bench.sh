#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by "make bench" under -icount shift=0 (1 ns = 1 instruction).
hvbench configs/qemu-virt.cell 20000
