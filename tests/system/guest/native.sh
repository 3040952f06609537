#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A cell as a small copy of the QEMU virt board, seen from inside
# (inmates/tests/arm64/native.c on CPUs 2 and 3, RAM at 0x40000000): CPUs
# numbered from 0 in MPIDR, redistributor frames, PSCI targets and SGIs;
# reset values after a restart that follows a program that left everything
# dirty; PSCI 1.1 and its errors through both conduits; both timers; the
# board's bus error where the config asks for it, a failed cell where not;
# and the attacker's tries (a route and SGIs to vCPUs the cell does not
# have, an interrupt made Group 0), each shown to have been made.
. /bulkhead/tests/lib.sh
plan 39
cd /bulkhead
native=/bulkhead/inmates/native.bin
config=tests/native.cell
cells=/sys/devices/bulkhead/cells

hvctl enable configs/qemu-virt.cell > /dev/null 2>&1 || fail "enable for native" "$(dmesg | tail -3)"

# start CONFIG ARGS: (re)creates cell "native" from CONFIG, loads native.bin with ARGS, starts it.
start() {
	hvctl cell destroy native > /dev/null 2>&1
	hvctl cell create "$1" > /dev/null 2>&1 &&
		hvctl cell load native $native -s "$2" > /dev/null 2>&1 &&
		hvctl cell start native > /dev/null 2>&1
}

# expect NAME PATTERN LINE: the cell's last console line matching PATTERN (grep -E) is LINE.
expect() {
	wait_console native "$2" 10
	line=$(hvctl console native | grep -E "$2" | tail -n 1)
	[ "$line" = "$3" ] && pass "$1" || fail "$1" "'$line'"
}

echo "--- reset values after a program that left everything dirty"
start $config "action=dirty" || fail "start native (dirty)" "$(hvctl cell list | tr '\n' ' ')"
reset="enable 0x0 pending 0x0 active 0x0 group 0x0 prio 0x0 cfg0 0xaaaaaaaa ctlr 0x50 spi 0x0 route 0x0 cntv 0x0 cntp 0x0"
expect "reset values at the first start" "reset run 1 " "native: reset run 1 $reset"
expect "reset values after SYSTEM_RESET of a dirty program" "reset run 2 " "native: reset run 2 $reset"
wait_console native "reset checked" && hvctl console | grep -q 'cell "native" restarted itself' &&
	pass "the dirty program did restart the cell" ||
	fail "the dirty program did restart the cell" "$(hvctl console native | tail -n 2 | tr '\n' ' ')"

echo "--- numbering, PSCI, SGIs, timers"
start $config "action=run" || fail "start native (run)" "$(hvctl cell list | tr '\n' ' ')"
wait_console native "native: done" 20
expect "MPIDR of the first CPU" "native: mpidr" "native: mpidr 0x80000000"
expect "MPIDR of the second CPU" "cpu1 mpidr" "native: cpu1 mpidr 0x80000001"
expect "redistributor frame 0: affinity 0" "frame 0 typer" "native: frame 0 typer 0x0"
expect "redistributor frame 1: affinity 1, Processor_Number 1, Last" "frame 1 typer" \
	"native: frame 1 typer 0x100000110"
expect "nothing behind the last frame" "frame 2 typer" "native: frame 2 typer 0x0"
expect "PSCI 1.1 by SMC and HVC" "psci version" "native: psci version smc 0x10001 hvc 0x10001"
expect "PSCI_FEATURES(CPU_SUSPEND), MIGRATE_INFO_TYPE" "psci features" \
	"native: psci features cpu_suspend 0 migrate_info_type 2"
expect "AFFINITY_INFO of vCPU 1 before CPU_ON: off" "affinity_info 1 before" \
	"native: psci affinity_info 1 before 1"
expect "CPU_ON outside the cell's memory: INVALID_ADDRESS" "cpu_on 1 entry" \
	"native: psci cpu_on 1 entry 0x10000000 -> -9"
expect "CPU_ON of a vCPU the cell does not have: INVALID_PARAMETERS" "cpu_on 2 " \
	"native: psci cpu_on 2 -> -2"
expect "CPU_ON of vCPU 1" "cpu_on 1 -> " "native: psci cpu_on 1 -> 0"
expect "AFFINITY_INFO of vCPU 1 after: on" "affinity_info 1 after" \
	"native: psci affinity_info 1 after 0"
