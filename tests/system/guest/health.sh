#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Cell health: the heartbeat watchdog and the failure policy (report, stop,
# restart from the pristine image store with back-off, at most N times in
# the window), and a restart while every root CPU spins with its interrupts
# off. The inmate is inmates/tests/arm64/heartbeat.c.
. /bulkhead/tests/lib.sh
plan 38
cd /bulkhead
image=/bulkhead/inmates/heartbeat.bin

check "enable for health" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

# lines CELL PATTERN: the cell's console lines matching PATTERN (grep -E).
lines() {
	hvctl console "$1" 2> /dev/null | grep -E "$2"
}

# count CELL PATTERN: how many there are.
count() {
	lines "$1" "$2" | wc -l
}

# wait_count CELL PATTERN N [SECONDS]: until there are N, for at most SECONDS (20).
wait_count() {
	n=0
	while [ "$(count "$1" "$2")" -lt "$3" ] && [ $n -lt $((${4:-20} * 10)) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(count "$1" "$2")" -ge "$3" ]
}

# run CELL CONFIG CMDLINE: creates, loads and starts the cell; sets id.
run() {
	hvctl cell create "$2" > /tmp/out 2>&1 &&
		hvctl cell load "$1" $image -s "$3" >> /tmp/out 2>&1 &&
		hvctl cell start "$1" >> /tmp/out 2>&1
	id=$(cell_id "$1")
}

echo "--- a hung inmate, restarted by its watchdog from its image store"
check "start an inmate that stops feeding after 5 beats" run health tests/health.cell \
	"beats=5 period-ms=25 then=hang tamper"
wait_count health "heartbeat: boot" 2
first=$(lines health "heartbeat: boot" | head -n 1)
case $first in
*"timeout 100 "*) pass "the communication region announces the 100 ms timeout" ;;
*) fail "the communication region announces the 100 ms timeout" "'$first'" ;;
esac
[ "$(count health "watchdog expired")" -ge 1 ] &&
	[ "$(count health "restarted after its watchdog expired on CPU 1 from its image store")" -ge 1 ] &&
	pass "the expiry is reported, the hypervisor restarts the cell" ||
	fail "the expiry is reported, the hypervisor restarts the cell" "$(hvctl console health | tail -n 4 | tr '\n' ' ')"
# Fed until its 5th beat; expired at least a timeout (6.25 M ticks at 62.5 MHz) after.
freq=$(echo "$first" | sed -n 's/.* freq \([0-9]*\) .*/\1/p')
fed=$(lines health "fed 5 times" | head -n 1 | sed -n 's/.* at \([0-9]*\).*/\1/p')
rebooted=$(lines health "heartbeat: boot" | sed -n '2s/.* at \([0-9]*\).*/\1/p')
is_number "$freq" && is_number "$fed" && is_number "$rebooted" &&
	[ $((rebooted - fed)) -ge $((freq / 10)) ] && [ $((rebooted - fed)) -lt $((freq / 2)) ] &&
	pass "it expired 100-200 ms after the last beat ($(((rebooted - fed) * 1000 / freq)) ms)" ||
	fail "it expired 100-200 ms after the last beat" "freq '$freq', fed at '$fed', boot at '$rebooted'"
# It had written 4294967295 over its timeout: the hypervisor goes by the config.
[ "$(count health "tampered, timeout now 4294967295")" -ge 1 ] &&
	[ "$(lines health "heartbeat: boot" | sed -n 2p | grep -c "timeout 100 ")" = 1 ] &&
	pass "the cell's own write of a longer timeout changes nothing" ||
	fail "the cell's own write of a longer timeout changes nothing" "$(lines health "tampered|heartbeat: boot" | head -n 3 | tr '\n' ' ')"
