#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by "make bench" on the emulated PC (clock sync=none: the TSC follows
# executed instructions): enable and disable cost and the sysfs read with a
# hypercall against one without (hvbench), then the raw VMCALL round trip and
# a trapped store to the local APIC in TSC ticks, from the root kernel
# (bulkhead_probe_vmcall.ko).
. /bulkhead/tests/lib.sh
cd /bulkhead
# The figures go out at the end, once the hypervisor has said its last line:
# its console shares the serial line with Linux's and would split theirs.
{
	sed -n "s/^cpu MHz[^0-9]*\([0-9]*\)\.\([0-9]\{3\}\).*/BENCH tsc_khz \1\2/p" /proc/cpuinfo |
		head -n 1
	hvbench "$BOARD_CONFIG" 2000
	if hvctl enable "$BOARD_CONFIG" > /tmp/out 2>&1; then
		probe_log vmcall count=1000 > /tmp/vmcall
		sed -n 's/^vmcall version [0-9a-fx]* min \([0-9]*\) avg \([0-9]*\) baseline min \([0-9]*\) avg \([0-9]*\) .*/BENCH vmcall_ticks \1 \2 \3 \4/p' \
			/tmp/vmcall
		sed -n 's/^apic \([a-z0-9]*\) store min \([0-9]*\) avg \([0-9]*\) load min \([0-9]*\) avg \([0-9]*\) .*/BENCH apic_ticks \2 \3 \4 \5 \1/p' \
			/tmp/vmcall
		hvctl disable > /dev/null
	else
		echo "BENCH-FAILED enable: $(cat /tmp/out)"
	fi
} > /tmp/bench 2>&1
sleep 1
cat /tmp/bench
