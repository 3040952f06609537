#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# All system test groups, in one boot of the board.
for group in errors enable cycles cells irq; do
	echo "GROUP: $group"
	sh /bulkhead/tests/$group.sh
done
echo "SYSTEM-TESTS-DONE"
