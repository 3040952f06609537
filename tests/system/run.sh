#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boots the emulated board, runs the in-guest system tests and counts their
# PASS/FAIL lines. A board that hangs or dies before the tests say they are
# done counts as one more failure. Prints "N passed, N failed".
# Usage: run.sh INITRD
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
initrd=$1
log=$top/build/system-tests.log

"$top/scripts/qemu-board.sh" -t 900 -l "$log" -r system.sh "$initrd" > /dev/null 2>&1
grep -E "^(PASS|FAIL|GROUP):" "$log" | tr -d '\r'
passed=$(grep -c "^PASS:" "$log")
failed=$(grep -c "^FAIL:" "$log")
if ! grep -q "^SYSTEM-TESTS-DONE" "$log"; then
	echo "FAIL: the board did not finish the tests (see $log)"
	failed=$((failed + 1))
fi
echo "system: $passed passed, $failed failed"
[ "$failed" = 0 ]
