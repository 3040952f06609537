#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Inter-cell channels: the root's channel devices and hvctl channel, ping-pong
# and bulk transfers root <-> cell and cell <-> cell, the policy and the
# hypervisor refusing what it does not allow, peers failing and leaving.
. /bulkhead/tests/lib.sh
plan 60
cd /bulkhead
inmates=/bulkhead/inmates
cells=/sys/devices/bulkhead/cells
dev=/dev/bulkhead-channel

check "enable for channels" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

# run CONFIG CELL IMAGE CMDLINE: create, load, start.
run() {
	hvctl cell create "$1" > /dev/null 2>&1 &&
	hvctl cell load "$2" "$inmates/$3" -s "$4" > /dev/null 2>&1 &&
	hvctl cell start "$2" > /dev/null 2>&1
}

# le32 N: N as 4 little-endian bytes.
le32() {
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $((($1 >> 8) & 255)) \
		$((($1 >> 16) & 255)) $((($1 >> 24) & 255)))"
}

# word CHANNEL OFFSET: the 32-bit word at OFFSET of the root's view, in decimal.
word() {
	hvctl channel read "$1" -o "$2" -n 4 | od -An -tu4 | tr -d ' '
}

# list_row CHANNEL: the channel's row of hvctl channel list.
list_row() {
	hvctl channel list | grep -E "^$1 "
}

echo "--- channel devices and list"
[ -c $dev/root-echo ] && [ -c $dev/root-feed ] && pass "root channel devices exist" ||
	fail "root channel devices exist" "$(ls -l $dev 2>&1 | tr '\n' ' ')"
list_row root-echo | grep -q absent && pass "channel list: peer absent before its cell exists" ||
	fail "channel list: peer absent before its cell exists" "$(hvctl channel list | tr '\n' ' ')"
expect_error "ring an absent peer refused" "not running" hvctl channel ring root-echo
expect_error "unknown channel refused" "no channel 'nope'" hvctl channel ring nope
expect_error "read beyond the channel refused" "offset|beyond|fit" \
	hvctl channel read root-echo -o 0x100000 -n 4

echo "--- root <-> cell"
run configs/qemu-virt-echo.cell echo channel.bin "channel=root-echo role=echo"
list_row root-echo | grep -q " up " && pass "channel list: up once the cell runs" ||
	fail "channel list: up once the cell runs" "$(hvctl channel list | tr '\n' ' ')"
check "ping-pong root <-> cell (C, channel device)" chantest ping root-echo 200
grep -q "round trip avg" /tmp/out && pass "ping-pong reports its round trip" ||
	fail "ping-pong reports its round trip" "$(tr '\n' ' ' < /tmp/out)"
check "bulk root <-> cell with CRC check" chantest bulk root-echo 1048576 262144
[ "$(grep -c "crc ok" /tmp/out)" = 2 ] && pass "bulk: both directions verified" ||
	fail "bulk: both directions verified" "$(tr '\n' ' ' < /tmp/out)"

# One ping by hand with the shell tool: op, length, then the sequence number.
seq=$(( $(word root-echo 4) + 1 ))
{ le32 1; le32 0; } | hvctl channel write root-echo -o 8 &&
	le32 $seq | hvctl channel write root-echo -o 4 && hvctl channel ring root-echo > /dev/null &&
	hvctl channel wait root-echo -t 2000 > /dev/null
[ "$(word root-echo 16)" = "$seq" ] && pass "ping-pong from the shell (hvctl channel write/ring/wait/read)" ||
	fail "ping-pong from the shell (hvctl channel write/ring/wait/read)" "response $(word root-echo 16), expected $seq"
sent=$(list_row root-echo | awk '{ print $(NF - 1) }')
[ "${sent:-0}" -ge 200 ] 2>/dev/null && pass "doorbell counts in the channel list" ||
	fail "doorbell counts in the channel list" "$(list_row root-echo)"
hvctl channel info root-echo > /tmp/info 2>&1
grep -qx "peer state: up" /tmp/info && pass "channel info shows the peer up" || fail "channel info shows the peer up" "$(tr '\n' ' ' < /tmp/info)"

