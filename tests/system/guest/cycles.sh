#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 20 enable/disable cycles in a row; the pool usage after enable is the same
# every time (nothing leaks between instances). Then 10 CPU offline/online
# cycles while enabled.
. /bulkhead/tests/lib.sh
plan 3
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

# CPU hotplug, again and again, while the hypervisor runs: each time the CPU
# comes back under it (arm64: PSCI CPU_OFF/CPU_ON; x86: the root's INIT and
# STARTUP IPIs, taken by the hypervisor) and runs work.
cpu=$BOARD_HOTPLUG_CPU
problem=""
hvctl enable $cfg > /tmp/out 2>&1 || problem="enable: $(cat /tmp/out)"
for n in $(seq 1 10); do
	[ -z "$problem" ] || break
	echo 0 > /sys/devices/system/cpu/cpu$cpu/online || { problem="cycle $n: offline failed"; break; }
	echo 1 > /sys/devices/system/cpu/cpu$cpu/online || { problem="cycle $n: online failed"; break; }
	hvctl info | grep -q "^cpu$cpu  online  running  $BOARD_CPU_UNDER_HV" ||
		problem="cycle $n: $(hvctl info | grep "^cpu$cpu ")"
	taskset -c $cpu true || problem="cycle $n: CPU $cpu runs no work"
done
hvctl disable > /tmp/out 2>&1 || problem="${problem:+$problem; }disable: $(cat /tmp/out)"
[ -z "$problem" ] && pass "10 offline/online cycles of CPU $cpu, each back under the hypervisor" ||
	fail "10 offline/online cycles of CPU $cpu under the hypervisor" "$problem"
check "Linux healthy after the cycles" every_cpu_runs
