#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The x86-64 figures of "make bench" (scripts/bench.sh runs this last; it also
# runs alone): the image's size, and from one boot of the emulated PC
# (tests/system/guest/bench-pc.sh) the enable and disable cost and the null
# hypercall's round trip. Bochs runs with "clock: sync=none": emulated time,
# and the TSC with it, advances with executed instructions, never with the
# host's clock, so a figure is the same from run to run however busy the host
# is - the PC's counterpart of QEMU's -icount.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
x86=build/x86
elf=$x86/hypervisor/bulkhead.elf
log=$x86/bench.log

echo "-- x86-64 hypervisor image (bytes, $x86/hypervisor)"
if [ ! -f "$elf" ]; then
	echo "not built ($elf missing: make hypervisor-x86)"
	exit 1
fi
# What the image holds in memory: no debug information.
size -A "$elf" | awk '$1 ~ /^\./ && $1 !~ /^\.(debug|comment|note)/ && $2 > 0 {
	printf "%-28s %10s\n", $1, $2 }'
printf "%-28s %10s\n" "bulkhead.bin (file)" "$(stat -c %s $x86/hypervisor/bulkhead.bin)"
echo
echo "-- x86-64 on the emulated PC (Bochs, 2 CPUs, clock sync=none: TSC ticks follow"
echo "   executed instructions; emulated us from the TSC at the frequency Linux measured)"
scripts/pc-board.sh -t 1500 -l "$log" -r bench-pc.sh "$x86/initramfs.gz" > /dev/null 2>&1 || true
# bench KEY [N]: the Nth figure (default 1) of the board's BENCH line KEY.
bench() { sed -n "s/^BENCH $1 //p" "$log" | tr -d '\r' | awk -v n="${2:-1}" '{ print $n }'; }
khz=$(bench tsc_khz)
if [ -z "$(bench enable_ns)" ] || [ -z "$(bench vmcall_ticks)" ] || [ -z "$khz" ]; then
	echo "the PC's run failed; see $log"
	exit 1
fi
# row LABEL NS: emulated microseconds and TSC ticks.
row() {
	awk -v l="$1" -v ns="$2" -v khz="$khz" \
		'BEGIN { printf "%-44s %9.1f us %12d\n", l, ns / 1000, ns * khz / 1000000 }'
}
printf "%-44s %12s %12s\n" "" "emulated" "TSC ticks"
row "enable (ioctl, 2 CPUs)" "$(bench enable_ns)"
row "  in the hypervisor: shared set-up" "$(bench enable_hv_init_ns)"
row "  in the hypervisor: until both CPUs in" "$(bench enable_hv_all_ns)"
row "disable (ioctl, 2 CPUs)" "$(bench disable_ns)"
row "sysfs read with one hypercall" "$(bench sysfs_with_hypercall_ns)"
row "sysfs read without hypercall (baseline)" "$(bench sysfs_without_hypercall_ns)"
row "null hypercall round trip (difference)" "$(bench hypercall_roundtrip_ns)"
echo
printf "%-44s %12s %12s\n" "VMCALL from the root kernel (TSC ticks)" "min" "avg"
printf "%-44s %12s %12s\n" "round trip (GET_INFO, interrupts off)" "$(bench vmcall_ticks 1)" \
	"$(bench vmcall_ticks 2)" "  baseline: two TSC reads, nothing between" "$(bench vmcall_ticks 3)" \
	"$(bench vmcall_ticks 4)" "  VM exit + dispatch + VM entry" \
	"$(($(bench vmcall_ticks 1) - $(bench vmcall_ticks 3)))" \
	"$(($(bench vmcall_ticks 2) - $(bench vmcall_ticks 4)))"
printf "%-44s %12s   %s\n" "Xen/ARM no-op hypercall" "376 cycles" "(brief)"
echo
printf "%-44s %12s %12s\n" "local APIC register, $(bench apic_ticks 5) (TSC ticks)" "min" "avg"
printf "%-44s %12s %12s\n" "store to the TPR (trapped, decoded, made)" "$(bench apic_ticks 1)" \
	"$(bench apic_ticks 2)" "  baseline: load of the TPR (not trapped)" "$(bench apic_ticks 3)" \
	"$(bench apic_ticks 4)" "  exit + fetch + decode + store + entry" \
	"$(($(bench apic_ticks 1) - $(bench apic_ticks 3)))" \
	"$(($(bench apic_ticks 2) - $(bench apic_ticks 4)))"
echo "(TSC at $khz kHz as Linux calibrated it; the arm64 figures above count instructions)"
