#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Debian's stock arm64 kernel (the root's own Image) in a 2-CPU cell
# (configs/qemu-virt-linux-cell.dts), beside the root, which keeps a workload
# running throughout: hvctl cell load places the Image, its generated device
# tree and the initramfs; the cell's Linux answers commands typed into its
# emulated UART, sees its two CPUs, its GICv3 and its timers; a devmem of an
# address the cell does not own gets a bus error in that process only;
# poweroff stops the cell, reboot restarts it from its image store, hvctl cell
# shutdown presses its power button; its emulated SP805 is driven by the stock
# sp805_wdt and fed by busybox's watchdog daemon, and once the daemon is killed
# the watchdog expires and the hypervisor restarts the cell by its failure
# policy; boot/destroy cycles give the pool back.
. /bulkhead/tests/lib.sh
plan 29
cd /bulkhead
config=configs/qemu-virt-linux-cell.cell
kernel=/bulkhead/linux/Image
initrd=/bulkhead/linux/initramfs.cpio.gz
ready="linux-cell: ready"
# Boot cycles with the pool checked after each destroy.
cycles=${LINUX_CYCLES:-10}

# load_linux: the kernel, its initramfs and a command line into cell "linux".
load_linux() {
	hvctl cell load linux $kernel --initrd $initrd --cmdline "console=ttyAMA0 quiet"
}

# How long to wait for the cell's Linux: 1 s once it failed to boot at all,
# so that a broken boot fails the group's checks in seconds, not minutes.
patience() {
	if [ "$booted" = yes ]; then echo "$1"; else echo 1; fi
}
booted=no

# say COMMAND MARKER [SECONDS]: types COMMAND into the cell's console and
# waits for MARKER (grep -E) in its output. The command line the shell
# echoes must not match MARKER by itself.
say() {
	hvctl console linux --send "$1\n" > /dev/null &&
		wait_console linux "$2" "$(patience "${3:-20}")"
}

# readies: how many times the cell's Linux reached its shell so far.
readies() {
	hvctl console linux 2> /dev/null | grep -c "$ready"
}

# wait_readies BEFORE: until the cell's Linux reached its shell more than
# BEFORE times, for at most 120 s.
wait_readies() {
	n=0
	while [ "$(readies)" -le "$1" ] && [ $n -lt $(($(patience 120) * 10)) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(readies)" -gt "$1" ]
}

check "enable for the Linux cell" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)
# The root's workload: a busy loop on each of its CPUs for the whole group.
for cpu in 0 1; do
	taskset -c $cpu sh -c 'while :; do :; done' &
	echo $! >> /tmp/linux-load.pids
done

echo "--- boot"
check "create the Linux cell" hvctl cell create $config
id=$(cell_id linux)
if load_linux > /tmp/linux-load.out 2>&1 &&
   grep -q "loaded arm64 Image (.*) at 0x40000000" /tmp/linux-load.out &&
   grep -q "loaded device tree (.*) at 0x42200000" /tmp/linux-load.out &&
   grep -q "cell \"linux\" starts at 0x40000000 with x0 = 0x42200000" /tmp/linux-load.out; then
	pass "load the Image at 0x40000000, its device tree on the next 2 MiB after image_size"
else
	fail "load the Image at 0x40000000, its device tree on the next 2 MiB after image_size" \
		"$(tr '\n' ' ' < /tmp/linux-load.out)"
fi
hvctl cell dtb linux -o /tmp/linux.dtb > /tmp/out 2>&1
magic=$(hexdump -n 4 -e '4/1 "%02x"' /tmp/linux.dtb 2> /dev/null)
if [ "$magic" = d00dfeed ] && grep -q "arm,gic-v3" /tmp/linux.dtb; then
	pass "hvctl cell dtb writes the cell's device tree"
else
	fail "hvctl cell dtb writes the cell's device tree" "magic '$magic'; $(cat /tmp/out)"
fi
start=$(cut -d' ' -f1 /proc/uptime)
check "start the Linux cell" hvctl cell start linux
if wait_console linux "$ready" 120; then
	booted=yes
	end=$(cut -d' ' -f1 /proc/uptime)
	pass "Linux reaches its shell ($(echo "$start $end" | awk '{ printf "%.1f", $2 - $1 }') s)"
