#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Booted with a hypervisor image built with TEST_FAULTS=1 (by
# tests/system/run-faults.sh): the root asks it for the exception at EL2
# that bulkhead.fault=KIND names. The hypervisor's report and the machine's
# stop are checked on the host, in the serial log: after a correct stop,
# nothing here runs on.
cd /bulkhead
kind=$(sed -n 's/.*bulkhead\.fault=\([0-9]*\).*/\1/p' /proc/cmdline)
hvctl enable configs/qemu-virt.cell > /dev/null 2>&1 || echo "FAULT-TEST: enable failed"
echo "FAULT-TEST: asking for fault $kind"
insmod /bulkhead/bulkhead_probe_call.ko fn=0xc600fff0 a1="$kind" tag=1
sleep 2
echo "FAULT-TEST: the machine is still running"
