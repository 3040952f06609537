#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PID 1 on the emulated board (either: /bulkhead/board.env says which). Loads
# the driver, then either runs the script named by bulkhead.run= on the kernel
# command line (tests, demo) and powers off, or gives an interactive shell.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
export PATH=/bin:/sbin
. /bulkhead/board.env
cd /bulkhead
# Parts the image was built without (scripts/mkinitramfs-pc.sh lists them).
[ ! -s /bulkhead/MISSING ] || sed 's/^/board: not in this image: /' /bulkhead/MISSING
insmod /bulkhead/bulkhead.ko || echo "board: insmod bulkhead.ko failed"
run=$(sed -n 's/.*bulkhead\.run=\([^ ]*\).*/\1/p' /proc/cmdline)
if [ -n "$run" ]; then
	echo "board: running $run"
	sh "/bulkhead/tests/$run"
	echo "board: $run finished (exit $?)"
	sync
	# What is still on its way out of the serial line (the PC's UART sends at
	# its baud rate in emulated time) would be lost by a power-off now.
	sleep 2
	poweroff -f
fi
# The shell's terminal: the board's serial line, unless bulkhead.console= names another.
tty=$(sed -n 's/.*bulkhead\.console=\([^ ]*\).*/\1/p' /proc/cmdline)
tty=${tty:-$BOARD_CONSOLE}
echo "Bulkhead board: try 'hvctl enable $BOARD_CONFIG', 'hvctl info', 'hvctl --help'." > /dev/$tty
setsid sh -c "exec sh </dev/$tty >/dev/$tty 2>&1"
poweroff -f
