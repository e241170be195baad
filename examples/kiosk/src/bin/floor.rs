//! `ia87-kiosk-floor`: the smallest firmware with what the kiosk cannot do
//! without, one `Case::apply` (the event is opaque to the optimiser, so every
//! machine stays reachable) and a snapshot encode/decode, and nothing else (no
//! output, no flash simulation). Its image size is the floor under the kiosk's
//! flash budget; `scripts/ci/kiosk.sh` reports it. Exit code 0 if the apply and
//! the round trip succeed, 1 otherwise. On the host it is an empty program.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]

#[cfg(target_os = "none")]
mod firmware {
    use core::hint::black_box;
    use cortex_m_rt::entry;
    use ia87_core::codec::{decode_case, encode_case, MAX_SNAPSHOT_LEN};
    use ia87_core::time::Instant;
    use ia87_core::{Case, Event, EventKind};

    // The vector table's interrupt part (cortex-m-rt feature `device`), as in
    // src/firmware.rs: one entry, no interrupt is enabled.
    #[link_section = ".vector_table.interrupts"]
    #[no_mangle]
    static __INTERRUPTS: [unsafe extern "C" fn(); 1] = [DefaultHandler];

    extern "C" {
        fn DefaultHandler();
    }

    fn exit(code: u32) -> ! {
        // SAFETY: semihosting SYS_EXIT_EXTENDED with its two-word parameter block.
        unsafe {
            cortex_m_semihosting::syscall(0x20, &[0x20026usize, code as usize]);
        }
        loop {
            cortex_m::asm::wfi();
        }
    }

    #[entry]
    fn main() -> ! {
        let mut case = Case::new();
        let event = black_box(Event {
            at: Instant::from_unix_seconds(1_235_927_400),
            kind: EventKind::Arrive {
                craft: true,
                place: None,
                stowaway: false,
                transit: false,
                precleared: false,
                group: false,
                transit_visa: None,
            },
        });
        let applied = case.apply(&event).is_ok();
        let mut buf = [0u8; MAX_SNAPSHOT_LEN];
        let round_trip = encode_case(black_box(&case), &mut buf)
            .ok()
            .and_then(|n| buf.get(..n))
            .and_then(|b| decode_case(b).ok())
            .map(black_box)
            .is_some();
        exit(if applied && round_trip { 0 } else { 1 })
    }

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        exit(101)
    }
}

#[cfg(not(target_os = "none"))]
fn main() {}
