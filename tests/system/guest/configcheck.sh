#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hvctl config check on the board: the board's own config sets check clean
# with its /proc/iomem as the view of Linux's RAM, and then really create;
# a conflicting set is refused by the check and by the hypervisor alike.
. /bulkhead/tests/lib.sh
plan 14
cd /bulkhead
sys=configs/qemu-virt.cell

# clean NAME CONFIGS...: the check passes the set with nothing to say.
clean() {
	name=$1
	shift
	if hvctl config check $sys "$@" > /tmp/out 2>&1 &&
		[ "$(cat /tmp/out)" = "0 errors, 0 warnings" ]; then
		pass "$name"
	else
		fail "$name" "$(tr '\n' ' ' < /tmp/out)"
	fi
}

clean "the channel demo's set checks clean against /proc/iomem" \
	configs/qemu-virt-echo.cell configs/qemu-virt-chan-b.cell configs/qemu-virt-chan-a.cell
clean "the cells demo's set checks clean" configs/qemu-virt-hello.cell configs/qemu-virt-rtc.cell
expect_error "a cell on RAM Linux uses is found in /proc/iomem" \
	"tests/cell-linux-ram.cell: memory region 0 \(0x40000000\): error: .*Linux uses 0x40000000-0x6fffffff \(System RAM in /proc/iomem\)" \
	hvctl config check $sys tests/cell-linux-ram.cell
expect_error "a CPU given twice is found" \
	"tests/cell-cpu-taken.cell: cell \"taken\": error: CPU 1 is given to cell \"hello\" \(configs/qemu-virt-hello.cell\) already" \
	hvctl config check $sys configs/qemu-virt-hello.cell tests/cell-cpu-taken.cell
hvctl config check --json $sys configs/qemu-virt-hello.cell tests/cell-cpu-taken.cell > /tmp/out
[ $? = 1 ] && [ "$(wc -l < /tmp/out)" = 1 ] &&
	grep -q '^{"error": "1 error in the config set", .*"problems": \[{"file": "tests/cell-cpu-taken.cell", "node": "cell \\"taken\\"", "severity": "error", ' /tmp/out &&
	grep -q '"errors": 1, "warnings": 0}$' /tmp/out &&
	pass "--json lists the problems, exit status 1" || fail "--json lists the problems, exit status 1" \
	"$(tr '\n' ' ' < /tmp/out)"

# What the check passed, the hypervisor creates; what it refused, the hypervisor refuses.
check "enable for config check" hvctl enable $sys
for c in echo chan-b chan-a; do
	check "checked cell $c creates" hvctl cell create configs/qemu-virt-$c.cell
done
for c in chan-a chan-b echo; do hvctl cell destroy $c > /dev/null 2>&1; done
for c in hello rtc; do
	check "checked cell $c creates" hvctl cell create configs/qemu-virt-$c.cell
done
expect_error "the hypervisor refuses the conflicting cell too" "CPU 1 belongs to cell \"hello\"" \
	hvctl cell create tests/cell-cpu-taken.cell
[ -z "$(cell_id taken)" ] && pass "no cell \"taken\" exists" ||
	fail "no cell \"taken\" exists" "id $(cell_id taken)"
hvctl cell destroy rtc-demo > /dev/null 2>&1
hvctl cell destroy hello > /dev/null 2>&1
check "disable after config check" hvctl disable
