#!/usr/bin/env bash
# scripts/ci/kiosk.sh — builds and checks the Rust kiosk firmware (examples/kiosk).
#
# Run from the repository root. Assumes the tools are installed:
#   apt: qemu-system-arm binutils-arm-none-eabi valgrind
#   rustup: target thumbv7em-none-eabihf, components clippy rustfmt
#   cargo install --locked defmt-print@1.2.0
#
# Steps: rustfmt and clippy (firmware, firmware+defmt, host); firmware with
# hprintln and with defmt under QEMU (success line, exit code, defmt-print
# decode, the two logs equal); power-loss recovery; the exit code of a failing
# run; the host build (parser checks, same final snapshot as the firmware);
# callgrind instructions per apply; budgets; a summary table.
#
# Budgets (override for experiments only; the issue sets these):
#   KIOSK_FLASH_BUDGET  image flash, .vector_table + .text + .rodata  (default 65536)
#   KIOSK_CASE_BUDGET   size_of::<Case>() on thumbv7em                (default 512)
#   KIOSK_STACK_BUDGET  stack of one Case::apply                      (default 4096)
# Other knobs: QEMU_TIMEOUT (seconds, default 120), BENCH_REPS (default 1000).
set -Eeuo pipefail
trap 'echo "kiosk.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

cd "$(dirname "$0")/../.."
ROOT=$PWD
KIOSK=$ROOT/examples/kiosk
OUT=$KIOSK/target/ci
TARGET=thumbv7em-none-eabihf
ELF_BUILT=$KIOSK/target/$TARGET/release/ia87-kiosk
HOST_TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
HOST_BIN=$KIOSK/target/$HOST_TRIPLE/release/ia87-kiosk
FLASH_BUDGET=${KIOSK_FLASH_BUDGET:-65536}
CASE_BUDGET=${KIOSK_CASE_BUDGET:-512}
STACK_BUDGET=${KIOSK_STACK_BUDGET:-4096}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-120}
BENCH_REPS=${BENCH_REPS:-1000}
QEMU=(qemu-system-arm -cpu cortex-m4 -machine mps2-an386 -nographic
      -semihosting-config enable=on,target=native -kernel)

step() { echo; echo "==== kiosk: $*"; }
die() { echo "kiosk.sh: $*" >&2; exit 1; }

for tool in cargo rustc qemu-system-arm arm-none-eabi-size defmt-print valgrind callgrind_annotate; do
  command -v "$tool" >/dev/null || die "missing tool: $tool (see the header of this script)"
done
mkdir -p "$OUT"

# Cargo reads .cargo/config.toml from the current directory upwards, so every
# cargo command runs inside examples/kiosk (its config selects the target; the
# root config supplies the miscompile workaround flag).
cd "$KIOSK"

step "rustfmt and clippy"
cargo fmt --check
cargo clippy --release -- -D warnings
cargo clippy --release --features defmt -- -D warnings
cargo clippy --release --target "$HOST_TRIPLE" -- -D warnings

# Runs an ELF under QEMU; stdout to $2; returns QEMU's exit code.
run_qemu() {
  local rc=0
  timeout "$QEMU_TIMEOUT" "${QEMU[@]}" "$1" >"$2" || rc=$?
  [[ $rc -ne 124 ]] || die "QEMU timed out after ${QEMU_TIMEOUT}s running $1"
  return "$rc"
}

# Checks the last line of a log is the success line.
check_ok_line() {
  local last
  last=$(tail -n 1 "$1")
  echo "$last"
  [[ $last =~ ^kiosk:\ ok=true\ steps=[0-9]+\ applies=[0-9]+\ findings=[0-9]+\ power-loss=([0-9]+)/([0-9]+)\ checks=([0-9]+)/([0-9]+)\ snapshot=[0-9]+B\ crc=[0-9a-f]{8}$ ]] \
    || die "$1: the last line is not the success line"
  [[ ${BASH_REMATCH[1]} == "${BASH_REMATCH[2]}" && ${BASH_REMATCH[3]} == "${BASH_REMATCH[4]}" ]] \
    || die "$1: not every scenario or check passed"
}

step "firmware (hprintln) under QEMU"
cargo build --release
cp "$ELF_BUILT" "$OUT/ia87-kiosk-text.elf"
rc=0; run_qemu "$OUT/ia87-kiosk-text.elf" "$OUT/text.log" || rc=$?
[[ $rc -eq 0 ]] || { cat "$OUT/text.log"; die "firmware (hprintln) exited with $rc"; }
check_ok_line "$OUT/text.log"
# The floor: one apply and a snapshot round trip, no kiosk (the core's share of the flash).
cp "$KIOSK/target/$TARGET/release/ia87-kiosk-floor" "$OUT/ia87-kiosk-floor.elf"
rc=0; run_qemu "$OUT/ia87-kiosk-floor.elf" "$OUT/floor.log" || rc=$?
[[ $rc -eq 0 ]] || die "the floor firmware exited with $rc"
echo "floor firmware (one apply + snapshot round trip): exit 0"

