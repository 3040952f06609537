#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# First boot of tests/system/run-bringup.sh (not a test group: the host
# judges what it prints). The board as a user finds it: hvctl hardware check,
# then hvctl config create; the generated config goes to the console between
# markers for the host to compile.
cd /bulkhead
hvctl hardware check
echo "BRINGUP: hardware check exit $?"
hvctl config create --name qemu-virt-linux -o /tmp/generated.dts 2> /tmp/notes
status=$?
sed 's/^/BRINGUP-NOTE: /' /tmp/notes
echo "BRINGUP: config create exit $status"
echo "BRINGUP: config begin"
cat /tmp/generated.dts
echo "BRINGUP: config end"
sleep 1