second=$(lines health "heartbeat: boot" | sed -n 2p)
case $second in
*"boot data 1 scratch 0x0 "*) pass "the restarted image is pristine and its RAM scrubbed" ;;
*) fail "the restarted image is pristine and its RAM scrubbed" "'$second' (first run: '$first')" ;;
esac
# Restarts 2 and 3, then the 4th expiry stops it: 4 boots in all.
wait_state "$id" failed 20
[ "$(count health "heartbeat: boot")" = 4 ] && [ "$(cell_file "$id" restarts)" = 3 ] &&
	pass "3 restarts within the window, then it stays failed" ||
	fail "3 restarts within the window, then it stays failed" "$(count health "heartbeat: boot") boots, restarts '$(cell_file "$id" restarts)', state '$(cell_file "$id" state)'"
[ "$(lines health "restarts in" | sed -n 's/.*restarts in \([0-9]*\) ms.*/\1/p' | tr '\n' ,)" = "20,40,80," ] &&
	pass "the back-off doubles: 20, 40, 80 ms" ||
	fail "the back-off doubles: 20, 40, 80 ms" "$(lines health "restarts in" | tr '\n' ' ')"
count health "failed again after 3 restarts within 60000 ms: stopped" | grep -qx 1 &&
	pass "giving up is reported" || fail "giving up is reported" "$(hvctl console health | tail -n 2 | tr '\n' ' ')"
[ "$(lines health "heartbeat: boot" | grep -c "boot data 1 scratch 0x0 ")" = 4 ] &&
	pass "every run started pristine" || fail "every run started pristine" "$(lines health "heartbeat: boot" | tr '\n' ' ')"
check "destroy the hung cell" hvctl cell destroy health

echo "--- a crash loop"
check "start an inmate that faults after 2 beats" run health tests/health.cell \
	"beats=2 period-ms=10 then=fault"
wait_count health "failed again after" 1
wait_state "$id" failed 5
# Faults and restarts from the hypervisor's record; boots from what the cell printed.
[ "$(count health "heartbeat: boot")" = 4 ] && [ "$(cell_file "$id" restarts)" = 3 ] &&
	[ "$(cell_file "$id" faults)" = 4 ] &&
	pass "4 faults, 3 restarts, then it stays failed" ||
	fail "4 faults, 3 restarts, then it stays failed" "$(count health "heartbeat: boot") boots, faults '$(cell_file "$id" faults)', restarts '$(cell_file "$id" restarts)'"
count health "restarted after a fault on CPU 1 from its image store" | grep -qx 3 &&
	pass "each restart names the fault" || fail "each restart names the fault" "$(lines health restarted | tr '\n' ' ')"
sleep 0.5
[ "$(count health "heartbeat: boot")" = 4 ] && [ "$(cell_file "$id" state)" = failed ] &&
	pass "and nothing restarts it after" ||
	fail "and nothing restarts it after" "$(count health "heartbeat: boot") boots, state '$(cell_file "$id" state)'"
check "destroy the crashing cell" hvctl cell destroy health

echo "--- stop: every CPU of the cell stops"
check "start a two-CPU inmate that stops feeding" run hstop tests/health-stop.cell \
	"second beats=3 period-ms=25 then=hang"
wait_state "$id" failed 10
count hstop "watchdog expired" | grep -qx 1 && count hstop "stopped by its failure policy" | grep -qx 1 &&
	pass "the expiry stops the cell" ||
	fail "the expiry stops the cell" "state '$(cell_file "$id" state)', $(hvctl console hstop | tail -n 2 | tr '\n' ' ')"
alive=$(count hstop "cpu 1 alive")
sleep 0.5
[ "$alive" -gt 0 ] && [ "$(count hstop "cpu 1 alive")" = "$alive" ] &&
	pass "its second CPU stopped too" ||
	fail "its second CPU stopped too" "cpu 1 printed $alive, then $(count hstop "cpu 1 alive") lines"
[ "$(count hstop "heartbeat: boot")" = 1 ] && pass "stop does not restart" ||
	fail "stop does not restart" "$(count hstop "heartbeat: boot") boots"
check "destroy the stopped cell" hvctl cell destroy hstop

echo "--- report: the cell runs on"
check "start a two-CPU inmate that stops feeding, policy report" run hsmp tests/health-smp.cell \
	"second beats=3 period-ms=25 then=hang"
