#!/bin/sh
hvctl enable configs/qemu-virt.cell; echo "rc=$?"
hvctl info
hvctl console | tail -20
hvctl disable; echo "rc=$?"
dmesg | grep bulkhead