# A waiter blocked on the channel hears of the peer's shutdown.
hvctl channel wait root-echo -t 3000 > /tmp/out 2>&1 &
waiter=$!
sleep 0.5
hvctl cell shutdown echo > /dev/null 2>&1
wait $waiter
grep -q "peer echo: down" /tmp/out && pass "root told of its peer's shutdown" ||
	fail "root told of its peer's shutdown" "$(tr '\n' ' ' < /tmp/out)"
hvctl cell destroy echo > /dev/null 2>&1

# The root as responder (chantest serve, as a Linux cell's would), the cell requesting:
# 100 pings and 4 x 4 bulk requests of 16 KiB.
run configs/qemu-virt-echo.cell echo channel.bin \
	"channel=root-echo role=initiator rounds=100 bytes=65536 chunk=16384"
check "root serves a requesting cell (chantest serve)" chantest -t 5000 serve root-echo 116
wait_console echo "channel root-echo: done" 20 &&
	[ "$(hvctl console echo | grep -cE "(sink|source) .*crc ok")" = 2 ] &&
	pass "the requesting cell verified both directions" ||
	fail "the requesting cell verified both directions" "$(hvctl console echo | tail -4 | tr '\n' ' ')"
hvctl cell shutdown echo > /dev/null 2>&1
hvctl cell destroy echo > /dev/null 2>&1

echo "--- cell <-> cell"
run configs/qemu-virt-chan-b.cell chan-b channel.bin "channel=a-b role=echo"
run configs/qemu-virt-chan-a.cell chan-a channel.bin "channel=a-b role=initiator rounds=200 bytes=1048576"
wait_console chan-a "channel a-b: done" 60 && pass "cell <-> cell run completes" ||
	fail "cell <-> cell run completes" "$(hvctl console chan-a | tail -3 | tr '\n' ' ')"
hvctl console chan-a | grep -q "ping-pong 200 rounds" && pass "ping-pong cell <-> cell" ||
	fail "ping-pong cell <-> cell" "$(hvctl console chan-a | tail -5 | tr '\n' ' ')"
[ "$(hvctl console chan-a | grep -cE "(sink|source) .*crc ok")" = 2 ] && pass "bulk cell <-> cell with CRC check" ||
	fail "bulk cell <-> cell with CRC check" "$(hvctl console chan-a | grep -E "sink|source" | tr '\n' ' ')"
list_row a-b | grep -q " up " && pass "channel list shows the cell <-> cell channel" ||
	fail "channel list shows the cell <-> cell channel" "$(hvctl channel list | tr '\n' ' ')"
[ -c $dev/root-echo ] && [ ! -e $dev/a-b ] && pass "no root device for a channel between cells" ||
	fail "no root device for a channel between cells" "$(ls $dev 2>&1 | tr '\n' ' ')"
probe_denied "root cannot read a channel between two cells" chanmem 0x7e200000

echo "--- peer state and failure"
hvctl cell shutdown chan-b > /dev/null 2>&1
wait_console chan-a "peer chan-b down" && pass "peer shutdown reported to the other cell" ||
	fail "peer shutdown reported to the other cell" "$(hvctl console chan-a | tail -2 | tr '\n' ' ')"
hvctl cell load chan-b $inmates/misbehave.bin -s "action=read addr=0x40000000" > /dev/null 2>&1 &&
	hvctl cell start chan-b > /dev/null 2>&1
wait_console chan-a "peer chan-b failed" && pass "peer failure reported to the other cell" ||
	fail "peer failure reported to the other cell" "$(hvctl console chan-a | tail -3 | tr '\n' ' ')"
hvctl cell list | grep -qE "chan-a +running" && pass "the other cell keeps running" ||
	fail "the other cell keeps running" "$(hvctl cell list | tr '\n' ' ')"
hvctl cell destroy chan-b > /dev/null 2>&1
wait_console chan-a "peer chan-b absent" && pass "peer destroy reported to the other cell" ||
	fail "peer destroy reported to the other cell" "$(hvctl console chan-a | tail -2 | tr '\n' ' ')"
