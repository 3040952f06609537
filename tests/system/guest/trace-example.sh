#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The worked example of Documentation/tracing.md, "Why does a cell's interrupt
# latency have a long tail?", as it runs on the board: every command is
# printed with "$ " before its output. The timer cell polls an emulated
# distributor register between its deadlines (timer-latency poll-us=20); the
# counters say how often it exits, the trace says how long, and that each
# late interrupt waited for such an exit; then the same cell without polling.
# Run it with scripts/qemu-board.sh -r trace-example.sh INITRD.
cd /bulkhead
say() {
	echo "\$ $*"
	"$@"
}
# latency_line CELL: the timer-latency result line, once printed (60 s at most).
latency_line() {
	n=0
	while ! hvctl console "$1" | grep -q "^latency: samples"; do
		[ $n -ge 600 ] && return 1
		sleep 0.1
		n=$((n + 1))
	done
	say sh -c "hvctl console $1 | grep '^latency'"
}
T=/sys/kernel/tracing
grep -q " $T tracefs " /proc/mounts || mount -t tracefs tracefs $T

# worst N FILE: the N latest injections of FILE's trace, each after the 3 records
# of its CPU before it (a CPU's records reach the trace in the order it wrote them).
worst() {
	grep -n " hv_virq: " "$2" | sed 's/^\([0-9]*\):.*latency_ns=\([0-9]*\).*/\2 \1/' |
		sort -n | tail -n "$1" | while read -r latency line; do
		echo "..."
		sed -n "$((line - 3)),${line}p" "$2" | sed 's/^ *//'
	done
}

say hvctl enable configs/qemu-virt.cell
echo "--- 1. the symptom"
say hvctl cell create configs/qemu-virt-latency.cell
say hvctl cell load latency inmates/timer-latency.bin -s "samples=3000 period-us=1000 poll-us=20"
say hvctl cell start latency
echo "--- 2. how often: the counters, and how long: bulkhead-trace's histograms"
say bulkhead-trace hist --cell latency --duration 2
latency_line latency
say hvctl cell stats latency --once
say hvctl cell destroy latency
echo "--- 3. when: the trace around the latest injections, and a record for Perfetto"
say hvctl cell create configs/qemu-virt-latency.cell
say hvctl cell load latency inmates/timer-latency.bin -s "samples=3000 period-us=1000 poll-us=20"
echo 1 > $T/events/bulkhead/enable
echo > $T/trace
say hvctl trace on latency --class exit,virq
say hvctl cell start latency
say bulkhead-trace record -o /tmp/latency.json --cell latency --duration 1
latency_line latency
say hvctl trace status
say hvctl trace off
cat $T/trace > /tmp/example.trace
echo "\$ (the 3 latest hv_virq in /sys/kernel/tracing/trace, each after the 3 records before it)"
worst 3 /tmp/example.trace
say sh -c "jsoncheck < /tmp/latency.json"
say sh -c "grep -o '\"name\": *\"[^\"]*\"' /tmp/latency.json | sort | uniq -c | sort -rn | head -n 12"
say hvctl cell destroy latency
echo "--- 4. the fix: wait for the interrupt instead of polling"
say hvctl cell create configs/qemu-virt-latency.cell
say hvctl cell load latency inmates/timer-latency.bin -s "samples=3000 period-us=1000"
say hvctl cell start latency
say bulkhead-trace hist --cell latency --duration 2
latency_line latency
say hvctl cell destroy latency
say hvctl disable
