#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Hardening, from the attacker's side: nothing of a cell survives a change of
# owner, the EL1 doors a cell could use are shut or emulated, SMCCC answers
# as a firmware would, hypercall arguments are never narrowed, and a cell
# cannot drown the hypervisor console. Each attempt shows it was made.
. /bulkhead/tests/lib.sh
plan 54
cd /bulkhead
inmates=/bulkhead/inmates
hello=configs/qemu-virt-hello.cell
cells=/sys/devices/bulkhead/cells
pattern=0x5ca1ab1e5ca1ab1e

spectre_before=$(cat /sys/devices/system/cpu/vulnerabilities/spectre_v2)
hvctl enable configs/qemu-virt.cell > /dev/null 2>&1 || fail "enable for hardening" "$(dmesg | tail -3)"

# run_inmate CONFIG NAME ARGS: creates the cell if need be, loads misbehave with ARGS, starts it.
run_inmate() {
	hvctl cell list | grep -q "^ *[0-9]* *$2 " || hvctl cell create "$1" > /dev/null 2>&1
	hvctl cell shutdown "$2" > /dev/null 2>&1
	hvctl cell load "$2" $inmates/misbehave.bin -s "$3" > /dev/null 2>&1 &&
	hvctl cell start "$2" > /dev/null 2>&1
}

# console_match CELL PATTERN: the last line of the cell's console matching PATTERN (grep -E).
console_match() {
	wait_console "$1" "$2" 10 && hvctl console "$1" | grep -E "$2" | tail -n 1
}

# words N LINE: the Nth word of LINE.
word() {
	echo "$2" | awk -v n="$1" '{ print $n }'
}

# probe_scan ADDR SIZE: how often the root kernel finds the pattern there
# (empty if the probe did not scan).
probe_scan() {
	probe_log scan addr=$1 size=$2 | sed -n "s/^scanned $2 bytes at $1: pattern found \([0-9]*\) times/\1/p"
}

# sysreg_exits CPU: the CPU's trapped system register accesses so far.
sysreg_exits() {
	awk -v cpu="$1" '$1 == cpu { print $6 }' "$cells/1/statistics"
}

# scan_ram_clean NAME: hello scans its RAM for the pattern; it must have
# scanned most of its 1 MiB and found nothing. Leaves the line in $line.
scan_ram_clean() {
	run_inmate $hello hello "action=scan size=0x100000 pattern=$pattern"
	line=$(console_match hello "found ram")
	[ -n "$line" ] && [ "$(word 4 "$line")" = 0 ] && [ "$(word 11 "$line")" -gt 100000 ] &&
		pass "$1" || fail "$1" "'$line'"
}

echo "--- memory changes owner"
scrub_before=$(sed -n 's/^bytes //p' /sys/devices/bulkhead/scrub)
run_inmate $hello hello "action=fill size=0x100000 pattern=$pattern"
line=$(console_match hello "filled ram")
# "misbehave: filled ram R comm C chan H of ram R comm C chan H words"
[ -n "$line" ] && [ "$(word 4 "$line")" = "$(word 11 "$line")" ] && [ "$(word 4 "$line")" -gt 100000 ] &&
	[ "$(word 6 "$line")" = 512 ] &&
	pass "a cell fills its RAM and its communication region" ||
	fail "a cell fills its RAM and its communication region" "'$line'"
scan_ram_clean "reloaded, it finds nothing of its last run in its RAM"
[ -n "$line" ] && [ "$(word 6 "$line")" = 0 ] && [ "$(word 13 "$line")" = 512 ] &&
	pass "restarted, its communication region is all new" ||
	fail "restarted, its communication region is all new" "'$line'"
run_inmate $hello hello "action=fill size=0x100000 pattern=$pattern"
line=$(console_match hello "filled ram")
[ -n "$line" ] && [ "$(word 4 "$line")" -gt 100000 ] && pass "filled again before destroy" ||
	fail "filled again before destroy" "'$line'"
hvctl cell destroy hello > /dev/null 2>&1
found=$(probe_scan 0x71000000 0x100000)
[ "$found" = 0 ] && pass "the root finds nothing of a destroyed cell in its RAM" ||
	fail "the root finds nothing of a destroyed cell in its RAM" "found '$found' (empty: the probe did not scan)"
