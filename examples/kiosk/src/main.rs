#![no_std]
#![no_main]
use cortex_m_rt::entry;
#[entry]
fn main() -> ! { loop { cortex_m::asm::wfi(); } }
#[panic_handler]
fn p(_: &core::panic::PanicInfo) -> ! { loop { cortex_m::asm::wfi(); } }
