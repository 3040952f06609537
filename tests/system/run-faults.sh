#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What a hypervisor bug does: builds an image with TEST_FAULTS=1 (a root
# hypercall that raises an exception at EL2 on purpose, test-faults.c) and
# boots it once per kind of fault. Each boot must show, on the serial line,
# the EL2 report and the power-off that follows it, and must end by itself:
#   abort   a load from an unmapped address;
#   locked  the same while the failing CPU holds the console lock, which the
#           report must not wait for;
#   stack   a runaway recursion, which must hit the stack's guard page.
# Prints a PASS/FAIL line per fault and "system: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
work=build/faults
rm -rf "$work"
mkdir -p "$work"
cp -r hypervisor include VERSION "$work/"
make -s -C "$work/hypervisor" clean > /dev/null 2>&1
if ! make -s -C "$work/hypervisor" TEST_FAULTS=1 > "$work/build.log" 2>&1 ||
   ! HV_IMAGE="$work/hypervisor/bulkhead.bin" scripts/mkinitramfs.sh "$work/initramfs.cpio.gz"; then
	echo "FAIL: the fault-test image did not build (see $work/build.log)"
	echo "system: 0 passed, 1 failed"
	exit 1
fi

passed=0 failed=0
for fault in 1:abort 2:locked 3:stack; do
	kind=${fault%%:*} name=${fault#*:}
	log=$work/$name.log
	start=$(date +%s)
	scripts/qemu-board.sh -t 180 -l "$log" -a "bulkhead.fault=$kind" -r fault.sh \
		"$work/initramfs.cpio.gz" > /dev/null 2>&1
	took=$(($(date +%s) - start))
	tr -d '\r' < "$log" > "$log.clean"
	why=""
	grep -q "^FAULT-TEST: asking for fault $kind" "$log.clean" || why="$why the root never asked;"
	grep -q "bulkhead: EL2 exception on CPU [0-9]*: ESR 0x" "$log.clean" || why="$why no EL2 report;"
	grep -q "FATAL on CPU [0-9]*: .*in the hypervisor; powering the machine off" \
		"$log.clean" || why="$why no stop reported;"
	# An overflow must end on the guard page, not on whatever lies below the stack.
	[ "$name" != stack ] || grep -q "(its stack's guard page)" "$log.clean" ||
		why="$why the overflow did not hit the guard page;"
	grep -q "FAULT-TEST: the machine is still running" "$log.clean" && why="$why the machine ran on;"
	[ "$took" -lt 170 ] || why="$why the board hung until the timeout;"
	if [ -z "$why" ]; then
		echo "PASS: EL2 fault ($name): reported without a lock, the machine stopped"
		passed=$((passed + 1))
	else
		echo "FAIL: EL2 fault ($name):$why (see $log)"
		failed=$((failed + 1))
	fi
done
echo "system: $passed passed, $failed failed"
[ "$failed" = 0 ]
