#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What "make demo-x86" shows on the emulated PC: the hypervisor takes over the
# running Linux on both CPUs (VMX root, the root cell in VMX non-root under
# EPT), refuses the root's access to its memory, keeps CPU hotplug working,
# and gives the machine back.
. /bulkhead/board.env
say() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}
echo
echo "=== Bulkhead demo on the PC: Linux $(uname -r) is running on $(grep -c ^processor /proc/cpuinfo) CPUs"
say hvctl enable "$BOARD_CONFIG"
say hvctl info
say cat /sys/devices/bulkhead/cells/0/name /sys/devices/bulkhead/mem_pool_used
say hvctl console
echo
echo "=== The root cell cannot read the hypervisor's memory: a kernel module that tries"
echo "=== is stopped by EPT (its insmod dies), Linux and the hypervisor carry on:"
say insmod /bulkhead/bulkhead_probe_read.ko addr="$BOARD_HV_BASE"
say sh -c 'hvctl console | tail -n 1'
echo
echo "=== CPU hotplug keeps working: the offline CPU sleeps in the root, and Linux's"
echo "=== INIT and STARTUP IPIs that bring it back go through the hypervisor:"
say sh -c "echo 0 > /sys/devices/system/cpu/cpu$BOARD_HOTPLUG_CPU/online"
say sh -c "hvctl info | grep ^cpu$BOARD_HOTPLUG_CPU"
say sh -c "echo 1 > /sys/devices/system/cpu/cpu$BOARD_HOTPLUG_CPU/online"
say sh -c "hvctl info | grep ^cpu$BOARD_HOTPLUG_CPU"
echo
echo "=== The machine back to Linux alone:"
say hvctl disable
say hvctl info
echo
echo "=== Demo done."
sleep 2
