#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Everything "make check" runs: host unit tests (Check), then the system tests
# on the emulated arm64 board, then on the emulated PC (x86-64). Ends with one
# line "N passed, N failed" over all and exits non-zero if anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
mkdir -p build

# unit_suite NAME DIR: runs the Check runners of DIR (tests/unit has two:
# core + arm64, and x86), adds every runner's summary to unit_total/unit_failed.
unit_total=0
unit_failed=0
unit_suite() {
	echo "== unit tests: $1"
	{ make -s -C "$2" run 2>&1; echo "unit-suite-exit: $?"; } | tee "build/$1.log"
	read -r total failed <<-EOF
	$(sed -n 's/^[0-9]*%: Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' \
		"build/$1.log" | awk '{ t += $1; f += $2 + $3 } END { if (NR) print t, f }')
	EOF
	if [ -z "$total" ] || ! grep -qx "unit-suite-exit: 0" "build/$1.log"; then
		echo "FAIL: the $1 did not build or run to the end"
		total=$((${total:-0} + 1)) failed=$((${failed:-0} + 1))
	fi
	unit_total=$((unit_total + total))
	unit_failed=$((unit_failed + failed))
}
unit_suite unit-tests tests/unit
unit_suite inmate-lib-tests inmates/tests/host

# board NAME COMMAND...: one boot's (or boots', or host-side steps') system
# tests, added to sys_passed/sys_failed (a run that printed no summary counts
# one failure).
sys_passed=0
sys_failed=0
board() {
	name=$1
	shift
	echo "== system tests: $name"
	"$@" | tee "build/system-summary-$(echo "$name" | tr ' ' -).log"
	summary=$(sed -n 's/^system: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
		"build/system-summary-$(echo "$name" | tr ' ' -).log")
	[ -n "$summary" ] || summary="0 1"
	sys_passed=$((sys_passed + ${summary% *}))
	sys_failed=$((sys_failed + ${summary#* }))
}
. tests/system/guest/groups.sh
board "Debian packages" tests/packages/run.sh
if make -s build/initramfs.cpio.gz > build/initramfs-build.log 2>&1; then
	board "GICv3 board" tests/system/run.sh build/initramfs.cpio.gz
	board "Debian packages on the board" tests/packages/run-board.sh
	board "GICv4 board" tests/system/run.sh -G 4 -g "$(echo $GICV4_TEST_GROUPS | tr ' ' ,)" \
		build/initramfs.cpio.gz
	board "EL2 faults" tests/system/run-faults.sh
	board "crypto on the board's CPU" tests/system/run-crypto.sh
	board "bring-up with a generated config" tests/system/run-bringup.sh
else
	cat build/initramfs-build.log
	echo "FAIL: the board image did not build"
	sys_failed=$((sys_failed + 1))
fi
# The emulated PC after the arm64 boards: X86_TEST_GROUPS in one Bochs boot.
mkdir -p build/x86
if make -s build/x86/initramfs.gz > build/x86/initramfs-build.log 2>&1; then
	board "x86 PC" tests/system/run.sh -b pc build/x86/initramfs.gz
else
	cat build/x86/initramfs-build.log
	echo "FAIL: the PC's image did not build"
	sys_failed=$((sys_failed + 1))
fi

passed=$((unit_total - unit_failed + sys_passed))
failed=$((unit_failed + sys_failed))
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
