#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run in a boot of its own on a GICv4 board (qemu-board.sh -G 4), where each
# CPU's redistributor spans four 64 KiB frames, the VLPI ones included: a
# cell's CPU takes all of them from the root, and its interrupts work through
# the emulation of frames at that stride.
. /bulkhead/tests/lib.sh
cd /bulkhead
inmates=/bulkhead/inmates
# CPU 1's frames begin 256 KiB after CPU 0's; its VLPI frame 128 KiB further on.
vlpi1=0x080e0000

# root_mmio ADDR: a 32-bit read by the root kernel, empty if it faulted.
root_mmio() {
	insmod /bulkhead/bulkhead_probe_mmio.ko addr=$1 > /dev/null 2>&1
	dmesg | sed -n "s/.*bulkhead_probe_mmio: $1 = \(0x[0-9a-f]*\).*/\1/p" | tail -n 1
}

check "enable on a GICv4 board" hvctl enable configs/qemu-virt.cell
typer=$(root_mmio 0x080a0008)
[ -n "$typer" ] && [ $((typer & 2)) = 2 ] && pass "the redistributors have VLPI frames (GICR_TYPER.VLPIS)" ||
	fail "the redistributors have VLPI frames (GICR_TYPER.VLPIS)" "GICR_TYPER '$typer'"
[ -n "$(root_mmio $vlpi1)" ] && pass "the root reads CPU 1's VLPI frame while it has the CPU" ||
	fail "the root reads CPU 1's VLPI frame while it has the CPU" "$(dmesg | tail -n 2 | tr '\n' ' ')"

hvctl cell create configs/qemu-virt-latency.cell > /dev/null 2>&1 &&
hvctl cell load latency $inmates/timer-latency.bin -s "samples=100 period-us=1000" > /dev/null 2>&1 &&
hvctl cell start latency > /dev/null 2>&1
reads=$(dmesg | grep -c "bulkhead_probe: read 0x")
insmod /bulkhead/bulkhead_probe_cellram.ko addr=$vlpi1 > /dev/null 2>&1
dmesg | grep -q "bulkhead_probe: reading $vlpi1" && [ "$(dmesg | grep -c "bulkhead_probe: read 0x")" = "$reads" ] &&
	pass "the root cannot read the VLPI frame of a CPU it gave away" ||
	fail "the root cannot read the VLPI frame of a CPU it gave away" "$(dmesg | grep bulkhead_probe | tail -n 2 | tr '\n' ' ')"
wait_console latency "^latency: samples 100 " 20 && pass "timer interrupts reach a cell through GICv4 frames" ||
	fail "timer interrupts reach a cell through GICv4 frames" "$(hvctl console latency | tail -n 2 | tr '\n' ' ')"
check "destroy on GICv4" hvctl cell destroy latency
reads=$(dmesg | grep -c "bulkhead_probe: read 0x")
insmod /bulkhead/bulkhead_probe_returned.ko addr=$vlpi1 > /dev/null 2>&1
[ "$(dmesg | grep -c "bulkhead_probe: read 0x")" -gt "$reads" ] && pass "the VLPI frame is the root's again after destroy" ||
	fail "the VLPI frame is the root's again after destroy" "$(dmesg | grep bulkhead_probe | tail -n 2 | tr '\n' ' ')"
check "disable on GICv4" hvctl disable
