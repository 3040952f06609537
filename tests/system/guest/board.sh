#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A board-native cell: the board program (inmates/board), written for the bare
# QEMU virt board without the inmate library, runs in a 2-CPU cell shaped like
# that board (configs/qemu-virt-board.cell) and must print, line by line, what
# it printed on the bare board (tests/board-bare-{elf,bin}.txt, made by QEMU at
# build time): the device tree it found, GIC reset state, both timers' PPIs,
# SGIs between its CPUs, the RTC's SPI routed to each CPU, PSCI CPU_ON,
# CPU_OFF, AFFINITY_INFO and SYSTEM_OFF. Once as an ELF (device tree at the
# bottom of RAM), once raw (device tree in x0), as QEMU's -kernel loads them.
# Then the same program in a cell with an emulated SP805 watchdog, which it
# drives as on a board that has one and then stops feeding: the cell stops.
. /bulkhead/tests/lib.sh
plan 25
cd /bulkhead

# run_board KIND: the board program's KIND image (elf or bin) in a fresh cell
# "board", to its end; its output compared with the bare board's.
run_board() {
	bare=tests/board-bare-$1.txt
	grep -q "^board: 0 failures, powering off$" $bare &&
		grep -q "^board: RAM 0x40000000, 16 MiB; 2 CPUs$" $bare &&
		pass "$1: the bare board ran it cleanly" ||
		fail "$1: the bare board ran it cleanly" "$(tail -n 3 $bare | tr '\n' ' ')"
	check "$1: cell created" hvctl cell create configs/qemu-virt-board.cell
	check "$1: image loaded as QEMU's -kernel loads it" hvctl cell load board inmates/board.$1
	check "$1: cell started" hvctl cell start board
	wait_console board "^board: [0-9]+ failures, powering off" 30 &&
		pass "$1: the program ran to its end in the cell" ||
		fail "$1: the program ran to its end in the cell" \
			"$(hvctl console board | tail -n 3 | tr '\n' ' ')"
	# The hypervisor's own lines about the cell ("bulkhead: ...") are not the program's.
	hvctl console board | tr -d '\r' | grep -v '^bulkhead: ' > /tmp/board-cell.txt
	diff $bare /tmp/board-cell.txt > /tmp/board-diff &&
		pass "$1: the cell's output is the bare board's, line by line" ||
		fail "$1: the cell's output is the bare board's, line by line" \
			"$(head -c 800 /tmp/board-diff | tr '\n' ' ')"
	id=$(cell_id board)
	wait_state "$id" shut-down 2 && pass "$1: its SYSTEM_OFF stopped the cell" ||
		fail "$1: its SYSTEM_OFF stopped the cell" "cell '$id' state '$(cell_file "$id" state)'"
	check "$1: cell destroyed" hvctl cell destroy board
}

# run_watchdog: the ELF in cell "board-wd" (tests/system/configs/board-sp805.dts), with an
# SP805 and the failure action "stop".
run_watchdog() {
	check "sp805: cell created" hvctl cell create tests/board-sp805.cell
	check "sp805: image loaded and started" sh -c \
		"hvctl cell load board-wd inmates/board.elf && hvctl cell start board-wd"
	id=$(cell_id board-wd)
	wait_state "$id" failed 30
	hvctl console board-wd | tr -d '\r' > /tmp/board-wd.txt
	if [ "$(grep -c "^watchdog: .*: ok$" /tmp/board-wd.txt)" = 9 ] &&
	   ! grep -qE "FAILED|cannot go on" /tmp/board-wd.txt; then
		pass "sp805: IDs, lock, count down, RIS/MIS, IntClr and its SPI as on a board"
	else
		fail "sp805: the program drives it as on a board" \
			"$(grep -E "FAILED|cannot" /tmp/board-wd.txt | tr '\n' ' ')"
	fi
	fed=$(grep -n "^watchdog: no longer fed" /tmp/board-wd.txt | cut -d: -f1)
	expired=$(grep -n "^bulkhead: cell \"board-wd\" watchdog expired" /tmp/board-wd.txt |
		cut -d: -f1)
	if [ -n "$fed" ] && [ "$(echo "$expired" | wc -w)" = 1 ] && [ "$expired" -gt "$fed" ]; then
		pass "sp805: fed, it never expires; unfed, its reset is the cell's watchdog expiry, once"
	else
		fail "sp805: unfed, it expires once" "fed at line '$fed', expired at '$expired'"
	fi
	if [ "$(cell_file "$id" state)" = failed ] &&
	   grep -q "^bulkhead: cell \"board-wd\" stopped by its failure policy" /tmp/board-wd.txt &&
	   ! grep -qE "^watchdog: still running|^board: [0-9]+ failures" /tmp/board-wd.txt; then
		pass "sp805: on-failure stop: the expiry stopped the program then and there"
	else
		fail "sp805: on-failure stop: the expiry stopped the program" \
			"state '$(cell_file "$id" state)'; $(tail -n 2 /tmp/board-wd.txt | tr '\n' ' ')"
	fi
	check "sp805: cell destroyed" hvctl cell destroy board-wd
}

check "enable for the board cell" hvctl enable configs/qemu-virt.cell
run_board elf
run_board bin
run_watchdog
root_alive "root alive after the board cells"
check "disable after the board cells" hvctl disable
