#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench: sizes and path lengths, in one run, side by side with the
# reference figures from the brief. Instruction counts come from QEMU
# -icount shift=0 (deterministic: 1 ns of guest time = 1 instruction).
# The x86-64 figures (scripts/bench-pc.sh, one boot of the emulated PC) come last.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
elf=hypervisor/bulkhead.elf
log=build/bench.log

section_size() {
	aarch64-linux-gnu-size -A "$elf" | awk -v s="$1" '$1 == s { print $2 }'
}

# Non-blank lines that are not only comment, per file (C and assembly).
sloc() {
	cat "$@" | sed 's://.*$::' | awk '
		{ line = $0
		  while (1) {
			if (incomment) { i = index(line, "*/"); if (!i) { line = ""; break }
					 line = substr(line, i + 2); incomment = 0 }
			i = index(line, "/*"); if (!i) break
			rest = substr(line, i + 2); j = index(rest, "*/")
			if (j) line = substr(line, 1, i - 1) substr(rest, j + 2)
			else { line = substr(line, 1, i - 1); incomment = 1 }
		  }
		  if (line ~ /[^ \t]/) n++ }
		END { print n + 0 }'
}

echo "== Bulkhead benchmark ($(cat VERSION), $(date -u +%Y-%m-%d))"
echo
echo "-- hypervisor image (bytes)"
text=$(( $(section_size .header) + $(section_size .text) ))
rodata=$(section_size .rodata)
data=$(( $(section_size .data || echo 0) + 0 ))
bss=$(( $(section_size .console) + $(section_size .bss) ))
printf "%-28s %10s\n" "text" "$text" "rodata" "$rodata" "data" "$data" \
	"bss (incl. 16 KiB console)" "$bss" "bulkhead.bin (file)" "$(stat -c %s hypervisor/bulkhead.bin)"