else
	fail "Linux reaches its shell" "console: $(hvctl console linux | tail -n 5 | tr '\n' ' ')"
fi

echo "--- the cell's Linux, through its console"
if say 'echo "CPUS=$(grep -c ^processor /proc/cpuinfo)"' "^CPUS=2"; then
	pass "typed commands run; /proc/cpuinfo shows 2 CPUs"
else
	fail "typed commands run; /proc/cpuinfo shows 2 CPUs" "$(hvctl console linux | tail -n 3)"
fi
if say 'echo "GICR=$(dmesg | grep -c "GICv3: CPU[01]: found redistributor [01] ")"' "^GICR=2"; then
	pass "its GICv3 gives each CPU its redistributor, numbered 0 and 1"
else
	fail "its GICv3 gives each CPU its redistributor" "$(hvctl console linux | tail -n 3)"
fi
if say 'dmesg | grep -q "arch_timer: cp15 timer(s) running" && echo "TIMER=yes"' "^TIMER=yes"; then
	pass "its architected timers run"
else
	fail "its architected timers run" "$(hvctl console linux | tail -n 3)"
fi
if say 'echo "PSCI=$(dmesg | grep -c "psci: PSCIv1.1 detected")"' "^PSCI=1"; then
	pass "it finds PSCI 1.1 through the conduit its device tree names"
else
	fail "it finds PSCI 1.1" "$(hvctl console linux | tail -n 3)"
fi

echo "--- an address the cell does not own"
# The RTC at 0x09010000 is the root's: with bus-errors the cell's Linux gets
# the board's bus error, which kills devmem (SIGBUS, status 135) and nothing else.
if say 'devmem 0x09010000; echo "DEVMEM=$?"' "^DEVMEM=135" 30; then
	pass "devmem of the root's RTC: a bus error kills devmem in the cell"
else
	fail "devmem of the root's RTC: a bus error kills devmem" "$(hvctl console linux | tail -n 4)"
fi
if say 'echo "ALIVE=$((6 * 7))"' "^ALIVE=42" && [ "$(cell_file "$id" state)" = running ]; then
	pass "the cell's Linux runs on after the bus error"
else
	fail "the cell's Linux runs on after the bus error" "state '$(cell_file "$id" state)'"
fi
root_alive "the root keeps running its workload beside the Linux cell"

echo "--- its SP805 watchdog (INTID 45 at 0x090c0000), fed by busybox's watchdog"
if say 'echo "WDT=$(dmesg | grep -c "sp805-wdt .*registration successful") $(ls /dev/watchdog) $(pidof watchdog > /dev/null && echo fed)"' \
	"^WDT=1 /dev/watchdog fed"; then
	pass "sp805_wdt probes the emulated SP805; /dev/watchdog is fed by the daemon"
else
	fail "sp805_wdt probes the emulated SP805; the daemon feeds it" \
		"$(hvctl console linux | tail -n 3 | tr '\n' ' ')"
fi
# The daemon's timeout is 5 s (scripts/linux-cell/init.sh): fed, the cell runs well past it.
restarts=$(cell_file "$id" restarts)
sleep 12
if say 'echo "FED=$((6 * 7))"' "^FED=42" && [ "$(cell_file "$id" restarts)" = "$restarts" ] &&
   ! hvctl console linux | grep -q "watchdog expired"; then
	pass "fed, the cell's Linux runs 12 s past a 5 s watchdog timeout, not restarted"
else
	fail "fed, the cell's Linux runs past its watchdog timeout" \
		"restarts $restarts -> $(cell_file "$id" restarts); $(hvctl console linux | tail -n 3)"
fi
# The cell's Linux says when it killed the daemon, then its uptime every
# 0.2 s until the hypervisor stops it: the last one is when it expired.
before=$(readies)
hvctl console linux --send 'echo "KILLED $(cut -d" " -f1 /proc/uptime)"; kill -9 $(pidof watchdog); while :; do echo "UP $(cut -d" " -f1 /proc/uptime)"; sleep 0.2; done\n' > /dev/null
if wait_console linux "watchdog expired" "$(patience 30)"; then
	hvctl console linux | tr -d '\r' > /tmp/linux-wd.txt
	took=$(awk '/^KILLED [0-9]/ { k = $2 } /^UP [0-9]/ { u = $2 } END { printf "%.1f", u - k }' \
		/tmp/linux-wd.txt)
	# Fed each second with a 5 s timeout: it expires 4 to 5 s after the kill.
	if echo "$took" | awk '{ exit !($1 >= 3.5 && $1 <= 5.5) }'; then
		pass "the daemon killed: the SP805 expires ${took} s later (cell's uptime)"
	else
		fail "the daemon killed: the SP805 expires 4-5 s later" "after ${took} s"
	fi
