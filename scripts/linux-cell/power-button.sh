#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# acpid's action for the power button (PWRF, KEY_POWER): hvctl cell shutdown pressed it.
echo "linux-cell: power button pressed; powering off"
poweroff