printf "%-28s %10s   %s\n" "Jailhouse arm64 image" "~92000-108000" "(brief)"
echo
echo "-- hypervisor SLOC (C + assembly, comments and blank lines excluded)"
# Each image is the core, its arch directory and the headers.
for group in core arch/arm64 arch/x86 include; do
	case $group in
	core) files=$(ls hypervisor/*.c) ;;
	arch/*) files=$(ls hypervisor/$group/*.c hypervisor/$group/*.S \
		hypervisor/$group/include/asm/*.h 2> /dev/null || true) ;;
	include) files=$(ls hypervisor/include/bulkhead/*.h include/bulkhead/*.h) ;;
	esac
	n=0
	[ -z "$files" ] || n=$(sloc $files)
	eval "sloc_$(basename $group)=$n"
	printf "%-28s %10s\n" "$group" "$n"
	for f in $files; do printf "    %-40s %6s\n" "${f#hypervisor/}" "$(sloc "$f")"; done
done
printf "%-28s %10s\n" "total, arm64 image" "$((sloc_core + sloc_arm64 + sloc_include))" \
	"total, x86-64 image" "$((sloc_core + sloc_x86 + sloc_include))"
printf "%-28s %10s   %s\n" "Jailhouse arm64 build" "~9700" "(brief)" "Bao arm64 build" "~10800" "(brief)" \
	"Jailhouse x86 build" "~10900" "(brief)"
echo
echo "-- path lengths on the board (QEMU -icount shift=0,sleep=off: instructions; and wall time)"
scripts/qemu-board.sh -c -t 600 -l "$log" -r bench.sh build/initramfs.cpio.gz > /dev/null 2>&1 || true
scripts/qemu-board.sh -t 600 -l "$log.wall" -r bench.sh build/initramfs.cpio.gz > /dev/null 2>&1 || true
val() { sed -n "s/^BENCH $1 \([0-9-]*\).*/\1/p" "${2:-$log}" | tr -d '\r'; }
if [ -z "$(val enable_ns)" ] || [ -z "$(val cell_destroy_ns)" ]; then
	echo "the board run failed; see $log"
	exit 1
fi
# row LABEL KEY: instructions under -icount, then wall time in microseconds.
row() {
	wall=$(val "$2" "$log.wall")
	printf "%-44s %12s %12s\n" "$1" "$(val "$2")" "${wall:+$((wall / 1000)) us}"
}
printf "%-44s %12s %12s\n" "" "insns" "wall"
row "enable (ioctl, 4 CPUs)" enable_ns
row "  in the hypervisor: shared set-up" enable_hv_init_ns
row "  in the hypervisor: until all 4 CPUs in" enable_hv_all_ns
row "disable (ioctl, 4 CPUs)" disable_ns
row "sysfs read with one hypercall" sysfs_with_hypercall_ns
row "sysfs read without hypercall (baseline)" sysfs_without_hypercall_ns
row "null hypercall round trip (difference)" hypercall_roundtrip_ns
printf "%-44s %12s   %s\n" "Xen/ARM no-op hypercall" "376 cycles" "(brief)"
echo
echo "-- cell life (hello inmate, 1 CPU, 1 MiB; includes Linux CPU hotplug, whose waits"
echo "   for timers and RCU are idle time: under sleep=off it jumps to the next timer,"
echo "   so these are virtual ns, not all instructions)"
printf "%-44s %12s %12s\n" "" "insns" "wall"
row "cell create (ioctl)" cell_create_ns
row "cell load (ioctl, 12 KB image)" cell_load_ns
row "cell start (ioctl)" cell_start_ns
row "create -> inmate's first instruction" cell_create_to_first_insn_ns
row "cell destroy (ioctl, running cell)" cell_destroy_ns
row "  of which: scrubbing its memory" cell_destroy_scrub_ns
scrub_mib() {
	sed -n 's/^BENCH cell_destroy_scrub_ns \([0-9]*\) \([0-9]*\).*/\1 \2/p' "$1" | tr -d '\r' |
		awk '$2 > 0 { printf "%d", $1 * 1048576 / $2 }'
}
wall=$(scrub_mib "$log.wall")
printf "%-44s %12s %12s\n" "  scrubbing, per MiB" "$(scrub_mib "$log")" "${wall:+$((wall / 1000)) us}"
row "A/B update (ioctl: stage, check, switch)" update_ioctl_ns
row "  in the hypervisor: the switch (1 us steps)" update_switch_ns

echo
echo "-- the Linux cell (Debian's stock kernel, 2 CPUs, 256 MiB, busybox initramfs; under"
echo "   sleep=off idle time is skipped, so -icount figures are virtual ns)"
printf "%-44s %12s %12s\n" "" "insns" "wall"
row "cell start -> its init's ready line" linux_cell_boot_ns
row "cell start -> first userspace instruction" linux_cell_first_user_insn_ns
row "  kernel start -> first userspace (own clock)" linux_cell_init_ns
echo
echo "-- restart by the failure policy (on-failure = \"restart\", no back-off), counted from"
echo "   the hypervisor's first look at the faulting exit; the restart scrubs the cell's RAM"
echo "   and copies its images back from the store (tests/system/guest/bench-restart.sh)"
printf "%-44s %12s %12s\n" "" "insns" "wall"
row "inmate (1 MiB): fault -> hypervisor done" restart_inmate_fault_to_resume_ns
row "inmate: fault -> its first instruction" restart_inmate_fault_to_entry_ns
row "Linux (256 MiB): fault -> kernel entry" restart_linux_fault_to_resume_ns
row "Linux: fault -> first userspace instruction" restart_linux_fault_to_user_ns
echo
echo "-- integrity check at cell start, in the hypervisor (SHA-256 of every boot segment in the"
echo "   cell's memory; Ed25519 over the manifest and the cell's name when a key is pinned)"
printf "%-44s %12s %12s\n" "" "insns" "wall"
# us_field KEY N [LOG]: the Nth figure of a BENCH line.
us_field() { sed -n "s/^BENCH $1 //p" "${3:-$log}" | tr -d '\r' | awk -v f="$2" '{ print $f }'; }
linux_bytes=$(us_field integrity_linux_digest_us 2)
# insns US: microseconds under -icount as instructions (empty if not measured).
insns() { awk -v us="$1" 'BEGIN { if (us != "") printf "%d", us * 1000 }'; }
printf "%-44s %12s %12s\n" "Linux cell: $linux_bytes bytes (Image, DTB, initramfs)" \
	"$(insns "$(us_field integrity_linux_digest_us 1)")" \
	"$(us_field integrity_linux_digest_us 1 "$log.wall") us"
per_mib() { awk -v t="$1" -v b="$2" -v k="$3" 'BEGIN { if (b > 0) printf "%d", t * k * 1048576 / b }'; }
printf "%-44s %12s %12s\n" "  per MiB" "$(per_mib "$(us_field integrity_linux_digest_us 1)" \
	"$linux_bytes" 1000)" "$(per_mib "$(us_field integrity_linux_digest_us 1 "$log.wall")" \
	"$linux_bytes" 1) us"
printf "%-44s %12s %12s\n" "Ed25519 signature check (signed inmate)" \
	"$(insns "$(us_field integrity_signed_us 1)")" "$(us_field integrity_signed_us 1 "$log.wall") us"
printf "%-44s %12s %12s\n" "  + digests of its $(us_field integrity_signed_us 3) bytes" \
	"$(insns "$(us_field integrity_signed_us 2)")" "$(us_field integrity_signed_us 2 "$log.wall") us"
echo
echo "-- channels: doorbell round trip (request + ring, reply + ring) and bulk transfer"
echo "   through the shared memory (4 MiB in 256 KiB chunks, each side copying between the"
echo "   channel and its own memory), next to a memory copy of the same size inside one"
echo "   cell; MB/s under -icount are per 10^9 instructions"
# second KEY [LOG]: the second figure of a BENCH line.
second() { sed -n "s/^BENCH $1 [0-9-]* \([0-9-]*\).*/\1/p" "${2:-$log}" | tr -d '\r'; }
chan_row() {
	printf "%-44s %12s %12s\n" "$1" "$(val "$2")" "$(val "$2" "$log.wall")"
}
printf "%-44s %12s %12s\n" "" "-icount" "wall"
for side in root cell; do
	label=$([ $side = root ] && echo "root <-> cell" || echo "cell <-> cell")
	chan_row "$label: round trip avg (ns)" chan_${side}_roundtrip_ns
	printf "%-44s %12s %12s\n" "$label: round trip min (ns)" \
		"$(second chan_${side}_roundtrip_ns)" "$(second chan_${side}_roundtrip_ns "$log.wall")"
	chan_row "$label: bulk to the peer (MB/s)" chan_${side}_sink_mbps
	chan_row "$label: bulk from the peer (MB/s)" chan_${side}_source_mbps
	chan_row "$label: bulk, CRC-32 checked (MB/s)" chan_${side}_crc_mbps
done
chan_row "baseline: memcpy inside one cell (MB/s)" cell_memcpy_mbps
chan_row "baseline: memcpy inside the root (MB/s)" root_memcpy_mbps
# ratio KEY BASE: KEY's figure as a share of BASE's, under -icount.
ratio() { awk -v a="$(val "$1")" -v b="$(val "$2")" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b }'; }
echo "bulk to the peer as a share of the one-cell memcpy (-icount): root <-> cell" \
	"$(ratio chan_root_sink_mbps cell_memcpy_mbps), cell <-> cell $(ratio chan_cell_sink_mbps cell_memcpy_mbps)"
echo "(a round trip is two doorbells: ring hypercall, distributor write, interrupt at"
echo " EL2 and injection or Linux's handler, and each side's wait and wake-up)"

echo
echo "-- interrupts: the same inmates in a cell and on the bare board (-icount: instructions)"
make -s -C inmates bare > /dev/null
bare() {
	scripts/bare-board.sh -c -t 120 -u "$2" "inmates/demos/arm64/bare/$1.bin" "$3" |
		grep -E "$2" | tail -n 1
}
bare_latency=$(bare timer-latency "^latency: samples" "samples=1000 period-us=1000" |
	awk '{ print $5 " " $8 " " $11 }')
bare_irq=$(bare irqbench "^irqbench:" "rounds=1000" | awk '{ print $5 " " $8 " " $11 }')
cell_latency=$(sed -n "s/^BENCH cell_timer_latency_ns \(.*\)/\1/p" "$log" | tr -d '\r')
cell_irq="$(val cell_gicd_read_ns) $(val cell_ram_read_ns) $(val cell_self_sgi_ns)"
# pick N WORDS: the Nth word.
pick() { echo "$2" | awk -v n="$1" '{ print $n }'; }
# compare LABEL BARE CELL: both, their ratio and the difference (what the hypervisor adds).
compare() {
	printf "%-36s %10s %10s %8s %10s\n" "$1" "$2" "$3" \
		"$(awk -v b="$2" -v c="$3" 'BEGIN { if (b > 0) printf "%.2fx", c / b; else print "-" }')" \
		"$(($3 - $2))"
}
printf "%-36s %10s %10s %8s %10s\n" "" "bare" "cell" "ratio" "cell-bare"
compare "timer latency min (ns)" "$(pick 1 "$bare_latency")" "$(pick 1 "$cell_latency")"
compare "timer latency avg (ns)" "$(pick 2 "$bare_latency")" "$(pick 2 "$cell_latency")"
compare "timer latency max (ns)" "$(pick 3 "$bare_latency")" "$(pick 3 "$cell_latency")"
compare "self-SGI, send to handler (ns)" "$(pick 3 "$bare_irq")" "$(pick 3 "$cell_irq")"
compare "distributor register read (ns)" "$(pick 1 "$bare_irq")" "$(pick 1 "$cell_irq")"
compare "RAM read, baseline (ns)" "$(pick 2 "$bare_irq")" "$(pick 2 "$cell_irq")"
echo "(cell-bare of the minimum timer latency is the hypervisor's injection path: trap,"
echo " acknowledge, list register, return; of a distributor read, the trap and emulation)"

echo
echo "-- tracing (Documentation/tracing.md): the same paths with the hypervisor's trace off"
echo "   and on, classes exit and virq (the root traced for its hypercall, the cell for its"
echo "   own figures); ns, under -icount instructions"
# first_of KEY LOG: the first figure of a BENCH line.
first_of() { sed -n "s/^BENCH $1 \([0-9-]*\).*/\1/p" "$2" | tr -d '\r'; }
# traced LABEL OFF_KEY ON_KEY: off, on and on/off under -icount, then the same in wall time.
traced() {
	printf "%-34s %9s %9s %7s %9s %9s %7s\n" "$1" \
		"$(first_of "$2" "$log")" "$(first_of "$3" "$log")" \
		"$(awk -v a="$(first_of "$2" "$log")" -v b="$(first_of "$3" "$log")" \
			'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "-" }')" \
		"$(first_of "$2" "$log.wall")" "$(first_of "$3" "$log.wall")" \
		"$(awk -v a="$(first_of "$2" "$log.wall")" -v b="$(first_of "$3" "$log.wall")" \
			'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "-" }')"
}
printf "%-34s %9s %9s %7s %9s %9s %7s\n" "" "off" "on" "on/off" "off wall" "on wall" "on/off"
traced "null hypercall round trip (root)" trace_off_hypercall_roundtrip_ns \
	trace_on_hypercall_roundtrip_ns
traced "timer latency min (cell)" cell_timer_latency_ns cell_timer_latency_traced_ns
traced "self-SGI, send to handler (cell)" cell_self_sgi_ns cell_self_sgi_traced_ns
traced "distributor read (cell, an exit)" cell_gicd_read_ns cell_gicd_read_traced_ns
echo "(off is the figure of the board with nobody traced, as before tracing existed: the"
echo " round trip above, $(val hypercall_roundtrip_ns) insns, measured the same way)"
echo
echo "-- crypto for signed images: the hypervisor's own SHA-256, SHA-512 and Ed25519 objects,"
echo "   linked unchanged into a bare-board program (inmates/tests/arm64/cryptobench.c,"
echo "   which checks every result; -icount: instructions)"
crypto=$(bare cryptobench "^cryptobench:" "")
case $crypto in
"cryptobench: sha256"*)
	echo "$crypto" | awk '{ printf "%-44s %12s\n%-44s %12s\n%-44s %12s\n%-44s %12s\n",
		"SHA-256 per MiB (SHA-256 instructions)", $5, "SHA-256 per MiB (C rounds)", $9,
		"SHA-512 per MiB (C)", $14, "Ed25519 verify, one signature", $18 }' ;;
