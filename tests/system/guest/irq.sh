#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Interrupts, timers and SMP cells: virtual interrupts reach their cell and
# only theirs, the root keeps its own, floods stay contained, destroy
# leaves nothing behind; PSCI inside a cell; per-CPU statistics.
. /bulkhead/tests/lib.sh
plan 37
cd /bulkhead
inmates=/bulkhead/inmates
cells=/sys/devices/bulkhead/cells

check "enable for interrupts" hvctl enable configs/qemu-virt.cell

# run CONFIG CELL IMAGE CMDLINE: create, load, start.
run() {
	hvctl cell create "$1" > /dev/null 2>&1 &&
	hvctl cell load "$2" "$inmates/$3" -s "$4" > /dev/null 2>&1 &&
	hvctl cell start "$2" > /dev/null 2>&1
}

echo "--- virtual timer and IPIs"
timer0=$(irq_count arch_timer 0)
run configs/qemu-virt-latency.cell latency timer-latency.bin "samples=200 period-us=1000"
run configs/qemu-virt-smp.cell smp smp.bin "rounds=200 cpu-off"
wait_console latency "^latency: samples 200 " && pass "virtual timer interrupts reach the cell" ||
	fail "virtual timer interrupts reach the cell" "$(hvctl console latency | tail -2)"
[ "$(cell_stat latency 1 virq)" -ge 200 ] 2>/dev/null && pass "timer interrupts injected as virtual ones" ||
	fail "timer interrupts injected as virtual ones" "virq '$(cell_stat latency 1 virq)'"
# The cell's CPUs 2 and 3 are its CPUs 0 and 1 (MPIDR Aff0).
wait_console smp "CPU 0x1 up" && pass "PSCI CPU_ON inside a cell" ||
	fail "PSCI CPU_ON inside a cell" "$(hvctl console smp | tail -2)"
wait_console smp "^smp: cpus 2 rounds 200 " && pass "IPIs between a cell's CPUs" ||
	fail "IPIs between a cell's CPUs" "$(hvctl console smp | tail -2)"
wait_console smp "CPU 0x1 off" && pass "PSCI CPU_OFF and AFFINITY_INFO inside a cell" ||
	fail "PSCI CPU_OFF and AFFINITY_INFO inside a cell" "$(hvctl console smp | tail -2)"
[ "$(cell_stat smp 2 sgi)" -ge 200 ] 2>/dev/null && [ "$(cell_stat smp 3 sgi)" -ge 200 ] 2>/dev/null &&
	pass "SGIs counted per CPU" || fail "SGIs counted per CPU" "$(hvctl cell stats smp --once | tr '\n' ' ')"
hvctl cell stats smp --once > /tmp/stats 2>&1
grep -qE "^ *3 " /tmp/stats && grep -q "maintenance" /tmp/stats && pass "cell stats --once lists every CPU" ||
	fail "cell stats --once lists every CPU" "$(tr '\n' ' ' < /tmp/stats)"
grep -q "virq" $cells/2/statistics && pass "statistics in sysfs" || fail "statistics in sysfs" "no virq column"
timeout 3 hvctl cell stats smp > /tmp/live 2>&1
[ "$(grep -c maintenance /tmp/live)" -ge 2 ] && pass "cell stats refreshes live" ||
	fail "cell stats refreshes live" "$(grep -c maintenance /tmp/live) frames"
sleep 0.5
[ "$(irq_count arch_timer 0)" -gt "$timer0" ] && pass "root keeps its timer interrupts" ||
	fail "root keeps its timer interrupts" "$timer0 -> $(irq_count arch_timer 0)"
# The root's device interrupt (the RTC alarm, SPI 2) while cells run.
rtc0=$(irq_count rtc-pl031)
for alarm in /sys/class/rtc/rtc*/wakealarm; do echo 0 > "$alarm"; echo +1 > "$alarm"; done
n=0; while [ $n -lt 40 ] && [ "$(irq_count rtc-pl031)" = "$rtc0" ]; do sleep 0.1; n=$((n + 1)); done
[ "$(irq_count rtc-pl031)" -gt "$rtc0" ] && pass "root keeps its device interrupts" ||
	fail "root keeps its device interrupts" "rtc-pl031 $rtc0 -> $(irq_count rtc-pl031)"
check "destroy timer and SMP cells" sh -c "hvctl cell destroy latency && hvctl cell destroy smp"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] && pass "CPUs back with Linux" ||
	fail "CPUs back with Linux" "$(cat /sys/devices/system/cpu/online)"