scan_ram_clean "a new cell on the same RAM finds nothing"
hvctl cell destroy hello > /dev/null 2>&1
scrub_after=$(sed -n 's/^bytes //p' /sys/devices/bulkhead/scrub)
[ -n "$scrub_after" ] && [ $((scrub_after - scrub_before)) -ge $((5 * 0x100000)) ] &&
	pass "the hypervisor counts what it scrubbed" ||
	fail "the hypervisor counts what it scrubbed" "'$scrub_before' -> '$scrub_after'"

hvctl cell create configs/qemu-virt-chan-b.cell > /dev/null 2>&1
run_inmate configs/qemu-virt-chan-a.cell chan-a "action=fill size=0x100000 pattern=$pattern"
line=$(console_match chan-a "filled ram")
[ -n "$line" ] && [ "$(word 8 "$line")" = "$(word 15 "$line")" ] && [ "$(word 8 "$line")" = 131072 ] &&
	pass "a cell fills its channel memory" || fail "a cell fills its channel memory" "'$line'"
hvctl cell destroy chan-a > /dev/null 2>&1
run_inmate configs/qemu-virt-chan-b.cell chan-b "action=scan size=0x100000 pattern=$pattern"
line=$(console_match chan-b "found ram")
[ -n "$line" ] && [ "$(word 8 "$line")" = 131072 ] &&
	pass "the peer still has the channel's data" || fail "the peer still has the channel's data" "'$line'"
hvctl cell destroy chan-b > /dev/null 2>&1
found=$(probe_scan 0x7e200000 0x100000)
[ "$found" = 0 ] && pass "channel memory back with the root holds nothing of the cells" ||
	fail "channel memory back with the root holds nothing of the cells" "found '$found'"

echo "--- EL1 doors"
# Implementation-defined registers (HCR_EL2.TIDCP) are not tested here:
# QEMU 7.2 does not implement the trap (a cell reads CPUACTLR_EL1 as a
# constant), so no test on this board could tell it is set.
hvctl cell create $hello > /dev/null 2>&1
before=$(sysreg_exits 1)
run_inmate $hello hello "action=actlr"
line=$(console_match hello "misbehave: actlr")
[ "$line" = "misbehave: actlr 0x0" ] && pass "ACTLR_EL1 reads as zero, writes ignored" ||
	fail "ACTLR_EL1 reads as zero, writes ignored" "'$line'"
after=$(sysreg_exits 1)
[ -n "$before" ] && [ -n "$after" ] && [ $((after - before)) -ge 2 ] &&
	pass "ACTLR_EL1 accesses trapped" || fail "ACTLR_EL1 accesses trapped" "sysreg exits '$before' -> '$after'"
before=$after
run_inmate $hello hello "action=setway"
line=$(console_match hello "set/way done")
[ -n "$line" ] && [ "$(cell_file 1 state)" = running ] && pass "set/way maintenance is emulated, the cell runs on" ||
	fail "set/way maintenance is emulated, the cell runs on" "'$line' $(cell_file 1 state)"
after=$(sysreg_exits 1)
[ -n "$after" ] && [ $((after - before)) -ge 6 ] && pass "set/way maintenance trapped" ||
	fail "set/way maintenance trapped" "sysreg exits '$before' -> '$after'"
run_inmate $hello hello "action=idregs"
line=$(console_match hello "misbehave: id dfr0")
dfr0=$(word 4 "$line")
[ -n "$dfr0" ] && [ $(((dfr0 >> 8) & 0xf)) = 0 ] && [ $(((dfr0 >> 4) & 0xf)) = 0 ] &&
	pass "ID registers show no PMU and no trace" || fail "ID registers show no PMU and no trace" "'$line'"
run_inmate $hello hello "action=pmu"
wait_console hello "stopped" 10
cell_file 1 reason | grep -q "trap not allowed" && pass "the PMU it is not shown fails the cell" ||
	fail "the PMU it is not shown fails the cell" "'$(cell_file 1 reason)'"
run_inmate $hello hello "action=el1-dirty"
console_match hello "el1 dirty" > /dev/null && pass "a cell leaves its mark in EL1 state" ||
	fail "a cell leaves its mark in EL1 state" "$(hvctl console hello | tail -n 1)"
