#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The PC only: while KVM holds VT-x (kvm_intel loaded), enable is refused
# with the reason and changes nothing; once it is unloaded, enable works.
# Debian's own kvm modules come in the initramfs (/bulkhead/kvm/).
. /bulkhead/tests/lib.sh
plan 6
cfg=$BOARD_CONFIG

check "load KVM (irqbypass, kvm, kvm_intel)" sh -c \
	'insmod /bulkhead/kvm/irqbypass.ko && insmod /bulkhead/kvm/kvm.ko &&
	 insmod /bulkhead/kvm/kvm-intel.ko'
expect_error "enable while KVM holds VT-x" "KVM holds it \(rmmod kvm_intel\)" hvctl enable $cfg
dmesg | tail -n 3 | grep -q "bulkhead: KVM (kvm_intel) holds VT-x; unload it first (rmmod kvm_intel)" &&
	pass "the driver says KVM holds VT-x" ||
	fail "the driver says KVM holds VT-x" "$(dmesg | tail -n 2 | tr '\n' ' ')"
! enabled && ! grep -q "Bulkhead hypervisor" /proc/iomem && pass "the refusal changes nothing" ||
	fail "the refusal changes nothing" "enabled or hypervisor memory claimed"
check "unload KVM" sh -c 'rmmod kvm_intel && rmmod kvm && rmmod irqbypass'
check "enable and disable without KVM" sh -c "hvctl enable $cfg && hvctl disable"
