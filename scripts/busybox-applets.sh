#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The busybox applets the board needs (busybox-static is a foreign binary here,
# so it cannot be asked with --list).
echo sh ash cat cp dd devmem dmesg echo env grep head hexdump insmod kill ls mkdir mknod \
	mount mv poweroff printf ps rm rmmod sed sleep sync tail taskset test timeout tr true \
	false uname wc awk cut seq od stat chmod reboot expr cmp setsid stty clear mkfifo
