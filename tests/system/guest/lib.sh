# SPDX-License-Identifier: GPL-2.0
# In-guest test helpers: every check prints one "PASS: name" or
# "FAIL: name: why" line that tests/system/run.sh counts on the host.
# A variable never set is an error that ends the group (and run.sh counts
# its missing checks as failed), not an empty value that compares equal.
set -u

# The board these tests run on (BOARD_* variables: config, CPUs, hypervisor
# memory, ...; tests/system/boards/): one set of scripts for every board.
. /bulkhead/board.env

# skip NAME WHY: a check that does not apply to this board's architecture.
# It takes its place in the group's plan, and run.sh counts it apart from the
# passed and failed ones, with the reason: nothing is left out silently.
skip() {
	echo "SKIP: $1: on $BOARD_ARCH, $2" | tee -a $RESULTS
}

# Results also go to a file: on the console the hypervisor's own messages
# can cut into a line, and a cut line must not make a result vanish.
RESULTS=/tmp/results

# plan N: the group's first command, the number of checks (PASS or FAIL
# lines) it prints. run.sh reads the line from the group's source as well,
# to count the checks of a group the board never got to as failed.
plan() {
	echo "PLAN: $1" | tee -a $RESULTS
}

pass() {
	echo "PASS: $1" | tee -a $RESULTS
}

fail() {
	echo "FAIL: $1: $2" | tee -a $RESULTS
}

# check NAME COMMAND...: passes when COMMAND succeeds.
check() {
	name=$1
	shift
	if "$@" > /tmp/out 2>&1; then pass "$name"; else fail "$name" "$(tail -n 3 /tmp/out | tr '\n' ' ')"; fi
}

# expect_error NAME PATTERN COMMAND...: COMMAND must fail and print PATTERN (grep -E).
expect_error() {
	name=$1
	pattern=$2
	shift 2
	if "$@" > /tmp/out 2>&1; then
		fail "$name" "succeeded but should have failed"
	elif ! grep -qE "$pattern" /tmp/out; then
		fail "$name" "message lacks /$pattern/: $(tr '\n' ' ' < /tmp/out)"
	else
		pass "$name"
	fi
}

# cell_file ID FILE: one of cell ID's sysfs attributes (empty if unreadable).
cell_file() {
	cat "/sys/devices/bulkhead/cells/$1/$2" 2>/dev/null
}

# cell_id NAME: the id of the cell named NAME, from sysfs (empty if none).
cell_id() {
	for c in /sys/devices/bulkhead/cells/*; do
		[ "$(cat "$c/name" 2> /dev/null)" = "$1" ] && basename "$c"
	done
}

# cell_stat CELL CPU NAME: one exit counter of CPU of CELL, from hvctl cell stats --json.
cell_stat() {
	hvctl cell stats "$1" --json | tr '{' '\n' | grep "\"cpu\": *$2[,}]" |
		sed -n "s/.*\"$3\": *\([0-9]*\).*/\1/p"
}

enabled() {
	[ "$(cat /sys/devices/bulkhead/enabled)" = 1 ]
}

# is_number VALUE: VALUE is a decimal count (a counter that could not be
# read is not, and must fail the check that reads it).
is_number() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	esac
}

pool_used() {
	cat /sys/devices/bulkhead/mem_pool_used
}

