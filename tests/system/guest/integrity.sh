#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Integrity, from a compromised root's side: the hypervisor checks every
# image against its SHA-256 digest before the cell's first instruction, and
# with a system config that pins an image key (tests/system-signed.cell,
# key tests/system/keys/image.pub) it starts only images whose boot
# parameters carry a signature by that key. Each refused start says which
# check failed, leaves the cell shut down and its memory with the root as it
# was, and a correct load afterwards starts.
. /bulkhead/tests/lib.sh
plan 66
cd /bulkhead
hello=configs/qemu-virt-hello.cell
image=inmates/hello.bin
size=$(stat -c %s $image)
sigs=tests/integrity
comm=0x80000000
# The hello cell's RAM: physical 0x71000000, seen at 0; a word inside the image.
ram=0x71000000
word=0x71000200

# said PATTERN: how many lines of the hypervisor console match.
said() {
	hvctl console 2> /dev/null | grep -cE "$1"
}

# start_refused NAME ERROR SAYS: hvctl cell start $cell fails printing ERROR,
# the hypervisor says SAYS once more, the cell (id $id) stays shut down and
# the root has its memory ($ram) back.
cell=hello
start_refused() {
	before=$(said "$3")
	expect_error "$1" "$2" hvctl cell start $cell
	if [ "$(said "$3")" -gt "$before" ] && [ "$(cell_file "$id" state)" = shut-down ]; then
		pass "$1: the hypervisor says why, the cell stays shut down"
	else
		fail "$1: the hypervisor says why" "'$3' seen $before -> $(said "$3") times, state '$(cell_file "$id" state)'"
	fi
	probe returned $ram
	case $probe_result in
	"done "*) pass "$1: the root has the cell's memory back" ;;
	*) fail "$1: the root has the cell's memory back" "$probe_result" ;;
	esac
}

# refused_events CELL REASON DETAIL2: how many image-refused events for CELL
# with REASON (digest, signature) and DETAIL2 (the segment) hvctl events shows.
refused_events() {
	hvctl events --json 2> /dev/null | grep -c "\"type\": \"image-refused\", \"cell\": [0-9]*, \"cell_name\": \"$1\", \"reason\": \"$2\", \"detail\": [0-9]*, \"detail2\": $3}"
}

# runs NAME: the cell started and its inmate prints.
runs() {
	if wait_console hello "Hello from cell hello" && [ "$(cell_file "$id" state)" = running ]; then
		pass "$1"
	else
		fail "$1" "state '$(cell_file "$id" state)', console '$(hvctl console hello | tail -n 1)'"
	fi
}

echo "--- digests"
check "enable" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)
check "create the cell" hvctl cell create $hello
id=$(cell_id hello)
check "a load with digests" hvctl cell load hello $image -s "interval-ms=50"
check "starts" hvctl cell start hello
runs "and runs"
check "shut it down" hvctl cell shutdown hello

# The root changes the image after hvctl gave the digests, before the start.
check "load again" hvctl cell load hello $image -s "interval-ms=50"
# Only into a loaded cell: a denied write would leave the probe module stuck for the boot.
probe_result="not attempted: cell $(cell_file "$id" state)"
[ "$(cell_file "$id" state)" = shut-down ] && probe imagewrite $word
case $probe_result in
"done "*) pass "the root rewrites a word of the loaded image" ;;
*) fail "the root rewrites a word of the loaded image" "$probe_result" ;;
esac
start_refused "a changed image is refused" "differs from its SHA-256 digest" \
	'cell "hello": refused to start: boot segment 0 \(0x0\+0x[0-9a-f]+\) does not match its SHA-256 digest'
probe returned $word
[ "$probe_result" = "done 0x12345678" ] && pass "the refused start changed nothing in the memory" ||
	fail "the refused start changed nothing in the memory" "$probe_result"
check "a correct load afterwards" hvctl cell load hello $image -s "interval-ms=50"
check "starts" hvctl cell start hello
runs "the cell refused before runs"
check "shut it down" hvctl cell shutdown hello

