#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Events for supervisors: what a cell's life posts, in order and without
# gaps; a follower in the background woken by the event_irq; a reader that
# fell behind told what it lost; the counters in sysfs and hvctl cell list;
# the hypercall refused to bad buffers and to cells.
. /bulkhead/tests/lib.sh
plan 32
cd /bulkhead
inmates=/bulkhead/inmates
hv_call=0xc6000010	# BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_EVENTS_READ

check "enable for events" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

# events_of NAME FILE: "SEQ TYPE REASON DETAIL2" of cell NAME's events in
# the JSON lines of FILE (REASON "-" where the type has none).
events_of() {
	grep "\"cell_name\": \"$1\"" "$2" | sed -e 's/"detail": [0-9]*, //' \
		-e 's/^{"seq": \([0-9]*\), .*"type": "\([a-z-]*\)", .*"cell_name": "[^"]*", \("reason": "\([a-z]*\)", \)\{0,1\}"detail2": \([0-9]*\)}$/\1 \2 \4 \5/' |
		awk '{ if (NF == 3) print $1, $2, "-", $3; else print }'
}

# consecutive FILE: the "SEQ ..." lines of FILE number on by one.
consecutive() {
	awk 'NR > 1 && $1 != prev + 1 { bad = 1 } { prev = $1 } END { exit bad }' "$1"
}

echo "--- the device"
[ -c /dev/bulkhead-events ] && [ "$(stat -c %a /dev/bulkhead-events)" = 600 ] &&
	pass "/dev/bulkhead-events exists, root only" ||
	fail "/dev/bulkhead-events exists, root only" "$(ls -l /dev/bulkhead-events 2>&1)"
chmod 666 /dev/bulkhead-events
expect_error "the driver refuses a reader without privilege whatever the mode" \
	"run hvctl as root" runas hvctl events
chmod 600 /dev/bulkhead-events
# Opened by root, read by an unprivileged process: each read is checked.
expect_error "an inherited events file gives an unprivileged reader nothing" \
	"not permitted" sh -c 'runas cat < /dev/bulkhead-events'

echo "--- a cell's life, followed live"
hvctl events -f --json --new > /tmp/follow.json 2> /tmp/follow.err &
follower=$!
sleep 1
# Blocked in poll(), not spinning: the event_irq has to wake it.
state=$(sed 's/^[0-9]* ([^)]*) \(.\).*/\1/' /proc/$follower/stat 2> /dev/null)
[ "$state" = S ] && pass "the follower sleeps until events come" ||
	fail "the follower sleeps until events come" "process state '$state'"
hvctl cell create configs/qemu-virt-hello.cell > /dev/null 2>&1
id=$(cell_id hello)
hvctl cell load hello $inmates/misbehave.bin -s "action=write addr=0x70000000" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait_state "$id" failed
faults=$(cell_file "$id" faults)
hvctl cell shutdown hello > /dev/null 2>&1
check "destroy the faulted cell" hvctl cell destroy hello
[ "$faults" = 1 ] && pass "the fault is counted in sysfs" ||
	fail "the fault is counted in sysfs" "faults '$faults'"

hvctl events --json > /tmp/all.json 2>&1
events_of hello /tmp/all.json > /tmp/life
expected="created - 0
started - 0
fault write 1
stopped root 0
destroyed - 0"
[ "$(cut -d' ' -f2- /tmp/life)" = "$expected" ] &&
	pass "create, start, fault, shutdown, destroy: exactly those events, in order" ||
	fail "create, start, fault, shutdown, destroy: exactly those events" "$(tr '\n' ';' < /tmp/life)"
consecutive /tmp/life && pass "numbered without gaps" ||
	fail "numbered without gaps" "$(cut -d' ' -f1 /tmp/life | tr '\n' ' ')"
grep -q "\"cell\": $id, \"cell_name\": \"hello\"" /tmp/all.json &&
	pass "events name the cell by id and name" || fail "events name the cell by id and name" "$(head -2 /tmp/all.json)"
hvctl events > /tmp/all.txt 2>&1
grep -qE "^ *[0-9]+\.[0-9]{6}  #[0-9]+ +cell $id \"hello\": fault on CPU 1: write outside its memory" /tmp/all.txt &&
	pass "hvctl events says what happened in words" ||
	fail "hvctl events says what happened in words" "$(grep fault /tmp/all.txt)"

