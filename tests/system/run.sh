#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boots the emulated board, runs the in-guest system tests and counts their
# PASS/FAIL lines, from the block the board prints once its tests are done.
# A board that hangs or dies before that counts as one more failure. Prints
# "N passed, N failed".
# Usage: run.sh INITRD
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
initrd=$1
log=$top/build/system-tests.log

"$top/scripts/qemu-board.sh" -t 900 -l "$log" -r system.sh "$initrd" > /dev/null 2>&1
# The block the board prints at the end, when its console is quiet.
sed -n '/^RESULTS-BEGIN/,/^RESULTS-END/p' "$log" | tr -d '\r' > "$log.results"
grep -E "^(PASS|FAIL|GROUP):" "$log.results"
passed=$(grep -c "^PASS:" "$log.results")
failed=$(grep -c "^FAIL:" "$log.results")
if ! grep -q "^RESULTS-END" "$log.results"; then
	# What the console showed before it stopped, for context (not counted).
	grep -E "^(PASS|FAIL|GROUP):" "$log" | tr -d '\r' | tail -n 5
	echo "FAIL: the board did not finish the tests (see $log)"
	failed=$((failed + 1))
fi
echo "system: $passed passed, $failed failed"
[ "$failed" = 0 ]