echo "--- list register overflow and priorities"
run configs/qemu-virt-hello.cell hello misbehave.bin "action=irq-burst"
wait_console hello "burst taken" && hvctl console hello | grep -q "burst taken 8, order 7 6 5 4 3 2 1 0" &&
	pass "more interrupts than list registers, taken in priority order" ||
	fail "more interrupts than list registers, taken in priority order" "$(hvctl console hello | grep burst)"
[ "$(cell_stat hello 1 maintenance)" -ge 1 ] 2>/dev/null && pass "list registers refilled on maintenance" ||
	fail "list registers refilled on maintenance" "maintenance '$(cell_stat hello 1 maintenance)'"
hvctl cell destroy hello > /dev/null 2>&1

echo "--- the cell's device interrupt, and nobody else's"
run configs/qemu-virt-rtc.cell rtc-demo rtc.bin "count=1"
wait_console rtc-demo "alarm interrupt 34" 8 && pass "passed-through device interrupt reaches the cell" ||
	fail "passed-through device interrupt reaches the cell" "$(hvctl console rtc-demo | tail -2)"
alarms=$(hvctl console rtc-demo | grep -c "alarm interrupt")
# The root tries to trigger and enable the cell's interrupt 34 (SPI 2).
pending=$(root_mmio 0x08000204 0x4)
enabled=$(root_mmio 0x08000104 0x4)
sleep 0.5
[ -n "$pending" ] && [ -n "$enabled" ] && [ "$alarms" -ge 1 ] &&
	[ "$(hvctl console rtc-demo | grep -c 'alarm interrupt')" = "$alarms" ] &&
	pass "root cannot trigger a cell's interrupt" ||
	fail "root cannot trigger a cell's interrupt" \
		"writes read back '$pending' '$enabled', $alarms alarms: $(hvctl console rtc-demo | tail -1)"
enabled=$(root_mmio 0x08000104)
[ -n "$enabled" ] && [ $(($enabled & 4)) = 0 ] && pass "root does not see a cell's interrupt" ||
	fail "root does not see a cell's interrupt" "ISENABLER1 '$enabled'"
check "destroy the RTC cell" hvctl cell destroy rtc-demo
check "root's RTC works again" sh -c 'cat /sys/class/rtc/rtc*/since_epoch'
# A cell leaves its spare interrupt 40 (SPI 8, no Linux driver) enabled and pending.
run tests/cell-spare-irq.cell hello misbehave.bin "action=irq-pending intid=40"
wait_console hello "interrupt 40 enabled and pending" && pass "cell owns a spare interrupt" ||
	fail "cell owns a spare interrupt" "$(hvctl console hello | tail -1)"
check "destroy the cell with a pending interrupt" hvctl cell destroy hello
enabled=$(root_mmio 0x08000104)
pending=$(root_mmio 0x08000204)
active=$(root_mmio 0x08000304)
[ -n "$enabled" ] && [ -n "$pending" ] && [ -n "$active" ] &&
	[ $((($enabled | $pending | $active) & 0x100)) = 0 ] &&
	pass "destroy leaves no interrupt enabled, pending or active" ||
	fail "destroy leaves no interrupt enabled, pending or active" \
		"ISENABLER1 '$enabled', ISPENDR1 '$pending', ISACTIVER1 '$active'"

echo "--- a cell cannot touch the root's interrupts"
# ICENABLER1, ISPENDR1 = all ones: would disable and trigger SPIs 32-63,
# the root's UART (33) and RTC (34) among them.
for reg in 0x08000184 0x08000204; do
	run configs/qemu-virt-hello.cell hello misbehave.bin "action=write addr=$reg value=0xffffffff"
	wait_console hello "survived write" && pass "cell's write to others' bits at $reg is ignored" ||
		fail "cell's write to others' bits at $reg is ignored" "$(hvctl console hello | tail -1)"
	hvctl cell destroy hello > /dev/null 2>&1
done
rtc0=$(irq_count rtc-pl031)
for alarm in /sys/class/rtc/rtc*/wakealarm; do echo 0 > "$alarm"; echo +1 > "$alarm"; done
n=0; while [ $n -lt 40 ] && [ "$(irq_count rtc-pl031)" = "$rtc0" ]; do sleep 0.1; n=$((n + 1)); done
is_number "$rtc0" && [ "$(irq_count rtc-pl031)" = $((rtc0 + 1)) ] && pass "root's interrupt still enabled, not triggered" ||
	fail "root's interrupt still enabled, not triggered" "rtc-pl031 $rtc0 -> $(irq_count rtc-pl031)"
