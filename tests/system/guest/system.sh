#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# All system test groups, in one boot of the board. The results are printed
# once more at the end, in one block, when nothing else writes to the
# console any more: that block is what tests/system/run.sh counts.
for group in errors enable cycles cells irq channels mgmt; do
	echo "GROUP: $group" | tee -a /tmp/results
	sh /bulkhead/tests/$group.sh
done
echo "RESULTS-BEGIN"
cat /tmp/results
echo "RESULTS-END"
echo "SYSTEM-TESTS-DONE"
