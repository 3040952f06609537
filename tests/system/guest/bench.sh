#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by "make bench" twice: under -icount shift=0 (1 ns = 1 instruction)
# and in real time, for wall-clock figures of the same paths.
cd /bulkhead
hvbench configs/qemu-virt.cell 20000 configs/qemu-virt-hello.cell inmates/hello.bin
