#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Second boot of tests/system/run-bringup.sh: the config hvctl config create
# wrote on the first boot, compiled on the host, checked against this machine,
# enabled, and the demo cells run on it: hello on the config as generated,
# echo on it with the channel board-bringup.md shows how to add.
cd /bulkhead
gen=/bulkhead/generated
# say WHAT COMMAND...: runs it, then "BRINGUP: WHAT exit STATUS".
say() {
	what=$1
	shift
	"$@"
	echo "BRINGUP: $what exit $?"
}
hvctl hardware check $gen/generated.cell
echo "BRINGUP: hardware check with config exit $?"
say "enable" hvctl enable $gen/generated.cell
say "cell create" hvctl cell create configs/qemu-virt-hello.cell
say "cell load" hvctl cell load hello inmates/hello.bin -s "count=3 interval-ms=50"
say "cell start" hvctl cell start hello
sleep 1
hvctl console hello | grep -q "^Hello from cell hello" && echo "BRINGUP: hello greeted"
say "cell destroy" hvctl cell destroy hello
say "disable" hvctl disable
say "enable" hvctl enable $gen/generated-echo.cell
say "cell create" hvctl cell create configs/qemu-virt-echo.cell
say "cell load" hvctl cell load echo inmates/channel.bin -s "channel=root-echo role=echo"
say "cell start" hvctl cell start echo
chantest ping root-echo 20 | grep "ping-pong 20 rounds" && echo "BRINGUP: echo answered"
say "cell destroy" hvctl cell destroy echo
say "disable" hvctl disable
sleep 1
