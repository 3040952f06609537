#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The hypervisor's trace end to end (Documentation/tracing.md): known work in
# a cell shows up in tracefs as exactly that many bulkhead:hv_* records, with
# plausible times, in agreement with the exit counters; one class gets only
# that class, an untraced cell nothing; switching under load loses nothing
# that is not reported lost.
. /bulkhead/tests/lib.sh
plan 27
cd /bulkhead
inmates=/bulkhead/inmates
T=/sys/kernel/tracing

check "enable for tracing" hvctl enable configs/qemu-virt.cell
pool_start=$(pool_used)
grep -q " $T tracefs " /proc/mounts || mount -t tracefs tracefs $T
# Large enough for every phase: a record tracefs overwrote would spoil the counts.
echo 16384 > $T/buffer_size_kb
# An oops of the root kernel earlier in the boot (the probes' injected aborts) stops tracing.
echo 1 > $T/tracing_on
echo 1 > $T/events/bulkhead/enable
[ -d $T/events/bulkhead/hv_exit ] && [ "$(cat $T/events/bulkhead/hv_exit/enable)" = 1 ] &&
	pass "tracefs has the bulkhead events, enabled" ||
	fail "tracefs has the bulkhead events, enabled" "$(ls $T/events/bulkhead 2>&1 | tr '\n' ' ')"

# run CONFIG CELL CMDLINE: create, load hypercalls.bin (or IMAGE), start.
load() {
	hvctl cell create "$1" > /dev/null 2>&1 &&
	hvctl cell load "$2" "$inmates/${4:-hypercalls.bin}" -s "$3" > /dev/null 2>&1
}

# trace_begin: an empty trace buffer.
trace_begin() {
	echo > $T/trace
}

# trace_end FILE: drains the rings (hvctl trace status reads them up to now),
# then saves the trace text in FILE and the status (JSON) in FILE.status.
trace_end() {
	hvctl trace status --json > "$1.status" 2>&1
	cat $T/trace > "$1"
}

# tracefs_overrun: events tracefs itself had to overwrite, all CPUs.
tracefs_overrun() {
	cat $T/per_cpu/cpu*/stats | awk '/^overrun:/ { n += $2 } END { print n + 0 }'
}

# records EVENT FILE [KEY=VALUE...]: the "key=value ..." text of FILE's EVENT
# records whose fields have all the given values, in trace order.
records() {
	event=$1
	file=$2
	shift 2
	sed -n "s/.* $event: //p" "$file" | awk -v want="$*" '
		BEGIN { n = split(want, w, " ") }
		{ for (i = 1; i <= n; i++) if (index(" " $0 " ", " " w[i] " ") == 0) next; print }'
}

# count EVENT FILE [KEY=VALUE...]: how many records records() gives.
count() {
	records "$@" | wc -l
}

# values KEY: the values of field KEY in the records on stdin, one a line.
values() {
	awk -v k="$1" '{ for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }'
}

# A hypercall record's detail (0x hex: x1's low 32 bits, then the code's 32):
# code(d) and x1(d) in awk, exact (a double does not hold all 64 bits).
HC='function hex(s,  v, i) { v = 0
	for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v }
function low(d) { sub(/^0x/, "", d); return length(d) > 8 ? substr(d, length(d) - 7) : d }
function high(d) { sub(/^0x/, "", d); return length(d) > 8 ? substr(d, 1, length(d) - 8) : "0" }
function code(d) { return hex(low(d)) }
function x1(d) { return hex(high(d)) }'

# calls CODE: how many of the hypercall records on stdin have Bulkhead code CODE.
calls() {
	values detail | awk -v want="$1" "$HC"' code($1) == want { n++ } END { print n + 0 }'
}

# within MIN MAX: every number on stdin lies in [MIN, MAX]; prints the first that does not.
within() {
	awk -v lo="$1" -v hi="$2" '$1 < lo || $1 > hi { print; bad = 1; exit } END { exit bad }'
}

# counters CELL CPU: its exit counters, "total hypercall mmio psci sysreg".
counters() {
	for name in total hypercall mmio psci sysreg; do
		printf "%s " "$(cell_stat "$1" "$2" $name)"
	done
}

# lost_in_status FILE CPU: the records of CPU lost, from hvctl trace status --json in FILE.
lost_in_status() {
	tr '{' '\n' < "$1" | grep "\"cpu\": *$2[,}]" | sed -n 's/.*"lost": *\([0-9]*\).*/\1/p'
}

