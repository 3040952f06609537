#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# System start of the Linux cell (busybox init runs it once, from
# /etc/inittab): the filesystems, the power button, the channel driver, then
# the ready marker the system tests and the demo wait for. The shell comes from inittab.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# The emulated PL061's line 3 as KEY_POWER (gpio-keys), read by acpid through evdev.
insmod /lib/modules/evdev.ko
insmod /lib/modules/gpio_keys.ko
# Its channels as /dev/bulkhead-channel/<name> (the device tree's bulkhead node).
insmod /lib/modules/bulkhead_cell.ko
# Its log and pid file: /var/log/acpid.log, /var/run/acpid.pid.
acpid
# make bench boots this initramfs on the bare board too: run the CPU-bound
# program and power off.
if grep -q "bulkhead.bench=cpubound" /proc/cmdline; then
	cpubound
	poweroff -f
fi
echo "linux-cell: ready ($(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs)"
