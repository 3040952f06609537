# SPDX-License-Identifier: GPL-2.0
# The arm64 part of bulkhead.ko (driver/arch.h), relative to this directory.
DRIVER_ARCH_OBJS := enter.o platform.o entry.o
# The channel driver of a Linux in a cell: it finds its channels in the cell's device tree.
DRIVER_ARCH_MODULES := cell/
