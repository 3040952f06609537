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

# cell_run CONFIG CELL IMAGE CMDLINE PATTERN: the inmate's result line; with
# $trace_classes set, the cell is traced (those classes) from before its start.
cell_run() {
	hvctl cell create "$1" > /dev/null &&
	{ [ -z "${trace_classes:-}" ] || hvctl trace on "$2" --class "$trace_classes" > /dev/null; } &&
	hvctl cell load "$2" "inmates/$3" -s "$4" > /dev/null &&
	hvctl cell start "$2" > /dev/null &&
	console_line "$2" "$5"
	hvctl cell destroy "$2" > /dev/null
}

# cell_figures SUFFIX: the latency cell's timer latency, distributor read,
# RAM read and self-SGI, as BENCH cell_*SUFFIX_ns lines.
cell_figures() {
	line=$(cell_run configs/qemu-virt-latency.cell latency timer-latency.bin \
		"samples=1000 period-us=1000" "^latency: samples")
	echo "$line" | awk -v s="$1" '{ print "BENCH cell_timer_latency" s "_ns " $5 " " $8 " " $11 }'
	line=$(cell_run configs/qemu-virt-latency.cell latency irqbench.bin "rounds=1000" "^irqbench:")
	echo "$line" | awk -v s="$1" '{ print "BENCH cell_gicd_read" s "_ns " $5
					print "BENCH cell_ram_read" s "_ns " $8
					print "BENCH cell_self_sgi" s "_ns " $11 }'
}

hvctl enable configs/qemu-virt.cell > /dev/null
cell_figures ""
# The same paths with the hypervisor's trace on (Documentation/tracing.md):
# the root's null hypercall with the root traced, the cell's figures with the
# cell traced, both for exits and virtual interrupts, next to tracing off.
hvbench --enabled 20000 | sed 's/^BENCH /BENCH trace_off_/'
root=$(cat /sys/devices/bulkhead/cells/0/name)
hvctl trace on "$root" --class exit,virq > /dev/null &&
	hvbench --enabled 20000 | sed 's/^BENCH /BENCH trace_on_/'
hvctl trace off > /dev/null
trace_classes=exit,virq cell_figures _traced
hvctl trace off > /dev/null
hvctl disable > /dev/null

# Channels: doorbell round trip and bulk throughput, root <-> cell and
# cell <-> cell, next to a memory copy of the same size inside one cell.
# avg_min LINE / mbps WORD LINE: figures out of the tools' result lines.
avg_min() { echo "$1" | sed -n 's/.*round trip avg \([0-9]*\) ns min \([0-9]*\) ns.*/\1 \2/p'; }
mbps() { echo "$2" | sed -n "s/.*$1 .* = \([0-9]*\) MB\/s.*/\1/p"; }
hvctl enable configs/qemu-virt.cell > /dev/null
hvctl cell create configs/qemu-virt-echo.cell > /dev/null &&
hvctl cell load echo inmates/channel.bin -s "channel=root-echo role=echo" > /dev/null &&
hvctl cell start echo > /dev/null
line=$(chantest ping root-echo 1000 | grep "round trip")
echo "BENCH chan_root_roundtrip_ns $(avg_min "$line")"
out=$(chantest bulk root-echo 4194304 262144)
echo "BENCH chan_root_sink_mbps $(mbps "copy to peer" "$(echo "$out" | grep "copy to")")"
echo "BENCH chan_root_source_mbps $(mbps "copy from peer" "$(echo "$out" | grep "copy from")")"
echo "BENCH chan_root_crc_mbps $(mbps sink "$(echo "$out" | grep "sink")")"
echo "BENCH root_memcpy_mbps $(mbps memcpy "$(chantest memcpy 4194304 262144)")"
hvctl cell destroy echo > /dev/null
hvctl cell create configs/qemu-virt-chan-b.cell > /dev/null &&
hvctl cell load chan-b inmates/channel.bin -s "channel=a-b role=echo" > /dev/null &&
hvctl cell start chan-b > /dev/null
hvctl cell create configs/qemu-virt-chan-a.cell > /dev/null &&
hvctl cell load chan-a inmates/channel.bin \
	-s "channel=a-b role=initiator rounds=1000 bytes=4194304" > /dev/null &&
hvctl cell start chan-a > /dev/null
console_line chan-a "channel a-b: done" > /dev/null
line=$(hvctl console chan-a 2>/dev/null)
hvctl cell destroy chan-a > /dev/null
hvctl cell destroy chan-b > /dev/null
echo "BENCH chan_cell_roundtrip_ns $(avg_min "$(echo "$line" | grep "round trip")")"
echo "BENCH chan_cell_sink_mbps $(mbps "copy to peer" "$(echo "$line" | grep "copy to")")"
echo "BENCH chan_cell_source_mbps $(mbps "copy from peer" "$(echo "$line" | grep "copy from")")"
echo "BENCH chan_cell_crc_mbps $(mbps sink "$(echo "$line" | grep "sink")")"
echo "BENCH cell_memcpy_mbps $(mbps memcpy "$(echo "$line" | grep memcpy)")"
hvctl disable > /dev/null

