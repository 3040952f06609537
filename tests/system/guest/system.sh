#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# All system test groups of this board (the emulated PC: X86_TEST_GROUPS), in
# one boot (bulkhead.groups=a,b on the kernel command line: only those). Each
# group's results are framed by "GROUP: name" and "END: name exit STATUS"; they
# are printed once more at the end, in one block, when nothing else writes to
# the console any more: that block is what tests/system/run.sh counts.
. /bulkhead/tests/groups.sh
. /bulkhead/board.env
all=$SYSTEM_TEST_GROUPS
[ "$BOARD_ARCH" != x86 ] || all=$X86_TEST_GROUPS
groups=$(sed -n 's/.*bulkhead\.groups=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
for group in ${groups:-$all}; do
	echo "GROUP: $group" | tee -a /tmp/results
	sh /bulkhead/tests/$group.sh
	echo "END: $group exit $?" | tee -a /tmp/results
done
echo "RESULTS-BEGIN"
cat /tmp/results
echo "RESULTS-END"
echo "SYSTEM-TESTS-DONE"
