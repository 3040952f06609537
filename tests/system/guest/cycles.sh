#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 20 enable/disable cycles in a row; the pool usage after enable is the same
# every time (nothing leaks between instances).
. /bulkhead/tests/lib.sh
plan 2
cfg=$BOARD_CONFIG
first="" problem=""
for n in $(seq 1 20); do
	hvctl enable $cfg > /tmp/out 2>&1 || { problem="cycle $n enable: $(cat /tmp/out)"; break; }
	used=$(pool_used)
	hvctl disable > /tmp/out 2>&1 || { problem="cycle $n disable: $(cat /tmp/out)"; break; }
	is_number "$used" || { problem="cycle $n: pool usage '$used' unreadable"; break; }
	first=${first:-$used}
	[ "$used" = "$first" ] || { problem="cycle $n: pool usage $used pages, first cycle $first"; break; }
done
[ -z "$problem" ] && pass "20 enable/disable cycles, pool usage $first pages each time" ||
	fail "20 enable/disable cycles, pool usage the same each time" "$problem"
check "Linux healthy after the cycles" every_cpu_runs
