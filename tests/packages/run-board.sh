#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The packages on the board, as a person would install them: the board's
# image with a second archive laid over it (Linux unpacks them in order, the
# later file wins) holding the contents of bulkhead-tools, -firmware and
# -configs and, in place of the tree's driver, the bulkhead.ko that DKMS
# built from bulkhead-dkms. One boot runs tests/packages/board.sh.
# Needs build/initramfs.cpio.gz and a tests/packages/run.sh run before it
# (build/deb/). Prints PASS/FAIL lines and "system: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
version=$(cat VERSION)
out=build/deb
work=build/deb-board
rm -rf "$work"
mkdir -p "$work/root/bulkhead/tests"

checks=$(sed -n 's/^plan \([0-9]*\)$/\1/p' tests/packages/board.sh)
abort() {
	echo "FAIL: packages on the board: $1"
	echo "system: 0 passed, $checks failed"
	exit 1
}
[ -f build/initramfs.cpio.gz ] || abort "no board image (make build/initramfs.cpio.gz)"
[ -f "$out/dkms/bulkhead.ko" ] || abort "no DKMS-built driver in $out/dkms (tests/packages/run.sh)"
for pkg in bulkhead-tools_${version}_arm64 bulkhead-firmware_${version}_arm64 \
	   bulkhead-configs_${version}_all; do
	dpkg-deb -x "$out/$pkg.deb" "$work/root" || abort "cannot unpack $out/$pkg.deb"
done
rm -rf "$work/root/usr/share/doc"
cp "$out/dkms/bulkhead.ko" "$work/root/bulkhead/bulkhead.ko"
cp tests/packages/board.sh "$work/root/bulkhead/tests/packages.sh"
dtc -q -I dts -O dtb -o "$work/root/bulkhead/tests/qemu-virt-hello.dtb" \
	"$work/root/usr/share/bulkhead/configs/arm64/qemu-virt-hello.dts" ||
	abort "dtc cannot compile the packaged qemu-virt-hello.dts"
(cd "$work/root" && sha256sum bulkhead/bulkhead.ko lib/firmware/bulkhead.bin usr/sbin/hvctl |
	sed 's|  |  /|') > "$work/root/bulkhead/tests/packages.sha256"
cp build/initramfs.cpio.gz "$work/initramfs.cpio.gz"
(cd "$work/root" && find . | cpio -o -H newc --quiet) | gzip -1 >> "$work/initramfs.cpio.gz"

scripts/qemu-board.sh -t 300 -l "$work/board.log" -r packages.sh "$work/initramfs.cpio.gz" \
	> /dev/null 2>&1
tr -d '\r' < "$work/board.log" | sed -n '/^RESULTS-BEGIN$/,/^RESULTS-END$/p' |
	grep -E '^(PASS|FAIL): ' > "$work/results"
cat "$work/results"
passed=$(grep -c '^PASS: ' "$work/results")
failed=$((checks - passed))
[ "$(grep -c '' "$work/results")" = "$checks" ] ||
	echo "FAIL: packages on the board: $(grep -c '' "$work/results") of $checks results (see $work/board.log)"
echo "system: $passed passed, $failed failed"
[ "$failed" = 0 ]
