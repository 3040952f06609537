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
echo 1 > $T/tracing_on

# late FILE NS: each injection of FILE's trace later than NS ns, and where its
# deadline (time_ns - latency_ns) fell: inside which exit of its CPU, or none
# (the records of a CPU come in the order it wrote them; an injection's own
# exit is written after it). Then a count of each.
late() {
	sed -n 's/.* \(hv_exit\|hv_virq\): //p' "$1" | awk -v limit="$2" '
		function get(k,  i) { for (i = 1; i <= NF; i++) if (index($i, k "=") == 1)
				       return substr($i, length(k) + 2) + 0 }
		{ n++; line[n] = $0; t[n] = get("time_ns"); virq[n] = $0 ~ /intid=/
		  d[n] = virq[n] ? get("latency_ns") : get("duration_ns"); r[n] = $0; sub(/.*reason=/, "", r[n]); sub(/ .*/, "", r[n]) }
		END { for (i = 1; i <= n; i++) {
			if (!virq[i] || d[i] <= limit) continue
			deadline = t[i] - d[i]; where = "no exit"; k = i - 1
			for (j = i - 4; j <= i + 2; j++)
				if (j > 0 && j <= n && !virq[j] && t[j] <= deadline && deadline < t[j] + d[j]) {
					where = r[j] " exit"; k = j
				}
			late++; count[where]++
			if (shown[where]++ < 2)
				print "deadline " deadline " inside: " where "\n  " line[k] "\n  " line[i]
		      }
		      printf "%d injections later than %d ns:", late, limit
		      for (w in count) printf " %d with the deadline inside: %s;", count[w], w
		      print "" }'
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
echo "\$ (injections later than 600 ns in /sys/kernel/tracing/trace: where each deadline fell)"
late /tmp/example.trace 600
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
