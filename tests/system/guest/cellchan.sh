#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Channels reach a Linux cell: Debian's kernel in cell "linux"
# (qemu-virt-linux-cell.dts) loads bulkhead_cell.ko, which gives it
# /dev/bulkhead-channel/root-linux and linux-bm from its device tree, the
# root's interface. chantest on both sides: root <-> Linux cell ping-pong and
# checksummed bulk transfers, each side once the requester; the Linux cell
# <-> a bare-metal cell (bm-echo, channel.bin); the root kept out of the
# channel between the two cells; peer state across a shutdown.
. /bulkhead/tests/lib.sh
plan 26
cd /bulkhead
inmates=/bulkhead/inmates
kernel=/bulkhead/linux/Image
initrd=/bulkhead/linux/initramfs.cpio.gz
ready="linux-cell: ready"

# send COMMAND: types COMMAND into the Linux cell's console.
send() {
	hvctl console linux --send "$1\n" > /dev/null
}

# console_lines: the Linux cell's console, without carriage returns.
console_lines() {
	hvctl console linux 2> /dev/null | tr -d '\r'
}

# The markers below start a line: the shell's echo of the command that
# prints them does not.
check "enable for the Linux cell's channels" hvctl enable configs/qemu-virt.cell
check "create the Linux cell" hvctl cell create configs/qemu-virt-linux-cell.cell
check "load Linux with its device tree" \
	hvctl cell load linux $kernel --initrd $initrd --cmdline "console=ttyAMA0 quiet"
check "start the Linux cell" hvctl cell start linux
wait_console linux "$ready" 180 && pass "the Linux cell reaches its shell" ||
	fail "the Linux cell reaches its shell" "$(console_lines | tail -n 3 | tr '\n' ' ')"

echo "--- the cell's channel devices, from its device tree"
send "ls -1 /dev/bulkhead-channel; echo channels-listed"
wait_console linux "^channels-listed" 20 && console_lines | grep -qx root-linux &&
	console_lines | grep -qx linux-bm && pass "bulkhead_cell.ko made both channel devices" ||
	fail "bulkhead_cell.ko made both channel devices" "$(console_lines | tail -n 4 | tr '\n' ' ')"

echo "--- root requests, the Linux cell serves"
# 200 pings, then 4 x 4 bulk requests of 64 KiB.
send "chantest -t 60000 serve root-linux 216; echo serve-rc=\$?"
check "ping-pong root <-> Linux cell" chantest -t 10000 ping root-linux 200
check "bulk root <-> Linux cell" chantest -t 10000 bulk root-linux 262144 65536
[ "$(grep -c "crc ok" /tmp/out)" = 2 ] && pass "bulk root <-> Linux cell: both directions verified" ||
	fail "bulk root <-> Linux cell: both directions verified" "$(tr '\n' ' ' < /tmp/out)"
wait_console linux "^serve-rc=0" 30 && pass "the Linux cell answered every request" ||
	fail "the Linux cell answered every request" "$(console_lines | tail -n 3 | tr '\n' ' ')"

echo "--- the Linux cell requests, the root serves"
send "chantest -t 10000 ping root-linux 100 && chantest -t 10000 bulk root-linux 262144 65536; echo request-rc=\$?"
check "the root serves the Linux cell" chantest -t 60000 serve root-linux 116
wait_console linux "^request-rc=" 30 && console_lines | grep -q "^request-rc=0" &&
	pass "the Linux cell's requests completed" ||
	fail "the Linux cell's requests completed" "$(console_lines | tail -n 3 | tr '\n' ' ')"
[ "$(console_lines | grep -c "^chantest root-linux: \(sink\|source\) .*crc ok")" = 2 ] &&
	pass "the Linux cell verified both directions" ||
	fail "the Linux cell verified both directions" "$(console_lines | grep crc | tr '\n' ' ')"

echo "--- the Linux cell <-> a bare-metal cell"
check "create the bare-metal peer" hvctl cell create configs/qemu-virt-bm-echo.cell
hvctl cell load bm-echo $inmates/channel.bin -s "channel=linux-bm role=echo" > /tmp/out 2>&1 &&
	hvctl cell start bm-echo >> /tmp/out 2>&1 && pass "start the bare-metal peer" ||
	fail "start the bare-metal peer" "$(tr '\n' ' ' < /tmp/out)"
send "chantest -t 10000 ping linux-bm 200 && chantest -t 10000 bulk linux-bm 262144 65536; echo peer-rc=\$?"
wait_console linux "^peer-rc=" 60 && console_lines | grep -q "^peer-rc=0" &&
	console_lines | grep -q "^chantest linux-bm: ping-pong 200 rounds" &&
	pass "ping-pong Linux cell <-> bare-metal cell" ||
	fail "ping-pong Linux cell <-> bare-metal cell" "$(console_lines | tail -n 4 | tr '\n' ' ')"
[ "$(console_lines | grep -c "^chantest linux-bm: \(sink\|source\) .*crc ok")" = 2 ] &&
	pass "bulk Linux cell <-> bare-metal cell with CRC check" ||
	fail "bulk Linux cell <-> bare-metal cell with CRC check" "$(console_lines | grep crc | tr '\n' ' ')"
[ ! -e /dev/bulkhead-channel/linux-bm ] && pass "no root device for the cells' channel" ||
	fail "no root device for the cells' channel" "$(ls /dev/bulkhead-channel | tr '\n' ' ')"
probe_denied "root cannot read the channel between the two cells" cellchan 0x7e600000

echo "--- peer state"
check "shut the Linux cell down" hvctl cell shutdown linux
hvctl channel info root-linux > /tmp/info 2>&1
grep -qx "peer state: down" /tmp/info && pass "the root sees its Linux peer down" ||
	fail "the root sees its Linux peer down" "$(tr '\n' ' ' < /tmp/info)"
wait_console bm-echo "peer linux down" && pass "the bare-metal cell sees its Linux peer down" ||
	fail "the bare-metal cell sees its Linux peer down" "$(hvctl console bm-echo | tail -n 2 | tr '\n' ' ')"
check "destroy the bare-metal peer" hvctl cell destroy bm-echo
check "destroy the Linux cell" hvctl cell destroy linux
root_alive "root alive after the Linux cell's channels"
check "disable after the Linux cell's channels" hvctl disable
