#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Installs what building and testing Bulkhead needs on a Debian 12 host and
# caches the stock Debian arm64 kernel (image + headers) under .cache/, with
# the arm64 libfdt that the static arm64 hvctl links (libfdt-dev is not
# multiarch: it cannot be installed beside the host's), and the arm64 libbpf,
# libelf and zlib archives the static arm64 bulkhead-trace links.
# Also caches Debian's arm64 tmux with the libraries it needs and the terminfo
# entries (.cache/tmux), which the board's initramfs carries for the terminal tests.
# For the emulated PC (scripts/pc-board.sh): Bochs, isolinux and genisoimage on
# the host, and Debian's stock amd64 kernel, its headers and a static amd64
# busybox under .cache/x86 (environment in .cache/x86/kernel.env).
# Safe to run again: packages already present and a filled cache are reused.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cache="$top/.cache"
stamp="$cache/setup.done"

# dpkg-dev to lintian: make deb and its test (packages, lintian, a DKMS build).
host_pkgs="make gcc libc6-dev pkg-config check device-tree-compiler libfdt-dev cpio \
	qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross bc kmod python3 libssl-dev \
	dpkg-dev debhelper dh-dkms dkms lintian"
# The man pages' test formats them with groff and man (tests/unit/test_hvctl_doc.c).
host_pkgs="$host_pkgs groff-base man-db"
# bulkhead-trace: BPF programs (clang -target bpf), their skeleton (bpftool), libbpf.
host_pkgs="$host_pkgs clang llvm bpftool libbpf-dev libelf-dev zlib1g-dev"
# The emulated PC: Bochs (the only emulator here with VT-x and EPT), its BIOS and
# VGA BIOS, its terminal display, and what builds the isolinux CD it boots.
host_pkgs="$host_pkgs bochs bochsbios vgabios bochs-term isolinux syslinux-common genisoimage"

missing=""
for p in $host_pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done

# x86_ready: the amd64 kernel cache of an earlier run is complete.
x86_ready() {
	[ -f "$cache/x86/kernel.env" ] || return 1
	(. "$cache/x86/kernel.env" && [ -d "$KDIR" ] && [ -f "$VMLINUZ" ] && [ -x "$BUSYBOX" ])
}

if [ -z "$missing" ] && [ -f "$stamp" ] && [ -f "$cache/kernel.env" ] && x86_ready; then
	. "$cache/kernel.env"
	if [ -d "$KDIR" ] && [ -f "$VMLINUZ" ] && [ -x "$BUSYBOX" ] &&
	   [ -f "$cache/root/usr/lib/aarch64-linux-gnu/libfdt.a" ] &&
	   [ -f "$cache/root/usr/lib/aarch64-linux-gnu/libbpf.a" ] &&
	   [ -f "$cache/root/usr/lib/aarch64-linux-gnu/libelf.a" ] &&
	   [ -f "$cache/root/usr/lib/aarch64-linux-gnu/libz.a" ] &&
	   [ -x "$cache/tmux/usr/bin/tmux" ] && [ -d "$cache/tmux/usr/lib/locale/C.utf8" ]; then
		exit 0
	fi
fi

need_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "setup: installing packages needs root (run as root, or install: $*)" >&2
		exit 1
	fi
}

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	need_root dpkg --add-architecture arm64
	dpkg --add-architecture arm64
	apt_updated=""
fi
if [ -n "$missing" ] || [ "${apt_updated-x}" = "" ]; then
	need_root $missing
	echo "setup: apt-get update"
	apt-get update -qq
	if [ -n "$missing" ]; then
		echo "setup: installing$missing"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
	fi
fi

mkdir -p "$cache/deb" "$cache/root"
# The paths written below stay valid for every tree sharing this cache (.cache may be a link).
cache=$(cd "$cache" && pwd -P)

# kernel_abi DEBARCH: the ABI (6.1.0-NN) of Debian's current kernel for DEBARCH.
# It moves with security updates: ask apt which one is current, never assume it.
kernel_abi() {
	for attempt in cached updated; do
		[ $attempt = cached ] || apt-get update -qq
		k=$(apt-cache depends linux-image-$1:$1 2>/dev/null |
			sed -n "s/.*Depends: linux-image-\(6\.[0-9.]*-[0-9]*\)-$1.*/\1/p" | head -n1)
		[ -z "$k" ] || { echo "$k"; return; }
	done
	echo "setup: cannot resolve the Debian $1 kernel ABI (apt-cache depends linux-image-$1:$1)" >&2
	exit 1
}

