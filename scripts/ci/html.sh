#!/usr/bin/env bash
# scripts/ci/html.sh — the timeline page (`ia87 replay --format html`) in a real
# browser: headless Chromium from Debian's packages (`apt-get install chromium`).
#
# For the page of each bundled example, of all of them together, and of a
# hostile case file (markup and script in its comments and lines), it fails when
#   - Chromium logs anything from the page's console (an error, an uncaught
#     exception, a Content-Security-Policy refusal);
#   - the page's own script did not run to its end (`data-ready="yes"` missing);
#   - markup from the input became markup (the hostile page).
# It also takes a screenshot of examples/cases/dst-48h-breach.case
# ($OUT/timeline.png); SCREENSHOT=1 writes it to docs/img/timeline.png, the
# picture in the README.
#
# Env: IA87 (the CLI, default target/release/ia87, built if missing), CHROMIUM
# (default: chromium on PATH), OUT (default target/html). Without Chromium the
# check is skipped with a message, unless CI_REQUIRE_CHROMIUM is set (.ci/run
# sets it): then it fails.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$CHROMIUM" ]]; then
  if [[ -n "${CI_REQUIRE_CHROMIUM:-}" ]]; then
    echo "html: chromium is not installed and CI_REQUIRE_CHROMIUM is set (apt-get install chromium)"
    exit 1
  fi
  echo "html: SKIPPED: chromium is not installed (apt-get install chromium); CI sets CI_REQUIRE_CHROMIUM=1"
  exit 0
fi
IA87=${IA87:-target/release/ia87}
[[ -x $IA87 ]] || cargo test --workspace --release --no-run -q   # builds target/release/ia87
OUT=${OUT:-target/html}
rm -rf "$OUT"
mkdir -p "$OUT"

# One headless run: the page, then Chromium's own arguments. Run as root in CI,
# hence --no-sandbox; a fresh profile each time; nothing in the background.
chrome() {
  local page=$1 profile status=0
  shift
  profile=$(mktemp -d)
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    "$@" "file://$PWD/$page" || status=$?
  rm -rf "$profile"
  return "$status"
}

pages=()
for f in examples/cases/*.case; do
  page="$OUT/$(basename "$f" .case).html"
  "$IA87" replay --format html --output "$page" "$f"
  pages+=("$page")
done
"$IA87" replay --format html --output "$OUT/all.html" examples/cases/*.case
pages+=("$OUT/all.html")

# A hostile file: every piece of it must stay text.
cat > "$OUT/hostile.case" <<'EOF'
ia87 1
# <script>document.documentElement.setAttribute('data-pwned','comment')</script>
case hostile
2009-03-02T06:10+13:00 arrive craft=A place=customs  # "><img src=x onerror="document.documentElement.setAttribute('data-pwned','attr')">
2009-03-02T06:25+13:00 present # </code></td></tr></table><script>document.documentElement.setAttribute('data-pwned','row')</script>
2009-03-02T08:00+13:00 refuse-permit by=io
2009-03-02T08:30+13:00 detain by=police basis=s128
2009-03-04T08:30:01+13:00 tick
2009-03-04T09:00+13:00 <svg/onload=alert(1)>
EOF
printf '2009-03-04T09:10+13:00 tick # \033]0;title\007 \033[2J\n' >> "$OUT/hostile.case"
status=0
"$IA87" replay --format html --output "$OUT/hostile.html" "$OUT/hostile.case" 2> "$OUT/hostile.err" || status=$?
[[ $status == 2 ]] || { echo "html: the hostile file should be bad input (exit 2), got $status"; exit 1; }
pages+=("$OUT/hostile.html")

fail=0
for page in "${pages[@]}"; do
  if ! chrome "$page" --dump-dom > "$page.dom" 2> "$page.log"; then
    echo "html: chromium failed on $page"; tail -5 "$page.log"; fail=1; continue
  fi
  if grep -E ':CONSOLE|Uncaught|Refused to' "$page.log"; then
    echo "html: $page wrote to the console"; fail=1
  fi
  grep -q 'data-ready="yes"' "$page.dom" || { echo "html: the script of $page did not run to its end"; fail=1; }
  grep -q '<section class="case"' "$page.dom" || { echo "html: $page shows no case"; fail=1; }
done
if grep -q 'data-pwned=' "$OUT/hostile.html.dom"; then
  echo "html: markup from the input ran in the page"; fail=1
fi
scripts=$(grep -o '<script' "$OUT/hostile.html.dom" | wc -l)
[[ $scripts == 1 ]] || { echo "html: the hostile page has $scripts script elements (1 expected)"; fail=1; }
(( fail == 0 )) || exit 1

# The README's picture.
chrome "$OUT/dst-48h-breach.html" --hide-scrollbars --window-size=1280,1500 \
  --screenshot="$PWD/$OUT/timeline.png" > /dev/null 2> "$OUT/screenshot.log"
[[ -s "$OUT/timeline.png" ]] || { echo "html: no screenshot"; exit 1; }
if [[ "${SCREENSHOT:-}" == 1 ]]; then
  mkdir -p docs/img
  cp "$OUT/timeline.png" docs/img/timeline.png
  echo "html: wrote docs/img/timeline.png"
fi
echo "html: ${#pages[@]} pages rendered in $("$CHROMIUM" --version 2>/dev/null | head -1) with no console output"
