# SPDX-License-Identifier: GPL-2.0
# In-guest test helpers: every check prints one "PASS: name" or
# "FAIL: name: why" line that tests/system/run.sh counts on the host.

# Results also go to a file: on the console the hypervisor's own messages
# can cut into a line, and a cut line must not make a result vanish.
RESULTS=/tmp/results

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

enabled() {
	[ "$(cat /sys/devices/bulkhead/enabled)" = 1 ]
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

# irq_count NAME [CPU]: the root's /proc/interrupts count of NAME, on CPU or all CPUs.
irq_count() {
	awk -v name="$1" -v cpu="${2:-}" -v ncpu="$(head -n 1 /proc/interrupts | wc -w)" '
		$0 ~ name { n = 0
			    for (i = 2; i < 2 + ncpu; i++) if (cpu == "" || i == cpu + 2) n += $i
			    print n; exit }' /proc/interrupts
}