probe_denied "channel memory stays sealed while one side exists" chanheld 0x7e200000
check "cell with a departed peer destroys" hvctl cell destroy chan-a
probe_done "channel memory back to the root with the last side" returned 0x7e200000

echo "--- refused by the policy and the hypervisor"
# chan-b holds the memory of channel a-b; the refused cells' CPUs are free.
hvctl cell create configs/qemu-virt-chan-b.cell > /dev/null 2>&1
used=$(pool_used)
expect_error "channel the policy does not connect" "policy has no link between" hvctl cell create tests/chan-bad-policy.cell
expect_error "write access the policy does not give" "\(write\) but the policy has no link" hvctl cell create tests/chan-bad-write.cell
expect_error "channel memory differing from the peer's" "differs" hvctl cell create tests/chan-bad-mismatch.cell
expect_error "channel the peer does not declare" "declares no channel" hvctl cell create tests/chan-bad-undeclared.cell
expect_error "doorbell taken from the root's channel" "root's doorbell" hvctl cell create tests/chan-bad-irq.cell
expect_error "doorbell the interrupt controller does not have" "600 does not exist" \
	hvctl cell create tests/chan-bad-irq-range.cell
expect_error "plain memory region over a channel's memory" "overlaps the memory of channel" \
	hvctl cell create tests/chan-spy.cell
expect_error "root's doorbell in a cell's interrupts" "root's doorbell" \
	hvctl cell create tests/chan-steal-doorbell.cell
is_number "$used" && [ "$(pool_used)" = "$used" ] && [ "$(ls $cells | wc -l)" = 2 ] &&
	pass "refusals change nothing" ||
	fail "refusals change nothing" "pool '$used' -> '$(pool_used)', cells $(ls $cells | tr '\n' ' ')"
# The first side leaves first: the second keeps the memory, then gives it back.
hvctl cell create configs/qemu-virt-chan-a.cell > /dev/null 2>&1
hvctl cell destroy chan-b > /dev/null 2>&1
check "second side leaves last" hvctl cell destroy chan-a
probe_done "channel memory back to the root, first side destroyed first" returned 0x7e200000

echo "--- a read-only side"
# The first word of a config file: its magic, never zero like fresh memory.
magic=$(od -An -tu4 -N4 /bulkhead/configs/qemu-virt.cell | tr -d ' ')
hvctl channel write root-feed -o 0 < /bulkhead/configs/qemu-virt.cell
run tests/chan-reader.cell reader misbehave.bin "action=chan-read"
is_number "$magic" && [ "$magic" -ne 0 ] && wait_console reader "chan read" &&
	[ "$(word root-feed 0)" = "$magic" ] &&
	hvctl console reader | grep -q "chan read 0x$(printf %x "$magic")$" &&
	pass "read-only side reads what the root wrote" ||
	fail "read-only side reads what the root wrote" \
		"$(hvctl console reader | tail -2 | tr '\n' ' ') expected 0x$(printf %x "$magic")"
check "root rings the read-only side (policy root -> reader)" hvctl channel ring root-feed
hvctl cell destroy reader > /dev/null 2>&1
run tests/chan-reader.cell reader misbehave.bin "action=chan-ring"
wait_console reader "ring channel 0 -> -1$" && pass "policy: the reader may not ring the root" ||
	fail "policy: the reader may not ring the root" "$(hvctl console reader | tail -2 | tr '\n' ' ')"
hvctl cell destroy reader > /dev/null 2>&1
run tests/chan-reader.cell reader misbehave.bin "action=chan-ring-bad"
wait_console reader "ring bad index -> -22$" && pass "ringing a channel it does not have" ||
	fail "ringing a channel it does not have" "$(hvctl console reader | tail -2 | tr '\n' ' ')"
hvctl cell destroy reader > /dev/null 2>&1
run tests/chan-reader.cell reader misbehave.bin "action=chan-write"
n=0; while [ $n -lt 50 ] && ! hvctl cell list | grep -qE "reader +failed"; do sleep 0.1; n=$((n + 1)); done
hvctl cell list | grep -E "reader +failed" | grep -q "write" && pass "writing a read-only channel fails the cell" ||
	fail "writing a read-only channel fails the cell" "$(hvctl cell list | tr '\n' ' ')"