expect "CPU_ON of a running vCPU: ALREADY_ON" "cpu_on 1 again" "native: psci cpu_on 1 again -> -4"
expect "SGI to vCPU 1 by its number" "sgi 3 " "native: sgi 3 to vcpu 1 taken 1 by 0x80000001"
expect "SGI to vCPU 0 by its number" "sgi 4 " "native: sgi 4 to vcpu 0 taken 1 by 0x80000000"
expect "SGI to all but self" "sgi 5 " "native: sgi 5 to all but self taken 1 by 0x80000001"
expect "virtual and physical timers fire" "timers" "native: timers virtual 1 physical 1"
line=$(hvctl console native | grep "cpu_suspend -> " | tail -n 1)
us=$(echo "$line" | sed -n 's/.* after \([0-9]*\) us.*/\1/p')
echo "$line" | grep -q "cpu_suspend -> 0 after .* virtual timer 2" && [ "${us:-0}" -ge 4000 ] &&
	pass "CPU_SUSPEND waits for the interrupt ($us us)" || fail "CPU_SUSPEND waits for the interrupt" "'$line'"
expect "CPU_SUSPEND with reserved bits: INVALID_PARAMETERS" "bad state" \
	"native: cpu_suspend bad state -> -2"

echo "--- the attacker's tries"
expect "route to vCPU 5 (absent) refused" "route 200" "native: route 200 to 0x5 reads 0x0"
hvctl console | grep -q 'cell "native" routing of interrupt 200 to 0x5 ignored' &&
	pass "the route to vCPU 5 was tried and reported" ||
	fail "the route to vCPU 5 was tried and reported" "$(hvctl console | tail -n 2 | tr '\n' ' ')"
expect "its SPI still reaches vCPU 0" "spi 200 taken" "native: spi 200 taken 1 by 0x80000000"
expect "SGIs to absent vCPUs reach none of its CPUs" "sgi 6 " \
	"native: sgi 6 to absent vcpus sent, taken 0"
id=$(cell_id native)
sgis=$(awk '$1 == 2 { print $10 }' "$cells/$id/statistics" 2>/dev/null)
is_number "$sgis" && [ "$sgis" -ge 4 ] && pass "the SGIs were sent (CPU 2 trapped $sgis)" ||
	fail "the SGIs were sent" "CPU 2's SGI count '$sgis'"
expect "an interrupt made Group 0: held while Group 0 is off" "made group" \
	"native: spi 200 made group 0, pending 1, taken 1"
expect "back in Group 1 it is taken" "back in group 1" "native: spi 200 back in group 1 taken 2"
echo "--- loads and stores with no syndrome (writeback, pairs), decoded by the hypervisor"
forms="str-post + ldr-pre + ldp + stp-pre + stp-x-post + ldp-x-pre + byte +"
expect "no-syndrome forms on emulated registers, MMU off" "no syndrome, mmu off" \
	"native: no syndrome, mmu off: $forms"
expect "no-syndrome forms on emulated registers, MMU on (through AT)" "no syndrome, mmu on" \
	"native: no syndrome, mmu on: $forms"
wait_console native "native: done" && [ "$(cell_file "$id" state)" = running ] &&
	pass "the cell ran through it all" ||
	fail "the cell ran through it all" "state '$(cell_file "$id" state)': $(hvctl console native | tail -n 1)"

# What the program printed, for the log.
hvctl console native | sed 's/^/console: /'

echo "--- bus errors"
start tests/native-bus-errors.cell "action=run probe=0x9000000" ||
	fail "start native (bus errors)" "$(hvctl cell list | tr '\n' ' ')"
expect "with bus-errors: a load where it has nothing gets the board's external abort" \
	"probe 0x9000000" "native: probe 0x9000000 -> abort esr 0x96000010 far 0x9000000"
wait_console native "native: done" && [ "$(cell_file "$(cell_id native)" state)" = running ] &&
	pass "with bus-errors: the cell runs on" ||
	fail "with bus-errors: the cell runs on" "state '$(cell_file "$(cell_id native)" state)'"
hvctl console native | grep -q "bus error" && pass "with bus-errors: the abort is reported" ||
	fail "with bus-errors: the abort is reported" "$(hvctl console native | tail -n 2 | tr '\n' ' ')"
start $config "action=run probe=0x9000000" || fail "start native (probe)" "$(hvctl cell list)"
wait_console native "stopped" 20
[ "$(cell_file "$(cell_id native)" state)" = failed ] && pass "without: the same load fails the cell" ||
	fail "without: the same load fails the cell" "state '$(cell_file "$(cell_id native)" state)'"
# The reason from the hypervisor's record, not from the cell's console.
cell_file "$(cell_id native)" reason | grep -q " at 0x9000000 denied" &&
	! hvctl console native | grep -q "probe 0x" &&
	pass "without: the fault names the address, the program got no answer" ||
	fail "without: the fault names the address" "'$(cell_file "$(cell_id native)" reason)'"

hvctl cell destroy native > /dev/null 2>&1
root_alive "root alive after native"
check "disable after native" hvctl disable
