#!/usr/bin/env bash
# Runs every tests/conformance/**/*.case through the C ABI (tests/c/conformance,
# built with ASan + UBSan) and checks that
#   1. the JSON lines assembled in C equal `ia87 replay --format json`, byte for byte;
#   2. the JSON lines of ia87_outcome_json equal it too;
#   3. the expectation counts equal `ia87 check tests/conformance`.
# Usage (from anywhere): tests/c/run.sh     Env: IA87 (CLI binary), HARNESS, OUT.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
IA87=${IA87:-target/release/ia87}
HARNESS=${HARNESS:-tests/c/build/conformance}
OUT=${OUT:-target/c/conformance}
mkdir -p "$OUT"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mapfile -t files < <(find tests/conformance -name '*.case' | LC_ALL=C sort)
(( ${#files[@]} > 0 )) || { echo "no conformance files"; exit 1; }

"$IA87" replay --format json "${files[@]}" > "$OUT/rust.jsonl"
summary=$("$HARNESS" --c-out "$OUT/c.jsonl" --core-out "$OUT/core.jsonl" "${files[@]}" 2> "$OUT/harness.err") || {
  cat "$OUT/harness.err"; echo "C harness failed"; exit 1; }
check=$("$IA87" check tests/conformance | tail -n 1)

fail=0
for side in c core; do
  if ! cmp -s "$OUT/rust.jsonl" "$OUT/$side.jsonl"; then
    echo "MISMATCH: $side JSON differs from ia87 replay --format json"
    diff <(nl -ba "$OUT/rust.jsonl") <(nl -ba "$OUT/$side.jsonl") | head -20 || true
    fail=1
  fi
done
# shellcheck disable=SC2001
c_passed=$(sed 's/.*passed=\([0-9]*\).*/\1/' <<<"$summary")
c_failed=$(sed 's/.*failed=\([0-9]*\).*/\1/' <<<"$summary")
r_passed=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$check")
r_failed=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$check")
if [[ "$c_passed" != "$r_passed" || "$c_failed" != "$r_failed" ]]; then
  echo "MISMATCH: C harness passed=$c_passed failed=$c_failed, ia87 check: $check"
  fail=1
fi
if [[ -s "$OUT/harness.err" ]]; then
  echo "C harness wrote to stderr:"; cat "$OUT/harness.err"; fail=1
fi
lines=$(wc -l < "$OUT/rust.jsonl")
echo "C conformance: ${#files[@]} files, $lines JSON lines (C-built and ia87_outcome_json) equal to ia87 replay;"
echo "               expectations C: $c_passed passed, $c_failed failed; ia87 check: $check"
echo "               harness: $summary"
exit "$fail"
