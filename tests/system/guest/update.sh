#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A/B updates (hvctl cell update): refusals that leave the running cell as it
# was; new images that fault or reset themselves on probation, rolled back by
# the hypervisor alone; new images that pass probation, committed, and what
# a later restart runs; another cell running throughout.
. /bulkhead/tests/lib.sh
plan 58
cd /bulkhead
inmates=/bulkhead/inmates
# Cell "update": CPU 1, 1 MiB at 0x71000000, a 128 KiB image store (two image sets).
store_config=tests/update-store.cell
# The same with a 32 KiB store: room for hello.bin, not for hello.bin and misbehave.bin.
small_config=tests/update-small.cell
probation_ms=10000
# The same with a 200 ms heartbeat watchdog and a 2 s probation.
wd_config=tests/update-watchdog.cell
# Cell "linux" (CPUs 2-3) with a 128 MiB store: two sets of Debian's kernel, initramfs, device tree.
linux_config=tests/update-linux.cell
kernel=/bulkhead/linux/Image
initrd=/bulkhead/linux/initramfs.cpio.gz
ready="linux-cell: ready"

check "enable for updates" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

# said PATTERN: how many lines of the hypervisor console match.
said() {
	hvctl console 2> /dev/null | grep -cE "$1"
}

# versions CELL: how often hello's "version=N" command line shows on its console.
versions() {
	hvctl console "$1" 2> /dev/null | grep -c "command line: \"version=$2\""
}

# status_says NAME PATTERN: hvctl cell update --status update, its lines joined, matches PATTERN.
status_says() {
	if hvctl cell update --status update > /tmp/status 2>&1 &&
	   tr '\n' ' ' < /tmp/status | grep -qE "$2"; then
		pass "$1"
	else
		fail "$1" "$(tr '\n' ' ' < /tmp/status)"
	fi
}

# refused NAME PATTERN COMMAND...: fails with PATTERN, and cell "update" runs
# version 1 on as before: same state, its console still counting.
refused() {
	name=$1
	shift
	before=$(hvctl console update 2> /dev/null | wc -l)
	expect_error "$name" "$@"
	sleep 0.3
	after=$(hvctl console update 2> /dev/null | wc -l)
	state=$(cell_file "$id" state)
	if [ "$state" = running ] && [ "$after" -gt "$before" ] && [ "$(versions update 1)" = 1 ]; then
		pass "$name: the old images run on"
	else
		fail "$name: the old images run on" "state $state, console $before -> $after lines, version 1 seen $(versions update 1) times"
	fi
}

echo "--- another cell, running throughout"
hvctl cell create configs/qemu-virt-passive.cell > /dev/null 2>&1
other=$(cell_id passive-hello)
check "a second cell runs hello" sh -c "hvctl cell load passive-hello $inmates/hello.bin && hvctl cell start passive-hello"

echo "--- refusals"
check "a cell without a store" hvctl cell create configs/qemu-virt-hello.cell
check "runs hello" sh -c "hvctl cell load hello $inmates/hello.bin -s version=1 && hvctl cell start hello"
expect_error "no update without an image store" "no image-store region" \
	hvctl cell update hello $inmates/hello.bin -s version=2
check "destroy it" hvctl cell destroy hello
check "a cell with a small store" hvctl cell create $small_config
id=$(cell_id update)
check "runs hello version 1" sh -c "hvctl cell load update $inmates/hello.bin -s version=1 && hvctl cell start update"
wait_console update 'version=1' 5
refused "no update the store cannot hold" "need 0x6000 bytes of image store.*leaving 0x4000" \
	hvctl cell update update $inmates/misbehave.bin -s action=ok
check "destroy it" hvctl cell destroy update
check "a cell with a store for two image sets" hvctl cell create $store_config
id=$(cell_id update)
check "load hello version 1" hvctl cell load update $inmates/hello.bin -s version=1
expect_error "no update of a cell that is not running" "it is not running" \
	hvctl cell update update $inmates/hello.bin -s version=2
