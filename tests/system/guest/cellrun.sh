#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hvctl cell run: create, load and start in one step. A run that succeeds
# leaves a running cell (--json says which); a run whose load fails (an image
# larger than the cell's RAM), whose --attach finds no UART, or whose start
# the hypervisor refuses (unsigned images under a pinned key) names the step
# and leaves nothing: no cell, the CPU back online in Linux, the pool as
# before, the cell's RAM readable by the root again; so does Ctrl-C before
# the start. A signed run starts.
. /bulkhead/tests/lib.sh
plan 37
cd /bulkhead
hello=configs/qemu-virt-hello.cell
image=inmates/hello.bin
# The hello cell's CPU and its RAM (physical 0x71000000, 1 MiB).
cpu=1
ram=0x71000000

# nothing_left NAME: no cell "hello", CPU $cpu online, the pool as at $pool_start,
# the cell's RAM back with the root. The RAM is probed only when no cell is left:
# a refused probe would leave the module stuck, and the next probe would hang.
nothing_left() {
	if hvctl cell list > /tmp/list 2>&1 && grep -q qemu-virt /tmp/list &&
	   ! grep -q hello /tmp/list; then
		pass "$1: no cell left"
		probe runback $ram
	else
		fail "$1: no cell left" "$(tr '\n' '|' < /tmp/list)"
		probe_result="not probed: a cell is left"
	fi
	[ "$(cpu_online $cpu)" = 1 ] && pass "$1: CPU $cpu back online in Linux" ||
		fail "$1: CPU $cpu back online in Linux" "online '$(cpu_online $cpu)'"
	pool_is "$1: the hypervisor's pool as before" "$pool_start"
	case $probe_result in
	"done "*) pass "$1: the root reads the cell's RAM again" ;;
	*) fail "$1: the root reads the cell's RAM again" "$probe_result" ;;
	esac
}

# run_fails NAME STEP PATTERN ARGS...: hvctl cell run ARGS fails, says PATTERN
# (grep -E) and that it failed at STEP and destroyed the cell; then nothing_left.
run_fails() {
	name=$1
	step=$2
	pattern=$3
	shift 3
	expect_error "$name" "$pattern" hvctl cell run "$@"
	if grep -q "cell run failed at step $step: destroyed cell \"hello\"" /tmp/out; then
		pass "$name: names step $step and undoes it"
	else
		fail "$name: names step $step and undoes it" "$(tr '\n' '|' < /tmp/out)"
	fi
	nothing_left "$name"
}

check "enable" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

echo "--- a run that succeeds"
hvctl cell run $hello $image -s "interval-ms=200" > /tmp/run.out 2>&1
status=$?
[ $status = 0 ] && grep -q 'created cell "hello"' /tmp/run.out &&
	grep -q 'loaded .*hello.bin' /tmp/run.out && grep -q 'started cell "hello"' /tmp/run.out &&
	pass "cell run: created, loaded, started" ||
	fail "cell run: created, loaded, started" "exit $status: $(tr '\n' '|' < /tmp/run.out)"
wait_console hello "Hello from cell hello" && [ "$(cell_file "$(cell_id hello)" state)" = running ] &&
	pass "the cell runs its image" ||
	fail "the cell runs its image" "state '$(cell_file "$(cell_id hello)" state)'"
[ "$(cpu_online $cpu)" = 0 ] && pass "its CPU left Linux" ||
	fail "its CPU left Linux" "online '$(cpu_online $cpu)'"
expect_error "a second run of the same config is refused at create" \
	'cell run failed at step create: no cell was created' hvctl cell run $hello $image
check "destroy" hvctl cell destroy hello

hvctl cell run --json $hello $image -s "interval-ms=200" > /tmp/run.json 2> /tmp/run.err
status=$?
id=$(cell_id hello)
if [ $status = 0 ] && [ "$(wc -l < /tmp/run.json)" = 1 ] && [ ! -s /tmp/run.err ] &&
   grep -q "^{\"cell\": {\"id\": $id, \"name\": \"hello\"}, \"pieces\": \[{\"piece\": \"inmates/hello.bin\", " /tmp/run.json &&
   grep -q '"state": "running", "message": "created cell \\"hello\\" .*started cell \\"hello\\""}$' /tmp/run.json; then
	pass "--json: the cell, its pieces and its state as one object, nothing on stderr"
else
	fail "--json: the cell, its pieces and its state as one object, nothing on stderr" \
		"exit $status, id '$id': $(tr '\n' '|' < /tmp/run.json) / $(tr '\n' '|' < /tmp/run.err)"
fi
check "destroy after --json" hvctl cell destroy hello
expect_error "--json and --attach together are a usage error" "give one of them" \
	hvctl cell run --json --attach $hello $image

echo "--- a load that fails: the image is larger than the cell's 1 MiB"
dd if=/dev/zero of=/tmp/big.bin bs=1024 count=1100 2> /dev/null
run_fails "image too big" load "do not fit in a loadable region" $hello /tmp/big.bin

echo "--- --attach to a cell without a UART"
run_fails "attach without a UART" attach "has no emulated UART to attach to" \
	$hello $image --attach
echo "--- Ctrl-C before the start: the load waits for its --sig, a pipe nobody writes"
rm -f /tmp/sig.fifo
mkfifo /tmp/sig.fifo
hvctl cell run $hello $image --sig /tmp/sig.fifo > /tmp/out 2>&1 &
pid=$!
n=0
while [ -z "$(cell_id hello)" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
sleep 0.5
kill -INT $pid
wait $pid
status=$?
[ $status = 1 ] && grep -q 'cell run interrupted at step load: destroyed cell "hello"' /tmp/out &&
	pass "Ctrl-C during the load undoes the run" ||
	fail "Ctrl-C during the load undoes the run" "exit $status: $(tr '\n' '|' < /tmp/out)"
nothing_left "Ctrl-C during the load"
check "disable" hvctl disable

echo "--- a start the hypervisor refuses: unsigned images under a pinned key"
check "enable with a pinned image key" hvctl enable tests/system-signed.cell
pool_start=$(pool_used)
run_fails "unsigned images" start "sign the images" $hello $image -s "interval-ms=50"
hvctl cell run $hello $image -s "interval-ms=50" --sig tests/integrity/hello.sig > /tmp/out 2>&1 &&
	wait_console hello "Hello from cell hello" && pass "signed images run" ||
	fail "signed images run" "$(tr '\n' '|' < /tmp/out)"
check "destroy the signed cell" hvctl cell destroy hello
check "disable after the signed runs" hvctl disable