echo "--- a cell's hypercalls and trapped reads, counted exactly"
load configs/qemu-virt-latency.cell latency "calls=1000 mmio=100"
id=$(cell_id latency)
cpu=$(cell_file "$id" cpus)
# A neighbour doing the same, untraced, on CPU 2.
load tests/chan-logger.cell logger "calls=1000"
other=$(cell_id logger)
check "trace on for one cell, class exit" hvctl trace on latency --class exit --pages 64
before=$(counters latency "$cpu")
trace_begin
hvctl cell start logger > /dev/null 2>&1
hvctl cell start latency > /dev/null 2>&1
wait_console latency "^hypercalls: calls 0000001000 mmio 0000000100" 30 &&
	wait_console logger "^hypercalls: calls 0000001000" 30
after=$(counters latency "$cpu")
trace_end /tmp/exits
records hv_exit /tmp/exits cell=$id > /tmp/exits.cell
# Counter deltas, "total hypercall mmio psci sysreg", and the same from the trace.
delta=$(echo "$before $after" | awk '{ for (i = 1; i <= 5; i++) printf "%s ", $(i + 5) - $i }')
traced="$(wc -l < /tmp/exits.cell) $(grep -c "reason=hypercall" /tmp/exits.cell) \
$(grep -c "reason=mmio" /tmp/exits.cell) $(grep -c "reason=psci" /tmp/exits.cell) \
$(grep -c "reason=sysreg" /tmp/exits.cell) "
get_info=$(grep "reason=hypercall" /tmp/exits.cell | calls 1)
console=$(grep "reason=hypercall" /tmp/exits.cell | calls 9)
[ "$get_info" = 1000 ] && pass "1000 GET_INFO hypercalls: exactly 1000 hv_exit records" ||
	fail "1000 GET_INFO hypercalls: exactly 1000 hv_exit records" "$get_info; $(head -3 /tmp/exits.cell)"
[ "$console" = 8 ] && pass "its 64-character line: exactly 8 console hypercalls" ||
	fail "its 64-character line: exactly 8 console hypercalls" "$console"
mmio=$(grep "reason=mmio" /tmp/exits.cell | values detail | sort | uniq -c | tr -s ' \n' '  ')
[ "$mmio" = " 100 0x8000004 " ] &&
	pass "100 distributor reads: exactly 100 mmio exits, at GICD_TYPER" ||
	fail "100 distributor reads: exactly 100 mmio exits, at GICD_TYPER" "count, detail: '$mmio'"
[ "$delta" = "$traced" ] && [ "${delta%% *}" -gt 1100 ] &&
	pass "trace and counters agree: all, hypercall, mmio, psci, sysreg ($traced)" ||
	fail "trace and counters agree" "counters $delta, trace $traced"
lost=$(lost_in_status /tmp/exits.status "$cpu")
[ "$lost" = 0 ] && [ "$(tracefs_overrun)" = 0 ] && pass "nothing lost, nothing overwritten by tracefs" ||
	fail "nothing lost, nothing overwritten by tracefs" "lost '$lost', tracefs overrun $(tracefs_overrun)"
values duration_ns < /tmp/exits.cell > /tmp/durations
[ -s /tmp/durations ] && within 1 10000000 < /tmp/durations > /tmp/bad &&
	pass "every exit took more than 0 and less than 10 ms" ||
	fail "every exit took more than 0 and less than 10 ms" "$(cat /tmp/bad)"
[ "$(values cpu < /tmp/exits.cell | sort -u)" = "$cpu" ] && pass "all on the cell's CPU $cpu" ||
	fail "all on the cell's CPU $cpu" "$(values cpu < /tmp/exits.cell | sort -u | tr '\n' ' ')"
n=$(($(count hv_virq /tmp/exits cell=$id) + $(count hv_cell /tmp/exits cell=$id) +
     $(count hv_doorbell /tmp/exits cell=$id)))
[ "$n" = 0 ] && pass "class exit only: no virq, cell or doorbell records" ||
	fail "class exit only: no virq, cell or doorbell records" "$n of them"
calls_other=$(cell_stat logger 2 hypercall)
n=$(grep -cE " hv_[a-z]+: cell=$other " /tmp/exits)
is_number "$calls_other" && [ "$calls_other" -ge 1008 ] && [ "$n" = 0 ] &&
	pass "the untraced neighbour's $calls_other hypercalls never appear" ||
	fail "the untraced neighbour's hypercalls never appear" "$n records of cell $other, its counter '$calls_other'"
hvctl cell destroy logger > /dev/null 2>&1
hvctl cell destroy latency > /dev/null 2>&1
check "trace off" hvctl trace off

