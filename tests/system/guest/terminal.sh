#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The interactive views as a person at a terminal sees them, in a tmux window
# on the board (Debian's tmux, lib.sh's term_* helpers): hvctl top shows every
# cell and redraws at once for a new size, fits the window's width and
# height; hvctl cell stats redraws; q and Ctrl-C quit both, and the terminal
# is as before (main screen, cursor shown, canonical input and echo);
# hvctl cell run --attach types into a cell and shows its answer, Ctrl-]
# leaves with the terminal restored and the cell running on. And hvctl top
# --once --json, one snapshot with rates.
. /bulkhead/tests/lib.sh
plan 22
cd /bulkhead

# top_row CELL: a row of hvctl top for CELL, running on its CPUs, with its rates.
top_row() {
	echo "^[0-9]+ +$1 +running +[0-9,-]+ +[0-9]+ +[0-9]+ +[0-9]+ +[-0-9]+ +[0-9]+"
}

check "enable" hvctl enable configs/qemu-virt.cell
check "a cell that prints 5 lines a second" \
	hvctl cell run configs/qemu-virt-hello.cell inmates/hello.bin -s "interval-ms=200"
wait_console hello "count 3" > /dev/null
if term_open 150 24; then pass "a shell in a tmux window"; else
	fail "a shell in a tmux window" "$(tr '\n' '|' < /tmp/screen)"
fi

echo "--- hvctl top"
term_keys "echo before-top; hvctl top --interval 0.5" Enter
term_wait "^hvctl top  2 cells" && term_wait "^ID +NAME +STATE +CPUS +EXITS/S +VIRQS/S +DOORBELLS/S +LINES/S +RESTARTS +LAST LINE$" &&
	term_wait "$(top_row qemu-virt-linux)" && term_wait "$(top_row hello) +count [0-9]+$" &&
	pass "top: a row per cell, the last console line at the end" ||
	fail "top: a row per cell, the last console line at the end" "$(tr '\n' '|' < /tmp/screen)"
# 5 lines a second, measured over half a second: 2 to 14 allows for the emulator.
term_wait "^[0-9]+ +hello +running +1 +[0-9]+ +[0-9]+ +0 +([2-9]|1[0-4]) +0 " &&
	pass "top: the cell's console lines per second" ||
	fail "top: the cell's console lines per second" "$(grep hello /tmp/screen)"
[ "$(term_flag alternate_on)" = 1 ] && [ "$(term_flag cursor_flag)" = 0 ] &&
	pass "top takes the alternate screen and hides the cursor" ||
	fail "top takes the alternate screen and hides the cursor" \
		"alternate '$(term_flag alternate_on)', cursor '$(term_flag cursor_flag)'"
term_keys q
term_wait "^before-top$" && ! grep -q "EXITS/S" /tmp/screen &&
	pass "q quits top; the screen shows what it showed before" ||
	fail "q quits top; the screen shows what it showed before" "$(tr '\n' '|' < /tmp/screen)"
term_restored "after q, the terminal is as before"

# Rates over 30 s: only a resize can make top draw again within seconds.
term resize-window -t t -x 60 -y 24
term_keys clear Enter "hvctl top --interval 30" Enter
if term_wait "^ID  " && ! grep -q "LAST LINE" /tmp/screen; then
	term resize-window -t t -x 150 -y 24
	term_wait "LAST LINE$" 5 && term_wait "$(top_row hello) +count [0-9]+$" 1 &&
		pass "top redraws at once for a wider window: the last line comes back" ||
		fail "top redraws at once for a wider window" "$(tr '\n' '|' < /tmp/screen)"
else
	fail "top redraws at once for a wider window" "at 60 columns: $(tr '\n' '|' < /tmp/screen)"
fi
# Title, blank line, header and two rows: five lines in a window of four.
term resize-window -t t -x 150 -y 4
term_wait "^hvctl top  2 cells" 5 && sed -n 3p /tmp/screen | grep -qE "^ID +NAME" &&
	pass "top fits a low window: the title stays, the rows that do not fit are left out" ||
	fail "top fits a low window" "$(tr '\n' '|' < /tmp/screen)"
term resize-window -t t -x 150 -y 24
term_keys C-c
term_wait '^term\$ ?$' && pass "Ctrl-C quits top" ||
	fail "Ctrl-C quits top" "$(tr '\n' '|' < /tmp/screen)"
term_restored "after Ctrl-C, the terminal is as before"

echo "--- hvctl cell stats"
term_keys clear Enter "hvctl cell stats hello --interval 0.5" Enter
term_wait '^cell "hello" \(id [0-9]+\)  state running  cpus 1  every 0.5s; q or Ctrl-C quits$' &&
	term_wait "^ *1 +[0-9]+ +[0-9]+ " &&
	pass "cell stats: the cell and its CPU's counters with rates" ||
	fail "cell stats: the cell and its CPU's counters with rates" "$(tr '\n' '|' < /tmp/screen)"
term_keys q
term_wait '^term\$ ?$' && ! grep -q "every 0.5s" /tmp/screen && pass "q quits cell stats" ||
	fail "q quits cell stats" "$(tr '\n' '|' < /tmp/screen)"
term_restored "after cell stats, the terminal is as before"

echo "--- a console attached by hvctl cell run --attach"
# vdev takes CPU 1 too.
hvctl cell destroy hello > /dev/null
term_keys clear Enter "hvctl cell run tests/vdev.cell inmates/vdevtest.bin -s action=run --attach" Enter
term_wait 'attached to cell "vdev"; Ctrl-] leaves' 20 && term_wait "waiting for line 1" 20 &&
	pass "cell run --attach: the cell's output from its start" ||
	fail "cell run --attach: the cell's output from its start" "$(tr '\n' '|' < /tmp/screen)"
term_keys ping Enter
term_wait 'line 1 "ping"' && pass "typed keys reach the cell, its answer shows" ||
	fail "typed keys reach the cell, its answer shows" "$(tr '\n' '|' < /tmp/screen)"
term_keys C-]
term_wait 'left cell "vdev"' && term_wait '^term\$ ?$' && pass "Ctrl-] leaves the console" ||
	fail "Ctrl-] leaves the console" "$(tr '\n' '|' < /tmp/screen)"
term_restored "after the console, the terminal is as before"
[ "$(cell_file "$(cell_id vdev)" state)" = running ] && pass "the cell runs on after Ctrl-]" ||
	fail "the cell runs on after Ctrl-]" "state '$(cell_file "$(cell_id vdev)" state)'"
term_close

echo "--- hvctl top --once --json"
hvctl cell destroy vdev > /dev/null 2>&1
hvctl cell run configs/qemu-virt-hello.cell inmates/hello.bin -s "interval-ms=200" > /dev/null &&
	wait_console hello "count 3" > /dev/null
hvctl top --once --json --interval 0.5 > /tmp/top.json 2>&1
grep -qE '"name": "hello", "state": "running", "cpus": \[1\], .*"console_lines_per_s": ([2-9]|1[0-4])\.[0-9], "last_line": "count [0-9]+"' /tmp/top.json &&
	grep -qE '"id": 0, .*"console_lines": null, "console_lines_per_s": null, "last_line": null' /tmp/top.json &&
	grep -qE '"interval": 0\.[5-9]' /tmp/top.json &&
	pass "top --once --json: every cell, rates over one interval" ||
	fail "top --once --json: every cell, rates over one interval" "$(tr '\n' '|' < /tmp/top.json)"
hvctl cell destroy hello > /dev/null
check "disable" hvctl disable
