#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boots the emulated board, runs the system test groups (guest/groups.sh)
# and accounts for every check they declare: each group's "plan N" says how
# many PASS/FAIL lines it prints. A declared check that did not run (its
# group stopped early, or the board hung or died first) counts as failed; a
# group that prints more checks than declared, exits non-zero or does not
# finish counts one failure more, as does a group script missing from the
# list. Prints the results, a FAIL line for each such problem, the number of
# checks declared, the checks skipped on this board's architecture (each
# with its reason: lib.sh skip), and last "system: N passed, N failed"; exits
# non-zero if anything failed.
# Usage: run.sh [-b pc] [-g GROUPS] [-G 4] INITRD  boot the board and count what it prints
#        run.sh [-b pc] [-g GROUPS] -c LOG          count a console log kept from an earlier boot
#   -b  the board: qemu (default: scripts/qemu-board.sh, SYSTEM_TEST_GROUPS) or
#       pc (the emulated PC, scripts/pc-board.sh, X86_TEST_GROUPS; INITRD from
#       scripts/mkinitramfs-pc.sh)
#   -g  only these groups (comma-separated; the board was or is told so too)
#   -G  the board's GIC version (qemu-board.sh -G; 4 for GICV4_TEST_GROUPS)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
guest=$top/tests/system/guest
. "$guest/groups.sh"

usage() {
	echo "usage: $0 [-b pc] [-g GROUPS] [-G 4] INITRD | [-b pc] [-g GROUPS] -c LOG" >&2
	exit 2
}
groups="" log="" gic=3 board=qemu
while getopts b:g:c:G: opt; do
	case $opt in
	b) board=$OPTARG ;;
	g) groups=$OPTARG ;;
	G) gic=$OPTARG ;;
	c) log=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
case $board in
qemu) all_groups=$SYSTEM_TEST_GROUPS board_env=qemu-virt.env ;;
pc) all_groups=$X86_TEST_GROUPS board_env=bochs-pc.env ;;
*) usage ;;
esac
if [ -z "$log" ]; then
	[ $# = 1 ] || usage
	if [ $board = pc ]; then
		log=$top/build/x86/system-tests${groups:+-$(echo "$groups" | tr , -)}.log
		# Bochs takes about 3 minutes to reach the init script, and runs Linux
		# some 20 times slower than QEMU: the limit only catches a hung PC.
		"$top/scripts/pc-board.sh" -t 3000 -l "$log" ${groups:+-g "$groups"} -r system.sh \
			"$1" > /dev/null 2>&1
	else
		log=$top/build/system-tests${groups:+-$(echo "$groups" | tr , -)}.log
		# All groups in one boot take 12-15 minutes under TCG on 2 cores; the limit only
		# catches a hung board.
		"$top/scripts/qemu-board.sh" -G "$gic" -t 2400 -l "$log" ${groups:+-g "$groups"} \
			-r system.sh "$1" > /dev/null 2>&1
	fi
fi

# declared GROUP: the number of checks GROUP's "plan" line declares for this
# board (a plan may count the board's CPUs: "plan $((25 + BOARD_NCPUS))").
declared() {
	(
		. "$top/tests/system/boards/$board_env"
		expr=$(sed -n 's/^plan \([-0-9 ()$+*A-Z_]*\)$/\1/p' "$guest/$1.sh" 2> /dev/null |
			head -n 1)
		[ -z "$expr" ] || eval "echo $expr"
	)
}

# What the sources declare, whatever the board did: each expected group's
# plan, and scripts that have a plan but are not listed.
declarations() {
	for group in $(echo "${groups:-$all_groups}" | tr , ' '); do
		echo "DECLARED: $group $(declared "$group")"
	done
	for script in "$guest"/*.sh; do
		name=$(basename "$script" .sh)
		if grep -q "^plan " "$script" &&
		   ! echo " $SYSTEM_TEST_GROUPS $GICV4_TEST_GROUPS $X86_TEST_GROUPS " | grep -q " $name "; then
			echo "UNLISTED: $name"
		fi
	done
}

# The block the board prints at the end, when its console is quiet; without
# it, what the console showed before the board stopped.
results() {
	tr -d '\r' < "$log" > "$log.clean"
	if grep -q "^RESULTS-END" "$log.clean"; then
		sed -n '/^RESULTS-BEGIN/,/^RESULTS-END/p' "$log.clean"
	else
		echo "BOARD-STOPPED:"
		sed '/^RESULTS-BEGIN/,$d' "$log.clean"
	fi
}

{ declarations; results; } | grep -E "^(DECLARED|UNLISTED|BOARD-STOPPED|GROUP|PLAN|END|PASS|FAIL|SKIP):" |
awk -v logfile="$log" '
function fail(count, why) {
	print "FAIL: " why
	failed += count
}
/^DECLARED: / { order[++groups] = $2; plan[$2] = $3; listed[$2] = 1; next }
/^UNLISTED: / {
	fail(1, "tests/system/guest/" $2 ".sh has a plan but is in no list of " \
		"tests/system/guest/groups.sh")
	next
}
/^BOARD-STOPPED:/ { stopped = 1; next }
/^GROUP: / {
	print
	group = $2
	seen[group] = 1
	if (!(group in listed))
		fail(1, "group " group " ran but was not expected")
	next
}
/^PLAN: / { board_plan[group] = $2; next }
/^END: / { status[$2] = $4; next }
{
	print
	ran[group]++
	if (/^PASS: /)
		passed++
	else if (/^SKIP: /)
		skipped++
	else
		failed++
}
END {
	for (i = 1; i <= groups; i++) {
		g = order[i]
		n = plan[g]
		m = ran[g] + 0
		declared += n
		if (n == "") {
			fail(1, "group " g ": tests/system/guest/" g ".sh has no \"plan N\" line")
			continue
		}
		if (!(g in seen)) {
			fail(n, "group " g " did not run: its " n " checks count as failed")
			continue
		}
		if ((g in board_plan) && board_plan[g] != n)
			fail(1, "group " g ": the board ran plan " board_plan[g] ", the source says " n \
			     " (an image built from other sources?)")
		if (m < n)
			fail(n - m, "group " g " declared " n " checks, ran " m ": the " n - m \
			     " not run count as failed")
		else if (m > n)
			fail(1, "group " g " declared " n " checks, ran " m)
		if (!(g in status))
			fail(1, "group " g " did not finish")
		else if (status[g] != 0)
			fail(1, "group " g " exited with status " status[g])
	}
	if (ran[""])
		fail(1, ran[""] " results printed outside any group")
	if (stopped)
		fail(1, "the board did not finish the tests (see " logfile ")")
	print "system: " declared " checks declared by " groups " groups"
	if (skipped)
		print "system: " skipped " skipped (they do not apply to this board: SKIP lines above)"
	printf "system: %d passed, %d failed\n", passed, failed
	exit (failed > 0)
}'