run_inmate $hello hello "action=el1-state"
line=$(console_match hello "misbehave: el1 csselr")
[ "$line" = "misbehave: el1 csselr 0x0 tpidr0 0x0 contextidr 0x0 cntv_ctl 0x0 cntp_ctl 0x0 cntv_cval 0x0 cntp_cval 0x0" ] &&
	pass "the next start finds EL1 state reset" || fail "the next start finds EL1 state reset" "'$line'"

echo "--- SGIs stay in their cell"
hvctl cell destroy hello > /dev/null 2>&1
run_inmate configs/qemu-virt-rtc.cell rtc-demo "action=sgi-listen self=5"
wait_console rtc-demo "interrupt 5 taken" && pass "a listening cell takes the SGI it sends itself" ||
	fail "a listening cell takes the SGI it sends itself" "$(hvctl console rtc-demo | tail -n 2 | tr '\n' ' ')"
# CPU 1's counters, while the root has it: they go on counting in the cell.
sgis_before=$(awk '$1 == 1 { print $10 }' "$cells/0/statistics" 2>/dev/null)
# To vCPU 0: the sender's own CPU, and in its numbering the listener's CPU
# too, which must never see it.
run_inmate $hello hello "action=sgi-send mpidr=0x0 intid=3"
wait_console hello "sent SGI 3 to 0x0" && sleep 0.5
id=$(for c in $cells/*; do [ "$(cat $c/name)" = hello ] && basename $c; done)
sgis=$(awk '$1 == 1 { print $10 }' "$cells/$id/statistics" 2>/dev/null)
[ -n "$sgis" ] && [ -n "$sgis_before" ] && [ $((sgis - sgis_before)) -ge 10 ] &&
	! hvctl console rtc-demo | grep -q "interrupt 3 taken" &&
	pass "a cell's SGIs to its vCPU 0 stay in the cell (the other cell's vCPU 0 takes none)" ||
	fail "a cell's SGIs to its vCPU 0 stay in the cell" "SGIs sent '$sgis' (was '$sgis_before'); $(hvctl console rtc-demo | tail -n 1)"
hvctl cell destroy hello > /dev/null 2>&1
hvctl cell destroy rtc-demo > /dev/null 2>&1

echo "--- SMCCC"
# smccc ARGS NAME RESULT: a cell's call returns RESULT and the cell runs on.
smccc() {
	run_inmate $hello hello "action=call $1"
	line=$(console_match hello "misbehave: (hvc|smc) ")
	[ "${line##* -> }" = "$3" ] && [ "$(cell_file 1 state)" = running ] && pass "cell: $2" ||
		fail "cell: $2" "'$line' $(cell_file 1 state)"
}
smccc "conduit=smc fn=0x80000000" "SMCCC_VERSION by SMC is 1.1" 65537
smccc "conduit=hvc fn=0x80000000" "SMCCC_VERSION by HVC is 1.1" 65537
smccc "conduit=smc fn=0x8400000a arg=0x80000000" "PSCI_FEATURES(SMCCC_VERSION) succeeds" 0
smccc "conduit=smc fn=0x80000001 arg=0x80000001" "ARCH_FEATURES(ARCH_FEATURES) succeeds" 0
smccc "conduit=smc fn=0x80000001 arg=0x80008000" "ARCH_FEATURES(WORKAROUND_1) as the firmware (1.0: none)" -1
smccc "conduit=smc fn=0x80000001 arg=0x80007fff" "ARCH_FEATURES(WORKAROUND_2) as the firmware" -1
smccc "conduit=smc fn=0x82000000" "a SiP call nobody implements: NOT_SUPPORTED" -1
smccc "conduit=hvc fn=0x82000000" "an unknown HVC: NOT_SUPPORTED" -1
smccc "conduit=smc fn=0xc6000001" "Bulkhead's calls are not SMCs" -1
smccc "conduit=smc fn=0x84000000" "PSCI_VERSION is 1.1" 65537
hvctl cell destroy hello > /dev/null 2>&1

# root_call [smc=1] fn=F [a1=A ...]: what the root kernel's call returned.
root_call() {
	probe_log call "$@" > /tmp/call.log
	sed -n 's/^returned \(-*[0-9]*\) .*/\1/p' /tmp/call.log
}
# expect_call NAME RESULT ARGS...: the root's call with ARGS returns RESULT.
expect_call() {
	name=$1 result=$2
	shift 2
	[ "$(root_call "$@")" = "$result" ] && pass "root: $name" ||
		fail "root: $name" "$(tr '\n' ' ' < /tmp/call.log)"
}
expect_call "SMCCC_VERSION by HVC" 65537 fn=0x80000000
expect_call "SMCCC_VERSION by SMC" 65537 smc=1 fn=0x80000000
expect_call "WORKAROUND_1 as the firmware says" -1 smc=1 fn=0x80000001 a1=0x80008000
expect_call "a 1.0 firmware is not asked what it cannot answer" -1 smc=1 fn=0x82000000

