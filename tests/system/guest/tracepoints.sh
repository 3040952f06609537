#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The driver's tracepoints: every bulkhead:* event in tracefs with the layout
# of include/bulkhead/trace-events.h; drv_ioctl, drv_cell and drv_hotplug
# for a cell's life, in order and counted; a cell's doorbells to the root as
# drv_doorbell and the reader's drv_doorbell_wake; bad hvctl trace and ioctl
# arguments refused, changing nothing; and the hypervisor's rings drained into
# hv_exit and hv_cell for a traced cell, counted by hvctl trace status, given
# back when tracing goes off.
. /bulkhead/tests/lib.sh
plan 57
cd /bulkhead
inmates=/bulkhead/inmates
tracing=/sys/kernel/tracing
events=$tracing/events/bulkhead
ALL_EVENTS="hv_exit hv_virq hv_cell hv_doorbell hv_lost drv_ioctl drv_hotplug drv_doorbell drv_doorbell_wake drv_cell"

[ -d $tracing/events ] || mount -t tracefs tracefs $tracing
# An oops in an earlier group (every probe_denied kills insmod with one) turned tracing off.
echo 1 > $tracing/tracing_on

# trace_only EVENT...: only these bulkhead events enabled, the buffer empty.
trace_only() {
	echo 0 > $events/enable
	for e in "$@"; do echo 1 > $events/$e/enable; done
	echo > $tracing/trace
}

# lines EVENT: the records of EVENT in the buffer, from the event's name on.
lines() {
	sed -n "s/.* $1: //p" $tracing/trace
}

# count EVENT PATTERN: how many records of EVENT match PATTERN (grep -E).
count() {
	lines "$1" | grep -cE "$2"
}

