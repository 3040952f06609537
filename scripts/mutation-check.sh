#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make mutation-check: builds the hypervisor once per deliberate isolation
# bug listed in tests/mutants/mutants.txt, boots the board with it and runs
# the system test groups named for that bug. A mutant is killed when
# tests/system/run.sh, counting as make check does, finds a check failed or
# missing; one that survives means a missing test. Groups "pc:GROUPS" boot
# the emulated PC (scripts/pc-board.sh) with the x86 image instead. Not part
# of "make check": each mutant is a boot.
# Usage: mutation-check.sh [NAME...]   (default: every mutant)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
list=tests/mutants/mutants.txt
work=build/mutants
mkdir -p "$work"

# field N LINE: the Nth " ~~ "-separated field, trimmed.
field() {
	echo "$2" | awk -v n="$1" -F ' ~~ ' '{ gsub(/^[ \t]+|[ \t]+$/, "", $n); print $n }'
}

# mutate FILE FROM TO: FROM must occur exactly once in FILE.
mutate() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path).read()
if text.count(old) != 1:
    sys.exit(f"{path}: '{old}' occurs {text.count(old)} times, not once: "
             "update tests/mutants/mutants.txt")
open(path, "w").write(text.replace(old, new))
PY
}

total=0 killed=0 survivors=""
grep -v '^#' "$list" | grep -v '^[[:space:]]*$' > "$work/list"
while IFS= read -r line; do
	name=$(field 1 "$line")
	[ $# -eq 0 ] || echo " $* " | grep -q " $name " || continue
	groups=$(field 2 "$line")
	dir=$work/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -r hypervisor include VERSION "$dir/"
	make -s -C "$dir/hypervisor" clean > /dev/null 2>&1 || true
	# Group unit-x86: the x86 host unit tests, built from the mutated
	# sources, must fail (no board boots for those).
	if [ "$groups" = unit-x86 ]; then
		mkdir -p "$dir/tests"
		cp -r tests/unit "$dir/tests/"
		rm -f "$dir/tests/unit/run-unit-tests-x86"
		if ! mutate "$dir/$(field 3 "$line")" "$(field 4 "$line")" "$(field 5 "$line")" ||
		   ! make -s -C "$dir/tests/unit" run-unit-tests-x86 > "$dir/build.log" 2>&1; then
			echo "mutation-check: mutant $name does not build (see $dir/build.log)" >&2
			exit 2
		fi
		total=$((total + 1))
		if (cd "$dir/tests/unit" && ./run-unit-tests-x86) > "$dir/results" 2>&1; then
			survivors="$survivors $name"
			echo "mutant $name ($groups): SURVIVED, $(grep "Checks:" "$dir/results")"
		else
			killed=$((killed + 1))
			echo "mutant $name ($groups): killed, $(grep "Checks:" "$dir/results");" \
				"first: $(grep -m1 ":F:\|:E:" "$dir/results")"
		fi
		continue
	fi
	board=qemu
	case $groups in pc:*) board=pc groups=${groups#pc:} ;; esac
	if [ $board = pc ]; then
		build="make -s -C $dir/hypervisor ARCH=x86 O=$top/$dir/x86-hypervisor"
		image=$dir/x86-hypervisor/bulkhead.bin
	else
		build="make -s -C $dir/hypervisor"
		image=$dir/hypervisor/bulkhead.bin
	fi
	if ! mutate "$dir/$(field 3 "$line")" "$(field 4 "$line")" "$(field 5 "$line")" ||
	   ! $build > "$dir/build.log" 2>&1; then
		echo "mutation-check: mutant $name does not build (see $dir/build.log)" >&2
		exit 2
	fi
	if [ $board = pc ]; then
		HV_IMAGE=$image scripts/mkinitramfs-pc.sh "$dir/initramfs.gz"
		scripts/pc-board.sh -t 900 -l "$dir/board.log" -g "$groups" -r system.sh \
			"$dir/initramfs.gz" > /dev/null 2>&1 || true
	else
		HV_IMAGE=$image scripts/mkinitramfs.sh "$dir/initramfs.cpio.gz"
		# The gicv4 group needs a board with GICv4 redistributors.
		gic=3
		case ",$groups," in *,gicv4,*) gic=4 ;; esac
		scripts/qemu-board.sh -G $gic -t 900 -l "$dir/board.log" -g "$groups" -r system.sh \
			"$dir/initramfs.cpio.gz" > /dev/null 2>&1 || true
	fi
	total=$((total + 1))
	# Counted as make check counts: a check that failed, or one the group declared
	# but never ran (it died, the board hung), kills the mutant.
	if ! tests/system/run.sh -b $board -g "$groups" -c "$dir/board.log" > "$dir/results"; then
		killed=$((killed + 1))
		echo "mutant $name ($groups): killed, $(tail -n 1 "$dir/results" | sed 's/^system: //');" \
			"first: $(grep -m1 "^FAIL:" "$dir/results" | sed 's/^FAIL: //')"
	else
		survivors="$survivors $name"
		echo "mutant $name ($groups): SURVIVED, $(tail -n 1 "$dir/results" | sed 's/^system: //')"
	fi
done < "$work/list"
echo "mutation-check: $killed of $total mutants killed${survivors:+; survivors:$survivors}"
[ "$killed" = "$total" ]
