#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bulkhead-trace, the libbpf tool, on the board's stock kernel: its BPF
# programs load (CO-RE against the kernel's BTF) and attach to the driver's
# tracepoints; hist counts a cell's exits as the hypervisor's own counters
# do over the same window; top and record write JSON that parses, record
# with a track per CPU in use and per cell; each run gives the cells' trace
# masks back, whether it ends by its duration, SIGINT or SIGTERM; without
# the hypervisor or the module it says so, with hvctl's exit statuses.
. /bulkhead/tests/lib.sh
plan 32
cd /bulkhead
inmates=/bulkhead/inmates
cells=/sys/devices/bulkhead/cells
[ -d /sys/kernel/tracing/events ] || mount -t tracefs nodev /sys/kernel/tracing

# exits NAME STATUS PATTERN COMMAND...: COMMAND exits with STATUS and says PATTERN (grep -E).
exits() {
	name=$1
	want=$2
	pattern=$3
	shift 3
	"$@" > /tmp/out 2>&1
	got=$?
	if [ "$got" = "$want" ] && grep -qE -- "$pattern" /tmp/out; then
		pass "$name"
	else
		fail "$name" "status $got (want $want): $(tr '\n' ' ' < /tmp/out | cut -c1-300)"
	fi
}

# wait_mask ID MASK: until cell ID's trace mask is MASK, for at most 60 s
# (loading the BPF programs takes a while on the emulated CPUs), or until
# the tracer ($tracer) has ended.
wait_mask() {
	n=0
	while [ "$(cell_file "$1" trace_mask)" != "$2" ] && [ $n -lt 600 ] &&
	      kill -0 "$tracer" 2> /dev/null; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(cell_file "$1" trace_mask)" = "$2" ]
}

# stop_tracer SIGNAL: send $tracer SIGNAL and wait for it; its exit status in $status.
stop_tracer() {
	kill -"$1" "$tracer" 2> /dev/null
	wait "$tracer"
	status=$?
}

# stat_sum ID COUNTER: cell ID's COUNTER summed over its CPUs (sysfs statistics).
stat_sum() {
	awk -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) col = i; next }
			  col { n += $col } END { if (col) print n }' "$cells/$1/statistics"
}

# counters SUFFIX: cell $id's total, mmio and sysreg counters into total_SUFFIX, ...
counters() {
	for counter in total mmio sysreg; do
		eval "${counter}_$1=\$(stat_sum $id $counter)"
	done
}

# traced FILE [REASON]: the exits hist --json counted in FILE (of REASON, or all).
traced() {
	grep -o "\"reason\": \"${2:-[a-z]*}\", \"count\": [0-9]*" "$1" |
		awk '{ n += $NF } END { print n + 0 }'
}

# between NAME LOW VALUE HIGH: LOW <= VALUE <= HIGH.
between() {
	if is_number "$2" && is_number "$3" && is_number "$4" && [ "$2" -le "$3" ] &&
	   [ "$3" -le "$4" ]; then
		pass "$1"
	else
		fail "$1" "'$3' not in ['$2', '$4']; traced: $(grep -o \
			'"reason": "[a-z]*", "count": [0-9]*' /tmp/hist.json | tr '\n' ' ')"
	fi
}

echo "--- before the hypervisor"
exits "bad arguments exit 2 and name the argument" 2 "--interval: '0' is not" \
	bulkhead-trace top --interval 0
exits "the hypervisor not enabled: exit 3" 3 "not enabled" bulkhead-trace hist --duration 1

check "enable for bulkhead-trace" hvctl enable configs/qemu-virt.cell
check "create the hello cell" hvctl cell create configs/qemu-virt-hello.cell
id=$(cell_id hello)
check "load hello" hvctl cell load hello $inmates/hello.bin -s "count=5 interval-ms=20"

echo "--- hist: a cell's exits, as its counters count them"
# A CPU's counters count on from its time in the root: the window's are deltas.
# The cell is not started yet: its CPU makes no exits until it is, after tracing is on.
counters start
bulkhead-trace hist --cell hello --json > /tmp/hist.json 2> /tmp/hist.err &
tracer=$!
wait_mask "$id" 0x1f && pass "hist loads its BPF programs and traces the cell it names" ||
	fail "hist loads its BPF programs and traces the cell it names" \
		"trace_mask '$(cell_file "$id" trace_mask)': $(cat /tmp/hist.err)"
