#!/usr/bin/env bash
# Builds the bare-metal C kiosk firmware (examples/kiosk/c) against the no_std
# libia87_ffi.a and runs it under QEMU (mps2-an386, Cortex-M4F, semihosting).
# Prints the firmware's line, its size, and a summary line; exits non-zero if
# the firmware reports a failed check or QEMU exits non-zero.
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
arm-none-eabi-gcc -std=c99 -Wall -Wextra -Werror -Os -mcpu=cortex-m4 -mthumb -mfloat-abi=hard \
  -mfpu=fpv4-sp-d16 -ffunction-sections -fdata-sections -nostdlib -Wa,--noexecstack -Iinclude \
  -T examples/kiosk/c/link.ld -Wl,--gc-sections examples/kiosk/c/main.c "$LIB" -lgcc \
  -o "$OUT/kiosk.elf"
read -r text data bss _ < <(arm-none-eabi-size "$OUT/kiosk.elf" | awk 'NR == 2 {print $1, $2, $3}')
set +e
log=$(timeout 60 qemu-system-arm -cpu cortex-m4 -machine mps2-an386 -nographic \
  -semihosting-config enable=on,target=native -kernel "$OUT/kiosk.elf" 2>&1)
rc=$?
set -e
echo "$log"
grep -q '; ok$' <<<"$log" && (( rc == 0 )) || { echo "kiosk-c: firmware failed (exit $rc)"; exit 1; }
stack=$(sed -n 's/.*stack high-water: apply_event \([0-9]*\) B.*/\1/p' <<<"$log")
echo "kiosk-c: OK on QEMU mps2-an386 (opt-level z, LTO): flash $((text + data)) B (text+rodata $text, data $data), bss $bss B, stack of ia87_case_apply_event $stack B"
