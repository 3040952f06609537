#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# All system test groups, in one boot of the board. The results are printed
# once more at the end, in one block, when nothing else writes to the
# console any more: that block is what tests/system/run.sh counts.
# bulkhead.groups=a,b on the kernel command line runs only those (make mutation-check).
groups=$(sed -n 's/.*bulkhead\.groups=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
for group in ${groups:-errors enable cycles cells irq channels dma mgmt hardening}; do
	echo "GROUP: $group" | tee -a /tmp/results
	sh /bulkhead/tests/$group.sh
done
echo "RESULTS-BEGIN"
cat /tmp/results
echo "RESULTS-END"
echo "SYSTEM-TESTS-DONE"