*)
	echo "cryptobench failed: ${crypto:-no output}" ;;
esac

echo
echo "-- Linux in the cell against Linux on the bare board (the same kernel, initramfs and"
echo "   CPU-bound program, tests/bench/cpubound.c; -icount: instructions, idle skipped)"
. ./.cache/kernel.env
# bare_linux ICOUNT LOG: Debian's kernel with the Linux cell's initramfs on a
# bare 2-CPU board shaped like the cell, running the CPU-bound program.
bare_linux() {
	# shellcheck disable=SC2086
	timeout 600 qemu-system-aarch64 -machine virt,gic-version=3 -cpu cortex-a57 -smp 2 -m 256M \
		-nographic -no-reboot -nic none $1 -kernel "$VMLINUZ" -initrd build/linux-cell.cpio.gz \
		-append "console=ttyAMA0 quiet bulkhead.bench=cpubound" < /dev/null > "$2" 2>&1 || true
}
bare_linux "-icount shift=0,sleep=off" "$log.bare"
bare_linux "" "$log.bare.wall"
# field KEY LOG N: the Nth figure of a BENCH line of LOG.
field() { sed -n "s/^BENCH $1 //p" "$2" | tr -d '\r' | awk -v f="$3" '{ print $f }'; }
# first user instruction on the bare board: its counter from power-on, in ns
bare_first() { field first_user_insn_cntvct "$1" 1 | awk -v hz="$(field first_user_insn_cntvct "$1" 2)" '{ printf "%.0f", $1 * 1000000000 / hz }'; }
printf "%-44s %12s %12s %8s\n" "" "bare" "cell" "ratio"
# side LABEL BARE CELL
side() {
	printf "%-44s %12s %12s %8s\n" "$1" "$2" "$3" \
		"$(awk -v b="$2" -v c="$3" 'BEGIN { if (b > 0) printf "%.3fx", c / b; else print "-" }')"
}
side "to first userspace instruction (-icount)" "$(bare_first "$log.bare")" \
	"$(val linux_cell_first_user_insn_ns)"
