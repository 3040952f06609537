#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The emulated PC only: what the root kernel sees of VT-x and of the
# hypervisor's exit handlers, tried from its side by a module
# (tests/system/probe/probe_vtx.c): VMX hidden and refused in every way
# KVM would look for it or use it, the hypervisor named, bad XCR0 refused,
# an INIT to the other CPUs taken by the hypervisor (every CPU runs on),
# hypercalls from its user space refused (tests/system/uvmcall.c);
# and the hypervisor console free of reports on anything of that. Leaves the hypervisor
# enabled or not, as it found it.
. /bulkhead/tests/lib.sh
plan 17
cfg=$BOARD_CONFIG

was_enabled=0
enabled && was_enabled=1
[ $was_enabled = 1 ] || hvctl enable $cfg > /dev/null 2>&1
check "enabled for the VT-x checks" enabled
# What earlier groups left on the hypervisor console is theirs.
console_before=$(hvctl console | wc -l)
probe_log vtx > /tmp/vtx
# vtx_is NAME KEY VALUE: the probe logged "KEY VALUE".
vtx_is() {
	got=$(sed -n "s/^$2 //p" /tmp/vtx)
	[ "$got" = "$3" ] && pass "$1" || fail "$1" "probe logged '$2 $got', expected '$3'"
}
vtx_is "CPUID hides VMX from the root" cpuid-vmx 0
vtx_is "CPUID says a hypervisor runs" cpuid-hypervisor 1
vtx_is "CPUID leaf 0x40000000 names Bulkhead" cpuid-signature BulkheadHV
vtx_is "IA32_FEATURE_CONTROL reads locked with VMX off" feature-control-read "0 0x1"
vtx_is "IA32_FEATURE_CONTROL writes are refused (#GP)" feature-control-write -5
vtx_is "VMX capability MSRs are refused (#GP)" vmx-basic-read -5
vtx_is "CR4.VMXE reads 0 in the root" cr4-vmxe 0
vtx_is "setting CR4.VMXE faults" cr4-vmxe-write-faults 1
vtx_is "VMXON from the root faults" vmxon-faults 1
vtx_is "XSETBV of an unsupported feature faults" xsetbv-unsupported-faults 1
vtx_is "the root kernel sent INIT to every other CPU" init-other-cpus sent
hvctl console | tail -n +$((console_before + 1)) | grep -q "INIT IPI to shorthand 0x3 ignored" &&
	pass "the hypervisor took the root's INIT and ignored it" ||
	fail "the hypervisor took the root's INIT" "$(hvctl console | tail -n 2)"

# A user process of the root makes a hypercall itself, on every CPU: #UD
# (SIGILL), never an answer; the hypervisor runs on as before.
answered=""
for cpu in $BOARD_CPUS; do
	out=$(taskset -c $cpu uvmcall 2>&1)
	[ "$out" = sigill ] || answered="$answered cpu$cpu: '$out'"
done
[ -z "$answered" ] && pass "a hypercall from the root's user space gets SIGILL on every CPU" ||
	fail "a hypercall from the root's user space gets SIGILL" "$answered"
check "still enabled after the user-space hypercalls" enabled

check "Linux runs on every CPU after the checks" every_cpu_runs
hvctl console | tail -n +$((console_before + 1)) > /tmp/console
! grep -qE "unexpected exit|denied|triple fault|refused" /tmp/console &&
	pass "no exit of the checks was reported as unexpected or denied" ||
	fail "no exit of the checks was reported" "$(grep -E "unexpected exit|denied|triple fault|refused" /tmp/console | tail -2)"
[ $was_enabled = 1 ] || hvctl disable > /dev/null 2>&1
