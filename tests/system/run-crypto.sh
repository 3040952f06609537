#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The hypervisor's crypto objects themselves (sha256.o with arch/arm64/
# sha256-ce.o, sha512.o, ed25519.o) on the bare board's CPU, which the host's
# unit tests cannot run: inmates/tests/arm64/cryptobench.c checks SHA-256 of
# "abc" and of 1 MiB (digest from Python's hashlib), the SHA-256 instructions
# against the C rounds, a valid and a forged RFC 8032 signature. One check;
# prints a PASS/FAIL line and "system: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
mkdir -p build
log=build/crypto.log
if ! make -s -C inmates bare > "$log" 2>&1; then
	echo "FAIL: the bare-board crypto program did not build (see $log)"
	echo "system: 0 passed, 1 failed"
	exit 1
fi
scripts/bare-board.sh -c -t 120 -u "^cryptobench:" inmates/demos/arm64/bare/cryptobench.bin \
	> "$log" 2>&1
result=$(tr -d '\r' < "$log" | grep "^cryptobench:" | tail -n 1)
case $result in
"cryptobench: sha256 1 MiB"*)
	echo "PASS: the hypervisor's SHA-256 (instructions and C), SHA-512, Ed25519 on the board's CPU"
	echo "system: 1 passed, 0 failed" ;;
*)
	echo "FAIL: crypto on the board's CPU: ${result:-no result} (see $log)"
	echo "system: 0 passed, 1 failed"
	exit 1 ;;
esac