echo "--- hypercall arguments"
hvctl cell create $hello > /dev/null 2>&1
expect_call "cell 1's state by hypercall" 0 fn=0xc6000008 a1=0x1 a2=0
expect_call "cell 0x100000001 is no cell" -2 fn=0xc6000008 a1=0x100000001 a2=0
expect_call "info type 0x100000000 is no type" -22 fn=0xc6000008 a1=0x1 a2=0x100000000
expect_call "destroy of cell 0x100000001 is refused" -2 fn=0xc6000007 a1=0x100000001
# Asked of the hypervisor, not of the driver, which would not know of a destroy behind its back.
expect_call "and destroys nothing: cell 1 is still there" 0 fn=0xc6000008 a1=0x1 a2=0
hvctl cell destroy hello > /dev/null 2>&1

echo "--- trace rings"
# The root's own exits are recorded (pages=1 per CPU, 50 hypercalls on one CPU).
line=$(probe_log trace count=50 | grep "hypercall exits recorded")
echo "trace: $line"
echo "$line" | grep -qE "^cpu [0-9]+ head [0-9]+: 50 of 50 hypercall exits recorded, 0 of 0 ticks, ticks min [1-9]" &&
	pass "the root's hypercalls on a traced CPU are recorded, each with its duration" ||
	fail "the root's hypercalls on a traced CPU are recorded, each with its duration" "'$line'"
ring=$(probe_log call fn=0xc6000012 a1=0x4 a2=1 | sed -n 's/^returned \([0-9]*\) .*/\1/p')
ring=$(printf '0x%x' "${ring:-0}")
# Modules of their own: enable.sh left probe_read/probe_write stuck "coming" (their
# accesses faulted), and a second insmod of either would wait for ever.
probe ringread "$ring"
read_result=$probe_result
probe ringwrite "$ring"
[ "$read_result" != "${read_result#done }" ] && [ "$probe_result" = denied ] &&
	pass "root: a trace ring is readable at $ring, a write to it faults" ||
	fail "root: a trace ring is readable at $ring, a write to it faults" "read: $read_result, write: $probe_result"
# A cell reaches for the same ring, at that address as it would see it.
run_inmate $hello hello "action=read addr=$ring"
wait_state 1 failed && cell_file 1 reason | grep -q "read at $ring" &&
	pass "cell: a read of a trace ring stops it" ||
	fail "cell: a read of a trace ring stops it" "'$(cell_file 1 reason)'"
hvctl cell destroy hello > /dev/null 2>&1
[ "$(root_call fn=0xc6000012 a1=0x5 a2=0)" = 0 ] && [ "$(root_call fn=0xc6000012 a1=0x4 a2=0)" = 0 ] &&
	pass "root: trace rings released" || fail "root: trace rings released" "$(tr '\n' ' ' < /tmp/call.log)"
# A cell asks for rings of its own (SETUP): refused before any argument is looked at.
run_inmate $hello hello "action=call conduit=hvc fn=0xc6000012 arg=0x1"
wait_state 1 failed && cell_file 1 reason | grep -q "hypercall 0x12 not allowed" &&
	[ "$(root_call fn=0xc6000012 a1=0x4 a2=0)" = 0 ] &&
	pass "cell: the trace hypercall stops it, and no rings appear" ||
	fail "cell: the trace hypercall stops it, and no rings appear" "'$(cell_file 1 reason)' $(tr '\n' ' ' < /tmp/call.log)"
