#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by bench.sh (make bench): from a fault to the restarted program's first
# instruction, the hypervisor restarting the cell by itself (on-failure =
# "restart", no back-off). Under -icount shift=0 the counter's ns are
# instructions. Each figure is a difference of counter ticks:
#   fault   the hypervisor's first look at the faulting exit ("CPU n stopped:
#           ... at tick F", a few dozen instructions after the faulting load)
#   resume  its last step before the cell runs again ("restarted ... resumes
#           at tick E": scrub, images back, reset done; the eret follows)
#   entry   the bare-metal inmate's first instruction (heartbeat.bin prints
#           inmate_boot_ticks, the counter its entry code read first)
#   user    the restarted Linux's first user-space instruction (bootstamp)
cd /bulkhead

# console_line CELL PATTERN [N]: the Nth (default 1st) line of the cell's console
# matching PATTERN, waiting up to 120 s for it.
console_line() {
	n=0
	while [ $n -lt 1200 ]; do
		line=$(hvctl console "$1" 2>/dev/null | grep -E "$2" | sed -n "${3:-1}p")
		[ -n "$line" ] && echo "$line" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	echo "BENCH-FAILED $1: $(hvctl console "$1" 2>&1 | tail -n 1)" >&2
}

# tick PATTERN LINE: the number after PATTERN in LINE.
tick() {
	echo "$2" | sed -n "s/.*$1 \([0-9]*\).*/\1/p"
}

# ns TICKS FREQ
ns() {
	awk -v t="$1" -v f="$2" 'BEGIN { if (t != "" && f > 0) printf "%.0f", t * 1000000000 / f }'
}

hvctl enable configs/qemu-virt.cell > /dev/null

# A bare-metal inmate (1 CPU, 1 MiB, 64 KiB image store) that faults at once.
hvctl cell create tests/health-loop.cell > /dev/null &&
hvctl cell load loop inmates/heartbeat.bin -s "beats=0 then=fault" > /dev/null &&
hvctl cell start loop > /dev/null
booted=$(console_line loop "heartbeat: boot" 2)
fault=$(tick "at tick" "$(console_line loop "stopped: .* at tick")")
resumed=$(tick "resumes at tick" "$(console_line loop "restarted after a fault")")
freq=$(tick freq "$booted")
echo "BENCH restart_inmate_fault_to_resume_ns $(ns $((resumed - fault)) "$freq")"
echo "BENCH restart_inmate_fault_to_entry_ns $(ns $(($(tick at "$booted") - fault)) "$freq")"
hvctl cell destroy loop > /dev/null

# The Linux cell (2 CPUs, 256 MiB scrubbed, kernel + initramfs + DTB put back):
# a devmem of the root's RTC faults it.
hvctl cell create tests/linux-restart.cell > /dev/null &&
hvctl cell load linux /bulkhead/linux/Image --initrd /bulkhead/linux/initramfs.cpio.gz \
	--cmdline "console=ttyAMA0 quiet" > /dev/null &&
hvctl cell start linux > /dev/null
console_line linux "linux-cell: ready" > /dev/null
hvctl console linux --send 'devmem 0x09010000\n' > /dev/null
fault=$(tick "at tick" "$(console_line linux "stopped: .* at tick")")
resumed=$(tick "resumes at tick" "$(console_line linux "restarted after a fault")")
user=$(console_line linux "^BENCH first_user_insn_cntvct" 2)
freq=$(echo "$user" | awk '{ print $4 }')
echo "BENCH restart_linux_fault_to_resume_ns $(ns $((resumed - fault)) "$freq")"
echo "BENCH restart_linux_fault_to_user_ns $(ns $(($(echo "$user" | awk '{ print $3 }') - fault)) "$freq")"
hvctl cell destroy linux > /dev/null
hvctl disable > /dev/null
