#!/usr/bin/env bash
# Restart test of the legacy case system (examples/c/legacy.c).
#
# For each input set it runs ia87-legacy uninterrupted into a fresh database,
# then again interrupted and restarted, and requires the final report (states,
# deadlines due, findings, rejected lines) to be identical:
#   - a deterministic crash at every transaction boundary (--crash-after N
#     exits in the middle of transaction N+1, before its COMMIT), then a restart;
#   - two crashes in a row, then a restart;
#   - a real `kill -9` of a slowed-down run (--slow-ms), then a restart.
# Inputs: data/flight-nz289.case, data/flight-nz289.csv (the same events as an
# interleaved event table, which must give the same report), and
# ../cases/*.case when that folder has files.
set -Eeuo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
BUILD=${BUILD:-build}             # e.g. BUILD=build-asan for the sanitizer build
make -s all BUILD="$BUILD" >/dev/null
BIN=$here/$BUILD/ia87-legacy
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ia87-restart.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
total_points=0
kills=0

fresh() { rm -f "$WORK/$1.db" "$WORK/$1.db-wal" "$WORK/$1.db-shm"; }

# check_set NAME STEP INPUT...: crash at every STEP-th transaction boundary.
check_set() {
  local name=$1 step=$2; shift 2
  fresh ref
  "$BIN" --db "$WORK/ref.db" "$@" > "$WORK/$name.ref"
  local k=0 points=0 rc
  while :; do
    fresh run
    rc=0; "$BIN" --db "$WORK/run.db" --crash-after "$k" --no-report "$@" 2>/dev/null || rc=$?
    if (( rc == 0 )); then break; fi          # k is past the last transaction
    (( rc == 3 )) || { echo "FAIL $name: --crash-after $k exited $rc"; exit 1; }
    "$BIN" --db "$WORK/run.db" "$@" > "$WORK/$name.out"
    if ! cmp -s "$WORK/$name.ref" "$WORK/$name.out"; then
      echo "FAIL $name: crash after $k commits, restart differs:"; diff "$WORK/$name.ref" "$WORK/$name.out" || true
      exit 1
    fi
    points=$((points + 1)); k=$((k + step))
  done
  # Two crashes in a row (the commit counter restarts with each run).
  for pair in "3 5" "10 1" "0 0"; do
    read -r a b <<<"$pair"
    fresh run
    "$BIN" --db "$WORK/run.db" --crash-after "$a" --no-report "$@" 2>/dev/null || true
    "$BIN" --db "$WORK/run.db" --crash-after "$b" --no-report "$@" 2>/dev/null || true
    "$BIN" --db "$WORK/run.db" "$@" > "$WORK/$name.out"
    cmp -s "$WORK/$name.ref" "$WORK/$name.out" || { echo "FAIL $name: crashes after $a and $b"; exit 1; }
  done
  # A real kill -9, mid-run.
  local landed=0
  for delay in 0.1 0.3 0.6; do
    fresh run
    "$BIN" --db "$WORK/run.db" --slow-ms 20 --no-report "$@" 2>/dev/null &
    local pid=$!
    sleep "$delay"
    rc=0; kill -9 "$pid" 2>/dev/null || rc=$?
    wait "$pid" 2>/dev/null && status=0 || status=$?
    if (( rc == 0 && status == 137 )); then kills=$((kills + 1)); landed=$((landed + 1)); fi
    "$BIN" --db "$WORK/run.db" "$@" > "$WORK/$name.out"
    cmp -s "$WORK/$name.ref" "$WORK/$name.out" || {
      echo "FAIL $name: kill -9 after ${delay}s, restart differs:"; diff "$WORK/$name.ref" "$WORK/$name.out" || true; exit 1; }
  done
  (( landed > 0 )) || { echo "FAIL $name: no kill -9 landed before the run ended"; exit 1; }
  total_points=$((total_points + points))
  echo "restart: $name: $points crash points, 3 double crashes, $landed kill -9 mid-run: reports identical ($(grep -c '^case ' "$WORK/$name.ref") cases, $(grep -c 'finding ' "$WORK/$name.ref") findings)"
}

check_set flight-nz289.case 1 data/flight-nz289.case
check_set flight-nz289.csv 1 data/flight-nz289.csv
# The case file and the CSV table hold the same events: same report, bar the source:line.
strip() { sed 's/  ([^()]*:[0-9]*)$//' "$1"; }
diff <(strip "$WORK/flight-nz289.case.ref") <(strip "$WORK/flight-nz289.csv.ref") >/dev/null || {
  echo "FAIL: the case file and the CSV table give different reports"
  diff <(strip "$WORK/flight-nz289.case.ref") <(strip "$WORK/flight-nz289.csv.ref") || true; exit 1; }
echo "restart: flight-nz289.case and flight-nz289.csv give the same report (text lines vs binary events)"

shopt -s nullglob
bundled=(../cases/*.case)
if (( ${#bundled[@]} > 0 )); then
  check_set examples-cases 3 "${bundled[@]}"
fi

# --now: deadlines due in the 24 hours after a chosen instant.
fresh ref
"$BIN" --db "$WORK/ref.db" --now 2009-03-03T12:00+13:00 data/flight-nz289.case > "$WORK/now.txt"
grep -q 'due     warrant-application    2009-03-04T07:00:00+13:00' "$WORK/now.txt" || {
  echo "FAIL: --now report lacks the warrant-application deadline of akl-nz289-06"; cat "$WORK/now.txt"; exit 1; }
echo "restart: OK ($total_points crash points in all, $kills of 9 kill -9 signals landed mid-run)"