# pool_is NAME PAGES: passes if the hypervisor's pool has PAGES in use again.
pool_is() {
	now=$(pool_used)
	if is_number "$2" && [ "$now" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "pool pages in use '$2' before, '$now' now"
	fi
}

# every_cpu_runs: a task runs on each of the board's CPUs.
every_cpu_runs() {
	for c in $BOARD_CPUS; do
		taskset -c "$c" true || return 1
	done
}

# cpu_online N: Linux's online state of CPU N, 0 or 1 (empty if unreadable).
cpu_online() {
	cat /sys/devices/system/cpu/cpu$1/online
}

# A config with one byte replaced: patch FILE OFFSET HEXBYTE OUT
patch_byte() {
	cp "$1" "$4"
	printf "\\x$3" | dd of="$4" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# wait_console CELL PATTERN [SECONDS]: until the cell's console shows PATTERN
# (grep -E), for at most SECONDS (default 10).
wait_console() {
	n=0
	while [ $n -lt $((${3:-10} * 10)) ]; do
		hvctl console "$1" 2>/dev/null | grep -qE "$2" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# wait_state ID STATE [SECONDS]: until cell ID is in STATE, for at most SECONDS (10).
wait_state() {
	n=0
	while [ "$(cell_file "$1" state)" != "$2" ] && [ $n -lt $((${3:-10} * 10)) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(cell_file "$1" state)" = "$2" ]
}

# irq_count NAME [CPU]: the root's /proc/interrupts count of NAME, on CPU or
# all CPUs; nothing if there is no such line or CPU. The columns are those of
# the online CPUs only, named by the header.
irq_count() {
	awk -v name="$1" -v cpu="${2:-}" '
		NR == 1 { ncpu = NF; for (i = 1; i <= NF; i++) if ($i == "CPU" cpu) column = i + 1 }
		$0 ~ name { if (cpu != "" && !column) exit
			    n = 0
			    for (i = 2; i < 2 + ncpu; i++) if (cpu == "" || i == column) n += $i
			    print n; exit }' /proc/interrupts
}

# root_alive NAME: passes if every CPU of the root cell runs Linux work and
# takes its timer interrupts meanwhile, i.e. no CPU of the root is stuck.
root_alive() {
	cpus=$(cat /sys/devices/bulkhead/cells/0/cpus)
	why=""
	for cpu in $(echo "$cpus" | awk -F, '{ for (i = 1; i <= NF; i++) {
			n = split($i, r, "-"); for (c = r[1]; c <= r[n]; c++) print c } }'); do
		ticks=$(irq_count "$BOARD_TIMER_IRQ" "$cpu")
		taskset -c "$cpu" sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i + 1)); done' ||
			why="$why CPU $cpu runs no work;"
		now=$(irq_count "$BOARD_TIMER_IRQ" "$cpu")
		is_number "$ticks" && is_number "$now" && [ "$now" -gt "$ticks" ] ||
			why="$why CPU $cpu timer interrupts '$ticks' -> '$now';"
	done
	if [ -n "$cpus" ] && [ -z "$why" ]; then pass "$1"; else fail "$1" "root CPUs '$cpus':$why"; fi
}

# probe MODULE ADDR [PARAM=VALUE...]: the root kernel touches physical ADDR
# through the test module bulkhead_probe_MODULE.ko (tests/system/probe/),
# which logs "reading|writing" under a fresh tag right before the access and
# "read VALUE|wrote" right after it. Sets probe_result to
#   "denied"      the access was made, never completed, and the abort the
#                 hypervisor injected killed insmod (SIGSEGV, status 139);
#   "done VALUE"  the access was made and completed (VALUE: what was read),
#                 and the module is unloaded again;
#   anything else, when it cannot tell (never attempted, or no abort).
probe() {
	module=$1
	addr=$2
	shift 2
	probe_tag=$(($(cat /tmp/probe-tag 2>/dev/null || echo 0) + 1))
	echo $probe_tag > /tmp/probe-tag
	insmod /bulkhead/bulkhead_probe_$module.ko addr=$addr tag=$probe_tag "$@" > /tmp/probe.out 2>&1
	status=$?
	dmesg | sed -n "s/.*bulkhead_probe $probe_tag: //p" > /tmp/probe.log
	if ! grep -qE "^(reading|writing) " /tmp/probe.log; then
		probe_result="$module probe never attempted the access: $(tr '\n' ' ' < /tmp/probe.out)"
	elif [ $status = 0 ] && grep -qE "^(read|wrote) " /tmp/probe.log; then
		rmmod bulkhead_probe_$module
		probe_result="done $(sed -n 's/^read \(0x[0-9a-f]*\)$/\1/p' /tmp/probe.log)"
	elif [ $status = 139 ]; then
		probe_result=denied
	else
		probe_result="$module probe at $addr neither completed nor was aborted (insmod status $status)"
	fi
}

# probe_log MODULE [PARAM=VALUE...]: loads bulkhead_probe_MODULE.ko, which
# does its work in its init and stays loaded, under a fresh tag, unloads it,
# and prints what it logged under that tag (nothing if it did not load).
probe_log() {
	module=$1
	shift
	probe_tag=$(($(cat /tmp/probe-tag 2>/dev/null || echo 0) + 1))
	echo $probe_tag > /tmp/probe-tag
	insmod /bulkhead/bulkhead_probe_$module.ko tag=$probe_tag "$@" > /dev/null 2>&1 &&
		rmmod bulkhead_probe_$module
	dmesg | sed -n "s/.*bulkhead_probe $probe_tag: //p"
}

# probe_denied NAME MODULE ADDR: the root kernel's access to ADDR is made and refused.
probe_denied() {
	probe "$2" "$3"
	if [ "$probe_result" = denied ]; then pass "$1"; else fail "$1" "$probe_result"; fi
}

# probe_done NAME MODULE ADDR: the root kernel's access to ADDR is made and completes.
probe_done() {
	probe "$2" "$3"
	case $probe_result in
	"done "*) pass "$1" ;;
	*) fail "$1" "$probe_result" ;;
	esac
}

