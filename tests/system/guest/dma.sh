#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Devices that can write memory behind the hypervisor's back: no cell gets a
# DMA master or the ITS, a refused create leaves the root's devices exactly
# as they were (one config per device class of the board), the root cannot
# reach fw_cfg, and it cannot point the GIC's tables into hypervisor memory.
. /bulkhead/tests/lib.sh
plan 32
cd /bulkhead
hv=0x70000000

hvctl enable configs/qemu-virt.cell > /dev/null 2>&1 || fail "enable for dma" "$(dmesg | tail -3)"

# Every driver binding and driver override of the root, and the names its
# RTC, GPIO and tty classes hand out.
bindings() {
	for dev in /sys/bus/*/devices/*; do
		[ -e "$dev/driver" ] && echo "$dev -> $(readlink "$dev/driver")"
		[ -r "$dev/driver_override" ] && echo "$dev override $(cat "$dev/driver_override")"
	done
	ls /sys/class/rtc /sys/class/gpio /sys/class/tty 2>/dev/null | tr '\n' ' '
}

# The classes below must have had drivers to lose, or the comparison proves nothing.
bound=$(bindings | grep -cE "/(9000000\.pl011|9010000\.pl031|9030000\.pl061|4010000000\.pcie) -> ")
[ "$bound" = 4 ] && pass "root drivers bound to the UART, RTC, GPIO and PCIe host" ||
	fail "root drivers bound to the UART, RTC, GPIO and PCIe host" "$bound of 4: $(bindings | grep ' -> ' | tr '\n' ' ')"

# refused_untouched NAME CONFIG PATTERN: the create is refused with PATTERN
# (grep -E), and no binding changed, no driver was unbound, nothing warned.
refused_untouched() {
	before=$(bindings)
	warnings=$(dmesg | grep -c "WARNING")
	unbinds=$(dmesg | grep -c "bulkhead: unbinding")
	expect_error "$1 refused" "$3" hvctl cell create "tests/$2.cell"
	after=$(bindings)
	# Created after all (a failure already): out of the way of the next case.
	hvctl cell destroy "$2" > /dev/null 2>&1
	if [ "$before" != "$after" ]; then
		fail "$1: root devices untouched" "$(echo "$before" > /tmp/b; echo "$after" |
			diff /tmp/b - | grep '^[-+]/' | tr '\n' ' ')"
	elif [ "$(dmesg | grep -c "bulkhead: unbinding")" != "$unbinds" ]; then
		fail "$1: root devices untouched" "$(dmesg | grep "bulkhead: unbinding" | tail -1)"
	elif [ "$(dmesg | grep -c "WARNING")" != "$warnings" ]; then
		fail "$1: root devices untouched" "$(dmesg | grep -A2 "WARNING" | tail -3)"
	else
		pass "$1: root devices untouched"
	fi
}

echo "--- refused creates touch nothing"
refused_untouched "PL031 RTC with a missing interrupt" dma-rtc "dma-rtc.*interrupts: 1000 does not exist"
refused_untouched "PL061 GPIO with a missing interrupt" dma-gpio "dma-gpio.*interrupts: 1000 does not exist"
refused_untouched "virtio-mmio (DMA master)" dma-virtio \
	"dma-virtio.*region 1 \(0xa000000.*root device region [0-9]+ .*master DMA"
refused_untouched "fw_cfg (not the root's)" dma-fwcfg "dma-fwcfg.*region 1 .*not inside one region of the root"
refused_untouched "PCIe ECAM (DMA master)" dma-ecam \
	"dma-ecam.*region 1 \(0x4010000000.*root device region [0-9]+ .*master DMA"
refused_untouched "GICv3 ITS" dma-its "dma-its.*region 1 .*interrupt controller"
refused_untouched "GICv3 distributor" dma-gic "dma-gic.*region 1 .*interrupt controller"
# Last: unbinding Linux's console UART would cut off what follows.
refused_untouched "PL011 UART (debug console)" dma-uart "dma-uart.*region 1.*debug console"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] && pass "no CPU left Linux for a refused create" ||
	fail "no CPU left Linux for a refused create" "online: $(cat /sys/devices/system/cpu/online)"

echo "--- the root and fw_cfg"
# The probe shows the attempt and the abort; the hypervisor's console the refusal.
denials=$(hvctl console | grep -c "read at 0x9020000 denied")
probe fwcfg 0x09020000
if [ "$probe_result" != denied ]; then
	fail "root cannot read fw_cfg" "$probe_result"
elif [ "$(hvctl console | grep -c "read at 0x9020000 denied")" = "$denials" ]; then
	fail "root cannot read fw_cfg" "no denial on the hypervisor console"
else
	pass "root cannot read fw_cfg"
fi

echo "--- the root's GIC table bases"
# table_base NAME REG [ITS_CTLR]: the probe moves REG's table into hypervisor
# memory; the hypervisor refuses and says so, the register keeps Linux's
# value, and that value is a table in Linux's RAM.
table_base() {
	refusals=$(hvctl console | grep -c "refused.*$hv")
	insmod /bulkhead/bulkhead_probe_gicbase.ko reg=$2 pa=$hv ${3:+its_ctlr=$3} > /dev/null 2>&1
	wrote=$(dmesg | grep "bulkhead_probe_gicbase: writing .* to $2 " | tail -1)
	was=$(echo "$wrote" | sed -n 's/.*(was \(0x[0-9a-f]*\), table at \(0x[0-9a-f]*\)).*/\1 \2/p')
	now=$(dmesg | grep "bulkhead_probe_gicbase: $2 reads" | tail -1 | sed 's/.* reads \([^ ]*\).*/\1/')
	table=${was#* }
	if [ -z "$wrote" ] || [ -z "$now" ]; then
		fail "$1 into hypervisor memory refused" "the probe did not run: $(dmesg | tail -2)"
	elif [ "$(hvctl console | grep -c "refused.*$hv")" = "$refusals" ]; then
		fail "$1 into hypervisor memory refused" "no refusal on the console; reads $now"
	elif [ "$now" != "${was% *}" ]; then
		fail "$1 into hypervisor memory refused" "$wrote, now reads $now"
	else
		pass "$1 into hypervisor memory refused"
	fi
	[ -n "$table" ] && [ $((table)) -ge $((0x40000000)) ] && [ $((table)) -lt $((0x70000000)) ] &&
		pass "$1 keeps Linux's table ($table)" || fail "$1 keeps Linux's table" "table at '$table'"
}
table_base "GITS_BASER0" 0x8080100 0x8080000
table_base "GITS_CBASER" 0x8080080 0x8080000
table_base "GICR_PROPBASER of CPU 0" 0x80a0070
table_base "GICR_PENDBASER of CPU 0" 0x80a0078

echo "--- cells and the root's GIC tables"
# The root may move a table of its ITS into RAM it lends to cells; while the
# table is there, no cell gets that RAM.
baser1=0x8080108
# The first write of this load reads Linux's table (insmod may run a module's init twice).
writes=$(dmesg | grep -c "bulkhead_probe_gicbase: writing .* to $baser1 ")
insmod /bulkhead/bulkhead_probe_gicbase.ko reg=$baser1 pa=0x71000000 its_ctlr=0x8080000 keep=1 \
	> /dev/null 2>&1
linux_table=$(dmesg | grep "bulkhead_probe_gicbase: writing .* to $baser1 " |
	sed -n "$((writes + 1))s/.*table at \(0x[0-9a-f]*\)).*/\1/p")
now=$(dmesg | grep "bulkhead_probe_gicbase: $baser1 reads" | tail -1 | sed 's/.*table at //')
[ "$now" = "0x71000000)" ] &&
	pass "root moves an ITS table into RAM it lends" ||
	fail "root moves an ITS table into RAM it lends" "reads '$now' (Linux's table: '$linux_table')"
expect_error "cell over the root's ITS table refused" "hello.*region 0 .*tables the root's interrupt" \
	hvctl cell create configs/qemu-virt-hello.cell
hvctl cell destroy hello > /dev/null 2>&1
insmod /bulkhead/bulkhead_probe_gicbase.ko reg=$baser1 pa=$linux_table its_ctlr=0x8080000 keep=1 \
	> /dev/null 2>&1
now=$(dmesg | grep "bulkhead_probe_gicbase: $baser1 reads" | tail -1 | sed 's/.*table at //')
[ -n "$linux_table" ] && [ "$now" = "$linux_table)" ] &&
	pass "root moves the ITS table back" || fail "root moves the ITS table back" "reads '$now'"
check "cell created once the table is gone" hvctl cell create configs/qemu-virt-hello.cell
hvctl cell destroy hello > /dev/null 2>&1
check "disable after dma" hvctl disable