side "to first userspace instruction (wall, us)" \
	"$(($(bare_first "$log.bare.wall") / 1000))" "$(($(val linux_cell_first_user_insn_ns "$log.wall") / 1000))"
side "CPU-bound program, elapsed (-icount)" "$(field cpu_bound_ns "$log.bare" 1)" \
	"$(field linux_cell_cpu_bound_ns "$log" 1)"
side "CPU-bound program, elapsed (wall, us)" "$(($(field cpu_bound_ns "$log.bare.wall" 1) / 1000))" \
	"$(($(field linux_cell_cpu_bound_ns "$log.wall" 1) / 1000))"
printf "%-44s %12s %12s %8s\n" "" "root" "cell" "ratio"
side "CPU-bound program, elapsed (-icount)" "$(field root_cpu_bound_ns "$log" 1)" \
	"$(field linux_cell_cpu_bound_ns "$log" 1)"
side "CPU-bound program, elapsed (wall, us)" "$(($(field root_cpu_bound_ns "$log.wall" 1) / 1000))" \
	"$(($(field linux_cell_cpu_bound_ns "$log.wall" 1) / 1000))"
checksums=$(for f in "$log" "$log.wall"; do field linux_cell_cpu_bound_ns "$f" 3; field root_cpu_bound_ns "$f" 3; done;
	field cpu_bound_ns "$log.bare" 3; field cpu_bound_ns "$log.bare.wall" 3)
echo "(the program's result in all six runs: $(echo "$checksums" | sort -u | tr '\n' ' ')- one value means"
echo " they all did the same work)"

echo
scripts/bench-pc.sh