# fetch_extract DEBDIR ROOT PACKAGE...: download each package into DEBDIR once and
# unpack every .deb there into ROOT once.
fetch_extract() {
	debdir=$1 root=$2
	shift 2
	mkdir -p "$debdir" "$root"
	(
		cd "$debdir"
		for p in "$@"; do
			name=${p%%:*}
			ls "$name"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p"
		done
		for d in *.deb; do
			marker="$root/.x-$d"
			[ -f "$marker" ] || { dpkg-deb -x "$d" "$root"; touch "$marker"; }
		done
	)
}

# fetch_kernel DEBARCH ROOT DEBDIR PACKAGE...: Debian's DEBARCH kernel image, its
# headers (with the amd64 kbuild tools) and PACKAGEs, unpacked into ROOT; then
# ROOT/kernel.env for the builds and boards that use them.
fetch_kernel() {
	arch=$1 root=$2 debdir=$3
	shift 3
	abi=$(kernel_abi "$arch")
	kbuild=$(echo "$abi" | sed 's/^\([0-9]*\.[0-9]*\).*/\1/')
	echo "setup: Debian $arch kernel ABI $abi"
	fetch_extract "$debdir" "$root" linux-image-$abi-$arch-unsigned:$arch \
		linux-headers-$abi-$arch:$arch linux-headers-$abi-common \
		linux-kbuild-$kbuild:amd64 "$@"
	kdir="$root/usr/src/linux-headers-$abi-$arch"
	# The headers include the common ones by absolute path; point them at the
	# cache (whatever path an earlier run, maybe from another worktree, wrote there).
	sed -i "s|[^ ]*/usr/src/linux-headers-$abi-common/|$root/usr/src/linux-headers-$abi-common/|g" \
		"$kdir/Makefile"
	# The scripts and tools links are absolute too (to the amd64 kbuild tools).
	for link in scripts tools; do
		[ ! -L "$kdir/$link" ] || ln -sfn "$root/usr/lib/linux-kbuild-$kbuild/$link" "$kdir/$link"
	done
	cat > "$root/kernel.env.tmp" <<ENV
KABI=$abi
KDIR=$kdir
VMLINUZ=$root/boot/vmlinuz-$abi-$arch
BUSYBOX=$root/bin/busybox
ENV
}

fetch_kernel arm64 "$cache/root" "$cache/deb" busybox-static:arm64 \
	libfdt-dev:arm64 libbpf-dev:arm64 libelf-dev:arm64 zlib1g-dev:arm64
mv "$cache/root/kernel.env.tmp" "$cache/kernel.env"

# tmux for the board: the package and what it depends on (names resolved now: the
# library packages carry their sonames), ncurses-base for /lib/terminfo, and
# libc-bin for the C.UTF-8 locale, without which tmux refuses to start.
# Extracted apart from root/, so that the initramfs takes exactly these files.
tmux_pkgs="tmux:arm64 ncurses-base libc-bin:arm64 $(apt-cache depends --no-recommends --no-suggests \
	--no-conflicts --no-breaks --no-replaces --no-enhances tmux:arm64 |
	sed -n 's/^ *Depends: \([^ <>]*\)$/\1/p' | sort -u)"
fetch_extract "$cache/deb/tmux" "$cache/tmux" $tmux_pkgs
[ -x "$cache/tmux/usr/bin/tmux" ] && [ -d "$cache/tmux/usr/lib/locale/C.utf8" ] ||
	{ echo "setup: no arm64 tmux or C.UTF-8 locale in $cache/tmux" >&2; exit 1; }

# The emulated PC's kernel and busybox, and the headers bulkhead.ko for it
# builds against (make -C $KDIR ARCH=x86, native gcc).
fetch_kernel amd64 "$cache/x86" "$cache/x86/deb" busybox-static:amd64
mv "$cache/x86/kernel.env.tmp" "$cache/x86/kernel.env"
x86_ready || { echo "setup: the amd64 kernel cache in $cache/x86 is incomplete" >&2; exit 1; }

touch "$stamp"
echo "setup: done (cache in .cache/)"
