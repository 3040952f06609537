#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Builds the Debian packages (make deb) into build/deb/: copies the tree's
# files, tracked and new ones as git lists them, to build/deb/bulkhead-VERSION
# and cross-builds there for arm64 with dpkg-buildpackage. A copy, because
# dpkg-buildpackage writes its packages beside the source tree and cleans it.
#   -d: the build dependencies are not checked, since the arm64 libfdt the
#       static tools link is the one scripts/setup.sh caches (debian/control).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/deb"
cd "$top"

version=$(cat VERSION)
changelog=$(dpkg-parsechangelog -l debian/changelog -S Version)
if [ "$version" != "$changelog" ]; then
	echo "mk-deb: VERSION is $version but debian/changelog's last entry is $changelog;" \
		"add an entry for $version" >&2
	exit 1
fi

src="$out/bulkhead-$version"
rm -rf "$out"
mkdir -p "$src"
# .cache may be a symbolic link (worktrees share one): not a file of the tree.
git ls-files -co --exclude-standard | while IFS= read -r f; do
	[ -e "$f" ] && [ "$f" != .cache ] && printf '%s\n' "$f"
done | tar -cf - -T - | tar -xf - -C "$src"
# The arm64 libfdt and its package (for Static-Built-Using) come from the cache.
ln -s "$top/.cache" "$src/.cache"

cd "$src"
# CC: the compiler for arm64 (debian/rules builds its build-machine tool with
# CC_FOR_BUILD); nocheck: the tests need the board (make check).
CC=aarch64-linux-gnu-gcc DEB_BUILD_OPTIONS=nocheck \
	dpkg-buildpackage --host-arch arm64 --build-profiles=cross,nocheck -b -d -us -uc -j2 \
	> "$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "mk-deb: dpkg-buildpackage failed (all of it in $out/build.log)" >&2
	exit 1
}
cd "$out"
ls -1 ./*.deb