# Raw, around hvctl: no boot parameters, wrong digests, malformed parameters.
check "a raw load" celltool load "$id" 0 $image
start_refused "no start without boot parameters" "cannot start cell" \
	'cell "hello": cannot start: no images were given boot parameters'
check "boot parameters with the digest of other bytes" \
	celltool boot "$id" 0 $comm 0 1 "0+$size:$hello"
start_refused "a digest of other bytes is refused" "differs from its SHA-256 digest" \
	'boot segment 0 \(0x0\+0x[0-9a-f]+\) does not match'
expect_error "no segments" "Invalid argument" celltool boot "$id" 0 $comm 0 0
[ "$(said 'boot parameters: no segments; the hypervisor starts only images it has a')" -gt 0 ] &&
	pass "no segments: the hypervisor says why" || fail "no segments: the hypervisor says why" "not said"
expect_error "an unused segment that is not zero" "Invalid argument" \
	celltool boot "$id" 0 $comm 0 1 "0+$size:$image" "0x1000+0x10"
[ "$(said 'boot parameters: segment 1 is unused \(1 segments\) but not zero')" -gt 0 ] &&
	pass "unused segment: the hypervisor says why" || fail "unused segment: the hypervisor says why" "not said"
check "a raw load with its digest" celltool boot "$id" 0 $comm 0 1 "0+$size:$image"
check "starts" hvctl cell start hello
wait_state "$id" running && pass "the raw load runs" || fail "the raw load runs" "$(cell_file "$id" state)"
[ "$(refused_events hello digest 0)" = 2 ] && pass "each digest refusal is an image-refused event" ||
	fail "each digest refusal is an image-refused event" "$(hvctl events 2>&1 | grep refused)"
check "destroy" hvctl cell destroy hello
pool_is "pool back" "$pool_start"
check "disable" hvctl disable

echo "--- signatures (a pinned key)"
check "enable with a pinned image key" hvctl enable tests/system-signed.cell
check "create the cell" hvctl cell create $hello
id=$(cell_id hello)
check "an unsigned load" hvctl cell load hello $image -s "interval-ms=50"
start_refused "unsigned images are refused" "sign the images" \
	'cell "hello": refused to start: its boot parameters are not signed'
check "a load signed by another key" hvctl cell load hello $image -s "interval-ms=50" \
	--sig $sigs/hello-other-key.sig
start_refused "another key's signature is refused" "sign the images" \
	'does not verify with the system.s image key'
# A signature the key made, for the same image with another command line.
check "a load with a signature for other images" hvctl cell load hello $image -s "interval-ms=50" \
	--sig $sigs/hello-count.sig
start_refused "a replayed signature is refused" "sign the images" \
	'does not verify with the system.s image key'
check "a signed load" hvctl cell load hello $image -s "interval-ms=50" --sig $sigs/hello.sig
[ "$(cell_file "$id" state)" = shut-down ] && probe imagewrite $word
start_refused "signed, but changed after the load: refused" "differs from its SHA-256 digest" \
	'boot segment 0 \(0x0\+0x[0-9a-f]+\) does not match'
check "the signed load again" hvctl cell load hello $image -s "interval-ms=50" --sig $sigs/hello.sig
check "starts" hvctl cell start hello
runs "signed images run"
check "destroy" hvctl cell destroy hello
# The same images and signature for another cell laid out alike: signed for hello only.
check "create a cell like hello" hvctl cell create configs/qemu-virt-passive.cell
cell=passive-hello id=$(cell_id passive-hello) ram=0x71400000
check "load hello's signed images into it" hvctl cell load passive-hello $image -s "interval-ms=50" \
	--sig $sigs/hello.sig
start_refused "a signature for another cell is refused" "sign the images" \
	'for cell "passive-hello" does not verify with the system.s image key'
check "destroy it" hvctl cell destroy passive-hello
[ "$(refused_events hello signature 0) $(refused_events hello digest 0) $(refused_events passive-hello signature 0)" = "3 1 1" ] &&
	pass "each refusal is an image-refused event with its reason" ||
	fail "each refusal is an image-refused event with its reason" "$(hvctl events 2>&1 | grep refused)"
root_alive "root alive"
check "disable" hvctl disable
