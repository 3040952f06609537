#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Cells: lifecycle, bad input, containment of misbehaving inmates, the
# shutdown protocol and device passthrough, with the hypervisor enabled.
. /bulkhead/tests/lib.sh
plan 157
cd /bulkhead
inmates=/bulkhead/inmates
hello=configs/qemu-virt-hello.cell
cells=/sys/devices/bulkhead/cells

check "enable for cells" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

# Snapshot of what a failed operation must not change; "unreadable" where a
# read failed, so that two failed reads do not compare equal.
snapshot() {
	{
		ls $cells || echo unreadable
		for c in $cells/*; do cat "$c/name" "$c/state" "$c/cpus" || echo unreadable; done
		cat /sys/devices/system/cpu/online /sys/devices/bulkhead/mem_pool_used || echo unreadable
	} 2> /dev/null
}

# refused NAME PATTERN COMMAND...: fails with PATTERN and changes nothing.
refused() {
	before=$(snapshot)
	expect_error "$@"
	after=$(snapshot)
	case "$before $after" in
	*unreadable*) fail "$1: nothing changed" "state unreadable: $(echo "$before" | tr '\n' ' ')" ;;
	*)
		if [ "$before" = "$after" ]; then
			pass "$1: nothing changed"
		else
			fail "$1: nothing changed" \
				"$(echo "$before" | tr '\n' ' ') -> $(echo "$after" | tr '\n' ' ')"
		fi ;;
	esac
}

echo "--- lifecycle"
check "cell create" hvctl cell create $hello
id=$(for c in $cells/*; do [ "$(cat $c/name)" = hello ] && basename $c; done)
[ "$id" = 1 ] && pass "hello gets id 1" || fail "hello gets id 1" "id '$id'"
[ "$(cell_file 1 state)" = shut-down ] && pass "created cell is shut down" ||
	fail "created cell is shut down" "$(cell_file 1 state)"
[ "$(cell_file 1 cpus)" = 1 ] && pass "cell owns CPU 1" || fail "cell owns CPU 1" "$(cell_file 1 cpus)"
[ "$(cpu_online 1)" = 0 ] && pass "CPU 1 is offline in Linux" ||
	fail "CPU 1 is offline in Linux" "online '$(cpu_online 1)'"
[ "$(cell_file 0 cpus)" = "0,2-3" ] && pass "root lost CPU 1" || fail "root lost CPU 1" "$(cell_file 0 cpus)"
echo 1 > /sys/devices/system/cpu/cpu1/online 2> /dev/null
[ "$(cpu_online 1)" = 0 ] && pass "root cannot take CPU 1 back" ||
	fail "root cannot take CPU 1 back" "online '$(cpu_online 1)'"
hvctl cell list > /tmp/list 2>&1
grep -qE "1 +hello +shut-down +1" /tmp/list && pass "cell list shows hello" ||
	fail "cell list shows hello" "$(tr '\n' ' ' < /tmp/list)"

check "cell load" hvctl cell load hello $inmates/hello.bin -s "count=5 interval-ms=20"
check "cell start" hvctl cell start hello
[ "$(cell_file 1 state)" = running ] && pass "started cell is running" ||
	fail "started cell is running" "$(cell_file 1 state)"
wait_console hello "Hello from cell hello" && pass "inmate prints to its console" ||
	fail "inmate prints to its console" "$(hvctl console hello 2>&1 | tail -2)"
wait_console hello "count 5" && pass "inmate counts as its command line says" ||
	fail "inmate counts as its command line says" "$(hvctl console hello 2>&1 | tail -2)"
hvctl console > /tmp/console 2>&1 && [ -s /tmp/console ] && ! grep -q "count 5" /tmp/console &&
	pass "hypervisor console stays separate" ||
	fail "hypervisor console stays separate" "$(tail -n 2 /tmp/console | tr '\n' ' ')"

refused "load into a running cell" "shut it down|running" hvctl cell load hello $inmates/hello.bin
probe_denied "root cannot read a running cell's memory" cellram 0x71000000
hvctl console | grep -q "read at 0x71000000 denied" && pass "root's access is reported" ||
	fail "root's access is reported" "$(hvctl console | tail -2)"

check "cell shutdown (inmate approves)" hvctl cell shutdown hello
[ "$(cell_file 1 state)" = shut-down ] && pass "shut-down state" || fail "shut-down state" "$(cell_file 1 state)"
wait_console hello "shutdown request: approved" && pass "inmate saw the request" ||
	fail "inmate saw the request" "$(hvctl console hello | tail -2)"
check "restart after load" sh -c "hvctl cell load hello $inmates/hello.bin -s count=2 && hvctl cell start hello"
wait_state 1 running && pass "runs again" || fail "runs again" "$(cell_file 1 state)"
check "cell destroy (running)" hvctl cell destroy hello
[ -d $cells/0 ] && [ ! -e $cells/1 ] && pass "destroyed cell leaves sysfs" ||
	fail "destroyed cell leaves sysfs" "$(ls $cells 2>&1 | tr '\n' ' ')"
[ "$(cpu_online 1)" = 1 ] && pass "CPU 1 back online in Linux" ||
	fail "CPU 1 back online in Linux" "online '$(cpu_online 1)'"
[ "$(cell_file 0 cpus)" = "0-3" ] && pass "root owns all CPUs again" || fail "root owns all CPUs again" "$(cell_file 0 cpus)"
pool_is "pool back after destroy" "$pool_start"
taskset -c 1 sh -c 'i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done' && pass "CPU 1 runs Linux work again" ||
	fail "CPU 1 runs Linux work again" "taskset failed"
probe_done "root reads the memory again after destroy" returned 0x71000000

echo "--- bad input"
refused "CPU 0 refused" "CPU 0" hvctl cell create tests/cell-cpu0.cell
refused "nonexistent cell" "no cell" hvctl cell start nosuchcell
refused "missing file" "cell-missing|No such file" hvctl cell create tests/cell-missing.cell
hvctl cell create $hello > /dev/null 2>&1
refused "duplicate name refused" "hello.*(already|used)|already.*hello" hvctl cell create tests/cell-dup-name.cell
refused "CPU of another cell refused" "CPU 1" hvctl cell create tests/cell-cpu-taken.cell
refused "overlapping memory refused" "overlaps.*hello" hvctl cell create tests/cell-overlap.cell
refused "hypervisor memory refused" "hypervisor" hvctl cell create tests/cell-hv-memory.cell
refused "RAM Linux uses refused" "Linux|RAM" hvctl cell create tests/cell-linux-ram.cell
refused "memory the root does not own refused" "root cell" hvctl cell create tests/cell-not-root.cell
refused "device the root does not own refused" "root cell" hvctl cell create tests/cell-unowned-device.cell
# Offset 0x80: header (24 bytes) + cell descriptor (104): the first region's phys_start.
celltool patch $hello /tmp/misaligned.cell 0x80 0x71000800
refused "misaligned region refused by the hypervisor" "failed|Invalid" celltool create /tmp/misaligned.cell
hvctl console | tail -n 5 | grep -q "not page aligned\|aligned" && pass "hypervisor names the misaligned field" ||
	fail "hypervisor names the misaligned field" "$(hvctl console | tail -n 2)"
dd if=/dev/zero of=/tmp/big.bin bs=1024 count=1100 2> /dev/null
refused "image too big refused" "fit" hvctl cell load hello /tmp/big.bin
refused "load outside loadable memory refused" "fit" hvctl cell load hello $inmates/hello.bin -a 0x200000
refused "unprivileged create refused" "root|privilege|permission" runas hvctl cell create tests/cell-cpu0.cell
hvctl cell destroy hello > /dev/null 2>&1

echo "--- containment"
# misbehave ACTION-ARGS NAME PATTERN: the cell fails with PATTERN as reason.
misbehave() {
	hvctl cell create $hello > /dev/null 2>&1 &&
	hvctl cell load hello $inmates/misbehave.bin -s "$1" > /dev/null 2>&1 &&
	hvctl cell start hello > /dev/null 2>&1
	if wait_state 1 failed; then pass "$2: cell failed"; else fail "$2: cell failed" "$(cell_file 1 state)"; fi
	cell_file 1 reason | grep -qE "$3" && pass "$2: reason given" ||
		fail "$2: reason given" "'$(cell_file 1 reason)'"
	[ "$(cell_file 1 failed_cpus)" = 1 ] && pass "$2: CPU 1 stopped" ||
		fail "$2: CPU 1 stopped" "failed_cpus '$(cell_file 1 failed_cpus)'"
	hvctl cell list | grep -qE "hello +failed" && pass "$2: cell list shows failed" ||
		fail "$2: cell list shows failed" "$(hvctl cell list | tr '\n' ' ')"
	hvctl console hello > /tmp/console 2>&1
	grep -q "stopped" /tmp/console && pass "$2: cell console has the reason" ||
		fail "$2: cell console has the reason" "$(tail -n 1 /tmp/console)"
	grep -q "misbehave" /tmp/console && ! grep -q "survived" /tmp/console &&
		pass "$2: inmate did not go on" ||
		fail "$2: inmate did not go on" "$(tail -n 2 /tmp/console | tr '\n' ' ')"
	check "$2: failed cell destroys" hvctl cell destroy hello
}
misbehave "action=read addr=0x40000000" "read of root RAM" "read at 0x40000000"
misbehave "action=write addr=0x70000000" "write to hypervisor memory" "write at 0x70000000"
misbehave "action=read addr=0x71200000" "read of another cell's RAM" "read at 0x71200000"
misbehave "action=write addr=0x09000000" "write to MMIO it does not own" "write at 0x9000000"
misbehave "action=fetch addr=0x80000000" "executing its communication region" "instruction fetch at 0x80000000"
misbehave "action=hvc code=3" "management hypercall" "hypercall 0x3"
misbehave "action=undef" "undefined instruction" "unhandled exception"
misbehave "action=nosyndrome addr=0x08000400" "an emulated register loaded with a form left unpredictable" \
	"read at 0x8000400"
misbehave "action=pmu" "performance monitor access" "trap not allowed"
[ "$(cpu_online 1)" = 1 ] && pass "CPU 1 back with Linux after the faults" ||
	fail "CPU 1 back with Linux after the faults" "online '$(cpu_online 1)'"
pool_is "pool back after failed cells" "$pool_start"

echo "--- two cells, one fails"
hvctl cell create $hello > /dev/null 2>&1
hvctl cell load hello $inmates/hello.bin -s "interval-ms=10" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
hvctl cell create configs/qemu-virt-passive.cell > /dev/null 2>&1
hvctl cell load passive-hello $inmates/misbehave.bin -s "action=write addr=0x71000000" > /dev/null 2>&1
before=$(hvctl console hello | grep -c count)
hvctl cell start passive-hello > /dev/null 2>&1
wait_state 2 failed && pass "second cell fails on its own" || fail "second cell fails on its own" "$(cell_file 2 state)"
sleep 0.5
after=$(hvctl console hello | grep -c count)
[ "$after" -gt "$before" ] && pass "the other cell keeps running" || fail "the other cell keeps running" "$before -> $after"
[ "$(cell_file 1 state)" = running ] && pass "the other cell is still running" || fail "the other cell is still running" "$(cell_file 1 state)"
root_alive "root keeps running"
check "destroy both" sh -c "hvctl cell destroy passive-hello && hvctl cell destroy hello"

echo "--- shutdown protocol"
hvctl cell create $hello > /dev/null 2>&1
hvctl cell load hello $inmates/hello.bin -s "deny-shutdown" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait_console hello "Hello" > /dev/null
expect_error "cell may deny shutdown" "refused|denied" hvctl cell shutdown hello
[ "$(cell_file 1 state)" = running ] && pass "denied cell keeps running" || fail "denied cell keeps running" "$(cell_file 1 state)"
hvctl cell destroy hello > /dev/null 2>&1
hvctl cell create $hello > /dev/null 2>&1
hvctl cell load hello $inmates/hello.bin -s "ignore-shutdown" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait_console hello "Hello" > /dev/null
hvctl cell shutdown hello > /tmp/out 2>&1
grep -qE "did not answer|timeout|timed out" /tmp/out && pass "silent cell is stopped after its timeout" ||
	fail "silent cell is stopped after its timeout" "$(tr '\n' ' ' < /tmp/out)"
[ "$(cell_file 1 state)" = shut-down ] && pass "timed-out cell is shut down" || fail "timed-out cell is shut down" "$(cell_file 1 state)"
hvctl cell destroy hello > /dev/null 2>&1
hvctl cell create configs/qemu-virt-passive.cell > /dev/null 2>&1
hvctl cell load passive-hello $inmates/hello.bin -s "ignore-shutdown" > /dev/null 2>&1
hvctl cell start passive-hello > /dev/null 2>&1
wait_console passive-hello "Hello" > /dev/null
check "passive cell is stopped directly" hvctl cell shutdown passive-hello
hvctl console passive-hello > /tmp/console 2>&1
grep -q "Hello" /tmp/console && ! grep -q "shutdown request" /tmp/console &&
	pass "passive cell was not asked" ||
	fail "passive cell was not asked" "$(tail -n 2 /tmp/console | tr '\n' ' ')"
hvctl cell destroy passive-hello > /dev/null 2>&1

echo "--- device passthrough"
rtcdev=/sys/bus/amba/devices/9010000.pl031
[ -e $rtcdev/driver ] && pass "root's RTC driver bound before" || fail "root's RTC driver bound before" "no driver"
check "create the RTC cell" hvctl cell create configs/qemu-virt-rtc.cell
[ -e $rtcdev ] && [ ! -e $rtcdev/driver ] && pass "root's RTC driver unbound" ||
	fail "root's RTC driver unbound" "$(ls -l $rtcdev/driver 2>&1)"
bind=/sys/bus/amba/drivers/rtc-pl031/bind
[ -e $bind ] && ! echo 9010000.pl031 2> /dev/null > $bind && [ -e $rtcdev ] && [ ! -e $rtcdev/driver ] &&
	pass "root's driver cannot bind the cell's device" ||
	fail "root's driver cannot bind the cell's device" "$(ls -l $bind $rtcdev/driver 2>&1 | tr '\n' ' ')"
hvctl cell load rtc-demo $inmates/rtc.bin > /dev/null 2>&1
hvctl cell start rtc-demo > /dev/null 2>&1
wait_console rtc-demo "rtc: [0-9]+ seconds" && pass "inmate reads the RTC" ||
	fail "inmate reads the RTC" "$(hvctl console rtc-demo | tail -2)"
probe_denied "root lost the RTC" device 0x09010000
hvctl console | tail -n 3 | grep -q "read at 0x9010000 denied" && pass "root's RTC access is reported" ||
	fail "root's RTC access is reported" "$(hvctl console | tail -n 1)"
check "destroy the RTC cell" hvctl cell destroy rtc-demo
[ -e $rtcdev/driver ] && pass "root's RTC driver bound again" || fail "root's RTC driver bound again" "unbound"
check "root reads the RTC again" sh -c 'cat /sys/class/rtc/rtc*/since_epoch'

echo "--- two cells beside the root"
hvctl cell create $hello > /dev/null 2>&1
hvctl cell create configs/qemu-virt-rtc.cell > /dev/null 2>&1
hvctl cell load hello $inmates/hello.bin -s "interval-ms=10" > /dev/null 2>&1
hvctl cell load rtc-demo $inmates/rtc.bin > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
hvctl cell start rtc-demo > /dev/null 2>&1
[ "$(cell_file 1 state) $(cell_file 2 state)" = "running running" ] && pass "two cells run at once" ||
	fail "two cells run at once" "$(cell_file 1 state) $(cell_file 2 state)"
[ "$(cell_file 0 cpus)" = "0,3" ] && pass "root keeps CPUs 0 and 3" || fail "root keeps CPUs 0 and 3" "$(cell_file 0 cpus)"
expect_error "disable with cells refused" "destroy|cells" hvctl disable
check "destroy both cells" sh -c "hvctl cell destroy hello && hvctl cell destroy rtc-demo"

echo "--- cycles"
cycles=${CELL_CYCLES:-200}
ok=0
i=0
while [ $i -lt $cycles ]; do
	hvctl cell create $hello > /dev/null 2>&1 &&
	hvctl cell load hello $inmates/hello.bin -s "count=1" > /dev/null 2>&1 &&
	hvctl cell start hello > /dev/null 2>&1 &&
	hvctl cell destroy hello > /dev/null 2>&1 && ok=$((ok + 1))
	i=$((i + 1))
done
[ $ok = $cycles ] && pass "$cycles create/load/start/destroy cycles" || fail "$cycles create/load/start/destroy cycles" "$ok succeeded"
pool_is "pool back after the cycles" "$pool_start"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] && pass "all CPUs online after the cycles" ||
	fail "all CPUs online after the cycles" "$(cat /sys/devices/system/cpu/online)"

echo "--- too many cells"
check "disable after cells" hvctl disable
hvctl enable tests/system-one-cell.cell > /dev/null 2>&1
hvctl cell create $hello > /dev/null 2>&1
refused "too many cells refused" "too many|max-cells" hvctl cell create configs/qemu-virt-rtc.cell
hvctl cell destroy hello > /dev/null 2>&1
check "final disable" hvctl disable
