#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages (make deb), checked on the host: they build; lintian
# finds no error or warning that is not overridden; each package holds what
# it must; DKMS builds the driver from bulkhead-dkms's source tree against the
# cached stock kernel's headers, with dkms itself and the package's dkms.conf,
# into a module the stock kernel accepts; and an inmate builds against the
# installed SDK. Leaves the packages in build/deb/ and the DKMS-built modules
# in build/deb/dkms/ (for run-board.sh). Prints PASS/FAIL lines and
# "system: N passed, N failed" (tests/run-all.sh counts it).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
. "$top/.cache/kernel.env"
version=$(cat VERSION)
out="$top/build/deb"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

CHECKS=8
passed=0
failed=0
pass() {
	echo "PASS: $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL: $1: $2"
	failed=$((failed + 1))
}
# Checks never reached count as failed.
finish() {
	failed=$((CHECKS - passed))
	echo "system: $passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}

deb() {
	echo "$out/$1_${version}_$2.deb"
}
DKMS=$(deb bulkhead-dkms all)
TOOLS=$(deb bulkhead-tools arm64)
FIRMWARE=$(deb bulkhead-firmware arm64)
CONFIGS=$(deb bulkhead-configs all)
SDK=$(deb bulkhead-sdk all)

if ! make -s deb > "$work/make-deb.log" 2>&1; then
	fail "make deb" "$(tail -n 3 "$work/make-deb.log" | tr '\n' ' ')"
	finish
fi
missing=""
for f in "$DKMS" "$TOOLS" "$FIRMWARE" "$CONFIGS" "$SDK"; do
	[ -f "$f" ] || missing="$missing ${f##*/}"
done
if [ -n "$missing" ]; then
	fail "make deb" "no$missing"
	finish
fi
pass "make deb builds bulkhead-dkms, -tools, -firmware, -configs, -sdk $version"

if lintian --fail-on error,warning --pedantic "$out/bulkhead_${version}_arm64.changes" \
	> "$work/lintian.log" 2>&1; then
	pass "lintian: no error or warning that is not overridden (with a reason)"
else
	fail "lintian" "$(grep -E '^(E|W):' "$work/lintian.log" | head -n 5 | tr '\n' ' ')"
fi

# has DEB PATH...: every PATH (relative to /) is in the package; sets $lacks.
has() {
	dpkg-deb -c "$1" | awk '{ print $6 }' | sed 's|^\./||; s|/$||' > "$work/list"
	shift
	lacks=""
	for p in "$@"; do
		grep -qxF "$p" "$work/list" || lacks="$lacks $p"
	done
	[ -z "$lacks" ]
}

# Each package: its files, and its control fields as debian/control decides them.
src=usr/src/bulkhead-$version
sdk=usr/lib/bulkhead/sdk
configs=usr/share/bulkhead/configs/arm64
cells=""
for dts in configs/arm64/*.dts; do
	name=${dts##*/}
	cells="$cells $configs/$name $configs/${name%.dts}.cell"
done
why=""
has "$DKMS" $src/dkms.conf $src/Kbuild $src/driver/Kbuild $src/driver/main.c \
	$src/driver/arch.h $src/driver/arch/arm64/entry.S $src/driver/cell/Kbuild $src/driver/cell/channels.c \
	$src/include/bulkhead/ioctl.h || why="$why bulkhead-dkms lacks$lacks;"
built=$(grep -E '\.(o|ko|mod|mod\.c|cmd|order|symvers)$' "$work/list" | head -n 3 | tr '\n' ' ')
[ -z "$built" ] || why="$why bulkhead-dkms ships build products: $built;"
has "$TOOLS" usr/sbin/hvctl usr/bin/bulkhead-cellc usr/share/man/man8/hvctl.8.gz \
	usr/share/man/man1/bulkhead-cellc.1.gz usr/share/bash-completion/completions/hvctl \
	usr/share/bash-completion/completions/bulkhead-cellc || why="$why bulkhead-tools lacks$lacks;"