echo "--- a timer cell: every deadline one virtual interrupt"
samples=200
period_us=2000
load configs/qemu-virt-latency.cell latency "samples=$samples period-us=$period_us" timer-latency.bin
id=$(cell_id latency)
hvctl trace on latency --class virq > /dev/null 2>&1
trace_begin
hvctl cell start latency > /dev/null 2>&1
wait_console latency "^latency: samples" 30
trace_end /tmp/virq
records hv_virq /tmp/virq cell=$id > /tmp/virq.cell
n=$(grep -c "intid=27 " /tmp/virq.cell)
[ "$n" = $samples ] && [ "$(wc -l < /tmp/virq.cell)" = $samples ] &&
	pass "$samples deadlines: exactly $samples hv_virq, all INTID 27" ||
	fail "$samples deadlines: exactly $samples hv_virq, all INTID 27" "$n of $(wc -l < /tmp/virq.cell)"
# The inmate measures from the deadline to its handler, after the injection the trace times.
own_max=$(hvctl console latency | sed -n 's/^latency: samples .* max \([0-9]*\) ns$/\1/p')
values latency_ns < /tmp/virq.cell > /tmp/latencies
is_number "$own_max" && [ -s /tmp/latencies ] && within 1 "$own_max" < /tmp/latencies > /tmp/bad &&
	pass "every latency above 0 and within the inmate's own maximum ($own_max ns)" ||
	fail "every latency above 0 and within the inmate's own maximum" "'$own_max': $(cat /tmp/bad)"
spacing=$(values time_ns < /tmp/virq.cell | awk 'NR > 1 { print $1 - prev } { prev = $1 }' | sort -n |
	awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] + 0 }')
[ "$spacing" -ge $((period_us * 900)) ] && [ "$spacing" -le $((period_us * 1100)) ] &&
	pass "spaced by the period: median $spacing ns for $period_us us" ||
	fail "spaced by the period" "median $spacing ns for $period_us us"
n=$(count hv_exit /tmp/virq cell=$id)
[ "$n" = 0 ] && pass "class virq only: no exit records" || fail "class virq only: no exit records" "$n"
hvctl cell destroy latency > /dev/null 2>&1
hvctl trace off > /dev/null 2>&1

echo "--- doorbells: N pings, N rings back"
rounds=200
load configs/qemu-virt-echo.cell echo "channel=root-echo role=echo" channel.bin
hvctl cell start echo > /dev/null 2>&1
id=$(cell_id echo)
# One round first: the echo cell serves, its start-up ring is taken.
chantest ping root-echo 1 > /dev/null 2>&1
hvctl trace on echo --class doorbell > /dev/null 2>&1
received=$(hvctl channel info root-echo | sed -n 's/^rings received: //p')
irqs=$(irq_count bulkhead-channel-root-echo)
trace_begin
chantest ping root-echo $rounds > /dev/null 2>&1
irqs=$(($(irq_count bulkhead-channel-root-echo) - irqs))
received=$(($(hvctl channel info root-echo | sed -n 's/^rings received: //p') - received))
trace_end /tmp/doorbell
n=$(count hv_doorbell /tmp/doorbell cell=$id)
ok=$(count hv_doorbell /tmp/doorbell cell=$id peer=0 result=0)
[ "$n" = $rounds ] && [ "$ok" = $rounds ] && [ "$received" = $rounds ] &&
	pass "$rounds answers: exactly $rounds hv_doorbell to the root, result 0, as it counted" ||
	fail "$rounds answers: exactly $rounds hv_doorbell to the root" \
		"$n records, $ok to the root with result 0, root received $received"
n=$(count drv_doorbell /tmp/doorbell cell=$id)
[ "$n" = "$irqs" ] && [ "$n" -ge 1 ] &&
	pass "root side: one drv_doorbell per doorbell interrupt ($n)" ||
	fail "root side: one drv_doorbell per doorbell interrupt" "$n records, $irqs interrupts"
records drv_doorbell_wake /tmp/doorbell cell=$id | values latency_ns > /tmp/wakes
[ -s /tmp/wakes ] && [ "$(wc -l < /tmp/wakes)" -le "$n" ] && within 1 1000000000 < /tmp/wakes > /tmp/bad &&
	pass "the reader's wake-ups, each after its interrupt" ||
	fail "the reader's wake-ups, each after its interrupt" "$(wc -l < /tmp/wakes) wakes: $(cat /tmp/bad)"
hvctl cell destroy echo > /dev/null 2>&1
hvctl trace off > /dev/null 2>&1