# root_mmio ADDR [VALUE]: a 32-bit read (or write, then read) by the root
# kernel of a register the hypervisor emulates; prints the value read, and
# nothing if the probe did not make the access.
root_mmio() {
	if [ -n "${2:-}" ]; then
		probe mmio "$1" write=1 value="$2"
	else
		probe mmio "$1"
	fi
	case $probe_result in
	"done 0x"*) echo "${probe_result#done }" ;;
	esac
}

# ----- a person at a terminal, played by tmux (Debian's, in the initramfs) -----
# One window "t", a shell in it; keys go in with send-keys, the screen comes
# back with capture-pane, and tmux tells whether the window is on the
# alternate screen and shows the cursor.
TERM_SOCKET=/tmp/tmux-tests

term() {
	tmux -S $TERM_SOCKET "$@"
}

# term_open COLS ROWS: a new window of COLS x ROWS with an interactive shell
# whose prompt is "term$ "; fails if the prompt does not appear.
term_open() {
	grep -q " /dev/pts " /proc/mounts || { mkdir -p /dev/pts && mount -t devpts devpts /dev/pts; }
	term kill-server 2> /dev/null
	term new-session -d -s t -x "$1" -y "$2" "env PS1='term\$ ' sh -i" && term_wait '^term\$'
}

term_close() {
	term kill-server 2> /dev/null
}

# term_keys KEY...: keys as tmux send-keys names them ("hvctl top" Enter, q, C-c, C-]).
term_keys() {
	term send-keys -t t "$@"
}

# term_screen: what the window shows now, one line per row.
term_screen() {
	term capture-pane -p -t t
}

# term_wait PATTERN [SECONDS]: until the window shows PATTERN (grep -E), for
# at most SECONDS (default 10); the last screen stays in /tmp/screen.
term_wait() {
	n=0
	while [ $n -lt $((${2:-10} * 10)) ]; do
		term_screen > /tmp/screen 2>&1
		grep -qE "$1" /tmp/screen && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# term_flag NAME: a tmux format flag of the window, e.g. alternate_on, cursor_flag.
term_flag() {
	term display-message -p -t t "#{$1}"
}

# term_restored NAME: the window is back on its main screen with the cursor shown,
# the shell's prompt last, and the terminal modes the shell had (canonical input, echo).
term_restored() {
	term_checks=$((${term_checks:-0} + 1))
	rm -f /tmp/stty.now
	term_keys "stty -a > /tmp/stty.now; echo restored-check-$term_checks" Enter
	if term_wait "^restored-check-$term_checks\$" && grep -q ' icanon' /tmp/stty.now &&
	   grep -q ' echo ' /tmp/stty.now && [ "$(term_flag alternate_on)" = 0 ] &&
	   [ "$(term_flag cursor_flag)" = 1 ]; then
		pass "$1"
	else
		fail "$1" "alternate screen '$(term_flag alternate_on)', cursor '$(term_flag cursor_flag)', modes '$(grep -o -- '-*icanon\|-*echo ' /tmp/stty.now | tr '\n' ' ')': $(tail -n 3 /tmp/screen | tr '\n' '|')"
	fi
}
