#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What "make demo" shows on the board: the hypervisor takes over the running
# Linux, reports every CPU at EL2 with the root under stage 2, and gives the
# machine back.
say() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}
echo
echo "=== Bulkhead demo: Linux $(uname -r) is running on $(grep -c ^processor /proc/cpuinfo) CPUs"
say hvctl enable configs/qemu-virt.cell
say hvctl info
say cat /sys/devices/bulkhead/cells/0/name /sys/devices/bulkhead/mem_pool_used
say hvctl console
echo
echo "=== The root cell cannot read the hypervisor's memory: a kernel module that tries"
echo "=== takes an external abort (its insmod dies), Linux and the hypervisor carry on:"
say insmod /bulkhead/bulkhead_probe_read.ko addr=0x70000000
say sh -c 'hvctl console | tail -n 1'
echo
echo "=== CPU hotplug keeps working under the hypervisor:"
say sh -c 'echo 0 > /sys/devices/system/cpu/cpu3/online'
say sh -c 'hvctl info | grep ^cpu3'
say sh -c 'echo 1 > /sys/devices/system/cpu/cpu3/online'
say sh -c 'hvctl info | grep ^cpu3'
say hvctl disable
say cat /sys/devices/bulkhead/enabled
echo
echo "=== Demo done. 'make run' gives an interactive shell on the board."