step "firmware (defmt) under QEMU, decoded with defmt-print"
cargo build --release --features defmt
cp "$ELF_BUILT" "$OUT/ia87-kiosk-defmt.elf"
rc=0; run_qemu "$OUT/ia87-kiosk-defmt.elf" "$OUT/defmt.raw" || rc=$?
defmt-print -e "$OUT/ia87-kiosk-defmt.elf" <"$OUT/defmt.raw" >"$OUT/defmt.log"
[[ $rc -eq 0 ]] || { cat "$OUT/defmt.log"; die "firmware (defmt) exited with $rc"; }
echo "defmt frames: $(stat -c %s "$OUT/defmt.raw") bytes; decoded lines: $(wc -l <"$OUT/defmt.log")"
sed -E 's/^(INFO |WARN |ERROR|DEBUG|TRACE) //' "$OUT/defmt.log" >"$OUT/defmt.txt"
check_ok_line "$OUT/defmt.txt"
# The two loggers print the same lines; only the measured RAM figures differ.
keep='^budget (stack-high-water|static-ram|ram-total):'
diff <(grep -Ev "$keep" "$OUT/text.log") <(grep -Ev "$keep" "$OUT/defmt.txt") \
  || die "the defmt log and the hprintln log differ"
echo "defmt log = hprintln log (apart from the RAM figures)"

step "power loss during a commit: recovery and resumed run"
grep -E '^power lost|^  bit rot|^  reboot|^  scenario' "$OUT/text.log"
n=$(grep -c '^  scenario [0-9]*: final record [0-9]*B equal to the uninterrupted run: yes$' "$OUT/text.log" || true)
m=$(grep -c '^  scenario ' "$OUT/text.log" || true)
[[ $m -gt 0 && $n -eq $m ]] || die "power-loss scenarios: $n of $m recovered and matched"
grep -q '^CHECK FAILED' "$OUT/text.log" && die "a check failed (see $OUT/text.log)"
echo "power-loss scenarios: $n of $m recovered the last good record and matched byte for byte"

step "a failing check gives ok=false and exit code 1"
cargo build --release --features inject-failure
cp "$ELF_BUILT" "$OUT/ia87-kiosk-fail.elf"
rc=0; run_qemu "$OUT/ia87-kiosk-fail.elf" "$OUT/fail.log" || rc=$?
tail -n 1 "$OUT/fail.log"
[[ $rc -eq 1 ]] || die "the injected failure exited with $rc, not 1"
[[ $(tail -n 1 "$OUT/fail.log") == "kiosk: ok=false "* ]] || die "the injected failure did not print ok=false"

step "host build: workload, parser checks, same final snapshot"
cargo build --release --target "$HOST_TRIPLE"
rc=0; "$HOST_BIN" >"$OUT/host.log" || rc=$?
grep '^host:' "$OUT/host.log"
[[ $rc -eq 0 ]] || { cat "$OUT/host.log"; die "host workload exited with $rc"; }
check_ok_line "$OUT/host.log"
crc_of() { tail -n 1 "$1" | sed -E 's/.* crc=([0-9a-f]{8})$/\1/'; }
[[ $(crc_of "$OUT/host.log") == $(crc_of "$OUT/text.log") ]] \
  || die "the host and the firmware end with different snapshots"
echo "final snapshot CRC: host $(crc_of "$OUT/host.log") = firmware $(crc_of "$OUT/text.log")"

