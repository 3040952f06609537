#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The worked example of Documentation/tracing.md, "Why does a cell's interrupt
# latency have a long tail?", as it runs on the board: every command is
# printed with "$ " before its output. The timer cell polls an emulated
# distributor register between its deadlines (timer-latency poll-gicd); the
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

say hvctl enable configs/qemu-virt.cell
echo "--- the symptom"
say hvctl cell create configs/qemu-virt-latency.cell
say hvctl cell load latency inmates/timer-latency.bin -s "samples=5000 period-us=1000 poll-gicd"
say hvctl cell start latency
sleep 1
echo "--- how often: the counters"
say hvctl cell stats latency --once
echo "--- how long: histograms of exit cost and interrupt latency"
say bulkhead-trace hist --cell latency --duration 2
latency_line latency
echo "--- when: a record of the timeline, and the records around the worst injection"
say hvctl cell destroy latency
say hvctl cell create configs/qemu-virt-latency.cell
say hvctl trace on latency --class exit,virq
say hvctl cell load latency inmates/timer-latency.bin -s "samples=1000 period-us=1000 poll-gicd"
echo > $T/trace
echo 1 > $T/events/bulkhead/enable
say hvctl cell start latency
latency_line latency
say hvctl trace status
cat $T/trace > /tmp/example.trace
echo "\$ grep -B2 \"the worst hv_virq\" /sys/kernel/tracing/trace"
worst=$(grep -n " hv_virq: " /tmp/example.trace | sed 's/:.*latency_ns=\([0-9]*\).*/ \1/' |
	sort -k2 -n | tail -n 1 | cut -d' ' -f1)
[ -n "$worst" ] && sed -n "$((worst - 2)),${worst}p" /tmp/example.trace
say hvctl trace off
say hvctl cell destroy latency
echo "--- the fix: wait for the interrupt instead of polling"
say hvctl cell create configs/qemu-virt-latency.cell
say hvctl cell load latency inmates/timer-latency.bin -s "samples=5000 period-us=1000"
say hvctl cell start latency
sleep 1
say bulkhead-trace hist --cell latency --duration 2
latency_line latency
say hvctl cell stats latency --once
say hvctl cell destroy latency
say hvctl disable
