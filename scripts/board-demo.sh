#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What "make demo" shows on the board: the hypervisor takes over the running
# Linux, reports every CPU at EL2 with the root under stage 2, carves two
# cells out of it that run bare-metal inmates (one with the board's RTC and
# its interrupt), stops a misbehaving one, runs a timer-latency and an SMP
# inmate with their own interrupts, boots Debian's kernel in a Linux cell,
# restarts a hung cell and rolls back a bad update without the root's help,
# and gives the machine back.
say() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}
echo
echo "=== Bulkhead demo: Linux $(uname -r) is running on $(grep -c ^processor /proc/cpuinfo) CPUs"
say hvctl enable configs/qemu-virt.cell
say hvctl info
say cat /sys/devices/bulkhead/cells/0/name /sys/devices/bulkhead/mem_pool_used
say hvctl console
echo
echo "=== The root cell cannot read the hypervisor's memory: a kernel module that tries"
echo "=== takes an external abort (its insmod dies), Linux and the hypervisor carry on:"
say insmod /bulkhead/bulkhead_probe_read.ko addr=0x70000000
say sh -c 'hvctl console | tail -n 1'
echo
echo "=== A cell: CPU 1 and 1 MiB leave Linux for a bare-metal inmate:"
say hvctl cell create configs/qemu-virt-hello.cell
say hvctl cell load hello inmates/hello.bin -s "count=5 interval-ms=50"
say hvctl cell start hello
say cat /sys/devices/system/cpu/online
sleep 1
say hvctl console hello
echo
echo "=== A second cell gets the board's PL031 RTC; Linux's driver lets go of it:"
say hvctl cell create configs/qemu-virt-rtc.cell
say hvctl cell load rtc-demo inmates/rtc.bin
say hvctl cell start rtc-demo
sleep 2
say hvctl console rtc-demo
say hvctl cell list
echo
echo "=== An inmate that reaches for Linux's RAM is stopped; the others carry on:"
say hvctl cell shutdown hello
say hvctl cell load hello inmates/misbehave.bin -s "action=read addr=0x40000000"
say hvctl cell start hello
sleep 1
say hvctl cell list
say sh -c 'hvctl console hello | tail -n 2'
echo
echo "=== Destroy gives CPUs, memory and the RTC back to Linux:"
say hvctl cell destroy hello
say hvctl cell destroy rtc-demo
echo
echo "=== Interrupts: a timer-latency inmate on CPU 1, an SMP inmate pinging IPIs on CPUs 2-3:"
say hvctl cell create configs/qemu-virt-latency.cell
say hvctl cell load latency inmates/timer-latency.bin -s "samples=500 period-us=1000"
say hvctl cell start latency
say hvctl cell create configs/qemu-virt-smp.cell
say hvctl cell load smp inmates/smp.bin -s "rounds=500"
say hvctl cell start smp
sleep 2
say sh -c 'hvctl console latency | tail -n 3'
say sh -c 'hvctl console smp | tail -n 2'
say hvctl cell stats smp --once
say hvctl cell destroy latency
say hvctl cell destroy smp
echo
echo "=== Channels: shared memory plus doorbells, as the system config's policy allows."
echo "=== An echo cell serves the root through channel root-echo; chan-a and chan-b talk"
echo "=== through channel a-b, whose memory Linux no longer sees:"
say hvctl cell create configs/qemu-virt-echo.cell
say hvctl cell load echo inmates/channel.bin -s "channel=root-echo role=echo"
say hvctl cell start echo
say chantest ping root-echo 200
say chantest bulk root-echo 1048576 262144
say hvctl cell create configs/qemu-virt-chan-b.cell
say hvctl cell load chan-b inmates/channel.bin -s "channel=a-b role=echo"
say hvctl cell start chan-b
say hvctl cell create configs/qemu-virt-chan-a.cell
say hvctl cell load chan-a inmates/channel.bin -s "channel=a-b role=initiator rounds=200 bytes=1048576"
say hvctl cell start chan-a
n=0
while [ $n -lt 100 ] && ! hvctl console chan-a | grep -q "a-b: done"; do sleep 0.2; n=$((n + 1)); done
say sh -c 'hvctl console chan-a | grep -E "ping-pong|copy|crc|baseline"'
say hvctl channel list
echo "=== A cell asking for a channel the policy does not allow is refused:"
say hvctl cell create tests/chan-bad-policy.cell
echo "=== chan-b fails; chan-a is told and keeps running:"
say hvctl cell shutdown chan-b
say hvctl cell load chan-b inmates/misbehave.bin -s "action=read addr=0x40000000"
say hvctl cell start chan-b
sleep 1
say sh -c 'hvctl console chan-a | tail -n 3'
say hvctl cell list
say hvctl cell destroy chan-a
say hvctl cell destroy chan-b
say hvctl cell destroy echo
echo
echo "=== Debian's own arm64 kernel, the very Image the root runs, boots in a 2-CPU cell"
echo "=== beside the root, with a device tree hvctl generates from the cell's config:"
say hvctl cell create configs/qemu-virt-linux-cell.cell
say hvctl cell load linux /bulkhead/linux/Image --initrd /bulkhead/linux/initramfs.cpio.gz \
	--cmdline "console=ttyAMA0 quiet"
