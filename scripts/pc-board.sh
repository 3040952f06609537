#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boots the emulated PC: Bochs 2.7 (the emulator here with VT-x and EPT; QEMU's
# TCG has none), a Haswell with 2 CPUs and 1 GiB, from an isolinux CD holding
# Debian's stock amd64 kernel and INITRD (scripts/mkinitramfs-pc.sh). Linux
# is limited to 768 MiB so 0x30000000-0x3fffffff stays free for the
# hypervisor and cells. Emulated time follows executed instructions
# (clock: sync=none): the same boot ticks the same TSC counts, however busy the
# host is. Bochs' own log (VM-entry check failures, emulator panics) is kept
# beside the serial log, as LOG.bochs.
# Usage: pc-board.sh [-i] [-t SECONDS] [-l LOG] [-r SCRIPT] [-g GROUPS] [-a ARGS] [-n CPUS]
#                    [-w SECONDS] INITRD
#   -i  interactive (the PC's screen and keyboard on this terminal; the serial
#       line still goes to LOG)                 -t  timeout (default 900)
#   -l  keep the serial log in LOG (default build/x86/pc-serial.log)
#   -r  run tests/SCRIPT, then power off
#   -g  system.sh runs only these test groups (comma-separated)
#   -a  more kernel command line arguments      -n  CPUs (default 2)
#   -w  not interactive: stop the PC when its serial line has been silent this
#       long (default 600; 0: never), e.g. a hypervisor that stopped and
#       could not power the PC off - a boot holds the one emulator lock
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/.cache/x86/kernel.env"
interactive=0 timeout=900 log=$top/build/x86/pc-serial.log run="" groups="" append="" cpus=2 idle=600
usage() {
	echo "usage: $0 [-i] [-t SECONDS] [-l LOG] [-r SCRIPT] [-g GROUPS] [-a ARGS] [-n CPUS]" \
		"[-w SECONDS] INITRD" >&2
	exit 2
}
. "$top/scripts/board-options.sh"
while getopts it:l:r:g:a:n:w: opt; do
	case $opt in
	n) cpus=$OPTARG ;;
	w) idle=$OPTARG ;;
	*) board_option "$opt" "${OPTARG:-}" || usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || usage
initrd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$initrd" ] || { echo "pc-board: no initramfs $1 (make build/x86/initramfs.gz)" >&2; exit 2; }
mkdir -p "$(dirname "$log")"
log=$(cd "$(dirname "$log")" && pwd)/$(basename "$log")

# Interactive: the kernel's console and the shell on the screen (Bochs' term
# display shows it here, and takes the keys), the serial line in the log.
# 115200 baud: Bochs times the UART's transmission in emulated time, and at
# the default 9600 the tests wait for their own output.
console="console=ttyS0,115200"
[ "$interactive" = 0 ] || console="$console console=tty0 bulkhead.console=tty1"

# The CD: isolinux boots the kernel with the initramfs and the command line.
mkdir -p "$top/build/x86"
work=$(mktemp -d "$top/build/x86/pc-board.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd=$work/cd
mkdir -p "$cd/isolinux"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$cd/isolinux/"
cp "$VMLINUZ" "$cd/vmlinuz"
cp "$initrd" "$cd/initrd.gz"
cat > "$cd/isolinux/isolinux.cfg" <<CFG
default bulkhead
prompt 0
label bulkhead
  kernel /vmlinuz
  append initrd=/initrd.gz $console mem=768M panic=-1 quiet loglevel=4 $run $groups $append
CFG
genisoimage -quiet -o "$work/pc.iso" -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot \
	-boot-load-size 4 -boot-info-table -J -R "$cd"

cat > "$work/bochsrc" <<RC
megs: 1024
cpu: model=corei7_haswell_4770, count=$cpus, ips=400000000, reset_on_triple_fault=0, ignore_bad_msrs=1
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0-master: type=cdrom, path=$work/pc.iso, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$log
display_library: term
clock: sync=none, time0=local
log: $log.bochs
panic: action=fatal
RC
echo c > "$work/continue"
if [ "$interactive" = 1 ]; then
	bochs -q -f "$work/bochsrc" -rc "$work/continue"
	exit
fi
# Tests: the serial log followed on stdout while the PC runs; the screen,
# which Bochs draws on its own stdout, is not needed.
: > "$log"
tail -n +1 -f "$log" &
follower=$!
timeout -k 5 "$timeout" bochs -q -f "$work/bochsrc" -rc "$work/continue" < /dev/null \
	> /dev/null 2> "$work/bochs.err" &
pc=$!
# The watchdog: the log's size, looked at every 10 s.
size=-1 silent=0
while kill -0 $pc 2> /dev/null; do
	sleep 10
	now=$(stat -c %s "$log")
	if [ "$now" != "$size" ]; then
		size=$now silent=0
	else
		silent=$((silent + 10))
	fi
	if [ "$idle" != 0 ] && [ $silent -ge "$idle" ]; then
		echo "pc-board: no serial output for $silent s: the PC hung (stopped it)" |
			tee -a "$log" >&2
		# Bochs ignores SIGTERM; timeout passes it on, then kills it 5 s later (-k 5).
		kill $pc 2> /dev/null || true
		break
	fi
done
status=0
wait $pc || status=$?
sleep 1
kill $follower
cat "$work/bochs.err" >> "$log.bochs"
# Bochs exits with 1 when the guest powers the PC off through ACPI: that is success.
[ $status != 1 ] || ! grep -q "ACPI control: soft power off" "$work/bochs.err" || status=0
[ $status != 124 ] || echo "pc-board: the PC did not power off within $timeout s (killed)" >&2
exit $status