else
	fail "the daemon killed: the SP805 expires" "$(hvctl console linux | tail -n 3)"
fi
if wait_readies "$before" && [ "$(cell_file "$id" state)" = running ] &&
   [ "$(cell_file "$id" restarts)" = $((restarts + 1)) ]; then
	pass "the failure policy restarts the cell's Linux from its image store, counted"
else
	fail "the failure policy restarts the cell's Linux" "ready $before -> $(readies) times, \
state '$(cell_file "$id" state)', restarts $restarts -> $(cell_file "$id" restarts)"
fi
if say 'echo "AFTER=$(pidof watchdog > /dev/null && echo fed)"' "^AFTER=fed"; then
	pass "the restarted Linux feeds its watchdog again"
else
	fail "the restarted Linux feeds its watchdog again" "$(hvctl console linux | tail -n 3)"
fi

echo "--- reboot, poweroff, shutdown"
before=$(readies)
hvctl console linux --send 'reboot\n' > /dev/null
if wait_readies "$before" && [ "$(cell_file "$id" state)" = running ]; then
	pass "reboot restarts the cell's Linux from its image store"
else
	fail "reboot restarts the cell's Linux" "ready $before -> $(readies) times, state '$(cell_file "$id" state)'"
fi
if say 'echo "AGAIN=$(grep -c ^processor /proc/cpuinfo)"' "^AGAIN=2"; then
	pass "the rebooted Linux answers, with its 2 CPUs"
else
	fail "the rebooted Linux answers" "$(hvctl console linux | tail -n 3)"
fi
hvctl console linux --send 'poweroff\n' > /dev/null
if wait_state "$id" shut-down "$(patience 60)"; then
	pass "poweroff in the cell shuts the cell down"
else
	fail "poweroff in the cell shuts the cell down" "state '$(cell_file "$id" state)'"
fi
check "load it again" load_linux
check "start it again" hvctl cell start linux
wait_readies "$(readies)"
hvctl cell shutdown linux > /tmp/out 2>&1
if grep -q 'cell "linux" shut down' /tmp/out && [ "$(cell_file "$id" state)" = shut-down ] &&
   hvctl console linux | grep -q "reboot: Power down"; then
	pass "hvctl cell shutdown: the power button powers the cell's Linux off gracefully"
else
	fail "hvctl cell shutdown: graceful poweroff" "$(cat /tmp/out); state '$(cell_file "$id" state)'"
fi
check "destroy the Linux cell" hvctl cell destroy linux
pool_is "the pool is back at its baseline after destroy" "$pool_start"

echo "--- $cycles boot/destroy cycles"
why=""
for i in $(seq 1 "$cycles"); do
	hvctl cell create $config > /dev/null 2>&1 && id=$(cell_id linux) &&
		load_linux > /dev/null 2>&1 && hvctl cell start linux > /dev/null 2>&1 &&
		wait_console linux "$ready" "$(patience 120)" || why="$why cycle $i did not boot;"
	hvctl cell destroy linux > /dev/null 2>&1 || why="$why cycle $i: destroy failed;"
	[ "$(pool_used)" = "$pool_start" ] || why="$why cycle $i: pool $(pool_used);"
	# One failure says enough; the others would only cost minutes.
	[ -z "$why" ] || break
done
if [ -z "$why" ]; then
	pass "$cycles boots to the shell and destroys, the pool back at its baseline each time"
else
	fail "$cycles boot/destroy cycles" "$why"
fi
root_alive "the root's CPUs still run its workload after the cycles"
kill $(cat /tmp/linux-load.pids) 2> /dev/null
rm -f /tmp/linux-load.pids
check "disable" hvctl disable
