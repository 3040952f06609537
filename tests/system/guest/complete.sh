#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bash completion's candidates (hvctl __complete, tools/hvctl-complete.c) from
# the driver's real sysfs: no cells before enable, then the cells that exist
# and the root cell's channels, as the driver lists them; a cell gone after
# destroy. The host's unit tests check the same against a fake tree.
. /bulkhead/tests/lib.sh
plan 9
cd /bulkhead

# words WORDS...: the candidates completion offers after "hvctl WORDS", one a line.
words() {
	hvctl __complete "$@" | sed -n 's/^word //p'
}

# same NAME GOT WANT: passes when both lists hold the same lines.
same() {
	if [ "$(printf '%s\n' "$2" | sort)" = "$(printf '%s\n' "$3" | sort)" ]; then
		pass "$1"
	else
		fail "$1" "offered '$(echo $2)', expected '$(echo $3)'"
	fi
}

same "no cells before enable" "$(words cell start '')" ""
check "enable" hvctl enable configs/qemu-virt.cell
check "create the echo cell" hvctl cell create configs/qemu-virt-echo.cell
same "cell names: the root cell and echo" "$(words cell start '')" "qemu-virt-linux
echo"
same "a name completed from its start" "$(words cell destroy ec)" "echo"
# qemu-virt.cell gives the root cell root-echo among others: an empty list cannot pass.
channels=$(cut -d' ' -f1 /sys/devices/bulkhead/cells/0/channels)
case $channels in *root-echo*) ;; *) channels="root-echo (sysfs lists: $channels)" ;; esac
same "channel names: the root cell's, as sysfs lists them" "$(words channel ring '')" "$channels"
check "destroy the echo cell" hvctl cell destroy echo
check "disable" hvctl disable
same "no cells after destroy and disable" "$(words cell start '')" ""
