#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Packs the board's initramfs: busybox, the driver, the hypervisor firmware,
# hvctl, the configs, the inmates, the in-guest system tests, and the Linux
# cell's kernel (the root's own, Debian's stock Image) and initramfs in
# /bulkhead/linux; and Debian's arm64 tmux with the libraries it loads and the
# terminfo entries, for the terminal tests.
# Usage: [HV_IMAGE=bulkhead.bin] mkinitramfs.sh OUTPUT.cpio.gz
#   HV_IMAGE: another hypervisor image (make mutation-check's mutants)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/.cache/kernel.env"
out=$1
root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin" "$root/sbin" "$root/lib/firmware" "$root/proc" "$root/sys" "$root/dev" \
	"$root/tmp" "$root/etc" "$root/bulkhead/configs" "$root/bulkhead/tests" "$root/root" \
	"$root/bulkhead/inmates"
cp "$BUSYBOX" "$root/bin/busybox"
for applet in $("$top/scripts/busybox-applets.sh"); do
	ln -sf busybox "$root/bin/$applet"
done
cp "$top/driver/bulkhead.ko" "$top"/tests/system/probe/bulkhead_probe_*.ko "$root/bulkhead/"
cp "${HV_IMAGE:-$top/hypervisor/bulkhead.bin}" "$root/lib/firmware/bulkhead.bin"
cp "$top/tools/hvctl-arm64" "$root/bin/hvctl"
cp "$top/tools/bulkhead-trace-arm64" "$root/bin/bulkhead-trace"
cp "$top/tests/system/runas-arm64" "$root/bin/runas"
cp "$top/tests/system/celltool-arm64" "$root/bin/celltool"
cp "$top/tests/system/chantest-arm64" "$root/bin/chantest"
cp "$top/tests/system/jsoncheck-arm64" "$root/bin/jsoncheck"
cp "$top/tests/system/tpcheck-arm64" "$root/bin/tpcheck"
cp "$top"/inmates/demos/arm64/*.bin "$top"/inmates/tests/arm64/*.bin "$root/bulkhead/inmates/"
cp "$top/inmates/board/board.elf" "$top/inmates/board/board.bin" "$root/bulkhead/inmates/"
cp "$top"/build/board-bare-*.txt "$root/bulkhead/tests/"
mkdir -p "$root/bulkhead/tests/integrity"
cp "$top"/build/integrity/*.sig "$root/bulkhead/tests/integrity/"
cp "$top/tests/bench/hvbench-arm64" "$root/bin/hvbench"
cp "$top/tests/bench/cpubound-arm64" "$root/bin/cpubound"
cp "$top/tests/bench/bootstamp-arm64" "$root/bin/bootstamp"
cp "$top"/configs/arm64/*.cell "$root/bulkhead/configs/"
for f in "$top"/tests/system/configs/*.cell; do [ -e "$f" ] && cp "$f" "$root/bulkhead/tests/"; done
cp "$top"/tests/system/guest/*.sh "$root/bulkhead/tests/"
cp "$top/scripts/board-init.sh" "$root/init"
cp "$top/tests/system/boards/qemu-virt.env" "$root/bulkhead/board.env"
# tmux as Debian builds it (scripts/setup.sh cached it): the binary, the
# libraries it needs, found from their DT_NEEDED entries one level after
# another, the dynamic loader its PT_INTERP names, ncurses-base's terminfo and
# the C.UTF-8 locale (tmux needs a UTF-8 one).
tmux_root="$top/.cache/tmux"
libdir=lib/aarch64-linux-gnu
mkdir -p "$root/$libdir" "$root/lib/terminfo"
cp "$tmux_root/usr/bin/tmux" "$root/bin/tmux"
cp -L "$tmux_root/$libdir/ld-linux-aarch64.so.1" "$root/$libdir/"
ln -s "aarch64-linux-gnu/ld-linux-aarch64.so.1" "$root/lib/ld-linux-aarch64.so.1"
todo="$tmux_root/usr/bin/tmux"
while [ -n "$todo" ]; do
	next=""
	for f in $todo; do
		for lib in $(${CROSS_COMPILE:-aarch64-linux-gnu-}readelf -d "$f" |
			     sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			[ -e "$root/$libdir/$lib" ] && continue
			src=$(ls "$tmux_root/$libdir/$lib" "$tmux_root/usr/$libdir/$lib" 2>/dev/null |
			      head -n1)
			[ -n "$src" ] || { echo "mkinitramfs: $f needs $lib, not in $tmux_root" >&2; exit 1; }
			cp -L "$src" "$root/$libdir/$lib"
			next="$next $src"
		done
	done
	todo=$next
done
cp -R "$tmux_root/lib/terminfo/." "$root/lib/terminfo/"
mkdir -p "$root/usr/lib/locale"
cp -R "$tmux_root/usr/lib/locale/C.utf8" "$root/usr/lib/locale/"
cp "$top/scripts/board-demo.sh" "$root/bulkhead/tests/demo.sh"
chmod +x "$root/init" "$root"/bulkhead/tests/*.sh
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
# The Linux cell's kernel and initramfs go first, in an archive of their own
# that is not compressed: the root unpacks its 33 MiB with a copy instead of
# inflating them under emulation. Linux unpacks the archives one after another.
os=$(mktemp -d)
trap 'rm -rf "$root" "$os"' EXIT
mkdir -p "$os/bulkhead/linux"
cp "$VMLINUZ" "$os/bulkhead/linux/Image"
cp "$top/build/linux-cell.cpio.gz" "$os/bulkhead/linux/initramfs.cpio.gz"
# Written beside OUTPUT and renamed: a board that boots meanwhile reads the old whole one.
(cd "$os" && find . | cpio -o -H newc --quiet) > "$out.tmp"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >> "$out.tmp"
mv "$out.tmp" "$out"
