#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# On the board, as installed from the packages (tests/packages/run-board.sh
# laid them over the board's image): the packaged bulkhead-cellc compiles a
# cell config (from a .dtb: the board has no cpp and dtc) into the packaged
# .cell, and the driver DKMS built, the packaged hypervisor image, hvctl,
# system config, cell config and demo inmate take a cell through its life. The results are repeated at the end, between
# markers, where no cell's console can cut into them.
. /bulkhead/tests/lib.sh
PATH=/usr/sbin:/usr/bin:$PATH
configs=/usr/share/bulkhead/configs/arm64
plan 9

check "the loaded driver, firmware and hvctl are the packaged ones" \
	sh -c '[ -d /sys/module/bulkhead ] && sha256sum -c /bulkhead/tests/packages.sha256'
check "the packaged bulkhead-cellc compiles qemu-virt-hello into the packaged .cell" \
	sh -c "bulkhead-cellc -o /tmp/hello.cell /bulkhead/tests/qemu-virt-hello.dtb &&
		cmp /tmp/hello.cell $configs/qemu-virt-hello.cell"
check "hvctl enable $configs/qemu-virt.cell" hvctl enable $configs/qemu-virt.cell
check "cell create $configs/qemu-virt-hello.cell" hvctl cell create $configs/qemu-virt-hello.cell
check "cell load hello with the packaged hello.bin" \
	hvctl cell load hello /usr/share/bulkhead/inmates/demos/arm64/hello.bin -s count=3
check "cell start hello" hvctl cell start hello
check "the cell counts to 3 and is done" wait_console hello '^done' 30
check "cell destroy hello" hvctl cell destroy hello
check "hvctl disable" hvctl disable

echo RESULTS-BEGIN
cat $RESULTS
echo RESULTS-END