[ "$(cell_file 0 trace_mask)" = 0x0 ] && pass "hist --cell leaves the root untraced" ||
	fail "hist --cell leaves the root untraced" "root trace_mask '$(cell_file 0 trace_mask)'"
hvctl cell start hello > /dev/null 2>&1
wait_console hello "^done" 20
sleep 0.5
counters before
stop_tracer INT
counters after
echo "hello's counters after: $(tr '\n' ';' < $cells/$id/statistics)"
[ $status = 0 ] && pass "hist ends at SIGINT with status 0" ||
	fail "hist ends at SIGINT with status 0" "status $status: $(cat /tmp/hist.err)"
check "hist --json is one JSON document" jsoncheck < /tmp/hist.json
[ "$(traced /tmp/hist.json)" -gt 0 ] && pass "hist saw the cell's exits" ||
	fail "hist saw the cell's exits" "$(cut -c1-300 /tmp/hist.json)"
between "hist counts the cell's exits as its counters do" "$((total_before - total_start))" \
	"$(traced /tmp/hist.json)" "$((total_after - total_start))"
between "hist counts its MMIO exits as the counters do" "$((mmio_before - mmio_start))" \
	"$(traced /tmp/hist.json mmio)" "$((mmio_after - mmio_start))"
between "hist counts its system register traps as the counters do" \
	"$((sysreg_before - sysreg_start))" "$(traced /tmp/hist.json sysreg)" \
	"$((sysreg_after - sysreg_start))"
grep -q "{\"id\": $id, \"name\": \"hello\", \"exits\": \[{\"reason\": " /tmp/hist.json &&
	pass "hist names the cell and its exit reasons" ||
	fail "hist names the cell and its exit reasons" "$(cut -c1-300 /tmp/hist.json)"
lost=$(jsoncheck -g lost < /tmp/hist.json)
is_number "$lost" && pass "hist reports lost records ($lost)" ||
	fail "hist reports lost records" "lost '$lost'"
[ "$(cell_file "$id" trace_mask)" = 0x0 ] && pass "the cell's mask is given back" ||
	fail "the cell's mask is given back" "trace_mask '$(cell_file "$id" trace_mask)'"

echo "--- top: refreshed tables, ended by SIGTERM"
bulkhead-trace top --json --interval 0.5 > /tmp/top.json 2> /tmp/top.err &
tracer=$!
wait_mask 0 0x1f
sleep 2
stop_tracer TERM
[ $status = 0 ] && pass "top ends at SIGTERM with status 0" ||
	fail "top ends at SIGTERM with status 0" "status $status: $(cat /tmp/top.err)"
lines=$(wc -l < /tmp/top.json)
[ "$lines" -ge 2 ] && jsoncheck -l < /tmp/top.json > /tmp/out 2>&1 &&
	pass "top --json: one JSON document per refresh ($lines)" ||
	fail "top --json: one JSON document per refresh" "$lines lines: $(cat /tmp/out)"
grep -q "\"id\": $id, \"name\": \"hello\", \"exits\": " /tmp/top.json &&
	grep -q "\"id\": 0, \"name\": " /tmp/top.json &&
	pass "top has a row for the root and the cell" ||
	fail "top has a row for the root and the cell" "$(tail -n 1 /tmp/top.json | cut -c1-300)"
[ "$(cell_file 0 trace_mask)" = 0x0 ] && [ "$(cell_file "$id" trace_mask)" = 0x0 ] &&
	pass "SIGTERM gives every mask back" ||
	fail "SIGTERM gives every mask back" \
		"root '$(cell_file 0 trace_mask)', hello '$(cell_file "$id" trace_mask)'"

bulkhead-trace top --interval 1 --duration 2.5 > /tmp/top.txt 2>&1
status=$?
cat /tmp/top.txt
[ $status = 0 ] && [ "$(grep -c "^ID   NAME  " /tmp/top.txt)" -ge 2 ] &&
	grep -qE "^$id +hello +[0-9]+  " /tmp/top.txt &&
	grep -q "records lost in this interval" /tmp/top.txt &&
	pass "top in words: a table per refresh, a row per cell, the lost records" ||
	fail "top in words: a table per refresh, a row per cell, the lost records" \
		"status $status: $(head -c 300 /tmp/top.txt)"

