#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Management: a root driver's interrupt after the cell that took it is gone,
# commands on one cell while another is created and destroyed,
# privilege (an unprivileged user reads nothing), and unloading the module
# with cells present.
. /bulkhead/tests/lib.sh
plan 32
cd /bulkhead
inmates=/bulkhead/inmates
hv=/sys/devices/bulkhead
rtc_dev=/sys/bus/amba/devices/9010000.pl031
churn_cycles=20

hvctl enable configs/qemu-virt.cell > /dev/null 2>&1 || fail "enable for management" "$(dmesg | tail -3)"

# run CONFIG CELL IMAGE CMDLINE: create, load, start.
run() {
	hvctl cell create "$1" > /dev/null &&
	hvctl cell load "$2" "$inmates/$3" -s "$4" > /dev/null &&
	hvctl cell start "$2" > /dev/null
}

# rtc_fires: the root's RTC alarm interrupt is counted within 4 s of setting it.
rtc_fires() {
	before=$(irq_count rtc-pl031)
	for alarm in /sys/class/rtc/rtc*/wakealarm; do echo 0 > "$alarm"; echo +1 > "$alarm"; done
	n=0
	while [ $n -lt 40 ] && [ "$(irq_count rtc-pl031)" = "$before" ]; do sleep 0.1; n=$((n + 1)); done
	after=$(irq_count rtc-pl031)
	[ -n "$before" ] && [ "$after" -gt "$before" ] 2> /dev/null
}

echo "--- a root driver's interrupt, taken by a cell and given back"
rtc_fires && pass "root's RTC interrupt fires before any cell took it" ||
	fail "root's RTC interrupt fires before any cell took it" "rtc-pl031 '$before' -> '$after'"
# The cell takes the RTC's interrupt 34 but not the RTC: Linux's driver stays bound.
check "create a cell with the RTC's interrupt" hvctl cell create tests/cell-root-irq.cell
rtc_fires && fail "root's RTC interrupt silent while the cell holds it" "rtc-pl031 $before -> $after" ||
	pass "root's RTC interrupt silent while the cell holds it"
check "destroy the cell with the RTC's interrupt" hvctl cell destroy hello
rtc_fires && pass "root's RTC interrupt fires again after destroy" ||
	fail "root's RTC interrupt fires again after destroy" "rtc-pl031 '$before' -> '$after'"

echo "--- commands on one cell while another is created and destroyed"
run configs/qemu-virt-hello.cell hello hello.bin "interval-ms=20" ||
	fail "start the watched cell" "$(hvctl cell list 2>&1 | tr '\n' ' ')"
rm -f /tmp/churn-done /tmp/churn.log /tmp/watch.log
# rtc-demo takes CPU 2 and the root's RTC with its interrupt, and gives them back.
(
	i=0
	while [ $i -lt $churn_cycles ]; do
		run configs/qemu-virt-rtc.cell rtc-demo hello.bin "interval-ms=10" &&
		hvctl cell destroy rtc-demo > /dev/null || echo "cycle $i failed"
		i=$((i + 1))
	done
	echo "$i" > /tmp/churn-done
) > /tmp/churn.log 2>&1 &
# watch_hello N: hvctl on hello until the churn is done; failures to /tmp/watch.log.
watch_hello() {
	rounds=0
	while [ ! -e /tmp/churn-done ]; do
		for cmd in "cell list" "cell stats hello --once" "console hello" "channel list"; do
			# shellcheck disable=SC2086
			hvctl $cmd > /tmp/watch.$1 2>&1 ||
				echo "hvctl $cmd: $(tr '\n' ' ' < /tmp/watch.$1)" >> /tmp/watch.log
		done
		rounds=$((rounds + 1))
	done
	echo $rounds > /tmp/watch.$1
}
# Two watchers, so that more of each destroy falls on a command.
watch_hello 1 &
watch_hello 2
wait
rounds=$(( $(cat /tmp/watch.1) + $(cat /tmp/watch.2) ))
[ "$(cat /tmp/churn-done)" = $churn_cycles ] && [ ! -s /tmp/churn.log ] &&
	pass "$churn_cycles create/start/destroy cycles of rtc-demo" ||
	fail "$churn_cycles create/start/destroy cycles of rtc-demo" "$(head -n 3 /tmp/churn.log | tr '\n' ' ')"
[ "$rounds" -ge $churn_cycles ] && pass "hvctl ran on hello throughout ($rounds rounds of 4 commands)" ||
	fail "hvctl ran on hello throughout" "only $rounds rounds"
[ ! -s /tmp/watch.log ] && pass "no command on hello failed meanwhile" ||
	fail "no command on hello failed meanwhile" "$(wc -l < /tmp/watch.log) failed: $(head -n 2 /tmp/watch.log | tr '\n' ' ')"

[ -e $rtc_dev/driver ] && pass "rtc-pl031 bound again after the last destroy" ||
	fail "rtc-pl031 bound again after the last destroy" "$rtc_dev has no driver"
