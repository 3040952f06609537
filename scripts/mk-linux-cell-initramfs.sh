#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Packs the initramfs of the Linux cell (configs/arm64/qemu-virt-linux-cell.dts):
# the cache's static busybox with init, acpid, watchdog and a shell, the two
# modules of Debian's stock kernel that turn the emulated power button into a
# poweroff (gpio_keys, evdev) and its SP805 watchdog driver (sp805_wdt), and
# the channel driver and test tool of this project
# (driver/cell/bulkhead_cell.ko, chantest), and make bench's programs: /init
# is bootstamp, which prints the counter at the first user-space instruction
# and runs busybox init; cpubound is the CPU-bound comparison. Usage: mk-linux-cell-initramfs.sh OUTPUT.cpio.gz
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/.cache/kernel.env"
out=$1
modules="$top/.cache/root/lib/modules/$KABI-arm64/kernel/drivers"
root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin" "$root/sbin" "$root/etc/acpi/PWRF" "$root/lib/modules" "$root/proc" \
	"$root/var/log" "$root/var/run" \
	"$root/sys" "$root/dev" "$root/tmp" "$root/root"
cp "$BUSYBOX" "$root/bin/busybox"
for applet in $("$top/scripts/busybox-applets.sh") init acpid cttyhack watchdog pidof; do
	ln -sf busybox "$root/bin/$applet"
done
ln -sf ../bin/busybox "$root/sbin/init"
cp "$top/tests/bench/bootstamp-arm64" "$root/init"
cp "$top/tests/bench/cpubound-arm64" "$root/bin/cpubound"
cp "$modules/input/evdev.ko" "$modules/input/keyboard/gpio_keys.ko" \
	"$modules/watchdog/sp805_wdt.ko" "$top/driver/cell/bulkhead_cell.ko" "$root/lib/modules/"
cp "$top/tests/system/chantest-arm64" "$root/bin/chantest"
cp "$top/scripts/linux-cell/inittab" "$root/etc/inittab"
cp "$top/scripts/linux-cell/init.sh" "$root/etc/init.sh"
cp "$top/scripts/linux-cell/power-button.sh" "$root/etc/acpi/PWRF/00000080"
chmod +x "$root/etc/init.sh" "$root/etc/acpi/PWRF/00000080"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -9 > "$out"