step "callgrind: instructions per apply"
collected() {
  valgrind --tool=callgrind --callgrind-out-file="$2" "$HOST_BIN" bench "$1" 2>&1 \
    | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
base=$(collected 0 "$OUT/callgrind.0")
full=$(collected "$BENCH_REPS" "$OUT/callgrind.$BENCH_REPS")
applies=$("$HOST_BIN" bench 0 | sed -E 's/.*applies-per-rep=([0-9]+).*/\1/')
calls=$((BENCH_REPS * applies))
per_apply=$(((full - base + calls / 2) / calls))
# The call edge "=> …Case::apply (Nx)" gives the inclusive cost of every call
# and the number of calls (awk reads to the end: an early exit would kill
# callgrind_annotate with SIGPIPE).
read -r apply_incl apply_calls < <(callgrind_annotate --inclusive=yes "$OUT/callgrind.$BENCH_REPS" 2>/dev/null \
  | awk '!done && /=> .*ia87_core::case::Case::apply \([0-9,]+x\)/ {
      c = $1; gsub(",", "", c); n = $NF; gsub("[(),x]", "", n); print c, n; done = 1 }')
[[ -n ${apply_incl:-} && ${apply_calls:-0} -eq $calls ]] \
  || die "callgrind: Case::apply calls ${apply_calls:-none}, expected $calls"
apply_only=$(((apply_incl + calls / 2) / calls))
echo "bench 0: $base Ir; bench $BENCH_REPS: $full Ir; $applies applies per script"
echo "per apply (baseline subtracted, whole step loop): $per_apply; Case::apply inclusive: $apply_only"

step "budgets"
flash_of() {
  arm-none-eabi-size -A "$1" | awk '$1==".vector_table"||$1==".text"||$1==".rodata"{s+=$2} END{print s}'
}
section() { arm-none-eabi-size -A "$1" | awk -v s="$2" '$1==s{print $2}'; }
figure() { sed -n "s/^budget $2: \([0-9]*\)B.*/\1/p" "$1" | head -n 1; }
flash_text=$(flash_of "$OUT/ia87-kiosk-text.elf")
flash_defmt=$(flash_of "$OUT/ia87-kiosk-defmt.elf")
flash_floor=$(flash_of "$OUT/ia87-kiosk-floor.elf")
bss=$(section "$OUT/ia87-kiosk-defmt.elf" .bss)
data=$(section "$OUT/ia87-kiosk-defmt.elf" .data)
case_size=$(figure "$OUT/text.log" case-size)
apply_stack=$(figure "$OUT/text.log" apply-stack)
apply_stack_defmt=$(figure "$OUT/defmt.txt" apply-stack)
largest_step=$(sed -n 's/^budget apply-stack-largest: .* at step \([0-9]*\)$/\1/p' "$OUT/text.log")
stack_hwm=$(figure "$OUT/text.log" stack-high-water)
stack_hwm_defmt=$(figure "$OUT/defmt.txt" stack-high-water)
static_ram=$(figure "$OUT/text.log" static-ram)
for v in flash_text flash_defmt flash_floor bss data case_size apply_stack apply_stack_defmt largest_step \
         stack_hwm stack_hwm_defmt static_ram per_apply apply_only; do
  [[ -n ${!v} ]] || die "could not measure $v (see the logs in $OUT)"
done
arm-none-eabi-size -A "$OUT/ia87-kiosk-defmt.elf" | grep -E '^(\.vector_table|\.text|\.rodata|\.data|\.bss) '

failures=()
# Prints ok or OVER (runs in a subshell: the caller records the failure).
verdict() { if [[ $1 -le $2 ]]; then echo ok; else echo OVER; fi; }
v_flash_defmt=$(verdict "$flash_defmt" "$FLASH_BUDGET"); [[ $v_flash_defmt == ok ]] || failures+=("image flash (defmt build): $flash_defmt B > $FLASH_BUDGET B")
v_flash_text=$(verdict "$flash_text" "$FLASH_BUDGET"); [[ $v_flash_text == ok ]] || failures+=("image flash (hprintln build): $flash_text B > $FLASH_BUDGET B")
v_case=$(verdict "$case_size" "$CASE_BUDGET"); [[ $v_case == ok ]] || failures+=("size_of::<Case>(): $case_size B > $CASE_BUDGET B")
worst_apply=$((apply_stack > apply_stack_defmt ? apply_stack : apply_stack_defmt))
v_stack=$(verdict "$worst_apply" "$STACK_BUDGET"); [[ $v_stack == ok ]] || failures+=("stack of one apply: $worst_apply B > $STACK_BUDGET B")

echo
echo "==== kiosk: summary"
printf '%-44s %14s %10s %s\n' "figure" "measured" "budget" "verdict"
printf '%-44s %14s %10s %s\n' "image flash, defmt build (vt+text+rodata)" "$flash_defmt B" "$FLASH_BUDGET B" "$v_flash_defmt"
printf '%-44s %14s %10s %s\n' "image flash, hprintln build" "$flash_text B" "$FLASH_BUDGET B" "$v_flash_text"
printf '%-44s %14s %10s %s\n' "  floor: one apply + codec, no kiosk" "$flash_floor B" "-" "$((flash_floor * 100 / FLASH_BUDGET))% of budget"
printf '%-44s %14s %10s %s\n' "RAM: .data + .bss (flash sim 8 KiB, buffers)" "$((data + bss)) B" "-" ""
printf '%-44s %14s %10s %s\n' "RAM: static, from __sheap (firmware)" "$static_ram B" "-" ""
printf '%-44s %14s %10s %s\n' "stack high-water, whole run (hprintln/defmt)" "$stack_hwm/$stack_hwm_defmt B" "-" ""
printf '%-44s %14s %10s %s\n' "stack of the largest apply (step $largest_step)" "$worst_apply B" "$STACK_BUDGET B" "$v_stack"
printf '%-44s %14s %10s %s\n' "size_of::<Case>() on $TARGET" "$case_size B" "$CASE_BUDGET B" "$v_case"
printf '%-44s %14s %10s %s\n' "instructions per apply (callgrind, host)" "$per_apply" "-" ""
printf '%-44s %14s %10s %s\n' "  of which inside Case::apply" "$apply_only" "-" ""
printf '%-44s %14s %10s %s\n' "power-loss scenarios recovered" "$n/$m" "all" "ok"

if [[ ${#failures[@]} -gt 0 ]]; then
  echo
  for f in "${failures[@]}"; do echo "kiosk.sh: BUDGET EXCEEDED: $f" >&2; done
  echo "kiosk.sh: see examples/kiosk/README.md (Budgets) for where the flash goes" >&2
  exit 1
fi
echo
echo "kiosk: all checks passed, all budgets met"
