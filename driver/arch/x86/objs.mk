# SPDX-License-Identifier: GPL-2.0
# The x86 part of bulkhead.ko (driver/arch.h), relative to this directory:
# the feature checks and the PC's description (drv), the VMX entry (vmx).
DRIVER_ARCH_OBJS := check.o platform.o enter.o entry.o
# No cell/ module: Linux runs in no cell but the root on x86 yet, and the
# cell module finds its channels in a device tree, which a PC does not have.
DRIVER_ARCH_MODULES :=