wait_count hsmp "watchdog expired" 2 10
alive=$(count hsmp "cpu 1 alive")
sleep 0.5
[ "$(cell_file "$id" state)" = running ] && [ "$(count hsmp "cpu 1 alive")" -gt "$alive" ] &&
	[ "$(count hsmp "heartbeat: boot")" = 1 ] &&
	pass "each timeout without a beat is reported, the cell runs on" ||
	fail "each timeout without a beat is reported, the cell runs on" "state '$(cell_file "$id" state)', $(count hsmp "watchdog expired") expiries, $(count hsmp "heartbeat: boot") boots"
check "shut it down" hvctl cell shutdown hsmp
check "load the two-CPU inmate to fault" sh -c "hvctl cell load hsmp $image -s 'second beats=3 period-ms=25 then=fault' && hvctl cell start hsmp"
wait_state "$id" failed 10
alive=$(count hsmp "cpu 1 alive")
sleep 0.5
[ "$(count hsmp "cpu 1 alive")" -gt "$alive" ] && [ "$(cell_file "$id" failed_cpus)" = 2 ] &&
	[ "$(count hsmp "heartbeat: boot")" = 2 ] &&
	pass "a fault stops its CPU only, the other runs on" ||
	fail "a fault stops its CPU only, the other runs on" "cpu 1 printed $alive, then $(count hsmp "cpu 1 alive"); $(count hsmp "heartbeat: boot") boots"
check "destroy the reporting cell" hvctl cell destroy hsmp

echo "--- a restart while the root is hung"
check "start an inmate that hangs after 3 beats, restarted at once" run loop \
	tests/health-loop.cell "beats=3 period-ms=20 then=hang"
wait_count loop "heartbeat: boot" 2
before=$(cell_file "$id" restarts)
check "every root CPU spins 2 s with interrupts off" insmod /bulkhead/bulkhead_probe_hang.ko hang_ms=2000
after=$(cell_file "$id" restarts)
# Stopped at once: its console ring keeps the lines of the hang.
hvctl cell shutdown loop > /dev/null 2>&1
rmmod bulkhead_probe_hang > /dev/null 2>&1
window=$(dmesg | sed -n 's/.*bulkhead_probe_hang: root hung from tick \([0-9]*\) to tick \([0-9]*\).*/\1 \2/p' | tail -n 1)
start=${window% *} end=${window#* }
# The hypervisor's own record: "restarted ... resumes at tick T" lines with T inside the hang.
inside=$(lines loop "restarted after its watchdog expired" | sed -n 's/.* resumes at tick \([0-9]*\).*/\1/p' |
	awk -v s="$start" -v e="$end" '$1 > s && $1 < e { n++ } END { print n + 0 }')
is_number "$before" && is_number "$after" && [ "$after" -gt "$before" ] &&
	pass "restarts counted across the hang ($before -> $after)" ||
	fail "restarts counted across the hang" "'$before' -> '$after'"
is_number "$start" && is_number "$end" && [ "$inside" -ge 2 ] &&
	pass "the hypervisor restarted the cell $inside times while the root was hung" ||
	fail "the hypervisor restarted the cell while the root was hung" "hang '$window', $inside restarts inside; $(lines loop restarted | sed -n 's/.* resumes at tick //p' | tr '\n' ' ')"
booted=$(lines loop "heartbeat: boot" | sed -n 's/.* at \([0-9]*\)$/\1/p' |
	awk -v s="$start" -v e="$end" '$1 > s && $1 < e { n++ } END { print n + 0 }')
[ "$booted" -ge 2 ] && pass "and the restarted inmate ran then ($booted boots)" ||
	fail "and the restarted inmate ran then" "$booted boots inside '$window'"
root_alive "root alive after its hang"
check "destroy the restarting cell" hvctl cell destroy loop

pool_is "pool back at its start" "$pool_start"
root_alive "root alive after health"
check "disable after health" hvctl disable
