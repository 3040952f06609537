#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Emulated devices: a cell's PL011 (identity, reset values, output, input
# through its RX interrupt, FIFO and overrun, loopback) and PL061 power
# button (pressed by hvctl cell shutdown, seen as a GPIO interrupt, the cell
# powers off); the console input path from the root (--attach, --send, the
# ioctl's checks) and from the attacker's side: input from a cell, to a cell
# without a UART, writes to ID registers, wrong access sizes, output floods.
. /bulkhead/tests/lib.sh
plan 34
cd /bulkhead
vdev_config=tests/vdev.cell
hello=configs/qemu-virt-hello.cell
test_inmate=inmates/vdevtest.bin
misbehave=inmates/misbehave.bin

# console_has NAME CELL PATTERN: passes if the cell's console shows PATTERN (grep -E) within 10 s.
console_has() {
	if wait_console "$2" "$3"; then pass "$1"; else
		fail "$1" "no /$3/ in: $(hvctl console "$2" 2>&1 | tail -n 4 | tr '\n' '|')"
	fi
}

# run_vdev ARGS: a fresh cell "vdev" running vdevtest with ARGS.
run_vdev() {
	hvctl cell destroy vdev > /dev/null 2>&1
	hvctl cell create $vdev_config > /dev/null &&
		hvctl cell load vdev $test_inmate -s "$1" > /dev/null && hvctl cell start vdev > /dev/null
}

# failed_with NAME CELL PATTERN: the cell failed, its reason matching PATTERN, within 5 s.
failed_with() {
	id=$(cell_id "$2")
	if wait_state "$id" failed 5 && cell_file "$id" reason | grep -qE "$3"; then
		pass "$1"
	else
		fail "$1" "state '$(cell_file "$id" state)', reason '$(cell_file "$id" reason)'"
	fi
}

check "enable for emulated devices" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)
check "cell with a PL011 and a power button" run_vdev "action=run"

echo "--- PL011"
console_has "PL011 and PL061 identify as an r1p5 PL011 and a PL061" vdev \
	"uart id 0xb105f00d00341011 gpio id 0xb105f00d00041061"
console_has "PL011 reset values" vdev "uart reset fr 0x90 cr 0x300 ifls 0x12 imsc 0x0 ris 0x0 lcr_h 0x0"
console_has "output through UARTDR reaches the cell's console" vdev "^vdev: hello through the pl011"
console_has "transmit empties at once and raises TX" vdev "after output fr 0x90 ris 0x20"
wait_console vdev "waiting for line 1" > /dev/null
out=$(printf 'ping\n' | hvctl console vdev --attach 2>&1)
echo "$out" | grep -q '^ping' && pass "attach from a pipe: typed text echoed by the cell" ||
	fail "attach from a pipe: typed text echoed by the cell" "$(echo "$out" | tr '\n' '|')"
console_has "input arrives through the RX interrupt" vdev 'line 1 "ping" after [1-9][0-9]* rx interrupts, fr 0x90'
# At a terminal (a tmux window): raw keys to the cell, its output back, Ctrl-] leaves,
# the terminal as it was.
wait_console vdev "waiting for line 2" > /dev/null
term_open 120 24 && term_keys "hvctl console vdev --attach" Enter &&
	term_wait 'attached to cell "vdev"; Ctrl-] leaves' && term_keys pong Enter &&
	term_wait 'line 2 "pong"' && term_keys C-] && term_wait 'left cell "vdev"' &&
	pass "attach at a terminal: typed, answered, left with Ctrl-]" ||
	fail "attach at a terminal: typed, answered, left with Ctrl-]" "$(tr '\n' '|' < /tmp/screen)"
term_restored "attach at a terminal: the terminal restored"
term_close
wait_console vdev "not reading" > /dev/null
check "send to a cell that reads late" hvctl console vdev --send 'xy'
console_has "a character arriving at a full holding register is an overrun" vdev "overrun rsr 0x8 fr 0xc0"
console_has "the next character carries OE, the first is intact" vdev \
	"after the overrun dr 0x78 then 0x879"
console_has "loopback returns what was sent" vdev "loopback read 0x4c"

echo "--- power button"
wait_console vdev "waiting for the power button" > /dev/null
before=$(hvctl console | grep -c "did not answer the shutdown request")
check "cell shutdown through the power button" hvctl cell shutdown vdev
console_has "the press is a GPIO interrupt" vdev "gpio interrupt 39 mis 0x8 button down"
console_has "so is the release" vdev "gpio interrupt 39 mis 0x8 button up"
console_has "the cell powers itself off" vdev "pressed 1 released 1: powering off"
[ "$(hvctl console | grep -c "did not answer the shutdown request")" = "$before" ] &&
	[ "$(cell_file "$(cell_id vdev)" state)" = shut-down ] &&
	pass "the shutdown ends by the cell's power-off, not the timeout" ||
	fail "the shutdown ends by the cell's power-off, not the timeout" \
		"state $(cell_file "$(cell_id vdev)" state); $(hvctl console | tail -n 2 | tr '\n' '|')"

echo "--- console input refused"
id=$(cell_id vdev)
expect_error "input of 257 bytes" "Invalid argument" celltool input "$id" 257 x
expect_error "input from an unmapped buffer" "Bad address" celltool input "$id" 4 -
expect_error "input to no such cell" "No such file" celltool input 9 1 x
expect_error "unprivileged input" "Operation not permitted|Permission denied" \
	runas celltool input "$id" 1 x
# The hello cell takes the same CPU.
hvctl cell destroy vdev > /dev/null 2>&1
hvctl cell create $hello > /dev/null 2>&1
expect_error "send to a cell without a UART" "has no emulated UART" hvctl console hello --send x
expect_error "attach to a cell without a UART" "has no emulated UART" \
	sh -c 'echo x | hvctl console hello --attach'
dmesg | grep -q 'console input: cell "hello" has no emulated UART' &&
	pass "the driver says why" || fail "the driver says why" "$(dmesg | tail -n 2 | tr '\n' '|')"
# A cell typing into another's console is stopped, as for any call it may not make.
hvctl cell load hello $misbehave -s "action=hvc code=15" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
failed_with "a cell's own console input stops it" hello "hypercall 0xf not allowed"
hvctl cell destroy hello > /dev/null 2>&1

echo "--- the cell's side"
run_vdev "action=wide" > /dev/null 2>&1
failed_with "a 64-bit access to the PL011 stops the cell" vdev "read at 0x9000000 denied"
hvctl cell destroy vdev > /dev/null 2>&1
hvctl cell create $vdev_config > /dev/null 2>&1
hvctl cell load vdev $misbehave -s "action=write addr=0x9000fe0 value=0x12" > /dev/null 2>&1
hvctl cell start vdev > /dev/null 2>&1
failed_with "a write to a PL011 ID register stops the cell" vdev "write at 0x9000fe0 denied"
lines=$(hvctl console | wc -l)
run_vdev "action=flood bytes=100000" > /dev/null 2>&1
console_has "a flood of output ends" vdev "flood done"
[ $(($(hvctl console | wc -l) - lines)) -lt 10 ] && pass "the flood stays in the cell's own console" ||
	fail "the flood stays in the cell's own console" "$(hvctl console | tail -n 3 | tr '\n' '|')"
hvctl cell destroy vdev > /dev/null 2>&1
root_alive "root alive after the emulated devices"
pool_is "pool back at its baseline" "$pool_start"
check "disable after the emulated devices" hvctl disable