# busy_cell CMDLINE PAGES: cell latency runs hypercalls.bin with CMDLINE, its
# exits traced from its start in rings of PAGES; sets id, cpu and before (its
# exit counter at the start), the trace empty.
busy_cell() {
	load configs/qemu-virt-latency.cell latency "$1"
	id=$(cell_id latency)
	cpu=$(cell_file "$id" cpus)
	hvctl trace on latency --class exit --pages "$2" > /dev/null 2>&1
	before=$(cell_stat latency "$cpu" total)
	trace_begin
	hvctl cell start latency > /dev/null 2>&1
}

echo "--- switching under load: what is not traced is reported lost"
# Small rings (one page: 127 records) and a cell that exits as fast as it
# can: the drain cannot keep up, and every record it missed must be counted.
busy_cell "calls=2000 rounds=100 pause-ms=5" 1
switches=0
while ! hvctl console latency | grep -q "^hypercalls:" && [ $switches -lt 400 ]; do
	hvctl trace on latency --class exit,virq > /dev/null 2>&1
	hvctl trace on latency --class exit > /dev/null 2>&1
	switches=$((switches + 2))
done
wait_console latency "^hypercalls: calls 0000200000" 120
total=$(($(cell_stat latency "$cpu" total) - before))
trace_end /tmp/load
traced=$(count hv_exit /tmp/load cell=$id)
lost=$(records hv_lost /tmp/load cpu=$cpu | values lost | awk '{ n += $1 } END { print n + 0 }')
[ $switches -ge 4 ] && [ $((traced + lost)) = "$total" ] &&
	pass "$switches mask changes under load: traced $traced + lost $lost = counted $total" ||
	fail "mask changes under load: traced + lost = counted" \
		"$switches changes, traced $traced + lost $lost, counted '$total'"
status_lost=$(lost_in_status /tmp/load.status "$cpu")
[ "$lost" -gt 0 ] && [ "$status_lost" = "$lost" ] &&
	pass "the loss is real and reported alike by hv_lost and hvctl trace status ($lost)" ||
	fail "the loss is real and reported alike by hv_lost and hvctl trace status" \
		"hv_lost $lost, status '$status_lost'"
hvctl cell destroy latency > /dev/null 2>&1
hvctl trace off > /dev/null 2>&1

echo "--- on and off under load: numbered calls, each stretch without a gap"
# Each call carries its number: a stretch of the trace between an off and an
# on must hold consecutive numbers, but where hv_lost reported a loss.
busy_cell "calls=1000 rounds=300 pause-ms=10 numbered" 64
offs=0
while ! hvctl console latency | grep -q "^hypercalls:" && [ $offs -lt 50 ]; do
	sleep 0.2
	hvctl trace off latency > /dev/null 2>&1
	offs=$((offs + 1))
	sleep 0.1
	hvctl trace on latency --class exit > /dev/null 2>&1
done
wait_console latency "^hypercalls: calls 0000300000" 120
trace_end /tmp/onoff
# Walks the records in order: a gap in the numbers is a loss when hv_lost
# said so before it, else an off stretch; numbers never go back.
gaps=$(grep -E " hv_lost: .*cpu=$cpu( |$)| hv_exit: .*cell=$id .*reason=hypercall" /tmp/onoff |
	sed 's/.*: //' | awk "$HC"'
	/lost=/ { for (i = 1; i <= NF; i++) if ($i ~ /^lost=/) pend += substr($i, 6); next }
	{ for (i = 1; i <= NF; i++) if ($i ~ /^detail=/) d = substr($i, 8)
	  if (code(d) != 1) next
	  n = x1(d); seen++
	  if (prev && n <= prev) back++
	  else if (prev && n > prev + 1 && n - prev - 1 > pend) off++
	  prev = n; pend = 0 }
	END { print seen + 0, off + 0, back + 0 }')
set -- $gaps
[ "$offs" -ge 2 ] && [ "$1" -gt 0 ] && [ "$2" -ge 1 ] && [ "$2" -le "$offs" ] && [ "$3" = 0 ] &&
	pass "$offs offs under load: $1 calls traced, $2 unexplained gaps (offs), none out of order" ||
	fail "on and off under load: numbered stretches without gaps" \
		"$offs offs; traced, unexplained gaps, out of order: '$gaps'"
hvctl cell destroy latency > /dev/null 2>&1
check "trace off at the end" hvctl trace off
hvctl trace status > /tmp/status 2>&1
grep -q "^tracing: off" /tmp/status && pass "the rings are released" ||
	fail "the rings are released" "$(tr '\n' ' ' < /tmp/status)"
pool_is "pool back after tracing" "$pool_start"
check "disable after tracing" hvctl disable
