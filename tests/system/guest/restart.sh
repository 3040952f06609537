#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Restarts: boot parameters (BULKHEAD_CELL_SET_BOOT) and what each refusal
# leaves, a cell's PSCI SYSTEM_RESET with and without an image store, and
# the store kept from the root and from the cell itself.
. /bulkhead/tests/lib.sh
plan 52
cd /bulkhead
inmates=/bulkhead/inmates
image=$inmates/misbehave.bin
size=$(stat -c %s $image)
hello=configs/qemu-virt-hello.cell
# Cell "restart": 1 MiB of RAM at 0x71000000 seen at 0, a 64 KiB image store
# at 0x71100000 (seen at 0x200000, were it mapped).
store_config=tests/restart-store.cell
store=0x71100000
comm=0x80000000

check "enable for restarts" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)

# boots CELL: the boot lines of misbehave action=reboot on its console.
boots() {
	hvctl console "$1" 2> /dev/null | sed -n 's/.*misbehave: \(boot [0-9]* mark [a-z]*\).*/\1/p'
}

# wait_boots CELL N: until the cell's console shows N boots, for at most 10 s.
wait_boots() {
	n=0
	while [ "$(boots "$1" | wc -l)" -lt "$2" ] && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
}

# with_cmdline TEXT: /tmp/image, the image with TEXT and its NUL in its
# command line area (+0x100), as hvctl cell load lays them out: what a
# segment's digest covers.
with_cmdline() {
	cp $image /tmp/image
	printf '%s\0' "$1" | dd of=/tmp/image bs=1 seek=256 conv=notrunc 2> /dev/null
}

# said PATTERN: how many lines of the hypervisor console and kernel log match.
said() {
	{ hvctl console; dmesg; } 2> /dev/null | grep -cE "$1"
}

# boot_refused NAME ERRNO SAYS ID ENTRY ARG FLAGS COUNT [SEGMENT...]: celltool
# boot fails with ERRNO (strerror text), the hypervisor or the driver says
# SAYS once more, and cell ID is still shut down, the pool as it was. (That
# its boot parameters stayed is shown by where the cell starts.)
boot_refused() {
	name=$1 errno=$2 says=$3 cell=$4
	shift 3
	before=$(said "$says")
	pool=$(pool_used)
	expect_error "$name" "$errno" celltool boot "$@"
	after=$(said "$says")
	state="$(cell_file "$cell" state) $(pool_used)"
	if [ "$after" -gt "$before" ] && [ "$state" = "shut-down $pool" ]; then
		pass "$name: says why, changes nothing"
	else
		fail "$name: says why, changes nothing" "'$says' seen $before -> $after times; state, pool '$state' (pool was $pool)"
	fi
}

echo "--- boot parameters"
hvctl cell create $hello > /dev/null 2>&1
id=$(cell_id hello)
boot_refused "boot parameters before a load" "Device or resource busy" \
	"not loaded since it last ran" "$id" 0 $comm 0 1 "0+$size"
check "cell load" hvctl cell load hello $image -s "action=reboot delay-ms=100"
with_cmdline "action=reboot delay-ms=100"
check "boot parameters for a loaded cell" celltool boot "$id" 0 $comm 0 1 "0+$size:/tmp/image"
# Each refused call starts at 0x40 (an instruction of its RAM): had one been
# taken, the start below would say so.
boot_refused "boot parameters with flags" "Invalid argument" \
	"cell set boot: flags 0x0 \(none are defined\), parameter flags 0x2 \(known: 0x1\)" \
	"$id" 0x40 $comm 2 1 "0+$size"
boot_refused "nine boot segments" "Invalid argument" "9 segments, at most 8 allowed" \
	"$id" 0x40 $comm 0 9 "0+$size"
boot_refused "entry past the cell's RAM" "Invalid argument" \
	"entry 0x100000 is not a 4-byte aligned address in an executable memory region" \
	"$id" 0x100000 $comm 0 1 "0+$size"
boot_refused "entry not on an instruction" "Invalid argument" \
	"entry 0x42 is not a 4-byte aligned address" "$id" 0x42 $comm 0 1 "0+$size"
boot_refused "segment over the end of the cell's RAM" "Invalid argument" \
	"boot segment 1 \(0xff000\+0x2000\) is not inside one loadable memory region" \
	"$id" 0x40 $comm 0 2 "0+$size" 0xff000+0x2000
boot_refused "segment wrapping around" "Invalid argument" \
	"boot segment 0 \(0xfffffffffffff000\+0x2000\) is not inside" \
	"$id" 0x40 $comm 0 1 0xfffffffffffff000+0x2000
boot_refused "empty segment" "Invalid argument" "boot segment 0 \(0x0\+0x0\) is empty" \
	"$id" 0x40 $comm 0 1 0+0
expect_error "boot parameters for no such cell" "No such file" celltool boot 9 0 $comm 0 1 "0+$size"
expect_error "unprivileged boot parameters" "Operation not permitted|Permission denied" \
	runas celltool boot "$id" 0x40 $comm 0 1 "0+$size"
before=$(said 'started cell "hello" at 0x0 ')
check "cell start" hvctl cell start hello
[ "$(said 'started cell "hello" at 0x0 ')" -gt "$before" ] &&
	pass "the start is at the last entry taken" ||
	fail "the start is at the last entry taken" "$(hvctl console | grep 'started cell' | tail -n 1)"
