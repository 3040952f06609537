#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run in a boot of its own on a GICv4 board (qemu-board.sh -G 4), where each
# CPU's redistributor spans four 64 KiB frames, the VLPI ones included: a
# cell's CPU takes all of them from the root, and its interrupts work through
# the emulation of frames at that stride.
. /bulkhead/tests/lib.sh
plan 8
cd /bulkhead
inmates=/bulkhead/inmates
# CPU 1's frames begin 256 KiB after CPU 0's; its VLPI frame 128 KiB further
# on, with GICR_VPROPBASER at 0x70 (written as the probe prints addresses).
vpropbaser1=0x8100070

check "enable on a GICv4 board" hvctl enable configs/qemu-virt.cell
typer=$(root_mmio 0x80a0008)
[ -n "$typer" ] && [ $((typer & 2)) = 2 ] && pass "the redistributors have VLPI frames (GICR_TYPER.VLPIS)" ||
	fail "the redistributors have VLPI frames (GICR_TYPER.VLPIS)" "GICR_TYPER '$typer'"
value=$(root_mmio $vpropbaser1 0x50000007)
[ -n "$value" ] && [ "$value" != 0x00000000 ] &&
	pass "the root writes CPU 1's VLPI frame while it has the CPU" ||
	fail "the root writes CPU 1's VLPI frame while it has the CPU" "GICR_VPROPBASER reads '$value'"
root_mmio $vpropbaser1 0 > /dev/null
hvctl cell create configs/qemu-virt-latency.cell > /dev/null 2>&1 &&
hvctl cell load latency $inmates/timer-latency.bin -s "samples=100 period-us=1000" > /dev/null 2>&1 &&
hvctl cell start latency > /dev/null 2>&1
# The frames of a CPU the root gave away read as zero and ignore its writes.
value=$(root_mmio $vpropbaser1 0x50000007)
[ "$value" = 0x00000000 ] && pass "the root cannot write the VLPI frame of a CPU it gave away" ||
	fail "the root cannot write the VLPI frame of a CPU it gave away" "GICR_VPROPBASER reads '$value'"
wait_console latency "^latency: samples 100 " 20 && pass "timer interrupts reach a cell through GICv4 frames" ||
	fail "timer interrupts reach a cell through GICv4 frames" "$(hvctl console latency | tail -n 2 | tr '\n' ' ')"
check "destroy on GICv4" hvctl cell destroy latency
value=$(root_mmio $vpropbaser1 0x50000007)
[ -n "$value" ] && [ "$value" != 0x00000000 ] && pass "the VLPI frame is the root's again after destroy" ||
	fail "the VLPI frame is the root's again after destroy" "GICR_VPROPBASER reads '$value'"
root_mmio $vpropbaser1 0 > /dev/null
check "disable on GICv4" hvctl disable
