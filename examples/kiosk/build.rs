//! Linker setup for the firmware: copies the Cortex-M4F memory map to
//! `$OUT_DIR/memory.x` (cortex-m-rt's `link.x` includes it) and adds the
//! linker scripts. Host builds (the callgrind binary) need none of this.
//!
//! The map is named `memory-m4.x` on purpose: a file called `memory.x` in the
//! package root would shadow the one in `$OUT_DIR`.

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=memory-m4.x");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("none") {
        return;
    }
    let map = "memory-m4.x";
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = fs::copy(map, out.join("memory.x")) {
        println!("cargo:warning=cannot copy {map}: {e}");
        std::process::exit(1);
    }
    // cortex-m-rt's `device` feature makes link.x include device.x, where a
    // device crate would PROVIDE its interrupt handlers; the kiosk has none.
    if let Err(e) = fs::write(
        out.join("device.x"),
        "/* no device interrupts: see __INTERRUPTS in src/firmware.rs */\n",
    ) {
        println!("cargo:warning=cannot write device.x: {e}");
        std::process::exit(1);
    }
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rustc-link-arg-bins=-Tlink.x");
    if env::var_os("CARGO_FEATURE_DEFMT").is_some() {
        println!("cargo:rustc-link-arg-bins=-Tdefmt.x");
    }
}