has "$FIRMWARE" lib/firmware/bulkhead.bin || why="$why bulkhead-firmware lacks$lacks;"
has "$CONFIGS" $cells usr/share/bulkhead/inmates/demos/arm64/hello.bin ||
	why="$why bulkhead-configs lacks$lacks;"
has "$SDK" $sdk/inmates/inmate.mk $sdk/inmates/lib/arm64/libinmate.a \
	$sdk/inmates/lib/arm64/inmate.lds $sdk/inmates/lib/include/inmate.h \
	$sdk/inmates/lib/arm64/include/inmate-arch.h $sdk/include/bulkhead/hypercall.h \
	usr/share/doc/bulkhead-sdk/examples/Makefile usr/share/doc/bulkhead-sdk/examples/hello.c ||
	why="$why bulkhead-sdk lacks$lacks;"
for f in "$DKMS" "$TOOLS" "$FIRMWARE" "$CONFIGS" "$SDK"; do
	has "$f" "usr/share/doc/$(dpkg-deb -f "$f" Package)/copyright" ||
		why="$why ${f##*/} lacks$lacks;"
done
[ "$(dpkg-deb -f "$TOOLS" Depends)" = "cpp, device-tree-compiler" ] ||
	why="$why bulkhead-tools Depends: $(dpkg-deb -f "$TOOLS" Depends);"
built_using=$(dpkg-deb -f "$TOOLS" Built-Using)
for source in glibc device-tree-compiler; do
	echo "$built_using" | grep -q "$source (= " ||
		why="$why bulkhead-tools Built-Using lacks $source: \"$built_using\";"
done
dpkg-deb -f "$DKMS" Depends | grep -q '^dkms' || why="$why bulkhead-dkms does not depend on dkms;"
if [ -z "$why" ]; then
	pass "each package holds its files, copyright and dependencies; no build products in the DKMS source"
else
	fail "package contents" "$why"
fi

# The tools run on the board as they are: static arm64 executables.
mkdir -p "$work/tools" "$work/firmware" "$work/configs" "$work/sdk" "$work/dkms-root"
dpkg-deb -x "$TOOLS" "$work/tools"
why=""
for bin in usr/sbin/hvctl usr/bin/bulkhead-cellc; do
	aarch64-linux-gnu-readelf -h "$work/tools/$bin" 2>&1 | grep -q 'Machine: *AArch64' ||
		why="$why $bin is not an arm64 executable;"
	! aarch64-linux-gnu-readelf -l "$work/tools/$bin" 2>&1 | grep -q INTERP ||
		why="$why $bin is not static;"
done
dpkg-deb -x "$FIRMWARE" "$work/firmware"
[ "$(head -c 8 "$work/firmware/lib/firmware/bulkhead.bin")" = BULKHEAD ] ||
	why="$why bulkhead.bin has no BULKHEAD header;"
if [ -z "$why" ]; then
	pass "hvctl and bulkhead-cellc are static arm64 executables; bulkhead.bin is a hypervisor image"
else
	fail "tools and firmware" "$why"
fi

# The packaged .cell files are what the packaged sources compile to.
dpkg-deb -x "$CONFIGS" "$work/configs"
why=""
for dts in "$work/configs/$configs"/*.dts; do
	name=${dts##*/}
	if ! tools/bulkhead-cellc -o "$work/${name%.dts}.cell" "$dts" > "$work/cellc.log" 2>&1; then
		why="$why $name does not compile: $(head -n 1 "$work/cellc.log");"
	elif ! cmp -s "$work/${name%.dts}.cell" "${dts%.dts}.cell"; then
		why="$why ${name%.dts}.cell is not what $name compiles to;"
	fi
done
if [ -z "$why" ]; then
	pass "bulkhead-configs: each .cell is what its packaged source compiles to"