hvctl channel info root-feed | grep -qx "peer state: failed" && pass "root sees its peer failed" ||
	fail "root sees its peer failed" "$(hvctl channel info root-feed | tr '\n' ' ')"
expect_error "ringing a failed peer refused" "not running" hvctl channel ring root-feed
hvctl cell destroy reader > /dev/null 2>&1

echo "--- the root's read-only side"
hvctl channel list | grep -E "^root-log " | grep -q "qemu-virt-linux ro " &&
	pass "root-log is read-only for the root" || fail "root-log is read-only for the root" "$(list_row root-log)"
expect_error "hvctl channel write refused on a read-only side" "read-only" \
	sh -c 'echo x | hvctl channel write root-log'
reported=$(hvctl console | grep -c "write at 0x7e110000 denied")
probe chanwrite 0x7e110000
[ "$probe_result" = denied ] && [ "$(hvctl console | grep -c "write at 0x7e110000 denied")" -gt "$reported" ] &&
	pass "root kernel cannot write a channel it may only read" ||
	fail "root kernel cannot write a channel it may only read" \
		"$probe_result; $(hvctl console | tail -2 | tr '\n' ' ')"
run tests/chan-logger.cell logger misbehave.bin "action=chan-write value=0x1234abcd"
wait_console logger "chan wrote" && [ "$(word root-log 0)" = "$((0x1234abcd))" ] &&
	pass "root reads what the cell wrote" || fail "root reads what the cell wrote" "word $(word root-log 0)"
hvctl cell destroy logger > /dev/null 2>&1
run tests/chan-logger.cell logger misbehave.bin "action=chan-ring"
wait_console logger "ring channel 0 -> 0$" && pass "the writing side rings the root" ||
	fail "the writing side rings the root" "$(hvctl console logger | tail -2 | tr '\n' ' ')"
[ "$(list_row root-log | awk '{ print $NF }')" -ge 1 ] 2>/dev/null &&
	pass "root counts the logger's doorbell" || fail "root counts the logger's doorbell" "$(list_row root-log)"
expect_error "root may not ring against the policy" "policy does not let" hvctl channel ring root-log
hvctl cell destroy logger > /dev/null 2>&1
# A peer ringing in a loop: Linux takes one interrupt per read of the counts.
# Read them just before the peer starts, so that its start (a peer state
# change) and its rings find the doorbell armed.
hvctl cell create tests/chan-logger.cell > /dev/null 2>&1 &&
	hvctl cell load logger $inmates/misbehave.bin -s "action=chan-ring count=20000" > /dev/null 2>&1
hvctl channel info root-log > /dev/null
irqs=$(irq_count bulkhead-channel-root-log)
hvctl cell start logger > /dev/null 2>&1
wait_console logger "ring channel 0 -> 0$" 30
after=$(irq_count bulkhead-channel-root-log)
received=$(hvctl channel info root-log | sed -n 's/^rings received: //p')
is_number "$irqs" && is_number "$after" && is_number "$received" && [ "$received" -ge 20000 ] &&
	[ $((after - irqs)) -ge 1 ] && [ $((after - irqs)) -le 2 ] &&
	pass "a ringing loop costs Linux one interrupt until it reads" ||
	fail "a ringing loop costs Linux one interrupt until it reads" "$received rings, interrupts $irqs -> $after"
hvctl cell destroy logger > /dev/null 2>&1

echo "--- disable"
sleep 30 < $dev/root-echo &
holder=$!
sleep 0.2
expect_error "disable refused while a channel device is open" "busy|open|in use" hvctl disable
kill $holder 2>/dev/null
wait $holder 2>/dev/null
pool_is "pool back after the channel tests" "$pool_start"
check "disable after channels" hvctl disable
[ -e $dev/root-echo ] && fail "channel devices go with the hypervisor" "still there" ||
	pass "channel devices go with the hypervisor"
