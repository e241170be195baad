#!/usr/bin/env bash
# scripts/ci/c-abi.sh — the C ABI checks (issue 4: ffi/, include/, tests/c/, examples/c/).
#
# Run from anywhere; works from the repository root. Assumes the tools are
# installed (.ci/run installs them): cbindgen 0.29.4, gcc/g++, libsqlite3-dev,
# rustup target thumbv7em-none-eabihf; optional: valgrind (instruction count),
# arm-none-eabi-gcc + qemu-system-arm (the C kiosk firmware, if present).
#
# Steps:
#   header      regenerate include/ia87.h with cbindgen; fail on drift
#   build       ia87-ffi --release (staticlib + cdylib), ia87 CLI --release
#   compile     the header as C99 (-Wall -Wextra -Werror -pedantic) and C++11
#   minimal     examples/c/minimal.c, linked static and dynamic, run
#   conformance tests/c under ASan + UBSan, compared with `ia87 replay`/`ia87 check`
#   legacy      examples/c (SQLite) under ASan + UBSan, and its restart test
#   thumb       ia87-ffi --release --target thumbv7em-none-eabihf
#   kiosk-c     examples/kiosk/c (bare-metal C firmware on QEMU, events-only and text builds;
#               the events-only build must not link the parser), when present
#   callgrind   instructions per ia87_case_apply_line (when valgrind is installed)
# Prints a summary; exits non-zero on the first failure.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TERM_COLOR=never

OUT=target/c
mkdir -p "$OUT"
declare -a SUMMARY=()
STEP=""
step() { STEP=$1; STEP_T0=$SECONDS; echo; echo "--- c-abi: $1"; }
ok() { SUMMARY+=("$(printf '%-12s %4ds  %s' "$STEP" $((SECONDS - STEP_T0)) "$1")"); }
trap 'echo; echo "c-abi: FAILED in step ${STEP:-?} (line $LINENO: $BASH_COMMAND)"; printf "  %s\n" "${SUMMARY[@]}"' ERR

# ---------------------------------------------------------------- header drift
step header
cp include/ia87.h "$OUT/ia87.h.committed"
cbindgen --quiet --config ffi/cbindgen.toml --crate ia87-ffi --output include/ia87.h ffi
if ! cmp -s "$OUT/ia87.h.committed" include/ia87.h; then
  diff -u "$OUT/ia87.h.committed" include/ia87.h | head -40 || true
  echo "include/ia87.h is stale: it has been regenerated; commit it (see ffi/README.md)"
  exit 1
fi
git diff --exit-code -- include/ || {
  echo "include/ia87.h differs from the committed one: regenerate with cbindgen and commit"; exit 1; }
ok "include/ia87.h matches cbindgen ($(wc -l < include/ia87.h) lines)"

# ---------------------------------------------------------------- build
step build
cargo build -p ia87-ffi --release
# The CLI as `cargo test --workspace --release` builds it (one parquet build, not two).
cargo test --workspace --release --no-run -q
NATIVE_LIBS=$(cargo rustc -p ia87-ffi --release --lib --crate-type staticlib -- --print native-static-libs 2>&1 \
  | sed -n 's/.*native-static-libs: //p' | tail -n 1)
[[ -n "$NATIVE_LIBS" ]] || { echo "could not read native-static-libs"; exit 1; }
export NATIVE_LIBS
LIB=target/release/libia87_ffi.a
ok "libia87_ffi.a $(stat -c %s "$LIB") B, libia87_ffi.so $(stat -c %s target/release/libia87_ffi.so) B; link: $NATIVE_LIBS"

# ---------------------------------------------------------------- header compiles
step compile
printf '#include "ia87.h"\nint main(void) { return ia87_abi_version() == IA87_ABI_VERSION ? 0 : 1; }\n' > "$OUT/header.c"
gcc -std=c99 -Wall -Wextra -Werror -pedantic -Iinclude -c "$OUT/header.c" -o "$OUT/header.o"
g++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -x c++ -Iinclude - <<<'#include "ia87.h"'
g++ -std=c++11 -Wall -Wextra -Werror -pedantic -Iinclude -x c++ "$OUT/header.c" -x none "$LIB" $NATIVE_LIBS -o "$OUT/header_cxx"
"$OUT/header_cxx"
extra=""
if command -v arm-none-eabi-gcc >/dev/null; then
  arm-none-eabi-gcc -std=c99 -Wall -Wextra -Werror -pedantic -mcpu=cortex-m4 -mthumb \
    -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Iinclude -c "$OUT/header.c" -o "$OUT/header_arm.o"
  extra=", arm-none-eabi-gcc C99"
fi
ok "gcc -std=c99 -pedantic, g++ -std=c++11 (syntax and link)$extra"

