#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PID 1 on the emulated board. Loads the driver, then either runs the script
# named by bulkhead.run= on the kernel command line (tests, demo) and powers
# off, or gives an interactive shell.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
export PATH=/bin:/sbin
cd /bulkhead
insmod /bulkhead/bulkhead.ko || echo "board: insmod bulkhead.ko failed"
run=$(sed -n 's/.*bulkhead\.run=\([^ ]*\).*/\1/p' /proc/cmdline)
if [ -n "$run" ]; then
	echo "board: running $run"
	sh "/bulkhead/tests/$run"
	echo "board: $run finished (exit $?)"
	sync
	poweroff -f
fi
echo "Bulkhead board: try 'hvctl enable configs/qemu-virt.cell', 'hvctl info', 'hvctl --help'."
setsid sh -c 'exec sh </dev/ttyAMA0 >/dev/ttyAMA0 2>&1'
poweroff -f
