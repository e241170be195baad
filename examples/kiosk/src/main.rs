//! `ia87-kiosk`, the production image: on the Cortex-M4F (`target_os =
//! "none"`) the firmware that runs under QEMU `mps2-an386`
//! ([`ia87_kiosk::run_kiosk`]); on the host the same workload with stdout
//! output, plus `bench N` for instruction counts under callgrind.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[cfg(target_os = "none")]
mod firmware;
#[cfg(not(target_os = "none"))]
mod host;

#[cfg(target_os = "none")]
#[cortex_m_rt::entry]
fn main() -> ! {
    firmware::main(
        &firmware::Image {
            name: "kiosk",
            flash_budget: true,
        },
        ia87_kiosk::run_kiosk,
    )
}

#[cfg(not(target_os = "none"))]
fn main() -> std::process::ExitCode {
    host::main(host::Image::Kiosk)
}