# ---------------------------------------------------------------- minimal example
step minimal
make -s -C examples/c build/minimal NATIVE_LIBS="$NATIVE_LIBS"
examples/c/build/minimal > "$OUT/minimal.txt"
gcc -std=c99 -Wall -Wextra -Werror -pedantic -Iinclude examples/c/minimal.c -Ltarget/release -lia87_ffi \
  -o "$OUT/minimal_dyn"
LD_LIBRARY_PATH=target/release "$OUT/minimal_dyn" | cmp -s - "$OUT/minimal.txt"
pc="no pkg-config"
if command -v pkg-config >/dev/null; then
  # The quick start of ffi/README.md: install into a prefix, build with pkg-config.
  PREFIX=$PWD/$OUT/prefix
  rm -rf "$PREFIX"
  install -Dm644 include/ia87.h "$PREFIX/include/ia87.h"
  install -Dm644 "$LIB" "$PREFIX/lib/libia87_ffi.a"
  mkdir -p "$PREFIX/lib/pkgconfig"
  sed -e "s|@PREFIX@|$PREFIX|" -e "s|@VERSION@|$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)|" \
      -e "s|@NATIVE_LIBS@|$NATIVE_LIBS|" ffi/ia87.pc.in > "$PREFIX/lib/pkgconfig/ia87.pc"
  # shellcheck disable=SC2046
  gcc -std=c99 -Wall -Wextra -Werror -pedantic examples/c/minimal.c \
      $(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --cflags --libs --static ia87) -o "$OUT/minimal_pc"
  "$OUT/minimal_pc" | cmp -s - "$OUT/minimal.txt"
  pc="pkg-config build agrees"
fi
ok "$(grep -c deadline "$OUT/minimal.txt") deadline printed; static and cdylib builds agree; $pc"

# ---------------------------------------------------------------- conformance through C
step conformance
make -s -C tests/c build/conformance NATIVE_LIBS="$NATIVE_LIBS"
conf=$(tests/c/run.sh)
echo "$conf"
ok "$(sed -n 's/^C conformance: //p' <<<"$conf") ASan+UBSan clean; $(sed -n 's/^ *expectations //p' <<<"$conf")"

# ---------------------------------------------------------------- legacy system with SQLite
step legacy
make -s -C examples/c all NATIVE_LIBS="$NATIVE_LIBS"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
make -s -C examples/c all BUILD=build-asan NATIVE_LIBS="$NATIVE_LIBS" \
  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
restart=$(BUILD=build-asan examples/c/test-restart.sh)
echo "$restart"
ok "$(tail -n 1 <<<"$restart" | sed 's/^restart: //') (ASan+UBSan build)"

# ---------------------------------------------------------------- bare-metal library
step thumb
cargo build -p ia87-ffi --release --target thumbv7em-none-eabihf 2>&1 | grep -v -e "dropping unsupported crate type" -e "generated 1 warning" -e "^$" || true
test -f target/thumbv7em-none-eabihf/release/libia87_ffi.a
ok "target/thumbv7em-none-eabihf/release/libia87_ffi.a $(stat -c %s target/thumbv7em-none-eabihf/release/libia87_ffi.a) B"

# ---------------------------------------------------------------- C kiosk firmware (optional)
if [[ -x examples/kiosk/c/run.sh ]] && command -v arm-none-eabi-gcc >/dev/null && command -v qemu-system-arm >/dev/null; then
  step kiosk-c
  kiosk=$(examples/kiosk/c/run.sh)
  echo "$kiosk"
  ok "$(tail -n 1 <<<"$kiosk")"
fi

# ---------------------------------------------------------------- instruction count
if command -v valgrind >/dev/null; then
  step callgrind
  make -s -C tests/c build/bench NATIVE_LIBS="$NATIVE_LIBS"
  measure() { # FILE MODE -> instructions per call
    local f=$1 mode=$2 runs=100 calls ir
    calls=$(valgrind --tool=callgrind --toggle-collect=ia87_case_apply_line --callgrind-out-file="$OUT/cg.out" \
      tests/c/build/bench "$f" "$runs" "$mode" 2>"$OUT/cg.err" | sed -n 's/.*apply_line_calls=\([0-9]*\).*/\1/p')
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$OUT/cg.err")
    echo $(( ir / calls ))
  }
  all=$(measure examples/c/data/flight-nz289.case all)
  applied=$(measure examples/c/data/flight-nz289.case applied)
  ok "instructions per ia87_case_apply_line (flight-nz289.case): $applied per event/directive line, $all over all lines"
fi

echo
echo "c-abi: ALL OK"
printf '  %s\n' "${SUMMARY[@]}"