else
	fail "bulkhead-configs" "$why"
fi

# DKMS as on the target: dkms add and build from the package's /usr/src tree,
# with its dkms.conf's MAKE line, against the cached stock kernel's headers.
# Cross-built: ARCH/CROSS_COMPILE for Kbuild, and the strip dkms runs on each
# module is the arm64 one. Private trees, and a private module signing key
# (dkms signs with its own MOK, made on first use, as on a Debian target).
dpkg-deb -x "$DKMS" "$work/dkms-root"
mkdir -p "$work/dkms" "$work/bin"
ln -s "$(command -v aarch64-linux-gnu-strip)" "$work/bin/strip"
kver=$KABI-arm64
module_dir="$work/dkms/bulkhead/$version/$kver/aarch64/module"
if ! dkms add -m bulkhead -v "$version" --sourcetree "$work/dkms-root/usr/src" \
	--dkmstree "$work/dkms" > "$work/dkms.log" 2>&1 ||
   ! PATH="$work/bin:$PATH" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	sign_file="$KDIR/scripts/sign-file" mok_signing_key="$work/mok.key" \
	mok_certificate="$work/mok.pub" \
	dkms build -m bulkhead -v "$version" -k "$kver" -a aarch64 --kernelsourcedir "$KDIR" \
	--sourcetree "$work/dkms-root/usr/src" --dkmstree "$work/dkms" >> "$work/dkms.log" 2>&1; then
	fail "dkms build" "$(tail -n 3 "$work/dkms.log" | tr '\n' ' ')"
	tail -n 20 "$work/dkms/bulkhead/$version/build/make.log" 2>/dev/null
else
	pass "dkms add + build: bulkhead-dkms's source builds against the stock $kver headers"
fi

# The modules must load into the stock kernel: its vermagic (read from one of
# its own modules), signed with the DKMS key, no debug information left.
stock=$(find "$(dirname "$VMLINUZ")/../lib/modules/$kver" -name '*.ko' | head -n 1)
want=$(modinfo -F vermagic "$stock" 2>/dev/null)
why=""
for ko in bulkhead.ko bulkhead_cell.ko; do
	f="$module_dir/$ko"
	if [ ! -f "$f" ]; then
		why="$why no $ko;"
		continue
	fi
	got=$(modinfo -F vermagic "$f")
	[ -n "$want" ] && [ "$got" = "$want" ] || why="$why $ko vermagic \"$got\", the kernel's \"$want\";"
	[ "$(modinfo -F signer "$f")" = "DKMS module signing key" ] || why="$why $ko is not signed by dkms;"
	! aarch64-linux-gnu-readelf -S "$f" | grep -q '\.debug_info' || why="$why $ko was not stripped;"
done
if [ -z "$why" ]; then
	pass "the DKMS modules have the stock kernel's vermagic ($want), DKMS's signature, no debug info"
	# For the board (tests/packages/run-board.sh).
	mkdir -p "$out/dkms"
	cp "$module_dir"/*.ko "$out/dkms/"
else
	fail "DKMS modules" "$why"
fi

# An inmate built against the installed SDK, from its example, is the demo
# the tree builds (bulkhead-configs ships it).
dpkg-deb -x "$SDK" "$work/sdk"
cp -r "$work/sdk/usr/share/doc/bulkhead-sdk/examples" "$work/hello"
if ! make -C "$work/hello" BULKHEAD_SDK="$work/sdk/$sdk" > "$work/sdk.log" 2>&1; then
	fail "SDK example" "$(tail -n 3 "$work/sdk.log" | tr '\n' ' ')"
elif ! cmp -s "$work/hello/hello.bin" "$work/configs/usr/share/bulkhead/inmates/demos/arm64/hello.bin"; then
	fail "SDK example" "hello.bin built against the SDK differs from the packaged demo"
else
	pass "the SDK's example builds against the installed SDK into the packaged hello.bin"
fi

finish