expect_error "boot parameters for a running cell" "Device or resource busy" \
	celltool boot "$id" 0x40 $comm 0 1 "0+$size"

echo "--- without an image store"
wait_boots hello 3
# Nothing puts its images back: each boot finds what the last one changed.
[ "$(boots hello | head -n 3 | tr '\n' ,)" = "boot 1 mark pristine,boot 2 mark modified,boot 3 mark modified," ] &&
	pass "without a store, a restart runs the image as the cell left it" ||
	fail "without a store, a restart runs the image as the cell left it" "$(boots hello | head -n 3 | tr '\n' ,)"
check "destroy the cell without a store" hvctl cell destroy hello

echo "--- with an image store"
check "create a cell with an image store" hvctl cell create $store_config
id=$(cell_id restart)
check "cell load" hvctl cell load restart $image -s "action=reboot delay-ms=100"
# Loaded: the root has the cell's loadable RAM now, but not its store.
probe_denied "root cannot read the image store of a loaded cell" storeread $store
# A load of its own, whatever hvctl's did: every load forgets the boot parameters.
check "a raw load" celltool load "$id" 0x80000 $image
before=$(said 'no images were given boot parameters')
expect_error "no start without boot segments" "no images were given boot parameters" \
	hvctl cell start restart
[ "$(said 'no images were given boot parameters')" -gt "$before" ] &&
	[ "$(cell_file "$id" state)" = shut-down ] &&
	pass "the refused start says why and leaves the cell shut down" ||
	fail "the refused start says why and leaves the cell shut down" "state '$(cell_file "$id" state)'"
boot_refused "segments larger than the store" "No space left" \
	"boot segments need 0x20000 bytes of image store, its image-store region \(0x71100000\+0x10000\) has 0x10000" \
	"$id" 0x40 $comm 0 1 0+0x20000
boot_refused "a segment in the store" "Invalid argument" \
	"boot segment 0 \(0x200000\+0x1000\) is not inside one loadable" "$id" 0x40 $comm 0 1 0x200000+0x1000
boot_refused "entry in the store" "Invalid argument" "entry 0x200000 is not" \
	"$id" 0x200000 $comm 0 1 "0+$size"
check "boot parameters for the cell with a store" celltool boot "$id" 0 $comm 0 1 \
	"0+$size:/tmp/image"
check "start the cell with a store" hvctl cell start restart
probe_denied "nor write it while the cell runs" storewrite $store
wait_boots restart 4
# Each boot finds the image as loaded: the store put back what the last one changed.
[ "$(boots restart | head -n 4 | sort -u)" = "boot 1 mark pristine" ] &&
	[ "$(boots restart | wc -l)" -ge 4 ] &&
	pass "with a store, every restart runs the image as loaded" ||
	fail "with a store, every restart runs the image as loaded" "$(boots restart | head -n 4 | tr '\n' ,)"
restarts=$(hvctl console restart | grep -c 'restarted itself')
[ "$restarts" -ge 3 ] && pass "the restarts are reported ($restarts)" ||
	fail "the restarts are reported" "$restarts"
counted=$(cell_file "$id" restarts)
is_number "$counted" && [ "$counted" -ge "$restarts" ] && pass "and counted ($counted)" ||
	fail "and counted" "sysfs restarts '$counted', $restarts reported"
check "shut the cell with a store down" hvctl cell shutdown restart

# Its own store is not the cell's either: it sees nothing where the config puts it.
hvctl cell load restart $image -s "action=read addr=0x200000" > /dev/null 2>&1
with_cmdline "action=read addr=0x200000"
celltool boot "$id" 0 $comm 0 1 "0+$size:/tmp/image" > /dev/null 2>&1
hvctl cell start restart > /dev/null 2>&1
wait_state "$id" failed 5
hvctl console restart | grep -q "misbehave: read" &&
	cell_file "$id" reason | grep -q "read at 0x200000 denied" &&
	pass "the cell cannot read its own store" ||
	fail "the cell cannot read its own store" "state '$(cell_file "$id" state)', reason '$(cell_file "$id" reason)'"
check "destroy the cell with a store" hvctl cell destroy restart
probe returned $store
case $probe_result in
"done 0x"*) [ $((${probe_result#done })) = 0 ] && pass "the root has the store back, scrubbed" ||
	fail "the root has the store back, scrubbed" "read ${probe_result#done }" ;;
*) fail "the root has the store back, scrubbed" "$probe_result" ;;
esac

# A cell asking for boot parameters is stopped, as for any call it may not make.
hvctl cell create $hello > /dev/null 2>&1
hvctl cell load hello $image -s "action=hvc code=14" > /dev/null 2>&1
hvctl cell start hello > /dev/null 2>&1
wait_state "$(cell_id hello)" failed 5
cell_file "$(cell_id hello)" reason | grep -q "hypercall 0xe not allowed" &&
	pass "a cell's own SET_BOOT stops it" ||
	fail "a cell's own SET_BOOT stops it" "state '$(cell_file "$(cell_id hello)" state)', reason '$(cell_file "$(cell_id hello)" reason)'"
hvctl cell destroy hello > /dev/null 2>&1

pool_is "pool back at its baseline" "$pool_start"
root_alive "root alive after the restarts"
check "disable after restart tests" hvctl disable
