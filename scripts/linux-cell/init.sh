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
# The emulated SP805 comes out of reset running with the config's timeout;
# sp805_wdt keeps it fed until the stock daemon opens it: a 5 s timeout, fed
# each second. Killing the daemon (kill -9: no magic close) lets it expire.
insmod /lib/modules/sp805_wdt.ko
[ -c /dev/watchdog ] && watchdog -T 5 -t 1 /dev/watchdog
# make bench boots this initramfs on the bare board too: run the CPU-bound
# program and power off.
if grep -q "bulkhead.bench=cpubound" /proc/cmdline; then
	cpubound
	poweroff -f
fi
echo "linux-cell: ready ($(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs)"