echo "--- tracefs"
missing=""
for e in $ALL_EVENTS; do [ -f $events/$e/format ] || missing="$missing $e"; done
found=$(ls -d $events/*/ 2> /dev/null | wc -l)
[ -z "$missing" ] && [ "$found" = 10 ] && pass "tracefs has the 10 bulkhead events" ||
	fail "tracefs has the 10 bulkhead events" "missing:$missing; $found directories"
check "every format matches trace-events.h (field, offset, size, sign)" tpcheck
# The check itself fails on a difference: hv_exit's time_ns moved by 8 bytes.
mkdir -p /tmp/tpbad
for e in $ALL_EVENTS; do mkdir -p /tmp/tpbad/$e; cat $events/$e/format > /tmp/tpbad/$e/format; done
sed -i 's/\(field:u64 time_ns;[[:space:]]*offset:\)8;/\116;/' /tmp/tpbad/hv_exit/format
expect_error "the format check fails on a moved field" "MISMATCH hv_exit: field time_ns offset 16" \
	tpcheck /tmp/tpbad

check "enable for tracepoints" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

echo "--- a cell's life: drv_ioctl, drv_cell, drv_hotplug"
trace_only drv_ioctl drv_cell drv_hotplug
hvctl cell create configs/qemu-virt-hello.cell > /dev/null 2>&1
id=$(cell_id hello)
hvctl cell load hello $inmates/hello.bin -s "count=1 interval-ms=10" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait_console hello done
hvctl cell shutdown hello > /dev/null 2>&1
hvctl cell destroy hello > /dev/null 2>&1
ops=$(lines drv_cell | tr '\n' ';')
want="cell=$id op=create result=0;cell=$id op=load result=0;cell=$id op=start result=0;"
want="${want}cell=$id op=shutdown result=0;cell=$id op=destroy result=0;"
[ -n "$id" ] && [ "$ops" = "$want" ] && pass "drv_cell: create, load, start, shutdown, destroy in order" ||
	fail "drv_cell: create, load, start, shutdown, destroy in order" "'$ops'"
steps=$(lines drv_hotplug | tr '\n' ';')
want="cpu=1 cell=65535 step=offline-begin result=0;cpu=1 cell=65535 step=offline-end result=0;"
want="${want}cpu=1 cell=$id step=online-begin result=0;cpu=1 cell=$id step=online-end result=0;"
[ "$steps" = "$want" ] && pass "drv_hotplug: CPU 1 offline for the new cell, back online at destroy" ||
	fail "drv_hotplug: CPU 1 offline for the new cell, back online at destroy" "'$steps'"
# BULKHEAD_CELL_START is _IO(0xb4, 5).
[ "$(count drv_ioctl "^cmd=0xb405 nr=5 cell=$id result=0 duration_ns=[1-9]")" = 1 ] &&
	pass "drv_ioctl: hvctl cell start is one BULKHEAD_CELL_START naming the cell" ||
	fail "drv_ioctl: hvctl cell start is one BULKHEAD_CELL_START naming the cell" \
		"$(lines drv_ioctl | tr '\n' ';')"
[ "$(count drv_ioctl "^cmd=0xb407 nr=7 cell=$id result=0")" = 1 ] &&
	pass "drv_ioctl: hvctl cell destroy is one BULKHEAD_CELL_DESTROY" ||
	fail "drv_ioctl: hvctl cell destroy is one BULKHEAD_CELL_DESTROY" "$(lines drv_ioctl | tr '\n' ';')"
trace_only drv_ioctl
celltool trace 77 1 0 0 > /dev/null
[ "$(count drv_ioctl "^cmd=0x4010b412 nr=18 cell=77 result=-2 ")" = 1 ] &&
	pass "drv_ioctl: a refused call with its errno and the cell it named" ||
	fail "drv_ioctl: a refused call with its errno and the cell it named" "$(lines drv_ioctl)"
# An unprivileged process with a file root opened: refused (EPERM), and seen.
trace_only drv_ioctl
sh -c 'runas celltool status < /dev/bulkhead' > /dev/null 2>&1
[ "$(count drv_ioctl " nr=2 cell=-1 result=-1 ")" = 1 ] &&
	pass "drv_ioctl: an unprivileged BULKHEAD_GET_STATUS, refused" ||
	fail "drv_ioctl: an unprivileged BULKHEAD_GET_STATUS, refused" "$(lines drv_ioctl | tr '\n' ';')"

echo "--- doorbells from a cell to the root"
hvctl cell create configs/qemu-virt-echo.cell > /dev/null 2>&1 &&
	hvctl cell load echo $inmates/channel.bin -s "channel=root-echo role=echo" > /dev/null 2>&1 &&
	hvctl cell start echo > /dev/null 2>&1
echo_id=$(cell_id echo)
index=$(awk '$1 == "root-echo" { print NR - 1 }' /sys/devices/bulkhead/cells/0/channels)
check "ping-pong with the echo cell" chantest ping root-echo 3
# le32 N: N as 4 little-endian bytes. word OFFSET: the 32-bit word there, in decimal.
le32() {
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $((($1 >> 8) & 255)) \
		$((($1 >> 16) & 255)) $((($1 >> 24) & 255)))"
}
word() {
	hvctl channel read root-echo -o "$1" -n 4 | od -An -tu4 | tr -d ' '
}
# A doorbell left from the ping-pong is taken first.
hvctl channel wait root-echo -t 200 > /dev/null 2>&1
trace_only drv_doorbell drv_doorbell_wake
irqs_before=$(irq_count bulkhead-channel-root-echo)
answered=0
for n in 1 2 3 4 5; do
	seq=$(( $(word 4) + 1 ))
	{ le32 1; le32 0; } | hvctl channel write root-echo -o 8 &&
		le32 $seq | hvctl channel write root-echo -o 4 &&
		hvctl channel ring root-echo > /dev/null &&
		hvctl channel wait root-echo -t 2000 > /dev/null &&
		[ "$(word 16)" = "$seq" ] && answered=$((answered + 1))
done
irqs=$(( $(irq_count bulkhead-channel-root-echo) - irqs_before ))
rang=$(count drv_doorbell "^cell=$echo_id channel=$index$")
woke=$(count drv_doorbell_wake "^cell=$echo_id channel=$index latency_ns=[1-9]")
[ "$answered" = 5 ] && [ "$irqs" = 5 ] && pass "5 pings answered, 5 doorbell interrupts" ||
	fail "5 pings answered, 5 doorbell interrupts" "answered $answered, interrupts $irqs"
[ "$rang" = 5 ] && [ "$(lines drv_doorbell | wc -l)" = 5 ] &&
	pass "drv_doorbell: one per doorbell, naming the echo cell and the root's channel" ||
	fail "drv_doorbell: one per doorbell, naming the echo cell and the root's channel" \
		"$rang of $(lines drv_doorbell | tr '\n' ';')"
[ "$woke" = 5 ] && pass "drv_doorbell_wake: the reader back 5 times, latency > 0" ||
	fail "drv_doorbell_wake: the reader back 5 times, latency > 0" "$(lines drv_doorbell_wake | tr '\n' ';')"
hvctl cell destroy echo > /dev/null 2>&1

echo "--- bad arguments change nothing"
hvctl trace status --json > /tmp/status.before 2>&1
pool_before=$(pool_used)
expect_error "hvctl trace on --class: an unknown class" "'bogus' is not a class" \
	hvctl trace on --class exit,bogus
expect_error "hvctl trace on --pages: out of range" "'--pages 2000': not a number from 1 to 1024" \
	hvctl trace on --pages 2000
expect_error "hvctl trace on --period-us: out of range" "'--period-us 10': not a number from 1000 to 1000000" \
	hvctl trace on --period-us 10
expect_error "hvctl trace on: an unknown cell" "no cell \"nosuch\"" hvctl trace on nosuch
expect_error "hvctl trace off takes no options" "unknown option '--pages' for 'hvctl trace off'" \
	hvctl trace off --pages 4
# The driver's own checks, past hvctl's: each says which field and value.
expect_error "ioctl: mask bits outside the classes" "Invalid argument" celltool trace 0 0x100 0 0
dmesg | grep -q "trace: mask 0x100 has bits outside the classes" &&
	pass "the kernel log names the mask" || fail "the kernel log names the mask" "$(dmesg | tail -2)"
expect_error "ioctl: pages out of range" "Invalid argument" celltool trace 0 1 5000 0
dmesg | grep -q "trace: pages 5000, 1 to 1024 allowed" && pass "the kernel log names the pages" ||
	fail "the kernel log names the pages" "$(dmesg | tail -2)"
expect_error "ioctl: period out of range" "Invalid argument" celltool trace 0 1 0 999
dmesg | grep -q "trace: period_us 999, 1000 to 1000000 allowed" &&
	pass "the kernel log names the period" || fail "the kernel log names the period" "$(dmesg | tail -2)"
expect_error "ioctl: no such cell" "No such file or directory" celltool trace 77 1 0 0
hvctl trace status --json > /tmp/status.after 2>&1
cmp -s /tmp/status.before /tmp/status.after && grep -q '"tracing": false' /tmp/status.after &&
	pass "trace status unchanged, no rings" ||
	fail "trace status unchanged, no rings" "$(cat /tmp/status.before /tmp/status.after | tr '\n' ' ')"
pool_is "the hypervisor's pool unchanged by refused calls" "$pool_before"

echo "--- the hypervisor's rings: hv_exit and hv_cell of a traced cell"
# Records stamped with CLOCK_MONOTONIC, the clock time_ns is converted to.
echo mono > $tracing/trace_clock
trace_only hv_exit hv_cell hv_lost
hvctl cell create configs/qemu-virt-hello.cell > /dev/null 2>&1
id=$(cell_id hello)
hvctl cell load hello $inmates/hello.bin -s "count=3 interval-ms=10" > /dev/null 2>&1
pool_before=$(pool_used)
check "hvctl trace on hello --class exit,state" hvctl trace on hello --class exit,state --period-us 5000
[ "$(cell_file "$id" trace_mask)" = 0x5 ] && pass "sysfs trace_mask of the cell: exit|state" ||
	fail "sysfs trace_mask of the cell: exit|state" "'$(cell_file "$id" trace_mask)'"
[ "$(cell_file 0 trace_mask)" = 0x0 ] && pass "the root is not traced" ||
	fail "the root is not traced" "'$(cell_file 0 trace_mask)'"
hvctl trace status --json > /tmp/status.on 2>&1
hvctl --json trace off id:77 > /tmp/out 2> /tmp/err
rc=$?
cells=$(jsoncheck -g cells < /tmp/status.on)
[ "$cells" = "[{\"id\": 0, \"name\": \"qemu-virt-linux\", \"mask\": \"none\"}, {\"id\": $id, \"name\": \"hello\", \"mask\": \"exit,state\"}]" ] &&
	[ $rc = 1 ] && [ ! -s /tmp/err ] && jsoncheck -g error < /tmp/out | grep -q 'no cell' &&
	pass "--json: status is one JSON object, an error one too" ||
	fail "--json: status is one JSON object, an error one too" "$(cat /tmp/status.on /tmp/out /tmp/err | tr '\n' ' ')"
grep -q '"tracing": true, "pages": 16, "period_us": 5000' /tmp/status.on &&
	pass "status: rings of the default 16 pages, drained every 5000 us" ||
	fail "status: rings of the default 16 pages, drained every 5000 us" "$(cat /tmp/status.on)"
expect_error "rings of another size refused while they exist" \
	"rings exist with another size; 'hvctl trace off' first" hvctl trace on hello --pages 4
hvctl trace status | grep -qx "cell hello (id $id): exit,state" &&
	pass "hvctl trace status shows the cell's classes" ||
	fail "hvctl trace status shows the cell's classes" "$(hvctl trace status 2>&1 | tr '\n' ' ')"
hvctl cell start hello > /dev/null 2>&1
wait_console hello done
sleep 0.2
hvctl trace status --json > /tmp/status.done 2>&1
# Each line the cell printed is one printk: a BULKHEAD_HC_CONSOLE_WRITE per 8 bytes, newline included.
writes=$(hvctl console hello | awk '{ n += int((length($0) + 8) / 8) } END { print n }')
seen=$(count hv_exit "^cell=$id cpu=1 reason=hypercall detail=0x([0-9a-f]*0000000)?9 ")
is_number "$writes" && [ "$writes" -gt 6 ] && [ "$seen" = "$writes" ] &&
	pass "hv_exit: every console hypercall of the cell ($writes)" ||
	fail "hv_exit: every console hypercall of the cell" "$seen traced, $writes made"
[ "$(count hv_exit "^cell=$id cpu=1 reason=[a-z]* detail=0x[0-9a-f]* time_ns=[1-9][0-9]* duration_ns=[1-9]")" = \
  "$(lines hv_exit | wc -l)" ] && [ "$(count hv_exit "^cell=$id ")" -gt 0 ] &&
	pass "hv_exit: only the traced cell's, each with a time and a duration" ||
	fail "hv_exit: only the traced cell's, each with a time and a duration" "$(lines hv_exit | grep -v "cell=$id " | head -2)"
# Each exit happened before the driver emitted it, by at most a second (drained every 5 ms).
late=$(awk '/ hv_exit: / { for (i = 1; i < NF; i++) if ($(i + 1) == "hv_exit:") emitted = $i + 0
			 t = $0; sub(/.* time_ns=/, "", t); t = (t + 0) / 1e9
			 n++; if (t > emitted + 0.001 || t < emitted - 1) bad++ }
		 END { print n + 0, bad + 0 }' $tracing/trace)
[ "${late% *}" -gt 0 ] && [ "${late#* }" = 0 ] &&
	pass "hv_exit time_ns is CLOCK_MONOTONIC: shortly before its emission" ||
	fail "hv_exit time_ns is CLOCK_MONOTONIC: shortly before its emission" \
		"exits, out of range: $late; $(grep -m1 " hv_exit: " $tracing/trace)"
[ "$(count hv_cell "^cell=$id cpu=[0-9]* event=started ")" = 1 ] &&
	pass "hv_cell: the cell's start" || fail "hv_cell: the cell's start" "$(lines hv_cell | tr '\n' ';')"
# Records drained = tracepoints emitted: this cell's only, nothing lost.
records=$(sed -n 's/.*"records": \([0-9]*\), "lost": \([0-9]*\), .*/\1 \2/p' /tmp/status.done)
emitted=$(( $(lines hv_exit | wc -l) + $(lines hv_cell | wc -l) ))
[ "$emitted" -gt 0 ] && [ "$records" = "$emitted 0" ] && [ "$(lines hv_lost | wc -l)" = 0 ] &&
	pass "status counts what reached the tracepoints, none lost" ||
	fail "status counts what reached the tracepoints, none lost" "status '$records', emitted $emitted"
check "hvctl trace off hello" hvctl trace off hello
hvctl trace status > /tmp/status.off 2>&1
grep -q "^tracing: off" /tmp/status.off && pass "the last mask off releases the rings" ||
	fail "the last mask off releases the rings" "$(cat /tmp/status.off | tr '\n' ' ')"
pool_is "the rings are back in the hypervisor's pool" "$pool_before"
hvctl cell destroy hello > /dev/null 2>&1

# Off while the cell exits all the time: its CPU drops the mask when its kick comes.
hvctl cell create configs/qemu-virt-hello.cell > /dev/null 2>&1
hvctl cell load hello $inmates/hello.bin -s "interval-ms=1" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
pool_before=$(pool_used)
hvctl trace on hello --class exit > /dev/null 2>&1
sleep 0.2
hvctl trace off hello > /dev/null 2>&1
hvctl trace status > /tmp/status.off 2>&1
grep -q "^tracing: off" /tmp/status.off && ! dmesg | grep -q "kept its rings" &&
	pass "off while the traced cell runs: the rings go back" ||
	fail "off while the traced cell runs: the rings go back" "$(head -1 /tmp/status.off); $(dmesg | grep trace: | tail -1)"
pool_is "the pool as before, the cell still running" "$pool_before"
hvctl cell destroy hello > /dev/null 2>&1

echo "--- rings too small: what is lost is counted, and said"
trace_only hv_exit hv_lost
# One page (128 records) per CPU, drained once a second: CPU 0's hypercalls overrun it.
check "hvctl trace on id:0 --pages 1 --period-us 1000000" \
	hvctl trace on id:0 --class exit --pages 1 --period-us 1000000
for n in 1 2 3 4 5; do taskset -c 0 hvctl info > /dev/null; done
hvctl trace off > /dev/null 2>&1
# The counts stay after off; the rest was drained before the rings went.
hvctl trace status --json > /tmp/status.small 2>&1
set -- $(sed -n 's/.*"records": \([0-9]*\), "lost": \([0-9]*\), .*/\1 \2/p' /tmp/status.small) x x
lost_said=$(lines hv_lost | awk '{ sub(/.*lost=/, ""); n += $1 } END { print n + 0 }')
is_number "$2" && [ "$2" -gt 0 ] && [ "$lost_said" = "$2" ] &&
	pass "hv_lost says every record lost, as status counts them ($2)" ||
	fail "hv_lost says every record lost, as status counts them" "status lost '$2', hv_lost sum $lost_said"
[ "$1" = "$(lines hv_exit | wc -l)" ] && [ "$1" -gt 0 ] &&
	pass "status counts every hv_exit emitted ($1)" ||
	fail "status counts every hv_exit emitted" "status records '$1', hv_exit $(lines hv_exit | wc -l)"

echo "--- the root traced; disable while tracing"
check "hvctl trace on (root, cells, new cells)" hvctl trace on --class exit
# hvctl info asks the hypervisor from the CPU it runs on: hypercall exits there.
taskset -c 0 hvctl info > /dev/null
hvctl trace status --json > /tmp/status.root 2>&1
root_records=$(sed -n 's/.*"cpus": \[{"cpu": 0, "records": \([0-9]*\),.*/\1/p' /tmp/status.root)
is_number "$root_records" && [ "$root_records" -gt 0 ] &&
	pass "the root's CPU 0 records its hypercall exits" ||
	fail "the root's CPU 0 records its hypercall exits" "$(cat /tmp/status.root)"
# cpu1_records: what CPU 1's ring has given so far.
cpu1_records() {
	hvctl trace status --json | sed -n 's/.*{"cpu": 1, "records": \([0-9]*\),.*/\1/p'
}
hvctl cell create configs/qemu-virt-hello.cell > /dev/null 2>&1
[ "$(cell_file "$(cell_id hello)" trace_mask)" = 0x1 ] && pass "a new cell starts with the mask of new cells" ||
	fail "a new cell starts with the mask of new cells" "'$(cell_file "$(cell_id hello)" trace_mask)'"
hvctl cell destroy hello > /dev/null 2>&1
# Back from the cell, CPU 1 takes up the root's mask again: the hypervisor syncs a CPU it starts.
before=$(cpu1_records)
taskset -c 1 hvctl info > /dev/null
after=$(cpu1_records)
is_number "$before" && is_number "$after" && [ "$after" -gt "$before" ] &&
	! dmesg | grep -q "could not take up the root's mask" &&
	pass "CPU 1 back from a cell records the root's exits again" ||
	fail "CPU 1 back from a cell records the root's exits again" "records $before, then $after; $(dmesg | grep "trace:" | tail -1)"
check "disable while tracing" hvctl disable
pool_again=$(hvctl enable configs/qemu-virt.cell > /dev/null 2>&1 && pool_used)
[ "$pool_again" = "$pool_start" ] && hvctl trace status | grep -q "^tracing: off" &&
	pass "enabled again: tracing off, the pool as after the first enable" ||
	fail "enabled again: tracing off, the pool as after the first enable" \
		"pool $pool_again, was $pool_start; $(hvctl trace status 2>&1 | head -1)"
check "disable at the end" hvctl disable
hvctl trace status > /tmp/out 2>&1
[ $? = 3 ] && grep -q "the hypervisor is not enabled" /tmp/out &&
	pass "hvctl trace status: exit 3 when not enabled" ||
	fail "hvctl trace status: exit 3 when not enabled" "$(cat /tmp/out)"
hvctl trace on > /tmp/out 2>&1
[ $? = 3 ] && pass "hvctl trace on: exit 3 when not enabled" ||
	fail "hvctl trace on: exit 3 when not enabled" "$(cat /tmp/out)"
echo 0 > $events/enable
echo local > $tracing/trace_clock
