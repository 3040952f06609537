#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 20 enable/disable cycles in a row; the pool usage after enable is the same
# every time (nothing leaks between instances).
. /bulkhead/tests/lib.sh
cfg=configs/qemu-virt.cell
first="" ok=0
for n in $(seq 1 20); do
	hvctl enable $cfg > /tmp/out 2>&1 || { fail "cycle $n enable" "$(cat /tmp/out)"; break; }
	used=$(cat /sys/devices/bulkhead/mem_pool_used)
	[ -z "$first" ] && first=$used
	[ "$used" = "$first" ] || { fail "cycle $n pool usage" "$used pages, first cycle $first"; break; }
	hvctl disable > /tmp/out 2>&1 || { fail "cycle $n disable" "$(cat /tmp/out)"; break; }
	ok=$n
done
[ "$ok" = 20 ] && pass "20 enable/disable cycles, pool usage $first pages each time"
check "Linux healthy after the cycles" sh -c 'for c in 0 1 2 3; do taskset -c $c true || exit 1; done'