hvctl cell destroy hello > /dev/null 2>&1
# A cell's exits and injections: the latency cell's timer interrupts on its CPU 1.
hvctl cell create configs/qemu-virt-latency.cell > /dev/null 2>&1 &&
hvctl cell load latency $inmates/timer-latency.bin -s "samples=1000000 period-us=1000" > /dev/null 2>&1 &&
hvctl cell start latency > /dev/null 2>&1
sleep 1
line=$(probe_log trace cell="$(cell_id latency)" cpu=1 ms=300 | grep "injections")
echo "trace: $line"
echo "$line" | grep -qE ": [1-9][0-9]* exits, [1-9][0-9]* timer injections \(latency ticks min [1-9]" &&
	[ "$(root_call fn=0xc6000012 a1=0x5 a2=0)" = 0 ] &&
	pass "a cell's exits and timer injections are recorded, with their latency" ||
	fail "a cell's exits and timer injections are recorded, with their latency" "'$line'"
hvctl cell destroy latency > /dev/null 2>&1

echo "--- console floods"
hvctl cell destroy hello > /dev/null 2>&1
flood_start=$(date +%s)
run_inmate $hello hello "action=reset"
run_inmate configs/qemu-virt-rtc.cell rtc-demo "action=route-flood intid=34"
sleep 2
# The root asks for a cell that is not there: the hypervisor says so on its console.
root_call fn=0xc6000007 a1=0x3039 > /dev/null
sleep 3
hvctl console | grep -q "no cell with id 12345" && pass "a root-caused message outlives two cells' floods" ||
	fail "a root-caused message outlives two cells' floods" \
		"$(hvctl console | tail -n 2 | tr '\n' ' ') ($(hvctl console hello | grep -c restarted) restarts in hello's console)"
restarts=$(hvctl console | grep -c 'cell "hello" restarted itself')
# The cell's own ring wraps while it floods: count its restarts and what the
# rate limit kept off the hypervisor console from the hypervisor's counters.
hello_id=$(for c in $cells/*; do [ "$(cat $c/name)" = hello ] && basename $c; done)
own=$(cat $cells/$hello_id/restarts)
suppressed=$(cat $cells/$hello_id/messages_suppressed)
# At most 10 a second, and a second more for the window the flood began in.
allowed=$((($(date +%s) - flood_start + 2) * 10))
[ "$restarts" -le "$allowed" ] && [ "$own" -gt "$restarts" ] && [ "$suppressed" -gt 0 ] &&
	pass "resets in a loop: a few on the hypervisor console, the rest in the cell's" ||
	fail "resets in a loop: a few on the hypervisor console, the rest in the cell's" \
		"$restarts (at most $allowed) vs $own restarts, $suppressed suppressed"
id=$(for c in $cells/*; do [ "$(cat $c/name)" = rtc-demo ] && basename $c; done)
[ "$(cell_file 1 messages_suppressed)" -gt 100 ] && [ "$(cell_file "$id" messages_suppressed)" -gt 100 ] &&
	pass "suppressed messages are counted per cell" ||
	fail "suppressed messages are counted per cell" "$(cell_file 1 messages_suppressed) $(cell_file "$id" messages_suppressed)"
hvctl console | grep -q 'cell "rtc-demo": [0-9]* more messages, in its own console only' &&
	pass "the hypervisor console says what it left out" ||
	fail "the hypervisor console says what it left out" "$(hvctl console | tail -n 3 | tr '\n' ' ')"
check "flooding cells destroy" sh -c "hvctl cell destroy hello && hvctl cell destroy rtc-demo"

# Disable with the rings set up and the exits of one root CPU traced (the one that
# synced): no CPU may keep the traced vectors (the next enable would run into them).
root_call fn=0xc6000012 a1=0x1 a2=1 > /dev/null
root_call fn=0xc6000012 a1=0x2 a2=1 > /dev/null
[ "$(root_call fn=0xc6000012 a1=0x3 a2=0)" = 0 ] || echo "trace: root CPU not synced"
check "disable after hardening" hvctl disable
[ "$(cat /sys/devices/system/cpu/vulnerabilities/spectre_v2)" = "$spectre_before" ] &&
	pass "the root's Spectre v2 state is what it was" ||
	fail "the root's Spectre v2 state is what it was" "'$spectre_before' -> '$(cat /sys/devices/system/cpu/vulnerabilities/spectre_v2)'"
check "enable again after a disable with a traced root CPU" hvctl enable configs/qemu-virt.cell
check "and disable again" hvctl disable
