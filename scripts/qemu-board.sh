#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boots the emulated board (QEMU virt, GICv3, EL2 available, 4 CPUs, 1.5 GiB,
# Linux limited to 768 MiB so 0x70000000-0x9fffffff stays free for the
# hypervisor and cells).
# Usage: qemu-board.sh [-i] [-t SECONDS] [-l LOG] [-r SCRIPT] [-g GROUPS] [-G 3|4] [-a ARGS] [-c]
#                      INITRD
#   -i  interactive (serial on this terminal)   -t  timeout (default 600)
#   -l  keep the serial log in LOG              -r  run tests/SCRIPT, then power off
#   -g  system.sh runs only these test groups (comma-separated)
#   -G  GIC version (default 3; 4 adds the VLPI frames to each redistributor)
#   -a  more kernel command line arguments (e.g. bulkhead.fault=1)
#   -c  deterministic instruction counting (-icount shift=0,sleep=off: 1 insn
#       = 1 ns; idle time is skipped, not waited for in host time)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/.cache/kernel.env"
interactive=0 timeout=600 log=/dev/null run="" icount="" groups="" gic=3 append=""
. "$top/scripts/board-options.sh"
while getopts it:l:r:g:G:a:c opt; do
	case $opt in
	G) gic=$OPTARG ;;
	c) icount="-icount shift=0,sleep=off" ;;
	*) board_option "$opt" "${OPTARG:-}" ||
		{ echo "usage: $0 [-i] [-t SECONDS] [-l LOG] [-r SCRIPT] [-g GROUPS] [-G 3|4] [-a ARGS] [-c] INITRD" >&2; exit 2; } ;;
	esac
done
shift $((OPTIND - 1))
initrd=$1

set -- qemu-system-aarch64 -machine virt,virtualization=on,gic-version=$gic -cpu cortex-a57 \
	-smp 4 -m 1536M -nographic -no-reboot -nic none $icount ${QEMU_EXTRA:-} \
	-kernel "$VMLINUZ" -initrd "$initrd" \
	-append "console=ttyAMA0 kvm-arm.mode=none mem=768M panic=-1 quiet loglevel=4 $run $groups $append"
if [ "$interactive" = 1 ]; then
	exec "$@"
fi
timeout --foreground -k 5 "$timeout" "$@" < /dev/null 2>&1 | tee "$log"