n=0
while [ "$(events_of hello /tmp/follow.json | wc -l)" -lt 5 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(events_of hello /tmp/follow.json)" = "$(cat /tmp/life)" ] &&
	pass "the background follower saw the same events as they came" ||
	fail "the background follower saw the same events" "$(tr '\n' ';' < /tmp/follow.json) $(cat /tmp/follow.err)"
kill -INT $follower
wait $follower
status=$?
[ $status = 0 ] && ! kill -0 $follower 2> /dev/null && pass "SIGINT ends the follower cleanly" ||
	fail "SIGINT ends the follower cleanly" "exit status $status"

# A pipe closed under a follower: it ends at its next write, quietly.
( hvctl events -f --new 2> /tmp/pipe.err; echo $? > /tmp/pipe.status ) | head -n 1 > /tmp/pipe.out &
sleep 1
hvctl cell create configs/qemu-virt-hello.cell > /dev/null 2>&1
# head has its line and is gone: the next event's write finds the pipe closed.
sleep 1
hvctl cell destroy hello > /dev/null 2>&1
n=0
while [ ! -s /tmp/pipe.status ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat /tmp/pipe.status 2> /dev/null)" = 0 ] && grep -q "created on CPUs 1" /tmp/pipe.out &&
	[ ! -s /tmp/pipe.err ] && pass "a closed pipe ends hvctl events -f quietly (SIGPIPE)" ||
	fail "a closed pipe ends hvctl events -f quietly" "status '$(cat /tmp/pipe.status 2>&1)', out '$(cat /tmp/pipe.out)', err '$(cat /tmp/pipe.err)'"

echo "--- a reader that falls behind"
hvctl cell create configs/qemu-virt-passive.cell > /dev/null 2>&1
pid=$(cell_id passive-hello)
# It resets itself (PSCI SYSTEM_RESET) as long as it runs: a RESTARTED event each time.
hvctl cell load passive-hello $inmates/misbehave.bin -s "action=reset" > /dev/null 2>&1
hvctl events -f --json --new > /tmp/slow.json 2>&1 &
slow=$!
sleep 1
kill -STOP $slow
hvctl cell start passive-hello > /dev/null 2>&1
# 1200 restarts: more events than the driver holds (1024).
n=0
while ! [ "$(cell_file "$pid" restarts)" -ge 1200 ] 2> /dev/null && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
hvctl cell shutdown passive-hello > /dev/null 2>&1
resets=$(cell_file "$pid" restarts)
[ "$resets" -ge 1200 ] 2> /dev/null && pass "1200 self-resets of a cell, one event each" ||
	fail "1200 self-resets of a cell" "restarts '$resets', state $(cell_file "$pid" state)"
last=$(hvctl events --json | tail -n 1 | sed 's/^{"seq": \([0-9]*\),.*/\1/')
kill -CONT $slow
n=0
while ! grep -q "\"seq\": $last," /tmp/slow.json && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
kill -INT $slow
wait $slow
# "L FIRST COUNT" for a lost-events line, "E SEQ" for an event.
sed -e 's/^{"type": "lost", "first_seq": \([0-9]*\), "count": \([0-9]*\)}$/L \1 \2/' \
	-e 's/^{"seq": \([0-9]*\),.*/E \1/' /tmp/slow.json > /tmp/slow.seq
lost=$(awk '$1 == "L" { n += $3 } END { print n + 0 }' /tmp/slow.seq)
[ "$lost" -ge 176 ] && [ "$(head -n 1 /tmp/slow.seq | cut -c1)" = L ] &&
	pass "the reader that fell behind is told how many it lost ($lost)" ||
	fail "the reader that fell behind is told how many it lost" "lost '$lost': $(head -n 3 /tmp/slow.seq | tr '\n' ' ')"
# Every number from the first wanted to the newest: an event, or in a lost count.
awk -v last="$last" '
	NR == 1 { next_seq = $2 }
	$1 == "L" { if ($2 != next_seq) bad = bad " lost from " $2 " at " next_seq; next_seq += $3 }
	$1 == "E" { if ($2 != next_seq) bad = bad " event " $2 " at " next_seq; next_seq++ }
	$1 != "L" && $1 != "E" { bad = bad " line " NR }
	END { if (next_seq != last + 1) bad = bad " ended at " next_seq; if (bad) { print bad; exit 1 } }' \
	/tmp/slow.seq > /tmp/slow.why &&
	pass "then it gets every later event up to the newest (#$last), none missing unsaid" ||
	fail "then it gets every later event up to the newest" "$(head -c 300 /tmp/slow.why)"
hvctl events > /tmp/late.txt 2>&1
grep -qE "^lost [0-9]+ events \(#1-#[0-9]+\): no longer held" /tmp/late.txt &&
	pass "hvctl events starts with the events no longer held" ||
	fail "hvctl events starts with the events no longer held" "$(head -n 2 /tmp/late.txt)"

echo "--- counters"
restarts=$(cell_file "$pid" restarts)
for f in watchdog_expiries faults rollbacks updates; do
	restarts="$restarts $(cell_file "$pid" $f)"
done
[ "$restarts" = "$resets 0 0 0 0" ] && pass "sysfs counters: its restarts, none of the others" ||
	fail "sysfs counters: its restarts, none of the others" "restarts, expiries, faults, rollbacks, updates: '$restarts'"
hvctl cell list > /tmp/list 2>&1
head -n 1 /tmp/list | grep -qE "FAILED-CPUS +RESTARTS +EXPIRIES +ROLLBACKS" &&
	grep -qE "^$pid +passive-hello +shut-down +3 +- +$resets +0 +0$" /tmp/list &&
	pass "hvctl cell list shows restarts, expiries, rollbacks" ||
	fail "hvctl cell list shows restarts, expiries, rollbacks" "$(tr '\n' ';' < /tmp/list)"
hvctl cell list --json | grep -q "\"restarts\": $resets, \"watchdog_expiries\": 0, \"faults\": 0, \"rollbacks\": 0, \"updates\": 0" &&
	pass "and so does its JSON" || fail "and so does its JSON" "$(hvctl cell list --json | tr '\n' ' ')"

echo "--- refused: bad buffers from the root, any call from a cell"
# call_refused NAME ADDR SAYS: the root kernel's EVENTS_READ into ADDR returns
# -EINVAL (-22) and the hypervisor says SAYS.
call_refused() {
	said=$(hvctl console | grep -c "$3")
	probe_log call fn=$hv_call a1=$2 a2=1 > /tmp/call.log
	if grep -q "returned -22 " /tmp/call.log && [ "$(hvctl console | grep -c "$3")" -gt "$said" ]; then
		pass "$1"
	else
		fail "$1" "$(tr '\n' ' ' < /tmp/call.log) $(hvctl console | tail -n 1)"
	fi
}
call_refused "a buffer in the hypervisor's memory is refused" 0x70000000 \
	"event buffer at 0x70000000+0x1000 is not root cell RAM"
call_refused "a buffer in memory lent to a cell is refused" 0x71400000 \
	"event buffer at 0x71400000+0x1000 is not root cell memory"
call_refused "a buffer over a device is refused" 0x9000000 \
	"event buffer at 0x9000000+0x1000 is not root cell RAM"
call_refused "a buffer in channel memory the root may only read is refused" 0x7e110000 \
	"event buffer at 0x7e110000+0x1000 is not writable root cell RAM"
call_refused "a buffer not on a page boundary is refused" 0x40000008 \
	"buffer 0x40000008 is not page aligned"

hvctl cell create configs/qemu-virt-hello.cell > /dev/null 2>&1
id=$(cell_id hello)
hvctl cell load hello $inmates/misbehave.bin -s "action=hvc code=16" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait_state "$id" failed
grep -q "hypercall 0x10 not allowed" "/sys/devices/bulkhead/cells/$id/reason" &&
	pass "a cell reading events is stopped" ||
	fail "a cell reading events is stopped" "state $(cell_file "$id" state), reason '$(cell_file "$id" reason)'"
hvctl events --json > /tmp/all.json 2>&1
events_of hello /tmp/all.json | tail -n 1 | grep -q " fault hypercall 1$" &&
	pass "and its attempt is an event itself" ||
	fail "and its attempt is an event itself" "$(hvctl events --json | tail -n 2 | tr '\n' ' ')"

check "destroy the cells" sh -c "hvctl cell destroy hello && hvctl cell destroy passive-hello"
pool_is "pool back at its start" "$pool_start"
root_alive "root alive after events"
check "disable after events" hvctl disable
