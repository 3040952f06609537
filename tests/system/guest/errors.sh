#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bad input before and around enable: each gets its own clear error and
# leaves the machine as it was (still not enabled, nothing claimed).
. /bulkhead/tests/lib.sh
plan 26
cfg=$BOARD_CONFIG

unchanged() {
	if enabled; then fail "$1 leaves the machine unchanged" "hypervisor is enabled"; return; fi
	if grep -q "Bulkhead hypervisor" /proc/iomem; then
		fail "$1 leaves the machine unchanged" "hypervisor memory still claimed"
		return
	fi
	pass "$1 leaves the machine unchanged"
}

expect_error "disable when not enabled" "not enabled" hvctl disable
unchanged "disable when not enabled"

mv /lib/firmware/bulkhead.bin /tmp/bulkhead.bin
expect_error "missing firmware" "bulkhead.bin" hvctl enable $cfg
mv /tmp/bulkhead.bin /lib/firmware/bulkhead.bin
unchanged "missing firmware"

head -c 100 $cfg > /tmp/truncated.cell
expect_error "truncated config" "truncated|size|short" hvctl enable /tmp/truncated.cell
unchanged "truncated config"

patch_byte $cfg 200 ff /tmp/corrupt.cell
expect_error "corrupt config" "checksum" hvctl enable /tmp/corrupt.cell
unchanged "corrupt config"

patch_byte $cfg 10 $BOARD_OTHER_ARCH /tmp/wrongarch.cell
expect_error "wrong-arch config" "arch" hvctl enable /tmp/wrongarch.cell
unchanged "wrong-arch config"

# A config valid in every other respect, for the other board's arch.
expect_error "valid config of the other arch" "\(arch [0-9]\)|arch [0-9] does not match" \
	hvctl enable tests/wrong-arch.cell
unchanged "valid config of the other arch"

patch_byte $cfg 8 ff /tmp/wrongrev.cell
expect_error "wrong-version config" "revision" hvctl enable /tmp/wrongrev.cell
unchanged "wrong-version config"

expect_error "cell config given to enable" "system" hvctl enable tests/bad-cell-kind.cell
unchanged "cell config given to enable"

expect_error "hypervisor memory overlapping Linux RAM" "mem=" \
	hvctl enable tests/bad-hv-overlap.cell
unchanged "hypervisor memory overlapping Linux RAM"

expect_error "config rejected by the hypervisor" "rejected|dmesg" hvctl enable tests/bad-root-cpus.cell
dmesg | grep -q "bulkhead: hypervisor: .*CPUs" && pass "hypervisor names the rejected field" ||
	fail "hypervisor names the rejected field" "$(dmesg | grep bulkhead | tail -3)"
unchanged "config rejected by the hypervisor"

expect_error "unprivileged enable" "root|privilege|permission" runas hvctl enable $cfg
unchanged "unprivileged enable"

last=$(echo $BOARD_CPUS | awk '{ print $NF }')
echo 0 > /sys/devices/system/cpu/cpu$last/online
expect_error "root CPU offline at enable" "dmesg" hvctl enable $cfg
dmesg | tail -n 3 | grep -q "CPU $last of the root cell is offline" && pass "driver names the offline CPU" ||
	fail "driver names the offline CPU" "$(dmesg | tail -n 2)"
echo 1 > /sys/devices/system/cpu/cpu$last/online
unchanged "root CPU offline at enable"