echo "--- hist in words, ended by its duration"
bulkhead-trace hist --duration 4 --cell id:$id > /tmp/hist.txt 2>&1 &
tracer=$!
wait_mask "$id" 0x1f
hvctl cell shutdown hello > /dev/null 2>&1
hvctl cell load hello $inmates/hello.bin -s "count=2 interval-ms=20" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait $tracer
status=$?
cat /tmp/hist.txt
[ $status = 0 ] && grep -qE "^cell $id \"hello\", exit cost, [a-z]+: [0-9]+ events" /tmp/hist.txt &&
	grep -qE "^[0-9]+ records lost over 4\.[0-9]{3} s$" /tmp/hist.txt &&
	pass "hist --duration --cell id:N ends by itself and prints histograms" ||
	fail "hist --duration --cell id:N ends by itself and prints histograms" \
		"status $status: $(head -c 300 /tmp/hist.txt)"

echo "--- record: a Perfetto file with a track per CPU and per cell"
bulkhead-trace record -o /tmp/record.json > /tmp/record.out 2>&1 &
tracer=$!
wait_mask 0 0x1f
hvctl cell shutdown hello > /dev/null 2>&1
hvctl cell load hello $inmates/hello.bin -s "count=3 interval-ms=20" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait_console hello "^done" 20
sleep 0.5
stop_tracer INT
[ $status = 0 ] && pass "record ends at SIGINT with status 0" ||
	fail "record ends at SIGINT with status 0" "status $status: $(cat /tmp/record.out)"
check "the record parses as JSON" jsoncheck < /tmp/record.json
grep -qE "events written to /tmp/record.json; [0-9]+ records lost, [0-9]+ events dropped" \
	/tmp/record.out && pass "record says what it wrote and lost" ||
	fail "record says what it wrote and lost" "$(cat /tmp/record.out)"
missing=""
for cpu in $(tr ',' ' ' < /sys/devices/system/cpu/online |
	     awk -F- '{ for (c = $1; c <= ($2 == "" ? $1 : $2); c++) print c }') \
	   $(cell_file "$id" cpus); do
	track="\"pid\": 1, \"tid\": $((1000 + cpu)), \"name\": \"thread_name\""
	grep -q "$track, \"args\": {\"name\": \"CPU $cpu\"}" \
		/tmp/record.json || missing="$missing $cpu"
done
[ -z "$missing" ] && pass "record: a hypervisor track for each CPU in use" ||
	fail "record: a hypervisor track for each CPU in use" "none for CPUs$missing"
grep -q "\"name\": \"thread_name\", \"args\": {\"name\": \"cell $id hello\"}" /tmp/record.json &&
	grep -q "\"name\": \"thread_name\", \"args\": {\"name\": \"cell 0 " /tmp/record.json &&
	pass "record: a track for each cell" ||
	fail "record: a track for each cell" \
		"$(grep -o '"cell [0-9]* [^"]*"' /tmp/record.json | sort -u | tr '\n' ' ')"
slice="\"ts\": [0-9.]*, \"dur\": [0-9.]*, \"name\": \"[a-z]*\", \"cat\": \"exit\""
cpu_track="\"pid\": 1, \"tid\": $((1000 + $(cell_file "$id" cpus)))"
grep -q "$cpu_track, $slice, \"args\": {\"cell\": $id," \
	/tmp/record.json && pass "record: the cell's exits are slices on its CPU's track" ||
	fail "record: the cell's exits are slices on its CPU's track" "none"
instant="\"ts\": [0-9.]*, \"s\": \"t\""
grep -q "\"tid\": $((2000 + id)), $instant, \"name\": \"started\", \"cat\": \"state\"" \
	/tmp/record.json && pass "record: the cell's start is on its track" ||
	fail "record: the cell's start is on its track" \
		"$(grep -o '"name": "[a-z-]*", "cat": "state"' /tmp/record.json | tr '\n' ' ')"
grep -q "\"pid\": 3, .*\"cat\": \"sched\", \"name\": \"hvctl\"" /tmp/record.json &&
	pass "record: the root's tasks from sched_switch (CO-RE), hvctl among them" ||
	fail "record: the root's tasks from sched_switch (CO-RE), hvctl among them" \
		"$(grep -c '"cat": "sched"' /tmp/record.json) sched slices"

echo "--- without the module"
hvctl cell shutdown hello > /dev/null 2>&1
hvctl cell destroy hello > /dev/null 2>&1
hvctl disable > /dev/null 2>&1
rmmod bulkhead
exits "no module: exit 1, says so" 1 "no bulkhead tracepoints in .*is the bulkhead module loaded" \
	bulkhead-trace hist --duration 1
check "load the module again" insmod /bulkhead/bulkhead.ko