# GICD_IROUTER33, the UART's route: the cell tries to take it to its CPU 1.
route=$(root_mmio 0x08006108)
run configs/qemu-virt-hello.cell hello misbehave.bin "action=write addr=0x08006108 value=0x1"
wait_console hello "survived write" > /dev/null
after=$(root_mmio 0x08006108)
[ -n "$route" ] && [ "$after" = "$route" ] && pass "cell cannot route another's interrupt" ||
	fail "cell cannot route another's interrupt" "'$route' -> '$after'"
hvctl cell destroy hello > /dev/null 2>&1
# CPU 2's SGI/PPI enable bits (Linux's, physically non-zero) from a cell on CPU 1.
run configs/qemu-virt-hello.cell hello misbehave.bin "action=read addr=0x080f0100"
wait_console hello "survived read" && hvctl console hello | grep -q "read 0x0 from" &&
	pass "another CPU's redistributor reads as nothing" ||
	fail "another CPU's redistributor reads as nothing" "$(hvctl console hello | tail -2)"
hvctl cell destroy hello > /dev/null 2>&1

echo "--- floods stay inside"
# work_cs: hundredths of a second a fixed piece of work takes the root on CPU 0.
work_cs() {
	start=$(sed -n 's/^\([0-9]*\)\.\([0-9]*\) .*/\1\2/p' /proc/uptime)
	taskset -c 0 sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i + 1)); done'
	end=$(sed -n 's/^\([0-9]*\)\.\([0-9]*\) .*/\1\2/p' /proc/uptime)
	is_number "$start" && is_number "$end" && echo $((end - start))
}
alone=$(work_cs)
run configs/qemu-virt-latency.cell latency timer-latency.bin "samples=100000000 period-us=1"
run configs/qemu-virt-rtc.cell rtc-demo hello.bin "interval-ms=10"
sleep 1
before=$(hvctl console rtc-demo | grep -c count)
flooded=$(work_cs)
sleep 1
after=$(hvctl console rtc-demo | grep -c count)
[ "$after" -gt "$before" ] && pass "a timer flood in one cell does not stall another" ||
	fail "a timer flood in one cell does not stall another" "$before -> $after"
# Two busy guest CPUs on a two-core host may halve the root's speed; a
# stalled root would be slowed far more.
is_number "$alone" && is_number "$flooded" && [ "$alone" -gt 0 ] && [ "$flooded" -le $((3 * alone)) ] &&
	pass "nor the root (work on CPU 0: $alone cs alone, $flooded cs during the flood)" ||
	fail "nor the root" "work on CPU 0 took '$alone' cs alone, '$flooded' cs during the flood"
[ "$(cell_stat latency 1 irq)" -gt 1000 ] 2>/dev/null && pass "the flood really happened" ||
	fail "the flood really happened" "irq '$(cell_stat latency 1 irq)'"
check "flooding cell destroys" hvctl cell destroy latency
hvctl cell destroy rtc-demo > /dev/null 2>&1

echo "--- PSCI power from a cell"
run configs/qemu-virt-hello.cell hello misbehave.bin "action=smc fn=0x84000009"
# The cell restarts in a tight loop and its console ring wraps under the
# reader: read again until a read shows two starts, for at most 5 s.
# The verdict is that read's, not a later one's, which may come mid-wrap.
n=0 starts=0
while [ "$starts" -lt 2 ] && [ $n -lt 50 ]; do
	starts=$(hvctl console hello | grep -c 'misbehave: smc')
	sleep 0.1
	n=$((n + 1))
done
[ "$starts" -ge 2 ] && pass "SYSTEM_RESET restarts only the cell" ||
	fail "SYSTEM_RESET restarts only the cell" "$starts starts"
hvctl cell destroy hello > /dev/null 2>&1
run configs/qemu-virt-hello.cell hello misbehave.bin "action=smc fn=0x84000008"
n=0; while [ $n -lt 50 ] && [ "$(cat $cells/1/state)" != shut-down ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat $cells/1/state)" = shut-down ] && pass "SYSTEM_OFF stops only the cell" ||
	fail "SYSTEM_OFF stops only the cell" "$(cat $cells/1/state)"
root_alive "root alive after the cell's power calls"
hvctl cell destroy hello > /dev/null 2>&1
check "disable after interrupt tests" hvctl disable
