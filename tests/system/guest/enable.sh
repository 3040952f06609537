#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The hypervisor takes over a running Linux, isolates its own memory, keeps
# CPU hotplug working, and gives the machine back.
. /bulkhead/tests/lib.sh
plan 29
cfg=configs/qemu-virt.cell

check "enable" hvctl enable $cfg
claimed=$(grep -c "Bulkhead hypervisor" /proc/iomem)
check "sysfs reports enabled" enabled
[ "$(cat /sys/devices/bulkhead/cells/0/name)" = qemu-virt-linux ] && pass "sysfs root cell name" ||
	fail "sysfs root cell name" "$(cat /sys/devices/bulkhead/cells/0/name)"
[ "$(cat /sys/devices/bulkhead/cells/0/cpus)" = 0-3 ] && pass "sysfs root cell cpus" ||
	fail "sysfs root cell cpus" "$(cat /sys/devices/bulkhead/cells/0/cpus)"
[ "$(cat /sys/devices/bulkhead/mem_pool_size)" -gt 0 ] && pass "sysfs pool size" ||
	fail "sysfs pool size" "$(cat /sys/devices/bulkhead/mem_pool_size)"

hvctl info > /tmp/info
for cpu in 0 1 2 3; do
	grep -q "^cpu$cpu  online  running  EL2  stage-2 on  cell 0" /tmp/info &&
		pass "CPU $cpu runs the root at EL1 under the hypervisor at EL2 with stage 2" ||
		fail "CPU $cpu runs under the hypervisor" "$(grep "^cpu$cpu " /tmp/info)"
done

# A workload on every CPU while the hypervisor runs.
for cpu in 0 1 2 3; do
	taskset -c $cpu sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; echo done' \
		> /tmp/work$cpu &
done
wait
[ "$(cat /tmp/work0 /tmp/work1 /tmp/work2 /tmp/work3 | grep -c done)" = 4 ] &&
	pass "Linux runs a workload on all CPUs" || fail "Linux runs a workload on all CPUs" "missing"

# Hotplug through the hypervisor's PSCI: the CPU parks in EL2 and comes back.
check "offline root CPU 2" sh -c 'echo 0 > /sys/devices/system/cpu/cpu2/online'
hvctl info | grep -q "^cpu2  offline  parked" && pass "offlined CPU is parked by the hypervisor" ||
	fail "offlined CPU is parked" "$(hvctl info | grep '^cpu2 ')"
check "online root CPU 2" sh -c 'echo 1 > /sys/devices/system/cpu/cpu2/online'
hvctl info | grep -q "^cpu2  online  running  EL2  stage-2 on" &&
	pass "onlined CPU runs under the hypervisor again" ||
	fail "onlined CPU runs under the hypervisor again" "$(hvctl info | grep '^cpu2 ')"
check "onlined CPU runs work" taskset -c 2 true

# The root cannot touch the hypervisor's memory: trapped, reported, survived.
# (A kernel-mode access: the abort kills the loading insmod, not Linux.)
probe_denied "root read of hypervisor memory is refused" read 0x70000000
probe_denied "root write to hypervisor memory is refused" write 0x70002000
hvctl console > /tmp/console
grep -q "read at 0x70000000 denied" /tmp/console && pass "denied read reported with address" ||
	fail "denied read reported with address" "$(tail -3 /tmp/console)"
grep -q "write at 0x70002000 denied" /tmp/console && pass "denied write reported with address" ||
	fail "denied write reported with address" "$(tail -3 /tmp/console)"
hvctl info | grep -c "running  EL2  stage-2 on" | grep -qx 4 &&
	pass "hypervisor and all CPUs survive the denied accesses" ||
	fail "hypervisor survives denied accesses" "$(hvctl info)"
check "Linux survives the denied accesses" sh -c 'for c in 0 1 2 3; do taskset -c $c true || exit 1; done'

expect_error "enable twice" "already enabled" hvctl enable $cfg
expect_error "unprivileged disable" "root|privilege|permission" runas hvctl disable
check "still enabled after refused calls" enabled

check "disable" hvctl disable
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] && pass "sysfs reports disabled" ||
	fail "sysfs reports disabled" "enabled '$(cat /sys/devices/bulkhead/enabled)'"
[ "$claimed" -ge 1 ] && ! grep -q "Bulkhead hypervisor" /proc/iomem && pass "memory released" ||
	fail "memory released" "claimed $claimed times while enabled, now $(grep -c "Bulkhead hypervisor" /proc/iomem)"
check "Linux runs on every CPU after disable" sh -c 'for c in 0 1 2 3; do taskset -c $c true || exit 1; done'
check "hotplug works after disable" sh -c \
	'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
