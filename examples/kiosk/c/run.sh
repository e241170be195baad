#!/usr/bin/env bash
# Builds the bare-metal C kiosk firmware (examples/kiosk/c) against the no_std
# libia87_ffi.a and runs it under QEMU (mps2-an386, Cortex-M4F, semihosting).
# Two builds of main.c:
#   kiosk.elf       binary entry points only (IA87Event): no text parser linked
#   kiosk-text.elf  the same plus one ia87_case_apply_line (-DKIOSK_TEXT_LINE=1)
# Prints each firmware's line, their sizes, and a summary line; exits non-zero
# if a firmware reports a failed check or QEMU exits non-zero.
# Needs: arm-none-eabi-gcc, arm-none-eabi-size, qemu-system-arm, rustup target thumbv7em-none-eabihf.
set -Eeuo pipefail
cd "$(dirname "$0")/../../.."
OUT=target/c/kiosk
mkdir -p "$OUT"
# A size profile of its own (the workspace release profile is opt-level 3), so
# that the shared target/thumbv7em-none-eabihf/release is left alone.
PROFILE=(--config 'profile.kiosk-c.inherits="release"' --config 'profile.kiosk-c.opt-level="z"'
         --config 'profile.kiosk-c.lto=true' --config 'profile.kiosk-c.codegen-units=1'
         --config 'profile.kiosk-c.panic="abort"' --config 'profile.kiosk-c.debug=false'
         --profile kiosk-c)
cargo build -q -p ia87-ffi --target thumbv7em-none-eabihf "${PROFILE[@]}" 2>&1 \
  | grep -v -e "dropping unsupported crate type" -e "generated 1 warning" -e '^$' || true
LIB=target/thumbv7em-none-eabihf/kiosk-c/libia87_ffi.a

build_and_run() { # NAME EXTRA_CFLAGS... -> prints the firmware's line; sets FLASH, BSS, LOG
  local name=$1; shift
  arm-none-eabi-gcc -std=c99 -Wall -Wextra -Werror -Os -mcpu=cortex-m4 -mthumb -mfloat-abi=hard \
    -mfpu=fpv4-sp-d16 -ffunction-sections -fdata-sections -nostdlib -Wa,--noexecstack -Iinclude \
    "$@" -T examples/kiosk/c/link.ld -Wl,--gc-sections examples/kiosk/c/main.c "$LIB" -lgcc \
    -o "$OUT/$name.elf"
  local text data bss rc
  read -r text data bss _ < <(arm-none-eabi-size "$OUT/$name.elf" | awk 'NR == 2 {print $1, $2, $3}')
  FLASH=$((text + data)); BSS=$bss
  set +e
  LOG=$(timeout 60 qemu-system-arm -cpu cortex-m4 -machine mps2-an386 -nographic \
    -semihosting-config enable=on,target=native -kernel "$OUT/$name.elf" 2>&1)
  rc=$?
  set -e
  echo "$name: $LOG"
  grep -q '; ok$' <<<"$LOG" && (( rc == 0 )) || { echo "kiosk-c: $name failed (exit $rc)"; exit 1; }
}

build_and_run kiosk
flash=$FLASH bss=$BSS
stack_event=$(sed -n 's/.*stack high-water: apply_event \([0-9]*\) B.*/\1/p' <<<"$LOG")
build_and_run kiosk-text -DKIOSK_TEXT_LINE=1
flash_text=$FLASH
stack_line=$(sed -n 's/.*apply_line \([0-9]*\) B.*/\1/p' <<<"$LOG")
# A firmware that only builds IA87Events must not link the case-language parser.
parser=$(arm-none-eabi-nm -C "$OUT/kiosk.elf" | grep -c -e 'lang::parse::' -e 'lang::lexer::' || true)
(( parser == 0 )) || { echo "kiosk-c: the events-only firmware links the text parser ($parser symbols)"; exit 1; }
echo "kiosk-c: OK on QEMU mps2-an386 (opt-level z, LTO): flash $flash B events only (no parser linked), $flash_text B with apply_line; bss $bss B; stack of ia87_case_apply_event $stack_event B, ia87_case_apply_line $stack_line B"
