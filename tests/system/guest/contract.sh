#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The command-line contract (Documentation/hvctl.md, "Conventions"): one
# exit-status table, --json on success and on error (checked with
# jsoncheck), -q, cell names that are no ids, failure reasons from the
# hypervisor's record and not from what a cell prints, and Ctrl-C leaving
# a defined state.
. /bulkhead/tests/lib.sh
plan 40
cd /bulkhead
inmates=/bulkhead/inmates
hello=configs/qemu-virt-hello.cell
slow=tests/contract-slow.cell

# status NAME WANT COMMAND...: COMMAND exits WANT.
status() {
	name=$1 want=$2
	shift 2
	"$@" > /tmp/out 2>&1
	got=$?
	if [ "$got" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "exit $got, not $want: $(tr '\n' ' ' < /tmp/out)"
	fi
}

# json_check WANT [KEY PATTERN]: /tmp/out is one JSON object, the command
# exited WANT ($got) and said nothing on stderr (/tmp/err); its member KEY
# matches PATTERN (grep -E). Prints what is wrong, nothing if all is well.
json_check() {
	[ "$got" = "$1" ] || echo "exit $got, not $1;"
	jsoncheck < /tmp/out 2>&1 | tr '\n' ';'
	[ -s /tmp/err ] && echo "stderr: $(tr '\n' ' ' < /tmp/err);"
	[ $# = 1 ] || jsoncheck -g "$2" < /tmp/out 2>&1 | grep -qE "$3" ||
		echo "$2 is not /$3/: $(tr '\n' ' ' < /tmp/out);"
}

# json_error NAME WANT PATTERN COMMAND...: COMMAND --json exits WANT and
# prints only {"error": /PATTERN/, "errno": N, "status": WANT, ...}.
json_error() {
	name=$1 want=$2 pattern=$3
	shift 3
	"$@" --json > /tmp/out 2> /tmp/err
	got=$?
	why=$(json_check "$want" error "$pattern"; json_check "$want" status "^$want\$";
	      jsoncheck -g errno < /tmp/out > /dev/null 2>&1 || echo "no errno;")
	if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
}

# json_ok NAME KEY PATTERN COMMAND...: COMMAND --json exits 0 with a JSON
# object whose KEY matches PATTERN.
json_ok() {
	name=$1 key=$2 pattern=$3
	shift 3
	"$@" --json > /tmp/out 2> /tmp/err
	got=$?
	why=$(json_check 0 "$key" "$pattern")
	if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
}

# quiet NAME COMMAND...: COMMAND -q succeeds and prints nothing.
quiet() {
	name=$1
	shift
	"$@" -q > /tmp/out 2>&1
	got=$?
	if [ "$got" = 0 ] && [ ! -s /tmp/out ]; then
		pass "$name"
	else
		fail "$name" "exit $got: $(tr '\n' ' ' < /tmp/out)"
	fi
}

# interrupt COMMAND...: runs COMMAND in the background, output in /tmp/out,
# sends it SIGINT after a second (it must still be waiting then) and sets
# $got to its exit status.
interrupt() {
	"$@" > /tmp/out 2> /tmp/err &
	pid=$!
	sleep 1
	kill -INT $pid
	wait $pid
	got=$?
}

echo "--- exit status 4: the module is not loaded"
check "unload the module" rmmod bulkhead
status "info without the module exits 4" 4 hvctl info
json_error "cell list without the module: JSON error, status 4" 4 "module is not loaded" \
	hvctl cell list
check "load the module again" insmod /bulkhead/bulkhead.ko

echo "--- exit status 3: the hypervisor is not enabled"
status "cell list, not enabled, exits 3" 3 hvctl cell list
status "cell start, not enabled, exits 3" 3 hvctl cell start hello
status "disable, not enabled, exits 3" 3 hvctl disable
status "channel wait, not enabled, exits 3" 3 hvctl channel wait root-echo -t 0
status "info, not enabled, exits 0" 0 hvctl info
json_error "console of a cell, not enabled: JSON error, status 3" 3 "not enabled" \
	hvctl console hello

echo "--- exit status 2: usage"
status "unknown option exits 2" 2 hvctl cell list --bogus
json_error "usage error as JSON, status 2" 2 "unexpected argument 'b'" hvctl cell start a b
hvctl cell start --help > /tmp/help1 2>&1
hvctl help cell start > /tmp/help2 2>&1
if [ -s /tmp/help1 ] && cmp -s /tmp/help1 /tmp/help2; then pass "hvctl help CMD is CMD --help"
else fail "hvctl help CMD is CMD --help" "$(diff /tmp/help1 /tmp/help2 | head -n 3)"; fi

echo "--- success: --json and -q"
json_ok "enable --json" enabled true hvctl enable configs/qemu-virt.cell
quiet "cell create -q prints nothing" hvctl cell create $hello
json_ok "cell load --json names the cell" cell '"name": "hello"' \
	hvctl cell load hello $inmates/misbehave.bin -s "action=forge victim=slow"
json_ok "cell start --json" state '"running"' hvctl cell start hello
hvctl cell list --json > /tmp/out 2> /tmp/err
got=$?
why=$(json_check 0)
if [ -z "$why" ]; then pass "cell list --json is JSON"; else fail "cell list --json is JSON" "$why"; fi

echo "--- names and ids"
json_ok "id:1 names the cell of id 1" cell '^\{"id": 1, "name": "hello"\}$' hvctl cell stats id:1
expect_error "id:x is no cell id" "not a cell id" hvctl cell stats id:x --once
celltool patch $hello /tmp/digits.cell 24 0x00323334
expect_error "hvctl refuses an all-digit cell name" "all digits" hvctl cell create /tmp/digits.cell
celltool create /tmp/digits.cell > /dev/null 2>&1
hvctl console | tail -n 3 | grep -q 'cell "432": a cell name must not be all digits' &&
	pass "the hypervisor refuses an all-digit cell name" ||
	fail "the hypervisor refuses an all-digit cell name" "$(hvctl console | tail -n 2)"

echo "--- failure reasons: the hypervisor's record, not a cell's console"
# hello (CPU 1) prints hypervisor-like fault lines for slow and for itself;
# slow (CPU 2) really faults: a read of the root's RAM.
hvctl cell create $slow > /dev/null 2>&1 &&
	hvctl cell load slow $inmates/misbehave.bin -s "action=read addr=0x40000000" > /dev/null 2>&1 &&
	hvctl cell start slow > /dev/null 2>&1
slow_id=$(cell_id slow)
if wait_state "$slow_id" failed; then pass "slow faults"; else fail "slow faults" "$(hvctl cell list)"; fi
hvctl console hello | grep -q 'bulkhead: cell "slow" CPU 2 stopped: forged fault' &&
	pass "the forger printed its fake fault lines" ||
	fail "the forger printed its fake fault lines" "$(hvctl console hello | tail -n 3)"
hvctl cell list --json > /tmp/list.json
grep -q '"name": "slow".*"reason": "CPU 2: read at 0x40000000 denied' /tmp/list.json &&
	! grep -q forged /tmp/list.json &&
	pass "cell list gives the real fault, from the record" ||
	fail "cell list gives the real fault, from the record" "$(tr '\n' ' ' < /tmp/list.json)"
[ "$(cell_file 1 state)" = running ] && [ -z "$(cell_file 1 reason)" ] &&
	pass "the forger is not taken for failed" ||
	fail "the forger is not taken for failed" "$(cell_file 1 state): $(cell_file 1 reason)"
hvctl events > /tmp/events 2>&1
grep -q 'cell [0-9]* "slow": fault' /tmp/events && ! grep -q forged /tmp/events &&
	pass "events report the real fault only" ||
	fail "events report the real fault only" "$(grep -E 'slow|forged' /tmp/events | tr '\n' ' ')"
! hvctl console | grep -q forged && pass "the hypervisor console holds no forged line" ||
	fail "the hypervisor console holds no forged line" "$(hvctl console | grep forged)"

echo "--- Ctrl-C leaves a defined state"
# slow again, with an inmate that ignores shutdown requests (10 s timeout).
hvctl cell destroy slow > /dev/null 2>&1 &&
	hvctl cell create $slow > /dev/null 2>&1 &&
	hvctl cell load slow $inmates/hello.bin -s "ignore-shutdown interval-ms=1000" > /dev/null 2>&1 &&
	hvctl cell start slow > /dev/null 2>&1
slow_id=$(cell_id slow)
interrupt hvctl cell shutdown slow
[ "$got" = 1 ] && grep -q "request stays posted" /tmp/err &&
	pass "Ctrl-C in cell shutdown: exit 1, the request stays posted" ||
	fail "Ctrl-C in cell shutdown: exit 1, the request stays posted" \
		"exit $got: $(tr '\n' ' ' < /tmp/err)"
[ "$(cell_file "$slow_id" state)" = running ] && pass "the interrupted cell still runs" ||
	fail "the interrupted cell still runs" "$(cell_file "$slow_id" state)"
hvctl cell shutdown slow > /tmp/out 2>&1
grep -q "did not answer within its shutdown timeout; stopped" /tmp/out &&
	[ "$(cell_file "$slow_id" state)" = shut-down ] &&
	pass "cell shutdown again ends the posted request" ||
	fail "cell shutdown again ends the posted request" "$(tr '\n' ' ' < /tmp/out)"
interrupt hvctl channel wait root-echo --json
why=$(json_check 1 error "interrupted: no doorbell")
if [ -z "$why" ]; then pass "Ctrl-C in channel wait: a JSON error, exit 1"
else fail "Ctrl-C in channel wait: a JSON error, exit 1" "$why"; fi
check "the channel is usable after the interrupted wait" hvctl channel info root-echo
interrupt hvctl console -f hello --json
if [ "$got" = 0 ] && [ -s /tmp/out ] && jsoncheck -l < /tmp/out && [ ! -s /tmp/err ]; then
	pass "Ctrl-C in console -f --json: exit 0, one JSON object per line"
else
	fail "Ctrl-C in console -f --json: exit 0, one JSON object per line" \
		"exit $got: $(head -c 300 /tmp/out /tmp/err | tr '\n' ' ')"
fi
interrupt hvctl events -f
[ "$got" = 0 ] && pass "Ctrl-C in events -f: exit 0" || fail "Ctrl-C in events -f: exit 0" "exit $got"

echo "--- back as found"
json_ok "cell shutdown --json" state '"shut-down"' hvctl cell shutdown hello
json_ok "console --json gives the lines" lines '^\[".*forged fault' hvctl console hello
quiet "cell destroy -q prints nothing" hvctl cell destroy hello
quiet "destroy slow" hvctl cell destroy slow
json_ok "disable --json" enabled false hvctl disable