check "start hello version 1" hvctl cell start update
wait_console update 'version=1' 5
expect_error "no update of a cell that does not exist" "no cell \"nosuchcell\"" \
	hvctl cell update nosuchcell $inmates/hello.bin -s version=2
refused "no update with a piece outside the cell's RAM" "do not fit in a loadable region" \
	hvctl cell update update $inmates/hello.bin -a 0x200000
status_says "status: idle, nothing staged after the refusals" \
	"update idle.*running images at 0x0, [0-9]+ bytes.*committed: 0, rolled back: 0"

echo "--- new images that fail on probation"
check "update to an image that faults" hvctl cell update update $inmates/misbehave.bin \
	-s "action=write addr=0x10000000"
# The fault stops the new images; the hypervisor puts version 1 back by itself.
# Known from its record (the update's state, the cell's fault count), not from
# the cell's console, where the cell could print the same words.
n=0
until hvctl cell update --status update 2> /dev/null | grep -q "rolled back: it faulted" ||
      [ $n -ge 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
status_says "the faulting images are rolled back" \
	"update rolled back: it faulted on probation"
[ "$(cell_file "$id" faults)" = 1 ] && pass "the fault is on the cell's record" ||
	fail "the fault is on the cell's record" "faults '$(cell_file "$id" faults)'"
n=0
while [ "$(versions update 1)" -lt 2 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(versions update 1)" = 2 ] && [ "$(cell_file "$id" state)" = running ] &&
	pass "version 1 runs again, by the hypervisor alone" ||
	fail "version 1 runs again, by the hypervisor alone" "version 1 seen $(versions update 1) times, state $(cell_file "$id" state)"
status_says "status: rolled back, it faulted" "update rolled back: it faulted on probation"
status_says "status: one rollback counted" "committed: 0, rolled back: 1"
check "update to an image that resets itself" hvctl cell update update $inmates/misbehave.bin \
	-s "action=reset"
n=0
while [ "$(versions update 1)" -lt 3 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(versions update 1)" = 3 ] &&
	pass "a reset on probation rolls back to version 1" ||
	fail "a reset on probation rolls back to version 1" "version 1 seen $(versions update 1) times"
status_says "status: rolled back, it reset itself" "rolled back: it reset itself on probation.*rolled back: 2"

echo "--- new images that pass probation"
check "update to hello version 2" hvctl cell update update $inmates/hello.bin -s version=2
status_says "status: on probation, time left" "update probation, [0-9]+ of $probation_ms ms of probation left"
expect_error "no second update during probation" "still on probation" \
	hvctl cell update update $inmates/hello.bin -s version=3
wait_console update 'version=2' 5 && pass "version 2 runs" || fail "version 2 runs" "not on its console"
wait_console update "update committed after $probation_ms ms of probation" 15 &&
	pass "committed after its probation" ||
	fail "committed after its probation" "$(hvctl console update | tail -n 2 | tr '\n' ' ')"
status_says "status: committed, one update" "update committed.*committed: 1, rolled back: 2"
# Now an update that restarts itself after its probation: the restart must run it, not version 2.
check "update to misbehave, which resets after 12 s" hvctl cell update update \
	$inmates/misbehave.bin -s "action=reboot delay-ms=12000"
wait_console update "update committed" 15
n=0
while [ "$(hvctl console update | grep -c 'misbehave: boot 1 mark pristine')" -lt 2 ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
[ "$(hvctl console update | grep -c 'misbehave: boot 1 mark pristine')" -ge 2 ] &&
	[ "$(versions update 2)" = 1 ] &&
	pass "a restart after the commit runs the new images, pristine from the store" ||
	fail "a restart after the commit runs the new images, pristine from the store" "$(hvctl console update | grep -E 'misbehave: boot|version=' | tr '\n' ' ')"
status_says "status: two updates committed" "committed: 2, rolled back: 2"

echo "--- the other cell, and the end"
[ "$(cell_file "$other" state)" = running ] && wait_console passive-hello '[0-9]+' 1 &&
	pass "the other cell ran throughout" ||
	fail "the other cell ran throughout" "state $(cell_file "$other" state)"
check "destroy the updated cell" hvctl cell destroy update
check "destroy the other cell" hvctl cell destroy passive-hello

echo "--- new images that stop feeding their watchdog"
# heartbeat_boots: how many times the heartbeat inmate started in cell "update".
heartbeat_boots() {
	hvctl console update 2> /dev/null | grep -c "heartbeat: boot data 1"
}
check "a cell with a heartbeat watchdog" hvctl cell create $wd_config
check "runs an inmate that feeds it" sh -c "hvctl cell load update $inmates/heartbeat.bin \
	-s then=feed && hvctl cell start update"
wait_console update "heartbeat: boot" 5
check "update to one that stops feeding after 3 beats" hvctl cell update update \
	$inmates/heartbeat.bin -s "beats=3 then=hang"
wait_console update "update rolled back: its watchdog expired on probation" 10 &&
	pass "the starving images are rolled back" ||
	fail "the starving images are rolled back" "$(hvctl console update | tail -n 3 | tr '\n' ' ')"
# The feeding image runs again (a third boot) and keeps its watchdog fed: no second expiry
# (the expiry report ends its line; the rollback and the restart name it too).
sleep 1
[ "$(heartbeat_boots)" = 3 ] && [ "$(hvctl console update | grep -c 'watchdog expired$')" = 1 ] &&
	pass "the old images run again and feed the watchdog" ||
	fail "the old images run again and feed the watchdog" "$(heartbeat_boots) boots, $(hvctl console update | grep -c 'watchdog expired$') expiries"
status_says "status: rolled back, its watchdog expired" "rolled back: its watchdog expired on probation"
check "update to one that feeds for good" hvctl cell update update $inmates/heartbeat.bin \
	-s "then=feed period-ms=20"
wait_console update "update committed after 2000 ms of probation" 10 &&
	pass "fed through its 2 s probation: committed" ||
	fail "fed through its 2 s probation: committed" "$(hvctl console update | tail -n 3 | tr '\n' ' ')"
check "destroy the cell with a watchdog" hvctl cell destroy update

echo "--- the Linux cell's kernel, initramfs and device tree"
# readies: how many times the cell's Linux reached its shell so far.
readies() {
	hvctl console linux 2> /dev/null | grep -c "$ready"
}
wait_readies() {
	n=0
	while [ "$(readies)" -lt "$1" ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
	[ "$(readies)" -ge "$1" ]
}
check "create the Linux cell with a store for two sets" hvctl cell create $linux_config
check "load and start its Linux" sh -c "hvctl cell load linux $kernel --initrd $initrd \
	--cmdline 'console=ttyAMA0 quiet' && hvctl cell start linux"
wait_readies 1 && pass "its Linux is up" || fail "its Linux is up" "$(hvctl console linux | tail -n 3 | tr '\n' ' ')"
check "update it to the same bundle with another command line" hvctl cell update linux $kernel \
	--initrd $initrd --cmdline "console=ttyAMA0 quiet bulkhead.update=2"
if wait_readies 2 && hvctl console linux --send "cat /proc/cmdline\n" > /dev/null &&
   wait_console linux "quiet bulkhead.update=2" 20; then
	pass "the updated Linux runs, with the new command line"
else
	fail "the updated Linux runs, with the new command line" "$(hvctl console linux | tail -n 3 | tr '\n' ' ')"
fi
wait_console linux "update committed after $probation_ms ms of probation" 30 &&
	pass "the Linux update is committed" ||
	fail "the Linux update is committed" "$(hvctl console | grep linux | tail -n 2 | tr '\n' ' ')"
check "destroy the Linux cell" hvctl cell destroy linux
pool_is "the pool is back where it was" "$pool_start"
check "disable" hvctl disable