say hvctl cell start linux
n=0
while [ $n -lt 600 ] && ! hvctl console linux | grep -q "linux-cell: ready"; do
	sleep 0.2
	n=$((n + 1))
done
say hvctl console linux --send 'uname -sr; grep -c ^processor /proc/cpuinfo; dmesg | grep GICv3: | head -n 3\n'
sleep 3
say hvctl console linux
echo "=== hvctl cell shutdown presses the cell's power button; its Linux powers off:"
say hvctl cell shutdown linux
say sh -c 'hvctl console linux | tail -n 4'
say hvctl cell destroy linux
echo
echo "=== Resilience: cell \"health\" must feed a 100 ms heartbeat watchdog. Its inmate feeds"
echo "=== it 5 times and hangs; the hypervisor restarts it by itself from the pristine copy of"
echo "=== its images (3 times a minute at most, after 20, 40, 80 ms), then stops it for good:"
say hvctl cell create tests/health.cell
say hvctl cell load health inmates/heartbeat.bin -s "beats=5 then=hang"
say hvctl cell start health
n=0
while [ $n -lt 50 ] && ! hvctl console health | grep -q "stopped"; do sleep 0.2; n=$((n + 1)); done
say sh -c 'hvctl console health | grep -E "boot data|expired|restarted|stopped" | cut -c1-100'
say hvctl cell list
say hvctl events --json
say hvctl cell destroy health
echo
echo "=== A/B update: new images run on probation (2 s, watchdog fed); ones that starve their"
echo "=== watchdog are rolled back by the hypervisor, good ones are committed:"
say hvctl cell create tests/update-watchdog.cell
say hvctl cell load update inmates/heartbeat.bin -s then=feed
say hvctl cell start update
say hvctl cell update update inmates/heartbeat.bin -s "beats=3 then=hang"
n=0
while [ $n -lt 50 ] && ! hvctl console update | grep -q "rolled back"; do sleep 0.2; n=$((n + 1)); done
say hvctl cell update --status update
say hvctl cell update update inmates/heartbeat.bin -s "then=feed period-ms=20"
n=0
while [ $n -lt 50 ] && ! hvctl console update | grep -q "committed"; do sleep 0.2; n=$((n + 1)); done
say hvctl cell update --status update
say hvctl cell destroy update
say cat /sys/devices/system/cpu/online
say sh -c 'cat /sys/class/rtc/rtc*/since_epoch'
say hvctl disable
say cat /sys/devices/bulkhead/enabled
echo
echo "=== Demo done. 'make run' gives an interactive shell on the board."
