#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bash completion of hvctl and bulkhead-cellc as a person gets it: source
# tools/bash-completion/hvctl, set COMP_WORDS and COMP_CWORD as bash does
# for a <Tab>, call the completion function and compare COMPREPLY. Cells and
# channels come from a fake sysfs tree (HVCTL_CELLS_DIR). test_hvctl_doc.c
# runs it; it prints a line per check and exits 1 if any failed.
#
#   completion-test.sh TOP_DIR
set -u
top=$(cd "$1" && pwd)
hvctl=$top/tools/hvctl
cellc=$top/tools/bulkhead-cellc
. "$top/tools/bash-completion/hvctl"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work"
cd "$tmp/work" || exit 1
touch sys.cell other.cell board.dts board.dtb notes.txt
mkdir configs

# cell ID NAME STATE CPUS [CHANNEL...]: a cell directory as the driver makes it,
# with a line of its channels file per CHANNEL.
cell() {
	local dir=$tmp/cells/$1 file
	mkdir -p "$dir"
	printf '%s\n' "$2" > "$dir/name"
	printf '%s\n' "$3" > "$dir/state"
	printf '%s\n' "$4" > "$dir/cpus"
	shift 4
	: > "$dir/channels"
	(($# == 0)) || printf '%s\n' "$@" > "$dir/channels"
	for file in failed_cpus reason loadable; do
		: > "$dir/$file"
	done
	for file in restarts watchdog_expiries faults rollbacks updates; do
		echo 0 > "$dir/$file"
	done
}
counters="sent=0 received=0 events=0"
cell 0 qemu-virt-linux running 0 "root-echo echo up rw+ring 0x7e000000+0x100000 irq=240 $counters"
cell 1 echo running 1 \
	"root-echo qemu-virt-linux up rw+ring 0x7e000000+0x100000 irq=241 $counters" \
	"a-b b absent rw 0x7e100000+0x1000 irq=0 $counters"
cell 2 'my cell' shut-down 2
export HVCTL_CELLS_DIR=$tmp/cells

passed=0
failed=0

# expect FUNCTION "CANDIDATE,..." WORD...: <Tab> after the WORDs (the last one
# being completed) offers exactly the CANDIDATEs (in any order; as bash inserts them).
expect() {
	local func=$1 want=$2 got
	shift 2
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	"$func"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | paste -sd,)
	want=$(printf '%s\n' "$want" | tr , '\n' | sed '/^$/d' | sort -u | paste -sd,)
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1))
		echo "ok: ${*:2} -> $got"
	else
		failed=$((failed + 1))
		echo "FAIL: ${*:2}<Tab>: expected '$want', got '$got'"
	fi
}

# The commands, as 'hvctl --help' lists them: completion must offer each; and
# the options every command takes (its "Global options"), offered with each.
commands=$("$hvctl" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\).*/\1/p' |
	sort -u | paste -sd,)
global=$("$hvctl" --help | sed -n '/^Global options/,/^$/s/^ .*\(--[a-z-]*\).*/\1/p' |
	paste -sd,)
expect _hvctl "$commands" "$hvctl" ''
expect _hvctl "$(tr , '\n' <<< "$commands" | grep '^c' | paste -sd,)" "$hvctl" c
expect _hvctl "--help,--version,$global" "$hvctl" -
expect _hvctl "start,stats" "$hvctl" cell st
expect _hvctl "" "$hvctl" bogus ''
# Options per command; a value option's value is not an option.
expect _hvctl "--once,--json,--interval,--help,$global" "$hvctl" cell stats -
expect _hvctl "" "$hvctl" cell stats hello --interval ''
expect _hvctl "--follow,--attach,--send,--help,$global" "$hvctl" console -
# Cell names from sysfs, a name with a space quoted as bash needs it.
expect _hvctl 'qemu-virt-linux,echo,my\ cell' "$hvctl" cell start ''
expect _hvctl "echo" "$hvctl" cell destroy e
expect _hvctl 'my\ cell' "$hvctl" console --follow m
# Channels of the root cell only (a-b is between other cells).
expect _hvctl "root-echo" "$hvctl" channel ring ''
expect _hvctl "root-echo" "$hvctl" channel wait -t 10 r
# Config files: .cell (and directories) for a config, any file for an image.
expect _hvctl "configs,other.cell,sys.cell" "$hvctl" enable ''
expect _hvctl "sys.cell" "$hvctl" cell create sy
expect _hvctl 'qemu-virt-linux,echo,my\ cell,configs,other.cell,sys.cell' "$hvctl" cell dtb ''
expect _hvctl "board.dtb,board.dts,configs,notes.txt,other.cell,sys.cell" "$hvctl" \
	cell load echo ''
expect _hvctl "board.dtb,board.dts" "$hvctl" cell load echo img --dtb boa
expect _hvctl "" "$hvctl" cell load echo img -s ''
expect _hvctl "" "$hvctl" cell start echo ''
# Before enable there are no cells (no sysfs tree); nothing is offered, nothing printed.
HVCTL_CELLS_DIR=$tmp/none expect _hvctl "" "$hvctl" cell start ''

# bulkhead-cellc: its options from --help, sources, and what each option's value is.
expect _bulkhead_cellc "--output,--include,--help,--version" "$cellc" -
expect _bulkhead_cellc "board.dtb,board.dts,configs" "$cellc" ''
expect _bulkhead_cellc "board.dtb,board.dts,configs,notes.txt,other.cell,sys.cell" "$cellc" -o ''
expect _bulkhead_cellc "configs" "$cellc" --include ''

echo "completion: $passed passed, $failed failed"
[ "$failed" = 0 ]