rtc_fires && pass "root's RTC interrupt fires after $churn_cycles cells took it" ||
	fail "root's RTC interrupt fires after $churn_cycles cells took it" "rtc-pl031 '$before' -> '$after'"

echo "--- privilege: an unprivileged user reads nothing"
# attempt COMMAND...: COMMAND succeeds as root, then fails for an
# unprivileged user with a refusal; its standard input is $stdin, opened by
# root. Returns 0, or 1 with the reason in $why.
stdin=/dev/null
attempt() {
	why=""
	if ! "$@" < $stdin > /tmp/out 2>&1; then
		why="fails as root too: $(tail -n 2 /tmp/out | tr '\n' ' ')"
	elif runas "$@" < $stdin > /tmp/out 2>&1; then
		why="succeeded unprivileged: $(head -c 100 /tmp/out | tr '\n' ' ')"
	elif ! grep -qEi "permission denied|not permitted" /tmp/out; then
		why="unclear refusal: $(tr '\n' ' ' < /tmp/out)"
	fi
	[ -z "$why" ]
}

# privileged NAME PATTERN COMMAND...: attempt, and the refusal names PATTERN (grep -Ei).
privileged() {
	name=$1
	pattern=$2
	shift 2
	if ! attempt "$@"; then
		fail "$name" "$why"
	elif ! grep -qEi "$pattern" /tmp/out; then
		fail "$name" "refusal lacks /$pattern/: $(tr '\n' ' ' < /tmp/out)"
	else
		pass "$name"
	fi
}

privileged "hvctl info needs root" "run hvctl as root" hvctl info
privileged "hvctl console needs root" "run hvctl as root" hvctl console
privileged "hvctl console CELL needs root" "run hvctl as root" hvctl console hello
privileged "hvctl cell list needs root" "run hvctl as root" hvctl cell list
privileged "hvctl cell stats needs root" "run hvctl as root" hvctl cell stats hello --once
privileged "hvctl channel list needs root" "run hvctl as root" hvctl channel list
privileged "hvctl channel info needs root" "run hvctl as root" hvctl channel info root-echo
privileged "a channel device needs root" "root-echo" sh -c 'exec 3< /dev/bulkhead-channel/root-echo'
# The driver refuses, not only the nodes' modes.
chmod 666 /dev/bulkhead /dev/bulkhead-channel/root-echo
privileged "/dev/bulkhead needs root whatever its mode" "run hvctl as root" hvctl info
privileged "a channel device needs root whatever its mode" "root-echo" \
	sh -c 'exec 3< /dev/bulkhead-channel/root-echo'
chmod 600 /dev/bulkhead /dev/bulkhead-channel/root-echo
# /dev/bulkhead opened by root and inherited: each call on it is refused.
stdin=/dev/bulkhead
privileged "read() of an inherited /dev/bulkhead needs root" "cat" cat
privileged "status ioctl on an inherited /dev/bulkhead needs root" "status" celltool status
privileged "console ioctl on an inherited /dev/bulkhead needs root" "console" celltool console 1
stdin=/dev/null
files=0
open_files=""
# The driver's files; uevent and power/ are the driver core's, and tell nothing.
for f in $hv/* $hv/cells/*/*; do
	[ -f "$f" ] && [ "${f##*/}" != uevent ] || continue
	files=$((files + 1))
	attempt cat "$f" || open_files="$open_files $f ($why)"
done
# 6, and 16 for each of the root and hello.
[ $files = 38 ] && [ -z "$open_files" ] &&
	pass "every sysfs file of the driver needs root ($files files)" ||
	fail "every sysfs file of the driver needs root" "$files files; not refused:$(echo "$open_files" | head -c 300)"

echo "--- unloading the module"
# The last step hello counted (its console ring wraps: the number of lines stops growing).
last_count() {
	hvctl console hello | sed -n 's/^count \([0-9]*\)$/\1/p' | tail -n 1
}
counted=$(last_count)
expect_error "rmmod refused while cells exist" "in use|busy|temporarily unavailable" rmmod bulkhead
sleep 0.3
[ -e /dev/bulkhead ] && [ "$(cat $hv/cells/1/state)" = running ] &&
	[ "$(last_count)" -gt "$counted" ] 2> /dev/null &&
	pass "cells run on after a refused rmmod" ||
	fail "cells run on after a refused rmmod" "$(hvctl cell list 2>&1 | tr '\n' ' ')"
check "destroy hello" hvctl cell destroy hello
expect_error "rmmod refused while enabled" "in use|busy|temporarily unavailable" rmmod bulkhead
check "disable after management tests" hvctl disable
check "rmmod once disabled" rmmod bulkhead
[ ! -e /dev/bulkhead ] && [ ! -e $hv ] && pass "module gone" ||
	fail "module gone" "/dev/bulkhead or $hv still there"
check "insmod again" insmod /bulkhead/bulkhead.ko
