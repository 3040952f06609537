#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The hypervisor takes over a running Linux, isolates its own memory, keeps
# CPU hotplug working, and gives the machine back.
. /bulkhead/tests/lib.sh
# Two more where disable needs every root CPU online (x86).
plan $((25 + BOARD_NCPUS + 2 * BOARD_DISABLE_NEEDS_ONLINE))
cfg=$BOARD_CONFIG
hotplug=$BOARD_HOTPLUG_CPU
read_at=$(printf 0x%x $((BOARD_HV_BASE)))
write_at=$(printf 0x%x $((BOARD_HV_BASE + 0x2000)))

check "enable" hvctl enable $cfg
claimed=$(grep -c "Bulkhead hypervisor" /proc/iomem)
check "sysfs reports enabled" enabled
[ "$(cat /sys/devices/bulkhead/cells/0/name)" = "$BOARD_ROOT_NAME" ] && pass "sysfs root cell name" ||
	fail "sysfs root cell name" "$(cat /sys/devices/bulkhead/cells/0/name)"
[ "$(cat /sys/devices/bulkhead/cells/0/cpus)" = "$BOARD_CPU_LIST" ] && pass "sysfs root cell cpus" ||
	fail "sysfs root cell cpus" "$(cat /sys/devices/bulkhead/cells/0/cpus)"
[ "$(cat /sys/devices/bulkhead/mem_pool_size)" -gt 0 ] && pass "sysfs pool size" ||
	fail "sysfs pool size" "$(cat /sys/devices/bulkhead/mem_pool_size)"

hvctl info > /tmp/info
for cpu in $BOARD_CPUS; do
	grep -q "^cpu$cpu  online  running  $BOARD_CPU_UNDER_HV  cell 0" /tmp/info &&
		pass "CPU $cpu runs the root $BOARD_ROOT_MODE" ||
		fail "CPU $cpu runs under the hypervisor" "$(grep "^cpu$cpu " /tmp/info)"
done

# A workload on every CPU while the hypervisor runs.
for cpu in $BOARD_CPUS; do
	taskset -c $cpu sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; echo done' \
		> /tmp/work$cpu &
done
wait
[ "$(cd /tmp && cat $(for cpu in $BOARD_CPUS; do echo work$cpu; done) | grep -c done)" = \
  "$BOARD_NCPUS" ] &&
	pass "Linux runs a workload on all CPUs" || fail "Linux runs a workload on all CPUs" "missing"

# Hotplug under the hypervisor. arm64: PSCI CPU_OFF parks the CPU in EL2 and
# CPU_ON wakes it. x86: the offline CPU sleeps in the root; Linux's INIT and
# STARTUP IPIs to bring it back are taken by the hypervisor (its xAPIC is
# write-protected), which stops the CPU and starts it at the vector: a CPU
# the IPIs reached for real would come back outside VMX, not "VMX-root".
check "offline root CPU $hotplug" sh -c "echo 0 > /sys/devices/system/cpu/cpu$hotplug/online"
hvctl info | grep -q "^cpu$hotplug  offline  $BOARD_CPU_OFFLINE" &&
	pass "offlined CPU is $BOARD_CPU_OFFLINE under the hypervisor" ||
	fail "offlined CPU is $BOARD_CPU_OFFLINE under the hypervisor" "$(hvctl info | grep "^cpu$hotplug ")"
if [ "$BOARD_DISABLE_NEEDS_ONLINE" = 1 ]; then
	dmesg -c > /dev/null
	expect_error "disable with root CPU $hotplug offline is refused" "a root CPU is offline" \
		hvctl disable
	enabled && dmesg | grep -q "CPU $hotplug of the root cell is offline" &&
		pass "still enabled after the refused disable, the reason in the kernel log" ||
		fail "still enabled after the refused disable" "$(dmesg | grep bulkhead | tail -n 2)"
fi
check "online root CPU $hotplug" sh -c "echo 1 > /sys/devices/system/cpu/cpu$hotplug/online"
hvctl info | grep -q "^cpu$hotplug  online  running  $BOARD_CPU_UNDER_HV" &&
	pass "onlined CPU runs under the hypervisor again" ||
	fail "onlined CPU runs under the hypervisor again" "$(hvctl info | grep "^cpu$hotplug ")"
check "onlined CPU runs work" taskset -c $hotplug true

# The root cannot touch the hypervisor's memory: trapped, reported, survived.
# (A kernel-mode access: the abort kills the loading insmod, not Linux.)
probe_denied "root read of hypervisor memory is refused" read $read_at
probe_denied "root write to hypervisor memory is refused" write $write_at
hvctl console > /tmp/console
grep -q "read at $read_at denied" /tmp/console && pass "denied read reported with address" ||
	fail "denied read reported with address" "$(tail -3 /tmp/console)"
grep -q "write at $write_at denied" /tmp/console && pass "denied write reported with address" ||
	fail "denied write reported with address" "$(tail -3 /tmp/console)"
hvctl info | grep -c "running  $BOARD_CPU_UNDER_HV" | grep -qx "$BOARD_NCPUS" &&
	pass "hypervisor and all CPUs survive the denied accesses" ||
	fail "hypervisor survives denied accesses" "$(hvctl info)"
check "Linux survives the denied accesses" every_cpu_runs

expect_error "enable twice" "already enabled" hvctl enable $cfg
expect_error "unprivileged disable" "root|privilege|permission" runas hvctl disable
check "still enabled after refused calls" enabled

check "disable" hvctl disable
[ "$(cat /sys/devices/bulkhead/enabled)" = 0 ] && pass "sysfs reports disabled" ||
	fail "sysfs reports disabled" "enabled '$(cat /sys/devices/bulkhead/enabled)'"
[ "$claimed" -ge 1 ] && ! grep -q "Bulkhead hypervisor" /proc/iomem && pass "memory released" ||
	fail "memory released" "claimed $claimed times while enabled, now $(grep -c "Bulkhead hypervisor" /proc/iomem)"
check "Linux runs on every CPU after disable" every_cpu_runs
check "hotplug works after disable" sh -c \
	'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
