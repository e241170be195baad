//! `ia87-kiosk-selftest`, the self-test image: the failure paths, the
//! reference run and every power-loss scenario
//! ([`ia87_kiosk::selftest::run_selftest`]). On the host it also runs the
//! parser checks ([`ia87_kiosk::host_checks`]). Its size is reported, not
//! budgeted.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[cfg(target_os = "none")]
#[path = "../firmware.rs"]
mod firmware;
#[cfg(not(target_os = "none"))]
#[path = "../host.rs"]
mod host;

#[cfg(target_os = "none")]
#[cortex_m_rt::entry]
fn main() -> ! {
    firmware::main(
        &firmware::Image {
            name: "kiosk-selftest",
            flash_budget: false,
        },
        ia87_kiosk::selftest::run_selftest,
    )
}

#[cfg(not(target_os = "none"))]
fn main() -> std::process::ExitCode {
    host::main(host::Image::Selftest)
}
