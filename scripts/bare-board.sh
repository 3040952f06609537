#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Runs one inmate image built for the bare QEMU virt board (make -C inmates
# bare: inmates/demos/arm64/bare/*.bin) without the hypervisor: GICv3, 4
# CPUs, CPU 0 starting at EL1 at the image, PSCI through HVC. Prints what
# the inmate writes to the UART.
# Usage: bare-board.sh [-c] [-t SECONDS] [-u REGEX] [-a ADDR] [-k] [-e] [-n CPUS]
#                      [-m RAM] INMATE.bin [CMDLINE]
#   CMDLINE  words appended to the image's baked-in command line (the last
#            word with a key wins), e.g. "samples=100 period-us=500"
#   -c  deterministic instruction counting (-icount shift=0,sleep=off: 1 insn
#       = 1 ns; idle time is skipped, not waited for in host time)
#   -t  run at most SECONDS (default 10)
#   -u  stop as soon as an output line matches the extended REGEX
#   -a  load and start address (default 0x40200000, make's BARE_BASE)
#   -k  boot the image as QEMU's -kernel does (an ELF at its own addresses,
#       the device tree at the bottom of RAM; a raw image at RAM + 0x80000
#       with the device tree in x0): how board programs (inmates/board) run;
#       no CMDLINE then
#   -e  the board has EL2 (virtualization=on): CPUs start there, PSCI is SMC
#   -n  CPUS (default 4)    -m  RAM size (default 256M)
# Options may also follow the positional arguments. QEMU_EXTRA in the
# environment adds QEMU options.
set -eu

usage() {
	echo "usage: $0 [-c] [-t SECONDS] [-u REGEX] [-a ADDR] [-k] [-e] [-n CPUS] [-m RAM]" \
		"INMATE.bin [CMDLINE]" >&2
	exit 2
}

icount="" timeout=10 until="" addr=0x40200000 image="" extra=""
as_kernel="" machine="virt,gic-version=3" cpus=4 ram=256M
nargs=0
while [ $# -gt 0 ]; do
	case $1 in
	-c) icount="-icount shift=0,sleep=off" ;;
	-t) [ $# -ge 2 ] || usage; timeout=$2; shift ;;
	-u) [ $# -ge 2 ] || usage; until=$2; shift ;;
	-a) [ $# -ge 2 ] || usage; addr=$2; shift ;;
	-k) as_kernel=1 ;;
	-e) machine="$machine,virtualization=on" ;;
	-n) [ $# -ge 2 ] || usage; cpus=$2; shift ;;
	-m) [ $# -ge 2 ] || usage; ram=$2; shift ;;
	-*) usage ;;
	*)
		case $nargs in
		0) image=$1 ;;
		1) extra=$1 ;;
		*) usage ;;
		esac
		nargs=$((nargs + 1)) ;;
	esac
	shift
done
[ -n "$image" ] || usage
[ -f "$image" ] || { echo "$0: no such image: $image" >&2; exit 1; }
if [ -n "$as_kernel" ] && [ -n "$extra" ]; then
	echo "$0: -k boots the image as it is: no CMDLINE" >&2
	exit 2
fi

tmp=$(mktemp -d)
qemu_pid=""
cleanup() {
	[ -z "$qemu_pid" ] || kill "$qemu_pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The command line lives at image offset 0x100, 0x700 bytes, NUL-terminated.
cp "$image" "$tmp/image.bin"
if [ -n "$extra" ]; then
	baked=$(dd if="$image" bs=1 skip=256 count=1792 2>/dev/null | tr -d '\000')
	cmdline="${baked:+$baked }$extra"
	if [ ${#cmdline} -ge 1792 ]; then
		echo "$0: command line too long" >&2
		exit 1
	fi
	dd if=/dev/zero of="$tmp/image.bin" bs=1 seek=256 count=1792 conv=notrunc 2>/dev/null
	printf '%s' "$cmdline" | dd of="$tmp/image.bin" bs=1 seek=256 conv=notrunc 2>/dev/null
fi

if [ -n "$as_kernel" ]; then
	set -- -kernel "$tmp/image.bin"
else
	set -- -device "loader,file=$tmp/image.bin,addr=$addr,force-raw=on" \
		-device "loader,addr=$addr,cpu-num=0"
fi
log="$tmp/serial.log"
: > "$log"
# shellcheck disable=SC2086
qemu-system-aarch64 -machine "$machine" -cpu cortex-a57 -smp "$cpus" -m "$ram" \
	-display none -monitor none -serial "file:$log" -nic none $icount ${QEMU_EXTRA:-} \
	"$@" 2> "$tmp/qemu.err" &
qemu_pid=$!

# Poll the log a few times a second until the deadline, a match, or QEMU's end.
ticks=$((timeout * 5))
while [ "$ticks" -gt 0 ] && kill -0 "$qemu_pid" 2>/dev/null; do
	if [ -n "$until" ] && tr -d '\r' < "$log" | grep -Eq "$until"; then
		sleep 0.2	# the rest of the line
		break
	fi
	sleep 0.2
	ticks=$((ticks - 1))
done
if kill -0 "$qemu_pid" 2>/dev/null; then
	kill "$qemu_pid"
	wait "$qemu_pid" 2>/dev/null || true
else
	# QEMU ended on its own: show why.
	wait "$qemu_pid" 2>/dev/null || true
	cat "$tmp/qemu.err" >&2
fi
qemu_pid=""
tr -d '\r' < "$log"
if [ -n "$until" ] && ! tr -d '\r' < "$log" | grep -Eq "$until"; then
	echo "$0: no line matched '$until' within ${timeout}s" >&2
	exit 1
fi
