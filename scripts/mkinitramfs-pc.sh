#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Packs the emulated PC's initramfs (scripts/pc-board.sh boots it): Debian's
# static amd64 busybox, and from build/x86/ the driver, the hypervisor
# firmware, hvctl, the probe modules, runas and hvbench; Debian's KVM modules
# (the kvm group); the x86 configs and the in-guest system tests. Kept small: under Bochs every byte is read from the
# emulated CD and inflated by emulated instructions.
# A part not built yet (the x86 port lands in pieces) is left out and named in
# /bulkhead/MISSING, which the board's init prints: the tests that need it then
# fail, saying why.
# Usage: [HV_IMAGE=bulkhead.bin] mkinitramfs-pc.sh OUTPUT.gz
#   HV_IMAGE: another hypervisor image (make mutation-check's mutants)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/.cache/x86/kernel.env"
x86=$top/build/x86
out=$1
root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin" "$root/sbin" "$root/lib/firmware" "$root/proc" "$root/sys" "$root/dev" \
	"$root/tmp" "$root/etc" "$root/root" "$root/bulkhead/configs" "$root/bulkhead/tests"
cp "$BUSYBOX" "$root/bin/busybox"
for applet in $("$top/scripts/busybox-applets.sh"); do
	ln -sf busybox "$root/bin/$applet"
done

# part SOURCE DEST WHAT: copies SOURCE to DEST, or records WHAT as missing.
part() {
	if [ -f "$1" ]; then
		cp "$1" "$root/$2"
	else
		echo "$3 (${1#"$top"/})" >> "$root/bulkhead/MISSING"
	fi
}
: > "$root/bulkhead/MISSING"
part "$x86/driver/bulkhead.ko" bulkhead/bulkhead.ko "the driver"
part "${HV_IMAGE:-$x86/hypervisor/bulkhead.bin}" lib/firmware/bulkhead.bin "the hypervisor firmware"
part "$x86/hvctl" bin/hvctl "hvctl"
part "$x86/runas" bin/runas "runas"
part "$x86/uvmcall" bin/uvmcall "uvmcall"
part "$x86/hvbench" bin/hvbench "hvbench"
for probe in read write vmcall vtx; do
	part "$x86/tests/system/probe/bulkhead_probe_$probe.ko" bulkhead/ "the $probe probe module"
done
# Debian's own KVM modules, for the kvm group (enable refused while KVM holds VT-x).
mkdir -p "$root/bulkhead/kvm"
modules=$(dirname "$VMLINUZ")/../lib/modules/$KABI-amd64/kernel
for m in virt/lib/irqbypass arch/x86/kvm/kvm arch/x86/kvm/kvm-intel; do
	part "$modules/$m.ko" bulkhead/kvm/ "Debian's $(basename $m).ko"
done
if ls "$top"/configs/x86/*.cell > /dev/null 2>&1; then
	cp "$top"/configs/x86/*.cell "$root/bulkhead/configs/"
else
	echo "the x86 configs (configs/x86/*.cell)" >> "$root/bulkhead/MISSING"
fi
# The bad-input tests' x86 configs (tests/system/configs/x86/).
for cfg in "$top"/tests/system/configs/x86/*.cell; do
	[ ! -e "$cfg" ] || cp "$cfg" "$root/bulkhead/tests/"
done
# Without their symbols, the modules without debug information: every byte is
# read from the emulated CD and inflated. (A part not built is not there to strip.)
strip "$root"/bin/hvctl "$root"/bin/runas "$root"/bin/hvbench 2> /dev/null || true
strip --strip-debug "$root"/bulkhead/*.ko 2> /dev/null || true
cp "$top"/tests/system/guest/*.sh "$root/bulkhead/tests/"
cp "$top/tests/system/boards/bochs-pc.env" "$root/bulkhead/board.env"
cp "$top/scripts/board-init.sh" "$root/init"
cp "$top/scripts/board-demo-pc.sh" "$root/bulkhead/tests/demo-pc.sh"
chmod +x "$root/init" "$root"/bulkhead/tests/*.sh
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
# Written beside OUTPUT and renamed: a PC that boots meanwhile reads the old whole one.
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -9 > "$out.tmp"
mv "$out.tmp" "$out"
