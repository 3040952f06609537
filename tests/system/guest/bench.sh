#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by "make bench" twice: under -icount shift=0,sleep=off (1 ns = 1
# instruction) and in real time, for wall-clock figures of the same paths.
cd /bulkhead
hvbench configs/qemu-virt.cell 20000 configs/qemu-virt-hello.cell inmates/hello.bin

# console_line CELL PATTERN: waits up to 60 s for a line of the cell's console.
console_line() {
	n=0
	while [ $n -lt 600 ]; do
		line=$(hvctl console "$1" 2>/dev/null | grep -E "$2" | tail -n 1)
		[ -n "$line" ] && echo "$line" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	echo "BENCH-FAILED $1: $(hvctl console "$1" 2>&1 | tail -n 1)" >&2
}

# cell_run CONFIG CELL IMAGE CMDLINE PATTERN: the inmate's result line.
cell_run() {
	hvctl cell create "$1" > /dev/null &&
	hvctl cell load "$2" "inmates/$3" -s "$4" > /dev/null &&
	hvctl cell start "$2" > /dev/null &&
	console_line "$2" "$5"
	hvctl cell destroy "$2" > /dev/null
}

hvctl enable configs/qemu-virt.cell > /dev/null
line=$(cell_run configs/qemu-virt-latency.cell latency timer-latency.bin \
	"samples=1000 period-us=1000" "^latency: samples")
echo "$line" | awk '{ print "BENCH cell_timer_latency_ns " $5 " " $8 " " $11 }'
line=$(cell_run configs/qemu-virt-latency.cell latency irqbench.bin "rounds=1000" "^irqbench:")
echo "$line" | awk '{ print "BENCH cell_gicd_read_ns " $5; print "BENCH cell_ram_read_ns " $8;
		      print "BENCH cell_self_sgi_ns " $11 }'
hvctl disable > /dev/null