# The Linux cell (Debian's kernel, 2 CPUs): from hvctl cell start to its
# init's ready line, as the root's clock sees it; from the counter the root
# read just before the start to the one the cell's /init (bootstamp) read at
# its first instruction; the cell kernel's own time to its "Run /init" line.
# Then the CPU-bound program in the cell and, for comparison, in the root.
uptime_ns() { awk '{ printf "%.0f", $1 * 1000000000 }' /proc/uptime; }
# counter_ns: the virtual counter now, in ns (bootstamp prints it and its frequency).
counter_ns() {
	bootstamp /bin/true | awk '{ printf "%.0f", $3 * (1000000000 / $4) }'
}
hvctl enable configs/qemu-virt.cell > /dev/null
hvctl cell create configs/qemu-virt-linux-cell.cell > /dev/null &&
hvctl cell load linux /bulkhead/linux/Image --initrd /bulkhead/linux/initramfs.cpio.gz \
	--cmdline "console=ttyAMA0 quiet" > /dev/null
start=$(uptime_ns)
counter=$(counter_ns)
hvctl cell start linux > /dev/null
console_line linux "linux-cell: ready" > /dev/null
echo "BENCH linux_cell_boot_ns $(($(uptime_ns) - start))"
echo "BENCH linux_cell_first_user_insn_ns $(console_line linux "^BENCH first_user_insn_cntvct" |
	awk -v t0="$counter" '{ printf "%.0f", $3 * (1000000000 / $4) - t0 }')"
hvctl console linux --send 'dmesg | grep "Run /init as init"\n' > /dev/null
line=$(console_line linux "^\[ *[0-9.]*\] Run /init as init")
echo "BENCH linux_cell_init_ns $(echo "$line" | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p' |
	awk '{ printf "%.0f", $1 * 1000000000 }')"
# The hypervisor's digest check of the Linux cell's images at that start.
hvctl console | grep 'cell "linux": images checked' | tail -n 1 |
	sed -n 's/.* \([0-9]*\) bytes of digests in \([0-9]*\) us.*/BENCH integrity_linux_digest_us \2 \1/p'
hvctl console linux --send 'cpubound\n' > /dev/null
echo "BENCH linux_cell_cpu_bound_ns $(console_line linux "^BENCH cpu_bound_ns" | cut -d' ' -f3-)"
hvctl cell destroy linux > /dev/null
hvctl disable > /dev/null
echo "BENCH root_cpu_bound_ns $(cpubound | cut -d' ' -f3-)"

# A signed inmate start with the test key pinned (group integrity's config): the
# signature check and the digests of hello.bin's one segment.
hvctl enable tests/system-signed.cell > /dev/null
hvctl cell create configs/qemu-virt-hello.cell > /dev/null &&
hvctl cell load hello inmates/hello.bin -s interval-ms=50 --sig tests/integrity/hello.sig \
	> /dev/null && hvctl cell start hello > /dev/null
hvctl console | grep 'cell "hello": images checked' | tail -n 1 | sed -n \
	's/.*signature in \([0-9]*\) us, \([0-9]*\) bytes of digests in \([0-9]*\) us.*/BENCH integrity_signed_us \1 \3 \2/p'
hvctl cell destroy hello > /dev/null
hvctl disable > /dev/null
sh /bulkhead/tests/bench-restart.sh

# An A/B update of an inmate cell (hello, 1 MiB of RAM, a 128 KiB store): all of
# hvctl cell update, and the hypervisor's switch as it reports it (stop, scrub
# the RAM, copy the checked images in, start), to 1 us.
hvctl enable configs/qemu-virt.cell > /dev/null
hvctl cell create tests/update-store.cell > /dev/null &&
hvctl cell load update inmates/hello.bin -s version=1 > /dev/null &&
hvctl cell start update > /dev/null
console_line update 'version=1' > /dev/null
# /proc/uptime's 10 ms steps are too coarse for this one: the counter, with the
# cost of reading it (one bootstamp run) taken off.
start=$(counter_ns)
hvctl cell update update inmates/hello.bin -s version=2 > /dev/null
end=$(counter_ns)
echo "BENCH update_ioctl_ns $((end - start - ($(counter_ns) - end)))"
echo "BENCH update_switch_ns $(hvctl console | sed -n 's/.*switched to the new images in \([0-9]*\) us.*/\1/p' |
	tail -n 1 | awk '{ print $1 * 1000 }')"
hvctl cell destroy update > /dev/null
hvctl disable > /dev/null
