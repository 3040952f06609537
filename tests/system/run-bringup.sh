#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# From a fresh board to running cells with a generated config, in two boots
# (Documentation/board-bringup.md):
#   1. the board runs hvctl hardware check and hvctl config create
#      (guest/bringup-create.sh); the host takes the config from the serial
#      log and compiles it with bulkhead-cellc, unedited, and once more with
#      the channel to the echo cell added as board-bringup.md shows;
#   2. the board boots with both in its initramfs (an archive appended to the
#      usual one), checks the machine against the config, enables it and runs
#      the hello cell, then enables the one with the channel and runs the
#      echo cell (guest/bringup-enable.sh).
# Prints a PASS/FAIL line per check and "system: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
work=build/bringup
rm -rf "$work"
mkdir -p "$work/root/bulkhead/generated"
passed=0 failed=0
check() {
	if [ "$1" = 0 ]; then
		echo "PASS: $2"
		passed=$((passed + 1))
	else
		echo "FAIL: $2 (see $work)"
		failed=$((failed + 1))
	fi
}
# A check that needs a step that already failed fails too: nothing is skipped.
CHECKS=11
finish() {
	failed=$((CHECKS - passed))
	echo "system: $passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}
saw() {
	grep -q "^BRINGUP: $1\$" "$2"
}

scripts/qemu-board.sh -t 300 -l "$work/create.log" -r bringup-create.sh build/initramfs.cpio.gz \
	> /dev/null 2>&1
tr -d '\r' < "$work/create.log" > "$work/create.txt"
saw "hardware check exit 0" "$work/create.txt"
check $? "hvctl hardware check on the board: it can run Bulkhead"
saw "config create exit 0" "$work/create.txt"
check $? "hvctl config create on the board"
sed -n '/^BRINGUP: config begin$/,/^BRINGUP: config end$/p' "$work/create.txt" | sed '1d;$d' \
	> "$work/generated.dts"
tools/bulkhead-cellc -o "$work/root/bulkhead/generated/generated.cell" "$work/generated.dts" \
	> "$work/cellc.log" 2>&1
check $? "the generated config compiles unedited"
# The unit tests' saved QEMU board (tests/unit/boards/qemu-virt.*) must be this board.
cmp -s "$work/generated.dts" tests/unit/boards/qemu-virt.expected.dts
check $? "the board's config is the one the unit tests expect from the saved board"
# What board-bringup.md shows: a channel and its policy added beside the generated config.
cat > "$work/generated-echo.dts" <<'DTS'
#include "generated.dts"

/ {
	channel-policy {
		links = "qemu-virt-linux <-> echo";
	};
};

&{/root-cell} {
	channel@7e000000 {
		channel-name = "root-echo";
		peer = "echo";
		reg = <0x0 0x7e000000 0x0 0x00100000>;
		access = "read-write";
		doorbell-irq = <240>;
	};
};
DTS
tools/bulkhead-cellc -o "$work/root/bulkhead/generated/generated-echo.cell" \
	"$work/generated-echo.dts" >> "$work/cellc.log" 2>&1
check $? "the generated config with a channel added compiles"
[ -s "$work/root/bulkhead/generated/generated.cell" ] || finish

cp build/initramfs.cpio.gz "$work/initramfs.cpio.gz"
(cd "$work/root" && find . | cpio -o -H newc --quiet) | gzip -1 >> "$work/initramfs.cpio.gz"
scripts/qemu-board.sh -t 300 -l "$work/enable.log" -r bringup-enable.sh "$work/initramfs.cpio.gz" \
	> /dev/null 2>&1
tr -d '\r' < "$work/enable.log" > "$work/enable.txt"
saw "hardware check with config exit 0" "$work/enable.txt"
check $? "hvctl hardware check with the generated config: its memory is kept from Linux"
[ "$(grep -c "^BRINGUP: enable exit 0$" "$work/enable.txt")" = 2 ]
check $? "hvctl enable with the generated configs (as generated, with the channel)"
saw "hello greeted" "$work/enable.txt"
check $? "the hello cell runs on the generated config"
saw "echo answered" "$work/enable.txt"
check $? "the echo cell answers Linux over the channel added to the generated config"
[ "$(grep -c "^BRINGUP: cell destroy exit 0$" "$work/enable.txt")" = 2 ]
check $? "both cells destroyed"
[ "$(grep -c "^BRINGUP: disable exit 0$" "$work/enable.txt")" = 2 ]
check $? "hvctl disable, twice"
finish
